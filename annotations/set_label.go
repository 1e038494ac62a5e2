package annotations

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// FormatShortTime is a time as the UI shows it beside a set or a deleted
// item: day, month and time to the second, in now's location, with the year
// only when it is not now's. Seconds, since two sets made a minute apart by
// one annotator must be told apart. The format's own timestamps are
// FormatTime's; this is the same instant, for a person to read.
func FormatShortTime(t, now time.Time) string {
	t = t.In(now.Location())
	if t.Year() == now.Year() {
		return t.Format("2 Jan 15:04:05")
	}
	return t.Format("2 Jan 2006 15:04:05")
}

// SetName is the name a set goes by in the UI: its annotator, as ShownName
// writes it, or "no annotator".
func SetName(s *Set) string { return shownAnnotator(s.Annotator) }

// shownAnnotator is an annotator as the UI names a set by it: ShownName,
// or "no annotator" for none.
func shownAnnotator(annotator string) string {
	if isBlank(annotator) {
		return "no annotator"
	}
	return ShownName(annotator)
}

// SetLabel is a set's line in a set picker: "Ana — 12 Nov 14:03:07 — 33
// annotations", annotator, date modified and annotation count.
func SetLabel(s *Set, now time.Time) string {
	return summaryOf(s).Label(now)
}

func summaryOf(s *Set) SetSummary {
	return SetSummary{ID: s.ID, Annotator: s.Annotator, Modified: s.Modified, Annotations: len(s.Annotations)}
}

// SetLabels are the picker lines of an article's sets, in order. Two sets
// whose lines are the same (one annotator, one second, one count) get the
// start of their ids too, so that every line names one set.
func SetLabels(sets []*Set, now time.Time) []string {
	sums := make([]SetSummary, len(sets))
	for i, s := range sets {
		sums[i] = summaryOf(s)
	}
	return SummaryLabels(sums, now)
}

// SummaryLabels are SetLabels for sets known by their summaries (the
// library lists them without reading each set whole).
func SummaryLabels(sums []SetSummary, now time.Time) []string {
	out := make([]string, len(sums))
	seen := make(map[string]int, len(sums))
	for i, s := range sums {
		out[i] = s.Label(now)
		seen[out[i]]++
	}
	for i, s := range sums {
		if seen[out[i]] > 1 {
			out[i] += " — set " + shortID(s.ID)
		}
	}
	return out
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// MaxSetNameLength is the longest annotator name a rename takes, in code
// points: a name, not a text.
const MaxSetNameLength = 200

// RenameSet gives a set another annotator name, the field the format keeps
// a set's name in, and stamps it modified at now. It reports whether the
// name changed; a name with a line break, or too long, is refused and
// changes nothing. It is not a History step (a step may not change the
// header): the name is stored with the set's header.
func RenameSet(s *Set, name string, now time.Time) (bool, error) {
	if s.j != nil {
		return false, errors.New("a change of this set is already running")
	}
	name = strings.TrimSpace(name)
	switch {
	case !utf8.ValidString(name):
		return false, errors.New("the name is not valid UTF-8")
	case strings.ContainsAny(name, "\r\n\u2028\u2029"):
		return false, errors.New("a set's name is one line")
	case utf8.RuneCountInString(name) > MaxSetNameLength:
		return false, errors.New("a set's name is at most 200 characters")
	case name == s.Annotator:
		return false, nil
	}
	s.Annotator = name
	s.Modified = now.UTC().Truncate(time.Second)
	if s.Modified.Before(s.Created) {
		s.Modified = s.Created
	}
	return true, nil
}
