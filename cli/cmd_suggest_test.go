package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

func TestSuggestCommandWritesAValidSet(t *testing.T) {
	for _, path := range []string{goldArticlePath, otherArticlePath, "cli/testdata/suggest/harbor_bridge.txt"} {
		code, stdout, stderr := runCLI("suggest", path)
		if code != 0 {
			t.Fatalf("quotemark suggest %s: exit %d\n%s", path, code, stderr)
		}
		s, err := annotations.Read([]byte(stdout))
		if err != nil {
			t.Fatalf("%s: the output is not a valid set: %v\n%s", path, err, stdout)
		}
		art := loadArticle(t, path)
		if _, err := s.Anchor(art); err != nil {
			t.Fatalf("%s: the set does not fit its article: %v", path, err)
		}
		if s.Annotator != "suggester" || len(s.Annotations) == 0 {
			t.Errorf("%s: annotator %q, %d annotations", path, s.Annotator, len(s.Annotations))
		}
	}
}

func TestSuggestCommandMinConfidence(t *testing.T) {
	count := func(args ...string) int {
		t.Helper()
		code, stdout, stderr := runCLI(append([]string{"suggest"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		s, err := annotations.Read([]byte(stdout))
		if err != nil {
			t.Fatal(err)
		}
		return len(s.Annotations)
	}
	all, some, none := count("-min-confidence", "0", goldArticlePath), count(goldArticlePath), count("-min-confidence", "1", goldArticlePath)
	if !(all >= some && some > none) {
		t.Errorf("annotations at confidence 0, 0.5, 1: %d, %d, %d", all, some, none)
	}
	code, stdout, _ := runCLI("suggest", "-list", goldArticlePath)
	if code != 0 || !strings.Contains(stdout, "direct-quote-marks") || !strings.Contains(stdout, "Delbert Hosemann") {
		t.Errorf("suggest -list: exit %d\n%s", code, stdout)
	}
}

func TestSuggestCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte{0xff, 0xfe, 'a'}, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"suggest"}, "needs one article"},
		{[]string{"suggest", "a.txt", "b.txt"}, "needs one article"},
		{[]string{"suggest", "-min-confidence", "2", goldArticlePath}, "not a number from 0 to 1"},
		{[]string{"suggest", filepath.Join(dir, "missing.txt")}, "reading the article"},
		{[]string{"suggest", bad}, "not UTF-8"},
		{[]string{"eval", goldArticlePath}, "pairs"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.stderr) || stdout != "" {
			t.Errorf("quotemark %q: exit %d, stderr %q, stdout %q; want 2 and %q", tc.args, code, stderr, stdout, tc.stderr)
		}
	}
}

// TestEvalCommand runs what "make eval" runs and checks the aims of issue 5
// on the gold article, and that every test article is reported.
func TestEvalCommand(t *testing.T) {
	code, stdout, stderr := runCLI("eval")
	if code != 0 {
		t.Fatalf("quotemark eval: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"quote direct", "quote indirect/mixed", "quote all", "speaker", "claim", "attribution:", "aims:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("eval output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "NOT MET") {
		t.Errorf("an aim is not met:\n%s", stdout)
	}
	for name := range suggestExpected {
		if !strings.Contains(stdout, name+".txt") {
			t.Errorf("eval does not report %s:\n%s", name, stdout)
		}
	}
}

// TestEvalAimsOnOwnArticles holds the suggester to the gold article's aims
// on the test articles too, so a change that helps one article and hurts
// the others shows.
func TestEvalAimsOnOwnArticles(t *testing.T) {
	for name := range suggestExpected {
		art := loadArticle(t, filepath.Join(evalOwnDir, name+".txt"))
		data, err := os.ReadFile(filepath.Join(evalOwnDir, name+".quotemark.json"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := annotations.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		res, err := evaluateSuggester(art, want, annotations.DefaultSuggestionConfidence)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range evalAims {
			if f := res.figure(a); f == nil || *f < a.min {
				t.Errorf("%s: %s %s is %s, aim %.2f", name, a.row, a.measure, agreement.FormatRatio(f), a.min)
			}
		}
	}
}
