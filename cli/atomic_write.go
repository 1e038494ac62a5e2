package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic writes data to path so that path only ever holds its old
// content or all of data: a crash, a kill or a full disk mid-write leaves at
// most a temporary dot file beside it (which the server skips), never a
// truncated file in its place. The data goes to a new file in path's folder
// (a rename is atomic only within one file system), is synced so the rename
// cannot reach the disk before the bytes do, and is renamed onto path; the
// folder is synced after, so the rename itself survives a power cut.
//
// When path is a symlink the file it points to is replaced, as a plain
// write through the link would, not the link itself. An existing file keeps
// its permissions; a new one gets 0644. A device or a pipe (-o /dev/stdout)
// is written as it is: it cannot be renamed onto, and holds no file to
// truncate. Every command that writes a file (export, import, merge,
// archive, unarchive, precompress) writes through here.
func writeFileAtomic(path string, data []byte) error {
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.IsDir():
			return &fs.PathError{Op: "write", Path: path, Err: errors.New("is a folder")}
		case !fi.Mode().IsRegular():
			return writeDevice(path, data)
		}
		perm = fi.Mode().Perm()
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		path = real
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = writeSynced(f, data)
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil && atomicWriteFault != nil {
		err = atomicWriteFault(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(dir)
	return nil
}

// atomicWriteFault, when a test sets it, runs after the data is written and
// before the rename, as a kill or a failing disk would strike there.
var atomicWriteFault func(tmp string) error

func writeDevice(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeSynced writes data to f, syncs it and closes it.
func writeSynced(f *os.File, data []byte) error {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes the renames into dir durable. It is best effort: some
// systems (Windows) cannot sync a folder, and the data is whole either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
