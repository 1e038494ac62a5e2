package agreement

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"quotemark/annotations"
)

// The overlap matching without listing every overlapping pair: two sets of
// thousands of identical, nested or chained spans have millions of them.
//
// The greedy matching takes pairs in a strict order (see MatchOverlap). A
// pair that is the best remaining pair of both its spans is taken by the
// greedy matching whenever it is found: every pair before it in the order
// involves neither span. So instead of sorting all pairs, the matching
// follows best partners: from a span to its best free partner, to that
// one's best free partner, and so on; the order only rises along the way,
// so the walk ends at two spans that are each other's best, which are
// matched. Each span is walked to once, and its best free partner is found
// in O(log n) by spanTree: O(n log n) in all.

// dead marks a span already matched, or that has no partner left.
const dead = math.MinInt

// spanTree holds the spans of one type of one side, ordered by start, end
// and index, and finds which of those still free overlaps a given span best.
type spanTree struct {
	order  []int // position → index in anns
	starts []int // position → start, ascending
	at     []int // index in anns → position, -1 for another type
	size   int
	// Segment trees over the positions: the greatest end and the greatest
	// length among the free spans, each with the first position that has
	// it (the first in the order, which breaks ties).
	end, endAt, length, lengthAt []int
}

func newSpanTree(anns []annotations.Annotation, idx []int) *spanTree {
	order := slices.Clone(idx)
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(anns[i].Start, anns[j].Start), cmp.Compare(anns[i].End, anns[j].End), cmp.Compare(i, j))
	})
	size := 1
	for size < len(order) {
		size *= 2
	}
	t := &spanTree{order: order, starts: make([]int, len(order)), at: make([]int, len(anns)), size: size,
		end: make([]int, 2*size), endAt: make([]int, 2*size), length: make([]int, 2*size), lengthAt: make([]int, 2*size)}
	for v := range t.end {
		t.end[v], t.length[v] = dead, dead
	}
	for i := range t.at {
		t.at[i] = -1
	}
	for p, i := range order {
		t.starts[p], t.at[i] = anns[i].Start, p
		t.end[size+p], t.endAt[size+p] = anns[i].End, p
		t.length[size+p], t.lengthAt[size+p] = anns[i].End-anns[i].Start, p
	}
	for v := size - 1; v >= 1; v-- {
		t.pull(v)
	}
	return t
}

func (t *spanTree) pull(v int) {
	l, r := 2*v, 2*v+1
	if t.end[l] >= t.end[r] {
		t.end[v], t.endAt[v] = t.end[l], t.endAt[l]
	} else {
		t.end[v], t.endAt[v] = t.end[r], t.endAt[r]
	}
	if t.length[l] >= t.length[r] {
		t.length[v], t.lengthAt[v] = t.length[l], t.lengthAt[l]
	} else {
		t.length[v], t.lengthAt[v] = t.length[r], t.lengthAt[r]
	}
}

// free reports whether span i is here and not yet removed.
func (t *spanTree) free(i int) bool {
	p := t.at[i]
	return p >= 0 && t.end[t.size+p] != dead
}

// remove takes span i out: it is matched, or nothing free overlaps it.
func (t *spanTree) remove(i int) {
	v := t.size + t.at[i]
	t.end[v], t.length[v] = dead, dead
	for v /= 2; v >= 1; v /= 2 {
		t.pull(v)
	}
}

// greatest returns the greatest of vals over positions l..r-1 and the
// first position with it, or dead.
func (t *spanTree) greatest(vals, at []int, l, r int) (int, int) {
	bestL, posL, bestR, posR := dead, -1, dead, -1
	for l, r = l+t.size, r+t.size; l < r; l, r = l/2, r/2 {
		if l&1 == 1 {
			if vals[l] > bestL {
				bestL, posL = vals[l], at[l]
			}
			l++
		}
		if r&1 == 1 {
			r--
			if vals[r] != dead && vals[r] >= bestR {
				bestR, posR = vals[r], at[r]
			}
		}
	}
	if bestL >= bestR {
		return bestL, posL
	}
	return bestR, posR
}

// firstEndingFrom returns the first position in l..r-1 of a free span that
// ends at e or later, or -1.
func (t *spanTree) firstEndingFrom(e, l, r int) int {
	return t.first(1, 0, t.size, e, l, r)
}

// first is firstEndingFrom within node v, which covers positions vl..vr-1.
func (t *spanTree) first(v, vl, vr, e, l, r int) int {
	if vr <= l || r <= vl || t.end[v] < e {
		return -1
	}
	if vr-vl == 1 {
		return vl
	}
	mid := (vl + vr) / 2
	if p := t.first(2*v, vl, mid, e, l, r); p >= 0 {
		return p
	}
	return t.first(2*v+1, mid, vr, e, l, r)
}

// best returns the free span that overlaps s..e most, ties going to the
// smallest start, then end, then index (the order of MatchOverlap seen from
// s..e), or -1 when none overlaps it.
//
// A span starting at or before s overlaps it by min(end, e) − s: by all of
// it when it ends at e or later, which nothing else can, else by more the
// later it ends. A span starting inside overlaps it by e − start when it
// ends at e or later, else by its length; and a span starting after the
// first of those that ends at e or later overlaps it less.
func (t *spanTree) best(s, e int) int {
	within := sort.Search(len(t.starts), func(p int) bool { return t.starts[p] > s })  // starts at or before s
	inside := sort.Search(len(t.starts), func(p int) bool { return t.starts[p] >= e }) // starts before e
	if p := t.firstEndingFrom(e, 0, within); p >= 0 {
		return t.order[p]
	}
	bestOverlap, best := 0, -1
	consider := func(overlap, p int) {
		if overlap > 0 && (best < 0 || overlap > bestOverlap || overlap == bestOverlap && p < best) {
			bestOverlap, best = overlap, p
		}
	}
	if end, p := t.greatest(t.end, t.endAt, 0, within); end != dead {
		consider(end-s, p)
	}
	stop := inside
	if p := t.firstEndingFrom(e, within, inside); p >= 0 {
		consider(e-t.starts[p], p)
		stop = p
	}
	if length, p := t.greatest(t.length, t.lengthAt, within, stop); length != dead {
		consider(length, p)
	}
	if best < 0 {
		return -1
	}
	return t.order[best]
}

// matchOverlapGreedy is the greedy overlap matching of the spans a[ia] with
// the spans b[ib], all of one type: see MatchOverlap.
func matchOverlapGreedy(a, b []annotations.Annotation, ia, ib []int) [][2]int {
	anns := [2][]annotations.Annotation{a, b}
	trees := [2]*spanTree{newSpanTree(a, ia), newSpanTree(b, ib)}
	type span struct{ side, i int }
	var pairs [][2]int
	var path []span // each span's best free partner is the next
	for _, i := range ia {
		if !trees[0].free(i) {
			continue
		}
		path = append(path[:0], span{0, i})
		for len(path) > 0 {
			x := path[len(path)-1]
			other := 1 - x.side
			y := span{other, trees[other].best(anns[x.side][x.i].Start, anns[x.side][x.i].End)}
			switch {
			case y.i < 0:
				trees[x.side].remove(x.i)
				path = path[:len(path)-1]
			case len(path) >= 2 && path[len(path)-2] == y:
				trees[x.side].remove(x.i)
				trees[y.side].remove(y.i)
				if x.side == 0 {
					pairs = append(pairs, [2]int{x.i, y.i})
				} else {
					pairs = append(pairs, [2]int{y.i, x.i})
				}
				path = path[:len(path)-2]
			default:
				path = append(path, y)
			}
		}
	}
	return pairs
}
