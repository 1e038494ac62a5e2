//go:build !wasm

package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"quotemark/annotations"
)

// TestBrowserCorpusLinksSharedQuote: with the gold set on the first seed
// article and Hosemann's quote tagged on the second, the corpus page shows
// Hosemann as one person across both articles and links the two versions of
// "a great state to launch from", with their differences word by word; a
// quote's link opens its article with it selected.
func TestBrowserCorpusLinksSharedQuote(t *testing.T) {
	gold := readGold(t)
	art2 := seedArticleText(t, seedArticle2)
	s2 := annotations.NewSet(art2, "second", time.Now())
	q := findSpan(t, art2, "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.")
	quote, err := s2.Add(art2, annotations.Quote, q.start, q.end)
	if err != nil {
		t.Fatal(err)
	}
	m := findSpan(t, art2, "Hosemann, a Republican, says")
	mention, err := s2.Add(art2, annotations.Mention, m.start, m.start+len("Hosemann"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Attribute(quote.ID, mention.Speaker); err != nil {
		t.Fatal(err)
	}
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

	// Rows can be merged by hand, and the merge is kept.
	var rows int
	p.eval(`document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length`, &rows)
	p.selectOption(`select[aria-label="Merge Kris Kobach with"]`, "delbert hosemann")
	p.waitFor("one row fewer", fmt.Sprintf(`document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length === %d`, rows-1), waitTimeout)
	p.waitFor("the merge stored", `(() => { quotemark.get('settings/corpus-merges').then(v => { window.__merges = v; }); return (window.__merges || '').includes('kris kobach'); })()`, waitTimeout)
	p.reload()
	p.waitFor("the merge after a reload", fmt.Sprintf(`document.querySelector('main.corpus-page[data-ready="true"]') !== null && document.querySelectorAll('ul[aria-label="Corpus speakers"] > li').length === %d`, rows-1), bootTimeout)

	p.click(fmt.Sprintf(`ul[aria-label="Linked quotes"] .refs a[href*="select=%s"]`, quote.ID))
	p.waitFor("the quote selected in its article", fmt.Sprintf(`document.querySelector('%s[data-annotation-id="%s"][aria-current="true"]') !== null`, selItems, quote.ID), bootTimeout)
}
