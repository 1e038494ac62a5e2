package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/chromedp"
)

const (
	selCompareSummary = `section[aria-label="Agreement"] details.compare-summary`
	selCompareLegend  = `.compare-legend`
)

// openComparison imports two sets on the first seed article and opens the
// compare view from the article page's link.
func openComparison(t *testing.T, p *page, first, second *annotations.Set) {
	t.Helper()
	dir := t.TempDir()
	p.openArticle(seedArticle)
	p.chooseFile(selImport, writeSet(t, dir, "first.quotemark.json", first))
	p.waitItems(len(first.Annotations))
	p.chooseFile(selImport, writeSet(t, dir, "second.quotemark.json", second))
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")
	p.click(selCompareLink)
	p.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > 0 && document.querySelector('#article-frame[data-ready="true"]') !== null`, selDecisions), bootTimeout)
}

// firstScreen is where the first disagreement row and the text's first
// line are, in the page's viewport.
type firstScreen struct {
	RowTop, RowBottom   float64
	TextTop, TextBottom float64
	InnerHeight         float64
	ScrollY             float64
}

func (p *page) firstScreen() firstScreen {
	p.tb.Helper()
	var f firstScreen
	p.eval(`(() => {
		const r = document.querySelector('`+selDecisions+`').getBoundingClientRect();
		const frame = document.getElementById('article-frame');
		const fr = frame.getBoundingClientRect();
		const doc = frame.contentDocument;
		const walk = doc.createTreeWalker(doc.querySelector('#article-text'), NodeFilter.SHOW_TEXT);
		let node = walk.nextNode();
		while (node && node.data.trim() === '') node = walk.nextNode();
		const at = node.data.search(/\S/);
		const range = doc.createRange();
		range.setStart(node, at);
		range.setEnd(node, at + 1);
		const t = range.getBoundingClientRect();
		// The character must show inside the frame and the frame on the page.
		const top = t.top >= 0 && t.bottom <= fr.height ? fr.top + t.top : 1e9;
		return {RowTop: r.top, RowBottom: r.bottom, TextTop: top, TextBottom: top + t.height, InnerHeight: innerHeight, ScrollY: scrollY};
	})()`, &f)
	return f
}

// noSideScroll fails the test when the page scrolls sideways.
func (p *page) noSideScroll(what string) {
	p.tb.Helper()
	var w struct{ Scroll, Inner float64 }
	p.eval(`({Scroll: document.documentElement.scrollWidth, Inner: innerWidth})`, &w)
	if w.Scroll > w.Inner {
		p.tb.Errorf("%s: the page is %v px wide in a %v px window: it scrolls sideways", what, w.Scroll, w.Inner)
	}
}

// storedSetIDs are the ids of the sets stored in IndexedDB for an article,
// from the keys of their records ("rec/ARTICLE/SET/…").
func (p *page) storedSetIDs(articleID string) []string {
	p.tb.Helper()
	var snap map[string][][2]any
	if err := json.Unmarshal([]byte(p.idbSnapshot()), &snap); err != nil {
		p.fatalf("reading IndexedDB: %v", err)
	}
	prefix := "rec/" + articleID + "/"
	var ids []string
	for _, records := range snap {
		for _, kv := range records {
			key, _ := kv[0].(string)
			if rest, ok := strings.CutPrefix(key, prefix); ok {
				id, _, _ := strings.Cut(rest, "/")
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// TestBrowserCompareLayout: the compare view puts the text and the first
// disagreement on the first screen at 1280×900, folds the figures into a
// summary line a click opens and closes, has a legend naming every marking
// the page uses, saves an adjudication once however often Save is pressed,
// and does not scroll sideways at 400 px.
func TestBrowserCompareLayout(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	p := newPage(t, "")
	openComparison(t, p, gold, secondAnnotator(t, gold, art))

	// The first screen.
	f := p.firstScreen()
	if f.ScrollY != 0 || f.RowTop < 0 || f.RowBottom > f.InnerHeight {
		t.Errorf("the first disagreement row is at %v–%v px (page scrolled %v) in a %v px window: not on the first screen", f.RowTop, f.RowBottom, f.ScrollY, f.InnerHeight)
	}
	if f.TextTop < 0 || f.TextBottom > f.InnerHeight {
		t.Errorf("the text's first line is at %v–%v px in a %v px window: not on the first screen", f.TextTop, f.TextBottom, f.InnerHeight)
	}

	// The figures are one summary line until a click opens them.
	figuresShown := `document.querySelector('section[aria-label="Agreement"] table.figures')?.checkVisibility() === true`
	var summary struct {
		Open bool
		Text string
	}
	p.eval(`(() => { const d = document.querySelector('`+selCompareSummary+`'); return d ? {Open: d.open, Text: d.querySelector('summary').textContent} : {Open: true, Text: ''}; })()`, &summary)
	if summary.Open || !strings.Contains(summary.Text, "A–B: F1 ") || !strings.Contains(summary.Text, "κ ") {
		t.Errorf("the figures' summary is open %v, reads %q; want closed, with the headline F1 and κ", summary.Open, summary.Text)
	}
	p.click(selCompareSummary + ` > summary`)
	p.waitFor("the figures shown", `document.querySelector('`+selCompareSummary+`').open && `+figuresShown, waitTimeout)
	var emptyHeaders int
	p.eval(`Array.from(document.querySelectorAll('section[aria-label="Agreement"] th')).filter(th => th.textContent.trim() === '').length`, &emptyHeaders)
	if emptyHeaders != 0 {
		t.Errorf("%d empty table header cells (axe empty-table-header)", emptyHeaders)
	}
	p.click(selCompareSummary + ` > summary`)
	p.waitFor("the figures folded", `!document.querySelector('`+selCompareSummary+`').open && !(`+figuresShown+`)`, waitTimeout)

	// Resolve the first disagreement, so a resolved row and a chosen option
	// are on the page too; then every marking used has a legend entry.
	p.press("a")
	p.waitFor("one resolved", fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '1'`, selProgress), waitTimeout)
	var used []string
	p.eval(`(() => {
		const used = Array.from(`+jsHighlights+`.keys()).filter(k => `+jsHighlights+`.get(k).size > 0);
		if (document.querySelector('`+selDecisions+`:not([data-choice=""])')) used.push('resolved');
		if (document.querySelector('`+selDecisions+` .option[aria-pressed="true"]')) used.push('chosen');
		if (document.querySelector('.sidebar .letter, .set-choice .letter')) used.push('letter');
		return used;
	})()`, &used)
	for _, must := range []string{"qm-agreed", "qm-only-a", "qm-only-b", "qm-boundaries", "qm-speakerdiff", "qm-current", "resolved", "chosen", "letter"} {
		if !slices.Contains(used, must) {
			t.Errorf("the page uses no %s marking; the test data should make every kind (used: %q)", must, used)
		}
	}
	var legend []string
	p.eval(`Array.from(document.querySelectorAll('`+selCompareLegend+` li[data-marking]'), li => li.textContent.trim() ? li.dataset.marking : '')`, &legend)
	for _, m := range used {
		if !slices.Contains(legend, m) {
			t.Errorf("the legend %q does not name the marking %s", legend, m)
		}
	}

	// Save the adjudication twice, and again after a reload: one set.
	before := p.storedSetIDs(seedArticle)
	if len(before) != 2 {
		t.Fatalf("%d sets stored before adjudicating, want the 2 imported", len(before))
	}
	var n int
	p.eval(fmt.Sprintf(`+document.querySelector('%s').dataset.total`, selProgress), &n)
	for i := 1; i < n; i++ {
		p.press("a")
		p.waitFor(fmt.Sprintf("%d resolved", i+1), fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, i+1), waitTimeout)
	}
	savedNotice := func(text string) string {
		return `Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes(` + jsString(text) + `))`
	}
	p.clickButton("Save adjudicated set")
	p.waitFor("the saved notice", savedNotice("Saved the adjudicated set"), waitTimeout)
	p.waitFor("three sets stored", `document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]').length === 3`, waitTimeout)
	p.clickButton("Save adjudicated set")
	p.waitFor("the already-saved notice", savedNotice("already saved"), waitTimeout)
	p.waitFor("the adjudication stored", fmt.Sprintf(`(() => { quotemark.get('adjudication/%s').then(v => { window.__adj = v; }); return (window.__adj || '').includes('"saved"'); })()`, seedArticle), waitTimeout)
	p.reload()
	p.waitFor("the choices after a reload", fmt.Sprintf(`(document.querySelector('%s')||{dataset:{}}).dataset.resolved === '%d'`, selProgress, n), bootTimeout)
	p.clickButton("Save adjudicated set")
	p.waitFor("the already-saved notice after a reload", savedNotice("already saved"), waitTimeout)
	// A changed choice updates the same set.
	p.click(`#decision-0 .option.none`)
	p.waitFor("decision 0 changed", `document.getElementById('decision-0').dataset.choice === 'none'`, waitTimeout)
	p.clickButton("Save adjudicated set")
	p.waitFor("the updated notice", savedNotice("Updated the adjudicated set"), waitTimeout)
	var pickerSets int
	p.eval(`document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]').length`, &pickerSets)
	after := p.storedSetIDs(seedArticle)
	if pickerSets != 3 || len(after) != 3 {
		t.Errorf("after saving one adjudication four times: %d sets in the picker, %d stored (%q); want 3: the two compared and one adjudicated", pickerSets, len(after), after)
	}

	// 400 px wide: no sideways scroll, folded or open.
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(400, 800)); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the narrow layout", `innerWidth === 400`, waitTimeout)
	p.noSideScroll("400 px, figures folded")
	p.click(selCompareSummary + ` > summary`)
	p.waitFor("the figures shown", `document.querySelector('`+selCompareSummary+`').open && `+figuresShown, waitTimeout)
	p.noSideScroll("400 px, figures open")
}

// TestBrowserCompareNegativeKappa: two annotators who mark opposite halves
// of the text as quotes agree less than chance; the chart draws their κ as
// a bar to the left of the zero axis, labelled with its value.
func TestBrowserCompareNegativeKappa(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	// Two sets of the article's quotes' spans, one each half: the quote
	// kappa of (first half, second half) is below zero.
	var quotes []annotations.Annotation
	for _, a := range gold.Annotations {
		if a.Type == annotations.Quote {
			quotes = append(quotes, a)
		}
	}
	if len(quotes) < 4 {
		t.Fatalf("the gold set has %d quotes; the test needs 4", len(quotes))
	}
	half := func(annotator string, qs []annotations.Annotation) *annotations.Set {
		s := annotations.NewSet(art, annotator, time.Now())
		for _, q := range qs {
			if _, err := s.Add(art, annotations.Quote, q.Start, q.End); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}
	a, b := half("first", quotes[:len(quotes)/2]), half("second", quotes[len(quotes)/2:])
	p := newPage(t, "")
	openComparison(t, p, a, b)
	p.click(selCompareSummary + ` > summary`)
	p.waitFor("the chart shown", `document.querySelector('`+selCompareSummary+`').open && document.querySelector('svg.chart')?.checkVisibility() === true`, waitTimeout)
	var kappa struct {
		Cell               string
		Left, Right, AxisX float64
		Label              string
		LabelRight         float64
		Found              bool
	}
	p.eval(`(() => {
		const cell = document.querySelector('[data-figure="pairs.0.types.quote.kappa"]');
		const svg = document.querySelector('svg.chart');
		const bar = Array.from(svg.querySelectorAll('rect.bar.kappa')).find(r => r.querySelector('title').textContent.startsWith('quote '));
		const axis = svg.querySelector('line.chart-axis').getBoundingClientRect();
		if (!bar) return {Found: false};
		const r = bar.getBoundingClientRect();
		const label = bar.nextElementSibling;
		return {Found: true, Cell: cell ? cell.textContent : '', Left: r.left, Right: r.right, AxisX: axis.left + axis.width / 2,
			Label: label.textContent, LabelRight: label.getBoundingClientRect().right};
	})()`, &kappa)
	if !kappa.Found || !strings.HasPrefix(kappa.Cell, "-") {
		t.Fatalf("the quote κ cell reads %q (bar found: %v); the test data should give a negative κ", kappa.Cell, kappa.Found)
	}
	if kappa.Right > kappa.AxisX+1 || kappa.Left >= kappa.AxisX-2 {
		t.Errorf("the negative κ bar spans %v–%v px with the zero axis at %v: want it to end at the axis and grow to the left", kappa.Left, kappa.Right, kappa.AxisX)
	}
	if kappa.Label != kappa.Cell || kappa.LabelRight > kappa.Left {
		t.Errorf("the negative bar's label reads %q, ends at %v px (bar starts at %v); want %q left of the bar", kappa.Label, kappa.LabelRight, kappa.Left, kappa.Cell)
	}

	// α of the two sets is below zero too, and its chart says so.
	var alpha struct {
		Cell               string
		Left, Right, AxisX float64
		Found              bool
	}
	p.eval(`(() => {
		const cell = document.querySelector('[data-figure="alpha.quote"]');
		const bar = Array.from(document.querySelectorAll('svg.chart rect.bar.alpha')).find(r => r.querySelector('title').textContent.startsWith('quote '));
		if (!bar) return {Found: false};
		const axis = bar.ownerSVGElement.querySelector('line.chart-axis').getBoundingClientRect();
		const r = bar.getBoundingClientRect();
		return {Found: true, Cell: cell ? cell.textContent : '', Left: r.left, Right: r.right, AxisX: axis.left + axis.width / 2};
	})()`, &alpha)
	if !alpha.Found || !strings.HasPrefix(alpha.Cell, "-") {
		t.Fatalf("the quote α cell reads %q (bar found: %v); want a negative α with a bar", alpha.Cell, alpha.Found)
	}
	if alpha.Right > alpha.AxisX+1 || alpha.Left >= alpha.AxisX-2 {
		t.Errorf("the negative α bar spans %v–%v px with the zero axis at %v: want it to end at the axis and grow to the left", alpha.Left, alpha.Right, alpha.AxisX)
	}
}

// TestBrowserSpeakerNamesExtend: tagging "Hosemann" and then "Delbert
// Hosemann" makes one speaker, with the fuller name, in the speakers panel
// and the export; and a set that gives the same quote to "Hosemann" agrees
// with it on attribution in the compare view.
func TestBrowserSpeakerNamesExtend(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	quote, _ := tagHosemannQuote(p, art)
	full := findSpan(t, art, "Delbert Hosemann will not comply")
	full = spanAt(art, full.start, full.start+len("Delbert Hosemann"))
	p.tag(full, "s")
	p.waitItem("speaker", full)
	p.waitItems(3)
	const speakerNames = `Array.from(document.querySelectorAll('section[aria-label="Speakers"] ul[aria-label="Speakers"] input'), i => i.value)`
	p.waitSaved(`JSON.stringify(` + speakerNames + `) === '["Delbert Hosemann"]'`)

	got := p.export(seedArticle)
	if len(got.Speakers) != 1 || got.Speakers[0].Name != "Delbert Hosemann" {
		t.Fatalf("the export's speakers are %v, want one, Delbert Hosemann", got.Speakers)
	}
	for _, a := range got.Annotations {
		if a.Speaker != got.Speakers[0].ID {
			t.Errorf("%s %q is attributed to %q, want Delbert Hosemann", a.Type, a.Exact, got.SpeakerName(a.Speaker))
		}
	}

	// Another annotator gives the quote to "Hosemann".
	other := annotations.NewSet(art, "other", time.Now())
	q, err := other.Add(art, annotations.Quote, quote.start, quote.end)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := other.AddSpeaker("Hosemann")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Attribute(q.ID, sp.ID); err != nil {
		t.Fatal(err)
	}
	p.chooseFile(selImport, writeSet(t, t.TempDir(), "other.quotemark.json", other))
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")
	p.click(selCompareLink)
	p.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > 0 && document.querySelector('[data-figure="pairs.0.attribution.rate"]') !== null`, selDecisions), bootTimeout)
	var rate string
	var speakerDecisions int
	p.eval(`document.querySelector('[data-figure="pairs.0.attribution.rate"]').textContent`, &rate)
	p.eval(`document.querySelectorAll('`+selDecisions+`[data-kind="speaker"]').length`, &speakerDecisions)
	if rate != "1.000" || speakerDecisions != 0 {
		t.Errorf("attribution agreement %s with %d speaker disagreements; want 1.000 and none: Hosemann and Delbert Hosemann are one person", rate, speakerDecisions)
	}
}
