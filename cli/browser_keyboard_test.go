package cli

// Browser tests of the article text's keyboard caret (app/article_caret.go):
// Tab into the text, move and select with real key events, tag, and hear
// what the caret is in.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	selCaretStatus = `#article-caret-status[aria-live="polite"]`
	// jsTextFocused is true while the article text has the keyboard focus.
	jsTextFocused = `(() => { const f = document.getElementById('article-frame');
  return document.activeElement === f && f.contentDocument.activeElement === f.contentDocument.getElementById('article-text'); })()`
)

// tabIntoText presses Tab, as a person would, until the article text has
// the focus.
func (p *page) tabIntoText() {
	p.tb.Helper()
	for range 60 {
		p.press(kb.Tab)
		var focused bool
		p.eval(jsTextFocused, &focused)
		if focused {
			var role, label string
			p.eval(jsArticleWin+`.document.getElementById('article-text').getAttribute('role')`, &role)
			p.eval(jsArticleWin+`.document.getElementById('article-text').getAttribute('aria-label')`, &label)
			if role != "document" || label != "Article text" {
				p.fatalf("the focused text has role %q and aria-label %q, want document and Article text", role, label)
			}
			return
		}
	}
	p.fatalf("60 presses of Tab never put the focus on the article text")
}

// caretPaints counts the caret's paints (data-caret-paints on the frame).
func (p *page) caretPaints() int {
	var n int
	p.eval(`Number(document.getElementById('article-frame').dataset.caretPaints || 0)`, &n)
	return n
}

// caretPress presses a key in the text and waits for the caret to be
// painted after it.
func (p *page) caretPress(key string, mods ...chromedp.Modifier) {
	p.tb.Helper()
	before := p.caretPaints()
	p.press(key, mods...)
	p.waitFor(fmt.Sprintf("the caret painted after %q", key),
		fmt.Sprintf(`Number(document.getElementById('article-frame').dataset.caretPaints || 0) > %d`, before), waitTimeout)
}

// caret is the caret's place in UTF-16 units.
func (p *page) caret() int {
	var n int
	p.eval(`Number(document.getElementById('article-frame').dataset.caret)`, &n)
	return n
}

// caretTo presses key until the caret is at u16, or fails after max presses.
func (p *page) caretTo(u16 int, max int, key string, mods ...chromedp.Modifier) {
	p.tb.Helper()
	for range max {
		if p.caret() == u16 {
			return
		}
		p.caretPress(key, mods...)
	}
	if got := p.caret(); got != u16 {
		p.fatalf("after %d presses of %q the caret is at %d, want %d", max, key, got, u16)
	}
}

// textSelection is the article text's selection in UTF-16 units, as tagging
// reads it (quotemark.selection), or nil.
func (p *page) textSelection() []int {
	var sel []int
	p.eval(`quotemark.selection('article-text')`, &sel)
	return sel
}

func (p *page) wantSelection(s span) {
	p.tb.Helper()
	if got := p.textSelection(); len(got) != 2 || got[0] != s.u16Start || got[1] != s.u16End {
		p.fatalf("the text's selection is %v, want %d–%d %q", got, s.u16Start, s.u16End, s.exact)
	}
}

func (p *page) waitCaretSays(want string) {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("the live region to say %q", want),
		fmt.Sprintf(`(document.querySelector('%s') || {}).textContent === %s`, selCaretStatus, jsString(want)), waitTimeout)
}

// TestBrowserKeyboardTagsQuoteAndSpeaker: with the keyboard alone, Ctrl+A
// then S is refused, the Hosemann quote and its speaker are selected by
// paragraph, word and character and tagged with Q and S, giving the set the
// mouse gives; the live region says what the caret is in; Ctrl+A then Q
// tags the article's text only.
func TestBrowserKeyboardTagsQuoteAndSpeaker(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	o := art.Offsets()
	p.openArticle(seedArticle)
	p.tabIntoText()
	p.caretPress(kb.ArrowRight) // the caret shows on the text
	p.caretPress(kb.ArrowLeft)
	if got := p.caret(); got != 0 {
		p.fatalf("the caret starts at %d, want 0", got)
	}
	// The caret is drawn (one range of the qm-caret highlight) and the text
	// shows a focus ring.
	var caretRanges int
	p.eval(`(`+jsHighlights+`.get('qm-caret') || {size: 0}).size`, &caretRanges)
	var outline string
	p.eval(`(() => { const w = `+jsArticleWin+`; return w.getComputedStyle(w.document.getElementById('article-text')).outlineStyle; })()`, &outline)
	if caretRanges != 1 || outline == "none" {
		p.fatalf("the focused text shows %d caret ranges and outline %q, want 1 and a ring", caretRanges, outline)
	}

	// Ctrl+A selects the text only, and a speaker over paragraphs is refused.
	p.caretPress("a", chromedp.ModifierCtrl)
	p.wantSelection(spanAt(art, 0, o.Len()))
	var pageSelection string
	p.eval(`String(window.getSelection())`, &pageSelection)
	if pageSelection != "" {
		p.fatalf("Ctrl+A in the text selected the page too: %q", clip(pageSelection))
	}
	p.press("s")
	p.waitAlert("speaker's name cannot span paragraphs")
	if items := p.listItems(); len(items) != 0 {
		p.fatalf("a refused speaker left %d annotations", len(items))
	}
	p.caretPress(kb.Escape) // the selection and the alert go, the caret stays
	if sel := p.textSelection(); sel != nil {
		p.fatalf("Escape left the selection %v", sel)
	}
	p.waitFor("the alert gone after Escape", `!Array.from(document.querySelectorAll('`+selAlert+`')).some(e => e.textContent.trim() !== '')`, waitTimeout)

	// The quote's paragraph starts at 690 (the opening “); the quote 691–778
	// ends after "from,".
	quote, mention := spanAt(art, 691, 778), spanAt(art, 780, 788)
	p.caretPress(kb.Home, chromedp.ModifierCtrl)
	p.caretTo(o.UTF16(690), 20, kb.ArrowDown, chromedp.ModifierCtrl)
	p.caretPress(kb.ArrowRight)
	p.caretPress(kb.ArrowRight, chromedp.ModifierCtrl) // end of "They"
	p.caretPress(kb.ArrowLeft, chromedp.ModifierCtrl)  // back to its start
	if got := p.caret(); got != quote.u16Start {
		p.fatalf("the caret is at %d, want the quote's start %d", got, quote.u16Start)
	}
	p.caretTo(o.UTF16(777), 30, kb.ArrowRight, chromedp.ModifierCtrl, chromedp.ModifierShift)
	p.caretPress(kb.ArrowRight, chromedp.ModifierShift) // the comma, alone
	p.wantSelection(quote)
	p.press("q")
	p.waitItem("quote", quote)

	p.caretPress(kb.ArrowRight, chromedp.ModifierCtrl) // to the end of "Hosemann"
	p.caretPress(kb.ArrowLeft, chromedp.ModifierCtrl, chromedp.ModifierShift)
	p.wantSelection(mention)
	p.press("s")
	p.waitItem("speaker", mention)
	p.waitItems(2)
	checkSameSet(t, p.export(seedArticle), expectedHosemannSet(t, art))

	// The live region: into the quote, out of it, into the name. (Export
	// took the focus; Tab brings it back, the caret where it was.)
	p.tabIntoText()
	p.caretPress(kb.Home) // the sentence's start: the opening “
	if got := p.caret(); got != quote.u16Start-1 {
		p.fatalf("Home put the caret at %d, want the sentence's start %d", got, quote.u16Start-1)
	}
	p.waitCaretSays("Not tagged")
	p.caretPress(kb.ArrowRight)
	p.waitCaretSays("Inside quote by Hosemann")
	p.caretPress(kb.ArrowRight) // still inside: nothing new is said
	p.caretPress(kb.ArrowRight, chromedp.ModifierShift)
	p.waitCaretSays("Selected: ‘They’")
	p.caretPress(kb.Escape)
	p.waitCaretSays("Inside quote by Hosemann")
	p.caretTo(mention.u16End, 30, kb.ArrowRight, chromedp.ModifierCtrl)
	p.waitCaretSays("Not tagged")
	p.caretPress(kb.ArrowLeft)
	p.waitCaretSays("Inside speaker Hosemann")

	// Ctrl+A then Q: a quote over the article's text, trimmed, nothing else.
	p.caretPress("a", chromedp.ModifierCtrl)
	p.press("q")
	start, end, _ := o.TrimSpan(0, o.Len())
	p.waitItem("quote", spanAt(art, start, end))
	p.waitItems(3)
}

// TestBrowserKeyboardSnapAndEdges: Shift+→ inside a word takes the word,
// Alt+Shift+→ one character; [ ] { } move a selected annotation's ends a
// word at a time, which export shows and undo takes back.
func TestBrowserKeyboardSnapAndEdges(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	o := art.Offsets()
	p.openArticle(seedArticle)
	p.tabIntoText()
	p.caretTo(o.UTF16(690), 20, kb.ArrowDown, chromedp.ModifierCtrl)
	p.caretTo(o.UTF16(693), 3, kb.ArrowRight) // "Th|ey"

	they, e := spanAt(art, 691, 695), spanAt(art, 693, 694)
	p.caretPress(kb.ArrowRight, chromedp.ModifierShift)
	p.wantSelection(they)
	p.press("c")
	p.waitItem("claim", they)

	p.caretTo(o.UTF16(693), 3, kb.ArrowLeft)
	p.caretPress(kb.ArrowRight, chromedp.ModifierShift, chromedp.ModifierAlt)
	p.wantSelection(e)
	p.press("c")
	p.waitItem("claim", e)
	p.waitItems(2)

	// Enter selects the claim at the caret (694: inside "They" only).
	p.press(kb.Enter)
	p.waitFor("the claim 691–695 selected", fmt.Sprintf(`document.querySelector('%s[data-start="691"][data-end="695"][aria-current="true"]')`, selItems), waitTimeout)
	p.press("}") // the end to the end of "can"
	p.waitItem("claim", spanAt(art, 691, 699))
	p.press("]") // the start to the start of "can"
	can := spanAt(art, 696, 699)
	p.waitItem("claim", can)
	p.press("{") // "can" would lose its only word: refused
	p.waitAlert("cannot lose its last word")

	want := annotations.NewSet(art, "", time.Now())
	for _, s := range []span{can, e} {
		if _, err := want.Add(art, annotations.Claim, s.start, s.end); err != nil {
			t.Fatal(err)
		}
	}
	checkSameSet(t, p.export(seedArticle), want)

	p.pressUndo()
	p.waitItem("claim", spanAt(art, 691, 699))
	p.pressUndo()
	p.waitItem("claim", they)
	p.waitItems(2)
}

// TestBrowserKeyboardWholeCharacters: the caret steps over a ZWJ emoji
// sequence and a letter with a combining mark as one character each, and
// what it selects exports in code points.
func TestBrowserKeyboardWholeCharacters(t *testing.T) {
	p, id := openUnicodeArticle(t)
	art, err := annotations.NewArticle(id, []byte(unicodeArticleRaw))
	if err != nil {
		t.Fatal(err)
	}
	o := art.Offsets()
	p.tabIntoText()

	// "Intro " then the family emoji: 5 code points, 8 UTF-16 units.
	emoji := findSpan(t, art, "\U0001F469\u200D\U0001F469\u200D\U0001F467")
	p.caretTo(emoji.u16Start, 8, kb.ArrowRight)
	p.caretPress(kb.ArrowRight, chromedp.ModifierShift, chromedp.ModifierAlt)
	p.wantSelection(emoji)
	if got := p.caret(); got != emoji.u16End {
		p.fatalf("after the emoji the caret is at %d, want %d", got, emoji.u16End)
	}
	p.press("c")
	p.waitItem("claim", emoji)

	// Over " line", the line break (CR LF in the file), “Café, to after q̃.
	mark := findSpan(t, art, "q\u0303")
	p.caretTo(mark.u16End, 4, kb.ArrowRight, chromedp.ModifierCtrl)
	p.caretPress(kb.ArrowLeft, chromedp.ModifierShift, chromedp.ModifierAlt)
	p.wantSelection(mark)
	p.press("c")
	p.waitItem("claim", mark)
	// Back over the line break: one character each way.
	lineEnd := o.UTF16(o.FromByte(strings.Index(art.Text, "\n"), false))
	p.caretTo(lineEnd+1, 20, kb.ArrowLeft)
	p.caretPress(kb.ArrowLeft)
	if got := p.caret(); got != lineEnd {
		p.fatalf("← from after the line break put the caret at %d, want %d", got, lineEnd)
	}

	want := annotations.NewSet(art, "", time.Now())
	for _, s := range []span{emoji, mark} {
		if _, err := want.Add(art, annotations.Claim, s.start, s.end); err != nil {
			t.Fatal(err)
		}
	}
	checkSameSet(t, p.export(id), want)
}
