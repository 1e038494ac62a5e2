package cli

import (
	"fmt"
	"testing"

	"quotemark/annotations"
)

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
	// The notice of unsaved work stays above the text and Escape takes the
	// alert away: the text moves. A person drags where the words end up, so
	// the drag waits for that layout.
	p.waitFor("the unsaved notice alone above the text", `document.querySelector('[data-unsaved-article]') !== null &&
		Array.from(document.querySelectorAll('`+selAlert+`')).every(e => e.closest('[data-unsaved-article]') !== null)`, waitTimeout)
	p.tag(spanAt(art, 780, 788), "s")
	p.waitItems(2)
	p.waitSaved("true")
	p.reload()
	p.waitArticleReady(seedArticle)
	if got := len(p.listItems()); got != 2 {
		t.Errorf("after the store had room again and a reload, %d annotations are listed, want both", got)
	}
}

// TestBrowserLegacySetMoves: a set that an earlier version stored whole under
// "set/ARTICLE/SET" opens as it was, is moved to one record per piece, and
// its old value is gone, in one transaction.
func TestBrowserLegacySetMoves(t *testing.T) {
	gold := readGold(t)
	data, err := annotations.MarshalStored(gold)
	if err != nil {
		t.Fatal(err)
	}
	p := newPage(t, "")
	p.openArticle(seedArticle)
	legacyKey := "set/" + seedArticle + "/" + gold.ID
	var ok bool
	p.eval(fmt.Sprintf(`(quotemark.put([[%s, %s]]).then(() => { window.__put = true; }), true)`, jsString(legacyKey), jsString(string(data))), &ok)
	p.waitFor("the old-style set stored", `window.__put === true`, waitTimeout)
	p.reload()
	p.waitArticleReady(seedArticle)
	p.waitItems(len(gold.Annotations))
	p.waitFor("the old value gone and the records there", fmt.Sprintf(`(() => {
		quotemark.get(%s).then(v => { window.__legacy = v; });
		quotemark.listJoined(%s).then(r => { window.__records = r.n; });
		return window.__legacy === null && window.__records === %d;
	})()`, jsString(legacyKey), jsString("rec/"+seedArticle+"/"+gold.ID+"/"), 1+len(gold.Annotations)+len(gold.Speakers)), waitTimeout)
	checkSameSet(t, p.export(seedArticle), gold)
}
