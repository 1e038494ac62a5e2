package cli

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The server tests use a small fake app.wasm: the server only hashes,
// compresses and serves its bytes. The browser tests use a real build.

// fakeWasm writes a small app.wasm into a temporary folder and returns its
// path. It compresses well, like a real module.
func fakeWasm(t *testing.T, seed string) string {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("\x00asm\x01\x00\x00\x00")
	for i := 0; b.Len() < 64<<10; i++ {
		b.WriteString(seed)
		b.WriteByte(byte(i))
	}
	p := filepath.Join(t.TempDir(), "app.wasm")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func newTestServer(t *testing.T, cfg serverConfig) *server {
	t.Helper()
	if cfg.WebDir == "" {
		cfg.WebDir = "web"
	}
	if cfg.WasmPath == "" {
		cfg.WasmPath = fakeWasm(t, "fake module")
	}
	h, err := newHandler(cfg)
	if err != nil {
		t.Fatalf("newHandler: %v", err)
	}
	s, ok := h.(*server)
	if !ok {
		t.Fatalf("newHandler returned %T, want *server", h)
	}
	return s
}

// pageTimeout bounds one request: go-app renders pages on the server, and a
// component that waits for the browser there would hang the request forever.
const pageTimeout = 20 * time.Second

// do serves one request and returns the recorded response.
func do(t *testing.T, h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	// As a browser on this machine asks; httptest's default, example.com,
	// is a name the server refuses (serve_guard.go).
	r.Host = "127.0.0.1:8000"
	for i := 0; i+1 < len(header); i += 2 {
		if http.CanonicalHeaderKey(header[i]) == "Host" {
			r.Host = header[i+1]
			continue
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(w, r)
	}()
	select {
	case <-done:
	case <-time.After(pageTimeout):
		t.Fatalf("%s %s did not answer within %s (for a page: server-side rendering is stuck; "+
			"a component must not wait on the browser when goapp.IsServer)", method, path, pageTimeout)
	}
	return w
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	return do(t, h, http.MethodGet, path, header...)
}

// captureLog returns what the standard logger printed while f ran.
func captureLog(t *testing.T, f func()) string {
	t.Helper()
	var b bytes.Buffer
	out, flags := log.Writer(), log.Flags()
	log.SetOutput(&b)
	defer func() {
		log.SetOutput(out)
		log.SetFlags(flags)
	}()
	f()
	return b.String()
}

func TestPagesRenderHTML(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	for _, path := range []string{"/", "/article/x", "/article/000_ce1de57ff9e6a72c"} {
		w := get(t, s, path)
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q, want text/html", path, ct)
		}
		body := w.Body.String()
		for _, want := range []string{
			"<html", `lang="en"`, "<title>", `src="/app.js"`, `src="/wasm_exec.js"`,
			`href="/manifest.webmanifest"`, `href="/web/icon.svg"`, `id="app-wasm-loader"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: the page lacks %s", path, want)
			}
		}
		// Offline use: nothing remote, except og: metadata, absolute by design.
		for _, tag := range strings.SplitAfter(body, ">") {
			if strings.Contains(tag, "://") && !strings.Contains(tag, `property="og:`) {
				t.Errorf("GET %s: remote resource in the page: %s", path, tag)
			}
		}
	}
	if w := get(t, s, "/no/such/page"); w.Code != http.StatusNotFound {
		t.Errorf("GET /no/such/page: %d, want 404", w.Code)
	}
}

func TestPageLoadsStylesAndScripts(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	// web/app.css and web/bridge.js are the UI's; they are linked when present.
	for _, f := range []struct{ url, file string }{{"/web/app.css", "web/app.css"}, {"/web/bridge.js", "web/bridge.js"}} {
		_, err := os.Stat(f.file)
		listed := slices.Contains(s.goapp.Styles, f.url) || slices.Contains(s.goapp.Scripts, f.url)
		if listed != (err == nil) {
			t.Errorf("%s exists: %v, linked from the page: %v", f.file, err == nil, listed)
		}
	}
}

func TestServerStartsWithoutStylesAndScripts(t *testing.T) {
	web := t.TempDir()
	var s *server
	logged := captureLog(t, func() { s = newTestServer(t, serverConfig{WebDir: web}) })
	// go-app adds its own /app.css when it starts; none of ours may be listed.
	for _, u := range append(slices.Clone(s.goapp.Styles), s.goapp.Scripts...) {
		if strings.HasPrefix(u, "/web/") {
			t.Errorf("Styles %q, Scripts %q: want none from /web/ when the files are missing", s.goapp.Styles, s.goapp.Scripts)
			break
		}
	}
	if !strings.Contains(logged, "app.css") || !strings.Contains(logged, "bridge.js") {
		t.Errorf("missing app.css and bridge.js not logged; log:\n%s", logged)
	}
	// A listed file that 404s would make the service worker's install fail.
	if w := get(t, s, "/app-worker.js"); strings.Contains(w.Body.String(), "/web/app.css") {
		t.Errorf("the worker caches /web/app.css, which does not exist")
	}
	if w := get(t, s, "/api/articles"); w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "[]" {
		t.Errorf("GET /api/articles with no articles: %d %q, want 200 []", w.Code, w.Body)
	}
}

func TestHandlerSettings(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	h := s.goapp
	if h.Name != "quotemark" || h.Title != "quotemark" || h.ShortName == "" || h.Description == "" || h.Lang != "en" || h.LoadingLabel == "" {
		t.Errorf("Name %q Title %q ShortName %q Description %q Lang %q LoadingLabel %q", h.Name, h.Title, h.ShortName, h.Description, h.Lang, h.LoadingLabel)
	}
	for _, icon := range []string{h.Icon.Default, h.Icon.Large, h.Icon.Maskable, h.Icon.SVG} {
		if !strings.HasPrefix(icon, "/web/") {
			t.Errorf("icon %q is not local", icon)
			continue
		}
		if w := get(t, s, icon); w.Code != http.StatusOK {
			t.Errorf("GET %s: %d", icon, w.Code)
		}
	}
	for _, want := range []string{
		"/web/icon.svg",
		"/web/articles/000_ce1de57ff9e6a72c.txt", "/web/articles/001_d82527d5600d2d18.txt",
		"/api/articles", "/api/articles/000_ce1de57ff9e6a72c", "/api/articles/001_d82527d5600d2d18",
	} {
		if !slices.Contains(h.CacheableResources, want) {
			t.Errorf("CacheableResources lacks %s: %q", want, h.CacheableResources)
		}
	}
	// Everything the service worker caches must exist, or its install fails.
	worker := get(t, s, "/app-worker.js").Body.String()
	m := regexp.MustCompile(`resourcesToCache = (\[.*?\]);`).FindStringSubmatch(worker)
	if m == nil {
		t.Fatalf("no resourcesToCache in app-worker.js:\n%s", worker)
	}
	for _, u := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
		if u[1] == "/" || strings.HasPrefix(u[1], "/article/") {
			continue // pages; rendered in TestPagesRenderHTML
		}
		if strings.HasPrefix(u[1], "http") {
			t.Errorf("the worker caches a remote URL: %s", u[1])
			continue
		}
		if w := get(t, s, u[1]); w.Code != http.StatusOK {
			t.Errorf("the worker caches %s, which answers %d", u[1], w.Code)
		}
	}
}

func TestVersionFollowsWasmBytes(t *testing.T) {
	dir := t.TempDir()
	wasm := filepath.Join(dir, "app.wasm")
	write := func(s string) {
		if err := os.WriteFile(wasm, []byte("\x00asm\x01\x00\x00\x00"+s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one")
	a := newTestServer(t, serverConfig{WasmPath: wasm})
	b := newTestServer(t, serverConfig{WasmPath: wasm})
	write("two")
	c := newTestServer(t, serverConfig{WasmPath: wasm})

	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(a.version) {
		t.Errorf("version %q, want 16 hex digits", a.version)
	}
	if a.version != b.version {
		t.Errorf("same app.wasm, versions %s and %s", a.version, b.version)
	}
	if a.version == c.version {
		t.Errorf("rebuilt app.wasm kept version %s", a.version)
	}
	if a.goapp.Version != a.version {
		t.Errorf("go-app Version %q, server version %q", a.goapp.Version, a.version)
	}
	js := get(t, c, "/app.js").Body.String()
	if !strings.Contains(js, `"GOAPP_VERSION":"`+c.version+`"`) {
		t.Errorf("app.js does not carry version %s", c.version)
	}
	if w := get(t, c, "/app-worker.js"); !strings.Contains(w.Body.String(), `"app-" + "`+c.version+`"`) {
		t.Errorf("app-worker.js does not name its cache after version %s", c.version)
	}
}

func TestVersionFollowsArticles(t *testing.T) {
	wasm := fakeWasm(t, "same")
	extra := t.TempDir()
	a := newTestServer(t, serverConfig{WasmPath: wasm, ArticleDirs: []string{extra}})
	writeFile(t, filepath.Join(extra, "new.txt"), "A new article.\n")
	b := newTestServer(t, serverConfig{WasmPath: wasm, ArticleDirs: []string{extra}})
	if a.version == b.version {
		t.Errorf("an added article kept version %s: cached /api/articles would go stale", a.version)
	}
}

// go-app's handler answers 304 to any request whose If-None-Match is its
// version ETag. The server's own routes must answer by their own content.
func TestGoAppETagDoesNotShadowOwnRoutes(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	etag := `"` + s.version + `"`
	for _, path := range []string{
		"/web/app.wasm", "/app.wasm", "/api/articles", "/api/articles/000_ce1de57ff9e6a72c",
		"/web/icon.svg", "/web/articles/000_ce1de57ff9e6a72c.txt",
	} {
		if w := get(t, s, path, "If-None-Match", etag); w.Code != http.StatusOK {
			t.Errorf("GET %s with If-None-Match go-app's ETag: %d, want 200", path, w.Code)
		}
	}
	// go-app's own files do follow the version.
	if w := get(t, s, "/app.js", "If-None-Match", etag); w.Code != http.StatusNotModified {
		t.Errorf("GET /app.js with If-None-Match the version: %d, want 304", w.Code)
	}
}

func TestStaticFiles(t *testing.T) {
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "app.css"), "body{}")
	writeFile(t, filepath.Join(web, ".secret"), "no")
	writeFile(t, filepath.Join(web, "robots.txt"), "User-agent: *\n")
	writeFile(t, filepath.Join(web, "articles", "a.txt"), "An article.\n")
	s := newTestServer(t, serverConfig{WebDir: web})

	w := get(t, s, "/web/app.css")
	if w.Code != http.StatusOK || w.Body.String() != "body{}" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET /web/app.css: %d %q %q", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	if cc := w.Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("GET /web/app.css: Cache-Control %q, want no-cache", cc)
	}
	if w := get(t, s, "/robots.txt"); w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "User-agent") {
		t.Errorf("GET /robots.txt: %d %q", w.Code, w.Body)
	}
	for _, path := range []string{"/web/.secret", "/web/articles/", "/web/", "/web/missing.js", "/sitemap.xml"} {
		if w := get(t, s, path); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, w.Code)
		}
	}
	if slices.Contains(s.goapp.CacheableResources, "/web/.secret") {
		t.Errorf("a dot file is in CacheableResources")
	}
}

func TestNewHandlerErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  serverConfig
		want string
	}{
		{"no wasm", serverConfig{WebDir: "web", WasmPath: filepath.Join(t.TempDir(), "app.wasm")}, "make build"},
		{"no web folder", serverConfig{WebDir: filepath.Join(t.TempDir(), "nope"), WasmPath: fakeWasm(t, "x")}, "web folder"},
		{"no articles folder", serverConfig{WebDir: "web", WasmPath: fakeWasm(t, "x"), ArticleDirs: []string{filepath.Join(t.TempDir(), "gone")}}, "gone"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := newHandler(tc.cfg)
			if err == nil || h != nil {
				t.Fatalf("newHandler = %v, %v; want an error", h, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	var r webResources
	for in, want := range map[string]string{
		"":                  "/",
		"/":                 "/",
		"/web":              "/web",
		"/web/app.wasm":     "/web/app.wasm",
		"web/icon.svg":      "/web/icon.svg",
		"/app.js":           "/app.js",
		"https://x.test/a":  "https://x.test/a",
		"/article/123":      "/article/123",
		"/web/articles/a/b": "/web/articles/a/b",
	} {
		if got := r.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readAll reads a response body; for responses from a real server.
func readAll(t *testing.T, r io.Reader) []byte {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
