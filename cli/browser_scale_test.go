package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/suggest"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// generatedSet tags n two-word spans of the article, spread over its body:
// quotes, claims and speaker mentions in turn, every other word pair, so
// that the pairs in between stay free for tagging by hand.
func generatedSet(tb testing.TB, art *annotations.Article, n int) (*annotations.Set, []span) {
	tb.Helper()
	pairs := wordPairs(art, 2*n+10)
	if len(pairs) < 2*n+10 {
		tb.Fatalf("the article has %d word pairs, want %d", len(pairs), 2*n+10)
	}
	s := annotations.NewSet(art, "generator", time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	types := []annotations.Type{annotations.Quote, annotations.Claim, annotations.SpeakerMention}
	var free []span
	for i, p := range pairs {
		if i%2 == 1 || i/2 >= n {
			free = append(free, p)
			continue
		}
		if _, err := s.Add(art, types[(i/2)%len(types)], p.start, p.end); err != nil {
			tb.Fatalf("tagging %q: %v", p.exact, err)
		}
	}
	return s, free
}

// openLongArticle serves a generated article of about words words and opens
// it; it returns the page and the article with the id the library gave it.
func openLongArticle(tb testing.TB, words int) (*page, *annotations.Article) {
	tb.Helper()
	dir := tb.TempDir()
	raw := longArticle(words)
	if err := os.WriteFile(filepath.Join(dir, "long-article.txt"), []byte(raw), 0o644); err != nil {
		tb.Fatal(err)
	}
	art, err := annotations.NewArticle("long", []byte(raw))
	if err != nil {
		tb.Fatal(err)
	}
	p := newPage(tb, extraAppServer(tb, dir))
	p.openLibrary()
	var id string
	find := fmt.Sprintf(`Array.from(document.querySelectorAll('%s li[data-article-id]')).find(li => li.textContent.includes(%s))`, selArticles, jsString(art.Title))
	p.waitFor("the long article in the library", find, waitTimeout)
	p.eval(find+`.dataset.articleId`, &id)
	art, err = annotations.NewArticle(id, []byte(raw))
	if err != nil {
		tb.Fatal(err)
	}
	p.goTo("/article/" + id)
	p.waitArticleReady(id)
	return p, art
}

// listCount is the number of annotations the list says it holds; the rows
// in the DOM are only those near its viewport.
func (p *page) listCount() int {
	p.tb.Helper()
	var n int
	p.eval(`Number(document.querySelector('ul[role=list][aria-label="Annotations"]')?.dataset.count ?? -1)`, &n)
	return n
}

func (p *page) waitCount(n int) {
	p.tb.Helper()
	cond := fmt.Sprintf(`document.querySelector('ul[role=list][aria-label="Annotations"]')?.dataset.count === '%d'`, n)
	if err := p.poll(cond, 3*waitTimeout); err != nil {
		p.fatalf("the list holds %d annotations, want %d: %v", p.listCount(), n, err)
	}
}

// TestBrowserLargeSetEditing: a 2,000-annotation set on a 50,000-word
// article, tagged, undone, redone, deleted and reloaded with real input. The
// list holds only the rows near its viewport, and the store holds exactly
// what the page shows.
func TestBrowserLargeSetEditing(t *testing.T) {
	p, art := openLongArticle(t, 50000)
	set, free := generatedSet(t, art, largeN)
	path := filepath.Join(t.TempDir(), "large.quotemark.json")
	if err := os.WriteFile(path, annotations.Write(set), 0o644); err != nil {
		t.Fatal(err)
	}
	step := time.Now()
	logStep := func(what string) { t.Logf("%s: %v", what, time.Since(step)); step = time.Now() }
	defer func() { t.Logf("console:\n%s", strings.Join(p.console.tail(40), "\n")) }()
	p.chooseFile(selImport, path)
	p.waitCount(largeN)
	logStep("import")
	p.waitSaved("")
	logStep("saved")
	counts := map[string]int{}
	for _, a := range set.Annotations {
		counts["qm-"+string(a.Type)]++
	}
	p.waitHighlights(counts)
	logStep("painted")
	var rows int
	p.eval(`document.querySelectorAll('`+selItems+`').length`, &rows)
	if rows == 0 || rows > 100 {
		t.Errorf("the list has %d rows in the DOM for 2,000 annotations, want a window of them", rows)
	}

	// Tag a quote in the middle of the text: its row is brought into the
	// list's view and selected.
	target := free[len(free)/2]
	step = time.Now()
	p.tag(target, "q")
	p.waitCount(largeN + 1)
	logStep("tag")
	p.waitFor("the new quote's row, selected", fmt.Sprintf(`document.querySelector('%s[data-start="%d"][data-end="%d"][aria-current="true"]')`,
		selItems, target.start, target.end), waitTimeout)
	counts["qm-quote"]++
	p.waitHighlights(counts)

	step = time.Now()
	p.pressUndo()
	p.waitCount(largeN)
	logStep("undo")
	counts["qm-quote"]--
	p.waitHighlights(counts)
	p.pressRedo()
	p.waitCount(largeN + 1)
	counts["qm-quote"]++
	p.waitHighlights(counts)

	// Select it by a click on its highlight, then delete it.
	p.clickText(selText, (target.u16Start+target.u16End)/2)
	p.waitFor("the clicked quote to be selected", fmt.Sprintf(`document.querySelector('%s[data-start="%d"][aria-current="true"]')`, selItems, target.start), waitTimeout)
	p.pressDelete()
	p.waitCount(largeN)
	counts["qm-quote"]--
	p.waitHighlights(counts)

	// The keyboard reaches the last row, which exists only once scrolled to.
	last := set.Annotations[len(set.Annotations)-1]
	p.click(selItems + `[aria-current="true"], ` + selItems)
	p.press(kb.End)
	p.waitFor("the last annotation's row", fmt.Sprintf(`document.querySelector('%s[data-annotation-id="%s"]')`, selItems, last.ID), waitTimeout)

	p.waitSaved("")
	step = time.Now()
	p.reload()
	p.waitArticleReady(art.ID)
	p.waitCount(largeN)
	logStep("reload")
	p.waitHighlights(counts)
	got := p.export(art.ID)
	checkSameSet(t, got, set)
}

const largeN = 2000

// TestBrowserAcceptAllOnLongArticle: Suggest on the 50,000-word article,
// then Accept all above a minimum confidence of 0. Accepting the last
// pending suggestion removes the button that was clicked; the highlights,
// the save and the list must follow all the same (they were lost with the
// button once). Undo brings the review back, and a reload finds every
// accepted annotation.
func TestBrowserAcceptAllOnLongArticle(t *testing.T) {
	p, art := openLongArticle(t, 50000)
	want := annotations.NewSet(art, "", time.Now())
	n, err := want.AcceptSuggestions(art, suggest.Suggest(art), 0)
	if err != nil || n < 1000 {
		t.Fatalf("the domain accepts %d suggestions (%v); the test needs a long review", n, err)
	}
	p.clickButton("Suggest")
	p.waitFor("the suggestions to review", `document.querySelector('.suggestions [data-pending]')`, waitTimeout)
	p.click(`input[aria-label="Minimum confidence"]`)
	p.press("a", chromedp.ModifierCtrl)
	p.press("0")
	p.press(kb.Tab) // leaves the field, as a person does: its change event
	p.clickButton("Accept all above")
	p.waitCount(n)
	p.waitFor("nothing left to review", `document.querySelector('.suggestions [data-pending="0"]')`, waitTimeout)
	p.waitHighlights(map[string]int{"qm-suggestion": 0})
	counts := map[string]int{}
	for _, a := range want.Annotations {
		counts["qm-"+string(a.Type)]++
	}
	p.waitHighlights(counts)
	p.waitSaved("")

	// Undo brings every suggestion back to review, and accepting them all
	// again works the same.
	p.pressUndo()
	p.waitCount(0)
	p.waitFor("every suggestion pending again", fmt.Sprintf(`document.querySelector('.suggestions [data-pending="%d"]')`, n), waitTimeout)
	p.clickButton("Accept all above")
	p.waitCount(n)
	p.waitHighlights(counts)
	p.waitSaved("")

	p.reload()
	p.waitArticleReady(art.ID)
	p.waitCount(n)
	p.waitHighlights(counts)
}
