package cli

import (
	"net/http"
	"strings"
	"testing"
)

// The page compiles the module from the browser's own response while it
// loads, and app.js instantiates that; everything else in go-app's script
// stays.
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
	if strings.Contains(js, "fetchWithProgress(\""+wasmURL) {
		t.Error("app.js still fetches the module through go-app's progress stream")
	}
	if !strings.Contains(js, "await window.quotemarkInstantiate(go.importObject)") {
		t.Error("app.js does not instantiate the module the page compiled")
	}
	page := get(t, s, "/").Body.String()
	head, _, _ := strings.Cut(page, "</head>")
	if !strings.Contains(head, `WebAssembly.compileStreaming(fetch("`+wasmURL+`"))`) || !strings.Contains(head, "window.quotemarkInstantiate") {
		t.Errorf("the page's head does not start compiling the module:\n%s", head)
	}
	for _, kept := range []string{"goappInitServiceWorker", "goappInitWebAssembly", s.goapp.Version} {
		if !strings.Contains(js, kept) {
			t.Errorf("app.js lost %q", kept)
		}
	}
	// A conditional request by its ETag is answered 304, as go-app's is.
	if w := get(t, s, wasmURL, "Accept-Encoding", chromiumAcceptEncoding); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/wasm" {
		t.Errorf("GET %s: %d %v", wasmURL, w.Code, w.Header())
	}
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
