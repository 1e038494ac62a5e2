package agreement

import (
	"cmp"
	"slices"
	"unicode"

	"quotemark/annotations"
)

// Chance-corrected agreement (Cohen's kappa for a pair of sets, Krippendorff's
// alpha across all of them) is measured on units: the article's code points
// that are not white space (unicode.IsSpace). A unit's value, for one set and
// one type, is whether a span of that type covers it. Spans are counted as
// merged intervals, so nested, overlapping and duplicate spans cover a unit
// once.

// unitIndex counts the units in any range of code points in O(1).
type unitIndex struct {
	before []int32 // before[i] is the number of units in [0, i); len n+1
}

func newUnitIndex(text string) *unitIndex {
	u := &unitIndex{before: make([]int32, 1, len(text)+1)}
	n := int32(0)
	for _, r := range text {
		if !unicode.IsSpace(r) {
			n++
		}
		u.before = append(u.before, n)
	}
	return u
}

// total is the number of units in the text.
func (u *unitIndex) total() int { return int(u.before[len(u.before)-1]) }

// in is the number of units in the code points [start, end), clamped to the
// text.
func (u *unitIndex) in(start, end int) int {
	n := len(u.before) - 1
	start, end = max(0, min(start, n)), max(0, min(end, n))
	if end <= start {
		return 0
	}
	return int(u.before[end] - u.before[start])
}

// interval is a half-open range of code points.
type interval struct{ start, end int }

// coverage is the union of the spans of type t: sorted, disjoint, and not
// touching.
func coverage(anns []annotations.Annotation, t annotations.Type) []interval {
	var iv []interval
	for _, a := range anns {
		if a.Type == t && a.End > a.Start {
			iv = append(iv, interval{a.Start, a.End})
		}
	}
	slices.SortFunc(iv, func(x, y interval) int { return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end)) })
	merged := iv[:0]
	for _, x := range iv {
		if k := len(merged) - 1; k >= 0 && x.start <= merged[k].end {
			merged[k].end = max(merged[k].end, x.end)
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// depths counts the units by how many of the coverages hold them:
// depths(...)[k] is the number of units covered by exactly k of them.
func (u *unitIndex) depths(covs [][]interval) []int {
	type event struct{ at, delta int }
	var events []event
	for _, c := range covs {
		for _, x := range c {
			events = append(events, event{x.start, +1}, event{x.end, -1})
		}
	}
	slices.SortFunc(events, func(a, b event) int { return cmp.Compare(a.at, b.at) })
	h := make([]int, len(covs)+1)
	depth, prev := 0, 0
	for i := 0; i < len(events); {
		at := events[i].at
		h[depth] += u.in(prev, at)
		for ; i < len(events) && events[i].at == at; i++ {
			depth += events[i].delta
		}
		prev = at
	}
	h[0] += u.in(prev, len(u.before)-1)
	return h
}

// cohenKappa is Cohen's kappa of two coverages over the units, or nil when
// it is undefined: no units, or an expected agreement of 1 (both sets give
// every unit the same single value, so there is nothing to correct for).
//
// With N units, a and b the units each set covers and n11 those both cover:
// p_o = (n11 + n00)/N, p_e = (a·b + (N−a)(N−b))/N², κ = (p_o − p_e)/(1 − p_e),
// computed as (N·agree − E)/(N² − E) with E = a·b + (N−a)(N−b) in integers.
func (u *unitIndex) cohenKappa(a, b []interval) *float64 {
	h := u.depths([][]interval{a, b})
	n := int64(u.total())
	ca := int64(u.depths([][]interval{a})[1])
	cb := int64(u.depths([][]interval{b})[1])
	agree := int64(h[0] + h[2])
	e := ca*cb + (n-ca)*(n-cb)
	if n == 0 || n*n == e {
		return nil
	}
	k := float64(n*agree-e) / float64(n*n-e)
	return &k
}

// krippendorffAlpha is Krippendorff's alpha for nominal data of m ≥ 2
// coverages over the units, every set valuing every unit (no missing data),
// or nil when it is undefined: fewer than two sets, no units, or a single
// value throughout (no expected disagreement).
//
// With binary values the coincidence matrix reduces to: n = N·m values in
// all, n1 of them 1 (a unit covered by k sets adds k), n0 = n − n1, and the
// off-diagonal o01 = Σ_units k(m−k)/(m−1). Then
// α = 1 − D_o/D_e = 1 − (n−1)·2·o01/(2·n0·n1) = 1 − (n−1)·Σ k(m−k) / ((m−1)·n0·n1).
func (u *unitIndex) krippendorffAlpha(covs [][]interval) *float64 {
	m := len(covs)
	if m < 2 {
		return nil
	}
	h := u.depths(covs)
	var n1, pairs float64 // pairs: Σ over units of k(m−k)
	for k, units := range h {
		n1 += float64(k * units)
		pairs += float64(k*(m-k)) * float64(units)
	}
	n := float64(u.total() * m)
	n0 := n - n1
	if n0 == 0 || n1 == 0 {
		return nil
	}
	alpha := 1 - (n-1)*pairs/(float64(m-1)*n0*n1)
	return &alpha
}
