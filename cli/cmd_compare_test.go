package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

// The reference set of the first seed article and a perturbed copy of it
// (see annotations/compare_test.go for what was changed).
const (
	goldSetPath      = "internal/fixture/testdata/000_ce1de57ff9e6a72c.quotemark.json"
	perturbedSetPath = "internal/fixture/testdata/000_ce1de57ff9e6a72c.perturbed.quotemark.json"
	goldArticlePath  = "web/articles/000_ce1de57ff9e6a72c.txt"
	otherArticlePath = "web/articles/001_d82527d5600d2d18.txt"
)

func loadArticle(t *testing.T, path string) *annotations.Article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(path), raw)
	if err != nil {
		t.Fatal(err)
	}
	return art
}

// writeSetFile writes s to a new file in dir and returns its path.
func writeSetFile(t *testing.T, dir, name string, s *annotations.Set) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, annotations.Write(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// goldComparison is what the library computes for the gold and perturbed sets.
func goldComparison(t *testing.T, paths ...string) *agreement.Comparison {
	t.Helper()
	art := loadArticle(t, goldArticlePath)
	var sets []*annotations.Set
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := annotations.Read(raw)
		if err != nil {
			t.Fatal(err)
		}
		sets = append(sets, s)
	}
	c, err := agreement.Compare(art, sets)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantExit(t *testing.T, args []string, code int) (stdout, stderr string) {
	t.Helper()
	got, stdout, stderr := runCLI(args...)
	if got != code {
		t.Fatalf("quotemark %q: exit %d, want %d\nstdout: %s\nstderr: %s", args, got, code, stdout, stderr)
	}
	if code == 2 && stdout != "" {
		t.Errorf("quotemark %q: exit 2 wrote to stdout: %s", args, stdout)
	}
	return stdout, stderr
}

// hasRow reports whether a line of out has the given fields, however
// aligned.
func hasRow(out, fields string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Join(strings.Fields(line), " ") == fields {
			return true
		}
	}
	return false
}

func TestCompareCommandText(t *testing.T) {
	stdout, stderr := wantExit(t, []string{"compare", goldSetPath, perturbedSetPath}, 0)
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	for _, line := range []string{
		"Article 000_ce1de57ff9e6a72c: Secretary of State Delbert Hosemann (4428 code points, sha256 1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165)",
		"  0  " + goldSetPath + strings.Repeat(" ", len(perturbedSetPath)-len(goldSetPath)+2) + "reference  14 quotes, 7 speaker mentions, 13 claims",
		"  1  " + perturbedSetPath + "  perturbed  15 quotes, 6 speaker mentions, 12 claims",
		"A = 0 " + goldSetPath + ", B = 1 " + perturbedSetPath,
		"    type      A   B  exact      P      R     F1  overlap      P      R     F1  kappa",
		"    quote    14  15     13  0.867  0.929  0.897       14  0.933  1.000  0.966  0.980",
		"    speaker   7   6      5  0.833  0.714  0.769        6  1.000  0.857  0.923  0.921",
		"    claim    13  12     11  0.917  0.846  0.880       12  1.000  0.923  0.960  0.917",
		"    all      34  33     29  0.879  0.853  0.866       32  0.970  0.941  0.955",
		"  attribution: 13 of 14 matched quote pairs attributed in both sets agree (0.929)",
		"Krippendorff's alpha over the 2 sets: quote 0.980, speaker 0.921, claim 0.917",
	} {
		if !strings.Contains(stdout, line+"\n") {
			t.Errorf("stdout lacks the line %q:\n%s", line, stdout)
		}
	}
	// The numbers are the library's, through FormatRatio.
	c := goldComparison(t, goldSetPath, perturbedSetPath)
	for _, ty := range []string{"quote", "speaker", "claim"} {
		if k := agreement.FormatRatio(c.Pairs[0].Types[ty].Kappa); !strings.Contains(stdout, "  "+k+"\n") {
			t.Errorf("kappa %s of %s not printed", k, ty)
		}
	}
	// Undefined figures print as —.
	dir := t.TempDir()
	art := loadArticle(t, goldArticlePath)
	empty := writeSetFile(t, dir, "empty.json", annotations.NewSet(art, "", time.Now()))
	stdout, _ = wantExit(t, []string{"compare", empty, empty}, 0)
	if !hasRow(stdout, "quote 0 0 0 — — — 0 — — — —") || !hasRow(stdout, "all 0 0 0 — — — 0 — — —") ||
		!strings.Contains(stdout, "(no annotator)") || !strings.Contains(stdout, "no matched quote pair attributed in both sets (—)") {
		t.Errorf("empty sets:\n%s", stdout)
	}
}

func TestCompareCommandMarkdown(t *testing.T) {
	stdout, _ := wantExit(t, []string{"compare", "-format", "markdown", goldSetPath, perturbedSetPath, goldSetPath}, 0)
	for _, line := range []string{
		"# Agreement on 000_ce1de57ff9e6a72c",
		"| # | file | annotator | quotes | speaker mentions | claims |",
		"| 1 | `" + perturbedSetPath + "` | perturbed | 15 | 6 | 12 |",
		"## A = 0 `" + goldSetPath + "`, B = 1 `" + perturbedSetPath + "`",
		"| type | A | B | exact | P | R | F1 | overlap | P | R | F1 | kappa |",
		"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
		"| quote | 14 | 15 | 13 | 0.867 | 0.929 | 0.897 | 14 | 0.933 | 1.000 | 0.966 | 0.980 |",
		"| all | 34 | 33 | 29 | 0.879 | 0.853 | 0.866 | 32 | 0.970 | 0.941 | 0.955 |  |",
		"Attribution: 13 of 14 matched quote pairs attributed in both sets agree (0.929).",
		"## A = 0 `" + goldSetPath + "`, B = 2 `" + goldSetPath + "`",
		"| all | 34 | 34 | 34 | 1.000 | 1.000 | 1.000 | 34 | 1.000 | 1.000 | 1.000 |  |",
		"## A = 1 `" + perturbedSetPath + "`, B = 2 `" + goldSetPath + "`",
		"## Krippendorff's alpha over the 3 sets",
	} {
		if !strings.Contains(stdout, line+"\n") {
			t.Errorf("stdout lacks the line %q:\n%s", line, stdout)
		}
	}
	c := goldComparison(t, goldSetPath, perturbedSetPath, goldSetPath)
	alpha := "| " + agreement.FormatRatio(c.Alpha["quote"]) + " | " + agreement.FormatRatio(c.Alpha["speaker"]) + " | " +
		agreement.FormatRatio(c.Alpha["claim"]) + " |\n"
	if !strings.Contains(stdout, alpha) {
		t.Errorf("stdout lacks alpha %q", alpha)
	}
}

func TestCompareCommandJSON(t *testing.T) {
	stdout, _ := wantExit(t, []string{"compare", "-format", "json", goldSetPath, perturbedSetPath, goldSetPath}, 0)
	var got struct {
		Sets []struct {
			ID, Annotator string
			Counts        map[string]int
		}
		Pairs []struct {
			A, B  int
			Types map[string]map[string]json.RawMessage
			// Attribution
			Attribution struct {
				Pairs, Agree int
				Rate         *float64
			}
		}
		Alpha map[string]*float64
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(got.Sets) != 3 || got.Sets[1].Annotator != "perturbed" || got.Sets[0].Counts["quote"] != 14 {
		t.Errorf("sets %+v", got.Sets)
	}
	if len(got.Pairs) != 3 || got.Pairs[0].A != 0 || got.Pairs[0].B != 1 || got.Pairs[1].B != 2 || got.Pairs[2].A != 1 {
		t.Fatalf("pairs %+v", got.Pairs)
	}
	// The same bytes as the library's, indented.
	c := goldComparison(t, goldSetPath, perturbedSetPath, goldSetPath)
	want, _ := json.Marshal(c)
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(stdout)); err != nil {
		t.Fatal(err)
	}
	if compact.String() != string(want) {
		t.Errorf("JSON differs from Comparison.MarshalJSON:\n%s\n%s", compact.String(), want)
	}
	p := got.Pairs[0]
	var f1 float64
	var overlap map[string]json.RawMessage
	json.Unmarshal(p.Types["all"]["overlap"], &overlap)
	json.Unmarshal(overlap["f1"], &f1)
	if f1 != 64.0/67 {
		t.Errorf("pairs[0].types.all.overlap.f1 = %v, want 64/67", f1)
	}
	if _, ok := p.Types["all"]["kappa"]; ok {
		t.Error("types.all has a kappa")
	}
	if _, ok := p.Types["claim"]["kappa"]; !ok {
		t.Error("types.claim has no kappa")
	}
	if p.Attribution.Pairs != 14 || p.Attribution.Agree != 13 || len(got.Alpha) != 3 || got.Alpha["quote"] == nil {
		t.Errorf("attribution %+v alpha %v", p.Attribution, got.Alpha)
	}
	if !strings.HasSuffix(stdout, "}\n") || !strings.Contains(stdout, "\n  \"pairs\": [\n") {
		t.Errorf("not indented JSON with a final newline:\n%s", stdout)
	}
}

func TestCompareCommandMinF1(t *testing.T) {
	// Overlap F1 over all types is 64/67 = 0.9552.
	stdout, stderr := wantExit(t, []string{"compare", "-min-f1", "0.955", goldSetPath, perturbedSetPath}, 0)
	if stdout == "" || stderr != "" {
		t.Errorf("passing gate: stdout %q stderr %q", stdout, stderr)
	}
	stdout, stderr = wantExit(t, []string{"compare", "-min-f1", "0.96", "-format", "json", goldSetPath, perturbedSetPath, goldSetPath}, 1)
	if !strings.Contains(stdout, `"pairs"`) {
		t.Errorf("the figures are not printed before failing: %q", stdout)
	}
	want := "quotemark compare: overlap F1 over all types is below -min-f1 0.96 for 2 of 3 pairs:\n" +
		"  0 " + goldSetPath + " vs 1 " + perturbedSetPath + ": 0.955\n" +
		"  1 " + perturbedSetPath + " vs 2 " + goldSetPath + ": 0.955\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	wantExit(t, []string{"compare", "-min-f1", "1", goldSetPath, goldSetPath}, 0)
	wantExit(t, []string{"compare", "-min-f1", "0", goldSetPath, perturbedSetPath}, 0)
	// Two empty sets: F1 is undefined, which counts as below.
	art := loadArticle(t, goldArticlePath)
	empty := writeSetFile(t, t.TempDir(), "empty.json", annotations.NewSet(art, "", time.Now()))
	_, stderr = wantExit(t, []string{"compare", "-min-f1", "0", empty, empty}, 1)
	if !strings.Contains(stderr, "undefined (neither set has an annotation)") {
		t.Errorf("stderr: %s", stderr)
	}
	for _, bad := range []string{"x", "1.5", "-0.1", ""} {
		_, stderr = wantExit(t, []string{"compare", "-min-f1", bad, goldSetPath, perturbedSetPath}, 2)
		if !strings.Contains(stderr, "is not a number from 0 to 1") {
			t.Errorf("-min-f1 %q: %s", bad, stderr)
		}
	}
}

func TestCompareCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	other := loadArticle(t, otherArticlePath)
	otherSet := writeSetFile(t, dir, "other.json", annotations.NewSet(other, "ann", time.Now()))
	notJSON := filepath.Join(dir, "notjson.json")
	writeFile(t, notJSON, "{")
	tampered := filepath.Join(dir, "tampered.json")
	raw, _ := os.ReadFile(goldSetPath)
	writeFile(t, tampered, strings.Replace(string(raw), `"exact": "Hosemann"`, `"exact": "Hosemanx"`, 1))
	// A set of a text that is no seed article.
	private := filepath.Join(dir, "private.txt")
	writeFile(t, private, "A private text. “Quoted,” she said.\n")
	privArt := loadArticle(t, private)
	privSet := annotations.NewSet(privArt, "p", time.Now())
	if _, err := privSet.Add(privArt, annotations.Quote, 17, 23); err != nil {
		t.Fatal(err)
	}
	privPath := writeSetFile(t, dir, "private.json", privSet)
	missing := filepath.Join(dir, "missing.json")

	for _, tc := range []struct {
		args   []string
		stderr []string
	}{
		{[]string{goldSetPath}, []string{"at least two sets, got 1", "usage: quotemark compare"}},
		{[]string{"-format", "xml", goldSetPath, goldSetPath}, []string{`-format "xml" is not text, markdown or json`}},
		{[]string{goldSetPath, missing}, []string{"reading the set", missing}},
		{[]string{goldSetPath, notJSON}, []string{notJSON + " is not a valid annotation set: not valid JSON"}},
		{[]string{goldSetPath, tampered}, []string{tampered + ` does not fit the text of article "000_ce1de57ff9e6a72c"`, "exact"}},
		{[]string{goldSetPath, otherSet}, []string{goldSetPath + " and " + otherSet + " are for different texts",
			`article "000_ce1de57ff9e6a72c"`, `article "001_d82527d5600d2d18"`}},
		{[]string{privPath, privPath}, []string{`the sets are for article "private"`, "not a seed article", "-article ARTICLE.txt"}},
		{[]string{"-article", otherArticlePath, goldSetPath, goldSetPath}, []string{otherArticlePath + " is not the text the sets were made on"}},
		{[]string{"-article", missing, goldSetPath, goldSetPath}, []string{"reading the article", missing}},
	} {
		args := append([]string{"compare"}, tc.args...)
		_, stderr := wantExit(t, args, 2)
		for _, s := range tc.stderr {
			if !strings.Contains(stderr, s) {
				t.Errorf("quotemark %q: stderr lacks %q:\n%s", args, s, stderr)
			}
		}
		if !strings.HasPrefix(stderr, "quotemark compare: ") {
			t.Errorf("quotemark %q: stderr %q", args, stderr)
		}
	}
	// With -article, the private text's sets compare.
	stdout, _ := wantExit(t, []string{"compare", "-article", private, privPath, privPath}, 0)
	if !strings.Contains(stdout, "Article private: A private text.") || !hasRow(stdout, "quote 1 1 1 1.000 1.000 1.000 1 1.000 1.000 1.000 1.000") {
		t.Errorf("with -article:\n%s", stdout)
	}
	// The seed article found by its sha256 equals the file's text.
	if art := seedArticleBySHA256(loadArticle(t, goldArticlePath).SHA256); art == nil || art.ID != "000_ce1de57ff9e6a72c" {
		t.Errorf("seed article: %+v", art)
	}
	if seedArticleBySHA256(privArt.SHA256) != nil {
		t.Error("a private text found among the seed articles")
	}
}

func TestCompareAndMergeInHelp(t *testing.T) {
	stdout, _ := wantExit(t, []string{"help"}, 0)
	if !strings.Contains(stdout, "  compare  ") || !strings.Contains(stdout, "  merge  ") {
		t.Errorf("help:\n%s", stdout)
	}
	stdout, _ = wantExit(t, []string{"help", "compare"}, 0)
	if !strings.Contains(stdout, "An undefined F1") || !strings.Contains(stdout, "counts as below X") || !strings.Contains(stdout, "-min-f1 X") {
		t.Errorf("help compare:\n%s", stdout)
	}
	stdout, _ = wantExit(t, []string{"help", "merge"}, 0)
	if !strings.Contains(stdout, "-min-agree K") || !strings.Contains(stdout, "disagreements remain") {
		t.Errorf("help merge:\n%s", stdout)
	}
}
