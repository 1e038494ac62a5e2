package cli

// Real input for the browser tests: mouse drags and clicks dispatched as
// input events at positions measured in the page, key presses as key events,
// files chosen through the file input as the file chooser would. Nothing here
// calls the app's handlers or sets its state directly.

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quotemark/annotations"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// rect is a DOMRect in viewport CSS pixels.
type rect struct {
	Left, Top, Right, Bottom, Width, Height float64
}

func (r rect) centerX() float64 { return (r.Left + r.Right) / 2 }
func (r rect) centerY() float64 { return (r.Top + r.Bottom) / 2 }

// The app shows an article's text in a frame of its own (#article-frame);
// plain test pages (the harness, the floor page) show it in the page. These
// JavaScript expressions find it either way.
const (
	// jsArticleWin is the window whose document holds the article's text.
	jsArticleWin = `(document.getElementById('article-frame')?.contentWindow ?? window)`
	// jsHighlights is that window's CSS highlight registry.
	jsHighlights = jsArticleWin + `.CSS.highlights`
	// jsArticleView is the part of the page's viewport where the text shows,
	// and the offset of the text's viewport in the page's.
	jsArticleView = `(() => {
  const f = document.getElementById('article-frame');
  if (!f) return {X: 0, Y: 0, Top: 0, Bottom: innerHeight, Left: 0, Right: innerWidth};
  const b = f.getBoundingClientRect(), x = b.left + f.clientLeft, y = b.top + f.clientTop;
  return {X: x, Y: y, Top: Math.max(0, y), Bottom: Math.min(innerHeight, y + f.clientHeight), Left: Math.max(0, x), Right: Math.min(innerWidth, x + f.clientWidth)};
})()`
)

// jsTextRange is a JavaScript function (root, start, end) that returns a Range
// over the text of root between two UTF-16 offsets of root.textContent,
// walking its text nodes (the app keeps one, but a span is not assumed).
const jsTextRange = `function (root, start, end) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = doc.createRange();
  let pos = 0, node, setStart = false;
  while ((node = walker.nextNode())) {
    const len = node.data.length;
    if (!setStart && start <= pos + len) { range.setStart(node, start - pos); setStart = true; }
    if (setStart && end <= pos + len) { range.setEnd(node, end - pos); return range; }
    pos += len;
  }
  throw new Error('offsets ' + start + '-' + end + ' are outside the text (' + pos + ' UTF-16 units)');
}`

// textView is where the article's text shows in the page's viewport.
type textView struct{ X, Y, Top, Bottom, Left, Right float64 }

// textRects measures, in the text of the element sel, the box of the first
// character of the UTF-16 span start–end and the box of its last character,
// in the page's viewport, and where the text shows. A character here is one
// code point: a surrogate pair is two units.
func (p *page) textRects(sel string, start, end int) (first, last rect, view textView, err error) {
	var res struct {
		First, Last rect
		View        textView
	}
	err = p.tryEval(fmt.Sprintf(`(() => {
  const root = %s.document.querySelector(%s);
  if (!root) throw new Error('no element ' + %s);
  const view = %s;
  const textRange = %s;
  const text = root.textContent;
  const unit = (i) => { const c = text.codePointAt(i); return c > 0xffff ? 2 : 1; };
  const start = %d, end = %d;
  const lastStart = (end >= 2 && text.charCodeAt(end - 1) >= 0xdc00 && text.charCodeAt(end - 1) <= 0xdfff) ? end - 2 : end - 1;
  const box = (a, b) => {
    const rects = Array.from(textRange(root, a, b).getClientRects()).filter(r => r.width > 0 && r.height > 0);
    if (!rects.length) throw new Error('no box for the character at ' + a);
    const r = rects[0];
    return {Left: r.left + view.X, Top: r.top + view.Y, Right: r.right + view.X, Bottom: r.bottom + view.Y, Width: r.width, Height: r.height};
  };
  return {First: box(start, start + unit(start)), Last: box(lastStart, end), View: view};
})()`, jsArticleWin, jsString(sel), jsString(sel), jsArticleView, jsTextRange, start, end), &res)
	return res.First, res.Last, res.View, err
}

// scrollTextIntoView turns the mouse wheel over the element sel until the
// UTF-16 span start–end is where the text shows, as a person scrolls to a
// passage before selecting it.
func (p *page) scrollTextIntoView(sel string, start, end int) (first, last rect) {
	p.tb.Helper()
	deadline := time.Now().Add(waitTimeout)
	prevTop, wheels := math.NaN(), 0
	for {
		first, last, view, err := p.textRects(sel, start, end)
		if err != nil {
			p.fatalf("measuring the text %d–%d of %s: %v", start, end, sel, err)
		}
		inView := first.Top >= view.Top && last.Bottom <= view.Bottom
		moving := first.Top != prevTop // a smooth scroll is still going
		prevTop = first.Top
		switch {
		case inView && !moving:
			return first, last
		case !inView && !moving:
			if wheels++; wheels > 20 {
				p.fatalf("could not scroll the text %d–%d of %s into view (top %.0f, bottom %.0f, shown %.0f–%.0f)", start, end, sel, first.Top, last.Bottom, view.Top, view.Bottom)
			}
			// Turn the wheel over the element, where it is visible, by the
			// distance that brings the span to a third of the text's view.
			var at struct{ X, Y float64 }
			p.eval(fmt.Sprintf(`(() => {
  const view = %s;
  const b = %s.document.querySelector(%s).getBoundingClientRect();
  const r = {left: b.left + view.X, right: b.right + view.X, top: b.top + view.Y, bottom: b.bottom + view.Y};
  const top = Math.max(r.top, view.Top), bottom = Math.min(r.bottom, view.Bottom);
  return {X: (Math.max(r.left, view.Left) + Math.min(r.right, view.Right)) / 2, Y: bottom > top ? (top + bottom) / 2 : (view.Top + view.Bottom) / 2};
})()`, jsArticleView, jsArticleWin, jsString(sel)), &at)
			delta := first.Top - (view.Top + (view.Bottom-view.Top)/3)
			if err := chromedp.Do(p.ctx, chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y), mouseWheel(at.X, at.Y, delta)); err != nil {
				p.fatalf("scrolling: %v", err)
			}
		}
		if time.Now().After(deadline) {
			p.fatalf("the text %d–%d of %s did not come to rest in view within %s", start, end, sel, waitTimeout)
		}
		time.Sleep(pollEvery)
	}
}

// mouseWheel turns the wheel at (x, y) by dy pixels. The typed parameters
// leave out a zero deltaX, which Chrome requires, so the command is sent with
// a map.
func mouseWheel(x, y, dy float64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return t.Call(ctx, input.DispatchMouseEvent.Method, map[string]any{
			"type": chromedp.MouseWheel, "x": x, "y": y, "deltaX": 0, "deltaY": dy,
		}, nil)
	})
}

// dragSelect selects the UTF-16 span start–end of the text of sel with the
// mouse: press at the left part of the first character, move in steps, and
// release at the right part of the last one. It checks that the browser's
// selection is then exactly that span.
func (p *page) dragSelect(sel string, start, end int) {
	p.tb.Helper()
	first, last := p.scrollTextIntoView(sel, start, end)
	x0, y0 := first.Left+first.Width/4, first.centerY()
	x1, y1 := last.Right-last.Width/4, last.centerY()
	if err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		return mouseDrag(ctx, t, x0, y0, x1, y1, 8)
	})); err != nil {
		p.fatalf("dragging over %d–%d: %v", start, end, err)
	}
	var got struct {
		Text, Want string
		OK         bool
	}
	p.eval(fmt.Sprintf(`(() => {
  const win = %s;
  const root = win.document.querySelector(%s);
  const want = root.textContent.slice(%d, %d);
  const s = win.getSelection();
  return {Text: s.toString(), Want: want, OK: s.rangeCount > 0 && s.toString() === want};
})()`, jsArticleWin, jsString(sel), start, end), &got)
	if !got.OK {
		p.fatalf("the drag over %d–%d selected %q, want %q", start, end, got.Text, got.Want)
	}
}

// mouseDrag presses the left button at (x0, y0), moves to (x1, y1) in steps
// with the button held, and releases it there.
func mouseDrag(ctx context.Context, t *chromedp.Target, x0, y0, x1, y1 float64, steps int) error {
	send := func(p input.DispatchMouseEventParams) error {
		_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, p)
		return err
	}
	if err := send(input.DispatchMouseEventParams{Type: chromedp.MouseMoved, X: x0, Y: y0}); err != nil {
		return err
	}
	if err := send(input.DispatchMouseEventParams{Type: chromedp.MousePressed, X: x0, Y: y0, Button: input.MouseButtonLeft, Buttons: 1, ClickCount: 1}); err != nil {
		return err
	}
	for i := 1; i <= steps; i++ {
		x := x0 + (x1-x0)*float64(i)/float64(steps)
		y := y0 + (y1-y0)*float64(i)/float64(steps)
		if err := send(input.DispatchMouseEventParams{Type: chromedp.MouseMoved, X: x, Y: y, Button: input.MouseButtonLeft, Buttons: 1}); err != nil {
			// Release the button, or the next test inherits a held mouse.
			_ = send(input.DispatchMouseEventParams{Type: chromedp.MouseReleased, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1})
			return err
		}
	}
	return send(input.DispatchMouseEventParams{Type: chromedp.MouseReleased, X: x1, Y: y1, Button: input.MouseButtonLeft, ClickCount: 1})
}

// clickText clicks with the mouse on the character at UTF-16 offset at of the
// text of sel (say, on a highlight).
func (p *page) clickText(sel string, at int) {
	p.tb.Helper()
	first, _ := p.scrollTextIntoView(sel, at, at+1)
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(chromedp.MouseMoved, first.centerX(), first.centerY()),
		chromedp.MouseClickXY(first.centerX(), first.centerY())); err != nil {
		p.fatalf("clicking the text at %d: %v", at, err)
	}
}

// click clicks with the mouse at the center of the first element matching the
// CSS selector, scrolled into view, once it is visible.
func (p *page) click(css string) {
	p.tb.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
		p.fatalf("clicking %s: %v", css, err)
	}
}

// clickButton clicks the button whose accessible name (text or aria-label) is
// name.
func (p *page) clickButton(name string) {
	p.tb.Helper()
	xp := fmt.Sprintf(`//button[normalize-space(.)=%q or @aria-label=%q]`, name, name)
	p.waitFor(fmt.Sprintf("a %q button", name), fmt.Sprintf(`document.evaluate(%s, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue`, jsString(xp)), waitTimeout)
	if err := chromedp.Do(p.ctx, chromedp.Click(chromedp.Search(xp))); err != nil {
		p.fatalf("clicking the %q button: %v", name, err)
	}
}

// press sends key events for each character of keys (see kb for named keys),
// with modifiers, to whatever has the focus.
func (p *page) press(keys string, mods ...chromedp.Modifier) {
	p.tb.Helper()
	var opts []chromedp.KeyOption
	if len(mods) > 0 {
		opts = append(opts, chromedp.KeyModifiers(mods...))
	}
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(keys, opts...)); err != nil {
		p.fatalf("pressing %q: %v", keys, err)
	}
}

// Named key presses of the UI.
func (p *page) pressEscape() { p.tb.Helper(); p.press(kb.Escape) }
func (p *page) pressDelete() { p.tb.Helper(); p.press(kb.Delete) }
func (p *page) pressUndo()   { p.tb.Helper(); p.press("z", chromedp.ModifierCtrl) }

// pressRedo is Ctrl+Shift+Z: the key "Z" (shifted) with Ctrl.
func (p *page) pressRedo() { p.tb.Helper(); p.press("Z", chromedp.ModifierCtrl) }

// typeText clicks into the field css and types text into it.
func (p *page) typeText(css, text string) {
	p.tb.Helper()
	p.click(css)
	p.press(text)
}

// chooseFile sets the files of a file input, as the file chooser does after a
// person picks them: the page gets its input and change events. The input may
// be visually hidden behind a label.
func (p *page) chooseFile(css string, paths ...string) {
	p.tb.Helper()
	if err := chromedp.Do(p.ctx, chromedp.SetUploadFiles(chromedp.CSS(css), paths, chromedp.NodeReady)); err != nil {
		p.fatalf("choosing %q in %s: %v", paths, css, err)
	}
}

// selectOption picks the option of value in the select css, the way a person
// choosing from the list does: the selection changes and the page gets input
// and change events. (A headless browser draws no popup list to click in.)
func (p *page) selectOption(css, value string) {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("an option %q in %s", value, css),
		fmt.Sprintf(`Array.from((document.querySelector(%s)||{options:[]}).options).some(o => o.value === %s)`, jsString(css), jsString(value)), waitTimeout)
	var ok bool
	p.eval(fmt.Sprintf(`(() => {
  const s = document.querySelector(%s);
  const o = Array.from(s.options).find(o => o.value === %s);
  if (!o) return false;
  s.value = o.value;
  s.dispatchEvent(new Event('input', {bubbles: true}));
  s.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
})()`, jsString(css), jsString(value)), &ok)
	if !ok {
		p.fatalf("no option %q in %s", value, css)
	}
}

// span is a stretch of an article in code points (the format) and in UTF-16
// units (the DOM).
type span struct {
	start, end       int
	u16Start, u16End int
	exact            string
}

// spanAt is the span start–end, in code points.
func spanAt(art *annotations.Article, start, end int) span {
	o := art.Offsets()
	return span{start: start, end: end, u16Start: o.UTF16(start), u16End: o.UTF16(end), exact: o.Slice(start, end)}
}

// findSpan is the only occurrence of exact in the article.
func findSpan(tb testing.TB, art *annotations.Article, exact string) span {
	tb.Helper()
	i := strings.Index(art.Text, exact)
	if i < 0 || strings.Contains(art.Text[i+1:], exact) {
		tb.Fatalf("%q is not in the article exactly once", exact)
	}
	start := art.Offsets().FromByte(i, false)
	return spanAt(art, start, start+utf8.RuneCountInString(exact))
}
