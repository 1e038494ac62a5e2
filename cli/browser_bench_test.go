package cli

// The browser benchmarks of issue "Stay fast at any size", run by
// `make bench` (never by plain `go test`):
//
//	go test -timeout 60m -run '^$' -bench '^BenchmarkBrowserTable$' -benchtime 1x . [-bench-out PATH]
//
// A generated article of 50,000 words (longArticle), served from an
// -articles folder, with 0, 250, 2,000 and 10,000 annotations generated with
// the domain package and imported through the Import input, as a person
// would. Every figure is taken in the page (see bench_page_test.go): from the
// input event's timeStamp, or the navigation's start, to two animation
// frames after the change is visible through the UI contract's hooks
// (#article-frame data-ready and data-painted, the Annotations list's
// data-count, data-save-state). Beside the app, the same figures of a
// plain-JavaScript floor page (testdata/bench/floor.html) holding the same
// spans. It prints one table and writes the samples as JSON. It measures and
// never asserts a time; it fails when the UI does not do what was asked
// (the import did not reach N, the tag did not appear, the wheel did not
// scroll).

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
	"quotemark/annotations/suggest"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var (
	benchSizes   = flag.String("bench-sizes", "0,250,2000,10000", "BenchmarkBrowserTable: the numbers of annotations, comma-separated")
	benchReps    = flag.Int("bench-reps", 3, "BenchmarkBrowserTable: repetitions of each timed action (the table shows the median)")
	benchEdits   = flag.Int("bench-edits", 500, "BenchmarkBrowserTable: edits (tag, delete, tag, delete, ...) before the second Go heap figure")
	benchEditMax = flag.Duration("bench-edit-budget", 20*time.Minute, "BenchmarkBrowserTable: stop the edits early after this long (the table's note says how many were made)")
	benchPhases  = flag.String("bench-phases", "sizes,suggest,compare", "BenchmarkBrowserTable: which parts to run, comma-separated")
	benchOut     = flag.String("bench-out", "", "BenchmarkBrowserTable: where to write the JSON results (default $QUOTEMARK_BENCH_OUT, else bench-results.json)")
)

const (
	benchArticleWords = 50000
	benchCompareSize  = 2000
	benchSizeLimit    = 40 * time.Minute // one size's browser work
	benchLongWait     = 5 * time.Minute  // one import, one Accept all
)

// The table's rows, in order. A row's samples are per column (a size, or
// "floor N"); stat picks what the table shows of them.
var benchRows = []struct {
	id, label string
	stat      func([]float64) float64
}{
	{"boot", "boot to ready, empty article, ms", median},
	{"import", "import N annotations, ms", median},
	{"open", "open with N stored, ms", median},
	{"tag", "tag one (drag, Q), ms", median},
	{"click", "click-to-select a highlight, ms", median},
	{"delete", "delete one (Delete), ms", median},
	{"undo", "undo (Ctrl+Z), ms", median},
	{"scroll-article", "article scroll frame, median ms", median},
	{"scroll-article", "article scroll frame, p95 ms", p95},
	{"scroll-list", "list scroll frame, median ms", median},
	{"scroll-list", "list scroll frame, p95 ms", p95},
	{"heap-open", "Go heap after open, MB", median},
	{"heap-edits", "Go heap after the edits, MB", median},
	{"heap-ratio", "heap after edits / after open", median},
	{"edits", "edits made (of -bench-edits)", median},
	{"edit-ms", "edit loop, wall ms per edit", median},
	{"suggest", "Suggest until its count shows, ms", median},
	{"accept-all", "Accept all above, ms", median},
	{"compare", "open compare view (2,000 × 2), ms", median},
	{"decide", "one adjudication decision (A), ms", median},
}

// benchResults collects samples by row and column.
type benchResults struct {
	mu      sync.Mutex
	samples map[string]map[string][]float64 // row id → column → samples
	notes   []string
}

func (r *benchResults) add(row, col string, v ...float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.samples[row] == nil {
		r.samples[row] = map[string][]float64{}
	}
	r.samples[row][col] = append(r.samples[row][col], v...)
}

func (r *benchResults) note(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	tb.Log(msg)
	r.mu.Lock()
	r.notes = append(r.notes, msg)
	r.mu.Unlock()
}

func (r *benchResults) get(row, col string) []float64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.samples[row][col]
}

// columns: the sizes, then the floor of each size that has figures.
func (r *benchResults) columns(sizes []int) []string {
	var cols, floors []string
	r.mu.Lock()
	defer r.mu.Unlock()
	// Figures of sizes not asked for (boot is in column 0, the compare
	// view in 2,000) still get their column.
	all := slices.Clone(sizes)
	for _, byCol := range r.samples {
		for c, s := range byCol {
			if n, err := strconv.Atoi(c); err == nil && len(s) > 0 && !slices.Contains(all, n) {
				all = append(all, n)
			}
		}
	}
	slices.Sort(all)
	for _, n := range all {
		cols = append(cols, strconv.Itoa(n))
		floors = append(floors, "floor "+strconv.Itoa(n))
	}
	for _, f := range floors {
		for _, byCol := range r.samples {
			if len(byCol[f]) > 0 {
				cols = append(cols, f)
				break
			}
		}
	}
	return cols
}

func benchNumber(row string, v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case row == "edits":
		return fmt.Sprintf("%.0f", v)
	case row == "heap-ratio":
		return fmt.Sprintf("%.2f", v)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.1f", v)
	}
}

func (r *benchResults) printTable(w io.Writer, sizes []int, edits int) {
	cols := r.columns(sizes)
	const first = 36
	fmt.Fprintf(w, "\n%-*s", first, fmt.Sprintf("annotations (%s-word article)", groupThousands(benchArticleWords)))
	for _, c := range cols {
		head := c
		if n, err := strconv.Atoi(c); err == nil {
			head = groupThousands(n)
		} else if n, err := strconv.Atoi(strings.TrimPrefix(c, "floor ")); err == nil {
			head = "floor " + groupThousands(n)
		}
		fmt.Fprintf(w, " %12s", head)
	}
	fmt.Fprintln(w)
	for _, row := range benchRows {
		label := strings.Replace(row.label, "-bench-edits", strconv.Itoa(edits), 1)
		fmt.Fprintf(w, "%-*s", first, label)
		for _, c := range cols {
			s := r.get(row.id, c)
			cell := "–"
			if len(s) > 0 {
				cell = benchNumber(row.id, row.stat(s))
			}
			fmt.Fprintf(w, " %12s", cell)
		}
		fmt.Fprintln(w)
	}
	if len(r.notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range r.notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
	fmt.Fprintln(w)
}

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// benchJSONCell is one cell of the JSON results.
type benchJSONCell struct {
	Samples []float64 `json:"samples"`
	Median  *float64  `json:"median"`
	P95     *float64  `json:"p95"`
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func (r *benchResults) writeJSON(path string, meta map[string]any) error {
	r.mu.Lock()
	rows := map[string]map[string]benchJSONCell{}
	for row, byCol := range r.samples {
		rows[row] = map[string]benchJSONCell{}
		for col, s := range byCol {
			rows[row][col] = benchJSONCell{Samples: s, Median: finite(median(s)), P95: finite(p95(s))}
		}
	}
	labels := map[string]string{}
	for _, row := range benchRows {
		if _, ok := labels[row.id]; !ok {
			labels[row.id] = strings.TrimSuffix(strings.TrimSuffix(row.label, ", median ms"), ", ms")
		}
	}
	doc := map[string]any{"meta": meta, "labels": labels, "results": rows, "notes": r.notes}
	r.mu.Unlock()
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// BenchmarkBrowserTable runs the browser benchmarks once (they repeat each
// action themselves, -bench-reps); see the top of this file. A benchmark,
// so plain `go test` never selects it.
func BenchmarkBrowserTable(t *testing.B) {
	var sizes []int
	for _, f := range strings.Split(*benchSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			t.Fatalf("-bench-sizes: %q is not a number of annotations", f)
		}
		sizes = append(sizes, n)
	}
	reps, edits := max(1, *benchReps), max(2, *benchEdits)
	out := cmpOr(*benchOut, os.Getenv("QUOTEMARK_BENCH_OUT"), "bench-results.json")

	dir := t.TempDir()
	raw := longArticle(benchArticleWords)
	const file = "long-article.txt"
	if err := os.WriteFile(filepath.Join(dir, file), []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(file), []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	base := extraAppServer(t, dir)
	checkServedArticle(t, base, art)
	floor := startFloorServer(t)

	res := &benchResults{samples: map[string]map[string][]float64{}}
	started := time.Now()
	phases := strings.Split(*benchPhases, ",")
	for _, n := range sizes {
		if !slices.Contains(phases, "sizes") {
			break
		}
		t.Run(fmt.Sprintf("annotations=%d", n), func(t *testing.B) {
			benchSize(t, base, floor, art, n, reps, edits, res)
		})
	}
	if slices.Contains(phases, "suggest") {
		t.Run("suggest", func(t *testing.B) { benchSuggest(t, base, art, reps, res) })
	}
	if slices.Contains(phases, "compare") {
		t.Run("compare", func(t *testing.B) { benchCompare(t, base, art, reps, res) })
	}

	meta := map[string]any{
		"date":          started.UTC().Format(time.RFC3339),
		"seconds":       math.Round(time.Since(started).Seconds()),
		"article":       map[string]any{"words": benchArticleWords, "code_points": art.Length, "utf16_units": art.Offsets().UTF16Len()},
		"sizes":         sizes,
		"repetitions":   reps,
		"edits":         edits,
		"go":            runtime.Version(),
		"cpus":          runtime.NumCPU(),
		"viewport":      "1280x900",
		"units":         "ms, except heap-* (MB) and heap-ratio",
		"how":           "in the page: from the event's timeStamp (keydown, mousedown, the file input's change) or the navigation's start, to two animation frames after the change is visible; scroll-*: intervals between animation frames while mouse-wheel input scrolls the pane",
		"heap_budget":   "at 10,000 annotations the Go heap after the edits stays under twice the heap after opening",
		"floor_page":    "cli/testdata/bench/floor.html",
		"chromium":      chromiumVersion(),
		"failed_phases": failedPhases(t),
	}
	res.printTable(os.Stdout, sizes, edits)
	if err := res.writeJSON(out, meta); err != nil {
		t.Errorf("writing %s: %v", out, err)
	} else {
		fmt.Printf("wrote %s\n", out)
	}
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// failedPhases is filled by the phases that failed, for the JSON.
var benchFailed struct {
	sync.Mutex
	names []string
}

func failedPhases(t testing.TB) []string {
	benchFailed.Lock()
	defer benchFailed.Unlock()
	return slices.Clone(benchFailed.names)
}

func markFailed(t testing.TB) {
	t.Cleanup(func() {
		if t.Failed() {
			benchFailed.Lock()
			benchFailed.names = append(benchFailed.names, t.Name())
			benchFailed.Unlock()
		}
	})
}

func chromiumVersion() string {
	ctx, err := startBrowser()
	if err != nil {
		return ""
	}
	v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return ""
	}
	return v.Product
}

// checkServedArticle: the server offers the long article under the id and
// text the sets are made for.
func checkServedArticle(t testing.TB, base string, art *annotations.Article) {
	t.Helper()
	resp, err := http.Get(base + "/api/articles")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list []articleSummary
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("GET /api/articles: %v", err)
	}
	for _, a := range list {
		if a.ID == art.ID && a.SHA256 == art.SHA256 {
			return
		}
	}
	t.Fatalf("the server does not offer article %s (sha256 %s): %+v", art.ID, art.SHA256, list)
}

// readyCond: the article is shown with its highlights and n annotations.
func readyCond(id string, n int) string {
	return conds(fmt.Sprintf(`document.querySelector('#article-frame[data-article-id=%s][data-ready="true"]')`, cssString(id)),
		fmt.Sprintf(`%s === %d`, jsCount, n))
}

// bootArticle opens the article in a fresh page and measures it (a cold
// start: no cache, no service worker, empty storage).
func bootArticle(t testing.TB, base string, art *annotations.Article, res *benchResults) (*page, func()) {
	t.Helper()
	p, closePage := newBenchPage(t, base, benchSizeLimit)
	tm := p.navTiming("the empty article to be ready", "/article/"+art.ID, readyCond(art.ID, 0), bootTimeout)
	res.add("boot", "0", tm.Frames)
	return p, closePage
}

// importSet chooses the set file in the Import input and measures until
// the list counts n and the highlights are repainted; then waits until it is
// stored.
func importSet(p *page, path string, n int) timing {
	p.tb.Helper()
	p0 := p.num(jsPainted)
	p.arm("change", conds(fmt.Sprintf(`%s === %d`, jsCount, n), fmt.Sprintf(`%s > %v`, jsPainted, p0)))
	p.chooseFile(selImport, path)
	tm := p.measured(fmt.Sprintf("the import of %d annotations", n), benchLongWait)
	p.until("the imported set to be saved", conds(fmt.Sprintf(`%s === %d`, jsCount, n), jsSaved), benchLongWait)
	return tm
}

// benchSize: everything measured at n annotations, for the app and then
// for the floor page.
func benchSize(t testing.TB, base string, floor *floorServer, art *annotations.Article, n, reps, edits int, res *benchResults) {
	markFailed(t)
	col := strconv.Itoa(n)
	set := benchSet(t, art, "bench", benchSpecs(art, n))
	file := writeBenchSet(t, t.TempDir(), fmt.Sprintf("bench-%d", n), set)

	// Boot and import, each time in a fresh browser context; the last one
	// goes on.
	var p *page
	closePage := func() {}
	for r := range reps {
		closePage()
		p, closePage = bootArticle(t, base, art, res)
		if r == 0 {
			p.checkArticleText(art)
		}
		res.add("import", col, importSet(p, file, n).Frames)
	}
	defer func() { closePage() }()

	for range reps {
		tm := p.navTiming(fmt.Sprintf("the article with %d annotations", n), "", readyCond(art.ID, n), bootTimeout)
		res.add("open", col, tm.Frames)
	}
	heapOpen := p.num(`window.__qmGoHeap()`)
	res.add("heap-open", col, heapOpen/1e6)

	benchEdit(p, art, reps, col, res)
	for _, pane := range []struct{ row, sel string }{{"scroll-article", selText}, {"scroll-list", selList}} {
		for range reps {
			iv, ok := p.scrollFrames(pane.sel, 40, 120)
			if !ok {
				res.note(t, "%s at %d: nothing to scroll", pane.row, n)
				break
			}
			res.add(pane.row, col, iv...)
		}
	}

	// Edits, then the heap again.
	c := int(p.num(jsCount))
	editStart := time.Now()
	made := editLoop(p, art, edits, c, *benchEditMax)
	res.add("edits", col, float64(made))
	res.add("edit-ms", col, float64(time.Since(editStart).Milliseconds())/float64(made))
	if made < edits {
		res.note(t, "edits at %d: stopped after %d of %d in %s (-bench-edit-budget %s)", n, made, edits, time.Since(editStart).Round(time.Second), *benchEditMax)
	}
	p.until("the edits to be saved", conds(fmt.Sprintf(`%s === %d`, jsCount, c), jsSaved), benchLongWait)
	heapEdits := p.num(`window.__qmGoHeap()`)
	res.add("heap-edits", col, heapEdits/1e6)
	res.add("heap-ratio", col, heapEdits/heapOpen)
	if n == 10000 {
		verdict := "within"
		if heapEdits >= 2*heapOpen {
			verdict = "OVER"
		}
		if made < edits {
			verdict += fmt.Sprintf(" (but after only %d of the budget's %d edits: not yet a verdict)", made, edits)
		}
		res.note(t, "heap budget at 10,000: %.1f MB after %d edits, %.1f MB after opening: ratio %.2f, %s the budget of 2", heapEdits/1e6, made, heapOpen/1e6, heapEdits/heapOpen, verdict)
	}
	closePage()

	// The floor page: the same spans, the same actions.
	fcol := "floor " + col
	fp, closeFloor := newBenchPage(t, floor.url, benchSizeLimit)
	defer closeFloor()
	path := floor.add(t, col, art, set)
	for r := range reps {
		where := ""
		if r == 0 {
			where = path
		}
		tm := fp.navTiming(fmt.Sprintf("the floor page with %d spans", n), where, conds(`document.querySelector('#article-text[data-ready="true"]')`, fmt.Sprintf(`%s === %d`, jsCount, n)), bootTimeout)
		res.add("open", fcol, tm.Frames)
	}
	benchEdit(fp, art, reps, fcol, res)
	for range reps {
		iv, _ := fp.scrollFrames(selText, 40, 120)
		res.add("scroll-article", fcol, iv...)
	}
}

// benchEdit measures, reps times: tag a new two-word quote (mouse drag,
// key Q), deselect it (Escape), select an annotation by clicking that text,
// delete it (Delete) and bring it back (Ctrl+Z).
func benchEdit(p *page, art *annotations.Article, reps int, col string, res *benchResults) {
	p.tb.Helper()
	pairs := wordPairs(art, 400)
	count := func(n int) string { return fmt.Sprintf(`%s === %d`, jsCount, n) }
	painted := func() string { return fmt.Sprintf(`%s > %v`, jsPainted, p.num(jsPainted)) }
	for r := range reps {
		s := pairs[(20+r*13)%len(pairs)]
		c := int(p.num(jsCount))

		p.dragSelect(selText, s.u16Start, s.u16End)
		p.arm("keydown", conds(count(c+1), painted()))
		p.press("q")
		res.add("tag", col, p.measured("the tagged quote", benchLongWait).Frames)
		var shown bool
		p.eval(fmt.Sprintf(`(() => { for (const r of `+jsHighlights+`.get('qm-quote') || []) if (r.startOffset === %d && r.endOffset === %d) return true; return false; })()`, s.u16Start, s.u16End), &shown)
		if !shown {
			p.fatalf("the quote %q (%d–%d) was counted but is not highlighted", s.exact, s.u16Start, s.u16End)
		}

		after := painted()
		p.pressEscape()
		p.until("nothing selected after Escape", conds(after, jsNoneSelected), benchLongWait)

		mid := spanAt(art, (s.start+s.end)/2, (s.start+s.end)/2+1)
		p.arm("mousedown", conds(painted(), jsSelected))
		p.clickText(selText, mid.u16Start)
		res.add("click", col, p.measured("the clicked annotation to be selected", benchLongWait).Frames)

		p.arm("keydown", conds(count(c), painted()))
		p.pressDelete()
		res.add("delete", col, p.measured("the selected annotation to be deleted", benchLongWait).Frames)

		p.arm("keydown", conds(count(c+1), painted()))
		p.pressUndo()
		res.add("undo", col, p.measured("the deleted annotation to come back", benchLongWait).Frames)
	}
}

// editLoop makes edits changes as fast as the UI takes them: select the
// same two words with the mouse, Q (a new quote, selected), Delete (gone),
// and again; each waits for the list's count. The undo history grows by
// every one of them.
func editLoop(p *page, art *annotations.Article, edits, c int, budget time.Duration) (made int) {
	p.tb.Helper()
	s := wordPairs(art, 400)[5]
	p.dragSelect(selText, s.u16Start, s.u16End) // scrolls it into view, checks the selection
	first, last, _, err := p.textRects(selText, s.u16Start, s.u16End)
	if err != nil {
		p.fatalf("measuring %q: %v", s.exact, err)
	}
	x0, y0 := first.Left+first.Width/4, first.centerY()
	x1, y1 := last.Right-last.Width/4, last.centerY()
	deadline := time.Now().Add(budget)
	for i := 0; i < edits; i += 2 {
		if time.Now().After(deadline) {
			return i
		}
		if i > 0 {
			if err := chromedp.Do(p.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				return mouseDrag(ctx, t, x0, y0, x1, y1, 4)
			})); err != nil {
				p.fatalf("dragging: %v", err)
			}
		}
		p.press("q")
		p.until(fmt.Sprintf("edit %d: the quote tagged", i+1), fmt.Sprintf(`%s === %d`, jsCount, c+1), benchLongWait)
		p.pressDelete()
		p.until(fmt.Sprintf("edit %d: the quote deleted", i+2), fmt.Sprintf(`%s === %d`, jsCount, c), benchLongWait)
	}
	return edits
}

// benchSuggest: Suggest on the empty long article until the review panel
// counts the suggestions, then Accept all above a minimum confidence of 0
// (the suggester proposes fewer than 4,000 there: all of them).
func benchSuggest(t testing.TB, base string, art *annotations.Article, reps int, res *benchResults) {
	markFailed(t)
	all := suggest.Suggest(art)
	pending := annotations.PendingSuggestions(annotations.NewSet(art, "", time.Now()), all, map[string]bool{})
	want, err := annotations.NewSet(art, "", time.Now()).AcceptSuggestions(art, pending, 0)
	if err != nil {
		t.Fatal(err)
	}
	res.note(t, "Suggest: %d suggestions proposed on the %s-word article; Accept all above 0 accepts %d", len(pending), groupThousands(benchArticleWords), want)

	p, closePage := bootArticle(t, base, art, res)
	defer closePage()
	const progress = `document.querySelector('section[aria-label="Suggestions"] [data-pending]')`
	for r := range reps {
		p.arm("mousedown", fmt.Sprintf(`%s?.dataset.pending === '%d'`, progress, len(pending)))
		p.clickButton("Suggest")
		res.add("suggest", "0", p.measured(fmt.Sprintf("the review panel to count %d suggestions", len(pending)), benchLongWait).Frames)
		if r < reps-1 {
			p.clickButton("Done")
			p.until("the review panel to close", "!"+progress, waitTimeout)
		}
	}

	// The minimum confidence, typed as a person does.
	const minConf = `input[aria-label="Minimum confidence"]`
	p.click(minConf)
	p.press(kb.End)
	p.press(strings.Repeat(kb.Backspace, 8))
	p.press("0")
	p.press(kb.Tab)
	p.until("the minimum confidence to be 0", fmt.Sprintf(`document.querySelector('%s') && Number(document.querySelector('%s').value) === 0 && document.activeElement !== document.querySelector('%s')`, minConf, minConf, minConf), waitTimeout)

	for r := range reps {
		p0 := p.num(jsPainted)
		p.arm("mousedown", conds(fmt.Sprintf(`%s === %d`, jsCount, want), fmt.Sprintf(`%s > %v`, jsPainted, p0)))
		p.clickButton("Accept all above")
		res.add("accept-all", "0", p.measured(fmt.Sprintf("%d accepted suggestions in the list", want), benchLongWait).Frames)
		if r < reps-1 {
			p.pressUndo()
			p.until("Accept all undone", fmt.Sprintf(`%s === 0 && %s?.dataset.pending === '%d'`, jsCount, progress, len(pending)), benchLongWait)
		}
	}
}

// benchCompare: two annotators' 2,000-annotation sets of the long article,
// imported; the compare view opened (and reloaded), then one decision taken
// with the keyboard, reps times.
func benchCompare(t testing.TB, base string, art *annotations.Article, reps int, res *benchResults) {
	markFailed(t)
	col := strconv.Itoa(benchCompareSize)
	specsA := benchSpecs(art, benchCompareSize)
	a := benchSet(t, art, "annotator A", specsA)
	b := benchSet(t, art, "annotator B", secondAnnotatorSpecs(art, specsA))
	adj, err := agreement.Adjudicate(art, []*annotations.Set{a, b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fileA, fileB := writeBenchSet(t, dir, "annotator-a", a), writeBenchSet(t, dir, "annotator-b", b)

	p, closePage := bootArticle(t, base, art, res)
	defer closePage()
	importSet(p, fileA, len(a.Annotations))
	p.chooseFile(selImport, fileB)
	p.until("both sets under Active set", conds(fmt.Sprintf(`document.querySelector('%s')?.options.length === 2`, selActiveSet), jsSaved), benchLongWait)

	const progress = `document.querySelector('[data-resolved][data-total]')`
	ready := conds(`document.querySelector('#article-frame[data-ready="true"]')`, `Number(`+progress+`?.dataset.total ?? 0) > 0`)
	for r := range reps {
		where := ""
		if r == 0 {
			where = "/compare/" + art.ID
		}
		res.add("compare", col, p.navTiming("the compare view", where, ready, bootTimeout).Frames)
	}
	total := int(p.num(`Number(` + progress + `.dataset.total)`))
	res.note(t, "compare: %d and %d annotations, %d disagreements shown (the domain finds %d)", len(a.Annotations), len(b.Annotations), total, len(adj.Decisions))

	for range reps {
		done := int(p.num(`Number(` + progress + `.dataset.resolved)`))
		p.arm("keydown", fmt.Sprintf(`%s.dataset.resolved === '%d'`, progress, done+1))
		p.press("a")
		res.add("decide", col, p.measured("the decision to be resolved", waitTimeout).Frames)
	}
}

// longArticle generates a news-like article of about words words: a title,
// paragraphs with curly-quoted quotes and their speakers, an em dash and now
// and then an emoji, deterministic from a fixed seed.
func longArticle(words int) string {
	vocab := strings.Fields(`the council said on Tuesday that its budget for roads and schools would
		rise next year after a long debate over taxes while residents asked whether the plan was fair
		and officials promised a review of every contract signed since the election with reports due
		in the spring from the auditor who called the figures “incomplete” — a word the mayor rejected`)
	speakers := []string{"Delbert Hosemann", "Zoë Ångström", "Maria Núñez", "the mayor", "a spokesperson"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("A long article for the browser benchmark\n\n")
	n := 0
	for n < words {
		for s := 0; s < 6 && n < words; s++ {
			k := 8 + r.IntN(14)
			sentence := make([]string, k)
			for i := range sentence {
				sentence[i] = vocab[r.IntN(len(vocab))]
			}
			first, size := utf8.DecodeRuneInString(sentence[0])
			sentence[0] = string(unicode.ToUpper(first)) + sentence[0][size:]
			text := strings.Join(sentence, " ")
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&b, "“%s,” %s said. ", text, speakers[r.IntN(len(speakers))])
				n += 2
			case 1:
				fmt.Fprintf(&b, "%s 📈. ", text)
			default:
				fmt.Fprintf(&b, "%s. ", text)
			}
			n += k
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// wordPairs returns up to limit spans of two words each, from the start of the
// article's body, one after the other.
func wordPairs(art *annotations.Article, limit int) []span {
	body := strings.Index(art.Text, "\n\n")
	words := regexp.MustCompile(`\pL+`).FindAllStringIndex(art.Text[body:], -1)
	o := art.Offsets()
	var spans []span
	for i := 0; i+1 < len(words) && len(spans) < limit; i += 2 {
		// A pair never runs over a paragraph's end: a speaker's name cannot
		// (annotations.CheckMentionSpan), and any pair may be tagged as one.
		if strings.Contains(art.Text[body+words[i][1]:body+words[i+1][0]], "\n\n") {
			i--
			continue
		}
		start := o.FromByte(body+words[i][0], false)
		end := o.FromByte(body+words[i+1][1], false)
		spans = append(spans, spanAt(art, start, end))
	}
	return spans
}
