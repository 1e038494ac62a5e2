package cli

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Shared by the offline and the static-site tests.
const (
	// A quote of the second seed article, tagged in those tests.
	secondSeedQuote = "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from."
	// The corpus page's row for the speaker tagHosemannQuote names.
	selHosemannCorpusRow = `ul[aria-label="Corpus speakers"] > li[data-speaker-key="hosemann"]`
)

// waitControlled waits until the service worker controls the page: it has
// installed, which with app_worker.js means every resource it lists is in
// its cache, and it has activated and claimed the page.
func (p *page) waitControlled() {
	p.tb.Helper()
	p.waitFor("the service worker to control the page", `navigator.serviceWorker.controller !== null`, bootTimeout)
}

// recordCSPViolations makes every document of the tab record the
// Content-Security-Policy violations (cspRecorder of browser_csp_test.go).
func (p *page) recordCSPViolations() {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder}); err != nil {
		p.tb.Fatalf("installing the violation recorder: %v", err)
	}
}

// checkNoCSPViolations fails the test on any violation the current
// document recorded, and on any the browser logged in the tab.
func (p *page) checkNoCSPViolations() {
	p.tb.Helper()
	if v, m := p.cspViolations(), p.cspMessages(); len(v)+len(m) > 0 {
		p.fatalf("the policy refused what the app does: %q %q", v, m)
	}
}

// checkEveryPage opens each page of the app by its address, as a bookmark
// does (a real navigation, which the service worker may answer), and checks
// that the app boots there and shows what was saved: the library counts the
// two annotations of tagHosemannQuote on the first seed article, the
// article page lists them, the compare view shows the article, the corpus
// page has Hosemann's quote.
func (p *page) checkEveryPage() {
	p.tb.Helper()
	p.openLibrary()
	countSel := fmt.Sprintf(`%s li[data-article-id=%s] [data-count]`, selArticles, cssString(seedArticle))
	p.waitFor("the library to count the saved annotations", fmt.Sprintf(`document.querySelector('%s')?.dataset.count === '2'`, countSel), waitTimeout)
	p.waitFor("the second seed article in the library", fmt.Sprintf(`document.querySelector('%s li[data-article-id=%s]') !== null`, selArticles, cssString(seedArticle2)), waitTimeout)

	p.openArticle(seedArticle)
	if got, want := itemKeys(p.waitItems(2)), []string{"quote 691-778", "speaker 780-788"}; !slices.Equal(got, want) {
		p.fatalf("the article page lists %q, want %q", got, want)
	}
	p.waitHighlights(map[string]int{"qm-quote": 1, "qm-speaker": 1, "qm-claim": 0})

	p.goTo("/compare/" + seedArticle)
	p.waitFor("the compare view of the first seed article",
		fmt.Sprintf(`document.querySelector('main.compare h1')?.textContent.startsWith('Compare · ') && document.querySelector('%s[data-article-id=%s][data-ready="true"]') !== null && document.querySelector('main.compare .set-choice') !== null`, selFrame, cssString(seedArticle)), bootTimeout)

	p.goTo("/corpus")
	p.waitFor("the corpus page with Hosemann's quote",
		fmt.Sprintf(`document.querySelector('main.corpus-page[data-ready="true"]') !== null && document.querySelector(%s)?.dataset.quotes === '1'`, jsString(selHosemannCorpusRow)), bootTimeout)
	p.checkNoCSPViolations()
}

// tagSecondSeedQuote opens the second seed article by its address, tags a
// quote there and checks, after a reload, that it was stored.
func (p *page) tagSecondSeedQuote() {
	p.tb.Helper()
	art2 := seedArticleText(p.tb, seedArticle2)
	p.openArticle(seedArticle2)
	p.checkArticleText(art2)
	quote := findSpan(p.tb, art2, secondSeedQuote)
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === 1`, selItems))
	p.reload()
	p.waitArticleReady(seedArticle2)
	if got, want := itemKeys(p.waitItems(1)), []string{fmt.Sprintf("quote %d-%d", quote.start, quote.end)}; !slices.Equal(got, want) {
		p.fatalf("after a reload the second seed article lists %q, want %q", got, want)
	}
}

// TestBrowserEveryPageWorksOffline: once the app has loaded, every page
// opens with the server stopped (reload and navigation by address, as a
// bookmark), shows the saved work, and new work is saved.
func TestBrowserEveryPageWorksOffline(t *testing.T) {
	srv, err := startAppServer()
	if err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			srv.Close()
		}
	})
	p := newPage(t, srv.URL)
	p.recordCSPViolations()
	art := seedArticleText(t, seedArticle)
	p.openLibrary()
	p.openArticle(seedArticle)
	tagHosemannQuote(p, art)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === 2`, selItems))
	p.waitControlled()

	srv.Close()
	stopped = true
	if resp, err := http.Get(srv.URL + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("the server still answers after Close: %s", resp.Status)
	}

	p.reload()
	p.waitArticleReady(seedArticle)
	p.waitItems(2)
	p.checkEveryPage()
	// An article never opened before: its text is in the worker's cache.
	p.tagSecondSeedQuote()
}

// TestBrowserNewVersionReplacesCachedApp: the worker is cache-first by
// version, and a new version still reaches the browser. The server restarts
// on the same address with an article added (a new app version): the next
// load brings the new worker, which caches the new version and deletes the
// old cache, and the load after that lists the new article, which then
// opens by its address with the server stopped.
func TestBrowserNewVersionReplacesCachedApp(t *testing.T) {
	wasm, err := builtWasm()
	if err != nil {
		t.Fatal(err)
	}
	start := func(addr string, articleDirs ...string) (*httptest.Server, string) {
		t.Helper()
		h, err := newAppHandler(serverConfig{WebDir: "web", WasmPath: wasm, ArticleDirs: articleDirs})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewUnstartedServer(h)
		if addr != "" {
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				t.Fatalf("listening again on %s: %v", addr, err)
			}
			srv.Listener.Close()
			srv.Listener = ln
		}
		srv.Start()
		t.Cleanup(srv.Close)
		return srv, h.(*server).version
	}
	oldSrv, oldVersion := start("")
	p := newPage(t, oldSrv.URL)
	p.openLibrary()
	p.waitControlled()
	const cacheKeys = `caches.keys().then(keys => JSON.stringify(keys))`
	var keys string
	p.eval(cacheKeys, &keys)
	if want := `["app-` + oldVersion + `"]`; keys != want {
		p.fatalf("the caches are %s, want %s", keys, want)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "added-later.txt"), []byte("Added later\n\n\"It is new,\" she said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	oldSrv.Close()
	newSrv, newVersion := start(oldSrv.Listener.Addr().String(), dir)
	if newVersion == oldVersion {
		t.Fatalf("adding an article left the version at %s", oldVersion)
	}
	newCache := `["app-` + newVersion + `"]`

	p.reload()
	p.waitLibraryReady()
	p.waitFor("the new version's cache to replace the old one",
		fmt.Sprintf(`(() => { caches.keys().then(keys => { window.__qmCaches = JSON.stringify(keys); }); return window.__qmCaches === %s; })()`, jsString(newCache)), bootTimeout)
	p.waitFor("the new worker to control the page", `navigator.serviceWorker.controller?.state === 'activated'`, waitTimeout)
	p.reload()
	p.waitLibraryReady()
	p.waitFor("the added article in the library", `document.querySelector('`+selArticles+` li[data-article-id="added-later"]') !== null`, waitTimeout)

	// The new version's cache holds the added article: it opens by its
	// address with the server stopped.
	newSrv.Close()
	p.openArticle("added-later")
	p.waitFor("the added article's text", jsArticleWin+`.document.querySelector('`+selText+`')?.textContent.includes('It is new')`, waitTimeout)
}
