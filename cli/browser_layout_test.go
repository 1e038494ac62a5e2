package cli

// Layout at narrow and wide widths (issue 11): no page scrolls sideways at
// 400 px, the sidebar is a drawer there, and the speakers panel keeps every
// name readable and editable.

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// emulateViewport gives the tab a viewport of width×height CSS pixels, as a
// phone held upright or a narrow window.
func (p *page) emulateViewport(width, height int64) {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1,
	}); err != nil {
		p.fatalf("setting a %d×%d viewport: %v", width, height, err)
	}
}

// pageWidth is how wide the page's content is and how wide its viewport.
func (p *page) pageWidth() (scroll, inner int) {
	p.tb.Helper()
	var w struct{ Scroll, Inner int }
	p.eval(`({Scroll: document.documentElement.scrollWidth, Inner: innerWidth})`, &w)
	return w.Scroll, w.Inner
}

// checkNoSidewaysScroll fails the test when the page is wider than its
// viewport, naming the elements that stick out.
func (p *page) checkNoSidewaysScroll(where string) {
	p.tb.Helper()
	if scroll, inner := p.pageWidth(); scroll > inner {
		var wide []string
		p.eval(`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > innerWidth + 0.5).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right))`, &wide)
		p.tb.Errorf("%s is %d px wide in a %d px viewport: it scrolls sideways; sticking out: %q", where, scroll, inner, wide)
	}
}

// box is an element's place on the page, in CSS pixels.
type box struct{ Left, Top, Right, Bottom, Width, Height float64 }

func (p *page) box(css string) box {
	p.tb.Helper()
	var b box
	p.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) throw new Error('no ' + %s); const r = e.getBoundingClientRect(); return {Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom, Width: r.width, Height: r.height}; })()`, jsString(css), jsString(css)), &b)
	return b
}

const (
	selDrawerToggle = `button#drawer-toggle`
	selDrawerClose  = `button#drawer-close`
	selSidebar      = `aside#sidebar`
)

// drawerState is what the page shows of the drawer: the toggle's
// aria-expanded, whether the sidebar is visible, and where the focus is.
type drawerState struct {
	Expanded string
	Visible  bool
	Focus    string // the focused element's id, or its tag
	InDrawer bool   // the focus is inside the sidebar
}

func (p *page) drawerState() drawerState {
	p.tb.Helper()
	var d drawerState
	p.eval(`(() => {
  const t = document.querySelector('`+selDrawerToggle+`'), s = document.querySelector('`+selSidebar+`'), a = document.activeElement;
  return {Expanded: t ? t.getAttribute('aria-expanded') : '', Visible: !!s && getComputedStyle(s).visibility === 'visible',
    Focus: a ? (a.id || a.tagName.toLowerCase()) : '', InDrawer: !!s && !!a && s.contains(a)};
})()`, &d)
	return d
}

func (p *page) waitDrawer(open bool) drawerState {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("the drawer open=%v", open), fmt.Sprintf(`(() => {
  const t = document.querySelector('%s'), s = document.querySelector('%s');
  return t && s && t.getAttribute('aria-expanded') === '%v' && (getComputedStyle(s).visibility === 'visible') === %v;
})()`, selDrawerToggle, selSidebar, open, open), waitTimeout)
	return p.drawerState()
}

// linkedQuoteSet is a set of the second seed article with Hosemann's quote
// that the first seed article's gold set also has, so the corpus page links
// the two and shows their word differences.
func linkedQuoteSet(tb testing.TB) string {
	tb.Helper()
	art2 := seedArticleText(tb, seedArticle2)
	s2 := annotations.NewSet(art2, "second", time.Now())
	q := findSpan(tb, art2, "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.")
	quote, err := s2.Add(art2, annotations.Quote, q.start, q.end)
	if err != nil {
		tb.Fatal(err)
	}
	m := findSpan(tb, art2, "Hosemann, a Republican, says")
	mention, err := s2.Add(art2, annotations.SpeakerMention, m.start, m.start+len("Hosemann"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := s2.Attribute(quote.ID, mention.Speaker); err != nil {
		tb.Fatal(err)
	}
	path, err := filepath.Abs(writeSet(tb, tb.TempDir(), "linked.quotemark.json", s2))
	if err != nil {
		tb.Fatal(err)
	}
	return path
}

// TestBrowserNarrowLayout: on a 400 px wide screen no page scrolls sideways
// (library, article, compare, corpus); on the article page the toolbar wraps
// inside the screen, the text gets most of the height, and the sidebar is a
// drawer that a tap on Annotations opens (focus inside it), Escape closes
// (focus back on the button), and its Close button closes.
func TestBrowserNarrowLayout(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	second := writeSet(t, t.TempDir(), "second.quotemark.json", secondAnnotator(t, gold, art))
	linked := linkedQuoteSet(t)

	p := newPage(t, "")
	p.useAxe()
	p.emulateViewport(400, 800)
	p.openLibrary()
	p.checkNoSidewaysScroll("the library")

	p.openArticle(seedArticle2)
	p.chooseFile(selImport, linked)
	p.waitItems(2)
	p.waitSaved("true")

	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved("true")
	p.checkNoSidewaysScroll("the article page")
	var toolbar struct{ Right, Bottom float64 }
	p.eval(`(() => { const r = Array.from(document.querySelectorAll('header.toolbar > *, header.toolbar .tools > *, header.toolbar .sets > *'), e => e.getBoundingClientRect());
  return {Right: Math.max(...r.map(b => b.right)), Bottom: Math.max(...r.map(b => b.bottom))}; })()`, &toolbar)
	if toolbar.Right > 400 {
		t.Errorf("the toolbar's controls reach %.0f px on a 400 px screen: the toolbar does not wrap", toolbar.Right)
	}
	frame := p.box(selFrame)
	t.Logf("the article's frame is %.0f×%.0f px on a 400×800 screen", frame.Width, frame.Height)
	if frame.Height < 0.55*800 || frame.Right > 400 {
		t.Errorf("the article's frame is %.0f×%.0f px (right edge %.0f) on a 400×800 screen; the text should get most of the height", frame.Width, frame.Height, frame.Right)
	}
	if d := p.drawerState(); d.Expanded != "false" || d.Visible {
		t.Fatalf("before a tap on Annotations the drawer is %+v, want closed", d)
	}

	// A tap on the toolbar's button opens the drawer over the text, with
	// the focus inside it.
	p.click(selDrawerToggle)
	d := p.waitDrawer(true)
	if !d.InDrawer {
		t.Errorf("the opened drawer does not have the focus (it is on %q)", d.Focus)
	}
	if sb := p.box(selSidebar); sb.Left < 0 || sb.Right > 400 || sb.Height < 700 {
		t.Errorf("the open drawer is at %+v on a 400×800 screen, want it inside the screen and full height", sb)
	}
	p.checkNoSidewaysScroll("the article page with the drawer open")
	p.checkNoAxeViolations("the article page at 400 px with the drawer open")
	// The list inside it works: a click selects an annotation.
	items := p.listItems()
	if len(items) == 0 {
		t.Fatal("the drawer shows no annotations")
	}
	p.selectItem(items[0])
	// Escape closes it and gives the focus back to the button.
	p.pressEscape()
	if d := p.waitDrawer(false); d.Focus != "drawer-toggle" {
		t.Errorf("after Escape the focus is on %q, want the Annotations button", d.Focus)
	}
	// Escape in a field of the drawer closes it too.
	p.click(selDrawerToggle)
	p.waitDrawer(true)
	p.click(`section[aria-label="Speakers"] li[data-speaker-id] input`)
	p.pressEscape()
	if d := p.waitDrawer(false); d.Focus != "drawer-toggle" {
		t.Errorf("after Escape in a name field the focus is on %q, want the Annotations button", d.Focus)
	}
	// And its Close button.
	p.press(" ") // the focused toggle, from the keyboard
	p.waitDrawer(true)
	p.click(selDrawerClose)
	if d := p.waitDrawer(false); d.Focus != "drawer-toggle" {
		t.Errorf("after Close the focus is on %q, want the Annotations button", d.Focus)
	}

	p.chooseFile(selImport, second)
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")
	p.click(selCompareLink)
	p.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > 0 && document.querySelector('#article-frame[data-ready="true"]') !== null`, selDecisions), bootTimeout)
	p.checkNoSidewaysScroll("the compare view")
	p.checkNoAxeViolations("the compare view at 400 px")

	p.goTo("/corpus")
	p.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)
	p.waitFor("the linked quote", `document.querySelector('ul[aria-label="Linked quotes"] > li')`, waitTimeout)
	p.checkNoSidewaysScroll("the corpus page")
	p.click(`ul[aria-label="Corpus speakers"] > li button.merge-open`)
	p.waitFor("a merge form", `document.querySelector('ul[aria-label="Corpus speakers"] select.merge-into')`, waitTimeout)
	p.checkNoSidewaysScroll("the corpus page with a merge form open")
	p.checkNoAxeViolations("the corpus page at 400 px with a merge form open")
}

// TestBrowserSpeakersPanelRename: with three speakers, at 1280 and at 400 px
// wide, every name field of the speakers panel is at least 120 px wide and
// inside the sidebar, and typing a new name into one renames that speaker
// in the export.
func TestBrowserSpeakersPanelRename(t *testing.T) {
	for _, width := range []int64{1280, 400} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			p := newPage(t, "")
			p.emulateViewport(width, 800)
			p.openArticle(seedArticle)
			if width < 800 {
				p.click(selDrawerToggle)
				p.waitDrawer(true)
			}
			const addSpeaker = `section[aria-label="Speakers"] input[aria-label="Add speaker"]`
			names := []string{"Delbert Hosemann", "Kris Kobach", "A spokeswoman for the Presidential Advisory Commission"}
			for i, name := range names {
				p.typeText(addSpeaker, name+"\r")
				p.waitSaved(fmt.Sprintf(`document.querySelectorAll('section[aria-label="Speakers"] li[data-speaker-id]').length === %d`, i+1))
			}

			const fields = `section[aria-label="Speakers"] li[data-speaker-id] input`
			var boxes []struct {
				Value                   string
				Left, Right, Width      float64
				SideLeft, SideRight     float64
				ScrollLeft, ScrollRight float64
			}
			p.eval(`Array.from(document.querySelectorAll('`+fields+`'), e => {
  const r = e.getBoundingClientRect(), s = e.closest('aside').getBoundingClientRect(), c = e.closest('.speaker-scroller').getBoundingClientRect();
  return {Value: e.value, Left: r.left, Right: r.right, Width: r.width, SideLeft: s.left, SideRight: s.right, ScrollLeft: c.left, ScrollRight: c.right};
})`, &boxes)
			if len(boxes) != len(names) {
				t.Fatalf("the speakers panel shows %d name fields, want %d", len(boxes), len(names))
			}
			for _, b := range boxes {
				if b.Width < 120 || b.Left < b.SideLeft || b.Right > b.SideRight || b.Left < b.ScrollLeft || b.Right > b.ScrollRight {
					t.Errorf("the name field of %q is %.0f px wide at %.0f–%.0f, in a sidebar at %.0f–%.0f; want at least 120 px, inside it", b.Value, b.Width, b.Left, b.Right, b.SideLeft, b.SideRight)
				}
			}

			// The long name's merge menu stays inside the sidebar too.
			p.click(`section[aria-label="Speakers"] li[data-speaker-id]:nth-child(3) button.merge-open`)
			p.waitFor("the merge form", `document.querySelector('section[aria-label="Speakers"] .merge-form select')`, waitTimeout)
			side, menu := p.box(`aside`), p.box(`section[aria-label="Speakers"] .merge-form select`)
			if menu.Left < side.Left || menu.Right > side.Right {
				t.Errorf("the merge menu is at %.0f–%.0f, outside the sidebar at %.0f–%.0f", menu.Left, menu.Right, side.Left, side.Right)
			}
			p.clickButton("Cancel")
			p.waitFor("the merge form closed", `!document.querySelector('section[aria-label="Speakers"] .merge-form')`, waitTimeout)

			// Rename the second by typing over its name.
			p.click(fields + `[aria-label="Name of Kris Kobach"]`)
			p.press("a", chromedp.ModifierCtrl)
			p.press("Kris W. Kobach\t")
			p.waitSaved(`document.querySelector('` + fields + `[aria-label="Name of Kris W. Kobach"]')`)
			if width < 800 {
				p.click(selDrawerClose) // the drawer lies over the toolbar's Export
				p.waitDrawer(false)
			}
			got := p.export(seedArticle)
			want := []string{names[0], "Kris W. Kobach", names[2]}
			g := speakerNames(got)
			slices.Sort(g)
			slices.Sort(want)
			if !slices.Equal(g, want) {
				t.Errorf("after the rename the export's speakers are %q, want %q", g, want)
			}
		})
	}
}
