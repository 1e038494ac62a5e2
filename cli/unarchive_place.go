package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// unarchivedFile is one file unarchive writes: its path inside the target
// folder and its bytes.
type unarchivedFile struct {
	rel  string // OS separators, relative to the target folder
	data []byte
}

// unarchiveFault, when a test sets it, runs before each rename that moves a
// file or the staged folder into place (to is where it goes), as a failing
// disk or a full quota would strike there.
var unarchiveFault func(to string) error

// placeFiles writes files into dir all or nothing: each is written whole
// and synced in a temporary folder first, so that a refusal, a crash or a
// full disk while writing leaves dir as it was, and only then moved into
// place by renames, which are undone if one fails.
//
// Nothing is written through a symlink: dir itself, a folder inside it
// (articles, sets, sets/ID) or a file's path being a symlink could send
// the files out of dir. dir and its folders are refused when they are
// links; a file that is a link is, with -force, replaced by the file, its
// target untouched. The folders above dir are the user's to choose.
func placeFiles(dir string, files []unarchivedFile, force bool) error {
	dir = filepath.Clean(dir)
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return placeNewFolder(dir, files)
	case err != nil:
		return fmt.Errorf("checking %s: %w", dir, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return refusef("%s is a symlink; unarchive writes only into a real folder, never through a link: name the folder it points to", dir)
	case !fi.IsDir():
		return refusef("%s is not a folder", dir)
	}
	return placeInFolder(dir, files, force)
}

// placeNewFolder writes the files into a temporary folder beside dir and
// renames it to dir: one step, so dir holds all of them or does not exist.
func placeNewFolder(dir string, files []unarchivedFile) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".unarchive-*")
	if err != nil {
		return fmt.Errorf("making a temporary folder beside %s: %w", dir, err)
	}
	placed := false
	defer func() {
		if !placed {
			os.RemoveAll(stage)
		}
	}()
	root, err := os.OpenRoot(stage)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files {
		if err := root.MkdirAll(filepath.Dir(f.rel), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.rel), err)
		}
		if err := writeNewFile(root, f.rel, f.data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.rel), err)
		}
	}
	syncFolders(root, files)
	// MkdirTemp makes the folder private to its owner; dir is an ordinary
	// folder.
	if err := os.Chmod(stage, 0o755); err != nil {
		return err
	}
	if unarchiveFault != nil {
		if err := unarchiveFault(dir); err != nil {
			return fmt.Errorf("moving the files into %s: %w; nothing was written", dir, err)
		}
	}
	if err := os.Rename(stage, dir); err != nil {
		return fmt.Errorf("moving the files into %s: %w; nothing was written", dir, err)
	}
	placed = true
	syncDir(parent)
	return nil
}

// placeInFolder writes the files into the folder dir that exists. They are
// staged in a dot folder inside dir, not beside it, so that every rename
// is one within dir's os.Root: whatever links appear in dir meanwhile, no
// step can reach outside it.
func placeInFolder(dir string, files []unarchivedFile, force bool) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("opening %s: %w", dir, err)
	}
	defer root.Close()
	p := &placement{root: root, dir: dir}
	if err := p.check(files); err != nil {
		return err
	}
	if !force && len(p.existing) > 0 {
		return refusef("%s exists (%d of the %d files do); use -force to overwrite", filepath.Join(dir, p.existing[0]), len(p.existing), len(files))
	}
	if err := p.stage(files); err != nil {
		p.root.RemoveAll(p.staged)
		return err
	}
	if err := p.move(); err != nil {
		if uerr := p.undo(); uerr != nil {
			return fmt.Errorf("%w; undoing it failed too (%v): the files it moved aside are in %s", err, uerr, filepath.Join(dir, p.staged))
		}
		p.root.RemoveAll(p.staged)
		return fmt.Errorf("%w; nothing was changed", err)
	}
	p.root.RemoveAll(p.staged) // the files replaced
	syncFolders(root, files)
	syncDir(dir)
	return nil
}

// placement is the state of placeInFolder: what is there, what is staged,
// and the steps taken, to undo them in reverse.
type placement struct {
	root     *os.Root
	dir      string
	newDirs  []string // folders to make, parents first
	targets  []placeTarget
	existing []string // files that exist (their paths inside dir)
	staged   string   // the staging folder, inside dir
	undos    []func() error
}

type placeTarget struct {
	rel    string
	exists bool
	perm   fs.FileMode
}

// check looks at every folder and file the files go to before anything is
// written, so that a refusal changes nothing.
func (p *placement) check(files []unarchivedFile) error {
	seen := map[string]bool{}
	for _, f := range files {
		parts := strings.Split(filepath.Dir(f.rel), string(filepath.Separator))
		for j := range parts {
			d := filepath.Join(parts[:j+1]...)
			if d == "." || seen[d] {
				continue
			}
			seen[d] = true
			fi, err := p.root.Lstat(d)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				p.newDirs = append(p.newDirs, d)
			case err != nil:
				return fmt.Errorf("checking %s: %w", filepath.Join(p.dir, d), err)
			case fi.Mode()&fs.ModeSymlink != 0:
				return refusef("%s is a symlink; unarchive writes only into real folders inside %s, never through a link", filepath.Join(p.dir, d), p.dir)
			case !fi.IsDir():
				return refusef("%s is not a folder", filepath.Join(p.dir, d))
			}
		}
		t := placeTarget{rel: f.rel, perm: 0o644}
		fi, err := p.root.Lstat(f.rel)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("checking %s: %w", filepath.Join(p.dir, f.rel), err)
		case fi.Mode().IsRegular():
			t.exists, t.perm = true, fi.Mode().Perm()
		case fi.Mode()&fs.ModeSymlink != 0:
			t.exists = true // the link is replaced, not followed
		default:
			return refusef("%s exists and is not a file", filepath.Join(p.dir, f.rel))
		}
		if t.exists {
			p.existing = append(p.existing, f.rel)
		}
		p.targets = append(p.targets, t)
	}
	return nil
}

// stage writes every file, whole and synced, into a new dot folder in dir.
func (p *placement) stage(files []unarchivedFile) error {
	for range 10 {
		var b [8]byte
		rand.Read(b[:])
		name := ".unarchive-" + hex.EncodeToString(b[:])
		err := p.root.Mkdir(name, 0o700)
		if err == nil {
			p.staged = name
			break
		}
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("making a temporary folder in %s: %w", p.dir, err)
		}
	}
	if p.staged == "" {
		return fmt.Errorf("making a temporary folder in %s: no free name", p.dir)
	}
	for i, f := range files {
		if err := writeNewFile(p.root, p.stagedName(i, "new"), f.data, p.targets[i].perm); err != nil {
			return fmt.Errorf("writing %s: %w; nothing was changed", filepath.Join(p.dir, f.rel), err)
		}
	}
	return nil
}

func (p *placement) stagedName(i int, kind string) string {
	return filepath.Join(p.staged, kind+"-"+strconv.Itoa(i))
}

// move makes the new folders and renames each staged file into place,
// moving the file it replaces aside first, so that undo can put it back.
func (p *placement) move() error {
	for _, d := range p.newDirs {
		if err := p.root.Mkdir(d, 0o755); err != nil {
			return fmt.Errorf("making %s: %w", filepath.Join(p.dir, d), err)
		}
		p.undos = append(p.undos, func() error { return p.root.Remove(d) })
	}
	for i, t := range p.targets {
		if t.exists {
			old := p.stagedName(i, "old")
			if err := p.rename(t.rel, old); err != nil {
				return fmt.Errorf("moving %s aside: %w", filepath.Join(p.dir, t.rel), err)
			}
			p.undos = append(p.undos, func() error { return p.root.Rename(old, t.rel) })
		}
		staged := p.stagedName(i, "new")
		if err := p.rename(staged, t.rel); err != nil {
			return fmt.Errorf("moving %s into place: %w", filepath.Join(p.dir, t.rel), err)
		}
		p.undos = append(p.undos, func() error { return p.root.Rename(t.rel, staged) })
	}
	return nil
}

func (p *placement) rename(from, to string) error {
	if unarchiveFault != nil {
		if err := unarchiveFault(filepath.Join(p.dir, to)); err != nil {
			return err
		}
	}
	return p.root.Rename(from, to)
}

// undo reverses the steps move took, the last first.
func (p *placement) undo() error {
	var errs []error
	for i := len(p.undos) - 1; i >= 0; i-- {
		if err := p.undos[i](); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// writeNewFile creates name in root, which must not exist, with data,
// synced.
func writeNewFile(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	return writeSynced(f, data)
}

// syncFolders syncs the folders the files are in (best effort, as
// syncDir), so that the renames into them survive a power cut.
func syncFolders(root *os.Root, files []unarchivedFile) {
	seen := map[string]bool{}
	for _, f := range files {
		for d := filepath.Dir(f.rel); !seen[d]; d = filepath.Dir(d) {
			seen[d] = true
			if dir, err := root.Open(d); err == nil {
				dir.Sync()
				dir.Close()
			}
			if d == "." {
				break
			}
		}
	}
}
