package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// suggestionState is the workspace's review of the suggester's proposals.
// Whether one is pending is derived from the set (it is not an annotation
// yet) and the rejections, so accepting (an ordinary, undoable change) and
// undoing it need no bookkeeping beyond what a change touched.
type suggestionState struct {
	on       bool
	all      []annotations.Suggestion // in text order
	index    map[string]int           // SuggestionKey -> position in all
	pending  []bool                   // per position: still to review
	count    int                      // how many are pending
	rejected map[string]bool
	current  int // position in all of the one in focus, -1 for none
	minConf  float64
}

func (w *Workspace) isPending(i int) bool {
	sg := w.sugg.all[i]
	s := w.set()
	return s != nil && !w.sugg.rejected[annotations.SuggestionKey(sg)] &&
		!s.HasSpan(sg.Annotation.Type, sg.Annotation.Start, sg.Annotation.End)
}

// refreshPending sets suggestion i's pending flag and mark from the set.
func (w *Workspace) refreshPending(i int) {
	now := w.isPending(i)
	if now == w.sugg.pending[i] {
		return
	}
	w.sugg.pending[i] = now
	key := annotations.SuggestionKey(w.sugg.all[i])
	if now {
		w.sugg.count++
		a := w.sugg.all[i].Annotation
		w.marks.put("qm-suggestion", key, a.Start, a.End)
	} else {
		w.sugg.count--
		w.marks.del("qm-suggestion", key)
	}
	w.revs.suggestions++
}

// markSuggestionChange updates the suggestions whose span a change touched.
func (w *Workspace) markSuggestionChange(c *annotations.Change) {
	if !w.sugg.on {
		return
	}
	for _, ac := range c.Annotations {
		for _, a := range []*annotations.Annotation{ac.Before, ac.After} {
			if a == nil {
				continue
			}
			key := annotations.SuggestionKey(annotations.Suggestion{Annotation: *a})
			if i, ok := w.sugg.index[key]; ok {
				w.refreshPending(i)
			}
		}
	}
	// The one in focus was accepted, or an undo brought suggestions back
	// to a review that had run out: focus the next pending one.
	if i := w.sugg.current; w.sugg.count > 0 && (i < 0 || !w.sugg.pending[i]) {
		w.sugg.current = w.nextPending(max(i, 0), 1)
		if i < 0 && w.sugg.pending[0] {
			w.sugg.current = 0
		}
	}
	w.markCurrentSuggestion()
}

// markAllSuggestions works out again which suggestions are pending (another
// set may be active) and paints them after a reset.
func (w *Workspace) markAllSuggestions() {
	if !w.sugg.on {
		return
	}
	w.sugg.count = 0
	for i := range w.sugg.all {
		w.sugg.pending[i] = w.isPending(i)
		if w.sugg.pending[i] {
			w.sugg.count++
		}
	}
	for i, sg := range w.sugg.all {
		if w.sugg.pending[i] {
			w.marks.put("qm-suggestion", annotations.SuggestionKey(sg), sg.Annotation.Start, sg.Annotation.End)
		}
	}
	w.markCurrentSuggestion()
}

func (w *Workspace) markCurrentSuggestion() {
	if i := w.sugg.current; i >= 0 && i < len(w.sugg.all) && w.sugg.pending[i] {
		a := w.sugg.all[i].Annotation
		w.marks.put("qm-suggestion-current", "current", a.Start, a.End)
	} else {
		w.marks.del("qm-suggestion-current", "current")
	}
}

func (w *Workspace) startSuggesting(ctx goapp.Context) {
	if w.art == nil || w.set() == nil {
		return
	}
	all := annotations.Suggest(w.art)
	w.sugg = suggestionState{on: true, all: all, index: make(map[string]int, len(all)),
		pending: make([]bool, len(all)), rejected: map[string]bool{}, current: -1, minConf: 0.8}
	w.marks.offsets = w.art.Offsets()
	w.marks.clear("qm-suggestion")
	for i, sg := range all {
		w.sugg.index[annotations.SuggestionKey(sg)] = i
		w.refreshPending(i)
	}
	w.notice = fmt.Sprintf("%d suggestions to review: A or Enter accepts, X rejects, N and P step through them.", w.sugg.count)
	w.revs.suggestions++
	w.focusSuggestion(ctx, 0)
}

func (w *Workspace) stopSuggesting(ctx goapp.Context) {
	w.sugg = suggestionState{current: -1}
	w.notice = ""
	w.revs.suggestions++
	w.marks.offsets = w.art.Offsets()
	w.marks.clear("qm-suggestion")
	w.marks.clear("qm-suggestion-current")
	w.schedulePaint(ctx)
}

// focusSuggestion moves the focus to the pending suggestion delta steps
// from the current one (0: the current one if pending, else the next) and
// shows it.
func (w *Workspace) focusSuggestion(ctx goapp.Context, delta int) {
	n := len(w.sugg.all)
	if w.sugg.count == 0 || n == 0 {
		w.sugg.current = -1
	} else {
		i := w.sugg.current
		if i < 0 {
			i = 0
			if delta > 0 {
				delta--
			}
		}
		step := 1
		if delta < 0 {
			step, delta = -1, -delta
		}
		if !w.sugg.pending[i] { // accepted or rejected: the next one in text order
			i = w.nextPending(i, 1)
		}
		for ; delta > 0; delta-- {
			i = w.nextPending(i, step)
		}
		w.sugg.current = i
	}
	w.revs.suggestions++
	w.markCurrentSuggestion()
	w.schedulePaint(ctx)
	if i := w.sugg.current; i >= 0 {
		start := w.art.Offsets().UTF16(w.sugg.all[i].Annotation.Start)
		w.page(ctx).Defer(func(goapp.Context) { scrollTextTo(textID, start) })
	}
}

// nextPending is the first pending position after i (or before, for step
// -1), wrapping around; the caller knows one is pending.
func (w *Workspace) nextPending(i, step int) int {
	n := len(w.sugg.all)
	for k := 1; k <= n; k++ {
		j := ((i+step*k)%n + n) % n
		if w.sugg.pending[j] {
			return j
		}
	}
	return i
}

func (w *Workspace) currentSuggestion() (annotations.Suggestion, bool) {
	i := w.sugg.current
	if i < 0 || i >= len(w.sugg.all) || !w.sugg.pending[i] {
		return annotations.Suggestion{}, false
	}
	return w.sugg.all[i], true
}

func (w *Workspace) acceptSuggestion(ctx goapp.Context) {
	sg, ok := w.currentSuggestion()
	if !ok {
		return
	}
	var a annotations.Annotation
	if w.change(ctx, "", func(s *annotations.Set) (err error) { a, err = s.AcceptSuggestion(w.art, sg); return err }) {
		w.setSelected(ctx, a.ID)
		w.focusSuggestion(ctx, 0)
	}
}

func (w *Workspace) rejectSuggestion(ctx goapp.Context) {
	sg, ok := w.currentSuggestion()
	if !ok {
		return
	}
	w.sugg.rejected[annotations.SuggestionKey(sg)] = true
	w.marks.offsets = w.art.Offsets()
	w.refreshPending(w.sugg.current)
	w.focusSuggestion(ctx, 0)
}

func (w *Workspace) acceptAllAbove(ctx goapp.Context) {
	var pending []annotations.Suggestion
	for i, sg := range w.sugg.all {
		if w.sugg.pending[i] {
			pending = append(pending, sg)
		}
	}
	min := w.sugg.minConf
	var n int
	if w.change(ctx, "", func(s *annotations.Set) (err error) { n, err = s.AcceptSuggestions(w.art, pending, min); return err }) {
		w.notice = fmt.Sprintf("Accepted %d suggestions with confidence %.2f or more (one undo step).", n, min)
		w.focusSuggestion(ctx, 0)
	}
}

// suggestionShortcut tells which keys the review takes while it is on.
func suggestionShortcut(key string, ctrl bool) bool {
	if ctrl {
		return false
	}
	switch key {
	case "a", "A", "Enter", "x", "X", "n", "N", "p", "P":
		return true
	}
	return false
}

func (w *Workspace) onSuggestionKey(ctx goapp.Context, key string) {
	switch key {
	case "a", "A", "Enter":
		w.acceptSuggestion(ctx)
	case "x", "X":
		w.rejectSuggestion(ctx)
	case "n", "N":
		w.focusSuggestion(ctx, 1)
	case "p", "P":
		w.focusSuggestion(ctx, -1)
	}
}

// suggestionPanel is the review card; it re-renders when Rev moves.
type suggestionPanel struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

func (p *suggestionPanel) Render() goapp.UI {
	w := p.W
	if !w.sugg.on {
		return goapp.Section()
	}
	total := len(w.sugg.all)
	section := goapp.Section().Class("suggestions").Aria("label", "Suggestions")
	head := goapp.H2().Text(fmt.Sprintf("Suggestions (%d to review)", w.sugg.count))
	done := goapp.Button().Type("button").Text("Done").OnClick(func(ctx goapp.Context, e goapp.Event) { w.stopSuggesting(ctx) })
	status := goapp.P().Role("status").Class("progress").DataSet("pending", w.sugg.count).DataSet("total", total).
		Text(fmt.Sprintf("%d of %d reviewed", total-w.sugg.count, total))
	sg, ok := w.currentSuggestion()
	if !ok {
		return section.Body(head, status, goapp.P().Class("hint").Text("Nothing left to review."), done)
	}
	who := sg.SpeakerName
	if who == "" {
		who = "no source given"
	}
	return section.Body(
		head, status,
		goapp.Div().Class("suggestion-card", string(sg.Annotation.Type)).DataSet("key", annotations.SuggestionKey(sg)).Body(
			goapp.Div().Class("decision-head").Text(fmt.Sprintf("%s · %.0f%% · %s", typeLabel(sg.Annotation), 100*sg.Confidence, sg.Rule)),
			goapp.Blockquote().Class("exact", string(sg.Annotation.Type)).Text(sg.Annotation.Exact),
			goapp.P().Class("who").Text("Source: "+who),
		),
		goapp.Div().Class("adjudication-actions").Body(
			goapp.Button().Type("button").Text("Accept").Title("Accept (A or Enter)").OnMouseDown(keepSelection).
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.acceptSuggestion(ctx) }),
			goapp.Button().Type("button").Text("Reject").Title("Reject (X)").
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.rejectSuggestion(ctx) }),
			goapp.Button().Type("button").Text("Previous").Title("Previous (P)").
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.focusSuggestion(ctx, -1) }),
			goapp.Button().Type("button").Text("Next").Title("Next (N)").
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.focusSuggestion(ctx, 1) }),
		),
		goapp.Div().Class("adjudication-actions").Body(
			goapp.Input().Type("number").Min(0).Max(1).Step(0.05).Value(strconv.FormatFloat(w.sugg.minConf, 'f', 2, 64)).
				Aria("label", "Minimum confidence").
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					if v, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64); err == nil && v >= 0 && v <= 1 {
						w.sugg.minConf = v
					}
				}),
			goapp.Button().Type("button").Text("Accept all above").
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.acceptAllAbove(ctx) }),
			done,
		),
	)
}
