package cli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// buildTestSite builds the static site of the seed corpus, with the tests'
// app.wasm, into a new temporary folder.
func buildTestSite(tb testing.TB) string {
	tb.Helper()
	wasm, err := builtWasm()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(tb.TempDir(), "dist")
	env := &cmdEnv{stdout: io.Discard, stderr: io.Discard}
	if err := buildSite(env, dir, serverConfig{WebDir: "web", WasmPath: wasm}); err != nil {
		tb.Fatalf("building the static site: %v", err)
	}
	return dir
}

// TestBrowserStaticSite: the folder `quotemark build` writes, served by a
// plain static file server (Go's http.FileServer, nothing of quotemark's),
// is the whole app: a route's address opens on a first visit, the library
// lists the seed articles, a click opens one, a quote tagged with the mouse
// survives a reload, every page opens by its address, an address the folder
// has no file for opens from the service worker's app shell, and with the
// server stopped it all still works, all under the policy the pages carry,
// with no violation.
func TestBrowserStaticSite(t *testing.T) {
	dir := buildTestSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			srv.Close()
		}
	})
	// A first visit straight to a route's address, in a fresh browser with
	// no service worker: the folder's page for it loads, and the app reads
	// the address without the slash the server's redirect added.
	first := newPage(t, srv.URL)
	first.goTo("/compare/" + seedArticle2)
	first.waitFor("the compare view of the second seed article at its address",
		fmt.Sprintf(`location.pathname === '/compare/%s' && document.querySelector('%s[data-article-id=%s][data-ready="true"]') !== null`, seedArticle2, selFrame, cssString(seedArticle2)), bootTimeout)

	p := newPage(t, srv.URL)
	p.recordCSPViolations()
	art := seedArticleText(t, seedArticle)

	p.openLibrary()
	link := fmt.Sprintf(`%s li[data-article-id=%s] a[href="/article/%s"]`, selArticles, cssString(seedArticle), seedArticle)
	p.waitFor("the seed article in the library", `document.querySelector('`+link+`') !== null`, waitTimeout)
	p.click(link)
	p.waitFor("the article page", `location.pathname === '/article/`+seedArticle+`'`, waitTimeout)
	p.waitArticleReady(seedArticle)
	p.checkArticleText(art)
	tagHosemannQuote(p, art)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === 2`, selItems))

	p.reload()
	p.waitArticleReady(seedArticle)
	p.waitFor("the address without the folder's slash", `location.pathname === '/article/`+seedArticle+`'`, waitTimeout)
	p.waitItems(2)
	p.checkEveryPage()

	// No file answers this address: the worker's app shell does, and the
	// app says the article is not in the library.
	p.waitControlled()
	p.goTo("/article/not-in-the-library")
	p.waitAlert(`no article "not-in-the-library"`)

	srv.Close()
	stopped = true
	p.checkEveryPage()
	p.tagSecondSeedQuote()
	p.checkNoCSPViolations()

	// The plain server sends no policy: the page's <meta> one is in force
	// (here on the page the worker kept), and refuses an injected script.
	var refused bool
	p.eval(`(() => { const s = document.createElement('script'); s.textContent = 'window.__qmInjected = true'; document.head.appendChild(s); s.remove(); return window.__qmInjected !== true; })()`, &refused)
	if !refused {
		p.fatalf("an injected inline script ran on the static site: the page's <meta> policy is not in force")
	}
}
