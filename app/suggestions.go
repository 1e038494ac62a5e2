package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// suggestionState is the workspace's review of the suggester's proposals.
// What is pending is derived from the set each time, so accepting (an
// ordinary, undoable change) and undoing it need no bookkeeping here.
type suggestionState struct {
	on       bool
	all      []annotations.Suggestion
	rejected map[string]bool
	current  string // SuggestionKey of the one in focus
	minConf  float64
}

func (w *Workspace) pendingSuggestions() []annotations.Suggestion {
	s := w.set()
	if !w.sugg.on || s == nil {
		return nil
	}
	return annotations.PendingSuggestions(s, w.sugg.all, w.sugg.rejected)
}

// currentSuggestion is the one in focus, or the next pending after where the
// focus was (it was just accepted or rejected).
func (w *Workspace) currentSuggestion() (int, []annotations.Suggestion) {
	pending := w.pendingSuggestions()
	if len(pending) == 0 {
		return -1, pending
	}
	at := -1
	for i, sg := range w.sugg.all {
		if annotations.SuggestionKey(sg) == w.sugg.current {
			at = i
		}
	}
	for i, sg := range pending {
		if annotations.SuggestionKey(sg) == w.sugg.current {
			return i, pending
		}
	}
	if at >= 0 { // gone: take the next one in text order
		for i, sg := range pending {
			if !suggestionBefore(sg, w.sugg.all[at]) {
				return i, pending
			}
		}
	}
	return 0, pending
}

func suggestionBefore(a, b annotations.Suggestion) bool {
	if a.Annotation.Start != b.Annotation.Start {
		return a.Annotation.Start < b.Annotation.Start
	}
	return a.Annotation.End < b.Annotation.End
}

func (w *Workspace) startSuggesting(ctx goapp.Context) {
	if w.art == nil {
		return
	}
	w.sugg = suggestionState{on: true, all: annotations.Suggest(w.art), rejected: map[string]bool{}, minConf: 0.8}
	n := len(w.pendingSuggestions())
	w.notice = fmt.Sprintf("%d suggestions to review: A or Enter accepts, X rejects, N and P step through them.", n)
	w.focusSuggestion(ctx, 0)
}

func (w *Workspace) stopSuggesting(ctx goapp.Context) {
	w.sugg = suggestionState{}
	w.notice = ""
	ctx.Defer(func(goapp.Context) { w.paint() })
}

// focusSuggestion moves the focus by delta pending suggestions and shows it.
func (w *Workspace) focusSuggestion(ctx goapp.Context, delta int) {
	i, pending := w.currentSuggestion()
	if len(pending) == 0 {
		w.sugg.current = ""
		ctx.Defer(func(goapp.Context) { w.paint() })
		return
	}
	i = ((i+delta)%len(pending) + len(pending)) % len(pending)
	sg := pending[i]
	w.sugg.current = annotations.SuggestionKey(sg)
	ctx.Defer(func(goapp.Context) {
		w.paint()
		scrollTextTo(textID, w.art.Offsets().UTF16(sg.Annotation.Start))
	})
}

func (w *Workspace) acceptSuggestion(ctx goapp.Context) {
	i, pending := w.currentSuggestion()
	if i < 0 {
		return
	}
	sg := pending[i]
	var a annotations.Annotation
	if w.change(ctx, "", func(s *annotations.Set) (err error) { a, err = s.AcceptSuggestion(w.art, sg); return err }) {
		w.selected = a.ID
		w.focusSuggestion(ctx, 0)
	}
}

func (w *Workspace) rejectSuggestion(ctx goapp.Context) {
	i, pending := w.currentSuggestion()
	if i < 0 {
		return
	}
	w.sugg.rejected[annotations.SuggestionKey(pending[i])] = true
	w.focusSuggestion(ctx, 0)
}

func (w *Workspace) acceptAllAbove(ctx goapp.Context) {
	pending := w.pendingSuggestions()
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

func (w *Workspace) renderSuggestions() goapp.UI {
	if !w.sugg.on {
		return goapp.Section()
	}
	cur, pending := w.currentSuggestion()
	section := goapp.Section().Class("suggestions").Aria("label", "Suggestions")
	head := goapp.H2().Text(fmt.Sprintf("Suggestions (%d to review)", len(pending)))
	done := goapp.Button().Type("button").Text("Done").OnClick(func(ctx goapp.Context, e goapp.Event) { w.stopSuggesting(ctx) })
	status := goapp.P().Role("status").Class("progress").DataSet("pending", len(pending)).DataSet("total", len(w.sugg.all)).
		Text(fmt.Sprintf("%d of %d reviewed", len(w.sugg.all)-len(pending), len(w.sugg.all)))
	if cur < 0 {
		return section.Body(head, status, goapp.P().Class("hint").Text("Nothing left to review."), done)
	}
	sg := pending[cur]
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

// paintSuggestions adds the pending suggestions to the workspace's
// highlights, dashed, the one in focus stronger.
func (w *Workspace) paintSuggestions(h *highlights) {
	cur, pending := w.currentSuggestion()
	for i, sg := range pending {
		h.add("qm-suggestion", sg.Annotation.Start, sg.Annotation.End)
		if i == cur {
			h.add("qm-suggestion-current", sg.Annotation.Start, sg.Annotation.End)
		}
	}
}
