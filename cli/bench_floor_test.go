package cli

// The floor page of the browser benchmarks (testdata/bench/floor.html):
// plain JavaScript painting the same article and annotations with the CSS
// Custom Highlight API, served by a tiny handler of the test.

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"quotemark/annotations"
)

// floorServer serves /floor/NAME: the floor page with the article and the
// spans registered under NAME.
type floorServer struct {
	url  string
	mu   sync.Mutex
	page map[string][]byte
	tmpl []byte
}

func startFloorServer(tb testing.TB) *floorServer {
	tb.Helper()
	tmpl, err := os.ReadFile(filepath.Join("cli", "testdata", "bench", "floor.html"))
	if err != nil {
		tb.Fatal(err)
	}
	f := &floorServer{page: map[string][]byte{}, tmpl: tmpl}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		body, ok := f.page[strings.TrimPrefix(r.URL.Path, "/floor/")]
		f.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

// add registers the floor page of an article with a set's annotations and
// returns its path.
func (f *floorServer) add(tb testing.TB, name string, art *annotations.Article, s *annotations.Set) string {
	tb.Helper()
	o := art.Offsets()
	data := struct {
		Text  string  `json:"text"`
		Spans [][]any `json:"spans"`
	}{Text: art.Text, Spans: [][]any{}}
	for _, a := range s.Annotations {
		data.Spans = append(data.Spans, []any{string(a.Type), o.UTF16(a.Start), o.UTF16(a.End)})
	}
	js, err := json.Marshal(data) // escapes < and >, so it cannot close the script
	if err != nil {
		tb.Fatal(err)
	}
	f.mu.Lock()
	f.page[name] = bytes.Replace(f.tmpl, []byte("{{DATA}}"), js, 1)
	f.mu.Unlock()
	return "/floor/" + name
}
