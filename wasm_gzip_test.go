//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
)

func TestWasmServedGzipped(t *testing.T) {
	wasmPath := fakeWasm(t, "module bytes")
	raw, err := os.ReadFile(wasmPath)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, serverConfig{WasmPath: wasmPath})

	for _, path := range []string{"/web/app.wasm", "/app.wasm"} {
		w := get(t, s, path, "Accept-Encoding", "gzip, deflate, br")
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		h := w.Header()
		if h.Get("Content-Type") != "application/wasm" || h.Get("Content-Encoding") != "gzip" ||
			h.Get("Content-Length") != strconv.Itoa(w.Body.Len()) || h.Get("ETag") == "" || h.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: headers %v (body %d bytes)", path, h, w.Body.Len())
		}
		if w.Body.Len() >= len(raw)/2 {
			t.Errorf("GET %s: %d gzip bytes for %d raw", path, w.Body.Len(), len(raw))
		}
		if got := gunzip(t, w.Body.Bytes()); !bytes.Equal(got, raw) {
			t.Errorf("GET %s: decompresses to %d bytes that differ from app.wasm's %d", path, len(got), len(raw))
		}
		etag := h.Get("ETag")
		if w := get(t, s, path, "Accept-Encoding", "gzip", "If-None-Match", etag); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
			t.Errorf("GET %s If-None-Match its ETag: %d with %d bytes, want 304", path, w.Code, w.Body.Len())
		}
	}

	// Plain for clients that do not take gzip, with another ETag.
	for _, ae := range []string{"", "identity", "gzip;q=0", "br"} {
		w := get(t, s, "/web/app.wasm", "Accept-Encoding", ae)
		h := w.Header()
		if w.Code != http.StatusOK || h.Get("Content-Encoding") != "" || !bytes.Equal(w.Body.Bytes(), raw) ||
			h.Get("Content-Length") != strconv.Itoa(len(raw)) || h.Get("Content-Type") != "application/wasm" {
			t.Errorf("Accept-Encoding %q: %d, headers %v, %d bytes; want the %d raw bytes", ae, w.Code, h, w.Body.Len(), len(raw))
		}
		gzETag := get(t, s, "/web/app.wasm", "Accept-Encoding", "gzip").Header().Get("ETag")
		if h.Get("ETag") == "" || h.Get("ETag") == gzETag {
			t.Errorf("Accept-Encoding %q: ETag %q, gzip ETag %q; want two different ones", ae, h.Get("ETag"), gzETag)
		}
	}

	if w := do(t, s, http.MethodHead, "/web/app.wasm", "Accept-Encoding", "gzip"); w.Code != http.StatusOK || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
	if w := do(t, s, http.MethodPost, "/web/app.wasm"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", w.Code)
	}
}

// Over a real connection: the Content-Length on the wire is the gzip size.
func TestWasmOverHTTP(t *testing.T) {
	wasmPath := fakeWasm(t, "on the wire")
	raw, err := os.ReadFile(wasmPath)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newTestServer(t, serverConfig{WasmPath: wasmPath}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/web/app.wasm", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body := readAll(t, res.Body)
	if res.ContentLength != int64(len(body)) || len(res.TransferEncoding) != 0 {
		t.Errorf("Content-Length %d, Transfer-Encoding %v, body %d bytes", res.ContentLength, res.TransferEncoding, len(body))
	}
	if !bytes.Equal(gunzip(t, body), raw) {
		t.Errorf("the body does not decompress to app.wasm")
	}
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                      false,
		"gzip":                  true,
		"GZIP":                  true,
		"gzip, deflate, br":     true,
		"br, gzip;q=0.5":        true,
		"deflate":               false,
		"gzip;q=0":              false,
		"gzip; q=0.0, *;q=1":    false,
		"*":                     true,
		"*;q=0":                 false,
		"x-gzip":                true,
		"identity;q=1, *;q=0.1": true,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	return readAll(t, zr)
}
