package cli

// The headless-browser harness: one app.wasm build, one test server and one
// Chromium for the whole test binary, and for each test a fresh browser
// context (its own IndexedDB, downloads folder and console log). The browser
// tests in browser_test.go drive the real UI through it with real input
// events (see browser_input_test.go).
//
// Everything is started on first use, so that `go test -run TestServe` and the
// other non-browser tests of this package do not pay for the wasm build.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Time limits of the harness. They bound waits for conditions, they are not
// assertions about speed: a slow machine makes a test slower, not red.
const (
	startTimeout = 2 * time.Minute  // newHandler
	bootTimeout  = 90 * time.Second // first page: fetch and compile app.wasm
	waitTimeout  = 30 * time.Second // any later condition
	testTimeout  = 5 * time.Minute  // one test's browser work
	pollEvery    = 25 * time.Millisecond
)

// Seed articles of web/articles, always in the library.
const (
	seedArticle  = "000_ce1de57ff9e6a72c"
	seedArticle2 = "001_d82527d5600d2d18"
)

// unicodeArticleRaw is an article file with what breaks offset arithmetic: a
// ZWJ emoji sequence outside the BMP, CRLF line ends, decomposed letters that
// NFC composes, a combining mark that has no precomposed form, curly quotes.
const unicodeArticleRaw = "Intro \U0001F469\u200D\U0001F469\u200D\U0001F467 line\r\n" +
	"\u201cCafe\u0301 q\u0303 is open,\u201d said Zoe\u0308 A\u030angstro\u0308m.\r\n"

// TestMain runs the tests from the repository's root, where users and make
// run the command line: the paths the tests give it (web/articles, the
// fixtures) are the ones a user types.
func TestMain(m *testing.M) {
	if err := os.Chdir(".."); err != nil {
		fmt.Fprintln(os.Stderr, "cli tests: going to the repository root:", err)
		os.Exit(2)
	}
	seedArticleFiles = os.DirFS(".")
	code := m.Run()
	shutdownHarness()
	os.Exit(code)
}

// browserOptions start Debian's chromium headless on profile, with nothing
// that reaches the network on its own; extra options come last.
func browserOptions(exe, profile string, extra ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox, // the tests run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.WindowSize(1280, 900),
	)
	return append(opts, extra...)
}

// harness holds what the browser tests share. Each part starts once, on first
// use; its error is kept so that every test that needs it fails the same way.
var harness struct {
	wasmOnce sync.Once
	wasmPath string
	wasmErr  error

	appOnce sync.Once
	appURL  string
	appSrv  *httptest.Server
	appErr  error

	browserOnce   sync.Once
	browserCtx    context.Context // the first tab; it owns the browser
	browserCancel func()
	allocCancel   func()
	profileDir    string
	browserErr    error

	tmpDir string // the wasm build and the profile live here

	mu      sync.Mutex
	servers []*httptest.Server // extra servers (benchmarks); closed at the end
}

func harnessTempDir() (string, error) {
	if harness.tmpDir != "" {
		return harness.tmpDir, nil
	}
	dir, err := os.MkdirTemp("", "quotemark-browser-")
	if err != nil {
		return "", err
	}
	harness.tmpDir = dir
	return dir, nil
}

// builtWasm builds app.wasm once for the whole run, the way a release does.
func builtWasm() (string, error) {
	harness.wasmOnce.Do(func() {
		dir, err := harnessTempDir()
		if err != nil {
			harness.wasmErr = err
			return
		}
		out := filepath.Join(dir, "app.wasm")
		cmd := exec.Command(goTool(), "build", "-o", out, ".")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if b, err := cmd.CombinedOutput(); err != nil {
			harness.wasmErr = fmt.Errorf("building app.wasm (GOOS=js GOARCH=wasm go build): %v\n%s", err, b)
			return
		}
		harness.wasmPath = out
	})
	return harness.wasmPath, harness.wasmErr
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// startAppServer serves the app as `quotemark serve` does, on loopback, with
// the seed corpus of web/ and any extra article folders.
func startAppServer(articleDirs ...string) (*httptest.Server, error) {
	wasm, err := builtWasm()
	if err != nil {
		return nil, err
	}
	h, err := newAppHandler(serverConfig{WebDir: "web", WasmPath: wasm, ArticleDirs: articleDirs})
	if err != nil {
		return nil, fmt.Errorf("newHandler: %w", err)
	}
	return httptest.NewServer(h), nil
}

// newAppHandler calls newHandler, turning a panic or a hang (say, a page
// whose server-side rendering waits for the browser) into an error, so that
// every browser test reports it plainly instead of timing out the run.
func newAppHandler(cfg serverConfig) (http.Handler, error) {
	type result struct {
		h   http.Handler
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("newHandler panicked: %v", r)}
			}
		}()
		h, err := newHandler(cfg)
		done <- result{h, err}
	}()
	select {
	case r := <-done:
		return r.h, r.err
	case <-time.After(startTimeout):
		return nil, fmt.Errorf("newHandler did not return within %s", startTimeout)
	}
}

// appServer is the server of the seed corpus that most tests share.
func appServer() (string, error) {
	harness.appOnce.Do(func() {
		srv, err := startAppServer()
		if err != nil {
			harness.appErr = err
			return
		}
		harness.appSrv, harness.appURL = srv, srv.URL
	})
	return harness.appURL, harness.appErr
}

// extraAppServer starts a server with more article folders; it is closed at
// the end of the run.
func extraAppServer(tb testing.TB, articleDirs ...string) string {
	tb.Helper()
	srv, err := startAppServer(articleDirs...)
	if err != nil {
		tb.Fatal(err)
	}
	harness.mu.Lock()
	harness.servers = append(harness.servers, srv)
	harness.mu.Unlock()
	return srv.URL
}

// chromiumPath finds Debian's chromium (or another Chrome the environment
// names). A missing browser is a failure, never a skip: install it with
// `apt-get install -y chromium fonts-noto-color-emoji`.
func chromiumPath() (string, error) {
	if p := os.Getenv("QUOTEMARK_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH: apt-get install -y chromium fonts-noto-color-emoji (or set QUOTEMARK_CHROMIUM)")
}

// startBrowser starts one headless Chromium for the run, with a fresh profile,
// talking to it over the DevTools pipe (no port is opened).
func startBrowser() (context.Context, error) {
	harness.browserOnce.Do(func() {
		exe, err := chromiumPath()
		if err != nil {
			harness.browserErr = err
			return
		}
		dir, err := harnessTempDir()
		if err != nil {
			harness.browserErr = err
			return
		}
		profile := filepath.Join(dir, "profile")
		allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), browserOptions(exe, profile)...)
		ctx, cancel := chromedp.NewContext(allocCtx)
		// The first Do starts the browser and binds it to ctx, which has no
		// deadline: the browser lives until shutdownHarness.
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			allocCancel()
			harness.browserErr = fmt.Errorf("starting %s: %w", exe, err)
			return
		}
		harness.browserCtx, harness.browserCancel, harness.allocCancel = ctx, cancel, allocCancel
		harness.profileDir = profile
	})
	return harness.browserCtx, harness.browserErr
}

func shutdownHarness() {
	if harness.browserCancel != nil {
		harness.browserCancel()
		harness.allocCancel()
	}
	servers := harness.servers
	if harness.appSrv != nil {
		servers = append(servers, harness.appSrv)
	}
	for _, s := range servers {
		// Close waits for requests in flight; a handler that hangs must
		// not keep the test binary from exiting.
		done := make(chan struct{})
		go func() { s.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			fmt.Fprintf(os.Stderr, "the test server %s still has a request in flight; not waiting for it\n", s.URL)
		}
	}
	if harness.tmpDir != "" {
		os.RemoveAll(harness.tmpDir)
	}
}

// page is one test's tab, in a browser context of its own.
type page struct {
	tb        testing.TB
	ctx       context.Context // actions; ends with the test or its time limit
	tab       context.Context // the chromedp context of the tab
	base      string          // the app server's URL
	downloads string          // where this browser context saves downloads
	console   *consoleLog
}

// newPage opens a tab in a new browser context (like a fresh incognito
// profile: empty IndexedDB), with a 1280x900 viewport, downloads going to a
// temp folder and the console recorded for failure reports. base is the app
// server; "" means the shared seed-corpus server.
func newPage(tb testing.TB, base string) *page {
	tb.Helper()
	if base == "" {
		u, err := appServer()
		if err != nil {
			tb.Fatal(err)
		}
		base = u
	}
	bctx, err := startBrowser()
	if err != nil {
		tb.Fatal(err)
	}
	tab, cancelTab := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	tb.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil { // creates the context and the tab
		tb.Fatalf("opening a tab: %v", err)
	}
	downloads := tb.TempDir()
	id := chromedp.FromContext(tab).BrowserContextID
	if _, err := chromedp.CallBrowser(tab, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllow,
		BrowserContextID: id,
		DownloadPath:     downloads,
		EventsEnabled:    new(true),
	}); err != nil {
		tb.Fatalf("setting the download folder: %v", err)
	}
	return attachPage(tb, tab, base, downloads)
}

// attachPage finishes a page on a tab that exists: time limit, viewport,
// console recording.
func attachPage(tb testing.TB, tab context.Context, base, downloads string) *page {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tab, testTimeout)
	tb.Cleanup(cancel)
	p := &page{tb: tb, ctx: ctx, tab: tab, base: base, downloads: downloads, console: recordConsole(tab)}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		tb.Fatalf("setting the viewport: %v", err)
	}
	return p
}

// newTab opens a second tab in the same browser context: same IndexedDB, same
// downloads folder, as a person opening the app in another tab.
func (p *page) newTab() *page {
	p.tb.Helper()
	tab, cancel := chromedp.NewContext(p.tab)
	p.tb.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		p.tb.Fatalf("opening a second tab: %v", err)
	}
	return attachPage(p.tb, tab, p.base, p.downloads)
}

// consoleLog keeps what the page printed, for failure reports.
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func recordConsole(tab context.Context) *consoleLog {
	c := &consoleLog{}
	msgs := chromedp.Console(tab)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.msgs = append(c.msgs, fmt.Sprintf("%s: %s", m.Type, m))
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *consoleLog) tail(n int) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.msgs) > n {
		return append([]string{fmt.Sprintf("(%d earlier lines)", len(c.msgs)-n)}, c.msgs[len(c.msgs)-n:]...)
	}
	return append([]string(nil), c.msgs...)
}

// fatalf fails the test with what the page shows: its address, its alerts,
// its console and a screenshot saved for a person to look at.
func (p *page) fatalf(format string, args ...any) {
	p.tb.Helper()
	p.tb.Fatalf("%s\n%s", fmt.Sprintf(format, args...), p.diagnostics())
}

func (p *page) diagnostics() string {
	ctx, cancel := context.WithTimeout(p.tab, 5*time.Second)
	defer cancel()
	var b strings.Builder
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		fmt.Fprintf(&b, "page: %s\n", loc)
	}
	if alerts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('[role=alert]'), e => e.textContent.trim()).filter(Boolean)`)); err == nil && len(alerts) > 0 {
		fmt.Fprintf(&b, "alerts: %q\n", alerts)
	}
	if st, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`(document.querySelector('[role=status][data-save-state]')||{}).dataset?.saveState || ''`)); err == nil && st != "" {
		fmt.Fprintf(&b, "save state: %s\n", st)
	}
	if lines := p.console.tail(25); len(lines) > 0 {
		fmt.Fprintf(&b, "console:\n  %s\n", strings.Join(lines, "\n  "))
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		dir := filepath.Join(os.TempDir(), "quotemark-browser-failures")
		name := strings.NewReplacer("/", "_", " ", "_").Replace(p.tb.Name()) + ".png"
		if os.MkdirAll(dir, 0o755) == nil && os.WriteFile(filepath.Join(dir, name), png, 0o644) == nil {
			fmt.Fprintf(&b, "screenshot: %s\n", filepath.Join(dir, name))
		}
	}
	return b.String()
}

// goto navigates the tab to a path of the app and waits for the load event.
func (p *page) goTo(path string) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, bootTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(p.base+path)); err != nil {
		p.fatalf("navigating to %s: %v", path, err)
	}
}

func (p *page) reload() {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, bootTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		p.fatalf("reloading: %v", err)
	}
}

// eval evaluates a JavaScript expression and decodes its JSON value into out.
// A promise is awaited.
func (p *page) eval(expr string, out any) {
	p.tb.Helper()
	if err := p.tryEval(expr, out); err != nil {
		p.fatalf("evaluating %s: %v", expr, err)
	}
}

func (p *page) tryEval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(p.ctx, waitTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if len(raw) == 0 {
		raw = []byte("null")
	}
	return json.Unmarshal(raw, out)
}

// waitFor polls the JavaScript condition cond until it is truthy, for at most
// timeout, and fails the test naming what it waited for. Evaluation errors
// (a page in the middle of a navigation) are retried.
func (p *page) waitFor(what, cond string, timeout time.Duration) {
	p.tb.Helper()
	if err := p.poll(cond, timeout); err != nil {
		p.fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

func (p *page) poll(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	expr := "!!(" + cond + ")"
	var lastErr error
	for {
		var ok bool
		err := p.tryEval(expr, &ok)
		if err == nil && ok {
			return nil
		}
		if err != nil {
			lastErr = err
		}
		if p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		if time.Now().After(deadline) {
			if lastErr != nil {
				return fmt.Errorf("not true after %s (last error: %v)", timeout, lastErr)
			}
			return fmt.Errorf("not true after %s", timeout)
		}
		time.Sleep(pollEvery)
	}
}

// waitDownload waits until the browser has saved a file of that name in the
// page's downloads folder, and returns its bytes.
func (p *page) waitDownload(name string) []byte {
	p.tb.Helper()
	path := filepath.Join(p.downloads, name)
	deadline := time.Now().Add(waitTimeout)
	for {
		// Chrome writes NAME.crdownload and renames it when it is complete,
		// but a small blob download can show up under its name empty first:
		// take it once it is non-empty and the same on two reads.
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			time.Sleep(pollEvery)
			if again, err := os.ReadFile(path); err == nil && bytes.Equal(again, b) {
				return b
			}
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(p.downloads)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			p.fatalf("no download %s after %s; the folder has %q", name, waitTimeout, names)
		}
		time.Sleep(pollEvery)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// cssString quotes s for a CSS attribute selector.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// idbSnapshot returns every record of every IndexedDB database of the page's
// origin, as canonical JSON, whatever the app's schema.
func (p *page) idbSnapshot() string {
	p.tb.Helper()
	var s string
	p.eval(`(async () => {
  const req = r => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const plain = v => JSON.parse(JSON.stringify(v, (k, x) =>
    x instanceof ArrayBuffer ? Array.from(new Uint8Array(x)) :
    ArrayBuffer.isView(x) ? Array.from(new Uint8Array(x.buffer, x.byteOffset, x.byteLength)) : x));
  const out = {};
  const infos = (await indexedDB.databases()).sort((a, b) => a.name < b.name ? -1 : 1);
  for (const info of infos) {
    const db = await req(indexedDB.open(info.name));
    for (const name of Array.from(db.objectStoreNames).sort()) {
      const store = db.transaction(name, 'readonly').objectStore(name);
      const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
      out[info.name + '/' + name] = keys.map((k, i) => [plain(k), plain(values[i])]);
    }
    db.close();
  }
  return JSON.stringify(out);
})()`, &s)
	return s
}
