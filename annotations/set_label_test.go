package annotations

import (
	"strings"
	"testing"
	"time"
)

func TestFormatShortTime(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	at := time.Date(2026, 11, 12, 14, 3, 7, 0, time.UTC)
	if got := FormatShortTime(at, now); got != "12 Nov 14:03:07" {
		t.Errorf("this year: %q", got)
	}
	if got := FormatShortTime(at.AddDate(-1, 0, 0), now); got != "12 Nov 2025 14:03:07" {
		t.Errorf("another year: %q", got)
	}
	berlin := time.FixedZone("CET", 3600)
	if got := FormatShortTime(at, now.In(berlin)); got != "12 Nov 15:03:07" {
		t.Errorf("in now's zone: %q", got)
	}
}

func TestSetLabelsTellSetsApart(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	art := ArticleFromText("a", "Some text here.")
	mk := func(id, annotator string, mod time.Time, n int) *Set {
		s := NewSet(art, annotator, mod)
		s.ID, s.Modified = id, mod
		for range n {
			s.Annotations = append(s.Annotations, Annotation{})
		}
		return s
	}
	t1 := time.Date(2026, 11, 12, 14, 3, 7, 0, time.UTC)
	sets := []*Set{
		mk("aaaaaaaa-1", "adjudicated", t1, 33),
		mk("bbbbbbbb-2", "adjudicated", t1.Add(time.Second), 33),
		mk("cccccccc-3", "", t1, 1),
		mk("dddddddd-4", "", t1, 1),
	}
	got := SetLabels(sets, now)
	want := []string{
		"adjudicated — 12 Nov 14:03:07 — 33 annotations",
		"adjudicated — 12 Nov 14:03:08 — 33 annotations",
		"no annotator — 12 Nov 14:03:07 — 1 annotation — set cccccccc",
		"no annotator — 12 Nov 14:03:07 — 1 annotation — set dddddddd",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("label %d: %q, want %q", i, got[i], want[i])
		}
	}
	if got := SetLabel(mk("x", "Bob \u202Eevil", t1, 0), now); !strings.HasPrefix(got, "Bob ⟨U+202E⟩evil — ") {
		t.Errorf("a hidden character is not written out: %q", got)
	}
}

func TestRenameSet(t *testing.T) {
	art := ArticleFromText("a", "Some text here.")
	created := time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC)
	s := NewSet(art, "Ana", created)
	later := created.Add(90*time.Minute + 500*time.Millisecond)
	changed, err := RenameSet(s, "  Ana (adjudicated) ", later)
	if err != nil || !changed {
		t.Fatalf("rename: %v, %v", changed, err)
	}
	if s.Annotator != "Ana (adjudicated)" || !s.Modified.Equal(created.Add(90*time.Minute)) {
		t.Errorf("after rename: %q modified %v", s.Annotator, s.Modified)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("a renamed set is not valid: %v", err)
	}
	if changed, err := RenameSet(s, "Ana (adjudicated)", later.Add(time.Hour)); changed || err != nil || !s.Modified.Equal(created.Add(90*time.Minute)) {
		t.Errorf("the same name: changed %v, err %v, modified %v", changed, err, s.Modified)
	}
	for _, bad := range []string{"two\nlines", strings.Repeat("x", MaxSetNameLength+1), "\xff"} {
		if _, err := RenameSet(s, bad, later); err == nil {
			t.Errorf("%q: accepted", bad)
		}
		if s.Annotator != "Ana (adjudicated)" {
			t.Fatalf("a refused rename changed the name to %q", s.Annotator)
		}
	}
	if changed, err := RenameSet(s, "", later); !changed || err != nil || s.Annotator != "" {
		t.Errorf("an empty name (the format allows it): %v %v %q", changed, err, s.Annotator)
	}
}
