package cli

import (
	"fmt"
	"testing"

	"quotemark/annotations"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// refuseWrites makes IndexedDB's put raise the QuotaExceededError a full
// store raises (a headless profile's quota cannot be filled in a test's
// time), or, with on false, takes it back.
func (p *page) refuseWrites(on bool) {
	p.tb.Helper()
	var ok bool
	if on {
		p.eval(`(() => {
			window.__realPut = window.__realPut || IDBObjectStore.prototype.put;
			IDBObjectStore.prototype.put = function () { throw new DOMException('quota', 'QuotaExceededError'); };
			return true;
		})()`, &ok)
		return
	}
	p.eval(`(() => { IDBObjectStore.prototype.put = window.__realPut; return true; })()`, &ok)
}

const selUnsaved = `[data-unsaved-article]`

// readDownloadedSet reads a downloaded quotemark file.
func readDownloadedSet(tb testing.TB, data []byte) *annotations.Set {
	tb.Helper()
	s, err := annotations.Read(data)
	if err != nil {
		tb.Fatalf("the downloaded file does not read back: %v\n%s", err, data)
	}
	return s
}

// TestBrowserFullStoreKeepsUnsavedWork: while the store refuses writes, the
// changes stay in the page, which says they are not saved and offers
// Export, which downloads them; leaving the page asks first (a reload is
// refused at the browser's question and nothing is lost); going to the
// library and back within the app keeps them; once the store takes writes
// again, Save again stores them, and a reload finds them.
func TestBrowserFullStoreKeepsUnsavedWork(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.refuseWrites(true)
	tagHosemannQuote(p, art)
	want := expectedHosemannSet(t, art)

	p.waitFor("the save state 'error'", `document.querySelector('`+selSaveState+`').dataset.saveState === 'error'`, waitTimeout)
	p.waitFor("the notice of unsaved work", fmt.Sprintf(`document.querySelector('%s[data-unsaved-article=%s]')`, selAlert, cssString(seedArticle)), waitTimeout)
	p.waitAlert("not saved")

	// Export offers the work that is only in the page.
	p.clickButton("Export unsaved work")
	exported := readDownloadedSet(t, p.waitDownload(seedArticle+".quotemark.json"))
	checkSameSet(t, exported, want)

	// A reload asks first; the person stays, and the work with them.
	dialogs := chromedp.Events(p.ctx, cdppage.JavascriptDialogOpening)
	var ok bool
	p.eval(`(setTimeout(() => location.reload(), 0), true)`, &ok)
	asked := false
	for ev, err := range dialogs {
		if err != nil {
			p.fatalf("waiting for the question before leaving: %v", err)
		}
		if ev.Type == cdppage.DialogTypeBeforeunload {
			asked = true
			if _, err := chromedp.Call(p.ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false}); err != nil {
				p.fatalf("staying on the page: %v", err)
			}
			break
		}
	}
	if !asked {
		p.fatalf("leaving the page with unsaved work did not ask first")
	}
	p.waitItems(2)

	// Within the app, the library says so too, and the article comes back
	// with the work.
	p.click(`a.home`)
	p.waitLibraryReady()
	p.waitFor("the notice of unsaved work on the library", `document.querySelector('`+selUnsaved+`')`, waitTimeout)
	p.click(fmt.Sprintf(`%s li[data-article-id=%s] a[href="/article/%s"]`, selArticles, cssString(seedArticle), seedArticle))
	p.waitArticleReady(seedArticle)
	p.waitItems(2)
	p.waitFor("the save state 'error'", `document.querySelector('`+selSaveState+`').dataset.saveState === 'error'`, waitTimeout)

	// Room again: Save again stores the work, the notice goes, and nothing
	// asks before a reload, which finds it.
	p.refuseWrites(false)
	p.clickButton("Save again")
	p.waitSaved(`!document.querySelector('` + selUnsaved + `')`)
	p.reload()
	p.waitArticleReady(seedArticle)
	p.waitItems(2)
	checkSameSet(t, p.export(seedArticle), want)
}
