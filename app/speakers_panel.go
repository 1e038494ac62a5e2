package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

const (
	// speakerRowHeight is a speaker row's height in pixels (app.css gives
	// .speakers li the same), so a long list renders only what is in view.
	// A row is a block of two lines: the labelled name field, then the
	// count and the merge button.
	speakerRowHeight   = 88
	speakersScrollerID = "speaker-scroller"
)

// speakersPanel lists the set's speakers with rename, merge and add. Rows
// are components holding only what they show, so a change re-renders the
// rows whose name or count moved; a long list renders only the rows near its
// viewport; the merge choices exist for one speaker at a time.
type speakersPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int

	mergeFrom string // the speaker whose merge form is open
	scroll    virtualWindow
}

func (p *speakersPanel) onScroll(ctx goapp.Context, e goapp.Event) {
	if !p.scroll.onScroll(ctx.JSSrc(), len(p.W.set().Speakers)) {
		ctx.PreventUpdate() // still inside what is rendered
	}
}

func (p *speakersPanel) Render() goapp.UI {
	w := p.W
	s := w.set()
	if s == nil {
		return goapp.Section()
	}
	speakers := s.Speakers
	from, merging := s.Speaker(p.mergeFrom)
	if !merging {
		p.mergeFrom = ""
	}
	if p.scroll.rowHeight == 0 {
		p.scroll.rowHeight, p.scroll.viewHeight = speakerRowHeight, 360
	}
	first, last := p.scroll.rows(len(speakers))
	rows := speakers[first:last]
	return goapp.Section().Class("speakers").Aria("label", "Speakers").Body(
		goapp.H2().Text(fmt.Sprintf("Speakers (%d)", len(speakers))),
		goapp.If(merging, func() goapp.UI { return p.renderMergeForm(from) }),
		goapp.Div().ID(speakersScrollerID).Class("speaker-scroller").OnScroll(p.onScroll).Body(
			goapp.Ul().Aria("label", "Speakers").DataSet("count", len(speakers)).
				Style("padding-top", strconv.Itoa(first*speakerRowHeight)+"px").
				Style("height", strconv.Itoa(len(speakers)*speakerRowHeight)+"px").
				Body(
					goapp.Range(rows).Slice(func(i int) goapp.UI {
						sp := rows[i]
						return &speakerRow{Panel: p, ID: sp.ID, Name: sp.Name, Uses: s.SpeakerUses(sp.ID),
							CanMerge: len(speakers) > 1}
					}),
				),
		),
		goapp.Input().Type("text").Placeholder("Add a speaker by name (for “he said” quotes)").Aria("label", "Add speaker").
			OnChange(func(ctx goapp.Context, e goapp.Event) {
				src := ctx.JSSrc()
				name := src.Get("value").String()
				var added annotations.Speaker
				if w.change(ctx, "", func(s *annotations.Set) (err error) { added, err = s.AddSpeaker(name); return err }) {
					src.Set("value", "")
					if a, ok := w.set().Annotation(w.selected); ok && a.Type != annotations.SpeakerMention && a.Speaker == "" {
						id := a.ID
						w.change(ctx, "", func(s *annotations.Set) error { return s.Attribute(id, added.ID) })
					}
				}
			}),
	)
}

// renderMergeForm offers every other speaker to merge the chosen one into.
func (p *speakersPanel) renderMergeForm(from annotations.Speaker) goapp.UI {
	w := p.W
	options := []goapp.UI{goapp.Option().Value("").Selected(true).Text("Merge into…")}
	for _, other := range w.set().Speakers {
		if other.ID != from.ID {
			options = append(options, goapp.Option().Value(other.ID).Text(annotations.ShownName(other.Name)))
		}
	}
	return goapp.Div().Class("merge-form").DataSet("speaker-id", from.ID).Body(
		goapp.Span().Body(goapp.Text("Merge "), goapp.Bdi().Text(annotations.ShownName(from.Name)), goapp.Text(" into")),
		goapp.Select().Aria("label", "Merge "+from.Name+" into").
			OnChange(func(ctx goapp.Context, e goapp.Event) {
				into := ctx.JSSrc().Get("value").String()
				if into == "" {
					return
				}
				p.mergeFrom = ""
				w.revs.speakers++
				w.change(ctx, "", func(s *annotations.Set) error { return s.MergeSpeakers(from.ID, into) })
			}, goapp.EventScope(from.ID)).Body(options...),
		goapp.Button().Type("button").Text("Cancel").OnClick(func(ctx goapp.Context, e goapp.Event) {
			p.mergeFrom = ""
			w.revs.speakers++
		}),
	)
}

// speakerRow is one speaker: its name (editable), how many annotations name
// it, and the button that opens its merge form. The name field shows the
// name as annotations.ShownName writes it, since a field cannot isolate or
// show what is hidden in its text; a rename reads it back with
// NameFromShown, so the hidden characters whose codes the person left stay.
type speakerRow struct {
	goapp.Compo
	Panel    *speakersPanel
	ID       string
	Name     string
	Uses     int
	CanMerge bool
}

func (r *speakerRow) Render() goapp.UI {
	p := r.Panel
	w := p.W
	id := r.ID
	uses := annotations.CountOf(r.Uses, "annotation")
	// One block per speaker: the labelled name field across the whole
	// width, then what names it and the merge button, so a name stays
	// readable and editable however narrow the sidebar.
	return goapp.Li().Class("speaker-row").DataSet("speaker-id", id).Body(
		goapp.Label().Class("speaker-name").Body(
			goapp.Span().Class("caption").Text("Name"),
			goapp.Input().Type("text").Value(annotations.ShownName(r.Name)).Aria("label", "Name of "+r.Name).
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					name := annotations.NameFromShown(ctx.JSSrc().Get("value").String())
					if !w.change(ctx, "", func(s *annotations.Set) error { return s.RenameSpeaker(id, name) }) {
						ctx.JSSrc().Set("value", annotations.ShownName(w.set().SpeakerName(id)))
					}
				}, goapp.EventScope(id)),
		),
		goapp.Div().Class("speaker-meta").Body(
			goapp.Span().Class("count").Title(uses+" name "+annotations.ShownName(r.Name)).Text(uses),
			goapp.If(r.CanMerge, func() goapp.UI {
				return goapp.Button().Type("button").Class("merge-open").Text("Merge…").
					Aria("label", "Merge "+r.Name+" into…").
					OnClick(func(ctx goapp.Context, e goapp.Event) {
						p.mergeFrom = id
						w.revs.speakers++
					}, goapp.EventScope(id))
			}),
		),
	)
}
