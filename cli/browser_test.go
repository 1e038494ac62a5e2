package cli

// Browser tests: the UI as a person uses it, in headless Chromium, against the
// UI contract (selectors and data- attributes) that app/ keeps. The harness is
// in browser_harness_test.go and the input helpers in browser_input_test.go.
//
//	go test -run Browser -v .
//	go test -run TestScreenshot -screenshot docs/screenshot.png .
//	go test -run '^$' -bench Browser .

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quotemark/annotations"

	"github.com/chromedp/chromedp"
)

var screenshotPath = flag.String("screenshot", "", "TestScreenshot writes a 1280x900 PNG of the article page with the gold set to this path")

// The UI contract's selectors.
const (
	selArticles      = `ul[aria-label="Articles"]`
	selArticlesReady = `ul[aria-label="Articles"][data-ready="true"]`
	selOpenArticle   = `input[type=file][aria-label="Open article"]`
	selText          = `#article-text` // inside the article's frame (see jsArticleWin)
	selFrame         = `#article-frame`
	selList          = `ul[role=list][aria-label="Annotations"]`
	selItems         = `ul[role=list][aria-label="Annotations"] li[role=listitem]`
	selDetails       = `section[aria-label="Details"]`
	selType          = `section[aria-label="Details"] select[aria-label="Type"]`
	selSpeaker       = `section[aria-label="Details"] select[aria-label="Speaker"]`
	selCheckworthy   = `section[aria-label="Details"] input[type=checkbox][aria-label="Checkworthy"]`
	selNote          = `section[aria-label="Details"] textarea[aria-label="Note"]`
	selSaveState     = `[role=status][data-save-state]`
	selImport        = `input[type=file][aria-label="Import annotations"]`
	selActiveSet     = `select[aria-label="Active set"]`
	selAlert         = `[role=alert]`
)

// The gold set of the first seed article, copied from shared/gold.
var goldPath = filepath.Join("internal", "fixture", "testdata", seedArticle+".quotemark.json")

// --- opening pages ---------------------------------------------------------

// openLibrary loads "/" and waits for the wasm to boot and list the articles.
func (p *page) openLibrary() {
	p.tb.Helper()
	p.goTo("/")
	p.waitLibraryReady()
}

func (p *page) waitLibraryReady() {
	p.tb.Helper()
	p.waitFor("the library to be ready", `document.querySelector('`+selArticlesReady+`')`, bootTimeout)
}

// openArticle loads "/article/ID" and waits until the text, its active set
// and the highlights are there.
func (p *page) openArticle(id string) {
	p.tb.Helper()
	p.goTo("/article/" + id)
	p.waitArticleReady(id)
}

func (p *page) waitArticleReady(id string) {
	p.tb.Helper()
	p.waitFor("article "+id+" to be ready",
		fmt.Sprintf(`document.querySelector('%s[data-article-id=%s][data-ready="true"]')`, selFrame, cssString(id)), bootTimeout)
}

// seedArticleText is the normalized text of a seed article, from web/articles.
func seedArticleText(tb testing.TB, id string) *annotations.Article {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("web", "articles", id+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	art, err := annotations.NewArticle(id, raw)
	if err != nil {
		tb.Fatal(err)
	}
	return art
}

// checkArticleText checks that #article-text shows exactly the normalized text.
func (p *page) checkArticleText(art *annotations.Article) {
	p.tb.Helper()
	var got string
	p.eval(jsArticleWin+`.document.querySelector('`+selText+`').textContent`, &got)
	if got != art.Text {
		p.fatalf("#article-text shows %d code points that differ from the normalized text (%d code points) first at code point %d:\n got %q\nwant %q",
			utf8.RuneCountInString(got), art.Length, firstDiff(got, art.Text), clipAround(got, art.Text), clipAround(art.Text, got))
	}
}

func firstDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	return i
}

func clipAround(s, other string) string {
	r := []rune(s)
	i := firstDiff(s, other)
	return string(r[max(0, i-20):min(len(r), i+20)])
}

// tag selects the span with a mouse drag and presses the tag key (q, s, c).
func (p *page) tag(s span, key string) {
	p.tb.Helper()
	p.dragSelect(selText, s.u16Start, s.u16End)
	p.press(key)
}

// --- reading the UI --------------------------------------------------------

// listItem is what the annotation list shows of one annotation.
type listItem struct {
	ID      string
	Type    string
	Start   int
	End     int
	Text    string // textContent, white space collapsed
	Current bool   // aria-current="true"
}

func (li listItem) key() string { return fmt.Sprintf("%s %d-%d", li.Type, li.Start, li.End) }

func (p *page) listItems() []listItem {
	p.tb.Helper()
	var items []listItem
	p.eval(`Array.from(document.querySelectorAll('`+selItems+`'), li => ({
  ID: li.dataset.annotationId || '',
  Type: li.dataset.type || '',
  Start: Number(li.dataset.start),
  End: Number(li.dataset.end),
  Text: li.textContent.replace(/\s+/g, ' ').trim(),
  Current: li.getAttribute('aria-current') === 'true',
}))`, &items)
	return items
}

func itemKeys(items []listItem) []string {
	keys := make([]string, len(items))
	for i, li := range items {
		keys[i] = li.key()
	}
	return keys
}

// waitItems waits until the list shows n annotations.
func (p *page) waitItems(n int) []listItem {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("%d annotations in the list", n),
		fmt.Sprintf(`document.querySelectorAll('%s').length === %d`, selItems, n), waitTimeout)
	return p.listItems()
}

// waitItem waits for a list item of that type and span.
func (p *page) waitItem(typ string, s span) listItem {
	p.tb.Helper()
	sel := fmt.Sprintf(`%s[data-type=%s][data-start="%d"][data-end="%d"]`, selItems, typ, s.start, s.end)
	p.waitFor(fmt.Sprintf("a %s %d–%d in the list", typ, s.start, s.end), `document.querySelector('`+sel+`')`, waitTimeout)
	for _, li := range p.listItems() {
		if li.Type == typ && li.Start == s.start && li.End == s.end {
			return li
		}
	}
	p.fatalf("the %s %d–%d left the list", typ, s.start, s.end)
	return listItem{}
}

func itemSelector(li listItem) string {
	return fmt.Sprintf(`%s[data-annotation-id=%s]`, selItems, cssString(li.ID))
}

// highlightSizes is the number of ranges of each of the app's highlights.
func (p *page) highlightSizes() map[string]int {
	p.tb.Helper()
	var sizes map[string]int
	p.eval(`Object.fromEntries(['qm-quote', 'qm-speaker', 'qm-claim', 'qm-selected'].map(n => [n, `+jsHighlights+`.get(n)?.size ?? 0]))`, &sizes)
	return sizes
}

// waitHighlights waits until the highlight sizes are as given (names left out
// are not checked).
func (p *page) waitHighlights(want map[string]int) {
	p.tb.Helper()
	var conds []string
	for name, n := range want {
		conds = append(conds, fmt.Sprintf(`(`+jsHighlights+`.get(%s)?.size ?? 0) === %d`, jsString(name), n))
	}
	slices.Sort(conds)
	if err := p.poll(strings.Join(conds, " && "), waitTimeout); err != nil {
		p.fatalf("highlights are %v, want %v: %v", p.highlightSizes(), want, err)
	}
}

// waitSaved waits until the latest change is stored. Checked together with
// cond in one evaluation, so that the state seen belongs to the change.
func (p *page) waitSaved(cond string) {
	p.tb.Helper()
	c := `document.querySelector('` + selSaveState + `')?.dataset.saveState === 'saved'`
	if cond != "" {
		c = "(" + cond + ") && " + c
	}
	p.waitFor("the change to be saved", c, waitTimeout)
}

// value is the current value of a form control (checked state for a checkbox).
func (p *page) value(css string) string {
	p.tb.Helper()
	var v string
	p.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) throw new Error('no ' + %s); return e.type === 'checkbox' ? String(e.checked) : e.value; })()`, jsString(css), jsString(css)), &v)
	return v
}

// selectedOptionText is the label of the chosen option of a select.
func (p *page) selectedOptionText(css string) string {
	p.tb.Helper()
	var v string
	p.eval(fmt.Sprintf(`(() => { const s = document.querySelector(%s); return s && s.selectedIndex >= 0 ? s.options[s.selectedIndex].textContent.trim() : ''; })()`, jsString(css)), &v)
	return v
}

// selectItem clicks a list item and waits until it is the selected one.
func (p *page) selectItem(li listItem) {
	p.tb.Helper()
	p.click(itemSelector(li))
	p.waitFor("the clicked item to be selected", `document.querySelector('`+itemSelector(li)+`[aria-current="true"]') && document.querySelector('`+selDetails+`')`, waitTimeout)
}

// activeSet is the value and the options of the Active set select.
type activeSet struct {
	Value   string
	Options []string
}

func (p *page) activeSet() activeSet {
	p.tb.Helper()
	var a activeSet
	p.eval(`(() => { const s = document.querySelector('`+selActiveSet+`'); return s ? {Value: s.value, Options: Array.from(s.options, o => o.value)} : {Value: '', Options: []}; })()`, &a)
	return a
}

// waitAlert waits for a non-empty alert that contains want and returns the
// text of the alerts.
func (p *page) waitAlert(want string) string {
	p.tb.Helper()
	what := "an alert"
	if want != "" {
		what = fmt.Sprintf("an alert saying %q", want)
	}
	p.waitFor(what,
		fmt.Sprintf(`Array.from(document.querySelectorAll('%s')).some(e => { const t = e.textContent.replace(/\s+/g, ' ').trim(); return t !== '' && t.includes(%s); })`, selAlert, jsString(want)), waitTimeout)
	var texts []string
	p.eval(`Array.from(document.querySelectorAll('`+selAlert+`'), e => e.textContent.trim())`, &texts)
	return strings.Join(texts, " | ")
}

// export clicks Export and returns the set in the downloaded ID.quotemark.json.
func (p *page) export(articleID string) *annotations.Set {
	p.tb.Helper()
	p.clickButton("Export")
	data := p.waitDownload(articleID + ".quotemark.json")
	set, err := annotations.Read(data)
	if err != nil {
		p.fatalf("the exported file does not read back: %v\n%s", err, data)
	}
	return set
}

// --- comparing sets --------------------------------------------------------

// describeSet lists a set's annotations in the format's order with everything
// but ids and timestamps, speakers by name.
func describeSet(s *annotations.Set) []string {
	var out []string
	for _, a := range s.Annotations {
		form := a.Form
		if a.Type == annotations.Quote && form == "" {
			form = annotations.Direct
		}
		out = append(out, fmt.Sprintf("%s %d-%d exact=%q prefix=%q suffix=%q speaker=%q form=%q checkworthy=%v note=%q",
			a.Type, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, s.SpeakerName(a.Speaker), form, a.Checkworthy, a.Note))
	}
	return out
}

func speakerNames(s *annotations.Set) []string {
	var names []string
	for _, sp := range s.Speakers {
		names = append(names, sp.Name)
	}
	return names
}

// checkSameSet compares an exported set with the expected one: the article
// it is for, the speakers, and every annotation field but ids and times.
func checkSameSet(tb testing.TB, got, want *annotations.Set) {
	tb.Helper()
	if got.Article.ID != want.Article.ID || got.Article.SHA256 != want.Article.SHA256 || got.Article.Length != want.Article.Length {
		tb.Errorf("exported article %+v, want id %s, sha256 %s, length %d", got.Article, want.Article.ID, want.Article.SHA256, want.Article.Length)
	}
	if g, w := speakerNames(got), speakerNames(want); !slices.Equal(g, w) {
		tb.Errorf("exported speakers %q, want %q", g, w)
	}
	g, w := describeSet(got), describeSet(want)
	if !slices.Equal(g, w) {
		tb.Errorf("exported annotations:\n  %s\nwant:\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
}

// expectedHosemannSet is what tagging the quote 691–778 and then the mention
// "Hosemann" 780–788 of the first seed article must give.
func expectedHosemannSet(tb testing.TB, art *annotations.Article) *annotations.Set {
	tb.Helper()
	set := annotations.NewSet(art, "", time.Now())
	q, err := set.Add(art, annotations.Quote, 691, 778)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := set.Add(art, annotations.SpeakerMention, 780, 788)
	if err != nil {
		tb.Fatal(err)
	}
	if err := set.Attribute(q.ID, m.Speaker); err != nil {
		tb.Fatal(err)
	}
	return set
}

// tagHosemannQuote tags, on the open first seed article, the quote 691–778
// (key q) and then the mention "Hosemann" 780–788 (key s), which attributes
// the selected quote to Hosemann.
func tagHosemannQuote(p *page, art *annotations.Article) (quote, mention span) {
	p.tb.Helper()
	quote, mention = spanAt(art, 691, 778), spanAt(art, 780, 788)
	if quote.exact != "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from," || mention.exact != "Hosemann" {
		p.tb.Fatalf("the seed article changed: 691–778 is %q and 780–788 is %q", quote.exact, mention.exact)
	}
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.tag(mention, "s")
	p.waitItem("speaker", mention)
	p.waitItems(2)
	return quote, mention
}

// --- the tests -------------------------------------------------------------

// TestBrowserTagQuoteAndSpeaker: from the library, open the first seed
// article, tag a quote and its speaker with mouse drags and keys, and export.
func TestBrowserTagQuoteAndSpeaker(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	p.openLibrary()
	for _, id := range []string{seedArticle, seedArticle2} {
		p.waitFor("the seed article "+id+" in the library",
			fmt.Sprintf(`document.querySelector('%s li[data-article-id=%s] a[href="/article/%s"]')`, selArticles, cssString(id), id), waitTimeout)
	}
	p.click(fmt.Sprintf(`%s li[data-article-id=%s] a[href="/article/%s"]`, selArticles, cssString(seedArticle), seedArticle))
	p.waitFor("the article page", `location.pathname === '/article/`+seedArticle+`'`, waitTimeout)
	p.waitArticleReady(seedArticle)
	p.checkArticleText(art)

	quote, mention := tagHosemannQuote(p, art)
	items := p.listItems()
	if got, want := itemKeys(items), []string{"quote 691-778", "speaker 780-788"}; !slices.Equal(got, want) {
		p.fatalf("the list shows %q, want %q", got, want)
	}
	for i, want := range []struct{ typ, exact string }{{"quote", quote.exact}, {"speaker", mention.exact}} {
		for _, s := range []string{want.typ, want.exact, "Hosemann"} {
			if !strings.Contains(items[i].Text, s) {
				t.Errorf("list item %d %q does not show %q", i, items[i].Text, s)
			}
		}
	}
	p.waitHighlights(map[string]int{"qm-quote": 1, "qm-speaker": 1, "qm-claim": 0})

	// The quote is attributed to the speaker that the mention names.
	p.selectItem(items[1])
	mentionSpeaker := p.value(selSpeaker)
	p.selectItem(items[0])
	quoteSpeaker := p.value(selSpeaker)
	if mentionSpeaker == "" || quoteSpeaker != mentionSpeaker {
		t.Errorf("the quote's speaker is %q, the mention's %q: want the same, non-empty", quoteSpeaker, mentionSpeaker)
	}
	if name := p.selectedOptionText(selSpeaker); name != "Hosemann" {
		t.Errorf("the quote's speaker is shown as %q, want %q", name, "Hosemann")
	}

	checkSameSet(t, p.export(seedArticle), expectedHosemannSet(t, art))
}

// TestBrowserWorkSurvivesReload: tagged work is in IndexedDB: a reload of
// the tab and a second tab show it, and the library counts it.
func TestBrowserWorkSurvivesReload(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	p.openArticle(seedArticle)
	tagHosemannQuote(p, art)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === 2`, selItems))
	before := itemKeys(p.listItems())
	highlights := map[string]int{"qm-quote": 1, "qm-speaker": 1, "qm-claim": 0}

	p.reload()
	p.waitArticleReady(seedArticle)
	if got := itemKeys(p.listItems()); !slices.Equal(got, before) {
		p.fatalf("after a reload the list shows %q, want %q", got, before)
	}
	p.waitHighlights(highlights)

	p2 := p.newTab()
	p2.openArticle(seedArticle)
	if got := itemKeys(p2.listItems()); !slices.Equal(got, before) {
		p2.fatalf("a second tab shows %q, want %q", got, before)
	}
	p2.waitHighlights(highlights)

	p2.openLibrary()
	for id, want := range map[string]string{seedArticle: "2", seedArticle2: "0"} {
		sel := fmt.Sprintf(`%s li[data-article-id=%s] [data-count]`, selArticles, cssString(id))
		if err := p2.poll(fmt.Sprintf(`document.querySelector('%s')?.dataset.count === %s`, sel, jsString(want)), waitTimeout); err != nil {
			var got *string
			p2.eval(fmt.Sprintf(`document.querySelector('%s')?.dataset.count ?? null`, sel), &got)
			p2.fatalf("the library counts %v annotations for %s, want %s", deref(got), id, want)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "(no [data-count])"
	}
	return *s
}

// TestBrowserImportGoldSet: the reference set imports into an empty article
// as its active set, lists all 34 annotations and paints them by type.
func TestBrowserImportGoldSet(t *testing.T) {
	gold := readGold(t)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)

	items := p.listItems()
	want := make([]listItem, len(gold.Annotations))
	for i, a := range gold.Annotations {
		want[i] = listItem{Type: string(a.Type), Start: a.Start, End: a.End}
	}
	if got, w := itemKeys(items), itemKeys(want); !slices.Equal(got, w) {
		t.Errorf("the list shows, in this order:\n  %q\nwant the gold set in text order:\n  %q", got, w)
	}
	for i, li := range items {
		if i >= len(gold.Annotations) {
			break
		}
		a := gold.Annotations[i]
		for _, s := range []string{string(a.Type), strings.Join(strings.Fields(a.Exact), " "), gold.SpeakerName(a.Speaker)} {
			if !strings.Contains(li.Text, s) {
				t.Errorf("list item %d (%s) %q does not show %q", i, li.key(), li.Text, s)
			}
		}
	}
	p.waitHighlights(goldHighlights(gold))
	if a := p.activeSet(); a.Value != gold.ID || !slices.Contains(a.Options, gold.ID) {
		t.Errorf("the active set is %q of %q, want the imported %s", a.Value, a.Options, gold.ID)
	}

	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === %d`, selItems, len(gold.Annotations)))
	p.reload()
	p.waitArticleReady(seedArticle)
	if got := itemKeys(p.listItems()); !slices.Equal(got, itemKeys(items)) {
		t.Errorf("after a reload the list shows %q, want %q", got, itemKeys(items))
	}
	if a := p.activeSet(); a.Value != gold.ID {
		t.Errorf("after a reload the active set is %q, want %s", a.Value, gold.ID)
	}
}

func readGold(tb testing.TB) *annotations.Set {
	tb.Helper()
	data, err := os.ReadFile(goldPath)
	if err != nil {
		tb.Fatal(err)
	}
	gold, err := annotations.Read(data)
	if err != nil {
		tb.Fatal(err)
	}
	return gold
}

// goldHighlights is how many ranges each type's highlight must hold.
func goldHighlights(s *annotations.Set) map[string]int {
	want := map[string]int{"qm-quote": 0, "qm-speaker": 0, "qm-claim": 0}
	for _, a := range s.Annotations {
		want["qm-"+string(a.Type)]++
	}
	return want
}

// importGold chooses the gold set in the Import annotations input and waits
// until it is listed.
func (p *page) importGold(gold *annotations.Set) {
	p.tb.Helper()
	abs, err := filepath.Abs(goldPath)
	if err != nil {
		p.tb.Fatal(err)
	}
	p.chooseFile(selImport, abs)
	p.waitItems(len(gold.Annotations))
}

// TestBrowserImportRefusesBrokenFiles: a file that breaks the format is
// refused with an alert naming the rule and the place, and nothing changes:
// not the list, not the active set, not what IndexedDB holds.
func TestBrowserImportRefusesBrokenFiles(t *testing.T) {
	gold := readGold(t)
	goldData, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	// The first annotation's end, moved past the article's length.
	pastEnd := bytes.Replace(goldData, []byte(`"end": 283,`), []byte(`"end": 99999,`), 1)
	if bytes.Equal(pastEnd, goldData) {
		t.Fatal("the gold set changed: its first annotation no longer ends at 283")
	}
	cases := []struct {
		name string
		data []byte
		must []string // the message must say at least this
	}{
		{"past-end.quotemark.json", pastEnd, []string{"annotations[0]", "99999", "4428"}},
		{"notes.quotemark.json", []byte("Hosemann: jump in the Gulf\n"), nil},
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === %d`, selItems, len(gold.Annotations)))
	items, active, stored := itemKeys(p.listItems()), p.activeSet(), p.idbSnapshot()

	for _, c := range cases {
		_, readErr := annotations.Read(c.data)
		if readErr == nil {
			t.Fatalf("%s: annotations.Read accepts it", c.name)
		}
		msg := readErr.Error()
		for _, s := range c.must {
			if !strings.Contains(msg, s) {
				t.Fatalf("%s: annotations.Read says %q, which does not name %q", c.name, msg, s)
			}
		}
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		p.chooseFile(selImport, path)
		t.Logf("%s: alert %q", c.name, p.waitAlert(msg))

		if got := itemKeys(p.listItems()); !slices.Equal(got, items) {
			t.Errorf("%s: the list changed to %q", c.name, got)
		}
		if got := p.activeSet(); got.Value != active.Value || !slices.Equal(got.Options, active.Options) {
			t.Errorf("%s: the active set changed from %+v to %+v", c.name, active, got)
		}
		if got := p.idbSnapshot(); got != stored {
			t.Errorf("%s: IndexedDB changed:\nbefore %s\nafter  %s", c.name, clip(stored), clip(got))
		}
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}

// TestBrowserOpenUnicodeArticle: a .txt with an emoji outside the BMP, CRLF
// and combining marks opens normalized, and spans tagged after the emoji
// export with code point offsets.
func TestBrowserOpenUnicodeArticle(t *testing.T) {
	p, id := openUnicodeArticle(t)
	if id == "" || "/article/"+id != p.path() {
		p.fatalf("#article-frame has data-article-id %q on page %s", id, p.path())
	}
	art, err := annotations.NewArticle(id, []byte(unicodeArticleRaw))
	if err != nil {
		t.Fatal(err)
	}
	p.checkArticleText(art)

	quote, mention := findSpan(t, art, "Café q̃ is open,"), findSpan(t, art, "Zoë Ångström")
	if quote.u16Start == quote.start {
		t.Fatal("the fixture must put the span after characters outside the BMP")
	}
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.tag(mention, "s")
	p.waitItem("speaker", mention)
	p.waitItems(2)

	want := annotations.NewSet(art, "", time.Now())
	q, err := want.Add(art, annotations.Quote, quote.start, quote.end)
	if err != nil {
		t.Fatal(err)
	}
	m, err := want.Add(art, annotations.SpeakerMention, mention.start, mention.end)
	if err != nil {
		t.Fatal(err)
	}
	if err := want.Attribute(q.ID, m.Speaker); err != nil {
		t.Fatal(err)
	}
	checkSameSet(t, p.export(id), want)
}

// path is the page's location.pathname.
func (p *page) path() string {
	p.tb.Helper()
	var s string
	p.eval(`location.pathname`, &s)
	return s
}

// TestBrowserLibraryRefusesBadFiles: a file that is not an article text is
// refused with an alert, and the library is unchanged.
func TestBrowserLibraryRefusesBadFiles(t *testing.T) {
	cases := []struct {
		name string
		data []byte
	}{
		{"latin1.txt", []byte("Caf\xe9 au lait\n")},
		{"empty.txt", nil},
		{"binary.txt", []byte("\x00\x01\x02\x03PK\x05\x06")},
		{"huge.txt", bytes.Repeat([]byte("all work and no play\n"), annotations.MaxArticleBytes/21+1)},
	}
	p := newPage(t, "")
	p.openLibrary()
	articles := p.libraryIDs()
	for _, c := range cases {
		if _, err := annotations.NewArticle("x", c.data); err == nil {
			t.Fatalf("%s: annotations.NewArticle accepts it", c.name)
		}
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		p.chooseFile(selOpenArticle, path)
		t.Logf("%s: alert %q", c.name, p.waitAlert(""))
		if got := p.path(); got != "/" {
			t.Errorf("%s: the page went to %s", c.name, got)
		}
		if got := p.libraryIDs(); !slices.Equal(got, articles) {
			t.Errorf("%s: the library changed from %q to %q", c.name, articles, got)
		}
		p.reload() // a fresh page for the next file, without the alert
		p.waitLibraryReady()
		if got := p.libraryIDs(); !slices.Equal(got, articles) {
			t.Errorf("%s: after a reload the library changed from %q to %q", c.name, articles, got)
		}
	}
}

func (p *page) libraryIDs() []string {
	p.tb.Helper()
	var ids []string
	p.eval(`Array.from(document.querySelectorAll('`+selArticles+` li[data-article-id]'), li => li.dataset.articleId)`, &ids)
	return ids
}

// TestBrowserEditDeleteUndoRedo: select an annotation by clicking its
// highlight, change it in Details, delete it with the Delete key, bring it
// back with Ctrl+Z and remove it again with Ctrl+Shift+Z.
func TestBrowserEditDeleteUndoRedo(t *testing.T) {
	p := newPage(t, "")
	art := seedArticleText(t, seedArticle)
	p.openArticle(seedArticle)
	s := spanAt(art, 1646, 1838)
	if !strings.HasPrefix(s.exact, "Kobach was fined") {
		t.Fatalf("the seed article changed: 1646–1838 is %q", s.exact)
	}
	p.tag(s, "q")
	p.waitItem("quote", s)
	p.pressEscape()
	p.waitFor("nothing selected after Escape", `!document.querySelector('`+selItems+`[aria-current="true"]')`, waitTimeout)
	p.waitHighlights(map[string]int{"qm-quote": 1, "qm-selected": 0})

	// A click on the highlight selects the annotation.
	middle := spanAt(art, (s.start+s.end)/2, (s.start+s.end)/2+1)
	p.clickText(selText, middle.u16Start)
	p.waitFor("the clicked annotation to be selected",
		fmt.Sprintf(`document.querySelector('%s[data-start="%d"][aria-current="true"]') && document.querySelector('%s')`, selItems, s.start, selType), waitTimeout)
	p.waitHighlights(map[string]int{"qm-selected": 1})
	if got := p.value(selType); got != "quote" {
		t.Errorf("Details shows type %q, want quote", got)
	}

	// Make it a checkworthy claim with a note.
	p.selectOption(selType, "claim")
	claim := p.waitItem("claim", s)
	p.waitHighlights(map[string]int{"qm-quote": 0, "qm-claim": 1})
	p.click(selCheckworthy)
	p.waitFor("Checkworthy to be ticked", `document.querySelector('`+selCheckworthy+`').checked`, waitTimeout)
	const note = "Check the court record."
	p.typeText(selNote, note)
	p.clickText(selText, middle.u16Start) // leaves the note, as a person does
	p.waitSaved(fmt.Sprintf(`document.querySelector('%s')?.value === %s`, selNote, jsString(note)))
	if got := p.value(selCheckworthy); got != "true" {
		t.Errorf("Checkworthy is %s after leaving the note, want true", got)
	}

	p.pressDelete()
	p.waitItems(0)
	p.waitHighlights(map[string]int{"qm-quote": 0, "qm-claim": 0, "qm-selected": 0})

	p.pressUndo()
	back := p.waitItem("claim", s)
	p.waitHighlights(map[string]int{"qm-claim": 1})
	if back.ID != claim.ID {
		t.Errorf("undo brought back id %s, want %s", back.ID, claim.ID)
	}
	p.selectItem(back)
	if got := p.value(selNote); got != note {
		t.Errorf("after undo the note is %q, want %q", got, note)
	}
	if got := p.value(selCheckworthy); got != "true" {
		t.Errorf("after undo Checkworthy is %s, want true", got)
	}

	p.pressRedo()
	p.waitItems(0)
	p.waitHighlights(map[string]int{"qm-claim": 0})
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === 0`, selItems))
	p.reload()
	p.waitArticleReady(seedArticle)
	if got := itemKeys(p.listItems()); len(got) != 0 {
		t.Errorf("after redo and a reload the list shows %q, want nothing", got)
	}
}

// TestScreenshot: the gold set painted on the first seed article. With
// -screenshot PATH it writes a 1280x900 PNG of the page (for the README).
func TestScreenshot(t *testing.T) {
	gold := readGold(t)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitHighlights(goldHighlights(gold))
	for name, n := range p.highlightSizes() {
		if name != "qm-selected" && n == 0 {
			t.Errorf("highlight %s is empty", name)
		}
	}
	// Select the first quote, so that the picture shows Details too.
	for _, li := range p.listItems() {
		if li.Type == "quote" {
			p.selectItem(li)
			break
		}
	}
	if *screenshotPath == "" {
		return
	}
	shot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.fatalf("taking the screenshot: %v", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(shot))
	if err != nil || cfg.Width != 1280 || cfg.Height != 900 {
		t.Fatalf("the screenshot is %dx%d (%v), want 1280x900", cfg.Width, cfg.Height, err)
	}
	if err := os.WriteFile(*screenshotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", *screenshotPath)
}

// openUnicodeArticle opens unicodeArticleRaw from a file through the
// library's Open article…, as a person does, and returns the page on the
// article and the id the library gave it.
func openUnicodeArticle(t *testing.T) (*page, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "unicode-test.txt")
	if err := os.WriteFile(file, []byte(unicodeArticleRaw), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPage(t, "")
	return p, p.openArticleFile(file)
}

// openArticleFile opens a text file through the library's Open article…, as
// a person does, and returns the id the library gave it.
func (p *page) openArticleFile(file string) string {
	p.tb.Helper()
	p.openLibrary()
	p.chooseFile(selOpenArticle, file)
	p.waitFor("the opened article's page", `location.pathname.startsWith('/article/') && document.querySelector('`+selFrame+`[data-ready="true"]')`, bootTimeout)
	var id string
	p.eval(`document.querySelector('`+selFrame+`').dataset.articleId`, &id)
	return id
}
