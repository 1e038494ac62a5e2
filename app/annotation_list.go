package app

import (
	"fmt"
	"slices"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

const (
	// rowHeight is an annotation row's height in pixels; app.css gives
	// .annotations .item the same, so that a row's place follows from its
	// index.
	rowHeight = 60
	// listOverscan rows are rendered beyond each edge of the visible ones.
	listOverscan = 10
	// virtualizeAbove: a list this long or shorter is rendered whole (see
	// virtualWindow).
	virtualizeAbove = 100
	listScrollerID  = "annotation-scroller"
)

// annotationList is the active set's annotations, one row each. Only rows
// near the scroller's viewport exist in the DOM; spacers keep the scrollbar
// true to the whole list. It re-renders when Rev moves or it scrolls past
// what it rendered.
type annotationList struct {
	goapp.Compo
	W   *Workspace
	Rev int

	scroll     virtualWindow
	focus      int // the row that takes Tab focus (roving tabindex)
	focusAfter bool
	stale      []goapp.Value // rows whose tabindex an arrow press set in the DOM (moveRowFocus)
}

func (l *annotationList) OnMount(ctx goapp.Context) {
	ctx.Defer(func(ctx goapp.Context) { l.measure(ctx) })
}

func (l *annotationList) measure(ctx goapp.Context) {
	if l.scroll.measure(listScrollerID) {
		ctx.Update()
	}
}

// OnUpdate brings a newly selected annotation's row into view.
func (l *annotationList) OnUpdate(ctx goapp.Context) {
	w := l.W
	if w.listReveal == "" {
		return
	}
	pos := w.set().AnnotationPos(w.listReveal)
	w.listReveal = ""
	if pos < 0 {
		return
	}
	l.focus = pos
	l.scroll.reveal(ctx, pos, listScrollerID)
}

func (l *annotationList) onScroll(ctx goapp.Context, e goapp.Event) {
	if !l.scroll.onScroll(ctx.JSSrc(), l.count()) {
		ctx.PreventUpdate() // still inside what is rendered
	}
}

func (l *annotationList) count() int {
	if s := l.W.set(); s != nil {
		return len(s.Annotations)
	}
	return 0
}

func (l *annotationList) onKeyDown(ctx goapp.Context, e goapp.Event) {
	n := l.count()
	if n == 0 {
		return
	}
	page := max(1, l.scroll.viewHeight/rowHeight-1)
	next := l.focus
	switch e.Get("key").String() {
	case "ArrowDown":
		next++
	case "ArrowUp":
		next--
	case "PageDown":
		next += page
	case "PageUp":
		next -= page
	case "Home":
		next = 0
	case "End":
		next = n - 1
	case "Enter", " ":
		e.PreventDefault()
		if s := l.W.set(); l.focus < n && s != nil {
			l.W.selectAnnotation(ctx, s.Annotations[l.focus].ID, true)
		}
		return
	default:
		ctx.PreventUpdate()
		return
	}
	e.PreventDefault()
	next = max(0, min(n-1, next))
	if next == l.focus {
		ctx.PreventUpdate()
		return
	}
	prev := l.focus
	l.focus = next
	if moved := moveRowFocus(prev, next); moved != nil {
		l.markStale(moved)
		ctx.PreventUpdate()
		return
	}
	l.focusAfter = true
	l.scroll.reveal(ctx, l.focus, listScrollerID)
}

// moveRowFocus moves the list's Tab stop and focus from row prev to row
// next when next is rendered, in the DOM only, so that an arrow press costs
// two rows, not a render of the list's window (and of the page above it).
// It returns the rows it changed, nil when next is not rendered: the list
// must then scroll and render it.
//
// go-app does not know of these changes: it sets an attribute only when
// the value rendered differs from the one it last rendered. So the rows
// changed are kept (annotationList.stale) and set again after the next
// render, from their index then (go-app reuses a row's element for another
// index as the window moves).
func moveRowFocus(prev, next int) []goapp.Value {
	doc := goapp.Window().Get("document")
	row := func(i int) goapp.Value {
		return doc.Call("querySelector", fmt.Sprintf(`#%s li[data-index="%d"]`, listScrollerID, i))
	}
	to := row(next)
	if !to.Truthy() {
		return nil
	}
	changed := []goapp.Value{to}
	if from := row(prev); from.Truthy() {
		from.Set("tabIndex", -1)
		changed = append(changed, from)
	}
	to.Set("tabIndex", 0)
	to.Call("focus", map[string]any{"preventScroll": true})
	// The scroller's scroll event brings the window along (onScroll).
	to.Call("scrollIntoView", map[string]any{"block": "nearest"})
	return changed
}

// markStale keeps rows moveRowFocus changed, each once: at most the rows
// rendered, however many presses come before a render.
func (l *annotationList) markStale(rows []goapp.Value) {
	for _, el := range rows {
		if !slices.ContainsFunc(l.stale, el.Equal) {
			l.stale = append(l.stale, el)
		}
	}
}

// resyncStaleRows gives the rows moveRowFocus changed the Tab stop the
// render gave them, once go-app has applied it: see moveRowFocus.
func resyncStaleRows(rows []goapp.Value, focus int) {
	var sync goapp.Func
	sync = goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		sync.Release()
		for _, el := range rows {
			if !el.Get("isConnected").Bool() {
				continue
			}
			tabIndex := -1
			if i, err := strconv.Atoi(el.Get("dataset").Get("index").String()); err == nil && i == focus {
				tabIndex = 0
			}
			el.Set("tabIndex", tabIndex)
		}
		return nil
	})
	goapp.Window().Call("requestAnimationFrame", sync)
}

func (l *annotationList) Render() goapp.UI {
	w := l.W
	s := w.set()
	var items []annotations.Annotation
	if s != nil {
		items = s.Annotations
	}
	n := len(items)
	if l.scroll.rowHeight == 0 {
		l.scroll.rowHeight, l.scroll.viewHeight = rowHeight, 600
	}
	first, last := l.scroll.rows(n)
	l.focus = max(0, min(n-1, l.focus))
	if len(l.stale) > 0 {
		resyncStaleRows(l.stale, l.focus)
		l.stale = nil
	}
	if l.focusAfter {
		l.focusAfter = false
		focus := l.focus
		goapp.Window().Call("requestAnimationFrame", goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
			if el := goapp.Window().Get("document").Call("querySelector", fmt.Sprintf(`#%s li[data-index="%d"]`, listScrollerID, focus)); el.Truthy() {
				el.Call("focus", map[string]any{"preventScroll": true})
			}
			return nil
		}))
	}
	rows := items[first:last]
	return goapp.Section().Class("list-pane").Body(
		goapp.H2().Text(fmt.Sprintf("Annotations (%d)", n)),
		goapp.Div().ID(listScrollerID).Class("list-scroller").OnScroll(l.onScroll).Body(
			goapp.Ul().Role("list").Aria("label", "Annotations").Class("annotations").DataSet("count", n).
				Style("padding-top", strconv.Itoa(first*rowHeight)+"px").
				Style("height", strconv.Itoa(n*rowHeight)+"px").
				OnKeyDown(l.onKeyDown).
				Body(
					goapp.Range(rows).Slice(func(i int) goapp.UI {
						return l.row(s, rows[i], first+i, n)
					}),
				),
		),
	)
}

func (l *annotationList) row(s *annotations.Set, a annotations.Annotation, index, n int) goapp.UI {
	w := l.W
	id := a.ID
	speaker := s.SpeakerName(a.Speaker)
	tabIndex := -1
	if index == l.focus {
		tabIndex = 0
	}
	li := goapp.Li().Role("listitem").Class("item", string(a.Type)).
		DataSet("annotation-id", a.ID).DataSet("type", string(a.Type)).
		DataSet("start", strconv.Itoa(a.Start)).DataSet("end", strconv.Itoa(a.End)).
		DataSet("index", index).
		Aria("setsize", n).Aria("posinset", index+1).Aria("label", rowLabel(a, speaker)).
		TabIndex(tabIndex).
		OnClick(func(ctx goapp.Context, e goapp.Event) {
			if pos := w.set().AnnotationPos(id); pos >= 0 {
				l.focus = pos // read now: the handler outlives the row's index
			}
			w.selectAnnotation(ctx, id, true)
		}, goapp.EventScope(id)).
		Body(
			goapp.Span().Class("kind").Text(typeLabel(a)),
			goapp.Span().Class("exact").Text(a.Exact),
			goapp.If(speaker != "", func() goapp.UI {
				return goapp.Span().Class("who").Body(goapp.Text("— "), goapp.Bdi().Text(annotations.ShownName(speaker)))
			}),
		)
	if a.ID == w.selected {
		li = li.Aria("current", "true")
	}
	return li
}

// spokenTextLimit is how many characters of an annotation's text a row's
// accessible name reads out; the rest is in the details.
const spokenTextLimit = 200

// rowLabel is what a screen reader says for an annotation's row: one
// sentence with its type, its speaker and its text, as "quote by Delbert
// Hosemann: “…”", "quote, no speaker: “…”", "speaker Delbert Hosemann:
// “Hosemann”" or "claim: “…”". speaker is the name of the annotation's
// speaker ("" for none); it costs the row nothing the row does not show.
func rowLabel(a annotations.Annotation, speaker string) string {
	return annotations.Describe(a, speaker) + ": “" + annotations.Clip(a.Exact, spokenTextLimit) + "”"
}
