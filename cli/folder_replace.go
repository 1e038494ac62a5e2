package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A folder a command writes whole (a static build, a corpus import) carries
// a marker file, so that the next run may replace it and no run replaces a
// folder of someone else's files.

// checkReplaceableFolder refuses an out that holds anything but an earlier
// output of the command, which carries marker; what names that output.
func checkReplaceableFolder(out, marker, what string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return refusef("-o %s: %v", out, err)
	}
	if !fi.IsDir() {
		return refusef("-o %s is a file, not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return refusef("-o %s: %v", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, marker)); err != nil {
		return refusef("-o %s holds files and is not an earlier %s (it has no %s): give an empty or new folder", out, what, marker)
	}
	return nil
}

// writeFolderWhole writes files into a new folder beside out, then puts it
// in out's place, so that a failure leaves the earlier folder whole. It
// returns the bytes written.
func writeFolderWhole(out string, files []siteFile) (int, error) {
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return 0, fmt.Errorf("making the folder of %s: %w", out, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(out)+"-")
	if err != nil {
		return 0, fmt.Errorf("making a folder beside %s: %w", out, err)
	}
	defer os.RemoveAll(staging)
	total := 0
	for _, f := range files {
		p := filepath.Join(staging, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return 0, fmt.Errorf("making the folder of %s: %w", f.name, err)
		}
		if err := writeFileAtomic(p, f.body); err != nil {
			return 0, fmt.Errorf("writing %s: %w", f.name, err)
		}
		total += len(f.body)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return 0, fmt.Errorf("making %s readable: %w", staging, err)
	}
	return total, replaceFolder(staging, out)
}

// replaceFolder puts the folder staging at out, moving an earlier one there
// out of the way first and removing it after.
func replaceFolder(staging, out string) error {
	old := ""
	if _, err := os.Stat(out); err == nil {
		old = staging + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("moving the earlier %s aside: %w", out, err)
		}
	}
	if err := os.Rename(staging, out); err != nil {
		if old != "" {
			os.Rename(old, out)
		}
		return fmt.Errorf("putting the new folder in place at %s: %w", out, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the earlier folder (moved to %s): %w", old, err)
		}
	}
	return nil
}
