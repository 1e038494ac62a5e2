//go:build !wasm

package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// go-app's app.js fetches the module through fetchWithProgress, which copies
// the response into a new Response built from a JavaScript stream to count
// the bytes for its progress label. That Response has no URL, so Chromium
// cannot reuse the compiled code it keeps for a module by its URL: every
// page load compiled all 11 MB again (about half of the time to open an
// article), and each chunk went through a JavaScript read loop. The app.js
// served here hands instantiateStreaming the browser's own response.

// appJSFetch is the call in go-app's app.js that appJS replaces.
const appJSFetch = `fetchWithProgress("` + wasmURL + `", showProgress)`

// appJS renders go-app's app.js once through h and returns it with the
// module fetched directly, with go-app's headers. It fails when app.js no
// longer holds the call it replaces (a go-app upgrade changed it), so the
// change is noticed at the first start instead of silently lost.
func appJS(h http.Handler) (http.Handler, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering go-app's app.js: status %d", rec.Code)
	}
	src := rec.Body.String()
	if strings.Count(src, appJSFetch) != 1 {
		return nil, fmt.Errorf("go-app's app.js does not call %s exactly once: update app_script.go for this go-app version", appJSFetch)
	}
	body := []byte(strings.Replace(src, appJSFetch, `fetch("`+wasmURL+`")`, 1))
	header := rec.Header().Clone()
	header.Del("Content-Length")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		http.ServeContent(w, r, "app.js", time.Time{}, bytes.NewReader(body))
	}), nil
}
