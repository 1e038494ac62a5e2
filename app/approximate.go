package app

import (
	"cmp"
	"fmt"
	"slices"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// approximatePanel lists the annotations re-anchoring placed approximately,
// so that a wrong placement is never silent: each can be checked in the text
// and confirmed, or edited, moved or deleted like any other.
type approximatePanel struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

func (p *approximatePanel) Render() goapp.UI {
	w := p.W
	s := w.set()
	if s == nil || len(s.Approximate) == 0 {
		return goapp.Section()
	}
	var items []annotations.Annotation
	for id := range s.Approximate {
		if a, ok := s.Annotation(id); ok {
			items = append(items, a)
		}
	}
	slices.SortFunc(items, func(a, b annotations.Annotation) int {
		return cmp.Or(compareFloat(s.Approximate[a.ID], s.Approximate[b.ID]), cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
	})
	return goapp.Section().Class("approximate").Aria("label", "Placed approximately").Body(
		goapp.H2().Text(fmt.Sprintf("Placed approximately (%d)", len(items))),
		goapp.P().Class("hint").Text("The text changed around these since they were made. Check each in the text (dotted outline) and confirm it, or fix it."),
		goapp.Ul().Aria("label", "Placed approximately").Body(
			goapp.Range(items).Slice(func(i int) goapp.UI {
				a := items[i]
				id := a.ID
				return goapp.Li().DataSet("annotation-id", id).DataSet("confidence", fmt.Sprintf("%.2f", s.Approximate[id])).Body(
					goapp.Span().Class("kind").Text(fmt.Sprintf("%s · %.0f%%", a.Type, 100*s.Approximate[id])),
					goapp.A().Class("exact").Href("#").Text(a.Exact).OnClick(func(ctx goapp.Context, e goapp.Event) {
						e.PreventDefault()
						w.selectAnnotation(ctx, id, true)
					}, goapp.EventScope(id)),
					goapp.Button().Type("button").Text("Looks right").
						OnClick(func(ctx goapp.Context, e goapp.Event) {
							w.change(ctx, "", func(s *annotations.Set) error { return s.ConfirmPlacement(id) })
						}, goapp.EventScope(id)),
				)
			}),
		),
	)
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
