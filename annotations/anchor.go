package annotations

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Placement says how re-anchoring placed one annotation.
type Placement string

// How an annotation was placed on a text.
const (
	PlacedAtPosition Placement = "position" // the stored offsets still hold the exact text
	PlacedBySearch   Placement = "search"   // found elsewhere by its exact text and context
	NotPlaced        Placement = "orphan"   // kept as an orphan
)

// AnchorReport tells what Anchor did with each annotation.
type AnchorReport struct {
	Reanchored bool // the set was made on another version of the text
	Placements map[string]Placement
	Moved      int // placed by search at another position
	Orphaned   int
}

// Anchor binds a set that Read accepted to an article's text. When the
// set's sha256 matches the text, every span must match the text exactly, or
// the set is refused. When it does not, each annotation is re-anchored from
// exact, prefix and suffix; annotations that cannot be placed become orphans,
// kept and reported, never dropped. On error the set is unchanged.
func (s *Set) Anchor(art *Article) (*AnchorReport, error) {
	rep := &AnchorReport{Placements: make(map[string]Placement, len(s.Annotations))}
	if s.Article.SHA256 == art.SHA256 {
		if s.Article.Length != art.Length {
			return nil, errAt("article.length", "is %d but the text with that sha256 has %d code points", s.Article.Length, art.Length)
		}
		for i, a := range s.Annotations {
			if err := checkSpan(art, a); err != nil {
				err.Path = fmt.Sprintf("annotations[%d]%s", i, err.Path)
				return nil, err
			}
			rep.Placements[a.ID] = PlacedAtPosition
		}
		return rep, nil
	}
	rep.Reanchored = true
	placed := make([]Annotation, 0, len(s.Annotations))
	orphans := append([]Orphan(nil), s.Orphans...)
	for _, a := range s.Annotations {
		start, how := locate(art, a)
		if how == NotPlaced {
			orphans = append(orphans, Orphan{Annotation: a, Reason: "its text was not found in this version of the article"})
			rep.Placements[a.ID] = NotPlaced
			rep.Orphaned++
			continue
		}
		span, _ := art.Span(start, start+runeCount(a.Exact))
		if how == PlacedBySearch && start != a.Start {
			rep.Moved++
		}
		a.Start, a.End, a.Prefix, a.Suffix = span.Start, span.End, span.Prefix, span.Suffix
		rep.Placements[a.ID] = how
		placed = append(placed, a)
	}
	s.Article = art.Ref()
	s.Annotations = placed
	s.Orphans = orphans
	s.sort()
	return rep, nil
}

// checkSpan verifies that an annotation's exact, prefix and suffix are the
// article's text around its span.
func checkSpan(art *Article, a Annotation) *FormatError {
	want, err := art.Span(a.Start, a.End)
	if err != nil {
		return errAt("", "%v", err)
	}
	switch {
	case want.Exact != a.Exact:
		return errAt(".exact", "%q does not match the article's text at %d–%d, which is %q", clip(a.Exact), a.Start, a.End, clip(want.Exact))
	case want.Prefix != a.Prefix:
		return errAt(".prefix", "%q does not match the %d code points before %d, which are %q", a.Prefix, runeCount(want.Prefix), a.Start, want.Prefix)
	case want.Suffix != a.Suffix:
		return errAt(".suffix", "%q does not match the %d code points after %d, which are %q", a.Suffix, runeCount(want.Suffix), a.End, want.Suffix)
	}
	return nil
}

// locate finds where an annotation's exact text sits in the article: at the
// occurrence whose surroundings best agree with prefix and suffix, nearest
// the old position on a tie. The old position wins outright only when its
// context agrees in full; an edit can bring another occurrence of a short
// exact text to the old position, and then the context decides.
func locate(art *Article, a Annotation) (int, Placement) {
	o := art.Offsets()
	if a.Exact == "" {
		return 0, NotPlaced
	}
	if a.End <= o.Len() && o.Slice(a.Start, a.End) == a.Exact {
		b, e := o.Byte(a.Start), o.Byte(a.End)
		if strings.HasSuffix(art.Text[:b], a.Prefix) && strings.HasPrefix(art.Text[e:], a.Suffix) {
			return a.Start, PlacedAtPosition
		}
	}
	best, bestScore, bestDist := -1, -1, 0
	text := art.Text
	for from := 0; from <= len(text); {
		i := strings.Index(text[from:], a.Exact)
		if i < 0 {
			break
		}
		b := from + i
		score := commonSuffix(text[:b], a.Prefix) + commonPrefix(text[b+len(a.Exact):], a.Suffix)
		cp := o.FromByte(b, false)
		dist := max(cp-a.Start, a.Start-cp)
		if score > bestScore || score == bestScore && dist < bestDist {
			best, bestScore, bestDist = cp, score, dist
		}
		_, size := utf8.DecodeRuneInString(text[b:])
		from = b + size
	}
	if best < 0 {
		return 0, NotPlaced
	}
	if best == a.Start {
		return best, PlacedAtPosition
	}
	return best, PlacedBySearch
}

// commonSuffix counts the code points at the end of a that end b too.
func commonSuffix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeLastRuneInString(a)
		rb, sb := utf8.DecodeLastRuneInString(b)
		if ra != rb {
			break
		}
		a, b, n = a[:len(a)-sa], b[:len(b)-sb], n+1
	}
	return n
}

// commonPrefix counts the code points at the start of a that start b too.
func commonPrefix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b, n = a[sa:], b[sb:], n+1
	}
	return n
}

// PlaceOrphan anchors orphan i on the span start–end, keeping its type,
// speaker and fields, and removes it from the orphans.
func (s *Set) PlaceOrphan(art *Article, i, start, end int) (Annotation, error) {
	if i < 0 || i >= len(s.Orphans) {
		return Annotation{}, fmt.Errorf("no orphan %d", i)
	}
	if art.SHA256 != s.Article.SHA256 {
		return Annotation{}, fmt.Errorf("the set is for another version of article %q", s.Article.ID)
	}
	span, err := art.Span(start, end)
	if err != nil {
		return Annotation{}, err
	}
	a := s.Orphans[i].Annotation
	a.Start, a.End, a.Exact, a.Prefix, a.Suffix = span.Start, span.End, span.Exact, span.Prefix, span.Suffix
	if a.Speaker != "" && s.speakerIndex(a.Speaker) < 0 {
		a.Speaker = ""
	}
	if err := validateAnnotation(a, s.Article.Length, s.speakerIDs()); err != nil {
		return Annotation{}, err
	}
	s.Annotations = append(s.Annotations, a)
	s.Orphans = append(s.Orphans[:i:i], s.Orphans[i+1:]...)
	s.sort()
	return a, nil
}

// DeleteOrphan discards orphan i.
func (s *Set) DeleteOrphan(i int) error {
	if i < 0 || i >= len(s.Orphans) {
		return fmt.Errorf("no orphan %d", i)
	}
	s.Orphans = append(s.Orphans[:i:i], s.Orphans[i+1:]...)
	return nil
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
