package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"
	"quotemark/annotations/suggest"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// suggestionState is the workspace's review of the suggester's proposals:
// what is pending is annotations.Review's, followed change by change.
type suggestionState struct {
	on      bool
	review  *annotations.Review
	current int // position in review.All of the one in focus, -1 for none
	minConf float64
}

// markSuggestion paints or clears suggestion i as the review has it now.
func (w *Workspace) markSuggestion(i int) {
	sg := w.sugg.review.All[i]
	key := annotations.SuggestionKey(sg)
	if w.sugg.review.Pending(i) {
		w.marks.put("qm-suggestion", key, sg.Annotation.Start, sg.Annotation.End)
	} else {
		w.marks.del("qm-suggestion", key)
	}
}

// markSuggestionChange follows a change in the review and its marks.
func (w *Workspace) markSuggestionChange(c *annotations.Change) {
	if !w.sugg.on {
		return
	}
	moved := w.sugg.review.Follow(w.set(), c)
	for _, i := range moved {
		w.markSuggestion(i)
	}
	if len(moved) > 0 {
		w.revs.suggestions++
	}
	w.refocusSuggestion()
	w.markCurrentSuggestion()
}

// refocusSuggestion moves the focus off a suggestion that is no longer
// pending (accepted, or rejected) to the next one in text order, and onto
// one when an undo brought suggestions back to a review that had run out.
func (w *Workspace) refocusSuggestion() {
	r, i := w.sugg.review, w.sugg.current
	if r.Pending(i) {
		return
	}
	if i < 0 && r.Pending(0) {
		w.sugg.current = 0
		return
	}
	w.sugg.current = r.Next(max(i, 0), 1)
}

// markAllSuggestions works out again which suggestions are pending (another
// set may be active) and paints them after a reset.
func (w *Workspace) markAllSuggestions() {
	if !w.sugg.on {
		return
	}
	w.sugg.review.Recount(w.set())
	for i := range w.sugg.review.All {
		if w.sugg.review.Pending(i) {
			w.markSuggestion(i)
		}
	}
	w.refocusSuggestion()
	w.markCurrentSuggestion()
}

func (w *Workspace) markCurrentSuggestion() {
	if sg, ok := w.currentSuggestion(); ok {
		w.marks.put("qm-suggestion-current", "current", sg.Annotation.Start, sg.Annotation.End)
	} else {
		w.marks.del("qm-suggestion-current", "current")
	}
}

func (w *Workspace) startSuggesting(ctx goapp.Context) {
	defer w.recoverAlert()
	if w.art == nil || w.set() == nil {
		return
	}
	w.sugg = suggestionState{on: true, review: annotations.NewReview(w.set(), suggest.Suggest(w.art)), current: -1, minConf: 0.8}
	w.marks.offsets = w.art.Offsets()
	w.marks.clear("qm-suggestion")
	for i := range w.sugg.review.All {
		if w.sugg.review.Pending(i) {
			w.markSuggestion(i)
		}
	}
	w.notice = fmt.Sprintf("%d suggestions to review: A or Enter accepts, X rejects, N and P step through them.", w.sugg.review.Count())
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

// focusSuggestion moves the focus delta pending suggestions from the
// current one (0: the current one, or the first) and shows it.
func (w *Workspace) focusSuggestion(ctx goapp.Context, delta int) {
	w.refocusSuggestion()
	step := 1
	if delta < 0 {
		step, delta = -1, -delta
	}
	for ; delta > 0 && w.sugg.current >= 0; delta-- {
		w.sugg.current = w.sugg.review.Next(w.sugg.current, step)
	}
	w.revs.suggestions++
	w.markCurrentSuggestion()
	w.schedulePaint(ctx)
	if sg, ok := w.currentSuggestion(); ok {
		start := w.art.Offsets().UTF16(sg.Annotation.Start)
		w.page(ctx).Defer(func(goapp.Context) { scrollTextTo(textID, start) })
	}
}

func (w *Workspace) currentSuggestion() (annotations.Suggestion, bool) {
	if !w.sugg.on || !w.sugg.review.Pending(w.sugg.current) {
		return annotations.Suggestion{}, false
	}
	return w.sugg.review.All[w.sugg.current], true
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
	if _, ok := w.currentSuggestion(); !ok {
		return
	}
	i := w.sugg.current
	if w.sugg.review.Reject(w.set(), i) {
		w.marks.offsets = w.art.Offsets()
		w.markSuggestion(i)
	}
	w.focusSuggestion(ctx, 0)
}

func (w *Workspace) acceptAllAbove(ctx goapp.Context) {
	pending := w.sugg.review.PendingList()
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
	switch shortcutKey(key) {
	case "a", "Enter", "x", "n", "p":
		return true
	}
	return false
}

func (w *Workspace) onSuggestionKey(ctx goapp.Context, key string) {
	switch shortcutKey(key) {
	case "a", "Enter":
		w.acceptSuggestion(ctx)
	case "x":
		w.rejectSuggestion(ctx)
	case "n":
		w.focusSuggestion(ctx, 1)
	case "p":
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
	total, count := len(w.sugg.review.All), w.sugg.review.Count()
	section := goapp.Section().Class("suggestions").Aria("label", "Suggestions")
	head := goapp.H2().Text(fmt.Sprintf("Suggestions (%d to review)", count))
	done := goapp.Button().Type("button").Text("Done").OnClick(func(ctx goapp.Context, e goapp.Event) { w.stopSuggesting(ctx) })
	status := goapp.P().Role("status").Class("progress").DataSet("pending", count).DataSet("total", total).
		Text(fmt.Sprintf("%d of %d reviewed", total-count, total))
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
