package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"quotemark/app"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// serverConfig says where the server finds what it serves.
type serverConfig struct {
	WebDir      string   // static files: app.css, icons, articles/ (the seed corpus)
	WasmPath    string   // the built app.wasm; defaults to WebDir/app.wasm
	ArticleDirs []string // extra folders of .txt articles for the library
	AllowHosts  []string // Host names answered besides loopback and the listen address
}

// newHandler builds the HTTP handler: the go-app pages, the static files, a
// compressed app.wasm and the article API.
func newHandler(cfg serverConfig) (http.Handler, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// server routes requests. Everything it serves is read at startup:
//
//	GET /api/articles, /api/articles/{id}  the article library (articles_api.go)
//	/web/app.wasm (and /app.wasm)          app.wasm from WasmPath, brotli or gzip (wasm_asset.go)
//	/web/...                               files under WebDir
//	/robots.txt, /sitemap.xml, /ads.txt    WebDir's copy, if any
//	/app.js                                go-app's, fetching the module directly (app_script.go)
//	everything else                        go-app: pages, app-worker.js, manifest
//
// Only the last group goes through go-app's handler, which answers 304 to
// any request whose If-None-Match equals its version ETag; the others carry
// their own ETags and answer conditional requests by their own content.
//
// Files are served only from inside WebDir and the article folders: a
// symlink is followed while it stays inside its folder, never out of it.
type server struct {
	mux        *http.ServeMux
	goapp      *goapp.Handler
	wasm       *wasmAsset
	articles   *articleLibrary
	version    string
	csp        string          // Content-Security-Policy (serve_guard.go)
	allowHosts map[string]bool // -allow-host names, normalized
}

// ServeHTTP answers GET and HEAD (405 otherwise) to requests whose Host
// names this server (403 otherwise), every response with the security
// headers of serve_guard.go.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.setSecurityHeaders(w.Header())
	if !s.hostAllowed(r) {
		http.Error(w, fmt.Sprintf("quotemark answers only requests for this machine (localhost, its loopback addresses or the address it listens on), not for host %q; to use a name, start it with -allow-host NAME", r.Host), http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, r.Method+" is not allowed: quotemark's server only reads", http.StatusMethodNotAllowed)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// routesOnce registers the pages for server-side rendering. main registers
// them too (the browser needs them); tests call newHandler without main.
var routesOnce sync.Once

func newServer(cfg serverConfig) (*server, error) {
	if cfg.WebDir == "" {
		cfg.WebDir = "web"
	}
	if fi, err := os.Stat(cfg.WebDir); err != nil {
		return nil, refusef("web folder: %v", err)
	} else if !fi.IsDir() {
		return nil, refusef("web folder %s is not a folder", cfg.WebDir)
	}
	// Held open for the server's life: the file server reads through it.
	webRoot, err := os.OpenRoot(cfg.WebDir)
	if err != nil {
		return nil, refusef("web folder: %v", err)
	}
	started := false
	defer func() {
		if !started {
			webRoot.Close()
		}
	}()
	allowHosts := map[string]bool{}
	for _, h := range cfg.AllowHosts {
		if err := checkAllowHost(h); err != nil {
			return nil, usagef("-allow-host: %v", err)
		}
		allowHosts[normalizeHost(h)] = true
	}
	var readWasm func(string) ([]byte, error)
	if cfg.WasmPath == "" {
		cfg.WasmPath = filepath.Join(cfg.WebDir, "app.wasm")
		// app.wasm and its .br and .gz, read from inside WebDir as every
		// other file there is.
		readWasm = func(p string) ([]byte, error) { return webRoot.ReadFile(filepath.Base(p)) }
	}

	wasm, err := loadWasm(cfg.WasmPath, readWasm)
	if err != nil {
		return nil, err
	}
	articles, err := loadArticleLibrary(webRoot, cfg.WebDir, cfg.ArticleDirs)
	if err != nil {
		return nil, err
	}
	static, err := scanStatic(cfg.WebDir)
	if err != nil {
		return nil, err
	}

	files := noCache(http.FileServer(staticFS{http.FS(webRoot.FS())}))
	res := webResources{static: http.StripPrefix("/web", files), wasm: wasm}
	h := &goapp.Handler{
		Name:        "quotemark",
		ShortName:   "quotemark",
		Title:       "quotemark",
		Description: "Annotate the quotes in news articles: who said what, and where in the text.",
		Icon: goapp.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor: "#1e3a5f",
		ThemeColor:      "#1e3a5f",
		Lang:            "en",
		LoadingLabel:    "Loading quotemark…", // no {progress}: see app_script.go
		Styles:          static.present("/web/app.css"),
		Scripts:         static.present("/web/bridge.js"),
		Resources:       res,
		// Compiles the module while the page loads (see app_script.go).
		RawHeaders: []string{moduleLoader},
		// Opens every route offline from the cached "/" (app_worker.go).
		ServiceWorkerTemplate: appWorkerTemplate,
	}
	// Cached by the service worker besides what go-app adds itself (app.js,
	// app.wasm, the PNG icons, Styles, Scripts, "/"): every other file under
	// WebDir, the SVG icon, and the article API, so the library works offline.
	h.CacheableResources = append(static.urls(h), articles.urls()...)
	h.Version = appVersion(wasm, static, articles, h)

	routesOnce.Do(app.Routes)

	hashes, err := pageScriptHashes(h)
	if err != nil {
		return nil, err
	}
	s := &server{mux: http.NewServeMux(), goapp: h, wasm: wasm, articles: articles, version: h.Version,
		csp: contentSecurityPolicy(hashes), allowHosts: allowHosts}
	s.mux.HandleFunc("/api/articles", articles.serveList)
	s.mux.HandleFunc("/api/articles/{id}", articles.serveArticle)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such API: "+r.URL.Path, http.StatusNotFound)
	})
	s.mux.Handle("/web/", res)
	// go-app's own aliases for the module; served here so they do not go
	// through its version-ETag check.
	s.mux.Handle("/app.wasm", wasm)
	s.mux.Handle("/goapp.wasm", wasm)
	// go-app proxies these by fetching http://<request Host>/web/... from
	// itself, trusting the client's Host header; serve WebDir's copy instead.
	for _, p := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		s.mux.Handle(p, files)
	}
	js, err := appJS(h)
	if err != nil {
		return nil, err
	}
	s.mux.Handle("/app.js", js)
	s.mux.Handle("/", h)
	started = true
	return s, nil
}

// appVersion is go-app's Version: the first 16 hex digits of a sha256 over
// app.wasm's bytes and everything else the service worker caches (the static
// files, the article API, the page settings, the security policy). The
// worker is cache-first and only refetches when the version changes, so a
// rebuilt app.wasm, an edited app.css or an added article all reach the
// browser after a server restart.
func appVersion(wasm *wasmAsset, static staticFiles, articles *articleLibrary, h *goapp.Handler) string {
	sum := sha256.New()
	fmt.Fprintf(sum, "wasm %s\n", wasm.sum)
	for _, f := range static {
		fmt.Fprintf(sum, "file %s %s\n", f.url, f.sum)
	}
	for _, a := range articles.list {
		fmt.Fprintf(sum, "article %s %s\n", a.ID, a.SHA256)
	}
	fmt.Fprintf(sum, "page %q\n", []any{h.Name, h.ShortName, h.Title, h.Description, h.Icon,
		h.BackgroundColor, h.ThemeColor, h.Lang, h.LoadingLabel, h.Styles, h.Scripts,
		h.CacheableResources, h.WasmContentLength, h.RawHeaders, h.ServiceWorkerTemplate})
	// The worker serves its cached responses with the headers they had: a
	// new policy must reach them too. (Its script hashes follow RawHeaders.)
	fmt.Fprintf(sum, "csp %s\n", contentSecurityPolicy(nil))
	return hex.EncodeToString(sum.Sum(nil))[:16]
}

// staticFile is a file under WebDir as the browser addresses it.
type staticFile struct {
	url string // "/web/..."
	sum string // hex sha256 of its bytes at startup
}

type staticFiles []staticFile // sorted by url

// scanStatic lists the files under webDir that the server serves, leaving out
// dot files, app.wasm (served from WasmPath, and cached by go-app itself),
// compressed files (app.wasm.br, app.wasm.gz: served as app.wasm, and the
// service worker would otherwise download them too) and what the file
// server refuses (anything but a regular file inside webDir).
func scanStatic(webDir string) (staticFiles, error) {
	root, err := os.OpenRoot(webDir)
	if err != nil {
		return nil, fmt.Errorf("reading web folder %s: %w", webDir, err)
	}
	defer root.Close()
	fsys := root.FS()
	var files staticFiles
	err = fs.WalkDir(fsys, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || rel == "app.wasm" || strings.HasSuffix(rel, ".gz") || strings.HasSuffix(rel, ".br") {
			return nil
		}
		// Follows a symlink as the file server does: only inside webDir.
		fi, err := fs.Stat(fsys, rel)
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		sum, err := fileSum(fsys, rel)
		if err != nil {
			return err
		}
		files = append(files, staticFile{url: "/web/" + rel, sum: sum})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading web folder %s: %w", webDir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].url < files[j].url })
	return files, nil
}

func fileSum(fsys fs.FS, p string) (string, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", fmt.Errorf("reading %s: %w", p, err)
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}

// present returns [url] if the file exists and nil (with a log line)
// otherwise: a missing stylesheet or script must not stop the server, and
// listing it would make the service worker's install fail on the 404.
func (files staticFiles) present(url string) []string {
	for _, f := range files {
		if f.url == url {
			return []string{url}
		}
	}
	log.Printf("%s is missing from the web folder; the page will not load it", strings.TrimPrefix(url, "/web/"))
	return nil
}

// urls are the files for CacheableResources: all of them except what go-app
// already caches for h (icons other than the SVG, Styles, Scripts),
// percent-encoded: go-app splits each entry at spaces (for attributes such
// as "crossorigin"), so "One Story.txt" would become "Story.txt", which the
// worker could not fetch, and so would not install.
func (files staticFiles) urls(h *goapp.Handler) []string {
	skip := map[string]bool{h.Icon.Default: true, h.Icon.Large: true, h.Icon.Maskable: true}
	for _, u := range h.Styles {
		skip[u] = true
	}
	for _, u := range h.Scripts {
		skip[u] = true
	}
	var urls []string
	for _, f := range files {
		if !skip[f.url] {
			urls = append(urls, (&url.URL{Path: f.url}).EscapedPath())
		}
	}
	return urls
}

// wasmURL is where go-app's app.js fetches the module from.
const wasmURL = "/web/app.wasm"

// webResources is the go-app ResourceResolver: "/web/..." URLs stay as they
// are (the page, app.js and the worker use them as addresses), and serving
// maps "/web/app.wasm" to the in-memory module from WasmPath and every other
// "/web/..." path to a file under WebDir.
type webResources struct {
	static http.Handler
	wasm   http.Handler
}

func (webResources) Resolve(location string) string {
	switch {
	case location == "" || location == "/":
		return "/"
	case strings.HasPrefix(location, "https://"), strings.HasPrefix(location, "http://"):
		return location
	case location == "web", location == "/web",
		strings.HasPrefix(location, "web/"), strings.HasPrefix(location, "/web/"):
		return "/" + strings.Trim(location, "/")
	}
	return location
}

func (res webResources) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := path.Clean(r.URL.Path); {
	case p == wasmURL:
		res.wasm.ServeHTTP(w, r)
		return
	case p == "/web/app.wasm.br", p == "/web/app.wasm.gz":
		// Only ever sent as app.wasm, after a check that they match it.
		http.NotFound(w, r)
		return
	}
	res.static.ServeHTTP(w, r)
}

// staticFS serves regular files only: no directory listings, no dot files,
// no devices or pipes. dir is WebDir's os.Root, so a symlink that leads out
// of WebDir is not followed; it is answered as missing, like the rest.
type staticFS struct{ dir http.FileSystem }

func (s staticFS) Open(name string) (http.File, error) {
	for part := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(part, ".") {
			return nil, fs.ErrNotExist
		}
	}
	f, err := s.dir.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, err
		}
		return nil, fs.ErrNotExist
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fs.ErrNotExist
	}
	return f, nil
}

// noCache makes browsers revalidate static files (by Last-Modified) on every
// use, so a new app version never installs stale copies from the HTTP cache.
func noCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		next.ServeHTTP(w, r)
	})
}

var _ goapp.ResourceResolver = webResources{}
