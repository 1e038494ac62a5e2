package annotations

import "fmt"

// SuggestionKey names a suggestion by type and span, which is what makes two
// suggestions, or a suggestion and an annotation, the same.
func SuggestionKey(sg Suggestion) string {
	return fmt.Sprintf("%s:%d-%d", sg.Annotation.Type, sg.Annotation.Start, sg.Annotation.End)
}

// PendingSuggestions are the suggestions still to review: not already an
// annotation of the set (accepted, or tagged by hand) and not rejected.
// Because it is derived from the set, undoing an accept brings the
// suggestion back.
func PendingSuggestions(s *Set, all []Suggestion, rejected map[string]bool) []Suggestion {
	var out []Suggestion
	for _, sg := range all {
		if !rejected[SuggestionKey(sg)] && !isDuplicate(s, sg) {
			out = append(out, sg)
		}
	}
	return out
}

// AcceptSuggestions accepts every suggestion with at least minConfidence, as
// one change; it returns how many it added.
func (s *Set) AcceptSuggestions(art *Article, sugg []Suggestion, minConfidence float64) (int, error) {
	n := 0
	for _, sg := range sugg {
		if sg.Confidence < minConfidence || isDuplicate(s, sg) {
			continue
		}
		if _, err := s.AcceptSuggestion(art, sg); err != nil {
			return n, fmt.Errorf("accepting the %s at %d–%d: %w", sg.Annotation.Type, sg.Annotation.Start, sg.Annotation.End, err)
		}
		n++
	}
	return n, nil
}
