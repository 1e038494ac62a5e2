package annotations

import (
	"fmt"
	"strings"
)

// Edge is one end of an annotation's span.
type Edge int

// The two ends of a span.
const (
	StartEdge Edge = iota
	EndEdge
)

// MoveEdgeByWord is the span start–end with one end moved by a word: the
// start to the previous word's start (left) or the next word's start
// (right), the end to the previous word's end (left) or the next word's end
// (right). It returns ok=false when the move would leave no word or go past
// the text.
func MoveEdgeByWord(o *Offsets, start, end int, edge Edge, right bool) (int, int, bool) {
	s, e := start, end
	switch {
	case edge == StartEdge && right:
		s = NextWordStart(o, start)
	case edge == StartEdge:
		s = PrevWordStart(o, start)
	case right:
		e = NextWordEnd(o, end)
	default:
		e = PrevWordEnd(o, end)
	}
	if s >= e || s == start && e == end {
		return start, end, false
	}
	return s, e, true
}

// Respan moves annotation id to the span start–end of the article: its
// text and context follow, the rest stays (a mention keeps its speaker).
// The span must hold more than white space, and a speaker mention must name
// someone within one paragraph.
func (s *Set) Respan(art *Article, id string, start, end int) error {
	if art.SHA256 != s.Article.SHA256 {
		return fmt.Errorf("the set is for another version of article %q", s.Article.ID)
	}
	i := s.AnnotationPos(id)
	if i < 0 {
		return fmt.Errorf("no annotation %s", id)
	}
	old := s.Annotations[i]
	span, err := art.Span(start, end)
	if err != nil {
		return err
	}
	if isBlank(span.Exact) {
		return fmt.Errorf("the %s would hold only white space", old.Type)
	}
	if old.Type == SpeakerMention {
		if err := checkMentionName(span.Exact); err != nil {
			return err
		}
		if err := CheckMentionSpan(art, start, end); err != nil {
			return err
		}
	}
	if s.HasSpan(old.Type, start, end) {
		return fmt.Errorf("there is already a %s at %d–%d", old.Type, start, end)
	}
	a := old
	a.Start, a.End, a.Exact, a.Prefix, a.Suffix = span.Start, span.End, span.Exact, span.Prefix, span.Suffix
	if err := validateAnnotationWith(a, s.Article.Length, s.hasSpeaker()); err != nil {
		err.Path = "annotation" + err.Path
		return err
	}
	s.setAnnAt(i, a)
	s.forgetApproximate(id)
	s.resort()
	return nil
}

// CheckMentionSpan refuses a new speaker mention that crosses a paragraph:
// a name is never split over paragraphs, and a selection that does is a
// slip (Ctrl+A, a drag that ran on). It applies to tagging and to moving a
// mention's ends, not to sets read or imported, which keep what they hold.
func CheckMentionSpan(art *Article, start, end int) error {
	o := art.Offsets()
	if SpansParagraphs(o, start, end) {
		return fmt.Errorf("a speaker's name cannot span paragraphs: the selection %q runs over a line break; select the name within one paragraph", Clip(strings.Join(strings.Fields(o.Slice(start, end)), " "), 40))
	}
	return nil
}
