package app

import (
	"cmp"
	"fmt"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// noSpeaker is the value of the Speaker choice "unattributed": go-app drops
// an empty value attribute, which leaves the option's text as its value, and
// a speaker's id is a UUID, which this is not.
const noSpeaker = "none"

// detailsPanel shows the selected annotation's fields.
type detailsPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

func (p *detailsPanel) Render() goapp.UI {
	w := p.W
	section := goapp.Section().Class("details").Aria("label", "Details")
	ok := false
	if s := w.set(); s != nil {
		_, ok = s.Annotation(w.selected)
	}
	if !ok {
		return section.Body(goapp.H2().Text("Details"), goapp.P().Class("hint").Text("Click a highlight or a list entry to select it."))
	}
	return section.DataSet("annotation-id", w.selected).Body(&annotationFields{W: w, ID: w.selected, Rev: p.Rev})
}

// annotationFields are the fields of one annotation. A control's shown
// value is a DOM property that go-app sets only when the rendered value
// differs from the one it rendered before, and it keeps the event handlers
// of the first render: so fields shared between annotations showed the
// text typed for the one selected before, and a keystroke saved it on the
// one selected now. Keyed by the annotation (CompoID), the fields are built
// anew for each annotation, and their handlers edit the annotation they
// were built for, whatever is selected when an event arrives.
type annotationFields struct {
	goapp.Compo
	W   *Workspace
	ID  string
	Rev int
}

func (f *annotationFields) CompoID() string { return "annotation-fields-" + f.ID }

// OnUpdate puts the note in its box once the update is rendered: an undo or
// redo can empty the note of the annotation shown, and go-app drops an empty
// value attribute rather than clear the box.
func (f *annotationFields) OnUpdate(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) {
		s := f.W.set()
		if s == nil {
			return
		}
		a, ok := s.Annotation(f.ID)
		box := goapp.Window().GetElementByID(noteBoxID(f.ID))
		if ok && box.Truthy() && box.Get("value").String() != a.Note {
			box.Set("value", a.Note)
		}
	})
}

func noteBoxID(annotationID string) string { return "annotation-note-" + annotationID }

func (f *annotationFields) Render() goapp.UI {
	w, id := f.W, f.ID
	s := w.set()
	if s == nil {
		return goapp.Div()
	}
	a, ok := s.Annotation(id)
	if !ok {
		return goapp.Div()
	}
	// edit applies a change made in a control; a refused one puts the
	// control back to what the annotation holds, so it never shows a value
	// that is not saved.
	edit := func(mergeKey string, change func(s *annotations.Set, v goapp.Value) error, restore func(a annotations.Annotation, v goapp.Value)) goapp.EventHandler {
		return func(ctx goapp.Context, e goapp.Event) {
			src := ctx.JSSrc()
			if w.change(ctx, mergeKey, func(s *annotations.Set) error { return change(s, src) }) {
				return
			}
			if s := w.set(); s != nil {
				if a, ok := s.Annotation(id); ok {
					restore(a, src)
				}
			}
		}
	}
	update := func(change func(a *annotations.Annotation, v goapp.Value)) func(s *annotations.Set, v goapp.Value) error {
		return func(s *annotations.Set, v goapp.Value) error {
			return s.Update(id, func(a *annotations.Annotation) { change(a, v) })
		}
	}
	typeOptions := []goapp.UI{}
	for _, t := range annotations.Types {
		typeOptions = append(typeOptions, goapp.Option().Value(string(t)).Selected(t == a.Type).Text(string(t)))
	}
	fields := []goapp.UI{
		goapp.H2().Text(fmt.Sprintf("Details · %d–%d", a.Start, a.End)),
		goapp.Blockquote().Class("exact", string(a.Type)).Text(a.Exact),
		field("Type", goapp.Select().ID("annotation-type-"+id).Aria("label", "Type").
			OnChange(edit("", update(func(a *annotations.Annotation, v goapp.Value) {
				a.Type = annotations.Type(v.Get("value").String())
			}), func(a annotations.Annotation, v goapp.Value) { v.Set("value", string(a.Type)) })).
			Body(typeOptions...)),
	}
	if a.Type == annotations.Quote {
		var forms []goapp.UI
		for _, form := range annotations.Forms {
			forms = append(forms, goapp.Option().Value(string(form)).Selected(form == a.Form).Text(string(form)))
		}
		fields = append(fields, field("Form", goapp.Select().ID("annotation-form-"+id).Aria("label", "Form").
			OnChange(edit("", update(func(a *annotations.Annotation, v goapp.Value) {
				a.Form = annotations.Form(v.Get("value").String())
			}), func(a annotations.Annotation, v goapp.Value) { v.Set("value", string(a.Form)) })).
			Body(forms...)))
	}
	if a.Type == annotations.Claim {
		fields = append(fields, goapp.Label().Class("check").Body(
			goapp.Input().ID("annotation-checkworthy-"+id).Type("checkbox").Aria("label", "Checkworthy").Checked(a.Checkworthy).
				OnChange(edit("", update(func(a *annotations.Annotation, v goapp.Value) {
					a.Checkworthy = v.Get("checked").Bool()
				}), func(a annotations.Annotation, v goapp.Value) { v.Set("checked", a.Checkworthy) })),
			goapp.Text(" Checkworthy"),
		))
	}
	speakers := []goapp.UI{}
	if a.Type != annotations.SpeakerMention {
		none := "unattributed"
		if a.Type == annotations.Claim {
			none = "the article itself"
		}
		speakers = append(speakers, goapp.Option().Value(noSpeaker).Selected(a.Speaker == "").Text("— "+none+" —"))
	}
	for _, sp := range s.Speakers {
		speakers = append(speakers, goapp.Option().Value(sp.ID).Selected(sp.ID == a.Speaker).Text(annotations.ShownName(sp.Name)))
	}
	fields = append(fields,
		field("Speaker", goapp.Select().ID("annotation-speaker-"+id).Aria("label", "Speaker").
			OnChange(edit("", func(s *annotations.Set, v goapp.Value) error {
				speaker := v.Get("value").String()
				if speaker == noSpeaker {
					speaker = ""
				}
				return s.Attribute(id, speaker)
			}, func(a annotations.Annotation, v goapp.Value) { v.Set("value", cmp.Or(a.Speaker, noSpeaker)) })).
			Body(speakers...)),
		field("Note", goapp.Textarea().ID(noteBoxID(id)).Aria("label", "Note").Rows(3).Attr("value", a.Note).
			OnInput(edit("note:"+id, update(func(a *annotations.Annotation, v goapp.Value) {
				a.Note = v.Get("value").String()
			}), func(a annotations.Annotation, v goapp.Value) { v.Set("value", a.Note) }))),
		goapp.Button().Type("button").Class("danger").Text("Delete annotation").
			OnClick(func(ctx goapp.Context, e goapp.Event) {
				if w.selected == id {
					w.deleteSelected(ctx)
				}
			}),
	)
	return goapp.Div().Class("fields").Body(fields...)
}

func field(label string, control goapp.UI) goapp.UI {
	return goapp.Label().Class("field").Body(goapp.Span().Text(label), control)
}

// orphansPanel lists annotations that could not be placed on this text:
// each can be placed on the current text selection or deleted.
type orphansPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

func (p *orphansPanel) Render() goapp.UI {
	w := p.W
	s := w.set()
	if s == nil || len(s.Orphans) == 0 {
		return goapp.Section()
	}
	orphans := s.Orphans
	return goapp.Section().Class("orphans").Aria("label", "Not placed").Body(
		goapp.H2().Text(fmt.Sprintf("Not placed (%d)", len(orphans))),
		goapp.P().Class("hint").Text("These were made on another version of the text. Select where each belongs and press Place, or delete it."),
		goapp.Ul().Aria("label", "Not placed").Body(
			goapp.Range(orphans).Slice(func(i int) goapp.UI {
				o := orphans[i]
				id := o.Annotation.ID
				return goapp.Li().DataSet("annotation-id", id).Body(
					goapp.Span().Class("kind").Text(string(o.Annotation.Type)),
					goapp.Span().Class("exact").Text(o.Annotation.Exact),
					goapp.Span().Class("why").Text(o.Reason),
					goapp.Button().Type("button").Text("Place at selection").OnMouseDown(keepSelection).
						OnClick(func(ctx goapp.Context, e goapp.Event) { w.placeOrphan(ctx, id) }, goapp.EventScope(id)),
					goapp.Button().Type("button").Text("Delete").
						OnClick(func(ctx goapp.Context, e goapp.Event) { w.deleteOrphan(ctx, id) }, goapp.EventScope(id)),
				)
			}),
		),
	)
}

func orphanIndex(s *annotations.Set, id string) int {
	for i, o := range s.Orphans {
		if o.Annotation.ID == id {
			return i
		}
	}
	return -1
}

func (w *Workspace) placeOrphan(ctx goapp.Context, id string) {
	start, end, ok := w.selectedSpan("Select the text where this annotation belongs, then press Place.")
	if !ok {
		return
	}
	if w.change(ctx, "", func(s *annotations.Set) error {
		_, err := s.PlaceOrphan(w.art, orphanIndex(s, id), start, end)
		return err
	}) {
		w.setSelected(ctx, id)
		clearTextSelection()
	}
}

func (w *Workspace) deleteOrphan(ctx goapp.Context, id string) {
	w.change(ctx, "", func(s *annotations.Set) error { return s.DeleteOrphan(orphanIndex(s, id)) })
}
