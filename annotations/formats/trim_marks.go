package formats

import (
	"strings"

	"quotemark/annotations"
)

// Quotation marks other tools' quote spans often include, and our
// guidelines leave out (docs/guidelines.md: a direct quote is what lies
// strictly between its marks). Single marks close like an apostrophe
// ("the players’"), so a closing single mark is taken off only when the
// span also opens with a single mark.
const (
	openingDoubleMarks = "“\"«„‟"
	closingDoubleMarks = "”\"»“"
	openingSingleMarks = "‘'‹‚‛"
	closingSingleMarks = "’'›‘"
)

// TrimmedMarks is the span start–end of text with the quotation marks at
// its ends taken off, and the white space they leave (Offsets.TrimSpan); changed is false
// when there were none, or when nothing would be left.
func TrimmedMarks(o *annotations.Offsets, start, end int) (newStart, newEnd int, changed bool) {
	s, e := start, end
	openedSingle := false
	if s < e && strings.ContainsRune(openingDoubleMarks, o.RuneAt(s)) {
		s++
	} else if s < e && strings.ContainsRune(openingSingleMarks, o.RuneAt(s)) {
		s++
		openedSingle = true
	}
	if e > s && strings.ContainsRune(closingDoubleMarks, o.RuneAt(e-1)) {
		e--
	} else if e > s && openedSingle && strings.ContainsRune(closingSingleMarks, o.RuneAt(e-1)) {
		e--
	}
	s, e, ok := o.TrimSpan(s, e)
	if !ok || (s == start && e == end) {
		return start, end, false
	}
	return s, e, true
}

// trimQuoteMarks takes the quotation marks off the placed quotes of s, on
// art's text, and returns how many it adjusted.
func trimQuoteMarks(s *annotations.Set, art *annotations.Article) (int, error) {
	o := art.Offsets()
	quotes := make(map[[2]int]bool)
	for _, a := range s.Annotations {
		if a.Type == annotations.Quote {
			quotes[[2]int{a.Start, a.End}] = true
		}
	}
	adjusted := 0
	for i := range s.Annotations {
		a := &s.Annotations[i]
		if a.Type != annotations.Quote || a.End > o.Len() || a.Start >= a.End || o.Slice(a.Start, a.End) != a.Exact {
			continue // not a quote, or not placed on this text
		}
		start, end, changed := TrimmedMarks(o, a.Start, a.End)
		if !changed || quotes[[2]int{start, end}] {
			continue // nothing to take off, or the file has that quote without its marks too
		}
		quotes[[2]int{start, end}] = true
		span, err := art.Span(start, end)
		if err != nil {
			return adjusted, err
		}
		*a = withSpan(*a, span)
		adjusted++
	}
	if adjusted > 0 {
		s.Sort()
	}
	return adjusted, nil
}
