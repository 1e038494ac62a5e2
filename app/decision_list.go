package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"
	"quotemark/annotations/agreement"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The decision list's geometry, in pixels. Every row has the same height,
// set by the decision with the most options, so that a row's place follows
// from its index: the list renders only the rows near the viewport and
// scrolls to a decision it has not rendered.
const (
	decisionPad       = 6  // a row's padding
	decisionBorder    = 1  // a row's border
	decisionGap       = 6  // between rows
	decisionHead      = 18 // the row's heading line
	decisionOption    = 24 // an option button
	decisionOptionGap = 2  // above each option button
	// decisionOverscan rows are rendered beyond each edge of the visible
	// ones.
	decisionOverscan = 8
	// decisionsWholeUpTo: a list this long or shorter is rendered whole, so
	// it can be read and searched in the page as it is.
	decisionsWholeUpTo = 60
	decisionScrollerID = "decision-scroller"
)

// decisionRowHeight is the height of every row, gap included, when no
// decision has more than maxOptions options (and "Neither").
func decisionRowHeight(maxOptions int) int {
	return 2*decisionPad + 2*decisionBorder + decisionHead + (maxOptions+1)*(decisionOption+decisionOptionGap) + decisionGap
}

// decisionCSS fixes the rows' geometry; it belongs to the list, which is the
// only one to know it.
func decisionCSS(rowHeight int) string {
	return fmt.Sprintf(`#%[1]s { max-height: 60vh; overflow-y: auto; contain: content; }
#%[1]s .decisions { box-sizing: border-box; }
#%[1]s .decision { box-sizing: border-box; height: %[2]dpx; margin: 0 0 %[3]dpx; padding: %[4]dpx; border-width: %[5]dpx; overflow: hidden; }
#%[1]s .decision-head { height: %[6]dpx; line-height: %[6]dpx; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#%[1]s .option { box-sizing: border-box; height: %[7]dpx; margin: %[8]dpx 0 0; padding: 0 0.4rem; line-height: %[9]dpx; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`,
		decisionScrollerID, rowHeight-decisionGap, decisionGap, decisionPad, decisionBorder, decisionHead,
		decisionOption, decisionOptionGap, decisionOption-2)
}

// decisionList is the adjudication panel: progress, actions and one row per
// decision. Only rows near the scroller's viewport exist in the DOM;
// padding and height keep the scrollbar true to the whole list. It
// re-renders when Rev moves or it scrolls past what it rendered; of its
// rows, each a component, only those whose decision, choice or focus changed
// render again.
type decisionList struct {
	goapp.Compo
	C   *Compare
	Rev int

	gen    int // the Compare's revs.gen last rendered
	scroll virtualWindow
}

func (l *decisionList) OnMount(ctx goapp.Context) {
	ctx.Defer(func(ctx goapp.Context) { l.measure(ctx) })
}

func (l *decisionList) measure(ctx goapp.Context) {
	if l.window().measure(decisionScrollerID) {
		ctx.Update()
	}
}

// window is the list's scroll state with the row height of the decisions
// shown now (it follows the most options a decision has).
func (l *decisionList) window() *virtualWindow {
	v := &l.scroll
	v.rowHeight, v.wholeUpTo, v.overscan = l.rowHeight(), decisionsWholeUpTo, decisionOverscan
	if v.viewHeight == 0 {
		v.viewHeight = 600
	}
	return v
}

// OnUpdate starts a new list at its top and brings the decision in focus
// into view.
func (l *decisionList) OnUpdate(ctx goapp.Context) {
	c := l.C
	if l.gen != c.revs.gen {
		l.gen = c.revs.gen
		l.scroll.scrollTop = 0
		ctx.Defer(func(goapp.Context) {
			if el := goapp.Window().GetElementByID(decisionScrollerID); el.Truthy() {
				el.Set("scrollTop", 0)
			}
			l.measure(ctx)
		})
	}
	if c.listReveal < 0 {
		return
	}
	pos := c.listReveal
	c.listReveal = -1
	l.window().reveal(ctx, pos, decisionScrollerID)
}

func (l *decisionList) rowHeight() int { return decisionRowHeight(l.C.maxOptions) }

func (l *decisionList) count() int {
	if l.C.adj == nil {
		return 0
	}
	return len(l.C.adj.Decisions)
}

func (l *decisionList) onScroll(ctx goapp.Context, e goapp.Event) {
	if !l.window().onScroll(ctx.JSSrc(), l.count()) {
		ctx.PreventUpdate() // still inside what is rendered
	}
}

func (l *decisionList) Render() goapp.UI {
	c := l.C
	if c.adj == nil {
		return goapp.Section()
	}
	decisions := c.adj.Decisions
	n := len(decisions)
	done := c.resolvedN
	rowH := l.rowHeight()
	first, last := l.window().rows(n)
	rows := make([]goapp.UI, 0, last-first)
	for i := first; i < last; i++ {
		rows = append(rows, &decisionRow{C: c, Index: i, Gen: c.revs.gen, Choice: c.choices[i], Current: i == c.current})
	}
	return goapp.Section().Class("adjudication").Aria("label", "Adjudication").Body(
		goapp.H2().Text(fmt.Sprintf("Disagreements (%d)", n)),
		goapp.P().Class("progress").Role("status").DataSet("resolved", done).DataSet("total", n).
			Text(fmt.Sprintf("%d of %d resolved · %d spans agreed by all", done, n, len(c.adj.Agreed))),
		goapp.P().Class("hint").Body(
			goapp.Kbd().Text("N"), goapp.Text("/"), goapp.Kbd().Text("P"), goapp.Text(" next/previous · "),
			goapp.Kbd().Text("A"), goapp.Text("/"), goapp.Kbd().Text("B"), goapp.Text(" take that set's version · "),
			goapp.Kbd().Text("1"), goapp.Text("–"), goapp.Kbd().Text("9"), goapp.Text(" an option · "),
			goapp.Kbd().Text("X"), goapp.Text(" neither"),
		),
		goapp.Div().Class("adjudication-actions").Body(
			goapp.Button().Type("button").Text("Save adjudicated set").Disabled(done < n).
				OnClick(func(ctx goapp.Context, e goapp.Event) { c.saveAdjudicated(ctx) }),
			goapp.If(c.savedSetID != "", func() goapp.UI {
				return goapp.Button().Type("button").Text("Export adjudicated set").
					OnClick(func(ctx goapp.Context, e goapp.Event) { c.exportAdjudicated(ctx) })
			}),
		),
		goapp.Style().Text(decisionCSS(rowH)),
		goapp.Div().ID(decisionScrollerID).Class("decision-scroller").OnScroll(l.onScroll).Body(
			goapp.Ol().Role("list").Aria("label", "Disagreements").Class("decisions").DataSet("count", n).
				Style("padding-top", strconv.Itoa(first*rowH)+"px").
				Style("height", strconv.Itoa(n*rowH)+"px").
				Body(rows...),
		),
	)
}

// decisionRow is one decision. It re-renders when its fields change: the
// decision it shows (Index, Gen), its choice or whether it is in focus.
type decisionRow struct {
	goapp.Compo
	C       *Compare
	Index   int
	Gen     int
	Choice  int
	Current bool
}

func (r *decisionRow) Render() goapp.UI {
	c, i := r.C, r.Index
	if c.adj == nil || i < 0 || i >= len(c.adj.Decisions) {
		return goapp.Li()
	}
	d := c.adj.Decisions[i]
	options := make([]goapp.UI, 0, len(d.Options)+2)
	options = append(options, goapp.Div().Class("decision-head").Text(fmt.Sprintf("%s · %s · %d–%d", d.Type, kindLabels[d.Kind], d.Start, d.End)))
	for j, o := range d.Options {
		who := ""
		if o.Speaker != "" {
			who = " — " + annotations.ShownName(o.Speaker)
		}
		options = append(options, goapp.Button().Type("button").Class("option").
			Aria("pressed", fmt.Sprint(r.Choice == j)).
			Title(fmt.Sprintf("Option %d", j+1)).
			OnClick(func(ctx goapp.Context, e goapp.Event) {
				e.Call("stopPropagation")
				c.choose(ctx, i, j)
			}, goapp.EventScope(r.Gen, i, j)).
			Body(
				goapp.Span().Class("letter").Text(c.setLetters(o.Sets)),
				goapp.Span().Class("exact").Text(o.Annotation.Exact+who),
			))
	}
	options = append(options, goapp.Button().Type("button").Class("option none").Aria("pressed", fmt.Sprint(r.Choice == agreement.NoChoice)).
		OnClick(func(ctx goapp.Context, e goapp.Event) {
			e.Call("stopPropagation")
			c.choose(ctx, i, agreement.NoChoice)
		}, goapp.EventScope(r.Gen, i, "none")).Text("Neither"))
	li := goapp.Li().Role("listitem").ID(fmt.Sprintf("decision-%d", i)).Class("decision", string(d.Kind)).
		DataSet("kind", string(d.Kind)).DataSet("type", string(d.Type)).
		DataSet("start", d.Start).DataSet("end", d.End).DataSet("choice", c.choiceLabel(i)).
		DataSet("index", i).
		Aria("setsize", len(c.adj.Decisions)).Aria("posinset", i+1).
		OnClick(func(ctx goapp.Context, e goapp.Event) { c.focus(ctx, i) }, goapp.EventScope(r.Gen, i)).
		Body(options...)
	if r.Current {
		li = li.Aria("current", "true")
	}
	return li
}
