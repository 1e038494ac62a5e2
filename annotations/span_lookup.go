package annotations

import (
	"slices"
	"sort"
)

// coverTree finds the annotations covering a position without a pass over
// the set: over the annotations in the set's order (by start), it keeps the
// largest end of every power-of-two block, so a look-up visits only the
// blocks that hold an annotation starting at or before the position and
// ending after it: O((k+1) log n) for k hits. The article page asks it on
// every caret move (what the caret is inside, for screen readers).
//
// It describes the annotations slice of the index that owns it; any edit of
// an annotation marks it stale (setIndex.addAnn, removeAnn), and the next
// look-up builds it again in one pass over the ends, in the storage it
// had: an edit of the set already moves the annotations after the edited
// one (the slice is sorted), so this adds a fraction to what it costs.
type coverTree struct {
	leaves int     // a power of two ≥ the number of annotations
	maxEnd []int32 // maxEnd[1] is the root; node i has children 2i, 2i+1
	valid  bool    // false once an annotation was edited
}

// build fills the tree for anns, reusing its storage: it is built again
// after every edit of the set's annotations.
func (t *coverTree) build(anns []Annotation) {
	leaves := 1
	for leaves < len(anns) {
		leaves *= 2
	}
	t.leaves = leaves
	if cap(t.maxEnd) >= 2*leaves {
		t.maxEnd = t.maxEnd[:2*leaves]
		clear(t.maxEnd[leaves+len(anns):])
	} else {
		t.maxEnd = make([]int32, 2*leaves)
	}
	for i, a := range anns {
		t.maxEnd[leaves+i] = int32(a.End)
	}
	for i := leaves - 1; i >= 1; i-- {
		t.maxEnd[i] = max(t.maxEnd[2*i], t.maxEnd[2*i+1])
	}
	t.valid = true
}

// covering appends to hits the positions below hi of annotations ending
// after cp, in order.
func (t *coverTree) covering(node, lo, width, hi, cp int, hits []int) []int {
	if lo >= hi || int(t.maxEnd[node]) <= cp {
		return hits
	}
	if width == 1 {
		return append(hits, lo)
	}
	half := width / 2
	hits = t.covering(2*node, lo, half, hi, cp, hits)
	return t.covering(2*node+1, lo+half, half, hi, cp, hits)
}

// at returns the annotations covering code point cp, innermost first.
func (s *Set) at(x *setIndex, cp int) []Annotation {
	if !x.cover.valid {
		x.cover.build(s.Annotations)
	}
	hi := sort.Search(len(s.Annotations), func(i int) bool { return s.Annotations[i].Start > cp })
	var hits []Annotation
	for _, i := range x.cover.covering(1, 0, x.cover.leaves, hi, cp, nil) {
		hits = append(hits, s.Annotations[i])
	}
	slices.SortStableFunc(hits, func(a, b Annotation) int { return (a.End - a.Start) - (b.End - b.Start) })
	return hits
}
