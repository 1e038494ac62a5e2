package cli

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cspDirectives splits a Content-Security-Policy into its directives.
func cspDirectives(t *testing.T, csp string) map[string][]string {
	t.Helper()
	d := map[string][]string{}
	for part := range strings.SplitSeq(csp, ";") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		if _, dup := d[f[0]]; dup {
			t.Errorf("CSP names %s twice: %s", f[0], csp)
		}
		d[f[0]] = f[1:]
	}
	return d
}

// TestSecurityHeaders: every response, errors included, carries the
// Content-Security-Policy, nosniff, no-referrer and no framing.
func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	for _, tc := range []struct {
		desc, method, path string
		host               string
		code               int
	}{
		{"the library page", "GET", "/", "", 200},
		{"an article page", "GET", "/article/" + seed0, "", 200},
		{"the compare page", "GET", "/compare/" + seed0, "", 200},
		{"the corpus page", "GET", "/corpus", "", 200},
		{"go-app's app.js", "GET", "/app.js", "", 200},
		{"the service worker", "GET", "/app-worker.js", "", 200},
		{"the manifest", "GET", "/manifest.webmanifest", "", 200},
		{"app.wasm", "GET", "/web/app.wasm", "", 200},
		{"a static file", "GET", "/web/app.css", "", 200},
		{"the article list", "GET", "/api/articles", "", 200},
		{"an article's text", "GET", "/api/articles/" + seed0, "", 200},
		{"HEAD of a page", "HEAD", "/", "", 200},
		{"a missing page", "GET", "/no/such/page", "", 404},
		{"a missing API", "GET", "/api/nothing", "", 404},
		{"a refused method", "POST", "/", "", 405},
		{"a refused host", "GET", "/", "evil.example", 403},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			var header []string
			if tc.host != "" {
				header = []string{"Host", tc.host}
			}
			w := do(t, s, tc.method, tc.path, header...)
			if w.Code != tc.code {
				t.Fatalf("%s %s: %d, want %d", tc.method, tc.path, w.Code, tc.code)
			}
			h := w.Header()
			for name, want := range map[string]string{
				"Content-Security-Policy": s.csp,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
				"X-Frame-Options":         "DENY",
			} {
				if got := h.Values(name); len(got) != 1 || got[0] != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestContentSecurityPolicy: the policy allows the app's own scripts, its
// wasm and exactly the inline scripts its pages hold (by hash, computed
// here from the bytes served), and nothing inline or remote besides.
func TestContentSecurityPolicy(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	d := cspDirectives(t, s.csp)
	for _, tc := range []struct {
		desc, directive string
		want            []string
	}{
		{"everything not named is refused", "default-src", []string{"'none'"}},
		{"no page frames the server's responses, not even the app's", "frame-ancestors", []string{"'none'"}},
		{"no plugins", "object-src", []string{"'none'"}},
		{"no <base> to redirect relative URLs", "base-uri", []string{"'none'"}},
		{"no form posts", "form-action", []string{"'none'"}},
		{"fetches (app.wasm, the article API) to its own origin", "connect-src", []string{"'self'"}},
		{"the service worker from its own origin", "worker-src", []string{"'self'"}},
		{"the article's frame from its own origin", "frame-src", []string{"'self'"}},
		{"images from its own origin", "img-src", []string{"'self'"}},
		{"the manifest from its own origin", "manifest-src", []string{"'self'"}},
		{"styles: its files, and inline ones go-app and the frame need", "style-src", []string{"'self'", "'unsafe-inline'"}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if got := d[tc.directive]; strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("%s %q, want %q", tc.directive, got, tc.want)
			}
		})
	}

	script := d["script-src"]
	has := func(src string) bool {
		for _, s := range script {
			if s == src {
				return true
			}
		}
		return false
	}
	for _, src := range []string{"'self'", "'wasm-unsafe-eval'"} {
		if !has(src) {
			t.Errorf("script-src %q lacks %s", script, src)
		}
	}
	for _, src := range []string{"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"} {
		if has(src) {
			t.Errorf("script-src %q allows %s", script, src)
		}
	}
	// The module loader of app_script.go, hashed here from its source.
	loader := strings.TrimSuffix(strings.TrimPrefix(moduleLoader, "<script>"), "</script>")
	sum := sha256.Sum256([]byte(loader))
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !has(want) {
		t.Errorf("script-src %q lacks the module loader's hash %s", script, want)
	}
	// Every inline script of every page is allowed, and nothing else is.
	scriptTag := regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	hashes := map[string]bool{}
	for _, path := range []string{"/", "/article/" + seed0, "/article/x", "/compare/" + seed0, "/corpus"} {
		body := get(t, s, path).Body.String()
		for _, m := range scriptTag.FindAllStringSubmatch(body, -1) {
			if strings.Contains(m[1], "src=") {
				continue
			}
			sum := sha256.Sum256([]byte(m[2]))
			h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			hashes[h] = true
			if !has(h) {
				t.Errorf("GET %s: an inline script the policy refuses (%s): %.80q", path, h, m[2])
			}
		}
		if regexp.MustCompile(`(?i)\son[a-z]+=`).MatchString(body) {
			t.Errorf("GET %s: an inline event handler, which the policy refuses", path)
		}
	}
	for _, src := range script {
		if strings.HasPrefix(src, "'sha256-") && !hashes[src] {
			t.Errorf("script-src allows %s, which no page holds", src)
		}
	}
}

// TestScriptHashes: how inline scripts are found in a page.
func TestScriptHashes(t *testing.T) {
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	for _, tc := range []struct {
		desc, page string
		want       []string
	}{
		{"no scripts", "<html><head></head></html>", nil},
		{"an external script is not hashed", `<script src="/app.js" defer></script>`, nil},
		{"an external script, src last", `<script defer src="/app.js"></script>`, nil},
		{"an inline script, byte for byte", "<script>\nlet a = 1;\n</script>", []string{hash("\nlet a = 1;\n")}},
		{"an inline script with a type", `<script type="module">x()</script>`, []string{hash("x()")}},
		{"a data-src attribute is not src", `<script data-src="x">y()</script>`, []string{hash("y()")}},
		{"the same script twice is one hash", "<script>a</script><SCRIPT>a</SCRIPT>", []string{hash("a")}},
		{"two scripts, in order", "<script>b</script><script>a</script>", []string{hash("b"), hash("a")}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			if got := scriptHashes(tc.page); strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("scriptHashes(%q) = %q, want %q", tc.page, got, tc.want)
			}
		})
	}
}

// TestHostHeader: only requests for this machine are answered, so a page
// whose DNS name is rebound to 127.0.0.1 cannot read the library.
func TestHostHeader(t *testing.T) {
	s := newTestServer(t, serverConfig{AllowHosts: []string{"Quotemark.LAN", "box.example:8000"}})
	lan := &net.TCPAddr{IP: net.IPv4(192, 168, 1, 2), Port: 8000}
	for _, tc := range []struct {
		desc  string
		host  string
		local net.Addr // the address the connection came in on
		code  int
	}{
		{"localhost", "localhost", nil, 200},
		{"localhost with a port", "localhost:8000", nil, 200},
		{"localhost in capitals, with a final dot", "LOCALHOST.:8000", nil, 200},
		{"127.0.0.1", "127.0.0.1:8000", nil, 200},
		{"another loopback address", "127.0.0.2:8000", nil, 200},
		{"IPv6 loopback", "[::1]:8000", nil, 200},
		{"the address the connection came in on (-addr)", "192.168.1.2:8000", lan, 200},
		{"another address than the connection's", "192.168.1.3:8000", lan, 403},
		{"a LAN address without a connection to it", "192.168.1.2:8000", nil, 403},
		{"a name given with -allow-host, in other case", "quotemark.lan:8000", nil, 200},
		{"a name given with -allow-host with a port, on another port", "box.example:9000", nil, 200},
		{"a rebound DNS name", "attacker.example:8000", nil, 403},
		{"a rebound DNS name, on a LAN connection", "attacker.example", lan, 403},
		{"a subdomain of localhost", "evil.localhost:8000", nil, 403},
		{"a subdomain of an allowed name", "x.quotemark.lan", nil, 403},
		{"no Host", "", nil, 403},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			for _, path := range []string{"/", "/api/articles", "/web/app.wasm", "/api/articles/" + seed0} {
				r := httptest.NewRequest(http.MethodGet, path, nil)
				r.Host = tc.host
				if tc.local != nil {
					r = r.WithContext(context.WithValue(r.Context(), http.LocalAddrContextKey, tc.local))
				}
				w := httptest.NewRecorder()
				s.ServeHTTP(w, r)
				if w.Code != tc.code {
					t.Errorf("GET %s with Host %q: %d, want %d", path, tc.host, w.Code, tc.code)
				}
				if tc.code == 403 && (!strings.Contains(w.Body.String(), "-allow-host") || strings.Contains(w.Body.String(), "seed")) {
					t.Errorf("GET %s with Host %q: body %.200q, want only the refusal", path, tc.host, w.Body)
				}
			}
		})
	}
	// Over a real connection to 127.0.0.1, as a rebinding page's would be.
	srv := httptest.NewServer(s)
	defer srv.Close()
	for host, want := range map[string]int{"": 200, "attacker.example": 403} {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/articles", nil)
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("over the wire, Host %q: %d, want %d", host, res.StatusCode, want)
		}
	}
}

// TestOnlyGetAndHead: every route answers other methods 405, naming the
// ones it takes.
func TestOnlyGetAndHead(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	for _, path := range []string{"/", "/article/" + seed0, "/app.js", "/app-worker.js", "/web/app.wasm", "/app.wasm",
		"/web/app.css", "/api/articles", "/api/articles/" + seed0, "/api/nothing", "/robots.txt", "/no/such/page"} {
		for _, tc := range []struct {
			desc, method string
			allowed      bool
		}{
			{"GET", http.MethodGet, true},
			{"HEAD", http.MethodHead, true},
			{"POST", http.MethodPost, false},
			{"PUT", http.MethodPut, false},
			{"DELETE", http.MethodDelete, false},
			{"PATCH", http.MethodPatch, false},
			{"OPTIONS", http.MethodOptions, false},
			{"a made-up method", "PROPFIND", false},
		} {
			t.Run(tc.desc+" "+path, func(t *testing.T) {
				w := do(t, s, tc.method, path)
				if tc.allowed {
					if w.Code == http.StatusMethodNotAllowed {
						t.Errorf("%s %s: 405", tc.method, path)
					}
					return
				}
				if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
					t.Errorf("%s %s: %d, Allow %q; want 405 and GET, HEAD", tc.method, path, w.Code, w.Header().Get("Allow"))
				}
			})
		}
	}
}

// symlinkOrSkip makes a symlink, or skips where the system cannot.
func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatalf("making the symlink the test needs: %v", err)
	}
}

// TestServeOnlyFilesInsideFolders: a symlink in the web folder or an
// article folder serves nothing outside them; one that stays inside is
// followed, as before.
func TestServeOnlyFilesInsideFolders(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.txt"), "Outside secret article text.\n")
	writeFile(t, filepath.Join(outside, "secret.css"), "body{secret:1}")
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "app.css"), "body{}")
	writeFile(t, filepath.Join(web, "articles", "real.txt"), "A real seed article.\n")
	symlinkOrSkip(t, "app.css", filepath.Join(web, "same.css"))
	symlinkOrSkip(t, filepath.Join(outside, "secret.css"), filepath.Join(web, "out.css"))
	symlinkOrSkip(t, "../"+filepath.Base(outside)+"/secret.css", filepath.Join(web, "rel-out.css"))
	symlinkOrSkip(t, outside, filepath.Join(web, "outdir"))
	symlinkOrSkip(t, filepath.Join(outside, "secret.txt"), filepath.Join(web, "articles", "seedlink.txt"))
	symlinkOrSkip(t, "real.txt", filepath.Join(web, "articles", "alias.txt"))
	extra := t.TempDir()
	writeFile(t, filepath.Join(extra, "mine.txt"), "My own article.\n")
	symlinkOrSkip(t, filepath.Join(outside, "secret.txt"), filepath.Join(extra, "leak.txt"))
	symlinkOrSkip(t, outside, filepath.Join(extra, "sub.txt"))

	var s *server
	logged := captureLog(t, func() { s = newTestServer(t, serverConfig{WebDir: web, ArticleDirs: []string{extra}}) })
	for _, tc := range []struct {
		desc, path string
		code       int
		body       string
	}{
		{"a regular file", "/web/app.css", 200, "body{}"},
		{"a symlink inside the web folder", "/web/same.css", 200, "body{}"},
		{"a symlink out of the web folder", "/web/out.css", 404, ""},
		{"a relative symlink out of the web folder", "/web/rel-out.css", 404, ""},
		{"a file through a symlinked folder out of it", "/web/outdir/secret.css", 404, ""},
		{"a symlinked folder out of it", "/web/outdir/", 404, ""},
		{"a seed article linking out, as a static file", "/web/articles/seedlink.txt", 404, ""},
		{"a seed article linking out, in the API", "/api/articles/seedlink", 404, ""},
		{"a seed article linking inside, in the API", "/api/articles/alias", 200, "A real seed article.\n"},
		{"an -articles file", "/api/articles/mine", 200, "My own article.\n"},
		{"an -articles .txt linking out", "/api/articles/leak", 404, ""},
		{"an -articles .txt linking to a folder", "/api/articles/sub", 404, ""},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			w := get(t, s, tc.path)
			if w.Code != tc.code || (tc.body != "" && w.Body.String() != tc.body) || strings.Contains(w.Body.String(), "secret") {
				t.Errorf("GET %s: %d %.80q, want %d %q", tc.path, w.Code, w.Body, tc.code, tc.body)
			}
		})
	}
	list := get(t, s, "/api/articles").Body.String()
	if strings.Contains(list, "leak") || strings.Contains(list, "seedlink") || !strings.Contains(list, `"alias"`) {
		t.Errorf("the article list: %s", list)
	}
	worker := get(t, s, "/app-worker.js").Body.String()
	for _, u := range []string{"/web/out.css", "/web/rel-out.css", "/web/outdir/secret.css", "/web/articles/seedlink.txt", "/api/articles/leak"} {
		if strings.Contains(worker, `"`+u+`"`) {
			t.Errorf("the service worker caches %s, which is outside the folders", u)
		}
	}
	if !strings.Contains(logged, "leak.txt: it is a symlink to a file outside its folder") {
		t.Errorf("the skipped link is not logged:\n%s", logged)
	}

	// app.wasm itself linking out of the web folder is refused at startup.
	wasmOut := fakeWasm(t, "outside")
	web2 := t.TempDir()
	symlinkOrSkip(t, wasmOut, filepath.Join(web2, "app.wasm"))
	if h, err := newHandler(serverConfig{WebDir: web2}); err == nil || h != nil {
		t.Errorf("app.wasm linking out of the web folder: %v, want an error", err)
	}
	// ... and one linking inside it is served.
	web3 := t.TempDir()
	writeFile(t, filepath.Join(web3, "build", "app.wasm"), string(readFile(t, wasmOut)))
	symlinkOrSkip(t, filepath.Join("build", "app.wasm"), filepath.Join(web3, "app.wasm"))
	if _, err := newHandler(serverConfig{WebDir: web3}); err != nil {
		t.Errorf("app.wasm linking inside the web folder: %v", err)
	}
}

// TestServerTimeouts: the server drops connections that stall or idle.
func TestServerTimeouts(t *testing.T) {
	srv := newHTTPServer(http.NotFoundHandler())
	for _, tc := range []struct {
		desc string
		got  time.Duration
	}{
		{"reading the headers", srv.ReadHeaderTimeout},
		{"reading a request", srv.ReadTimeout},
		{"writing a response", srv.WriteTimeout},
		{"an idle keep-alive connection", srv.IdleTimeout},
	} {
		if tc.got <= 0 || tc.got > 10*time.Minute {
			t.Errorf("%s: timeout %s, want one of at most 10 minutes", tc.desc, tc.got)
		}
	}
	if srv.WriteTimeout < time.Minute {
		t.Errorf("WriteTimeout %s is too short to send app.wasm over a slow link", srv.WriteTimeout)
	}
}

// TestServeWarnsOffLoopback: an -addr other machines can reach draws a
// warning at start-up; loopback (the default) does not (TestServeCommand).
func TestServeWarnsOffLoopback(t *testing.T) {
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "app.wasm"), "\x00asm\x01\x00\x00\x00")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "0.0.0.0:0", "-web", web}, &stdout, &stderr)
	}()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(stdout.String(), "serving") && time.Now().Before(deadline) {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if !strings.Contains(stderr.String(), "warning:") || !strings.Contains(stderr.String(), "reachable from other machines") {
		t.Errorf("serve -addr 0.0.0.0:0: stderr %q, want a warning", stderr.String())
	}
	if cmd, _ := findCommandFlag("serve", "addr"); cmd != "127.0.0.1:8000" {
		t.Errorf("-addr defaults to %q, want loopback", cmd)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// findCommandFlag returns a command's flag's default value.
func findCommandFlag(cmd, name string) (string, bool) {
	c := findCommand(cmd)
	if c == nil {
		return "", false
	}
	fs, _ := c.flagSet(new(strings.Builder))
	f := fs.Lookup(name)
	if f == nil {
		return "", false
	}
	return f.DefValue, true
}
