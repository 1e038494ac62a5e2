package cli

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

const (
	cliGoldSet     = "internal/fixture/testdata/000_ce1de57ff9e6a72c.quotemark.json"
	cliGoldArticle = "web/articles/000_ce1de57ff9e6a72c.txt"
)

func cliGold(t *testing.T) (*annotations.Set, []byte) {
	t.Helper()
	data, err := os.ReadFile(cliGoldSet)
	if err != nil {
		t.Fatal(err)
	}
	s, err := annotations.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return s, data
}

// TestCLIExportEachFormat exports the reference set in every format, finding
// its text among the seed articles, and imports each file back: the set
// comes back whole, and for the lossless formats byte for byte.
func TestCLIExportEachFormat(t *testing.T) {
	gold, goldBytes := cliGold(t)
	dir := t.TempDir()
	for _, f := range formats.ExportFormats() {
		out := filepath.Join(dir, f.Name)
		code, stdout, stderr := runCLI("export", "-to", f.Name, "-o", out, cliGoldSet)
		if code != 0 || stdout != "" {
			t.Fatalf("export -to %s: exit %d\nstdout: %s\nstderr: %s", f.Name, code, stdout, stderr)
		}
		file := out
		if f.Name == "brat" {
			for _, name := range []string{"000_ce1de57ff9e6a72c.txt", "annotation.conf", "visual.conf"} {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("brat: %v", err)
				}
			}
			file = filepath.Join(out, "000_ce1de57ff9e6a72c.ann")
		}
		back := filepath.Join(dir, f.Name+".back.json")
		code, stdout, stderr = runCLI("import", "-article", cliGoldArticle, "-o", back, file)
		if code != 0 {
			t.Fatalf("import of the %s export: exit %d\nstdout: %s\nstderr: %s", f.Name, code, stdout, stderr)
		}
		if !strings.Contains(stderr, "34 placed exactly at their position") || !strings.Contains(stderr, "0 not placed") {
			t.Errorf("import of the %s export: stderr %q", f.Name, stderr)
		}
		data, err := os.ReadFile(back)
		if err != nil {
			t.Fatal(err)
		}
		s, err := annotations.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Annotations) != len(gold.Annotations) {
			t.Errorf("%s: %d annotations came back, want %d", f.Name, len(s.Annotations), len(gold.Annotations))
		}
		switch f.Name {
		case "quotemark", "w3c", "jsonl", "labelstudio", "doccano":
			if string(data) != string(goldBytes) {
				t.Errorf("%s: the set that came back differs from the original", f.Name)
			}
		}
	}
}

func TestCLIExportToStdout(t *testing.T) {
	code, stdout, stderr := runCLI("export", "-to", "csv", cliGoldSet)
	if code != 0 || !strings.HasPrefix(stdout, "article_id,set_id,annotator,annotation_id,type,start,end,text,speaker,form,checkworthy,note\r\n") {
		t.Errorf("export -to csv: exit %d, stderr %q, stdout %.200q", code, stderr, stdout)
	}
	// Two sets: CSV holds both; W3C gives a file each, so it needs -o.
	code, stdout, _ = runCLI("export", "-to", "csv", cliGoldSet, cliGoldSet)
	if code != 0 || strings.Count(stdout, "\r\n") != 1+2*34 {
		t.Errorf("export -to csv of two sets: exit %d, %d lines", code, strings.Count(stdout, "\r\n"))
	}
	code, _, stderr = runCLI("export", "-to", "w3c", cliGoldSet, cliGoldSet)
	if code != 2 || !strings.Contains(stderr, "name a folder for them with -o") {
		t.Errorf("export -to w3c of two sets to stdout: exit %d, stderr %q", code, stderr)
	}
	dir := t.TempDir()
	code, _, stderr = runCLI("export", "-to", "w3c", "-o", dir, cliGoldSet, cliGoldSet)
	if names, _ := filepath.Glob(filepath.Join(dir, "*.w3c.jsonld")); code != 0 || len(names) != 2 {
		t.Errorf("export -to w3c of two sets into a folder: exit %d, files %v, stderr %q", code, names, stderr)
	}
}

func TestCLIExportRefuses(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.quotemark.json")
	gold, _ := cliGold(t)
	art := annotations.ArticleFromText("other", "An article that is not a seed article.")
	s := annotations.NewSet(art, "x", gold.Created)
	if err := os.WriteFile(other, annotations.Write(s), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"format": "quotemark/annotations"`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"export", cliGoldSet}, 2, "-to is required"},
		{[]string{"export", "-to", "pdf", cliGoldSet}, 2, `-to "pdf" is not a format`},
		{[]string{"export", "-to", "csv"}, 2, "no set file given"},
		{[]string{"export", "-to", "brat", cliGoldSet}, 2, "name a folder for them with -o DIR, or a zip with -o FILE.zip"},
		{[]string{"export", "-to", "csv", filepath.Join(dir, "missing.json")}, 2, "reading the set"},
		{[]string{"export", "-to", "csv", broken}, 2, "broken.json: not valid JSON"},
		{[]string{"export", "-to", "csv", other}, 2, "not a seed article; give its text with -article"},
		{[]string{"export", "-to", "csv", cliGoldSet, other}, 2, "are for different texts"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) || stdout != "" {
			t.Errorf("quotemark %q: exit %d, stderr %q, stdout %.80q; want %d and %q", tc.args, code, stderr, stdout, tc.code, tc.stderr)
		}
	}
}

// TestCLIExportReanchors: with -article naming an edited text, the set is
// re-anchored first and stderr says how.
func TestCLIExportReanchors(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(cliGoldArticle)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "000_ce1de57ff9e6a72c.txt")
	if err := os.WriteFile(edited, append([]byte("Editor's note: this story was updated.\n\n"), raw...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("export", "-to", "jsonl", "-article", edited, cliGoldSet)
	if code != 0 || !strings.Contains(stderr, "made on another version of the text; re-anchored") || !strings.Contains(stdout, "Editor's note") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// goldBrat is the brat export of the reference set on its seed article:
// the files and the zip the CLI must write.
func goldBrat(t *testing.T) ([]formats.ExportedFile, formats.ExportedFile) {
	t.Helper()
	gold, _ := cliGold(t)
	art := seedArticleBySHA256(gold.Article.SHA256)
	if art == nil {
		t.Fatal("the reference set's article is not a seed article")
	}
	files, err := formats.Export("brat", art, []*annotations.Set{gold})
	if err != nil {
		t.Fatal(err)
	}
	zf, err := formats.ExportZip("brat", art, []*annotations.Set{gold})
	if err != nil {
		t.Fatal(err)
	}
	return files, zf
}

// dirNames lists a folder's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestCLIExportBratToFolder: -o DIR writes the four files of a brat
// collection into DIR, made if missing, as the domain writes them.
func TestCLIExportBratToFolder(t *testing.T) {
	files, _ := goldBrat(t)
	dir := filepath.Join(t.TempDir(), "collection")
	code, stdout, stderr := runCLI("export", "-to", "brat", "-o", dir, cliGoldSet)
	if code != 0 || stdout != "" {
		t.Fatalf("export -to brat -o DIR: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	want := []string{"000_ce1de57ff9e6a72c.ann", "000_ce1de57ff9e6a72c.txt", "annotation.conf", "visual.conf"}
	if got := dirNames(t, dir); !slices.Equal(got, want) {
		t.Fatalf("the folder holds %q, want %q", got, want)
	}
	for _, f := range files {
		if got, err := os.ReadFile(filepath.Join(dir, f.Name)); err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("%s differs from what formats.Export writes (%v)", f.Name, err)
		}
	}
}

// TestCLIExportBratToZip: -o FILE.zip writes one zip, the same bytes as the
// browser's download (formats.ExportZip) and the same on every run, holding
// the collection's four files; it leaves nothing else beside it.
func TestCLIExportBratToZip(t *testing.T) {
	files, zf := goldBrat(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "hosemann.zip")
	for run := 1; run <= 2; run++ {
		code, stdout, stderr := runCLI("export", "-to", "brat", "-o", out, cliGoldSet)
		if code != 0 || stdout != "" || !strings.Contains(stderr, "wrote "+out) {
			t.Fatalf("run %d: export -to brat -o FILE.zip: exit %d\nstdout: %s\nstderr: %s", run, code, stdout, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, zf.Data) {
			t.Fatalf("run %d: the zip differs from formats.ExportZip's (%d vs %d bytes)", run, len(data), len(zf.Data))
		}
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"hosemann.zip"}) {
		t.Errorf("the folder holds %q, want only the zip", got)
	}
	zr, err := zip.NewReader(bytes.NewReader(zf.Data), int64(len(zf.Data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range zr.File {
		names = append(names, e.Name)
	}
	var want []string
	for _, f := range files {
		want = append(want, "000_ce1de57ff9e6a72c/"+f.Name)
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("the zip holds %q, want %q", names, want)
	}

	// Any format: -o FILE.zip packs its files, here a W3C file per set.
	w3c := filepath.Join(dir, "w3c.ZIP")
	code, _, stderr := runCLI("export", "-to", "w3c", "-o", w3c, cliGoldSet, cliGoldSet)
	data, _ := os.ReadFile(w3c)
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); code != 0 || err != nil || len(zr.File) != 2 {
		t.Errorf("export -to w3c of two sets -o w3c.ZIP: exit %d, stderr %q, zip %v", code, stderr, err)
	}

	// A folder whose name ends in .zip, which -o wrote brat's files into
	// before there was a zip, still gets them.
	folder := filepath.Join(dir, "old.zip")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI("export", "-to", "brat", "-o", folder, cliGoldSet)
	if got := dirNames(t, folder); code != 0 || len(got) != 4 {
		t.Errorf("export into the folder old.zip: exit %d, stderr %q, files %q", code, stderr, got)
	}
}

// TestCLIExportZipIsAtomic: a write that fails before the zip is complete
// leaves the old zip as it was and no temporary file.
func TestCLIExportZipIsAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "export.zip")
	old := []byte("the zip of yesterday")
	if err := os.WriteFile(out, old, 0o644); err != nil {
		t.Fatal(err)
	}
	n := faultAfterWrite(t)
	code, _, stderr := runCLI("export", "-to", "brat", "-o", out, cliGoldSet)
	if code != 1 || !strings.Contains(stderr, "writing the zip") || *n != 1 {
		t.Errorf("a failed write: exit %d, stderr %q, %d faults; want 1 and the reason", code, stderr, *n)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, old) {
		t.Errorf("the old zip became %d bytes; want it untouched", len(got))
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"export.zip"}) {
		t.Errorf("the folder holds %q after the failed write, want only the old zip", got)
	}
}
