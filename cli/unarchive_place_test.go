package cli

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations/corpus"
)

// treeOf reads every file and link under dir: path → content, or "-> target"
// for a link.
func treeOf(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			tree[rel] = "-> " + target
		case d.IsDir():
			tree[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = string(b)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return tree
}

// TestUnarchiveAllOrNothing: unarchive writes every file or none, never
// through a symlink, whatever is in the target folder and whatever fails.
func TestUnarchiveAllOrNothing(t *testing.T) {
	zip := filepath.Join(t.TempDir(), "corpus.zip")
	wantExit(t, []string{"archive", "-o", zip, goldSetPath, perturbedSetPath}, 0)
	const (
		articleFile = "articles/000_ce1de57ff9e6a72c.txt"
		setsDir     = "sets/000_ce1de57ff9e6a72c"
		goldFile    = setsDir + "/9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json"
	)
	archived := filepath.Join(t.TempDir(), "fresh")
	wantExit(t, []string{"unarchive", zip, archived}, 0)
	want := treeOf(t, archived) // what a fresh unarchive writes

	for _, tc := range []struct {
		desc  string
		force bool
		// setup prepares the target folder (dir, which does not exist yet)
		// and a folder outside it; it returns the target to name.
		setup func(t *testing.T, dir, outside string) string
		fault int // the fault-th rename fails (0: none)
		code  int
		// stderr is what the error says; changed whether the target is
		// what a fresh unarchive writes (else: as it was before).
		stderr  string
		changed bool
	}{
		{desc: "a new folder", setup: func(t *testing.T, dir, _ string) string { return dir },
			code: 0, changed: true},
		{desc: "a new folder in new parents", setup: func(t *testing.T, dir, _ string) string { return filepath.Join(dir, "a", "b") },
			code: 0},
		{desc: "an empty folder", setup: func(t *testing.T, dir, _ string) string { os.Mkdir(dir, 0o755); return dir },
			code: 0, changed: true},
		{desc: "a folder with other files, kept", setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
			writeFile(t, filepath.Join(dir, "sets", "other", "x.json"), "mine")
			return dir
		}, code: 0},
		{desc: "existing files without -force: refused, nothing written", setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, goldFile), "edited by hand")
			return dir
		}, code: 2, stderr: "exists (1 of the 3 files do); use -force to overwrite"},
		{desc: "existing files with -force: replaced", force: true, setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, goldFile), "edited by hand")
			writeFile(t, filepath.Join(dir, articleFile), "edited by hand")
			return dir
		}, code: 0, changed: true},
		{desc: "the target a symlink to a folder: refused", setup: func(t *testing.T, dir, outside string) string {
			symlinkOrSkip(t, outside, dir)
			return dir
		}, code: 2, stderr: "is a symlink; unarchive writes only into a real folder"},
		{desc: "the target a file: refused", setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, dir, "a file")
			return dir
		}, code: 2, stderr: "is not a folder"},
		{desc: "a symlinked sets folder leading out, with -force: refused, nothing written", force: true, setup: func(t *testing.T, dir, outside string) string {
			os.Mkdir(dir, 0o755)
			symlinkOrSkip(t, outside, filepath.Join(dir, "sets"))
			return dir
		}, code: 2, stderr: filepath.Join("sets") + " is a symlink; unarchive writes only into real folders inside"},
		{desc: "a symlinked article's folder leading out: refused", setup: func(t *testing.T, dir, outside string) string {
			os.MkdirAll(filepath.Join(dir, "sets"), 0o755)
			symlinkOrSkip(t, outside, filepath.Join(dir, filepath.FromSlash(setsDir)))
			return dir
		}, code: 2, stderr: "000_ce1de57ff9e6a72c is a symlink"},
		{desc: "a symlinked folder leading inside: refused all the same", force: true, setup: func(t *testing.T, dir, _ string) string {
			os.MkdirAll(filepath.Join(dir, "elsewhere"), 0o755)
			symlinkOrSkip(t, "elsewhere", filepath.Join(dir, "articles"))
			return dir
		}, code: 2, stderr: "articles is a symlink"},
		{desc: "a file that is a symlink out, with -force: the link replaced, its target untouched", force: true, setup: func(t *testing.T, dir, outside string) string {
			os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
			symlinkOrSkip(t, filepath.Join(outside, "victim.txt"), filepath.Join(dir, filepath.FromSlash(articleFile)))
			return dir
		}, code: 0, changed: true},
		{desc: "a file that is a symlink, without -force: refused as existing", setup: func(t *testing.T, dir, outside string) string {
			os.MkdirAll(filepath.Join(dir, "articles"), 0o755)
			symlinkOrSkip(t, filepath.Join(outside, "victim.txt"), filepath.Join(dir, filepath.FromSlash(articleFile)))
			return dir
		}, code: 2, stderr: "exists (1 of the 3 files do)"},
		{desc: "a folder where a file goes: refused", force: true, setup: func(t *testing.T, dir, _ string) string {
			os.MkdirAll(filepath.Join(dir, filepath.FromSlash(goldFile)), 0o755)
			return dir
		}, code: 2, stderr: "exists and is not a file"},
		{desc: "a file where a folder goes: refused", force: true, setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, "sets"), "a file")
			return dir
		}, code: 2, stderr: "sets is not a folder"},
		{desc: "the move into a new folder fails: nothing written", setup: func(t *testing.T, dir, _ string) string { return dir },
			fault: 1, code: 1, stderr: "nothing was written"},
		{desc: "the first move into an existing folder fails: nothing changed", force: true, setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, goldFile), "edited by hand")
			return dir
		}, fault: 1, code: 1, stderr: "nothing was changed"},
		{desc: "the last move with -force fails: every file put back", force: true, setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, goldFile), "edited by hand")
			writeFile(t, filepath.Join(dir, articleFile), "edited by hand")
			writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
			return dir
		}, fault: 5, code: 1, stderr: "nothing was changed"},
		{desc: "a middle move into a folder with no such files fails: the new ones removed", setup: func(t *testing.T, dir, _ string) string {
			writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
			return dir
		}, fault: 2, code: 1, stderr: "nothing was changed"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			base := t.TempDir()
			outside := filepath.Join(base, "outside")
			writeFile(t, filepath.Join(outside, "victim.txt"), "outside")
			dir := tc.setup(t, filepath.Join(base, "target"), outside)
			before, outsideBefore := treeOf(t, dir), treeOf(t, outside)
			if tc.fault > 0 {
				n := 0
				unarchiveFault = func(to string) error {
					if n++; n == tc.fault {
						return errors.New("simulated failure")
					}
					return nil
				}
				t.Cleanup(func() { unarchiveFault = nil })
			}
			args := []string{"unarchive", zip, dir}
			if tc.force {
				args = []string{"unarchive", "-force", zip, dir}
			}
			_, stderr := wantExit(t, args, tc.code)
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want %q", stderr, tc.stderr)
			}
			after := treeOf(t, dir)
			if tc.code != 0 {
				if !maps.Equal(after, before) {
					t.Errorf("a failed unarchive changed the target:\nbefore %q\nafter  %q", before, after)
				}
			} else {
				for name, content := range want {
					if after[name] != content {
						t.Errorf("%s: %.40q, want what the archive holds", name, after[name])
					}
				}
				if tc.changed && !maps.Equal(after, want) {
					t.Errorf("the target holds more than the archive: %q", slices.Sorted(maps.Keys(after)))
				}
			}
			if got := treeOf(t, outside); !maps.Equal(got, outsideBefore) {
				t.Errorf("unarchive wrote outside the target: %q", got)
			}
			if l := leftovers(t, base); len(l) > 0 {
				t.Errorf("temporary files left: %q", l)
			}
		})
	}
}

// TestUnarchiveArchiveTooLarge: an archive file over the limit is refused
// before it is read into memory.
func TestUnarchiveArchiveTooLarge(t *testing.T) {
	huge := filepath.Join(t.TempDir(), "huge.zip")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: no disk is spent.
	if err := f.Truncate(corpus.MaxArchiveBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, stderr := wantExit(t, []string{"unarchive", huge, filepath.Join(t.TempDir(), "out")}, 2)
	if !strings.Contains(stderr, "over the limit of 536870912 bytes on a corpus archive") {
		t.Errorf("stderr %q", stderr)
	}
}
