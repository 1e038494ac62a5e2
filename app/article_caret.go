package app

import (
	"strings"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// articleCaret is the keyboard's place in the article text, in code points:
// Go owns it, the bridge paints it (a "qm-caret" highlight over the
// character after it, and the DOM selection for a selection), so the text's
// document is never changed on a key press. Where it stops is the domain's
// rule (annotations.NextWordEnd, SentenceBounds, …).
type articleCaret struct {
	pos      int  // between characters
	anchor   int  // where a Shift selection started, while anchored
	anchored bool // a selection is being extended from anchor
	// atKey is the annotations the caret was last said to be inside (their
	// ids), so the live region speaks only when that changes.
	atKey string
	said  string // what the live region says
}

// saidOther is atKey when the live region said something else than what
// the caret is in (a selection, an edit): the next move says it again.
const saidOther = "\x00"

// caretStatusID is the live region that tells screen readers where the
// caret is: CSS highlights are invisible to them.
const caretStatusID = "article-caret-status"

// caretKey tells which keys the caret takes while the article text has
// the focus (see articleKeys for what each does), so the listener can
// prevent the browser's default synchronously. Q, S, C, Delete, Escape and
// Ctrl+Z go on to the page's shortcuts.
func caretKey(key string, ctrl, alt bool) bool {
	switch key {
	case "ArrowLeft", "ArrowRight", "Home", "End":
		return true
	case "ArrowUp", "ArrowDown":
		return ctrl || alt
	case "a", "A":
		return ctrl && !alt
	case "Enter":
		return !ctrl && !alt
	}
	return false
}

// onArticleKey moves the caret, extends its selection, or selects the
// annotation under it; "Focus" (the bridge's, when the text takes the
// focus) shows it.
func (w *Workspace) onArticleKey(ctx goapp.Context, key string, ctrl, shift, alt bool) {
	if !w.ready || w.art == nil {
		return
	}
	o := w.art.Offsets()
	c := &w.caret
	from, to := c.pos, c.pos
	switch {
	case key == "ArrowRight" && ctrl:
		to = annotations.NextWordEnd(o, from)
	case key == "ArrowRight":
		to = annotations.NextChar(o, from)
	case key == "ArrowLeft" && ctrl:
		to = annotations.PrevWordStart(o, from)
	case key == "ArrowLeft":
		to = annotations.PrevChar(o, from)
	case key == "ArrowDown" && ctrl:
		to = annotations.NextParagraphStart(o, from)
	case key == "ArrowDown":
		to = annotations.NextSentenceStart(o, from)
	case key == "ArrowUp" && ctrl:
		to = annotations.PrevParagraphStart(o, from)
	case key == "ArrowUp":
		to = annotations.PrevSentenceStart(o, from)
	case key == "Home" && ctrl:
		to = 0
	case key == "Home":
		to, _ = annotations.SentenceBounds(o, from)
	case key == "End" && ctrl:
		to = o.Len()
	case key == "End":
		_, to = annotations.SentenceBounds(o, from)
	case key == "a" || key == "A": // Ctrl+A: the article's text, not the page
		c.anchor, c.anchored, c.pos = 0, true, o.Len()
		w.showCaret(0, o.Len(), true)
		return
	case key == "Enter":
		w.selectAtCaret(ctx)
		return
	case key == "Focus": // the text took the focus: show the caret where it was
		if !c.anchored && !goapp.IsServer { // not scrolled to: a click may be elsewhere
			paintCaret(textID, o.UTF16(c.pos), o.UTF16(annotations.NextChar(o, c.pos)), -1, -1, false, false)
		}
		return
	case key == "Escape": // the selection and any alert go; the caret and the selected annotation stay
		c.anchored = false
		w.alert = ""
		w.showCaret(c.pos, c.pos, false)
		return
	}
	if !shift {
		c.anchored, c.pos = false, to
		w.showCaret(to, to, false)
		return
	}
	if !c.anchored {
		c.anchor, c.anchored = from, true
	}
	var start, end int
	c.pos, start, end = annotations.ExtendSelection(o, c.anchor, from, to, !alt)
	w.showCaret(start, end, true)
}

// showCaret paints the caret and the selection start–end, and says what
// changed for screen readers.
func (w *Workspace) showCaret(start, end int, extended bool) {
	o := w.art.Offsets()
	c := &w.caret
	if !goapp.IsServer {
		backward := c.anchored && c.pos < c.anchor
		paintCaret(textID, o.UTF16(c.pos), o.UTF16(annotations.NextChar(o, c.pos)), o.UTF16(start), o.UTF16(end), backward, true)
	}
	w.sayCaret(start, end, extended)
}

// sayCaret updates the live region: the selection when it was extended,
// else the annotations at the caret when they are not the ones last said.
func (w *Workspace) sayCaret(start, end int, extended bool) {
	c := &w.caret
	if extended && start < end {
		c.said, c.atKey = selectionSays(w.art.Offsets(), start, end), saidOther
		return
	}
	s := w.set()
	if s == nil {
		return
	}
	hits := s.At(c.pos) // the set's cover tree: no scan per key press
	key := annotationIDs(hits)
	if key == c.atKey && c.said != "" {
		return
	}
	c.atKey, c.said = key, caretSays(s, hits)
}

func annotationIDs(anns []annotations.Annotation) string {
	ids := make([]string, len(anns))
	for i, a := range anns {
		ids[i] = a.ID
	}
	return strings.Join(ids, " ")
}

// caretSays is what the live region says of the annotations at the caret,
// innermost first: "Inside quote by Delbert Hosemann", "Inside speaker
// Delbert Hosemann", or "Not tagged".
func caretSays(s *annotations.Set, hits []annotations.Annotation) string {
	if len(hits) == 0 {
		return "Not tagged"
	}
	parts := make([]string, len(hits))
	for i, a := range hits {
		parts[i] = annotations.Describe(a, s.SpeakerName(a.Speaker))
	}
	return "Inside " + strings.Join(parts, ", inside ")
}

// selectionSaidLen is how many characters of a selection the live region
// says.
const selectionSaidLen = 60

// selectionSays is what the live region says of a selection: its first
// words.
func selectionSays(o *annotations.Offsets, start, end int) string {
	// Only the start is said: a selection may be the whole article, and
	// this runs on every key press that extends it.
	text := strings.Join(strings.Fields(o.Slice(start, min(end, start+4*selectionSaidLen))), " ")
	if text == "" {
		return "Selected: white space"
	}
	return "Selected: ‘" + annotations.Clip(text, selectionSaidLen) + "’"
}

// selectAtCaret selects the annotation under the caret, innermost first;
// again steps out through nested ones (as a click does).
func (w *Workspace) selectAtCaret(ctx goapp.Context) {
	hits := w.set().At(w.caret.pos)
	if len(hits) == 0 {
		w.caret.said = "Not tagged: nothing to select"
		return
	}
	next := hits[0]
	for i, h := range hits {
		if h.ID == w.selected {
			next = hits[(i+1)%len(hits)]
		}
	}
	w.selectAnnotation(ctx, next.ID, false)
	w.caret.said = "Selected " + caretSays(w.set(), []annotations.Annotation{next})[len("Inside "):]
}

// moveSelectedEdge moves one end of the selected annotation by a word
// (keys [ ] { }), as one undoable step.
func (w *Workspace) moveSelectedEdge(ctx goapp.Context, edge annotations.Edge, right bool) {
	defer w.recoverAlert()
	a, ok := w.set().Annotation(w.selected)
	if !ok {
		w.alert = "Select an annotation first (in the list, or Enter in the text), then press [ ] to move its start or { } to move its end."
		return
	}
	start, end, ok := annotations.MoveEdgeByWord(w.art.Offsets(), a.Start, a.End, edge, right)
	if !ok {
		w.alert = "The " + string(a.Type) + " cannot lose its last word, nor go past the text's ends."
		return
	}
	if w.change(ctx, "", func(s *annotations.Set) error { return s.Respan(w.art, a.ID, start, end) }) {
		w.notice = ""
		w.caret.said = "Now " + typeLabel(a) + " ‘" + annotations.Clip(strings.Join(strings.Fields(w.art.Offsets().Slice(start, end)), " "), 60) + "’"
		w.caret.atKey = saidOther
	}
}

// collapseCaret ends the caret's selection (after tagging it, or Escape).
func (w *Workspace) collapseCaret() { w.caret.anchored = false }

// caretFromMouse puts the caret where a click or a drag left it, so the
// keys go on from there.
func (w *Workspace) caretFromMouse(u16Start, u16End int, selected bool) {
	o := w.art.Offsets()
	c := &w.caret
	if selected {
		c.anchor, c.anchored, c.pos = o.FromUTF16(u16Start, false), true, o.FromUTF16(u16End, true)
		w.sayCaret(c.anchor, c.pos, true)
	} else {
		c.anchored, c.pos = false, o.FromUTF16(u16Start, false)
		w.sayCaret(c.pos, c.pos, false)
	}
	if !goapp.IsServer {
		paintCaret(textID, o.UTF16(c.pos), o.UTF16(annotations.NextChar(o, c.pos)), -1, -1, false, false)
	}
}

// renderCaretStatus is the polite live region beside the text (outside its
// frame, which assistive technology reads as a document of its own).
func (w *Workspace) renderCaretStatus() goapp.UI {
	return goapp.Div().ID(caretStatusID).Class("visually-hidden").
		Aria("live", "polite").Aria("atomic", "true").Text(w.caret.said)
}
