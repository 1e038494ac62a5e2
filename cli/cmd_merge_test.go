package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

// readMerged reads a merged set and anchors it on the gold article, as any
// consumer of the file would.
func readMerged(t *testing.T, path string) *annotations.Set {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := annotations.Read(raw)
	if err != nil {
		t.Fatalf("the merged set does not read: %v", err)
	}
	if rep, err := s.Anchor(loadArticle(t, goldArticlePath)); err != nil || rep.Reanchored {
		t.Fatalf("the merged set does not anchor: %v", err)
	}
	if s.Annotator != "adjudicated" {
		t.Errorf("annotator %q", s.Annotator)
	}
	return s
}

func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "merged.json")
	stdout, stderr := wantExit(t, []string{"merge", "-o", out, goldSetPath, perturbedSetPath}, 0)
	if stdout != "" {
		t.Errorf("stdout: %s", stdout)
	}
	want := "quotemark merge: wrote " + out + ": 28 annotations that both sets share, 3 speakers\n" +
		"quotemark merge: 7 disagreements remain, left out (2 only in " + goldSetPath + ", 1 only in " + perturbedSetPath +
		", 3 with different boundaries, 1 with different speakers); resolve them in the browser's compare view\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	s := readMerged(t, out)
	// 29 spans both share exactly, less the quote 1887–2082 the sets
	// attribute to different speakers. Kris Kobach, whose only quote that
	// was, is gone; the renamed commission keeps the first set's name.
	if len(s.Annotations) != 28 {
		t.Errorf("%d annotations, want 28", len(s.Annotations))
	}
	var names []string
	for _, sp := range s.Speakers {
		names = append(names, sp.Name)
	}
	if !slices.Equal(names, []string{"Delbert Hosemann", "Presidential Advisory Commission on Election Integrity", "a federal judge"}) {
		t.Errorf("speakers %q", names)
	}
	// Every merged annotation is in both sets, with its speaker.
	c := goldComparison(t, goldSetPath, out)
	if f := c.Pairs[0].Types[agreement.AllTypes].Exact; f.Matches != 28 || *f.Precision != 1 {
		t.Errorf("merged against gold: %+v", f)
	}
	if a := c.Pairs[0].Attribution; a.Agree != a.Pairs {
		t.Errorf("merged against gold: attribution %+v", a)
	}
	// Writing again replaces the file.
	wantExit(t, []string{"merge", "-o", out, goldSetPath, perturbedSetPath}, 0)
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestMergeCommandMinAgree(t *testing.T) {
	dir := t.TempDir()
	// Any one set: the union, but for the quote 1887–2082, whose two
	// speakers cannot both be taken: 28 shared + 9 in one set only.
	out := filepath.Join(dir, "union.json")
	_, stderr := wantExit(t, []string{"merge", "-min-agree", "1", "-o", out, goldSetPath, perturbedSetPath}, 0)
	if !strings.Contains(stderr, ": 37 annotations that at least 1 of the 2 sets share") ||
		!strings.Contains(stderr, "1 disagreement remains, left out (1 with different speakers)") {
		t.Errorf("stderr: %s", stderr)
	}
	if s := readMerged(t, out); len(s.Annotations) != 37 {
		t.Errorf("%d annotations, want 37", len(s.Annotations))
	}
	// Two of gold, perturbed, gold: the gold set, exactly; the perturbed
	// set's own versions of four spans remain.
	out = filepath.Join(dir, "majority.json")
	_, stderr = wantExit(t, []string{"merge", "-min-agree", "2", "-o", out, goldSetPath, perturbedSetPath, goldSetPath}, 0)
	if !strings.Contains(stderr, ": 34 annotations that at least 2 of the 3 sets share, 4 speakers") ||
		!strings.Contains(stderr, "4 disagreements remain, left out (4 in too few sets)") {
		t.Errorf("stderr: %s", stderr)
	}
	merged := readMerged(t, out)
	raw, _ := os.ReadFile(goldSetPath)
	gold, _ := annotations.Read(raw)
	merged.ID, merged.Annotator, merged.Created, merged.Modified = gold.ID, gold.Annotator, gold.Created, gold.Modified
	if string(annotations.Write(merged)) != string(raw) {
		t.Errorf("the majority of gold, perturbed, gold is not the gold set:\n%s", annotations.Write(merged))
	}
	// All three (the default).
	_, stderr = wantExit(t, []string{"merge", "-o", out, goldSetPath, perturbedSetPath, goldSetPath}, 0)
	if !strings.Contains(stderr, ": 28 annotations that all 3 sets share") {
		t.Errorf("stderr: %s", stderr)
	}
}

func TestMergeCommandRefuses(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	other := loadArticle(t, otherArticlePath)
	otherSet := writeSetFile(t, dir, "other.json", annotationsNewSet(other))
	notSet := filepath.Join(dir, "notset.json")
	writeFile(t, notSet, `{"format": "quotemark/annotations", "version": 2}`)
	copyOfGold := filepath.Join(dir, "gold.json")
	raw, _ := os.ReadFile(goldSetPath)
	writeFile(t, copyOfGold, string(raw))
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{goldSetPath, perturbedSetPath}, "-o OUT.json is required"},
		{[]string{"-o", out, goldSetPath}, "merge needs at least two sets, got 1"},
		{[]string{"-o", out, "-min-agree", "3", goldSetPath, perturbedSetPath}, "-min-agree 3 is not between 1 and 2"},
		{[]string{"-o", out, "-min-agree", "-1", goldSetPath, perturbedSetPath}, "-min-agree -1 is not between 1 and 2"},
		{[]string{"-o", copyOfGold, copyOfGold, perturbedSetPath}, "is one of the sets"},
		{[]string{"-o", out, goldSetPath, notSet}, notSet + " is not a valid annotation set: version: version 2 is newer"},
		{[]string{"-o", out, goldSetPath, otherSet}, "are for different texts"},
	} {
		args := append([]string{"merge"}, tc.args...)
		_, stderr := wantExit(t, args, 2)
		if !strings.Contains(stderr, tc.stderr) {
			t.Errorf("quotemark %q: stderr lacks %q:\n%s", args, tc.stderr, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused merge wrote its output")
	}
	if got, _ := os.ReadFile(copyOfGold); string(got) != string(raw) {
		t.Error("a refused merge overwrote an input")
	}
	// A folder that does not exist: writing fails, exit 1.
	bad := filepath.Join(dir, "no", "such", "out.json")
	_, stderr := wantExit(t, []string{"merge", "-o", bad, goldSetPath, perturbedSetPath}, 1)
	if !strings.Contains(stderr, "quotemark merge: writing the merged set") {
		t.Errorf("stderr: %s", stderr)
	}
}

func annotationsNewSet(art *annotations.Article) *annotations.Set {
	return annotations.NewSet(art, "other", time.Now())
}
