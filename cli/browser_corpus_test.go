package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserCorpusLinksSharedQuote: with the gold set on the first seed
// article and Hosemann's quote tagged on the second, the corpus page shows
// Hosemann as one person across both articles and links the two versions of
// "a great state to launch from", with their differences word by word; a
// quote's link opens its article with it selected.
func TestBrowserCorpusLinksSharedQuote(t *testing.T) {
	gold := readGold(t)
	art2 := seedArticleText(t, seedArticle2)
	s2, quote := hosemannOnSecondArticle(t, art2)
	path, err := filepath.Abs(writeSet(t, t.TempDir(), "second.quotemark.json", s2))
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved("true")
	p.openArticle(seedArticle2)
	p.chooseFile(selImport, path)
	p.waitItems(2)
	p.waitSaved("true")

	p.goTo("/corpus")
	p.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)
	var link struct {
		Articles []string
		Del, Ins []string
	}
	p.eval(`(() => {
		const li = Array.from(document.querySelectorAll('ul[aria-label="Linked quotes"] > li')).find(li => li.textContent.includes('launch from'));
		if (!li) return {Articles: [], Del: [], Ins: []};
		return {
			Articles: Array.from(li.querySelectorAll('.refs a'), a => a.textContent),
			Del: Array.from(li.querySelectorAll('del'), e => e.textContent),
			Ins: Array.from(li.querySelectorAll('ins'), e => e.textContent),
		};
	})()`, &link)
	if len(link.Articles) != 2 || link.Articles[0] == link.Articles[1] {
		t.Fatalf("the 'launch from' quote is linked across %q, want both seed articles", link.Articles)
	}
	if len(link.Del)+len(link.Ins) == 0 {
		t.Errorf("the linked quotes show no word differences (state/State, the comma and full stop)")
	}
	var hosemann struct{ Quotes, Articles int }
	p.eval(`(() => {
		const li = Array.from(document.querySelectorAll('ul[aria-label="Corpus speakers"] > li')).find(li => li.querySelector('summary strong').textContent === 'Delbert Hosemann');
		return li ? {Quotes: +li.dataset.quotes, Articles: +li.dataset.articles} : {Quotes: 0, Articles: 0};
	})()`, &hosemann)
	goldQuotes := 0
	for _, a := range gold.Annotations {
		if a.Type == annotations.Quote && gold.SpeakerName(a.Speaker) == "Delbert Hosemann" {
			goldQuotes++
		}
	}
	if hosemann.Articles != 2 || hosemann.Quotes != goldQuotes+1 {
		t.Errorf("Delbert Hosemann's row has %d quotes in %d articles, want %d in 2", hosemann.Quotes, hosemann.Articles, goldQuotes+1)
	}

	// A closed row holds no quote nodes; opening it shows its quotes, and
	// closing it takes them away again, by mouse or by keyboard.
	const hosemannRow = `ul[aria-label="Corpus speakers"] > li[data-speaker-key="delbert hosemann"]`
	rowState := fmt.Sprintf(`(() => {
		const li = document.querySelector(%s);
		return li ? {Open: li.querySelector('details').open, Quotes: li.querySelectorAll('.quotes > li').length} : {Open: false, Quotes: -1};
	})()`, jsString(hosemannRow))
	var state struct {
		Open   bool
		Quotes int
	}
	p.eval(rowState, &state)
	if state.Open || state.Quotes != 0 {
		t.Errorf("Delbert Hosemann's row before opening it: open %v, %d quote nodes; want closed with none", state.Open, state.Quotes)
	}
	var allQuoteNodes int
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] .quotes li').length`, &allQuoteNodes)
	if allQuoteNodes != 0 {
		t.Errorf("%d quote nodes in the closed speaker rows; want none", allQuoteNodes)
	}
	p.click(hosemannRow + ` summary`)
	p.waitFor("Hosemann's quotes shown", fmt.Sprintf(`(() => { const li = document.querySelector(%s); return li.querySelector('details').open && li.querySelectorAll('.quotes > li').length === %d && li.querySelector('.quotes a[href*="select=%s"]') !== null; })()`, jsString(hosemannRow), goldQuotes+1, quote.ID), waitTimeout)
	p.press(kb.Enter) // the summary has the focus: Enter closes the row
	p.waitFor("Hosemann's row closed by keyboard", fmt.Sprintf(`(() => { const li = document.querySelector(%s); return !li.querySelector('details').open && li.querySelectorAll('.quotes li').length === 0; })()`, jsString(hosemannRow)), waitTimeout)
	p.press(kb.Enter)
	p.waitFor("Hosemann's row opened by keyboard", fmt.Sprintf(`document.querySelectorAll('%s .quotes > li').length === %d`, hosemannRow, goldQuotes+1), waitTimeout)

	// Only the row being merged lists the other speakers.
	var options int
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] option').length`, &options)
	if options != 0 {
		t.Errorf("%d merge options on the page before a merge is begun; want none", options)
	}

	// Rows can be merged by hand, and the merge is kept.
	var rows, kobachQuotes int
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length`, &rows)
	p.eval(`+document.querySelector('ul[aria-label="Corpus speakers"] > li[data-speaker-key="kris kobach"]').dataset.quotes`, &kobachQuotes)
	const mergeSelect = `select[aria-label="Merge Kris Kobach with"]`
	p.click(`ul[aria-label="Corpus speakers"] > li[data-speaker-key="kris kobach"] button[aria-label="Merge Kris Kobach with…"]`)
	p.waitFor("the merge choice focused", fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, jsString(mergeSelect)), waitTimeout)
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] option').length`, &options)
	if options != rows { // the other rows and "Same person as…"
		t.Errorf("the merge choice has %d options; want %d: the %d other rows and a prompt", options, rows, rows-1)
	}
	p.pressEscape()
	p.waitFor("the merge form closed, its button focused", fmt.Sprintf(`document.querySelector(%s) === null && document.activeElement && document.activeElement.matches('button.merge-open') && document.activeElement.closest('li').dataset.speakerKey === 'kris kobach'`, jsString(mergeSelect)), waitTimeout)
	p.press(kb.Enter)
	p.waitFor("the merge choice focused again", fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, jsString(mergeSelect)), waitTimeout)
	p.selectOption(mergeSelect, "delbert hosemann")
	p.press(kb.Tab)
	p.waitFor("the Merge button focused", `document.activeElement && document.activeElement.matches('button.merge-confirm')`, waitTimeout)
	p.press(kb.Enter)
	p.waitFor("one row fewer", fmt.Sprintf(`document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length === %d`, rows-1), waitTimeout)
	merged := fmt.Sprintf(`(() => {
		const li = document.querySelector(%s);
		return li !== null && +li.dataset.quotes === %d && li.querySelector('summary').textContent.includes('Kris Kobach') &&
			li.querySelectorAll('.quotes > li').length === %d &&
			document.querySelector('ul[aria-label="Corpus speakers"] > li[data-speaker-key="kris kobach"]') === null;
	})()`, jsString(hosemannRow), goldQuotes+1+kobachQuotes, goldQuotes+1+kobachQuotes)
	p.waitFor("Kobach's quotes in Hosemann's open row", merged, waitTimeout)
	p.waitFor("the merged row focused", fmt.Sprintf(`document.activeElement && document.activeElement.matches(%s)`, jsString(hosemannRow+" summary")), waitTimeout)
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] option').length`, &options)
	if options != 0 {
		t.Errorf("%d merge options left after the merge; want none", options)
	}
	p.waitFor("the merge stored", `(() => { quotemark.get('settings/corpus-merges').then(v => { window.__merges = v; }); return (window.__merges || '').includes('kris kobach'); })()`, waitTimeout)
	p.reload()
	p.waitFor("the merge after a reload", fmt.Sprintf(`document.querySelector('main.corpus-page[data-ready="true"]') !== null && document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length === %d`, rows-1), bootTimeout)
	var after int
	p.eval(fmt.Sprintf(`+document.querySelector(%s).dataset.quotes`, jsString(hosemannRow)), &after)
	if after != goldQuotes+1+kobachQuotes {
		t.Errorf("Delbert Hosemann's row after a reload has %d quotes; want %d with Kobach's", after, goldQuotes+1+kobachQuotes)
	}

	p.click(fmt.Sprintf(`ul[aria-label="Linked quotes"] .refs a[href*="select=%s"]`, quote.ID))
	p.waitFor("the quote selected in its article", fmt.Sprintf(`document.querySelector('%s[data-annotation-id="%s"][aria-current="true"]') !== null`, selItems, quote.ID), bootTimeout)
}

// TestBrowserCorpusReadsRight: the corpus page names articles by title,
// counts in the singular where there is one, says which article an
// unattributed quote is in without putting the title where a speaker goes,
// styles its links as the library does, and fits a 400 px screen.
func TestBrowserCorpusReadsRight(t *testing.T) {
	art1, art2 := seedArticleText(t, seedArticle), seedArticleText(t, seedArticle2)
	s2, _ := hosemannOnSecondArticle(t, art2)
	u := findSpan(t, art2, "Our Office has not received any correspondence")
	unattributed, err := s2.Add(art2, annotations.Quote, u.start, u.end)
	if err != nil {
		t.Fatal(err)
	}
	path, err := filepath.Abs(writeSet(t, t.TempDir(), "second.quotemark.json", s2))
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(readGold(t))
	p.waitSaved("true")
	p.openArticle(seedArticle2)
	p.chooseFile(selImport, path)
	p.waitItems(3)
	p.waitSaved("true")

	// The library's article link is the app's link style.
	p.openLibrary()
	var libraryLink struct{ Color, Weight string }
	p.eval(fmt.Sprintf(`(() => { const s = getComputedStyle(document.querySelector('%s li[data-article-id=%s] a')); return {Color: s.color, Weight: s.fontWeight}; })()`, selArticles, cssString(seedArticle)), &libraryLink)

	p.goTo("/corpus")
	p.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)

	// Shared quotes name their articles by title.
	var refs []string
	p.eval(`Array.from(document.querySelectorAll('ul[aria-label="Linked quotes"] .refs a'), a => a.textContent.trim())`, &refs)
	slices.Sort(refs)
	want := []string{art1.Title, art2.Title}
	slices.Sort(want)
	if !slices.Equal(refs, want) {
		t.Errorf("the shared quote's articles are shown as %q, want their titles %q", refs, want)
	}

	// One is singular.
	var bad []string
	p.eval(`(document.querySelector('main.corpus-page').innerText.match(/(^|[^\d.,])1 (quotes|articles|speakers)\b/g) || [])`, &bad)
	if len(bad) > 0 {
		t.Errorf("the corpus page says %q", bad)
	}
	var hint string
	p.eval(`document.querySelector('main.corpus-page > p.hint').textContent`, &hint)
	if !strings.Contains(hint, "1 quote shared") {
		t.Errorf("the summary reads %q, want it to count 1 quote shared", hint)
	}

	// An unattributed quote says which article it is in; the title is not
	// set after a dash, where a speaker's name would be.
	var row struct {
		Text, Cite string
	}
	p.eval(fmt.Sprintf(`(() => {
		const a = document.querySelector('section[aria-label="Unattributed quotes"] a[href*="select=%s"]');
		if (!a) return {Text: '', Cite: ''};
		const li = a.closest('li');
		return {Text: li.textContent, Cite: (li.querySelector('cite') || {textContent: ''}).textContent};
	})()`, unattributed.ID), &row)
	if row.Text == "" {
		t.Fatalf("the unattributed quote is not listed")
	}
	if strings.Contains(row.Text, "— "+art2.Title) || row.Cite != art2.Title || !strings.Contains(row.Text, " in "+art2.Title) {
		t.Errorf("the unattributed quote's row reads %q (cited %q); want it to say it is in %q, not set the title after a dash", row.Text, row.Cite, art2.Title)
	}

	// Links look like the library's.
	var links []struct{ Color, Weight, Text string }
	p.eval(`Array.from(document.querySelectorAll('main.corpus-page section a'), a => { const s = getComputedStyle(a); return {Color: s.color, Weight: s.fontWeight, Text: a.textContent}; })`, &links)
	if len(links) == 0 {
		t.Fatal("no links on the corpus page")
	}
	for _, l := range links {
		if l.Color != libraryLink.Color || l.Weight != libraryLink.Weight {
			t.Errorf("the link %q is %s weight %s; the library's links are %s weight %s", l.Text, l.Color, l.Weight, libraryLink.Color, libraryLink.Weight)
			break
		}
	}

	// 400 px: no sideways scroll, with a speaker's quotes open.
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(400, 800)); err != nil {
		t.Fatal(err)
	}
	p.waitFor("the narrow layout", `innerWidth === 400`, waitTimeout)
	p.click(`ul[aria-label="Corpus speakers"] > li[data-speaker-key="delbert hosemann"] summary`)
	p.waitFor("Hosemann's quotes shown", `document.querySelectorAll('ul[aria-label="Corpus speakers"] > li[data-speaker-key="delbert hosemann"] .quotes > li').length > 0`, waitTimeout)
	p.noSideScroll("the corpus page at 400 px")
}

// hosemannOnSecondArticle is a set of the second seed article holding
// Hosemann's "great State to launch from" quote, attributed to his mention;
// it returns the set and the quote.
func hosemannOnSecondArticle(t *testing.T, art2 *annotations.Article) (*annotations.Set, annotations.Annotation) {
	t.Helper()
	s2 := annotations.NewSet(art2, "second", time.Now())
	q := findSpan(t, art2, "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.")
	quote, err := s2.Add(art2, annotations.Quote, q.start, q.end)
	if err != nil {
		t.Fatal(err)
	}
	m := findSpan(t, art2, "Hosemann, a Republican, says")
	mention, err := s2.Add(art2, annotations.SpeakerMention, m.start, m.start+len("Hosemann"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Attribute(quote.ID, mention.Speaker); err != nil {
		t.Fatal(err)
	}
	return s2, quote
}
