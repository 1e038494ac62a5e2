package cli

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// What Chromium sends for a fetch() on http://127.0.0.1.
const chromiumAcceptEncoding = "gzip, deflate, br, zstd"

func TestWasmServedCompressed(t *testing.T) {
	wasmPath := fakeWasm(t, "module bytes")
	raw := readFile(t, wasmPath)
	s := newTestServer(t, serverConfig{WasmPath: wasmPath})

	etags := map[string]string{} // Content-Encoding -> ETag
	for _, path := range []string{"/web/app.wasm", "/app.wasm", "/goapp.wasm"} {
		for _, tc := range []struct{ accept, coding string }{
			{chromiumAcceptEncoding, "br"},
			{"br", "br"},
			{"gzip", "gzip"},
			{"gzip, deflate", "gzip"},
			{"", ""},
			{"identity", ""},
			{"deflate, zstd", ""},
			{"br;q=0, gzip;q=0", ""},
		} {
			w := get(t, s, path, "Accept-Encoding", tc.accept)
			h := w.Header()
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s (Accept-Encoding %q): %d", path, tc.accept, w.Code)
			}
			if h.Get("Content-Encoding") != tc.coding || h.Get("Content-Type") != "application/wasm" ||
				h.Get("Content-Length") != strconv.Itoa(w.Body.Len()) || h.Get("Vary") != "Accept-Encoding" {
				t.Errorf("GET %s (Accept-Encoding %q): headers %v (body %d bytes), want Content-Encoding %q",
					path, tc.accept, h, w.Body.Len(), tc.coding)
			}
			if got := decode(t, h.Get("Content-Encoding"), w.Body.Bytes()); !bytes.Equal(got, raw) {
				t.Errorf("GET %s (Accept-Encoding %q): decodes to %d bytes that differ from app.wasm's %d", path, tc.accept, len(got), len(raw))
			}
			if tc.coding != "" && w.Body.Len() >= len(raw)/2 {
				t.Errorf("GET %s (Accept-Encoding %q): %d bytes for %d raw", path, tc.accept, w.Body.Len(), len(raw))
			}
			etag := h.Get("ETag")
			if old, ok := etags[tc.coding]; ok && old != etag || etag == "" {
				t.Errorf("GET %s (Accept-Encoding %q): ETag %q, earlier %q", path, tc.accept, etag, old)
			}
			etags[tc.coding] = etag
		}
	}
	if len(etags) != 3 || etags["br"] == etags["gzip"] || etags["br"] == etags[""] || etags["gzip"] == etags[""] {
		t.Errorf("ETags %v: want a different one for each of br, gzip and raw", etags)
	}

	if w := do(t, s, http.MethodPost, "/web/app.wasm"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", w.Code)
	}
}

func TestWasmConditionalAndHead(t *testing.T) {
	s := newTestServer(t, serverConfig{WasmPath: fakeWasm(t, "conditional")})
	for _, ae := range []string{chromiumAcceptEncoding, "gzip", ""} {
		full := get(t, s, "/web/app.wasm", "Accept-Encoding", ae)
		etag := full.Header().Get("ETag")
		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			w := get(t, s, "/web/app.wasm", "Accept-Encoding", ae, "If-None-Match", inm)
			h := w.Header()
			if w.Code != http.StatusNotModified || w.Body.Len() != 0 || h.Get("ETag") != etag || h.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, %d bytes, headers %v; want 304 with the ETag", ae, inm, w.Code, w.Body.Len(), h)
			}
		}
		// A cache holding another form of the module gets the one it asked for.
		other := get(t, s, "/web/app.wasm", "Accept-Encoding", "gzip;q=0, br;q=0").Header().Get("ETag")
		if ae == "" {
			other = get(t, s, "/web/app.wasm", "Accept-Encoding", "gzip").Header().Get("ETag")
		}
		if w := get(t, s, "/web/app.wasm", "Accept-Encoding", ae, "If-None-Match", other); w.Code != http.StatusOK || w.Body.Len() != full.Body.Len() {
			t.Errorf("Accept-Encoding %q, If-None-Match another form's ETag %s: %d, %d bytes; want 200 and %d", ae, other, w.Code, w.Body.Len(), full.Body.Len())
		}

		w := do(t, s, http.MethodHead, "/web/app.wasm", "Accept-Encoding", ae)
		if w.Code != http.StatusOK || w.Body.Len() != 0 {
			t.Errorf("HEAD (Accept-Encoding %q): %d, %d bytes", ae, w.Code, w.Body.Len())
		}
		for _, k := range []string{"Content-Length", "Content-Encoding", "Content-Type", "ETag", "Vary"} {
			if w.Header().Get(k) != full.Header().Get(k) {
				t.Errorf("HEAD (Accept-Encoding %q): %s %q, GET has %q", ae, k, w.Header().Get(k), full.Header().Get(k))
			}
		}
	}
}

func TestAcceptEncodingChoice(t *testing.T) {
	codings := []string{"br", "gzip"}
	for header, want := range map[string]string{
		"":                              "",
		"identity":                      "",
		"gzip":                          "gzip",
		"GZIP":                          "gzip",
		"x-gzip":                        "gzip",
		"br":                            "br",
		"gzip, deflate, br, zstd":       "br",
		"gzip, br":                      "br", // equal q: the server's order
		"br;q=0.5, gzip":                "gzip",
		"br;q=1.0, gzip;q=0.9":          "br",
		"gzip;q=0.8, br;q=0.9":          "br",
		"br;q=0, gzip":                  "gzip",
		"br; q=0.0, gzip;q=0.1":         "gzip",
		"br;q=0, gzip;q=0":              "",
		"br;q=0.001":                    "br",
		"deflate":                       "",
		"*":                             "br",
		"*;q=0":                         "",
		"*;q=0, gzip":                   "gzip",
		"*, br;q=0":                     "gzip",
		"identity;q=1, *;q=0.1":         "",
		"identity;q=0.1, *":             "br",
		"identity;q=0":                  "", // nothing left: raw bytes all the same
		"gzip;q=1, identity;q=1":        "gzip",
		"identity, gzip;q=0.5":          "",
		"br;q=junk, gzip":               "gzip",
		"br;q=2, gzip":                  "gzip",
		"gzip;q=0, gzip;q=1":            "gzip",
		" , ;q=1, br ; q=0.7 ; foo=bar": "br",
	} {
		got := ""
		if i := parseAcceptEncoding(header).choose(codings); i >= 0 {
			got = codings[i]
		}
		if got != want {
			t.Errorf("Accept-Encoding %q: chose %q, want %q", header, got, want)
		}
	}
	// With gzip only (no brotli form), br is ignored.
	if i := parseAcceptEncoding("br, gzip;q=0.5").choose([]string{"gzip"}); i != 0 {
		t.Errorf("br, gzip;q=0.5 with gzip only: %d, want gzip", i)
	}
}

// The files `quotemark precompress` writes are served byte for byte.
func TestWasmServesPrecompressedFiles(t *testing.T) {
	wasmPath := fakeWasm(t, "precompressed")
	raw := readFile(t, wasmPath)
	if code, out := cli(t, "precompress", "-brotli-quality", "6", wasmPath); code != 0 {
		t.Fatalf("precompress: exit %d: %s", code, out)
	}
	for _, ext := range []string{".br", ".gz"} {
		if got := decode(t, map[string]string{".br": "br", ".gz": "gzip"}[ext], readFile(t, wasmPath+ext)); !bytes.Equal(got, raw) {
			t.Fatalf("%s does not decode to app.wasm", ext)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(wasmPath))
	if len(entries) != 3 {
		t.Errorf("precompress left %d files in the folder, want app.wasm, .br and .gz: %v", len(entries), entries)
	}

	var s *server
	logged := captureLog(t, func() { s = newTestServer(t, serverConfig{WasmPath: wasmPath}) })
	if strings.Contains(logged, "compressed at startup") {
		t.Errorf("the server compressed at startup despite the files: %s", logged)
	}
	for ae, ext := range map[string]string{chromiumAcceptEncoding: ".br", "gzip": ".gz"} {
		w := get(t, s, "/web/app.wasm", "Accept-Encoding", ae)
		if !bytes.Equal(w.Body.Bytes(), readFile(t, wasmPath+ext)) {
			t.Errorf("Accept-Encoding %q: the body is not app.wasm%s", ae, ext)
		}
	}
	// The files themselves are not served under their own names.
	for _, p := range []string{"/web/app.wasm.br", "/web/app.wasm.gz"} {
		if w := get(t, s, p); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
}

// Missing, stale or broken precompressed files: the server compresses at
// startup and never sends a file that does not decode to app.wasm.
func TestWasmPrecompressedFallback(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(t *testing.T, wasmPath string)
		want   string // in the startup log
	}{
		{"missing", func(t *testing.T, p string) {
			os.Remove(p + ".br")
			os.Remove(p + ".gz")
		}, "no "},
		{"app.wasm rebuilt after them", func(t *testing.T, p string) {
			writeFile(t, p, string(readFile(t, p))+"new code")
		}, "stale"},
		{"from another module, newer than app.wasm", func(t *testing.T, p string) {
			other := fakeWasm(t, "another module")
			if code, out := cli(t, "precompress", "-brotli-quality", "1", other); code != 0 {
				t.Fatalf("precompress: %s", out)
			}
			for _, ext := range []string{".br", ".gz"} {
				writeFile(t, p+ext, string(readFile(t, other+ext)))
			}
		}, "stale"},
		{"truncated", func(t *testing.T, p string) {
			for _, ext := range []string{".br", ".gz"} {
				b := readFile(t, p+ext)
				writeFile(t, p+ext, string(b[:len(b)/2]))
			}
		}, "stale"},
		{"not compressed at all", func(t *testing.T, p string) {
			for _, ext := range []string{".br", ".gz"} {
				writeFile(t, p+ext, string(readFile(t, p)))
			}
		}, "stale"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wasmPath := fakeWasm(t, "fallback "+tc.name)
			if code, out := cli(t, "precompress", "-brotli-quality", "1", wasmPath); code != 0 {
				t.Fatalf("precompress: %s", out)
			}
			tc.break_(t, wasmPath)
			raw := readFile(t, wasmPath)
			var s *server
			logged := captureLog(t, func() { s = newTestServer(t, serverConfig{WasmPath: wasmPath}) })
			if !strings.Contains(logged, "compressed at startup: br") || !strings.Contains(logged, tc.want) {
				t.Errorf("startup log %q: want it to say br and gzip were compressed at startup, and %q", logged, tc.want)
			}
			for _, ae := range []string{chromiumAcceptEncoding, "gzip"} {
				w := get(t, s, "/web/app.wasm", "Accept-Encoding", ae)
				coding := w.Header().Get("Content-Encoding")
				if coding == "" || !bytes.Equal(decode(t, coding, w.Body.Bytes()), raw) {
					t.Errorf("Accept-Encoding %q: %s body does not decode to app.wasm", ae, coding)
				}
			}
		})
	}
}

func TestPrecompressCommand(t *testing.T) {
	if code, out := cli(t, "precompress"); code != 2 || !strings.Contains(out, "one FILE") {
		t.Errorf("no file: exit %d, %s", code, out)
	}
	p := fakeWasm(t, "cmd")
	if code, out := cli(t, "precompress", "-brotli-quality", "12", p); code != 2 {
		t.Errorf("quality 12: exit %d, %s", code, out)
	}
	empty := filepath.Join(t.TempDir(), "empty.wasm")
	writeFile(t, empty, "")
	if code, out := cli(t, "precompress", empty); code != 2 || !strings.Contains(out, "empty") {
		t.Errorf("empty file: exit %d, %s", code, out)
	}
	if code, out := cli(t, "precompress", filepath.Join(t.TempDir(), "nope.wasm")); code != 2 {
		t.Errorf("missing file: exit %d, %s", code, out)
	}
	code, out := cli(t, "precompress", "-brotli-quality", "2", p)
	if code != 0 || !strings.Contains(out, p+".br: ") || !strings.Contains(out, p+".gz: ") {
		t.Errorf("exit %d, output %q: want a line for each file", code, out)
	}
	// Run again on the same module: the files are kept, unless -force or
	// the module changed.
	if _, out := cli(t, "precompress", "-brotli-quality", "2", p); strings.Count(out, "already up to date") != 2 {
		t.Errorf("second run: %q, want both files kept", out)
	}
	if _, out := cli(t, "precompress", "-force", "-brotli-quality", "2", p); strings.Contains(out, "already up to date") {
		t.Errorf("-force: %q, want both files written", out)
	}
	writeFile(t, p+".gz", "stale")
	if _, out := cli(t, "precompress", "-brotli-quality", "2", p); !strings.Contains(out, ".br: ") || strings.Count(out, "already up to date") != 1 {
		t.Errorf("after the .gz went stale: %q, want .br kept and .gz written", out)
	}
	if err := checkCompressed("gzip", readFile(t, p+".gz"), sha256.Sum256(readFile(t, p)), len(readFile(t, p))); err != nil {
		t.Errorf("the rewritten .gz: %v", err)
	}
	if _, out := cli(t, "help"); !strings.Contains(out, "precompress") {
		t.Errorf("help does not list precompress: %s", out)
	}
}

// A real build's web folder: the compressed files are neither cached by the
// service worker nor part of the app version's inputs.
func TestStaticSkipsCompressedWasm(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz", "app.css"} {
		writeFile(t, filepath.Join(dir, name), name)
	}
	files, err := scanStatic(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].url != "/web/app.css" {
		t.Errorf("scanStatic: %v, want app.css only", files)
	}
}

// Over a real connection: the Content-Length on the wire is the size sent.
func TestWasmOverHTTP(t *testing.T) {
	wasmPath := fakeWasm(t, "on the wire")
	raw := readFile(t, wasmPath)
	srv := httptest.NewServer(newTestServer(t, serverConfig{WasmPath: wasmPath}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, ae := range []string{chromiumAcceptEncoding, "gzip"} {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/web/app.wasm", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Encoding", ae)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, res.Body)
		res.Body.Close()
		if res.ContentLength != int64(len(body)) || len(res.TransferEncoding) != 0 {
			t.Errorf("%s: Content-Length %d, Transfer-Encoding %v, body %d bytes", ae, res.ContentLength, res.TransferEncoding, len(body))
		}
		if !bytes.Equal(decode(t, res.Header.Get("Content-Encoding"), body), raw) {
			t.Errorf("%s: the body does not decode to app.wasm", ae)
		}
	}
}

func decode(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	switch coding {
	case "":
		return b
	case "br":
		return readAll(t, brotli.NewReader(bytes.NewReader(b)))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not gzip: %v", err)
		}
		return readAll(t, zr)
	}
	t.Fatalf("unexpected Content-Encoding %q", coding)
	return nil
}

// cli runs a command line; it returns the exit code and stdout and stderr together.
func cli(t *testing.T, args ...string) (int, string) {
	t.Helper()
	code, stdout, stderr := runCLI(args...)
	return code, stdout + stderr
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
