package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
)

// TestBrowserImportShowsPlacement: a set made on another version of the text
// (a changed word in one quote, a sentence gone for another) imports with
// what was placed exactly, approximately and not at all said, the
// approximate one marked and listed until confirmed, the lost one listed —
// and the export says it left that one out.
func TestBrowserImportShowsPlacement(t *testing.T) {
	gold := readGold(t)
	s := gold.Clone()
	s.Article.SHA256 = strings.Repeat("ab", 32) // made on another version of the text
	var approxID, orphanID string
	for i, a := range s.Annotations {
		switch {
		case approxID == "" && a.Type == annotations.Quote && strings.Contains(a.Exact, "Gulf of Mexico"):
			s.Annotations[i].Exact = strings.Replace(a.Exact, "Gulf of Mexico", "Gulf of Mexica", 1)
			approxID = a.ID
		case orphanID == "" && a.Type == annotations.Claim && a.End-a.Start > 60:
			s.Annotations[i].Exact = strings.Repeat("z", len([]rune(a.Exact)))
			s.Annotations[i].Prefix, s.Annotations[i].Suffix = "qqqq", "qqqq"
			orphanID = a.ID
		}
	}
	if approxID == "" || orphanID == "" {
		t.Fatal("the gold set lacks the annotations this test edits")
	}
	path := writeSet(t, t.TempDir(), "older.quotemark.json", s)
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.chooseFile(selImport, path)
	n := len(gold.Annotations)
	p.waitItems(n - 1)
	p.waitFor("the placement report", fmt.Sprintf(`Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes('%d placed exactly, 1 approximately, 1 not placed'))`, n-2), waitTimeout)
	p.waitFor("the approximate one listed", fmt.Sprintf(`document.querySelector('section[aria-label="Placed approximately"] li[data-annotation-id="%s"]') !== null`, approxID), waitTimeout)
	p.waitFor("the orphan listed", fmt.Sprintf(`document.querySelector('section[aria-label="Not placed"] li[data-annotation-id="%s"]') !== null`, orphanID), waitTimeout)
	var marked int
	p.eval(jsHighlights+`.get('qm-approximate').size`, &marked)
	if marked != 1 {
		t.Errorf("%d spans marked approximate, want 1", marked)
	}

	p.clickButton("Looks right")
	p.waitFor("the approximate list gone", `document.querySelector('section[aria-label="Placed approximately"] li') === null`, waitTimeout)

	got := p.export(seedArticle)
	if len(got.Annotations) != n-1 {
		t.Errorf("exported %d annotations, want %d", len(got.Annotations), n-1)
	}
	p.waitAlert("without 1 annotation(s) that could not be placed")
}
