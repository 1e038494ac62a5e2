package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
)

func writeTemp(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCLIImportHypothesis: a Hypothesis annotation, detected as W3C and
// placed by its quote, goes to standard output as a quotemark set; stderr
// says how it was placed.
func TestCLIImportHypothesis(t *testing.T) {
	dir := t.TempDir()
	file := writeTemp(t, dir, "hypothesis.json", `{
  "@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
  "id": "https://hypothes.is/a/abc", "creator": "acct:checker@hypothes.is",
  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}],
  "target": {"source": "https://example.com/", "selector": [
    {"type": "TextPositionSelector", "start": 99999, "end": 100010},
    {"type": "TextQuoteSelector", "exact": "Kobach was fined $1,000 by a federal judge last week"}]}}`)
	code, stdout, stderr := runCLI("import", "-article", cliGoldArticle, file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	s, err := annotations.Read([]byte(stdout))
	if err != nil {
		t.Fatalf("stdout is not a set: %v\n%s", err, stdout)
	}
	if len(s.Annotations) != 1 || s.Annotations[0].Type != annotations.Claim || s.Annotator != "checker" {
		t.Errorf("set %+v", s)
	}
	if !strings.Contains(stderr, "(w3c)") || !strings.Contains(stderr, "1 exactly elsewhere") {
		t.Errorf("stderr %q", stderr)
	}
	// One that cannot be placed is named, with why.
	lost := writeTemp(t, dir, "lost.json", `{"type": "Annotation", "target": {"source": "x", "selector":
	  {"type": "TextQuoteSelector", "exact": "a sentence this article never contained, not even nearly"}}}`)
	code, stdout, stderr = runCLI("import", "-from", "w3c", "-article", cliGoldArticle, lost)
	if code != 0 || !strings.Contains(stderr, "1 not placed") || !strings.Contains(stderr, `not placed: quote "a sentence this article never contained`) ||
		!strings.Contains(stderr, "not in the output") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if s, err := annotations.Read([]byte(stdout)); err != nil || len(s.Annotations) != 0 {
		t.Errorf("stdout: %v %s", err, stdout)
	}
}

// TestCLIImportSeveralSets: a CSV with two sets needs a folder, and gives a
// file per set there.
func TestCLIImportSeveralSets(t *testing.T) {
	dir := t.TempDir()
	csv := writeTemp(t, dir, "two.csv", "article_id,set_id,annotator,annotation_id,type,start,end,text,speaker,form,checkworthy,note\r\n"+
		"000_ce1de57ff9e6a72c,a,Ann,,speaker,780,788,Hosemann,Delbert Hosemann,,,\r\n"+
		"000_ce1de57ff9e6a72c,b,Bo,,claim,,,\"Kobach was fined $1,000 by a federal judge last week\",,,true,\r\n")
	code, _, stderr := runCLI("import", "-article", cliGoldArticle, csv)
	if code != 2 || !strings.Contains(stderr, "name a folder for them with -o") {
		t.Errorf("two sets to stdout: exit %d, stderr %q", code, stderr)
	}
	out := filepath.Join(dir, "sets")
	code, _, stderr = runCLI("import", "-article", cliGoldArticle, "-o", out, csv)
	names, _ := filepath.Glob(filepath.Join(out, "*.quotemark.json"))
	if code != 0 || len(names) != 2 {
		t.Fatalf("exit %d, files %v, stderr %q", code, names, stderr)
	}
	for _, n := range names {
		code, stdout, _ := runCLI("validate", "-article", cliGoldArticle, n)
		if code != 0 {
			t.Errorf("%s is not valid: %s", n, stdout)
		}
	}
}

func TestCLIImportRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := writeTemp(t, dir, "bad.ann", "T1\tQuote 0 4\tThey\nR1\tAttribution Arg1:T1 Arg2:T7\n")
	noise := writeTemp(t, dir, "noise.txt", "just some words")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"import", bad}, 2, "-article is required"},
		{[]string{"import", "-article", cliGoldArticle}, 2, "import reads one file, got 0"},
		{[]string{"import", "-from", "docx", "-article", cliGoldArticle, bad}, 2, `-from "docx" is not a format`},
		{[]string{"import", "-article", cliGoldArticle, bad}, 2, "bad.ann: brat standoff: line 2: R1: Arg2 T7 is not a T line of the file"},
		{[]string{"import", "-article", cliGoldArticle, noise}, 2, "noise.txt: not a format quotemark reads"},
		{[]string{"import", "-article", filepath.Join(dir, "missing.txt"), bad}, 2, "reading the article"},
		{[]string{"import", "-from", "csv", "-article", cliGoldArticle, bad}, 2, "CSV: line 1: the header must be"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) || stdout != "" {
			t.Errorf("quotemark %q: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
}
