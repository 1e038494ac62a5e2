package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// speakersPanel lists the set's speakers with rename, merge and add. Each
// row is a component holding only what it shows, so a change re-renders the
// rows whose name or count moved; the merge choices exist for one row at a
// time, not every other speaker in every row.
type speakersPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int

	mergeFrom string // the speaker whose merge form is open
}

func (p *speakersPanel) Render() goapp.UI {
	w := p.W
	s := w.set()
	if s == nil {
		return goapp.Section()
	}
	speakers := s.Speakers
	if _, ok := s.Speaker(p.mergeFrom); !ok {
		p.mergeFrom = ""
	}
	return goapp.Section().Class("speakers").Aria("label", "Speakers").Body(
		goapp.H2().Text(fmt.Sprintf("Speakers (%d)", len(speakers))),
		goapp.Ul().Aria("label", "Speakers").Body(
			goapp.Range(speakers).Slice(func(i int) goapp.UI {
				sp := speakers[i]
				return &speakerRow{Panel: p, ID: sp.ID, Name: sp.Name, Uses: s.SpeakerUses(sp.ID),
					CanMerge: len(speakers) > 1, Merging: p.mergeFrom == sp.ID}
			}),
		),
		goapp.Input().Type("text").Placeholder("Add a speaker by name (for “he said” quotes)").Aria("label", "Add speaker").
			OnChange(func(ctx goapp.Context, e goapp.Event) {
				src := ctx.JSSrc()
				name := src.Get("value").String()
				var added annotations.Speaker
				if w.change(ctx, "", func(s *annotations.Set) (err error) { added, err = s.AddSpeaker(name); return err }) {
					src.Set("value", "")
					if a, ok := w.set().Annotation(w.selected); ok && a.Type != annotations.Mention && a.Speaker == "" {
						id := a.ID
						w.change(ctx, "", func(s *annotations.Set) error { return s.Attribute(id, added.ID) })
					}
				}
			}),
	)
}

// speakerRow is one speaker: its name (editable), how many annotations name
// it, and its merge control.
type speakerRow struct {
	goapp.Compo
	Panel    *speakersPanel
	ID       string
	Name     string
	Uses     int
	CanMerge bool
	Merging  bool

	mergeInto string
}

func (r *speakerRow) Render() goapp.UI {
	w := r.Panel.W
	id := r.ID
	line := goapp.Div().Class("speaker-line").Body(
		goapp.Input().Type("text").Value(r.Name).Aria("label", "Name of "+r.Name).
			OnChange(func(ctx goapp.Context, e goapp.Event) {
				name := ctx.JSSrc().Get("value").String()
				if !w.change(ctx, "", func(s *annotations.Set) error { return s.RenameSpeaker(id, name) }) {
					ctx.JSSrc().Set("value", w.set().SpeakerName(id))
				}
			}),
		goapp.Span().Class("count").Title(strconv.Itoa(r.Uses)+" annotations name "+r.Name).Text(strconv.Itoa(r.Uses)),
		goapp.If(r.CanMerge && !r.Merging, func() goapp.UI {
			return goapp.Button().Type("button").Class("merge-open").Text("Merge…").
				Aria("label", "Merge "+r.Name+" into…").Aria("expanded", "false").
				OnClick(func(ctx goapp.Context, e goapp.Event) {
					r.Panel.mergeFrom = id
					r.mergeInto = ""
					w.revs.speakers++
				})
		}),
	)
	li := goapp.Li().DataSet("speaker-id", id)
	if !r.Merging {
		return li.Body(line)
	}
	options := []goapp.UI{goapp.Option().Value("").Selected(r.mergeInto == "").Text("Merge into…")}
	for _, other := range w.set().Speakers {
		if other.ID != id {
			options = append(options, goapp.Option().Value(other.ID).Selected(other.ID == r.mergeInto).Text(other.Name))
		}
	}
	return li.Body(
		line,
		goapp.Div().Class("merge-form").Body(
			goapp.Select().Aria("label", "Merge "+r.Name+" into").
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					r.mergeInto = ctx.JSSrc().Get("value").String()
					if r.mergeInto != "" {
						r.merge(ctx)
					}
				}).Body(options...),
			goapp.Button().Type("button").Text("Cancel").OnClick(func(ctx goapp.Context, e goapp.Event) {
				r.Panel.mergeFrom = ""
				w.revs.speakers++
			}),
		),
	)
}

func (r *speakerRow) merge(ctx goapp.Context) {
	from, into := r.ID, r.mergeInto
	r.Panel.mergeFrom = ""
	w := r.Panel.W
	w.revs.speakers++
	w.change(ctx, "", func(s *annotations.Set) error { return s.MergeSpeakers(from, into) })
}
