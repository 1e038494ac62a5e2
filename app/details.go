package app

import (
	"fmt"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

const noteFieldID = "annotation-note"

// detailsPanel shows the selected annotation's fields. Handlers read the
// selection when they run, so a handler kept from an earlier render never
// edits the wrong annotation.
type detailsPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

// OnUpdate puts the selected annotation's note in the Note box: a
// textarea's shown text is a property that a render does not reset when
// only the selection changed.
func (p *detailsPanel) OnUpdate(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) { p.syncNote() })
}

func (p *detailsPanel) OnMount(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) { p.syncNote() })
}

func (p *detailsPanel) syncNote() {
	s := p.W.set()
	if s == nil {
		return
	}
	a, ok := s.Annotation(p.W.selected)
	el := goapp.Window().GetElementByID(noteFieldID)
	if ok && el.Truthy() && el.Get("value").String() != a.Note {
		el.Set("value", a.Note)
	}
}

func (p *detailsPanel) Render() goapp.UI {
	w := p.W
	s := w.set()
	var a annotations.Annotation
	ok := false
	if s != nil {
		a, ok = s.Annotation(w.selected)
	}
	section := goapp.Section().Class("details").Aria("label", "Details")
	if !ok {
		return section.Body(goapp.H2().Text("Details"), goapp.P().Class("hint").Text("Click a highlight or a list entry to select it."))
	}
	edit := func(mergeKey string, change func(a *annotations.Annotation, v goapp.Value)) goapp.EventHandler {
		return func(ctx goapp.Context, e goapp.Event) {
			id, src := w.selected, ctx.JSSrc()
			w.change(ctx, mergeKey, func(s *annotations.Set) error {
				return s.Update(id, func(a *annotations.Annotation) { change(a, src) })
			})
		}
	}
	typeOptions := []goapp.UI{}
	for _, t := range annotations.Types {
		typeOptions = append(typeOptions, goapp.Option().Value(string(t)).Selected(t == a.Type).Text(string(t)))
	}
	fields := []goapp.UI{
		goapp.H2().Text(fmt.Sprintf("Details · %d–%d", a.Start, a.End)),
		goapp.Blockquote().Class("exact", string(a.Type)).Text(a.Exact),
		field("Type", goapp.Select().Aria("label", "Type").
			OnChange(edit("", func(a *annotations.Annotation, v goapp.Value) {
				a.Type = annotations.Type(v.Get("value").String())
			})).Body(typeOptions...)),
	}
	if a.Type == annotations.Quote {
		var forms []goapp.UI
		for _, f := range annotations.Forms {
			forms = append(forms, goapp.Option().Value(string(f)).Selected(f == a.Form).Text(string(f)))
		}
		fields = append(fields, field("Form", goapp.Select().Aria("label", "Form").
			OnChange(edit("", func(a *annotations.Annotation, v goapp.Value) {
				a.Form = annotations.Form(v.Get("value").String())
			})).Body(forms...)))
	}
	if a.Type == annotations.Claim {
		fields = append(fields, goapp.Label().Class("check").Body(
			goapp.Input().Type("checkbox").Aria("label", "Checkworthy").Checked(a.Checkworthy).
				OnChange(edit("", func(a *annotations.Annotation, v goapp.Value) {
					a.Checkworthy = v.Get("checked").Bool()
				})),
			goapp.Text(" Checkworthy"),
		))
	}
	speakers := []goapp.UI{}
	if a.Type != annotations.SpeakerMention {
		none := "unattributed"
		if a.Type == annotations.Claim {
			none = "the article itself"
		}
		speakers = append(speakers, goapp.Option().Value("").Selected(a.Speaker == "").Text("— "+none+" —"))
	}
	for _, sp := range s.Speakers {
		speakers = append(speakers, goapp.Option().Value(sp.ID).Selected(sp.ID == a.Speaker).Text(sp.Name))
	}
	fields = append(fields,
		field("Speaker", goapp.Select().Aria("label", "Speaker").
			OnChange(func(ctx goapp.Context, e goapp.Event) {
				id, speaker := w.selected, ctx.JSSrc().Get("value").String()
				w.change(ctx, "", func(s *annotations.Set) error { return s.Attribute(id, speaker) })
			}).Body(speakers...)),
		field("Note", goapp.Textarea().ID(noteFieldID).Aria("label", "Note").Rows(3).Attr("value", a.Note).
			OnInput(edit("note:"+a.ID, func(a *annotations.Annotation, v goapp.Value) {
				a.Note = v.Get("value").String()
			}))),
		goapp.Button().Type("button").Class("danger").Text("Delete annotation").
			OnClick(func(ctx goapp.Context, e goapp.Event) { w.deleteSelected(ctx) }),
	)
	return section.Body(fields...)
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
