//go:build !wasm

package main

import (
	"net/http"
	"strings"
	"testing"
)

// The app.js served hands the browser's own response for the module to
// instantiateStreaming, so Chromium can keep its compiled code by URL;
// everything else in go-app's script stays.
func TestAppJSFetchesModuleDirectly(t *testing.T) {
	s := newTestServer(t, serverConfig{})
	w := get(t, s, "/app.js")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /app.js: %d", w.Code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	js := w.Body.String()
	if strings.Contains(js, appJSFetch) {
		t.Errorf("app.js still fetches the module through go-app's progress stream: %s", appJSFetch)
	}
	if !strings.Contains(js, `instantiateStreaming(
      fetch("`+wasmURL+`")`) {
		t.Errorf("app.js does not instantiate the module from fetch(%q)", wasmURL)
	}
	for _, kept := range []string{"goappInitServiceWorker", "goappInitWebAssembly", s.goapp.Version} {
		if !strings.Contains(js, kept) {
			t.Errorf("app.js lost %q", kept)
		}
	}
	// A conditional request by its ETag is answered 304, as go-app's is.
	etag := w.Header().Get("ETag")
	if etag == "" {
		t.Fatal("app.js has no ETag")
	}
	if again := get(t, s, "/app.js", "If-None-Match", etag); again.Code != http.StatusNotModified {
		t.Errorf("GET /app.js with If-None-Match %s: %d, want 304", etag, again.Code)
	}
}

// A go-app whose app.js no longer makes the call replaced stops the server
// at start, naming the file to update, instead of serving the slow loader.
func TestAppJSRefusesUnknownScript(t *testing.T) {
	other := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/javascript")
		w.Write([]byte(`loadModule("/web/app.wasm")`))
	})
	if _, err := appJS(other); err == nil || !strings.Contains(err.Error(), "app_script.go") {
		t.Errorf("appJS on an unknown script: %v, want an error naming app_script.go", err)
	}
}
