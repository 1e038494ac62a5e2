package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// leftovers lists the temporary files a write left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(d.Name(), ".tmp") || strings.Contains(d.Name(), ".unarchive-")) {
			names = append(names, p)
		}
		return nil
	})
	return names
}

// faultAfterWrite makes every atomic write fail once its data is written
// and synced, before the rename, as a kill there would; it counts them.
func faultAfterWrite(t *testing.T) *int {
	t.Helper()
	n := new(int)
	atomicWriteFault = func(tmp string) error {
		*n++
		if _, err := os.Stat(tmp); err != nil {
			t.Errorf("the temporary file %s is not there: %v", tmp, err)
		}
		return errors.New("simulated crash before the rename")
	}
	t.Cleanup(func() { atomicWriteFault = nil })
	return n
}

func TestWriteFileAtomic(t *testing.T) {
	for _, tc := range []struct {
		desc    string
		setup   func(t *testing.T, dir string) string // returns the path to write
		fault   bool
		wantErr string
		check   func(t *testing.T, dir, path string)
	}{
		{
			desc:  "a new file, 0644",
			setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "new.json") },
			check: func(t *testing.T, dir, path string) {
				if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o600 != 0o600 {
					t.Errorf("mode %v, %v", fi, err)
				}
			},
		},
		{
			desc: "replaces a file, keeping its permissions",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "old.json")
				writeFile(t, p, "old content that is longer than the new")
				if err := os.Chmod(p, 0o600); err != nil {
					t.Fatal(err)
				}
				return p
			},
			check: func(t *testing.T, dir, path string) {
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want 0600 kept", fi.Mode())
				}
			},
		},
		{
			desc: "a crash before the rename leaves the old file whole and no temporary file",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "old.json")
				writeFile(t, p, "old")
				return p
			},
			fault:   true,
			wantErr: "simulated crash",
			check: func(t *testing.T, dir, path string) {
				if b, _ := os.ReadFile(path); string(b) != "old" {
					t.Errorf("the file holds %q, want the old content", b)
				}
			},
		},
		{
			desc:    "a crash before the rename leaves no new file",
			setup:   func(t *testing.T, dir string) string { return filepath.Join(dir, "new.json") },
			fault:   true,
			wantErr: "simulated crash",
			check: func(t *testing.T, dir, path string) {
				if _, err := os.Stat(path); err == nil {
					t.Errorf("%s was made", path)
				}
			},
		},
		{
			desc: "through a symlink, the file it points to is replaced, the link kept",
			setup: func(t *testing.T, dir string) string {
				writeFile(t, filepath.Join(dir, "real", "target.json"), "old")
				symlinkOrSkip(t, filepath.Join("real", "target.json"), filepath.Join(dir, "link.json"))
				return filepath.Join(dir, "link.json")
			},
			check: func(t *testing.T, dir, path string) {
				if fi, err := os.Lstat(path); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the link was replaced: %v", err)
				}
				if b, _ := os.ReadFile(filepath.Join(dir, "real", "target.json")); string(b) != "new data" {
					t.Errorf("the target holds %q", b)
				}
			},
		},
		{
			desc: "a folder is refused",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "folder")
				os.Mkdir(p, 0o755)
				return p
			},
			wantErr: "is a folder",
		},
		{
			desc:    "a missing folder fails",
			setup:   func(t *testing.T, dir string) string { return filepath.Join(dir, "no", "such", "out.json") },
			wantErr: "no such file",
		},
		{
			desc:  "a device is written as it is (-o /dev/null)",
			setup: func(t *testing.T, dir string) string { return os.DevNull },
		},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.setup(t, dir)
			if tc.fault {
				faultAfterWrite(t)
			}
			err := writeFileAtomic(path, []byte("new data"))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			} else if path != os.DevNull {
				if b, _ := os.ReadFile(path); string(b) != "new data" {
					t.Errorf("%s holds %q", path, b)
				}
			}
			if tc.check != nil {
				tc.check(t, dir, path)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %q", l)
			}
		})
	}
}

// TestCommandsWriteAtomically: every command that writes a file goes
// through writeFileAtomic (or, for unarchive, its staging folder): a crash
// just before the file would be in place exits 1 and leaves what was there
// whole, with no temporary file behind.
func TestCommandsWriteAtomically(t *testing.T) {
	for _, tc := range []struct {
		desc string
		// args gives the command line; out is the file it writes, made
		// beforehand with old content.
		args func(t *testing.T, dir string) (args []string, out string)
	}{
		{"export -o FILE", func(t *testing.T, dir string) ([]string, string) {
			out := filepath.Join(dir, "out.csv")
			return []string{"export", "-to", "csv", "-o", out, goldSetPath}, out
		}},
		{"export -o FOLDER (brat)", func(t *testing.T, dir string) ([]string, string) {
			out := filepath.Join(dir, "brat")
			writeFile(t, filepath.Join(out, "000_ce1de57ff9e6a72c.txt"), "old")
			return []string{"export", "-to", "brat", "-o", out, goldSetPath}, filepath.Join(out, "000_ce1de57ff9e6a72c.txt")
		}},
		{"import -o FILE", func(t *testing.T, dir string) ([]string, string) {
			out := filepath.Join(dir, "imported.json")
			return []string{"import", "-article", goldArticlePath, "-o", out, goldSetPath}, out
		}},
		{"merge -o FILE", func(t *testing.T, dir string) ([]string, string) {
			out := filepath.Join(dir, "merged.json")
			return []string{"merge", "-o", out, goldSetPath, perturbedSetPath}, out
		}},
		{"archive -o FILE", func(t *testing.T, dir string) ([]string, string) {
			out := filepath.Join(dir, "corpus.zip")
			return []string{"archive", "-o", out, goldSetPath}, out
		}},
		{"precompress FILE", func(t *testing.T, dir string) ([]string, string) {
			wasm := filepath.Join(dir, "app.wasm")
			writeFile(t, wasm, string(readFile(t, fakeWasm(t, "atomic"))))
			return []string{"precompress", "-brotli-quality", "1", wasm}, wasm + ".gz"
		}},
		{"unarchive -force into a folder", func(t *testing.T, dir string) ([]string, string) {
			zip := filepath.Join(t.TempDir(), "corpus.zip")
			wantExit(t, []string{"archive", "-o", zip, goldSetPath}, 0)
			out := filepath.Join(dir, "restored")
			return []string{"unarchive", "-force", zip, out}, filepath.Join(out, "articles", "000_ce1de57ff9e6a72c.txt")
		}},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			dir := t.TempDir()
			args, out := tc.args(t, dir)
			writeFile(t, out, "old")
			writes := faultAfterWrite(t)
			unarchiveFault = func(string) error { *writes++; return errors.New("simulated crash before the rename") }
			t.Cleanup(func() { unarchiveFault = nil })

			_, stderr := wantExit(t, args, 1)
			if !strings.Contains(stderr, "simulated crash") {
				t.Errorf("stderr %q does not say why", stderr)
			}
			if *writes == 0 {
				t.Errorf("the command wrote without going through the atomic write")
			}
			if b, _ := os.ReadFile(out); string(b) != "old" {
				t.Errorf("%s holds %.40q after the crash, want its old content", out, b)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %q", l)
			}
		})
	}
}
