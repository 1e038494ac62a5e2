package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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

// loadArticleLibrary reads the seed folder, webDir/articles (through
// webRoot, which may lack it), then the folders dirs in order. A file that
// is not a valid article, or whose id an earlier file already has, is
// skipped with a log line naming it and why. A folder that cannot be read is
// an error.
func loadArticleLibrary(webRoot *os.Root, webDir string, dirs []string) (*articleLibrary, error) {
	lib := &articleLibrary{byID: make(map[string]*libraryArticle)}
	seeds, err := webRoot.OpenRoot("articles")
	switch {
	case err == nil:
		err = lib.addFolder(seeds, filepath.Join(webDir, "articles"))
		seeds.Close()
		if err != nil {
			return nil, err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, refusef("reading article folder %s: %v", filepath.Join(webDir, "articles"), err)
	}
	for _, dir := range dirs {
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, refusef("reading article folder %s: %v", dir, err)
		}
		err = lib.addFolder(root, dir)
		root.Close()
		if err != nil {
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

// addFolder adds the .txt articles of the folder root (named dir in
// messages). root follows a symlink only while it stays inside the folder:
// a .txt linking out of it (to ~/.ssh/id_rsa.txt, say, in a folder someone
// sent) is skipped, never served.
func (lib *articleLibrary) addFolder(root *os.Root, dir string) error {
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return refusef("reading article folder %s: %v", dir, err)
	}
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		if !strings.HasSuffix(name, ".txt") || strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		raw, err := readArticleFile(root, name)
		if errors.Is(err, errNotRegular) {
			continue
		}
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

// errNotRegular is readArticleFile's answer for a folder, a device or a
// pipe named .txt: not an article, and not worth a message.
var errNotRegular = errors.New("not a regular file")

// readArticleFile reads the article file name in root: a regular file (or a
// symlink to one inside root) of at most annotations.MaxArticleBytes.
func readArticleFile(root *os.Root, name string) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		if fi, lerr := root.Lstat(name); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, errors.New("it is a symlink to a file outside its folder, which is not read")
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if fi.Size() > annotations.MaxArticleBytes {
		return nil, fmt.Errorf("the file is %d bytes, over the %d-byte limit", fi.Size(), annotations.MaxArticleBytes)
	}
	// The size checked above may grow before the read.
	raw, err := io.ReadAll(io.LimitReader(f, annotations.MaxArticleBytes+1))
	if err == nil && len(raw) > annotations.MaxArticleBytes {
		err = fmt.Errorf("the file is over the %d-byte limit", annotations.MaxArticleBytes)
	}
	return raw, err
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
