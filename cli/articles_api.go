package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"quotemark/annotations"
)

// articleLibrary is the article corpus the server offers the browser library:
// every .txt in WebDir/articles (the seed corpus) and in each -articles folder.
//
// It is read once, at startup, and never re-scanned: the list and the texts
// are part of the app version (see newHandler), so the cache-first service
// worker caches them with the app, and a server that changed them under a
// running version would disagree with what browsers have cached. Restart the
// server to pick up added or edited files.
type articleLibrary struct {
	list     []articleSummary // sorted by id
	byID     map[string]*libraryArticle
	listJSON []byte
	listETag string
}

type libraryArticle struct {
	*annotations.Article
	source string // file it was read from
}

// articleSummary is one entry of GET /api/articles.
type articleSummary struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Length int    `json:"length"`
	SHA256 string `json:"sha256"`
}

// loadArticleLibrary reads the folders in order. A file that is not a valid
// article, or whose id an earlier file already has, is skipped with a log line
// naming it and why. A folder that cannot be read is an error, except that
// optional folders (the seed folder) may be missing.
func loadArticleLibrary(required []string, optional ...string) (*articleLibrary, error) {
	lib := &articleLibrary{byID: make(map[string]*libraryArticle)}
	type folder struct {
		dir      string
		optional bool
	}
	var folders []folder
	for _, d := range optional {
		folders = append(folders, folder{d, true})
	}
	for _, d := range required {
		folders = append(folders, folder{d, false})
	}
	for _, f := range folders {
		if err := lib.addFolder(f.dir, f.optional); err != nil {
			return nil, err
		}
	}
	for _, a := range lib.byID {
		lib.list = append(lib.list, articleSummary{ID: a.ID, Title: a.Title, Length: a.Length, SHA256: a.SHA256})
	}
	sort.Slice(lib.list, func(i, j int) bool { return lib.list[i].ID < lib.list[j].ID })
	list := lib.list
	if list == nil {
		list = []articleSummary{} // [] rather than null
	}
	b, err := json.Marshal(list)
	if err != nil {
		return nil, fmt.Errorf("encoding the article list: %w", err)
	}
	lib.listJSON = b
	sum := sha256.Sum256(b)
	lib.listETag = `"` + hex.EncodeToString(sum[:16]) + `"`
	return lib, nil
}

func (lib *articleLibrary) addFolder(dir string, optional bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if optional && os.IsNotExist(err) {
			return nil
		}
		return fmt.Errorf("reading article folder %s: %w", dir, err)
	}
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		if !strings.HasSuffix(name, ".txt") || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path) // follows symlinks
		if err != nil {
			log.Printf("skipping article %s: %v", path, err)
			continue
		}
		if !fi.Mode().IsRegular() {
			continue
		}
		if fi.Size() > annotations.MaxArticleBytes {
			log.Printf("skipping article %s: the file is %d bytes, over the %d-byte limit", path, fi.Size(), annotations.MaxArticleBytes)
			continue
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			log.Printf("skipping article %s: %v", path, err)
			continue
		}
		id := annotations.ArticleIDFromFilename(name)
		if prev, ok := lib.byID[id]; ok {
			log.Printf("skipping article %s: its id %q is already taken by %s", path, id, prev.source)
			continue
		}
		a, err := annotations.NewArticle(id, raw)
		if err != nil {
			log.Printf("skipping article %s: %v", path, err)
			continue
		}
		lib.byID[id] = &libraryArticle{Article: a, source: path}
	}
	return nil
}

// urls are the API addresses of the list and of every article, for the
// service worker to cache.
func (lib *articleLibrary) urls() []string {
	urls := []string{"/api/articles"}
	for _, a := range lib.list {
		urls = append(urls, articleURL(a.ID))
	}
	return urls
}

func articleURL(id string) string { return "/api/articles/" + id }

func (lib *articleLibrary) serveList(w http.ResponseWriter, r *http.Request) {
	serveBytes(w, r, "application/json", lib.listETag, lib.listJSON)
}

func (lib *articleLibrary) serveArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, ok := lib.byID[id]
	if !ok {
		http.Error(w, fmt.Sprintf("no article with id %q", id), http.StatusNotFound)
		return
	}
	serveBytes(w, r, "text/plain; charset=utf-8", `"`+a.SHA256+`"`, []byte(a.Text))
}

// serveBytes answers GET and HEAD, including If-None-Match, with an in-memory
// body. Cache-Control no-cache makes browsers revalidate (cheaply, by ETag),
// so a new app version never installs stale copies from the HTTP cache.
func serveBytes(w http.ResponseWriter, r *http.Request, contentType, etag string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
