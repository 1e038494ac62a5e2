package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

// TestExitCodes: every command exits as the README says: 0 done, 1 the
// command failed (or is below a gate), 2 the command line is wrong or an
// input was refused, always with the reason on stderr and nothing on
// stdout for a 2.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	broken := writeTemp(t, dir, "broken.json", `{"format": "quotemark/annotations"`)
	noise := writeTemp(t, dir, "noise.txt", "just some words")
	binary := writeTemp(t, dir, "binary.txt", "\x00\x01\x02")
	badAnn := writeTemp(t, dir, "bad.ann", "T1\tQuote 0 4\tThey\nR1\tAttribution Arg1:T1 Arg2:T7\n")
	emptyFile := writeTemp(t, dir, "empty.wasm", "")
	notZip := writeTemp(t, dir, "not.zip", "not a zip")
	otherArt := annotations.ArticleFromText("other", "An article that is not a seed article.")
	otherSet := writeSetFile(t, dir, "other.quotemark.json", annotations.NewSet(otherArt, "x", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)))
	noFolder := filepath.Join(dir, "no", "such", "folder")
	out := filepath.Join(dir, "out.json")
	zip := filepath.Join(dir, "corpus.zip")
	wantExit(t, []string{"archive", "-o", zip, goldSetPath}, 0)
	web := t.TempDir() // no app.wasm
	builtWeb := t.TempDir()
	writeTemp(t, builtWeb, "app.wasm", "\x00asm") // serve only checks that it is there
	notAFolder := writeTemp(t, dir, "file", "x")

	for _, tc := range []struct {
		desc   string
		args   []string
		code   int
		stderr string
	}{
		// The command line.
		{"no command", nil, 2, "no command given"},
		{"an unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"an unknown flag", []string{"compare", "-nope", goldSetPath, goldSetPath}, 2, "flag provided but not defined"},

		// serve
		{"serve: a stray argument", []string{"serve", "stray"}, 2, `unexpected argument "stray"`},
		{"serve: an -allow-host that is a URL", []string{"serve", "-addr", "127.0.0.1:0", "-allow-host", "http://x/y"}, 2, "is not a host name"},
		{"serve: an empty -allow-host", []string{"serve", "-addr", "127.0.0.1:0", "-allow-host", ""}, 2, "is not a host name"},
		{"serve: an -allow-host with a path", []string{"serve", "-addr", "127.0.0.1:0", "-allow-host", "example.com/x"}, 2, "is not a host name"},
		{"serve: an -allow-host with a port that is not a number", []string{"serve", "-addr", "127.0.0.1:0", "-allow-host", "example.com:http"}, 2, "is not a number"},
		{"serve: a -web folder that does not exist", []string{"serve", "-addr", "127.0.0.1:0", "-web", noFolder}, 2, "web folder"},
		{"serve: a -web that is a file", []string{"serve", "-addr", "127.0.0.1:0", "-web", notAFolder}, 2, "is not a folder"},
		{"serve: an -articles folder that does not exist", []string{"serve", "-addr", "127.0.0.1:0", "-web", builtWeb, "-articles", noFolder}, 2, "reading article folder"},
		{"serve: no app.wasm built (fails)", []string{"serve", "-addr", "127.0.0.1:0", "-web", web}, 1, "make build"},

		// compare
		{"compare: one set", []string{"compare", goldSetPath}, 2, "at least two sets"},
		{"compare: a missing set", []string{"compare", goldSetPath, missing}, 2, "reading the set"},
		{"compare: not a set", []string{"compare", goldSetPath, broken}, 2, "is not a valid annotation set"},
		{"compare: sets of different texts", []string{"compare", goldSetPath, otherSet}, 2, "are for different texts"},
		{"compare: a missing -article", []string{"compare", "-article", missing, goldSetPath, goldSetPath}, 2, "reading the article"},
		{"compare: below -min-f1 (a gate, 1)", []string{"compare", "-min-f1", "1", goldSetPath, perturbedSetPath}, 1, "below"},

		// merge
		{"merge: no -o", []string{"merge", goldSetPath, perturbedSetPath}, 2, "-o OUT.json is required"},
		{"merge: not a set", []string{"merge", "-o", out, goldSetPath, broken}, 2, "is not a valid annotation set"},
		{"merge: sets of different texts", []string{"merge", "-o", out, goldSetPath, otherSet}, 2, "are for different texts"},
		{"merge: writing fails (1)", []string{"merge", "-o", filepath.Join(noFolder, "out.json"), goldSetPath, perturbedSetPath}, 1, "writing the merged set"},

		// suggest
		{"suggest: no article", []string{"suggest"}, 2, "needs one article"},
		{"suggest: a missing article", []string{"suggest", missing}, 2, "reading the article"},
		{"suggest: not an article", []string{"suggest", binary}, 2, "binary.txt"},
		{"suggest: -min-confidence out of range", []string{"suggest", "-min-confidence", "2", goldArticlePath}, 2, "not a number from 0 to 1"},

		// eval
		{"eval: an odd number of files", []string{"eval", goldArticlePath}, 2, "pairs of ARTICLE.txt EXPECTED.json"},
		{"eval: a missing expected set", []string{"eval", goldArticlePath, missing}, 2, "reading the expected set"},
		{"eval: not a set", []string{"eval", goldArticlePath, broken}, 2, "is not a valid annotation set"},
		{"eval: a missing article", []string{"eval", missing, goldSetPath}, 2, "reading the article"},

		// quotes
		{"quotes: no set", []string{"quotes"}, 2, "at least one set"},
		{"quotes: not a set", []string{"quotes", broken}, 2, "is not a valid annotation set"},
		{"quotes: a text not found", []string{"quotes", otherSet}, 2, "is not found among"},
		{"quotes: a missing -articles folder", []string{"quotes", "-articles", noFolder, goldSetPath}, 2, "reading article folder"},

		// export
		{"export: no -to", []string{"export", goldSetPath}, 2, "-to is required"},
		{"export: a missing set", []string{"export", "-to", "csv", missing}, 2, "reading the set"},
		{"export: not a set", []string{"export", "-to", "csv", broken}, 2, "not valid JSON"},
		{"export: no text for the set", []string{"export", "-to", "csv", otherSet}, 2, "not a seed article"},
		{"export: a missing -article", []string{"export", "-to", "csv", "-article", missing, goldSetPath}, 2, "reading the article"},
		{"export: an -article that is not one", []string{"export", "-to", "csv", "-article", binary, goldSetPath}, 2, "binary.txt"},
		{"export: several files to stdout", []string{"export", "-to", "brat", goldSetPath}, 2, "name a folder for them with -o"},
		{"export: writing fails (1)", []string{"export", "-to", "csv", "-o", filepath.Join(noFolder, "x.csv"), goldSetPath}, 1, "writing the output"},

		// import
		{"import: no -article", []string{"import", badAnn}, 2, "-article is required"},
		{"import: a file breaking its format's rules", []string{"import", "-article", goldArticlePath, badAnn}, 2, "Arg2 T7 is not a T line"},
		{"import: a file in no format", []string{"import", "-article", goldArticlePath, noise}, 2, "not a format quotemark reads"},
		{"import: the wrong -from", []string{"import", "-from", "csv", "-article", goldArticlePath, badAnn}, 2, "the header must be"},
		{"import: a missing file", []string{"import", "-article", goldArticlePath, missing}, 2, "reading the file"},
		{"import: a missing article", []string{"import", "-article", missing, badAnn}, 2, "reading the article"},
		{"import: an article that is not one", []string{"import", "-article", binary, badAnn}, 2, "binary.txt"},
		{"import: a label neither -map nor a proposal maps", []string{"import", "-article", "cli/testdata/brat-attribution/protest.txt", "cli/testdata/brat-attribution/protest.ann"}, 2, `no type for label(s) "Cue"`},
		{"import: a -map target that is not one", []string{"import", "-map", "Content=quot", "-article", goldArticlePath, badAnn}, 2, `label map entry "Content=quot"`},
		{"import: a -map entry without a label", []string{"import", "-map", "=quote", "-article", goldArticlePath, badAnn}, 2, `label map entry "=quote": the label is empty`},
		{"import: a -map file that is missing", []string{"import", "-map", filepath.Join(dir, "missing.json"), "-article", goldArticlePath, badAnn}, 2, "reading the label map"},
		{"import: a -map-relation target that is not one", []string{"import", "-map-relation", "Says=quote", "-article", goldArticlePath, badAnn}, 2, `target "quote" is not attribution or -`},
		{"import: a -pronouns that is not keep or drop", []string{"import", "-pronouns", "lose", "-article", goldArticlePath, badAnn}, 2, `-pronouns "lose" is not keep or drop`},
		{"import: writing fails (1)", []string{"import", "-article", goldArticlePath, "-o", filepath.Join(noFolder, "x.json"), goldSetPath}, 1, "writing the output"},

		// validate
		{"validate: no file", []string{"validate"}, 2, "no set file given"},
		{"validate: a missing -article", []string{"validate", "-article", missing, goldSetPath}, 2, "reading the article"},
		{"validate: an invalid set (its verdict, 1)", []string{"validate", broken}, 1, "not valid"},

		// archive and unarchive
		{"archive: no -o", []string{"archive", goldSetPath}, 2, "-o CORPUS.zip is required"},
		{"archive: not a set", []string{"archive", "-o", filepath.Join(dir, "c.zip"), broken}, 2, "is not a valid annotation set"},
		{"archive: a text not found", []string{"archive", "-o", filepath.Join(dir, "c.zip"), otherSet}, 2, "is not found among"},
		{"archive: writing fails (1)", []string{"archive", "-o", filepath.Join(noFolder, "c.zip"), goldSetPath}, 1, "writing the archive"},
		{"unarchive: one argument", []string{"unarchive", zip}, 2, "unarchive needs CORPUS.zip and DIR"},
		{"unarchive: a missing archive", []string{"unarchive", missing, filepath.Join(dir, "u1")}, 2, "reading the archive"},
		{"unarchive: not an archive", []string{"unarchive", notZip, filepath.Join(dir, "u2")}, 2, "not a corpus archive"},
		{"unarchive: a target that is a file", []string{"unarchive", zip, notAFolder}, 2, "is not a folder"},

		// precompress
		{"precompress: no file", []string{"precompress"}, 2, "want one FILE"},
		{"precompress: a missing file", []string{"precompress", missing}, 2, "no such file"},
		{"precompress: an empty file", []string{"precompress", emptyFile}, 2, "is empty"},
		{"precompress: a quality out of range", []string{"precompress", "-brotli-quality", "12", emptyFile}, 2, "not between 0 and 11"},

		// help
		{"help of an unknown command", []string{"help", "frobnicate"}, 2, `unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, ""},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			// A serve that is not refused would run until stopped.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var outBuf, errBuf bytes.Buffer
			code := run(ctx, tc.args, &outBuf, &errBuf)
			stdout, stderr := outBuf.String(), errBuf.String()
			if code != tc.code {
				t.Errorf("quotemark %q: exit %d, want %d\nstderr: %s", tc.args, code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("quotemark %q: stderr %q, want %q", tc.args, stderr, tc.stderr)
			}
			if tc.code == 2 && stdout != "" {
				t.Errorf("quotemark %q: a refusal wrote to stdout: %.80q", tc.args, stdout)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a refused merge wrote %s", out)
	}
}
