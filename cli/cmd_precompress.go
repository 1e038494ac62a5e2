package cli

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"
)

// Build-time qualities. On the ~11 MB app.wasm, on a 2-core machine
// (seconds, share of the raw size):
//
//	gzip 6:  0.6 s, 26.1%    gzip 9:  1.2 s, 25.9%
//	br 5:    0.9 s, 21.8%    br 9:    2.7 s, 21.1%
//	br 10:  19 s,   19.1%    br 11:  39 s,   18.5%
//
// Brotli 10 is the last step that pays: 11 halves the remaining gain for
// twice the time, and `make build` should stay quick. Both run at once.
const (
	precompressGzipLevel     = gzip.BestCompression
	precompressBrotliQuality = 10
)

var precompressCmd = &command{
	name:    "precompress",
	args:    "[-brotli-quality N] [-force] FILE",
	summary: "write FILE.br and FILE.gz beside FILE (make build does it for app.wasm)",
	help: `
Compresses FILE once with brotli and gzip at high settings and writes the
results beside it as FILE.br and FILE.gz, each through a temporary file so
that a server starting meanwhile never reads half a file. "quotemark serve"
sends them for web/app.wasm when they decompress to exactly its bytes, and
compresses at startup (faster, larger) otherwise. Files that already
decompress to FILE are kept as they are, unless -force.

Exit status: 0 written (or up to date); 1 compressing or writing failed; 2 a
wrong command line, or a FILE that cannot be read or is empty.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		quality := fs.Int("brotli-quality", precompressBrotliQuality, "brotli quality `N`, 0 to 11 (11: ~2x the time for 3% less)")
		force := fs.Bool("force", false, "compress again even where the files already match FILE")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) != 1 {
				return usagef("want one FILE, got %d arguments", len(env.args))
			}
			if *quality < 0 || *quality > 11 {
				return usagef("-brotli-quality %d is not between 0 and 11", *quality)
			}
			return precompress(env, env.args[0], *quality, *force)
		}
	},
}

// precompress is listed here rather than in cli.go's table: it is a build
// step, shown last by "quotemark help".
func init() { commands = append(commands, precompressCmd) }

func precompress(env *cmdEnv, path string, brotliQuality int, force bool) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return refusef("%v", err)
	}
	if len(raw) == 0 {
		return refusef("%s is empty", path)
	}
	sum := sha256.Sum256(raw)
	type result struct {
		file string
		size int
		took time.Duration
		kept bool
		err  error
	}
	results := make([]result, len(wasmCodings))
	var wg sync.WaitGroup
	for i, c := range wasmCodings {
		wg.Go(func() {
			start := time.Now()
			file := path + c.ext
			// `make build` after a change elsewhere rebuilds the same module:
			// checking takes 0.1 s, compressing 20.
			if old, err := os.ReadFile(file); err == nil && !force && checkCompressed(c.coding, old, sum, len(raw)) == nil {
				results[i] = result{file: file, size: len(old), kept: true}
				return
			}
			body, err := compress(c.coding, raw, precompressGzipLevel, brotliQuality)
			if err == nil {
				err = writeFileAtomic(file, body) // its temporary name is a dot file, which the server skips
			}
			results[i] = result{file: file, size: len(body), took: time.Since(start), err: err}
		})
	}
	wg.Wait()
	var errs []error
	for _, r := range results {
		if r.err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", r.file, r.err))
			continue
		}
		how := fmt.Sprintf("in %.1f s", r.took.Seconds())
		if r.kept {
			how = "already up to date"
		}
		fmt.Fprintf(env.stdout, "%s: %d bytes (%.1f%% of %d), %s\n",
			r.file, r.size, 100*float64(r.size)/float64(len(raw)), len(raw), how)
	}
	return errors.Join(errs...)
}
