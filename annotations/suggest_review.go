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
	has := func(sg Suggestion) bool { return isDuplicate(s, sg) }
	if s.index() == nil && len(all) > 1 {
		// A plain set: one pass over it rather than one per suggestion.
		spans := make(map[spanKey]bool, len(s.Annotations))
		for _, a := range s.Annotations {
			spans[keyOf(a)] = true
		}
		has = func(sg Suggestion) bool { return spans[keyOf(sg.Annotation)] }
	}
	var out []Suggestion
	for _, sg := range all {
		if !has(sg) && (len(rejected) == 0 || !rejected[SuggestionKey(sg)]) {
			if out == nil {
				out = make([]Suggestion, 0, len(all)) // most are pending while a review starts
			}
			out = append(out, sg)
		}
	}
	return out
}

// AcceptSuggestions accepts every suggestion with at least minConfidence, as
// one change; it returns how many it added.
//
// The new annotations are collected and merged into the set at once, so
// that accepting k suggestions costs O(k log n) look-ups and one move of the
// annotations, not k sorts. A plain set is indexed for the duration.
func (s *Set) AcceptSuggestions(art *Article, sugg []Suggestion, minConfidence float64) (n int, err error) {
	s.withIndex(func() {
		var batch []Annotation
		taken := make(map[spanKey]bool)
		for _, sg := range sugg {
			k := keyOf(sg.Annotation)
			if sg.Confidence < minConfidence || taken[k] || isDuplicate(s, sg) {
				continue
			}
			a, aerr := s.suggestionToAnnotation(art, sg)
			if aerr != nil {
				err = fmt.Errorf("accepting the %s at %d–%d: %w", sg.Annotation.Type, sg.Annotation.Start, sg.Annotation.End, aerr)
				break
			}
			batch = append(batch, a)
			taken[k] = true
		}
		// Those accepted before a refused one stay, as when they were
		// added one by one.
		if ierr := s.insertAnns(batch); ierr != nil {
			err = ierr
			return
		}
		n = len(batch)
	})
	return n, err
}
