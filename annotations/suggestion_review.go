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

// Review is a review of suggestions on a set, kept up to date change by
// change: a suggestion is pending while it is not rejected and no annotation
// of the set has its type and span (the rule of PendingSuggestions), so an
// accept, an undo or a tag by hand moves only the suggestions whose span it
// touched.
type Review struct {
	All      []Suggestion // in the suggester's (text) order
	index    map[string]int
	pending  []bool
	count    int
	rejected map[string]bool
}

// NewReview starts a review of all on s.
func NewReview(s *Set, all []Suggestion) *Review {
	r := &Review{All: all, index: make(map[string]int, len(all)), pending: make([]bool, len(all)), rejected: map[string]bool{}}
	for i, sg := range all {
		r.index[SuggestionKey(sg)] = i
	}
	r.Recount(s)
	return r
}

// Recount works out every suggestion's state again, for another set.
func (r *Review) Recount(s *Set) {
	r.count = 0
	for i := range r.All {
		r.pending[i] = r.isPending(s, i)
		if r.pending[i] {
			r.count++
		}
	}
}

func (r *Review) isPending(s *Set, i int) bool {
	a := r.All[i].Annotation
	return !r.rejected[SuggestionKey(r.All[i])] && !s.HasSpan(a.Type, a.Start, a.End)
}

// Pending tells whether suggestion i is still to review.
func (r *Review) Pending(i int) bool { return i >= 0 && i < len(r.pending) && r.pending[i] }

// Count is how many are still to review.
func (r *Review) Count() int { return r.count }

// Reject sets suggestion i aside; it reports whether that changed anything.
func (r *Review) Reject(s *Set, i int) bool {
	if !r.Pending(i) {
		return false
	}
	r.rejected[SuggestionKey(r.All[i])] = true
	return r.refresh(s, i)
}

// Follow takes a change to s and returns the suggestions whose state it
// changed.
func (r *Review) Follow(s *Set, c *Change) []int {
	var moved []int
	for _, ac := range c.Annotations {
		for _, a := range []*Annotation{ac.Before, ac.After} {
			if a == nil {
				continue
			}
			if i, ok := r.index[SuggestionKey(Suggestion{Annotation: *a})]; ok && r.refresh(s, i) {
				moved = append(moved, i)
			}
		}
	}
	return moved
}

func (r *Review) refresh(s *Set, i int) bool {
	now := r.isPending(s, i)
	if now == r.pending[i] {
		return false
	}
	r.pending[i] = now
	if now {
		r.count++
	} else {
		r.count--
	}
	return true
}

// Next is the first pending suggestion after i (before it, for step -1),
// wrapping around; i itself when it is the only one; -1 when none is.
func (r *Review) Next(i, step int) int {
	n := len(r.All)
	if r.count == 0 || n == 0 {
		return -1
	}
	for k := 1; k <= n; k++ {
		if j := ((i+step*k)%n + n) % n; r.pending[j] {
			return j
		}
	}
	return -1
}

// PendingList is every suggestion still to review, in order.
func (r *Review) PendingList() []Suggestion {
	out := make([]Suggestion, 0, r.count)
	for i, sg := range r.All {
		if r.pending[i] {
			out = append(out, sg)
		}
	}
	return out
}
