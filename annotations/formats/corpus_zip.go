package formats

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"quotemark/annotations/internal/detzip"
)

// MaxCorpusZipBytes bounds a zip of a brat folder and, separately, what its
// entries inflate to together: the corpus archive's limit.
const MaxCorpusZipBytes = 512 << 20

// corpusZipLimit is the limit OpenCorpusZip applies; tests lower it.
var corpusZipLimit int64 = MaxCorpusZipBytes

// OpenCorpusZip opens a zip of a brat folder for ImportCorpus: its .ann
// files with their texts beside them, at the top or in any folder. A zip
// made of one folder (every entry under one top folder, as zipping a folder
// makes it) is read from inside it, so that the folder's name is not taken
// for an annotator's; messages name paths with it. A zip over
// MaxCorpusZipBytes, whose entries declare more than that together or share
// their data, is refused before anything is inflated; each file is then
// read within its own limit (ImportCorpus).
func OpenCorpusZip(data []byte) (CorpusSource, error) {
	if int64(len(data)) > corpusZipLimit {
		return CorpusSource{}, fmt.Errorf("the zip is %d bytes, over the limit of %d bytes on a corpus zip", len(data), corpusZipLimit)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // such a name is not in zr's fs.FS
		return CorpusSource{}, fmt.Errorf("not a zip: %w", err)
	}
	if err := detzip.CheckEntries(zr.File, int64(len(data)), corpusZipLimit, "a corpus zip"); err != nil {
		return CorpusSource{}, err
	}
	top := zipTopFolder(zr.File)
	if top == "" {
		return CorpusSource{Files: zr}, nil
	}
	sub, err := fs.Sub(zr, top)
	if err != nil {
		return CorpusSource{}, fmt.Errorf("%s: %w", top, err)
	}
	return CorpusSource{Files: sub, FilesName: top}, nil
}

// zipTopFolder is the one folder every entry of the zip is in, leaving out
// what is no part of a corpus (skippedInCorpus), or "" when there is none.
func zipTopFolder(files []*zip.File) string {
	top := ""
	for _, f := range files {
		first, _, nested := strings.Cut(f.Name, "/")
		switch {
		case skippedInCorpus(first):
			continue
		case !nested:
			return "" // a file at the top
		case top == "":
			top = first
		case first != top:
			return ""
		}
	}
	if !fs.ValidPath(top) {
		return ""
	}
	return top
}
