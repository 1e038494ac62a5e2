package annotations

import (
	"slices"
	"unicode"
)

// Bit-parallel approximate string matching over code points: Myers' algorithm
// (G. Myers, "A fast bit-vector algorithm for approximate string matching
// based on dynamic programming", 1999) in Hyyrö's blocked form for patterns
// longer than 64 code points, with Ukkonen's cut-off so that only the blocks
// that can still reach the error budget are computed. It is what Hypothesis
// uses to anchor a quote on a changed page (the approx-string-match package).
//
// The text is turned into dense symbols once (one per distinct code point);
// a pattern then needs a bit mask per block for each of its symbols only.

const wordBits = 64

// symbols is a text as one small integer per code point.
type symbols struct {
	sym []int32
	of  map[rune]int32 // code points from U+0080 up; ASCII is its own symbol
	n   int            // symbols in use
}

func newSymbols(runes []rune) *symbols {
	s := &symbols{sym: make([]int32, len(runes)), of: make(map[rune]int32), n: 128}
	for i, r := range runes {
		if r < 128 {
			s.sym[i] = int32(r)
			continue
		}
		id, ok := s.of[r]
		if !ok {
			id = int32(s.n)
			s.n++
			s.of[r] = id
		}
		s.sym[i] = id
	}
	return s
}

// symbol is r's symbol, or -1 when r does not occur in the text.
func (s *symbols) symbol(r rune) int32 {
	if r < 128 {
		return r
	}
	if id, ok := s.of[r]; ok {
		return id
	}
	return -1
}

// bitPattern is a pattern prepared for matching against one symbols text.
type bitPattern struct {
	m, blocks int
	rowOf     []int32  // symbol → row of peq; row 0 is all zeros (no match)
	peq       []uint64 // peq[row*blocks+b]: bit i set where pattern[b*64+i] is the row's symbol
	last      []uint64 // per block, the bit of its last pattern row
}

func newBitPattern(st *symbols, pattern []rune) *bitPattern {
	m := len(pattern)
	blocks := (m + wordBits - 1) / wordBits
	p := &bitPattern{m: m, blocks: blocks, rowOf: make([]int32, st.n), last: make([]uint64, blocks)}
	p.peq = make([]uint64, blocks) // row 0
	for i, r := range pattern {
		sym := st.symbol(r)
		if sym < 0 {
			continue // occurs nowhere in the text: never matches
		}
		row := p.rowOf[sym]
		if row == 0 {
			row = int32(len(p.peq) / blocks)
			p.rowOf[sym] = row
			p.peq = append(p.peq, make([]uint64, blocks)...)
		}
		p.peq[int(row)*blocks+i/wordBits] |= 1 << (i % wordBits)
	}
	for b := range p.last {
		p.last[b] = 1 << (wordBits - 1)
	}
	if m > 0 {
		p.last[blocks-1] = 1 << ((m - 1) % wordBits)
	}
	return p
}

// advance computes one column of one block: P and M are the block's
// vertical deltas (+1 and -1), eq its match mask for the text symbol, hin the
// horizontal delta entering the block's top row (-1, 0 or +1). It returns the
// horizontal delta leaving its last row.
func advance(P, M *uint64, eq uint64, hin int, last uint64) int {
	pv, mv := *P, *M
	var hneg uint64
	if hin < 0 {
		hneg = 1
	}
	eq |= hneg
	xv := eq | mv
	xh := (((eq & pv) + pv) ^ pv) | eq
	ph := mv | ^(xh | pv)
	mh := pv & xh
	hout := 0
	if ph&last != 0 {
		hout = 1
	} else if mh&last != 0 {
		hout = -1
	}
	ph <<= 1
	mh = mh<<1 | hneg
	if hin > 0 {
		ph |= 1
	}
	*P = mh | ^(xv | ph)
	*M = ph & xv
	return hout
}

// searchEnds reports each end j in lo+1..hi such that the pattern matches
// some text[x:j] with lo <= x with at most k errors (Levenshtein distance),
// as f(j, errors).
func (p *bitPattern) searchEnds(sym []int32, lo, hi, k int, f func(end, errors int)) {
	if p.m == 0 || lo >= hi {
		return
	}
	k = min(k, p.m)
	if p.blocks == 1 {
		p.searchEnds1(sym, lo, hi, k, f)
		return
	}
	blocks, bMax := p.blocks, p.blocks-1
	type block struct {
		P, M  uint64 // vertical deltas +1 and -1
		score int    // the distance at the block's last row
		shift uint   // of the block's last row
	}
	bs := make([]block, blocks)
	for b := range bs {
		bs[b].shift = wordBits - 1
	}
	bs[bMax].shift = uint((p.m - 1) % wordBits)
	y := max(0, (k+wordBits-1)/wordBits-1) // last active block
	for b := 0; b <= y; b++ {
		bs[b].P, bs[b].M = ^uint64(0), 0
		bs[b].score = (b + 1) * wordBits
	}
	bs[bMax].score = p.m
	peq, rowOf := p.peq, p.rowOf
	for j := lo; j < hi; j++ {
		base := int(rowOf[sym[j]]) * blocks
		row := peq[base : base+blocks]
		carry := 0
		for b := range bs[:y+1] {
			// advance, inlined: this loop is where re-anchoring spends
			// its time.
			blk := &bs[b]
			pv, mv := blk.P, blk.M
			hneg := uint64(carry) >> 63
			hpos := uint64(carry) & 1 &^ hneg
			eq := row[b] | hneg
			xv := eq | mv
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			carry = int(ph>>blk.shift&1) - int(mh>>blk.shift&1)
			ph = ph<<1 | hpos
			mh = mh<<1 | hneg
			blk.P = mh | ^(xv | ph)
			blk.M = ph & xv
			blk.score += carry
		}
		if bs[y].score-carry <= k && y < bMax && (row[y+1]&1 != 0 || carry < 0) {
			// The next block can reach the budget: start computing it.
			y++
			bs[y].P, bs[y].M = ^uint64(0), 0
			rows := wordBits
			if y == bMax && p.m%wordBits != 0 {
				rows = p.m % wordBits
			}
			bs[y].score = bs[y-1].score + rows - carry + advance(&bs[y].P, &bs[y].M, row[y], carry, p.last[y])
		} else {
			for y > 0 && bs[y].score >= k+wordBits {
				y--
			}
		}
		if y == bMax && bs[y].score <= k {
			f(j+1, bs[y].score)
		}
	}
}

// searchEnds1 is searchEnds for patterns of at most 64 code points.
func (p *bitPattern) searchEnds1(sym []int32, lo, hi, k int, f func(end, errors int)) {
	eqOf := make([]uint64, len(p.rowOf)) // symbol → match mask, one lookup a step
	for sym, row := range p.rowOf {
		eqOf[sym] = p.peq[row]
	}
	pv, mv := ^uint64(0), uint64(0)
	sh := uint((p.m - 1) % wordBits)
	score := p.m
	for _, c := range sym[lo:hi] {
		eq := eqOf[c]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		score += int(ph>>sh&1) - int(mh>>sh&1)
		ph <<= 1
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		if score <= k {
			f(lo+1, score)
		}
		lo++
	}
}

// distancesBack computes, for t = 0..end-lo, the edit distance between the
// pattern (given reversed, as rev) and text[end-t:end], and returns them.
// Reading the text backwards from end with the top row anchored (a global
// alignment on the text side) gives, for a match that ends at end, every
// start it could have.
func (rev *bitPattern) distancesBack(sym []int32, lo, end int) []int {
	d := make([]int, 0, end-lo+1)
	d = append(d, rev.m)
	if rev.m == 0 {
		for t := 1; t <= end-lo; t++ {
			d = append(d, t)
		}
		return d
	}
	if rev.blocks == 1 {
		return rev.distancesBack1(sym, lo, end, d)
	}
	P := make([]uint64, rev.blocks)
	M := make([]uint64, rev.blocks)
	for b := range P {
		P[b] = ^uint64(0)
	}
	score := rev.m
	last := rev.last
	for j := end - 1; j >= lo; j-- {
		row := rev.peq[int(rev.rowOf[sym[j]])*rev.blocks:][:rev.blocks]
		carry := 1 // the top row counts the text taken: D(0, t) = t
		for b, eq := range row {
			// advance, inlined: for a long quote this runs for every
			// candidate end, over every block.
			pv, mv := P[b], M[b]
			hneg := uint64(carry) >> 63
			hpos := uint64(carry) & 1 &^ hneg
			eq |= hneg
			xv := eq | mv
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			carry = 0
			if ph&last[b] != 0 {
				carry = 1
			} else if mh&last[b] != 0 {
				carry = -1
			}
			ph = ph<<1 | hpos
			mh = mh<<1 | hneg
			P[b] = mh | ^(xv | ph)
			M[b] = ph & xv
		}
		score += carry
		d = append(d, score)
	}
	return d
}

// distancesBack1 is distancesBack for patterns of at most 64 code points.
func (rev *bitPattern) distancesBack1(sym []int32, lo, end int, d []int) []int {
	pv, mv := ^uint64(0), uint64(0)
	last := rev.last[0]
	score := rev.m
	for j := end - 1; j >= lo; j-- {
		eq := rev.peq[rev.rowOf[sym[j]]]
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		if ph&last != 0 {
			score++
		} else if mh&last != 0 {
			score--
		}
		ph = ph<<1 | 1 // the top row counts the text taken: D(0, t) = t
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		d = append(d, score)
	}
	return d
}

// contextMatcher rates how well the code points beside a candidate agree
// with a stored prefix (before) or suffix: from 0 to 1, the mean of their
// similarity (1 − edit distance/longer length) and of the share that agrees
// unbroken outwards from the span, since an unbroken run is stronger
// evidence than as many code points agreeing here and there. Runs of white
// space count as one space on both sides, so that a paragraph break that
// became a space changes nothing. The distance is Myers' bit-parallel
// algorithm with the stored context (at most 32 code points) as pattern.
type contextMatcher struct {
	want   []rune
	before bool
	ascii  [128]uint64
	other  map[rune]uint64
}

func newContextMatcher(want []rune, before bool) *contextMatcher {
	c := &contextMatcher{want: collapseSpace(want, nil), before: before}
	for i, r := range c.want {
		if r < 128 {
			c.ascii[r] |= 1 << i
			continue
		}
		if c.other == nil {
			c.other = make(map[rune]uint64)
		}
		c.other[r] |= 1 << i
	}
	return c
}

// agreement rates got, the up to 32 code points beside a candidate, and
// says how much the rating weighs: the longer of the two contexts, so that
// an annotation that was at the start of the text, with no prefix, counts
// what is before a candidate against it.
func (c *contextMatcher) agreement(got []rune) (agree, weight float64) {
	var buf [2 * ContextLen]rune
	got = collapseSpace(got, buf[:0])
	want := c.want
	n := max(len(want), len(got))
	if n == 0 {
		return 1, 0
	}
	run := 0
	for run < len(want) && run < len(got) {
		i, j := run, run
		if c.before {
			i, j = len(want)-1-run, len(got)-1-run
		}
		if want[i] != got[j] {
			break
		}
		run++
	}
	dist := len(got)
	if m := len(want); m > 0 {
		// Global alignment: the top row counts the text taken.
		pv, mv := ^uint64(0), uint64(0)
		sh := uint(m - 1)
		dist = m
		for _, r := range got {
			var eq uint64
			if r < 128 {
				eq = c.ascii[r]
			} else {
				eq = c.other[r]
			}
			xv := eq | mv
			xh := (((eq & pv) + pv) ^ pv) | eq
			ph := mv | ^(xh | pv)
			mh := pv & xh
			dist += int(ph>>sh&1) - int(mh>>sh&1)
			ph = ph<<1 | 1
			mh <<= 1
			pv = mh | ^(xv | ph)
			mv = ph & xv
		}
	}
	sim := 1 - float64(dist)/float64(n)
	return (sim + float64(run)/float64(n)) / 2, float64(n)
}

// collapseSpace appends r to dst with each run of white space made one
// space. It returns r itself when there is nothing to collapse and dst is
// nil.
func collapseSpace(r, dst []rune) []rune {
	if dst == nil && !slices.ContainsFunc(r, unicode.IsSpace) {
		return r
	}
	space := false
	for _, c := range r {
		if unicode.IsSpace(c) {
			if !space {
				dst = append(dst, ' ')
			}
			space = true
			continue
		}
		dst = append(dst, c)
		space = false
	}
	return dst
}
