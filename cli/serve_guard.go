package cli

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"time"
)

// What every response carries, and what every request must be, before the
// routes see it (server.ServeHTTP): the server holds a person's library and
// runs on their machine, so a page on another site must not be able to
// frame it, read it through a rebound DNS name, or post to it.

// Timeouts of the HTTP server. Requests have no bodies (GET and HEAD only),
// so reading one is quick; writing allows app.wasm, 11 MB when a client
// takes it uncompressed, over a slow link.
const (
	serveReadHeaderTimeout = 10 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 5 * time.Minute
	serveIdleTimeout       = 2 * time.Minute
)

// newHTTPServer is the http.Server serve runs h with: with timeouts, so
// that connections that stall or idle do not pile up.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
	}
}

// contentSecurityPolicy is the policy of every response, scriptHashes being
// the 'sha256-…' sources of the page's inline scripts. It allows what the
// app uses and nothing else:
//
//   - scripts: its own files (app.js, wasm_exec.js, bridge.js, the service
//     worker) and the inline scripts the pages hold, by hash (the module
//     loader of app_script.go); 'wasm-unsafe-eval' to compile app.wasm.
//     No 'unsafe-inline' or 'unsafe-eval' for scripts.
//   - styles: its own files, and inline styles, which go-app writes (style
//     attributes, the decision list's <style>) and bridge.js puts into the
//     article's frame (a <style> with the page's rules, which change with
//     app.css and cannot be hashed ahead).
//   - fetches (app.wasm, the article API), images, the manifest, the
//     service worker and the frame: its own origin.
//   - frame-ancestors 'none': no page, not even the app's own, frames a
//     response of this server. The app's one frame, #article-frame, has no
//     src: it is the about:blank document the page makes and fills itself
//     (bridge.js showText), which no response of ours is, so the rule never
//     applies to it; the frame inherits the page's policy instead.
//   - nothing else: no plugins, no <base>, no form posts.
func contentSecurityPolicy(scriptHashes []string) string {
	script := append([]string{"'self'", "'wasm-unsafe-eval'"}, scriptHashes...)
	return strings.Join([]string{
		"default-src 'none'",
		"script-src " + strings.Join(script, " "),
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"frame-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

// inlineScript finds the <script> elements of a page and their text.
var inlineScript = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)

// pageScriptHashes renders the library page through h and returns the CSP
// hash source of each inline script in it, so the policy allows exactly the
// scripts the handler serves, whatever go-app or app_script.go put there.
// Every page has the same head, where go-app writes them.
func pageScriptHashes(h http.Handler) ([]string, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering the page for its script hashes: status %d", rec.Code)
	}
	return scriptHashes(rec.Body.String()), nil
}

// scriptHashes returns the 'sha256-…' source of each inline script of page,
// once each, in order.
func scriptHashes(page string) []string {
	var hashes []string
	for _, m := range inlineScript.FindAllStringSubmatch(page, -1) {
		if srcAttr.MatchString(m[1]) {
			continue
		}
		sum := sha256.Sum256([]byte(m[2]))
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !slices.Contains(hashes, h) {
			hashes = append(hashes, h)
		}
	}
	return hashes
}

// srcAttr finds a src attribute among a tag's attributes (not data-src).
var srcAttr = regexp.MustCompile(`(?i)(?:^|[\s"'])src\s*=`)

// setSecurityHeaders sets the headers every response carries, errors
// included.
func (s *server) setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY") // frame-ancestors for browsers without CSP 2
}

// hostAllowed reports whether the request's Host names this server: a
// loopback name or address, the address the connection came in on (which
// covers -addr), or a name given with -allow-host. A page of another site
// whose DNS name is rebound to this machine sends its own name, and is
// refused, so it cannot read the library through the victim's browser.
// Any IP address the connection reached is safe to answer: a literal
// address cannot be rebound.
func (s *server) hostAllowed(r *http.Request) bool {
	host := normalizeHost(r.Host)
	if host == "" {
		return false
	}
	if host == "localhost" || s.allowHosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	tcp, ok := local.(*net.TCPAddr)
	return ok && tcp.IP.Equal(ip)
}

// normalizeHost is a Host header's or an -allow-host value's name as
// compared: without its port or brackets, lower case, without a final dot.
func normalizeHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// checkAllowHost checks an -allow-host value: a host name or address,
// with or without a port, without a scheme or a path.
func checkAllowHost(v string) error {
	if strings.ContainsAny(v, "/\\@?#*%, \t") || normalizeHost(v) == "" {
		return fmt.Errorf("%q is not a host name (give one as NAME or NAME:PORT, without a scheme or a path)", v)
	}
	if _, port, err := net.SplitHostPort(v); err == nil && strings.Trim(port, "0123456789") != "" {
		return fmt.Errorf("%q is not a host name: the port %q is not a number", v, port)
	}
	return nil
}
