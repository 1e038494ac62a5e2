package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
	"quotemark/annotations/formats"
)

const (
	selExportFormat = `select[aria-label="Export format"]`
	selImportCorpus = `input[type=file][aria-label="Import corpus"]`
)

// TestBrowserExportEveryFormat: the Export menu offers every format, each
// download is what the domain writes for the same set (brat as one zip,
// formats.ExportDownload), and a W3C export
// imports back into a fresh browser as the same annotations.
func TestBrowserExportEveryFormat(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)

	var offered []string
	p.eval(`Array.from(document.querySelector('`+selExportFormat+`').options, o => o.value)`, &offered)
	var names []string
	for _, f := range formats.ExportFormats() {
		names = append(names, f.Name)
	}
	if !slices.Equal(offered, names) {
		t.Fatalf("Export offers %q, want every format %q", offered, names)
	}
	var w3cPath string
	for _, format := range names {
		want, err := formats.ExportDownload(format, art, []*annotations.Set{gold})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range want {
			os.Remove(filepath.Join(p.downloads, f.Name)) // a format may reuse a name
		}
		p.selectOption(selExportFormat, format)
		p.clickButton("Export")
		for _, f := range want {
			got := p.waitDownload(f.Name)
			if !bytes.Equal(got, f.Data) {
				t.Errorf("%s: the browser's %s differs from what formats.Export writes (%d vs %d bytes)", format, f.Name, len(got), len(f.Data))
			}
			if format == "w3c" {
				w3cPath = filepath.Join(t.TempDir(), f.Name)
				if err := os.WriteFile(w3cPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if w3cPath == "" {
		t.Fatal("no W3C export")
	}

	q := newPage(t, "")
	q.openArticle(seedArticle)
	q.chooseFile(selImport, w3cPath)
	items := q.waitItems(len(gold.Annotations))
	var want []listItem
	for _, a := range gold.Annotations {
		want = append(want, listItem{Type: string(a.Type), Start: a.Start, End: a.End})
	}
	if !slices.Equal(itemKeys(items), itemKeys(want)) {
		t.Errorf("the W3C export imported as %q, want %q", itemKeys(items), itemKeys(want))
	}
	q.waitFor("an import report naming the format", `Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes('(w3c)'))`, waitTimeout)
	checkSameSet(t, q.export(seedArticle), gold)
}

// TestBrowserCorpusArchiveRoundTrip: Export corpus in one browser, Import
// corpus in a fresh one, and the library and the article's work are back.
func TestBrowserCorpusArchiveRoundTrip(t *testing.T) {
	gold := readGold(t)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved("true")
	p.openLibrary()
	p.waitFor("the gold set counted", fmt.Sprintf(`document.querySelector('li[data-article-id="%s"] [data-count]').dataset.count === '%d'`, seedArticle, len(gold.Annotations)), waitTimeout)
	p.clickButton("Export corpus")
	zip := p.waitDownload("quotemark-corpus.zip")
	arts, sets, err := corpus.ReadArchive(zip)
	if err != nil {
		t.Fatalf("the exported corpus does not read: %v", err)
	}
	if len(arts) != 2 || len(sets) != 1 || sets[0].ID != gold.ID {
		t.Fatalf("the corpus holds %d articles and %d sets, want the 2 seed articles and the gold set", len(arts), len(sets))
	}
	path := filepath.Join(t.TempDir(), "corpus.zip")
	if err := os.WriteFile(path, zip, 0o644); err != nil {
		t.Fatal(err)
	}

	q := newPage(t, "")
	q.openLibrary()
	q.chooseFile(selImportCorpus, path)
	q.waitFor("the restored count", fmt.Sprintf(`(document.querySelector('li[data-article-id="%s"] [data-count]')||{dataset:{}}).dataset.count === '%d'`, seedArticle, len(gold.Annotations)), waitTimeout)
	q.openArticle(seedArticle)
	got := q.export(seedArticle)
	checkSameSet(t, got, gold)
	if got.ID != gold.ID {
		t.Errorf("the restored set has id %s, want %s", got.ID, gold.ID)
	}
}
