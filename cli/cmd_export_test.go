package cli

import (
	"os"
	"path/filepath"
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
			for _, name := range []string{"000_ce1de57ff9e6a72c.txt", "annotation.conf"} {
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
		{[]string{"export", "-to", "brat", cliGoldSet}, 2, "name a folder for them with -o"},
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
