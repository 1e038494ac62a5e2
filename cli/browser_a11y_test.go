package cli

// Browser tests of what screen-reader and keyboard users get: list rows that
// read as sentences, statuses said in the page's live region, one Tab stop
// for the annotation list with arrows inside it, visible focus rings, the
// "?" help on every page, and shortcut letters in either case.

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	// selLive is the page's one polite live region.
	selLive = `#live-status[role=status][aria-live=polite]`
	// selHelp is the keyboard help dialog; selHelpOpen the same, open.
	selHelp     = `dialog#keyboard-help[role=dialog][aria-modal="true"][aria-labelledby]`
	selHelpOpen = selHelp + `[open]`
)

// jsLive is the live region's text.
const jsLive = `(document.querySelector('` + selLive + `')?.textContent ?? null)`

// waitLive waits until the live region says exactly want.
func (p *page) waitLive(want string) {
	p.tb.Helper()
	if err := p.poll(fmt.Sprintf(`%s === %s`, jsLive, jsString(want)), waitTimeout); err != nil {
		var got *string
		p.eval(jsLive, &got)
		p.fatalf("the live region says %q, want %q: %v", deref(got), want, err)
	}
}

// recordLive starts keeping every text the live region shows, in order.
func (p *page) recordLive() {
	p.tb.Helper()
	p.eval(`(() => {
  const r = document.querySelector('`+selLive+`');
  window.__live = [];
  new MutationObserver(() => window.__live.push(r.textContent)).observe(r, {childList: true, characterData: true, subtree: true});
})()`, nil)
}

func (p *page) liveRecord() []string {
	p.tb.Helper()
	var said []string
	p.eval(`window.__live`, &said)
	return said
}

// rowLabels are the accessible names of the list's rows, in order.
func (p *page) rowLabels() []string {
	p.tb.Helper()
	var labels []string
	p.eval(`Array.from(document.querySelectorAll('`+selItems+`'), li => li.getAttribute('aria-label'))`, &labels)
	return labels
}

// TestBrowserA11yRowsAndStatuses: a list row's accessible name is a
// sentence (type, speaker, text) and every status is said in the live
// region that is there from the first render: a tag, an attribution (again
// when it repeats), an import's report and an export.
func TestBrowserA11yRowsAndStatuses(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	p.goTo("/article/" + seedArticle)
	// The live region is in the page before the article is, so that screen
	// readers follow it before it says anything.
	p.waitFor("the live region", `document.querySelector('`+selLive+`')`, bootTimeout)
	p.waitArticleReady(seedArticle)
	if got := p.rowLabels(); len(got) != 0 {
		t.Fatalf("the empty set's list has rows %q", got)
	}

	// Q with no text selected alerts; pressed again, the same alert is
	// read again: its text is emptied and put back.
	p.press("q")
	hint := p.waitAlert("Select some of the article's text first")
	p.eval(`(() => {
  window.__alerts = [];
  new MutationObserver(() => { const a = document.querySelector('.messages > .alert[role=alert]'); window.__alerts.push(a ? a.textContent : null); })
    .observe(document.querySelector('.messages'), {childList: true, characterData: true, subtree: true});
})()`, nil)
	p.press("q")
	p.waitFor("the alert emptied and said again", fmt.Sprintf(`(() => { const a = window.__alerts, i = a.indexOf(''); return i >= 0 && a.slice(i + 1).includes(%s); })()`, jsString(hint)), waitTimeout)
	p.pressEscape()

	quote, mention := spanAt(art, 691, 778), spanAt(art, 780, 788)
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.waitLive("Added quote, no speaker: “" + quote.exact + "”.")
	if got, want := p.rowLabels(), []string{"quote, no speaker: “" + quote.exact + "”"}; !equalStrings(got, want) {
		t.Errorf("the rows read %q, want %q", got, want)
	}

	p.tag(mention, "s")
	p.waitItems(2)
	p.waitLive("Quote attributed to Hosemann.")
	want := []string{"quote by Hosemann: “" + quote.exact + "”", "speaker Hosemann: “Hosemann”"}
	if got := p.rowLabels(); !equalStrings(got, want) {
		t.Errorf("the rows read %q, want %q", got, want)
	}

	// A second quote attributed to the same speaker says the same words
	// again: the region is emptied first, so a screen reader reads them.
	second := findSpan(t, art, "The Mississippi Legislature enacted a law to protect your birth date and social security number from public dissemination,")
	mention2 := findSpan(t, art, "Hosemann said in a statement in July")
	mention2 = spanAt(art, mention2.start, mention2.start+len("Hosemann"))
	p.tag(second, "q")
	p.waitItems(3)
	p.waitLive("Added quote, no speaker: “" + second.exact + "”.")
	p.recordLive()
	p.tag(mention2, "s")
	p.waitItems(4)
	p.waitLive("Quote attributed to Hosemann.")
	if said := p.liveRecord(); len(said) < 2 || said[len(said)-2] != "" || said[len(said)-1] != "Quote attributed to Hosemann." {
		t.Errorf("the live region went through %q: want it emptied, then the attribution", said)
	}
	p.waitSaved("")

	// An export is said.
	p.recordLive()
	p.export(seedArticle)
	p.waitFor("the export's notice", `document.querySelector('.notice')?.textContent.startsWith('Exported')`, waitTimeout)
	var notice string
	p.eval(`document.querySelector('.notice').textContent`, &notice)
	p.waitLive(notice)

	// An import's report is said, in a new tab of the same article.
	q := newPage(t, "")
	q.openArticle(seedArticle)
	gold := readGold(t)
	q.importGold(gold)
	q.waitFor("the import's notice", `document.querySelector('.notice')?.textContent.includes('placed')`, waitTimeout)
	q.eval(`document.querySelector('.notice').textContent`, &notice)
	q.waitLive(notice)
	// Every row has a sentence for a name, and it names its speaker.
	var unnamed []string
	q.eval(`Array.from(document.querySelectorAll('`+selItems+`')).filter(li => !/^(quote|indirect quote|mixed quote|speaker|claim|checkworthy claim)( by [^:]+| [^:]+|, no speaker)?: “/.test(li.getAttribute('aria-label') || '')).map(li => li.getAttribute('aria-label'))`, &unnamed)
	if len(unnamed) > 0 {
		t.Errorf("rows without a sentence for a name: %q", unnamed)
	}
}

// TestBrowserA11ySaveStateSaid: the live region says "Not saved." when a
// change cannot be stored and "Saved." once it is, but not every edit's
// round of saving.
func TestBrowserA11ySaveStateSaid(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	quote := spanAt(art, 691, 778)
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.waitSaved("")
	p.waitLive("Added quote, no speaker: “" + quote.exact + "”.")

	p.refuseWrites(true)
	p.recordLive()
	p.tag(spanAt(art, 780, 788), "s")
	p.waitFor("the save state 'error'", `document.querySelector('`+selSaveState+`').dataset.saveState === 'error'`, waitTimeout)
	p.waitFor("the live region saying Not saved", jsLive+`?.includes('Not saved.')`, waitTimeout)

	p.refuseWrites(false)
	p.clickButton("Save again")
	p.waitSaved("")
	p.waitFor("the live region saying Saved", jsLive+` === 'Saved.'`, waitTimeout)
	for _, said := range p.liveRecord() {
		if strings.Contains(said, "Saving") {
			t.Errorf("the live region said %q", said)
		}
	}
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

// activeRow is the data-index of the focused list row, -1 for none.
const jsActiveRow = `(() => { const e = document.activeElement; return e && e.matches('` + selItems + `') ? Number(e.dataset.index) : -1; })()`

// jsRing is the focused element's outline (style, width in pixels) and
// the contrast of its colour with the background next to it: the element's
// own for a ring drawn inside it (a negative offset), else its parent's,
// each the first opaque background up the tree (white, the canvas, if
// none).
const jsRing = `(() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const rgba = (c) => { const m = c.match(/[\d.]+/g).map(Number); return m.length < 4 ? [...m, 1] : m; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  let bgOf = parseFloat(s.outlineOffset) < 0 ? e : e.parentElement, bg = [255, 255, 255, 1];
  for (; bgOf; bgOf = bgOf.parentElement) { const c = rgba(getComputedStyle(bgOf).backgroundColor); if (c[3] > 0.5) { bg = c; break; } }
  const a = lum(rgba(s.outlineColor)), b = lum(bg);
  return {Style: s.outlineStyle, Width: parseFloat(s.outlineWidth), Contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), Colour: s.outlineColor, Against: 'rgb(' + bg.slice(0, 3).join(', ') + ')'};
})()`

type ring struct {
	Style           string
	Width, Contrast float64
	Colour, Against string
}

// checkRing checks the focused element's focus ring: drawn, 2px or wider,
// and at least 3:1 against what is next to it.
func (p *page) checkRing(what string) {
	p.tb.Helper()
	var r ring
	p.eval(jsRing, &r)
	if r.Style == "none" || r.Width < 2 {
		p.tb.Errorf("the focused %s shows outline %s %vpx, want a visible ring of 2px or more", what, r.Style, r.Width)
	}
	if r.Contrast < 3 {
		p.tb.Errorf("the focused %s's ring %s is %.2f:1 against %s, want 3:1 or more", what, r.Colour, r.Contrast, r.Against)
	}
}

// colourScheme makes the page prefer the light or the dark colour scheme.
func (p *page) colourScheme(scheme string) {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
		p.fatalf("emulating the %s colour scheme: %v", scheme, err)
	}
	p.waitFor("the "+scheme+" colour scheme", fmt.Sprintf(`matchMedia('(prefers-color-scheme: %s)').matches`, scheme), waitTimeout)
}

// TestBrowserA11yListKeyboard: the annotation list is one Tab stop; arrows,
// Home and End move focus among its rows, Enter and Space select the row in
// focus, and the focused row and buttons show a focus ring.
func TestBrowserA11yListKeyboard(t *testing.T) {
	p := newPage(t, "")
	p.openArticle(seedArticle)
	gold := readGold(t)
	p.importGold(gold)
	n := len(gold.Annotations)
	items := p.listItems()

	// A click on the first row selects it and makes it the list's Tab stop.
	p.selectItem(items[0])
	var stops int
	p.eval(`document.querySelectorAll('`+selItems+`[tabindex="0"]').length`, &stops)
	if stops != 1 {
		t.Errorf("%d rows are Tab stops, want 1", stops)
	}
	// One Tab leaves the list for the Speakers panel.
	p.press(kb.Tab)
	p.waitFor("focus in the Speakers panel", `document.activeElement && document.activeElement.closest('section[aria-label="Speakers"]')`, waitTimeout)
	// Shift+Tab comes back to the list's row, the one that was in focus.
	p.press(kb.Tab, chromedp.ModifierShift)
	p.waitFor("focus back on the first row", jsActiveRow+` === 0`, waitTimeout)

	p.press(kb.ArrowDown)
	p.waitFor("focus on the second row", jsActiveRow+` === 1`, waitTimeout)
	for _, scheme := range []string{"dark", "light"} {
		p.colourScheme(scheme)
		p.checkRing(scheme + " row")
	}
	p.press(kb.ArrowDown)
	p.waitFor("focus on the third row", jsActiveRow+` === 2`, waitTimeout)
	p.press(kb.ArrowUp)
	p.waitFor("focus on the second row", jsActiveRow+` === 1`, waitTimeout)
	var tabStops []int
	p.eval(`Array.from(document.querySelectorAll('`+selItems+`[tabindex="0"]'), li => Number(li.dataset.index))`, &tabStops)
	if len(tabStops) != 1 || tabStops[0] != 1 {
		t.Errorf("the rows with tabindex 0 are %v, want only the focused one, 1", tabStops)
	}
	// Moving focus does not select.
	if cur := p.listItems()[0]; !cur.Current {
		t.Errorf("arrows changed the selection: the first row is no longer current")
	}
	p.press(kb.Enter)
	p.waitFor("the second row selected", fmt.Sprintf(`document.querySelector('%s[data-index="1"][aria-current="true"]')`, selItems), waitTimeout)
	// A click after arrow presses moves the one Tab stop to the clicked row.
	p.press(kb.ArrowDown)
	p.waitFor("focus on the third row", jsActiveRow+` === 2`, waitTimeout)
	p.selectItem(items[4])
	jsStops := `Array.from(document.querySelectorAll('` + selItems + `[tabindex="0"]'), li => li.dataset.index).join()`
	if err := p.poll(jsStops+` === '4'`, waitTimeout); err != nil {
		var got string
		p.eval(jsStops, &got)
		p.fatalf("after a click on row 4 the Tab stops are rows %q, want only 4: %v", got, err)
	}

	p.press(kb.End)
	p.waitFor("focus on the last row", fmt.Sprintf(`%s === %d`, jsActiveRow, n-1), waitTimeout)
	p.press(" ")
	p.waitFor("the last row selected", fmt.Sprintf(`document.querySelector('%s[data-index="%d"][aria-current="true"]')`, selItems, n-1), waitTimeout)
	p.press(kb.Home)
	p.waitFor("focus on the first row", jsActiveRow+` === 0`, waitTimeout)
	// Page Down and Page Up move by the rows the list shows, less one.
	var page int
	p.eval(`Math.max(1, Math.floor(document.getElementById('annotation-scroller').clientHeight / 60) - 1)`, &page)
	p.press(kb.PageDown)
	p.waitFor(fmt.Sprintf("focus a page down, on row %d", page), fmt.Sprintf(`%s === %d`, jsActiveRow, page), waitTimeout)
	p.press(kb.PageUp)
	p.waitFor("focus a page up, on the first row", jsActiveRow+` === 0`, waitTimeout)
	p.checkRing("row")

	// A button focused from the keyboard shows its ring too: the help's
	// Close button, which takes focus when "?" opens the help.
	p.press("?", chromedp.ModifierShift)
	p.waitFor("the help open, its Close button in focus", `document.querySelector('`+selHelpOpen+`') && document.activeElement?.matches('.help-close')`, waitTimeout)
	for _, scheme := range []string{"dark", "light"} {
		p.colourScheme(scheme)
		p.checkRing(scheme + " Close button")
	}
	p.pressEscape()
	p.waitFor("the help closed and focus back on the row", `!document.querySelector('`+selHelpOpen+`') && `+jsActiveRow+` === 0`, waitTimeout)
	// Esc went to the help, not to the page: the selection stays.
	if li := p.listItems()[n-1]; !li.Current {
		t.Errorf("Esc in the help also deselected the annotation")
	}
}

// TestBrowserA11yHelpOnEveryPage: on the library, the article page, the
// compare view and the corpus page, "?" and the "Keyboard shortcuts (?)"
// button open a modal dialog listing that page's keys; Esc closes it and
// focus goes back where it was.
func TestBrowserA11yHelpOnEveryPage(t *testing.T) {
	p := newPage(t, "")
	pages := []struct {
		path, ready, key, does string
	}{
		{"/", `document.querySelector('` + selArticlesReady + `')`, "Enter", "Open the article or press the button in focus"},
		{"/article/" + seedArticle, `document.querySelector('#article-frame[data-ready="true"]')`, "Q", "Tag the selected text as a quote"},
		{"/compare/" + seedArticle, `document.querySelector('#article-frame[data-ready="true"]')`, "A, B", "Take set A's, set B's version"},
		{"/corpus", `document.querySelector('main.corpus-page[data-ready="true"]')`, "Esc", "Close the merge form"},
	}
	for _, pg := range pages {
		p.goTo(pg.path)
		p.waitFor(pg.path+" ready", pg.ready, bootTimeout)
		// The button opens it, with the mouse.
		p.clickButton("Keyboard shortcuts (?)")
		p.waitFor(pg.path+": the help open", `document.querySelector('`+selHelpOpen+`') && document.activeElement?.closest('`+selHelp+`')`, waitTimeout)
		var lines []shortcutLine
		p.eval(`Array.from(document.querySelectorAll('`+selHelp+` dl .shortcut'), d => ({Keys: d.querySelector('dt').textContent.trim(), Does: d.querySelector('dd').textContent.trim()}))`, &lines)
		if !hasLine(lines, pg.key, pg.does) || !hasLine(lines, "?", "Show this list of keyboard shortcuts") {
			t.Errorf("%s: the help lists %v, want %q: %q and the help's own key", pg.path, lines, pg.key, pg.does)
		}
		var title string
		p.eval(`document.getElementById(document.querySelector('`+selHelp+`').getAttribute('aria-labelledby')).textContent`, &title)
		if title != "Keyboard shortcuts" {
			t.Errorf("%s: the help is labelled %q", pg.path, title)
		}
		p.pressEscape()
		p.waitFor(pg.path+": the help closed, focus back on its button", `!document.querySelector('`+selHelpOpen+`') && document.activeElement?.matches('.help-open')`, waitTimeout)
		// "?" opens it from the keyboard, and Esc brings focus back.
		p.press("?", chromedp.ModifierShift)
		p.waitFor(pg.path+": the help open by ?", `document.querySelector('`+selHelpOpen+`') && document.activeElement?.closest('`+selHelp+`')`, waitTimeout)
		p.pressEscape()
		p.waitFor(pg.path+": the help closed by Esc, focus back", `!document.querySelector('`+selHelpOpen+`') && document.activeElement?.matches('.help-open')`, waitTimeout)
	}
}

type shortcutLine struct{ Keys, Does string }

func hasLine(lines []shortcutLine, keys, does string) bool {
	for _, l := range lines {
		if l.Keys == keys && l.Does == does {
			return true
		}
	}
	return false
}

// TestBrowserCompareShiftKeys: Shift+A and Shift+B (the capitals the hints
// show) take set A's and set B's version, as a and b do.
func TestBrowserCompareShiftKeys(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	second := secondAnnotator(t, gold, art)
	secondPath := writeSet(t, t.TempDir(), "second.quotemark.json", second)

	p := newPage(t, "")
	order := p.openCompareWith(gold, secondPath, 1)
	sets := map[string]*annotations.Set{gold.ID: gold, second.ID: second}
	if len(order) != 2 || sets[order[0]] == nil || sets[order[1]] == nil {
		t.Fatalf("the compare view offers sets %q", order)
	}
	adj, err := agreement.Adjudicate(art, []*annotations.Set{sets[order[0]], sets[order[1]]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, key := range []string{"A", "B"} {
		p.press(key, chromedp.ModifierShift)
		p.waitFor(fmt.Sprintf("decision %d resolved by Shift+%s", i, key), fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, i+1), waitTimeout)
		var choice string
		p.eval(fmt.Sprintf(`document.querySelector('%s[data-index="%d"]').dataset.choice`, selDecisions, i), &choice)
		want := optionOf(adj.Decisions[i], strings.ToLower(key))
		wantLabel := "none"
		if want != agreement.NoChoice {
			wantLabel = strconv.Itoa(want + 1)
		}
		if choice != wantLabel {
			t.Errorf("Shift+%s on decision %d chose %q, want %q (what %s does)", key, i, choice, wantLabel, strings.ToLower(key))
		}
	}
}

// BenchmarkBrowserListArrowKey measures a Down press in the annotation list
// at 2,000 and 10,000 annotations: from the keydown to the next row having
// focus, plus two frames (see bench_page_test.go). It costs the rows in the
// list's window, not the set.
//
//	go test -run '^$' -bench BrowserListArrowKey -timeout 40m ./cli/
func BenchmarkBrowserListArrowKey(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			p, art := openLongArticle(b, 50000)
			set, _ := generatedSet(b, art, n)
			path := filepath.Join(b.TempDir(), "large.quotemark.json")
			if err := os.WriteFile(path, annotations.Write(set), 0o644); err != nil {
				b.Fatal(err)
			}
			p.chooseFile(selImport, path)
			if err := p.poll(fmt.Sprintf(`%s === %d`, jsCount, n), benchLongWait); err != nil {
				b.Fatalf("the list holds %d annotations, want %d: %v", p.listCount(), n, err)
			}
			p.until("the set saved", jsSaved, benchLongWait)
			items := p.listItems()
			p.selectItem(items[0])
			var ms, visible []float64
			const presses = 40
			for i := range presses {
				p.arm("keydown", fmt.Sprintf(`%s === %d`, jsActiveRow, i+1))
				p.press(kb.ArrowDown)
				tm := p.measured(fmt.Sprintf("focus on row %d", i+1), time.Minute)
				ms, visible = append(ms, tm.Frames), append(visible, tm.Visible)
			}
			var rows int
			p.eval(`document.querySelectorAll('`+selItems+`').length`, &rows)
			b.ReportMetric(median(ms), "ms/down-median")
			b.ReportMetric(p95(ms), "ms/down-p95")
			b.Logf("%d annotations: Down press median %.1f ms, p95 %.1f ms over %d presses (focus moved after %.1f ms median); %d rows in the DOM", n, median(ms), p95(ms), presses, median(visible), rows)
		})
	}
}
