package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// buildFake builds the site of the seed corpus with a fake app.wasm into
// out and returns the server the build rendered it with.
func buildFake(t *testing.T, out string) *server {
	t.Helper()
	cfg := serverConfig{WebDir: "web", WasmPath: fakeWasm(t, "fake module")}
	if err := buildSite(&cmdEnv{stdout: io.Discard, stderr: io.Discard}, out, cfg); err != nil {
		t.Fatalf("building the site: %v", err)
	}
	return newTestServer(t, cfg)
}

var metaPolicy = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

// TestBuildWritesStaticSite: the folder holds a page for every route of the
// seed corpus, every file the service worker caches at its address, the
// article API as files, the compressed module beside the raw one, and pages
// whose <meta> policy allows exactly their inline scripts.
func TestBuildWritesStaticSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	s := buildFake(t, out)
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("the site lacks %s: %v", name, err)
		}
		return b
	}

	pages := []string{"index.html", "404.html", "corpus/index.html"}
	for _, a := range s.articles.list {
		pages = append(pages, "article/"+a.ID+"/index.html", "compare/"+a.ID+"/index.html")
	}
	if len(s.articles.list) < 2 {
		t.Fatalf("the seed corpus has %d articles, want 2 or more", len(s.articles.list))
	}
	for _, name := range pages {
		page := string(read(name))
		m := metaPolicy.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s has no Content-Security-Policy <meta>", name)
			continue
		}
		if strings.Index(page, m[0]) > strings.Index(page, "<script") {
			t.Errorf("%s: a script comes before the policy, which does not cover it", name)
		}
		hashes := scriptHashes(page)
		if len(hashes) < 2 { // the module loader and trailingSlash
			t.Errorf("%s has %d inline scripts, want the module loader and the slash remover", name, len(hashes))
		}
		for _, h := range hashes {
			if !strings.Contains(m[1], h) {
				t.Errorf("%s: the policy does not allow its inline script %s", name, h)
			}
		}
		if strings.Contains(m[1], "frame-ancestors") {
			t.Errorf("%s: the <meta> policy has frame-ancestors, which browsers ignore there with an error", name)
		}
	}
	if !strings.Contains(string(read("article/"+seedArticle+"/index.html")), "<title>") {
		t.Errorf("the article page is not a page")
	}

	worker := get(t, s, "/app-worker.js").Body.String()
	if got := string(read("app-worker.js")); got != worker {
		t.Errorf("app-worker.js differs from the server's")
	}
	urls, err := workerResources(worker)
	if err != nil {
		t.Fatal(err)
	}
	for _, escaped := range urls {
		u, err := url.PathUnescape(escaped)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(u, "/")
		switch u {
		case "/":
			name = "index.html"
		case "/api/articles":
			name = "api/articles/index.html"
		}
		body := read(name)
		if u != "/" && !bytes.Equal(body, get(t, s, u).Body.Bytes()) {
			t.Errorf("%s differs from what the server sends for %s", name, u)
		}
	}
	var list []articleSummary
	if err := json.Unmarshal(read("api/articles/index.html"), &list); err != nil || len(list) != len(s.articles.list) {
		t.Errorf("api/articles/index.html lists %d articles (%v), want %d", len(list), err, len(s.articles.list))
	}
	for _, a := range s.articles.list {
		if got := string(read("api/articles/" + a.ID)); got != s.articles.byID[a.ID].Text {
			t.Errorf("api/articles/%s is not the article's text", a.ID)
		}
	}

	raw := read("web/app.wasm")
	if !bytes.Equal(raw, s.wasm.raw) {
		t.Errorf("web/app.wasm is not the module")
	}
	for _, c := range wasmCodings {
		if err := checkCompressed(c.coding, read("web/app.wasm"+c.ext), sha256.Sum256(raw), len(raw)); err != nil {
			t.Errorf("web/app.wasm%s: %v", c.ext, err)
		}
	}
	if got := strings.TrimSpace(string(read(siteMarker))); got != s.version {
		t.Errorf("%s holds %q, want the version %s", siteMarker, got, s.version)
	}
}

// TestBuildReplacesOnlyAnEarlierBuild: a build replaces an earlier one as a
// whole, and refuses a folder that holds anything else, leaving it alone.
func TestBuildReplacesOnlyAnEarlierBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	buildFake(t, out)
	stale := filepath.Join(out, "article", "removed-article", "index.html")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	buildFake(t, out)
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("a file of the earlier build is still there after a new build")
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the new build is not in place: %v", err)
	}
	siblings, _ := os.ReadDir(filepath.Dir(out))
	if len(siblings) != 1 {
		var names []string
		for _, e := range siblings {
			names = append(names, e.Name())
		}
		t.Errorf("the build left %q beside it, want only dist", names)
	}

	mine := t.TempDir()
	notes := filepath.Join(mine, "notes.txt")
	if err := os.WriteFile(notes, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"build", "-o", mine}, io.Discard, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "not an earlier build") {
		t.Errorf("building into a folder with other files: exit %d, %q; want 2 and a refusal", code, stderr.String())
	}
	if entries, _ := os.ReadDir(mine); len(entries) != 1 {
		t.Errorf("the refused folder now holds %d entries, want its one file", len(entries))
	}
	if b, _ := os.ReadFile(notes); string(b) != "keep me" {
		t.Errorf("the refused folder's file changed")
	}

	// A site inside the web folder would be copied into the next build.
	stderr.Reset()
	code = run(context.Background(), []string{"build", "-o", filepath.Join("web", "site")}, io.Discard, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "inside web") {
		t.Errorf("building into web/site: exit %d, %q; want 2 and a refusal", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join("web", "site")); err == nil {
		t.Errorf("the refused build made web/site")
	}
}

// TestBuildCommand: "quotemark build -o DIR -web DIR" from the command line.
func TestBuildCommand(t *testing.T) {
	// A web folder of its own: the icons and scripts of web/, a fake
	// module and one article whose file name has a space.
	web := t.TempDir()
	for _, name := range []string{"app.css", "bridge.js", "icon.svg", "icon-192.png", "icon-512.png"} {
		b, err := os.ReadFile(filepath.Join("web", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(web, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wasm, err := os.ReadFile(fakeWasm(t, "command line"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), wasm, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(web, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(web, "articles", "One Story.txt"), []byte("One story\n\n\"Yes,\" she said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"build", "-o", out, "-web", web}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "1 articles") {
		t.Errorf("the command says %q, want the article count", stdout.String())
	}
	var names []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	for _, want := range []string{"index.html", "article/one-story/index.html", "compare/one-story/index.html", "api/articles/one-story", "web/articles/One Story.txt", "web/app.wasm.br"} {
		if !slices.Contains(names, want) {
			t.Errorf("the site lacks %s; it holds %q", want, names)
		}
	}
}
