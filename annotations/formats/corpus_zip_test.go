package formats

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations/internal/detzip"
)

func testZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var entries []detzip.Entry
	for _, name := range slices.Sorted(maps.Keys(files)) {
		entries = append(entries, detzip.Entry{Name: name, Data: []byte(files[name])})
	}
	data, err := detzip.Write(entries)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A zip of one folder is read from inside it: the folder is no annotator,
// and messages name paths with it; a Mac's __MACOSX beside it is no part
// of the corpus.
func TestOpenCorpusZipTopFolder(t *testing.T) {
	ann := senatorAnn(t, "the vote was rigged", false)
	data := testZip(t, map[string]string{
		"corpus/annA/t.ann":            ann,
		"corpus/annA/t.txt":            corpusTestText,
		"corpus/t.bob.ann":             ann,
		"corpus/t.txt":                 corpusTestText,
		"__MACOSX/corpus/annA/._t.ann": "a resource fork",
	})
	src, err := OpenCorpusZip(data)
	if err != nil {
		t.Fatal(err)
	}
	if src.FilesName != "corpus" {
		t.Errorf("FilesName %q, want the top folder", src.FilesName)
	}
	imp, err := ImportCorpus(src, "brat", nil, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range imp.Files {
		got = append(got, f.Set.Annotator+" "+f.Shown)
	}
	if want := []string{"annA corpus/annA/t.ann", "bob corpus/t.bob.ann"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}

	// Without one top folder, the paths are the zip's.
	src, err = OpenCorpusZip(testZip(t, map[string]string{"annA/t.ann": ann, "annA/t.txt": corpusTestText, "t.bob.ann": ann}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ImportCorpus(src, "brat", nil, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "t.bob.ann: its text t.txt is missing") || src.FilesName != "" {
		t.Errorf("a missing text at the top: %v (FilesName %q)", err, src.FilesName)
	}
}

func TestOpenCorpusZipRefusals(t *testing.T) {
	src, err := OpenCorpusZip([]byte("PK not a zip"))
	if err == nil || !strings.Contains(err.Error(), "not a zip") {
		t.Errorf("not a zip: %v", err)
	}
	src, err = OpenCorpusZip(testZip(t, map[string]string{"notes/readme.txt": "hello"}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ImportCorpus(src, "brat", nil, ImportOptions{}); !errors.Is(err, ErrNoAnnotationFiles) {
		t.Errorf("a zip without .ann: %v, want ErrNoAnnotationFiles", err)
	}
	data := testZip(t, map[string]string{"t.ann": strings.Repeat(" ", 1000), "t.txt": corpusTestText})
	defer func(old int64) { corpusZipLimit = old }(corpusZipLimit)
	corpusZipLimit = 900 // the zip is smaller: its entries declare more
	if _, err := OpenCorpusZip(data); err == nil || !strings.Contains(err.Error(), "over the limit of 900 bytes on a corpus zip's inflated size") {
		t.Errorf("entries declaring more than the limit: %v", err)
	}
	corpusZipLimit = int64(len(data)) - 1
	if _, err := OpenCorpusZip(data); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("a zip over the limit: %v", err)
	}
}
