package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
)

const (
	seed0       = "000_ce1de57ff9e6a72c"
	seed1       = "001_d82527d5600d2d18"
	seed0SHA256 = "1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165"
	seed0Length = 4428
)

// extraArticles writes an -articles folder: a CRLF file, a file that is not
// UTF-8, an empty one, one whose id a seed article already has, and files
// that are not .txt.
func extraArticles(t *testing.T) (dir string, want map[string]string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"Mayor Speaks.txt": "Mayor speaks\r\n\r\n\u201cWe will rebuild,\u201d the mayor said.\r\n",
		"plain.txt":        "Plain\n\nCafe\u0301 owners said nothing.\n", // NFC composes é
		"latin1.txt":       "caf\xe9 au lait\n",
		"empty.txt":        " \n",
		seed0 + ".txt":     "A different text with a seed article's name.\n",
		"notes.md":         "# not an article\n",
		".hidden.txt":      "dot files are skipped\n",
	}
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	want = make(map[string]string) // id -> normalized text
	for _, name := range []string{"Mayor Speaks.txt", "plain.txt"} {
		a, err := annotations.NewArticle("", []byte(files[name]))
		if err != nil {
			t.Fatal(err)
		}
		want[annotations.ArticleIDFromFilename(name)] = a.Text
	}
	for _, id := range []string{seed0, seed1} {
		raw, err := os.ReadFile(filepath.Join("web", "articles", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := annotations.NewArticle(id, raw)
		if err != nil {
			t.Fatal(err)
		}
		want[id] = a.Text
	}
	return dir, want
}

func TestArticleList(t *testing.T) {
	extra, want := extraArticles(t)
	var s *server
	logged := captureLog(t, func() { s = newTestServer(t, serverConfig{ArticleDirs: []string{extra}}) })

	w := get(t, s, "/api/articles")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/articles: %d %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var raw []map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatalf("decoding %s: %v", w.Body, err)
	}
	for _, entry := range raw {
		keys := make([]string, 0, len(entry))
		for k := range entry {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"id", "length", "sha256", "title"}) {
			t.Errorf("entry has keys %v, want id, length, sha256, title", keys)
		}
	}
	var list []articleSummary
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range list {
		ids = append(ids, a.ID)
	}
	wantIDs := []string{seed0, seed1, "mayor-speaks", "plain"}
	if !slices.Equal(ids, wantIDs) {
		t.Fatalf("ids %q, want %q (sorted)", ids, wantIDs)
	}
	for _, a := range list {
		sum := sha256.Sum256([]byte(want[a.ID]))
		if a.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: sha256 %s, want the normalized text's %x", a.ID, a.SHA256, sum)
		}
		if n := len([]rune(want[a.ID])); a.Length != n {
			t.Errorf("%s: length %d, want %d code points", a.ID, a.Length, n)
		}
		if a.Title == "" {
			t.Errorf("%s: no title", a.ID)
		}
	}
	if list[0].SHA256 != seed0SHA256 || list[0].Length != seed0Length {
		t.Errorf("%s: sha256 %s length %d, want %s %d", seed0, list[0].SHA256, list[0].Length, seed0SHA256, seed0Length)
	}
	if list[2].Title != "Mayor speaks" {
		t.Errorf("title %q, want %q", list[2].Title, "Mayor speaks")
	}

	// Each skipped file is named in the log with the reason.
	for file, reason := range map[string]string{
		"latin1.txt":   "not UTF-8",
		"empty.txt":    "empty",
		seed0 + ".txt": "already taken",
	} {
		line := logLine(logged, filepath.Join(extra, file))
		if line == "" || !strings.Contains(line, reason) {
			t.Errorf("no log line naming %s with %q; log:\n%s", file, reason, logged)
		}
	}
	for _, file := range []string{"notes.md", ".hidden.txt"} {
		if strings.Contains(logged, file) {
			t.Errorf("%s should be ignored silently; log:\n%s", file, logged)
		}
	}
}

func logLine(log, substr string) string {
	for line := range strings.SplitSeq(log, "\n") {
		if strings.Contains(line, substr) {
			return line
		}
	}
	return ""
}

func TestArticleText(t *testing.T) {
	extra, want := extraArticles(t)
	var s *server
	captureLog(t, func() { s = newTestServer(t, serverConfig{ArticleDirs: []string{extra}}) })

	for id, text := range want {
		w := get(t, s, "/api/articles/"+id)
		if w.Code != http.StatusOK {
			t.Errorf("GET /api/articles/%s: %d %s", id, w.Code, w.Body)
			continue
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", id, ct)
		}
		if got := w.Body.String(); got != text {
			t.Errorf("%s: text differs from the normalized text:\n got %q\nwant %q", id, shorten(got), shorten(text))
		}
		if strings.Contains(w.Body.String(), "\r") {
			t.Errorf("%s: text has a CR", id)
		}
		etag := w.Header().Get("ETag")
		if etag == "" {
			t.Errorf("%s: no ETag", id)
			continue
		}
		if w := get(t, s, "/api/articles/"+id, "If-None-Match", etag); w.Code != http.StatusNotModified {
			t.Errorf("%s: If-None-Match its ETag: %d, want 304", id, w.Code)
		}
	}
	if w := get(t, s, "/api/articles/"+seed0); w.Header().Get("ETag") != `"`+seed0SHA256+`"` {
		t.Errorf("%s: ETag %s, want its sha256", seed0, w.Header().Get("ETag"))
	}

	for _, id := range []string{"nope", "latin1", "empty"} {
		w := get(t, s, "/api/articles/"+id)
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), id) {
			t.Errorf("GET /api/articles/%s: %d %q, want 404 naming the id", id, w.Code, w.Body)
		}
	}
	if w := get(t, s, "/api/nothing"); w.Code != http.StatusNotFound {
		t.Errorf("GET /api/nothing: %d, want 404", w.Code)
	}
	if w := do(t, s, http.MethodPost, "/api/articles"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/articles: %d, want 405", w.Code)
	}
	if w := do(t, s, http.MethodHead, "/api/articles/"+seed0); w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("HEAD /api/articles/%s: %d with %d bytes", seed0, w.Code, w.Body.Len())
	}
}

// The folders are read at startup: later changes wait for a restart, as the
// version (and so the service worker's cache) does.
func TestArticlesReadAtStartup(t *testing.T) {
	extra := t.TempDir()
	writeFile(t, filepath.Join(extra, "first.txt"), "First.\n")
	s := newTestServer(t, serverConfig{ArticleDirs: []string{extra}})
	writeFile(t, filepath.Join(extra, "second.txt"), "Second.\n")
	if w := get(t, s, "/api/articles/second"); w.Code != http.StatusNotFound {
		t.Errorf("an article added after startup is served: %d", w.Code)
	}
	if w := get(t, s, "/api/articles/first"); w.Code != http.StatusOK {
		t.Errorf("GET /api/articles/first: %d", w.Code)
	}
}

func shorten(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
