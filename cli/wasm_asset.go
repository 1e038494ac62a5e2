package cli

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// wasmAsset is app.wasm held in memory in each encoding it is served in.
// go-app's handler does not compress, and the module is ~11 MB raw against
// ~2.1 MB brotli and ~2.9 MB gzip.
type wasmAsset struct {
	path string
	raw  []byte
	sum  string     // hex sha256 of raw
	enc  []wasmBody // compressed forms, best first: br, gzip
}

// wasmBody is one compressed form of the module.
type wasmBody struct {
	coding string // Content-Encoding: "br" or "gzip"
	body   []byte
	source string // how it was made, for the startup log
}

// The codings the server sends, best first, with the file that
// `quotemark precompress` writes beside app.wasm for each.
var wasmCodings = []struct {
	coding, ext string
}{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// Qualities used when the server has to compress at startup (no
// precompressed file, or a stale one). Measured on the ~11 MB module on a
// 2-core machine: gzip 6 takes 0.6 s for 26.1% of the raw size; brotli 5
// takes 0.85 s for 21.8%, in parallel with the gzip. `make build` does
// better ahead of time (precompressQuality).
const (
	startupGzipLevel     = gzip.DefaultCompression
	startupBrotliQuality = 5
)

// loadWasm reads app.wasm and its precompressed siblings (app.wasm.br and
// app.wasm.gz). A sibling is used only if it decompresses to exactly the
// bytes of app.wasm: a file left over from an earlier build, truncated or
// from another module is never served. A missing or unusable one is made
// in memory instead, so a plain `go build` of app.wasm still serves.
// readFile reads the files (nil: os.ReadFile); the server passes one that
// stays inside the web folder.
func loadWasm(path string, readFile func(string) ([]byte, error)) (*wasmAsset, error) {
	if readFile == nil {
		readFile = os.ReadFile
	}
	raw, err := readFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("app.wasm not found at %s (run make build): %w", path, err)
		}
		return nil, fmt.Errorf("reading app.wasm: %w", err)
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("app.wasm at %s is empty (run make build)", path)
	}
	sum := sha256.Sum256(raw)
	a := &wasmAsset{path: path, raw: raw, sum: hex.EncodeToString(sum[:])}
	a.enc = make([]wasmBody, len(wasmCodings))
	var wg sync.WaitGroup
	errs := make([]error, len(wasmCodings))
	for i, c := range wasmCodings {
		wg.Go(func() {
			a.enc[i], errs[i] = loadWasmCoding(readFile, path, raw, sum, c.coding, c.ext)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var made []string
	for _, e := range a.enc {
		if e.source != "file" {
			made = append(made, fmt.Sprintf("%s (%s)", e.coding, e.source))
		}
	}
	if len(made) > 0 {
		log.Printf("%s: compressed at startup: %s; `make build` precompresses it with better ratios",
			path, strings.Join(made, ", "))
	}
	return a, nil
}

// loadWasmCoding returns the coding's form of raw: the precompressed file if
// it matches, else one compressed now (or earlier in this process).
func loadWasmCoding(readFile func(string) ([]byte, error), path string, raw []byte, sum [32]byte, coding, ext string) (wasmBody, error) {
	file := path + ext
	body, err := readFile(file)
	var why string
	switch {
	case err == nil:
		if err := checkCompressed(coding, body, sum, len(raw)); err == nil {
			return wasmBody{coding: coding, body: body, source: "file"}, nil
		} else {
			why = file + " is stale: " + err.Error()
		}
	case os.IsNotExist(err):
		why = "no " + file
	default:
		why = err.Error()
	}
	body, err = compressedOnce(coding, raw, sum)
	if err != nil {
		return wasmBody{}, fmt.Errorf("compressing %s: %w", path, err)
	}
	return wasmBody{coding: coding, body: body, source: why}, nil
}

// checkCompressed reports whether body decodes to n bytes whose sha256 is
// sum. Decoding 2-3 MB takes about 0.1 s; it is what makes serving a file
// built by another step safe without trusting its name or its date.
func checkCompressed(coding string, body []byte, sum [32]byte, n int) error {
	var r io.Reader
	switch coding {
	case "br":
		r = brotli.NewReader(bytes.NewReader(body))
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return err
		}
		r = zr
	default:
		return fmt.Errorf("unknown coding %q", coding)
	}
	h := sha256.New()
	got, err := io.Copy(h, io.LimitReader(r, int64(n)+1))
	if err != nil {
		return err
	}
	if got != int64(n) || !bytes.Equal(h.Sum(nil), sum[:]) {
		return errors.New("it does not decompress to app.wasm")
	}
	return nil
}

// compressedOnce remembers the last module compressed in this process, so a
// process that builds several servers of one app.wasm (the browser tests)
// pays for the startup compression once.
var compressedOnce = func() func(coding string, raw []byte, sum [32]byte) ([]byte, error) {
	type key struct {
		coding string
		sum    [32]byte
	}
	var mu sync.Mutex
	memo := map[key][]byte{}
	return func(coding string, raw []byte, sum [32]byte) ([]byte, error) {
		mu.Lock()
		b, ok := memo[key{coding, sum}]
		mu.Unlock()
		if ok {
			return b, nil
		}
		b, err := compress(coding, raw, startupGzipLevel, startupBrotliQuality)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		for k := range memo {
			if k.coding == coding {
				delete(memo, k)
			}
		}
		memo[key{coding, sum}] = b
		mu.Unlock()
		return b, nil
	}
}()

// compress encodes raw in coding at the given gzip level or brotli quality.
func compress(coding string, raw []byte, gzipLevel, brotliQuality int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw) / 3)
	var w io.WriteCloser
	switch coding {
	case "br":
		// The largest window (16 MB) covers the whole module; it costs the
		// browser no more memory than the module itself.
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotliQuality, LGWin: 24})
	case "gzip":
		zw, err := gzip.NewWriterLevel(&buf, gzipLevel)
		if err != nil {
			return nil, err
		}
		w = zw
	default:
		return nil, fmt.Errorf("unknown coding %q", coding)
	}
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ServeHTTP sends the smallest form the request's Accept-Encoding allows.
// Each form has its own ETag, so a conditional request is answered from the
// module's own hash, not go-app's version, and a cache never mixes them up.
func (a *wasmAsset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	body, etag := a.raw, `"`+a.sum[:32]+`"`
	if i := parseAcceptEncoding(r.Header.Get("Accept-Encoding")).choose(a.codings()); i >= 0 {
		e := a.enc[i]
		body, etag = e.body, `"`+a.sum[:32]+"-"+e.coding+`"`
		h.Set("Content-Encoding", e.coding)
	}
	h.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// Set by hand, not by http.ServeContent, which leaves out Content-Length
	// when Content-Encoding is set. WebAssembly.instantiateStreaming refuses
	// any other Content-Type.
	h.Set("Content-Type", "application/wasm")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func (a *wasmAsset) codings() []string {
	c := make([]string, len(a.enc))
	for i, e := range a.enc {
		c[i] = e.coding
	}
	return c
}

// etagMatches implements If-None-Match's weak comparison.
func etagMatches(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}

// acceptEncoding is a parsed Accept-Encoding header: the q-value of each
// coding it lists, and of "*" if listed.
type acceptEncoding struct {
	q    map[string]float64
	star float64 // -1: no "*"
}

func parseAcceptEncoding(header string) acceptEncoding {
	a := acceptEncoding{q: map[string]float64{}, star: -1}
	for part := range strings.SplitSeq(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			k, v, ok := strings.Cut(p, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0 // a q-value we cannot read does not grant anything
				}
				q = f
			}
		}
		if coding == "*" {
			a.star = q
		} else if old, seen := a.q[coding]; !seen || q > old {
			a.q[coding] = q
		}
	}
	return a
}

// q is coding's q-value: as listed, else that of "*", else 0 ("identity"
// is the exception: acceptable unless refused, so it gets a q just above 0,
// below any coding the client asks for).
func (a acceptEncoding) qOf(coding string) float64 {
	if q, ok := a.q[coding]; ok {
		return q
	}
	if a.star >= 0 {
		return a.star
	}
	if coding == "identity" {
		return 0.0001
	}
	return 0
}

// choose returns the index in codings (each a Content-Encoding, best
// first) of the one to send, or -1 for the raw bytes: the highest q-value
// wins, and on a tie the one listed first. A q of 0 refuses a coding. When
// everything is refused, raw bytes are sent anyway: a 406 would leave the
// page without its app, and no browser asks for that.
func (a acceptEncoding) choose(codings []string) int {
	best, bestQ := -1, a.qOf("identity")
	for i, c := range codings {
		if q := a.qOf(c); q > 0 && (q > bestQ || q == bestQ && best == -1) {
			best, bestQ = i, q
		}
	}
	return best
}
