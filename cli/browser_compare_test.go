package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

const (
	selCompareLink   = `a[href^="/compare/"]`
	selDecisions     = `ol[role=list][aria-label="Disagreements"] li[role=listitem]`
	selProgress      = `[data-resolved][data-total]`
	selFigures       = `[data-figure]`
	selSetCheckboxes = `section[aria-label="Sets"] input[type=checkbox]`
)

// secondAnnotator derives another annotator's set from the gold set, with
// one disagreement of every kind: an annotation the second annotator missed,
// one they added, moved boundaries and a quote given to another speaker.
func secondAnnotator(tb testing.TB, gold *annotations.Set, art *annotations.Article) *annotations.Set {
	tb.Helper()
	s := gold.Clone()
	s.ID = "0b7f3c7e-1b2a-4c3d-9e8f-0123456789ab"
	s.Annotator = "second"
	var claim, quote, mention annotations.Annotation
	for _, a := range s.Annotations {
		if a.Type == annotations.Claim && claim.ID == "" {
			claim = a
		}
		if a.Type == annotations.SpeakerMention {
			mention = a // the last one
		}
		if a.Type == annotations.Quote && a.Speaker != "" && a.Form == annotations.Direct && quote.ID == "" {
			quote = a
		}
	}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(s.Delete(mention.ID)) // only in the gold set
	// Boundaries: the claim again, three code points shorter.
	must(s.Delete(claim.ID))
	if _, err := s.Add(art, annotations.Claim, claim.Start, claim.End-3); err != nil {
		tb.Fatal(err)
	}
	// Only in B: a claim nobody else marked.
	span := findSpan(tb, art, "All 50 secretaries of state received a request")
	if _, err := s.Add(art, annotations.Claim, span.start, span.start+30); err != nil {
		tb.Fatal(err)
	}
	other, err := s.AddSpeaker("Someone Else")
	must(err)
	must(s.Attribute(quote.ID, other.ID)) // different speaker
	return s
}

func writeSet(tb testing.TB, dir, name string, s *annotations.Set) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, annotations.Write(s), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// figureAt walks a dotted path ("pairs.0.types.quote.exact.f1") through the
// command line's JSON.
func figureAt(doc any, path string) (any, bool) {
	cur := doc
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// TestBrowserCompareAndAdjudicate: two annotators' sets of a seed article
// are imported, the compare view shows the command line's figures, every
// disagreement is resolved with the keyboard, and the adjudicated set is
// exported.
func TestBrowserCompareAndAdjudicate(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	second := secondAnnotator(t, gold, art)
	dir := t.TempDir()
	secondPath := writeSet(t, dir, "second.quotemark.json", second)
	goldAbs, err := filepath.Abs(goldPath)
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	// The sets in the order the view compares them, so the command line gets
	// them in the same order.
	order := p.openCompareWith(gold, secondPath, 0)
	paths := map[string]string{gold.ID: goldAbs, second.ID: secondPath}
	if len(order) != 2 || paths[order[0]] == "" || paths[order[1]] == "" {
		t.Fatalf("the compare view offers sets %q, want the two imported ones", order)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"compare", "-format", "json", paths[order[0]], paths[order[1]]}, &stdout, &stderr); code != 0 {
		t.Fatalf("quotemark compare exited %d: %s", code, stderr.String())
	}
	var doc any
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("quotemark compare -format json: %v\n%s", err, stdout.String())
	}
	var cells []struct{ Path, Text string }
	p.eval(`Array.from(document.querySelectorAll('`+selFigures+`'), e => ({Path: e.dataset.figure, Text: e.textContent.trim()}))`, &cells)
	if len(cells) < 4*7 {
		t.Fatalf("the compare view shows %d figures, want at least the 28 of one pair", len(cells))
	}
	for _, c := range cells {
		v, ok := figureAt(doc, c.Path)
		if !ok {
			t.Errorf("figure %s is shown as %q but the command line has no such figure", c.Path, c.Text)
			continue
		}
		var r *float64
		if f, isNum := v.(float64); isNum {
			r = &f
		}
		if want := agreement.FormatRatio(r); c.Text != want {
			t.Errorf("figure %s: the browser shows %q, the command line %q", c.Path, c.Text, want)
		}
	}

	// The disagreements are exactly those the domain finds.
	sets := map[string]*annotations.Set{gold.ID: gold, second.ID: second}
	adj, err := agreement.Adjudicate(art, []*annotations.Set{sets[order[0]], sets[order[1]]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	p.eval(`Array.from(document.querySelectorAll('`+selDecisions+`'), li => li.dataset.kind + ' ' + li.dataset.type + ' ' + li.dataset.start + '-' + li.dataset.end)`, &kinds)
	var want []string
	for _, d := range adj.Decisions {
		want = append(want, fmt.Sprintf("%s %s %d-%d", d.Kind, d.Type, d.Start, d.End))
	}
	if !slices.Equal(kinds, want) {
		t.Fatalf("the view lists disagreements\n  %q\nwant\n  %q", kinds, want)
	}
	for _, kind := range []agreement.DisagreementKind{agreement.OnlyA, agreement.OnlyB, agreement.Boundaries, agreement.SpeakerDiffers} {
		if !slices.ContainsFunc(adj.Decisions, func(d agreement.Decision) bool { return d.Kind == kind }) {
			t.Errorf("the derived set makes no %q disagreement; the test data is wrong", kind)
		}
	}

	// Resolve by keyboard: A's version, then B's, then neither, round and
	// round. Each key resolves the current one and moves to the next open one.
	keys := []string{"a", "b", "x"}
	choices := make([]int, len(adj.Decisions))
	for i := range adj.Decisions {
		key := keys[i%len(keys)]
		p.press(key)
		p.waitFor(fmt.Sprintf("decision %d resolved", i), fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, i+1), waitTimeout)
		choices[i] = optionOf(adj.Decisions[i], key)
	}
	// Progress is kept: a reload of the compare view finds every choice.
	p.waitFor("the choices stored", fmt.Sprintf(`(() => { quotemark.get('adjudication/%s').then(v => { window.__adj = v; }); const r = window.__adj && JSON.parse(window.__adj); return !!r && r.choices.length === %d && !r.choices.includes(-2); })()`, seedArticle, len(adj.Decisions)), waitTimeout)
	p.reload()
	p.waitFor("the choices after a reload", fmt.Sprintf(`(document.querySelector('%s')||{dataset:{}}).dataset.resolved === '%d'`, selProgress, len(adj.Decisions)), bootTimeout)
	p.clickButton("Save adjudicated set")
	p.waitFor("the saved notice", `Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes('adjudicated set'))`, waitTimeout)
	p.clickButton("Export adjudicated set")
	data := p.waitDownload(seedArticle + ".adjudicated.quotemark.json")
	got, err := annotations.Read(data)
	if err != nil {
		t.Fatalf("the adjudicated export does not read: %v", err)
	}
	if _, err := got.Anchor(art); err != nil {
		t.Fatalf("the adjudicated export does not fit the article: %v", err)
	}
	if got.Annotator != "adjudicated" {
		t.Errorf("the adjudicated set's annotator is %q", got.Annotator)
	}
	wantSet, err := adj.Build(choices, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checkSameSet(t, got, wantSet)

	// It is stored as the article's active set.
	p.goTo("/article/" + seedArticle)
	p.waitArticleReady(seedArticle)
	if a := p.activeSet(); a.Value != got.ID {
		t.Errorf("the article's active set is %q, want the adjudicated %s", a.Value, got.ID)
	}
}

// optionOf is the option a key picks: a and b take the first and second
// set's version, x neither.
func optionOf(d agreement.Decision, key string) int {
	if key == "x" {
		return agreement.NoChoice
	}
	return d.OptionOfSet(map[string]int{"a": 0, "b": 1}[key])
}

// largeComparedSets makes two 2,000-annotation sets of art that disagree on
// 1,000 spans: every fourth annotation has other boundaries in the second
// set (500 boundaries), and every eighth from the second is in the first set
// only, the second having a span nobody else marked instead (250 only-A,
// 250 only-B). Spans are two words long, spread over the article, quotes
// and claims in turn.
func largeComparedSets(tb testing.TB, art *annotations.Article) (a, b *annotations.Set) {
	tb.Helper()
	const n = 2000
	body := strings.Index(art.Text, "\n\n")
	words := regexp.MustCompile(`\pL+`).FindAllStringIndex(art.Text[body:], -1)
	o := art.Offsets()
	at := func(byteOff int) int { return o.FromByte(body+byteOff, false) }
	type pair struct{ start, firstEnd, end int }
	var pairs []pair
	for i := 0; i+1 < len(words) && len(pairs) < n+n/8; i += 10 { // two words of every ten
		pairs = append(pairs, pair{at(words[i][0]), at(words[i][1]), at(words[i+1][1])})
	}
	if len(pairs) < n+n/8 {
		tb.Fatalf("the article has room for %d spans, want %d", len(pairs), n+n/8)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a = annotations.NewSet(art, "first", now)
	b = annotations.NewSet(art, "second", now)
	types := []annotations.Type{annotations.Quote, annotations.Claim}
	add := func(s *annotations.Set, typ annotations.Type, start, end int) {
		tb.Helper()
		if _, err := s.Add(art, typ, start, end); err != nil {
			tb.Fatal(err)
		}
	}
	extra := n
	for i := range n {
		p, typ := pairs[i], types[i%2]
		add(a, typ, p.start, p.end)
		switch {
		case i%4 == 0:
			add(b, typ, p.start, p.firstEnd)
		case i%8 == 1:
			q := pairs[extra]
			extra++
			add(b, typ, q.start, q.end)
		default:
			add(b, typ, p.start, p.end)
		}
	}
	return a, b
}

// TestBrowserCompareLargeSets: the compare view of two 2,000-annotation sets
// of a long article (1,000 disagreements) keeps only a window of rows in the
// list, resolves decisions by keyboard (and one by a click), reaches a
// decision far down the list and stores the right choices. It logs how long opening the view and each
// key took, from the keydown to two animation frames after the highlights
// changed; they are measurements, not assertions.
func TestBrowserCompareLargeSets(t *testing.T) {
	p, art := openLongArticle(t, 50000)
	id := art.ID

	first, second := largeComparedSets(t, art)
	setDir := t.TempDir()
	firstPath := writeSet(t, setDir, "first.quotemark.json", first)
	secondPath := writeSet(t, setDir, "second.quotemark.json", second)
	p.openArticle(id)
	p.chooseFile(selImport, firstPath)
	p.waitFor("the first set imported", fmt.Sprintf(`document.querySelector('%s')?.dataset.count === '%d'`, selList, len(first.Annotations)), waitTimeout)
	p.chooseFile(selImport, secondPath)
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")

	// Open the view from the article page, as a person does: from the click
	// until the decisions are listed and the highlights painted, plus two
	// frames.
	p.eval(`(() => {
  const m = window.__qmOpen = {};
  addEventListener('click', e => { m.t0 = e.timeStamp; }, {once: true, capture: true});
  new MutationObserver((_, obs) => {
    if (m.t0 === undefined || !location.pathname.startsWith('/compare/')) return;
    if (!document.querySelector('#article-frame[data-ready="true"]') || !document.querySelector('`+selDecisions+`')) return;
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { m.t1 = performance.now(); }));
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready']});
})()`, nil)
	p.click(selCompareLink)
	p.waitFor("the compare view", `window.__qmOpen && window.__qmOpen.t1 !== undefined`, waitTimeout)
	var openMS float64
	p.eval(`window.__qmOpen.t1 - window.__qmOpen.t0`, &openMS)
	t.Logf("opening the compare view from the article page: %.0f ms", openMS)

	var order []string
	p.eval(`Array.from(document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]'), li => li.dataset.setId)`, &order)
	byID := map[string]*annotations.Set{first.ID: first, second.ID: second}
	if len(order) != 2 || byID[order[0]] == nil || byID[order[1]] == nil {
		t.Fatalf("the compare view offers sets %q, want the two imported ones", order)
	}
	adj, err := agreement.Adjudicate(art, []*annotations.Set{byID[order[0]], byID[order[1]]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := len(adj.Decisions)
	if n != 1000 {
		t.Fatalf("the domain finds %d decisions, want the 1,000 the sets were made with", n)
	}
	p.waitFor("every decision counted", fmt.Sprintf(`document.querySelector('%s')?.dataset.total === '%d' && document.querySelector('ol[aria-label="Disagreements"]')?.dataset.count === '%d'`, selProgress, n, n), waitTimeout)

	// Each key: from its keydown until two frames after the next paint of
	// the highlights.
	var untilPaint []float64
	timeKey := func(key string) float64 {
		t.Helper()
		p.eval(`(() => {
  const el = document.getElementById('article-frame');
  const m = window.__qmKey = {p0: Number(el.dataset.painted || 0)};
  addEventListener('keydown', e => { m.t0 = e.timeStamp; }, {once: true, capture: true});
  new MutationObserver((_, obs) => {
    if (m.t0 === undefined || Number(el.dataset.painted || 0) <= m.p0) return;
    obs.disconnect();
    m.tp = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { m.t1 = performance.now(); }));
  }).observe(el, {attributes: true, attributeFilter: ['data-painted']});
})()`, nil)
		p.press(key)
		p.waitFor("the highlights after "+key, `window.__qmKey.t1 !== undefined`, waitTimeout)
		var ms float64
		p.eval(`window.__qmKey.t1 - window.__qmKey.t0`, &ms)
		var tp float64
		p.eval(`window.__qmKey.tp - window.__qmKey.t0`, &tp)
		untilPaint = append(untilPaint, tp)
		return ms
	}
	current := func() int {
		t.Helper()
		var i int
		p.eval(`Number(((document.querySelector('`+selDecisions+`[aria-current="true"]') || {}).id || 'decision--1').slice('decision-'.length))`, &i)
		return i
	}

	// Five decisions in order; then p from the sixth wraps past the first to
	// the last decision, far below the rows rendered, and a resolves it; the
	// focus goes on to the first open one, the sixth, which 1 resolves; n
	// steps on.
	want := map[int]int{}
	var times []float64
	resolved := 0
	for i, key := range []string{"a", "b", "x", "a", "b"} {
		times = append(times, timeKey(key))
		want[i] = optionOf(adj.Decisions[i], key)
		resolved++
		p.waitFor(fmt.Sprintf("decision %d resolved", i), fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, resolved), waitTimeout)
	}
	if got := current(); got != 5 {
		t.Errorf("after five decisions the focus is on decision %d, want 5", got)
	}
	for range 6 {
		times = append(times, timeKey("p"))
	}
	p.waitFor("the focus on the last decision", fmt.Sprintf(`document.querySelector('%s[aria-current="true"]')?.id === 'decision-%d'`, selDecisions, n-1), waitTimeout)
	var visible bool
	p.eval(fmt.Sprintf(`(() => {
  const li = document.getElementById('decision-%d'), box = li && li.getBoundingClientRect();
  const sc = li && li.closest('#decision-scroller, .sidebar').getBoundingClientRect();
  return !!box && box.top >= sc.top - 1 && box.bottom <= sc.bottom + 1;
})()`, n-1), &visible)
	if !visible {
		t.Errorf("decision %d is in focus but its row is not in the list's view", n-1)
	}
	times = append(times, timeKey("a"))
	want[n-1] = optionOf(adj.Decisions[n-1], "a")
	resolved++
	p.waitFor("the focus on the first open decision", fmt.Sprintf(`document.querySelector('%s[aria-current="true"]')?.id === 'decision-5'`, selDecisions), waitTimeout)
	times = append(times, timeKey("1"))
	want[5] = 0
	resolved++
	for range 4 {
		times = append(times, timeKey("n"))
	}
	if got := current(); got != 10 {
		t.Errorf("after four n from decision 6 the focus is on decision %d, want 10", got)
	}
	// The mouse: Neither on decision 7 resolves it and moves the focus to
	// the first open one after it.
	p.click(`#decision-7 button.option.none`)
	want[7] = agreement.NoChoice
	resolved++
	p.waitFor("the focus after a click", fmt.Sprintf(`document.querySelector('%s[aria-current="true"]')?.id === 'decision-8'`, selDecisions), waitTimeout)
	p.waitFor("every choice counted", fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, resolved), waitTimeout)

	var sum float64
	for _, ms := range times {
		sum += ms
	}
	t.Logf("keydown to two frames after the highlights changed, per key: %.1f ms on average over %d keys; each: %.0f", sum/float64(len(times)), len(times), times)
	t.Logf("of which keydown until the highlights were handed over: %.0f", untilPaint)

	// The stored progress has exactly the choices made.
	var stored []int
	p.waitFor("the choices stored", fmt.Sprintf(`(() => { quotemark.get('adjudication/%s').then(v => { window.__adj = v; }); const r = window.__adj && JSON.parse(window.__adj); return !!r && r.choices.filter(c => c !== -2).length === %d; })()`, id, resolved), waitTimeout)
	p.eval(`JSON.parse(window.__adj).choices`, &stored)
	if len(stored) != n {
		t.Fatalf("%d choices are stored, want %d", len(stored), n)
	}
	for i, ch := range stored {
		w, ok := want[i]
		if !ok {
			w = -2
		}
		if ch != w {
			t.Errorf("decision %d: stored choice %d, want %d", i, ch, w)
		}
	}
	// The rows show them too.
	var shown map[string]string
	p.eval(`Object.fromEntries(Array.from(document.querySelectorAll('`+selDecisions+`'), li => [li.id.slice('decision-'.length), li.dataset.choice]))`, &shown)
	for _, i := range []int{0, 1, 2, 3, 4, 5, 7} {
		label := "none"
		if want[i] != agreement.NoChoice {
			label = strconv.Itoa(want[i] + 1)
		}
		if got, ok := shown[strconv.Itoa(i)]; !ok || got != label {
			t.Errorf("decision %d's row shows choice %q (rendered: %v), want %q", i, got, ok, label)
		}
	}

	// The list holds a window of rows, not 1,000.
	var rows, count int
	p.eval(`document.querySelectorAll('`+selDecisions+`').length`, &rows)
	p.eval(`Number(document.querySelector('ol[aria-label="Disagreements"]').dataset.count)`, &count)
	if count != n {
		t.Errorf("the list says it has %d decisions, want %d", count, n)
	}
	if rows == 0 || rows > n/10 {
		t.Errorf("the list renders %d rows of %d decisions, want a window of them", rows, n)
	}

	// Opening again by a reload: from the start of the navigation, with the
	// wasm loaded from the cache, until the highlights are painted and the
	// progress restored, plus two frames.
	tm := p.navTiming("the compare view after a reload", "", fmt.Sprintf(`document.querySelector('#article-frame[data-ready="true"]') && (document.querySelector('%s')||{dataset:{}}).dataset.resolved === '%d'`, selProgress, resolved), bootTimeout)
	t.Logf("opening the compare view by a reload (wasm boot included): %.0f ms", tm.Frames)
}

// openCompareWith imports the gold set and the set at secondPath on the
// first seed article, opens its compare view once it lists more than
// minDecisions disagreements, and returns the sets' ids in the order the
// view compares them.
func (p *page) openCompareWith(gold *annotations.Set, secondPath string, minDecisions int) []string {
	p.tb.Helper()
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.chooseFile(selImport, secondPath)
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")
	p.click(selCompareLink)
	p.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > %d && document.querySelector('#article-frame[data-ready="true"]') !== null`, selDecisions, minDecisions), bootTimeout)
	var order []string
	p.eval(`Array.from(document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]'), li => li.dataset.setId)`, &order)
	return order
}
