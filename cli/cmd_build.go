package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var buildCmd = &command{
	name:    "build",
	args:    "[-o DIR] [-web DIR] [-articles DIR]...",
	summary: "write the whole app as a static site to DIR, for any static file server",
	help: `
Writes into DIR (default dist) everything "quotemark serve" serves, as plain
files that any static file server serves as the whole app: the pages of the
library, of every article and its compare view, and of the corpus, with a
404.html for other addresses; app.js, the service worker, the manifest, the
web folder with app.wasm and its app.wasm.br and app.wasm.gz; and the article
library the app fetches (api/articles/index.html holding the list as JSON,
api/articles/ID each article's text). Build app.wasm first (make dist does).

The site must be published at the root of its address (https://host/, not
https://host/sub/): the app asks for /api/..., /web/... and its pages by
absolute paths. A plain server sends app.wasm uncompressed (about 12 MB); a
server that sends app.wasm.br or app.wasm.gz for it (nginx's brotli_static
or gzip_static, Caddy's precompressed) sends 2-3 MB.

Pages carry the server's Content-Security-Policy as a <meta> element (all
of it but frame-ancestors, which only a header can set). Once the app has
loaded, its service worker opens every page offline, and an address the host
has no file for (an article added later) from the cached app.

DIR is replaced as a whole, and only if it is empty or an earlier build: a
folder with other files in it is refused, never emptied. It may not be
inside the web folder or an article folder, which it would then copy.

Exit status: 0 written; 1 no app.wasm, or writing failed; 2 a wrong
command line, a web or article folder that cannot be read, or a DIR that is
not an earlier build.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		out := fs.String("o", "dist", "write the site into `DIR`")
		web := fs.String("web", "web", "build the app from `DIR` (app.wasm, app.css, icons, articles/)")
		var articleDirs stringList
		fs.Var(&articleDirs, "articles", "add the .txt articles in `DIR` to the library (repeatable)")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) > 0 {
				return usagef("unexpected argument %q", env.args[0])
			}
			if *out == "" {
				return usagef("-o: empty folder name")
			}
			return buildSite(env, *out, serverConfig{WebDir: *web, ArticleDirs: articleDirs})
		}
	},
}

// siteMarker is the file that says a folder is a quotemark build, which a
// new build may replace. It holds the app version.
const siteMarker = ".quotemark-site"

// buildSite writes the static site into out. It renders every file through
// the server's own handler, so the pages, the version, the worker's list and
// the security policy are the ones `quotemark serve` sends.
func buildSite(env *cmdEnv, out string, cfg serverConfig) error {
	if cfg.WebDir == "" {
		cfg.WebDir = "web"
	}
	for _, src := range append([]string{cfg.WebDir}, cfg.ArticleDirs...) {
		if inside, err := isInside(out, src); err != nil {
			return refusef("-o %s: %v", out, err)
		} else if inside {
			return refusef("-o %s is inside %s, which the build reads: the next build would copy this one", out, src)
		}
	}
	if err := checkReplaceableFolder(out, siteMarker, "build"); err != nil {
		return err
	}
	s, err := newServer(cfg)
	if err != nil {
		return err
	}
	files, err := siteFiles(s)
	if err != nil {
		return err
	}
	// A failed build leaves the last one whole.
	total, err := writeFolderWhole(out, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s: %d files, %d bytes (app version %s, %d articles); serve it with any static file server, at the root of its address\n",
		out, len(files), total, s.version, len(s.articles.list))
	return nil
}

// isInside reports whether the folder path is dir or inside it, by their
// absolute names (the folders need not exist yet).
func isInside(path, dir string) (bool, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	d, err := filepath.Abs(dir)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(d, p)
	if err != nil {
		return false, nil // on another volume
	}
	return rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)), nil
}

// siteFile is one file of the static site: its slash-separated name in the
// folder and its bytes.
type siteFile struct {
	name string
	body []byte
}

// siteFiles renders every file of the static site through s.
func siteFiles(s *server) ([]siteFile, error) {
	var files []siteFile
	add := func(name string, body []byte) { files = append(files, siteFile{name, body}) }
	get := func(urlPath string) ([]byte, error) {
		// The path as a file name, not parsed: "/web/articles/One Story.txt".
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = &url.URL{Path: urlPath}
		req.RequestURI = req.URL.RequestURI()
		req.Host = "localhost"
		req.Header.Set("Accept-Encoding", "identity")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("rendering %s: status %d: %s", urlPath, rec.Code, strings.TrimSpace(rec.Body.String()))
		}
		return rec.Body.Bytes(), nil
	}

	// The pages. A directory's index.html is what every static server
	// answers for it (after a redirect to the address with a slash, which
	// sitePageHead's script takes off again before the app reads it).
	pages := []struct{ url, name string }{{"/", "index.html"}, {"/", "404.html"}, {"/corpus", "corpus/index.html"}}
	for _, a := range s.articles.list {
		if !siteSafeID(a.ID) {
			return nil, refusef("article id %q cannot be a file name of the static site; rename its file", a.ID)
		}
		pages = append(pages,
			struct{ url, name string }{"/article/" + a.ID, "article/" + a.ID + "/index.html"},
			struct{ url, name string }{"/compare/" + a.ID, "compare/" + a.ID + "/index.html"})
	}
	for _, p := range pages {
		body, err := get(p.url)
		if err != nil {
			return nil, err
		}
		page, err := staticPage(string(body))
		if err != nil {
			return nil, fmt.Errorf("rendering %s: %w", p.url, err)
		}
		add(p.name, []byte(page))
	}

	// Everything the service worker caches, which is everything the pages
	// load, at the same addresses; "/" is index.html, written above.
	worker, err := get("/app-worker.js")
	if err != nil {
		return nil, err
	}
	add("app-worker.js", worker)
	cached, err := workerResources(string(worker))
	if err != nil {
		return nil, err
	}
	for _, escaped := range cached {
		if escaped == "/" {
			continue
		}
		u, err := url.PathUnescape(escaped)
		if err != nil {
			return nil, fmt.Errorf("app-worker.js caches %q, which is not a path: %w", escaped, err)
		}
		body, err := get(u)
		if err != nil {
			return nil, err
		}
		name := strings.TrimPrefix(u, "/")
		if u == "/api/articles" {
			// A folder too (it holds each article): static servers answer
			// /api/articles with its index.html, after a redirect that
			// fetch follows. The app reads the body, whatever its type.
			name = "api/articles/index.html"
		}
		add(name, body)
	}

	// The compressed module beside the raw one, for servers that send it.
	for i, c := range wasmCodings {
		if i < len(s.wasm.enc) && s.wasm.enc[i].coding == c.coding {
			add(strings.TrimPrefix(wasmURL, "/")+c.ext, s.wasm.enc[i].body)
		}
	}
	add(".nojekyll", nil) // GitHub Pages: publish the files as they are
	add(siteMarker, []byte(s.version+"\n"))
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	for i := 1; i < len(files); i++ {
		if files[i].name == files[i-1].name {
			return nil, fmt.Errorf("the static site would have %s twice", files[i].name)
		}
	}
	return files, nil
}

// siteSafeID reports whether an article id can name a folder of the site:
// ids are made of a-z, 0-9, "_", "." and "-" (ArticleIDFromFilename), and
// index.html would shadow the list.
func siteSafeID(id string) bool {
	return id != "" && id != "index.html" && !strings.ContainsAny(id, `/\`) && path.Clean(id) == id && !strings.HasPrefix(id, ".")
}

// resourcesToCache finds the worker's list of what it caches.
var resourcesToCache = regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`)

func workerResources(worker string) ([]string, error) {
	m := resourcesToCache.FindStringSubmatch(worker)
	if m == nil {
		return nil, errors.New("app-worker.js has no resourcesToCache list: update cmd_build.go for this worker")
	}
	var urls []string
	if err := json.Unmarshal([]byte(m[1]), &urls); err != nil {
		return nil, fmt.Errorf("reading app-worker.js's resourcesToCache: %w", err)
	}
	return urls, nil
}

// trailingSlash takes the slash a static server's redirect to a folder
// added (/corpus/ for /corpus) off the address before the app reads it, so
// the app's routes and ids match.
const trailingSlash = `<script>if (location.pathname.length > 1 && location.pathname.endsWith("/")) history.replaceState(history.state, "", location.pathname.slice(0, -1) + location.search + location.hash);</script>`

// staticPage is a page as the static site holds it: early in its head, the
// server's security policy as a <meta> element, with the hashes of the
// page's inline scripts (trailingSlash included), then trailingSlash.
// frame-ancestors is left out: a <meta> policy cannot set it.
func staticPage(page string) (string, error) {
	// After <meta charset>, which must come early; before every script,
	// as a policy applies only to what follows it.
	i := strings.Index(page, "<head>")
	if i < 0 {
		return "", errors.New("the page has no <head>")
	}
	i += len("<head>")
	if j := strings.Index(page[i:], "<meta charset="); j >= 0 && !strings.Contains(page[i:i+j], "<script") {
		i += j + strings.Index(page[i+j:], ">") + 1
	}
	withScript := page[:i] + trailingSlash + page[i:]
	var kept []string
	for d := range strings.SplitSeq(contentSecurityPolicy(scriptHashes(withScript)), "; ") {
		if !strings.HasPrefix(d, "frame-ancestors") {
			kept = append(kept, d)
		}
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="` + strings.Join(kept, "; ") + `">`
	return page[:i] + meta + trailingSlash + page[i:], nil
}
