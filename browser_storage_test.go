//go:build !wasm

package main

import "testing"

// TestBrowserFullStorageIsReported: when the browser refuses a write for
// lack of room (simulated by making IndexedDB's put raise the
// QuotaExceededError a full store raises; a headless profile's quota cannot
// be filled in a test's time), a change is not silently lost: the save state says "Not saved" and an
// alert says the store is full. Once there is room, the next change saves
// the whole set, the earlier change with it (a change elsewhere in the
// text, so its own records would not hold the first), and a reload finds
// both.
func TestBrowserFullStorageIsReported(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	var ok bool
	p.eval(`(() => {
		window.__realPut = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
		return true;
	})()`, &ok)

	quote := spanAt(art, 691, 778)
	p.tag(quote, "q")
	p.waitItems(1)
	p.waitFor("the save state 'error'", `document.querySelector('`+selSaveState+`').dataset.saveState === 'error'`, waitTimeout)
	p.waitAlert("storage is full")

	p.eval(`(() => { IDBObjectStore.prototype.put = window.__realPut; return true; })()`, &ok)
	p.pressEscape()
	p.tag(spanAt(art, 780, 788), "s")
	p.waitItems(2)
	p.waitSaved("true")
	p.reload()
	p.waitArticleReady(seedArticle)
	if got := len(p.listItems()); got != 2 {
		t.Errorf("after the store had room again and a reload, %d annotations are listed, want both", got)
	}
}
