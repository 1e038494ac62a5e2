package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"time"
)

// go-app's app.js fetches the module once the deferred scripts have run
// (about 300 ms into a load), through fetchWithProgress, which copies the
// response into a new Response built from a JavaScript stream to count the
// bytes for its progress label. That Response has no URL, so Chromium cannot
// reuse the compiled code it keeps for a module by its URL, and each chunk
// went through a JavaScript read loop. Instead, moduleLoader, a script in the
// page's head, starts compiling the module from the browser's own response
// as soon as the head is parsed, and the app.js served here instantiates
// what it compiled.

// moduleLoader starts the compile and defines quotemarkInstantiate, which
// app.js calls in place of its own fetch. If the early compile failed, it
// tries once more the usual way, so the error shown is the real one.
const moduleLoader = `<script>
window.quotemarkModule = WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch("` + wasmURL + `")) : null;
if (window.quotemarkModule) window.quotemarkModule.catch(() => {});
window.quotemarkInstantiate = async (imports) => {
  try {
    return { instance: await WebAssembly.instantiate(await window.quotemarkModule, imports) };
  } catch (err) {
    return WebAssembly.instantiateStreaming(fetch("` + wasmURL + `"), imports);
  }
};
</script>`

// appJSInstantiate is the call in go-app's app.js that appJS replaces.
var appJSInstantiate = regexp.MustCompile(`instantiateStreaming\(\s*fetchWithProgress\("` + regexp.QuoteMeta(wasmURL) + `", showProgress\),\s*go\.importObject\s*\)`)

// appJS renders go-app's app.js once through h and returns it instantiating
// moduleLoader's module, with go-app's headers. It fails when app.js no
// longer holds the call it replaces (a go-app upgrade changed it), so the
// change is noticed at the first start instead of silently lost.
func appJS(h http.Handler) (http.Handler, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/app.js", nil))
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("rendering go-app's app.js: status %d", rec.Code)
	}
	src := rec.Body.String()
	if n := len(appJSInstantiate.FindAllStringIndex(src, -1)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js instantiates the module %d times in the way app_script.go expects, not once: update app_script.go for this go-app version", n)
	}
	body := []byte(appJSInstantiate.ReplaceAllLiteralString(src, "window.quotemarkInstantiate(go.importObject)"))
	header := rec.Header().Clone()
	header.Del("Content-Length")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		http.ServeContent(w, r, "app.js", time.Time{}, bytes.NewReader(body))
	}), nil
}
