package annotations

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveEnds is the textbook dynamic program for approximate matching: the
// least edit distance of pattern to a substring of text ending at each j.
func naiveEnds(text, pattern []rune) []int {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	ends := make([]int, len(text)+1)
	ends[0] = m
	for j := 1; j <= len(text); j++ {
		diag := col[0] // D(0, j) = 0: a match may start anywhere
		col[0] = 0
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == text[j-1] {
				cost = 0
			}
			next := min(col[i]+1, col[i-1]+1, diag+cost)
			diag, col[i] = col[i], next
		}
		ends[j] = col[m]
	}
	return ends
}

func randomRunes(rng *rand.Rand, alphabet []rune, n int) []rune {
	r := make([]rune, n)
	for i := range r {
		r[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return r
}

// mutate applies about n random edits.
func mutate(rng *rand.Rand, alphabet []rune, r []rune, n int) []rune {
	r = slices.Clone(r)
	for range n {
		i := rng.IntN(len(r) + 1)
		switch rng.IntN(3) {
		case 0:
			r = slices.Insert(r, i, alphabet[rng.IntN(len(alphabet))])
		case 1:
			if i < len(r) {
				r = slices.Delete(r, i, i+1)
			}
		default:
			if i < len(r) {
				r[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
	}
	return r
}

func TestSearchEndsAgreesWithDynamicProgramming(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	alphabets := [][]rune{[]rune("ab"), []rune("abcd 😀é\u0303"), []rune("abcdefghijklmnopqrstuvwxyz ,.")}
	for iter := range 600 {
		alpha := alphabets[iter%len(alphabets)]
		m := 1 + rng.IntN(200)
		if iter%4 == 0 {
			m = 60 + rng.IntN(10) // around the block boundary
		}
		pattern := randomRunes(rng, alpha, m)
		text := randomRunes(rng, alpha, rng.IntN(300))
		// Plant a mutated copy so that there are matches to find.
		at := rng.IntN(len(text) + 1)
		text = slices.Concat(text[:at], mutate(rng, alpha, pattern, rng.IntN(m/3+1)), text[at:])
		k := rng.IntN(m/2 + 2)
		st := newSymbols(text)
		p := newBitPattern(st, pattern)
		lo := rng.IntN(len(text)/4 + 1)
		hi := len(text) - rng.IntN(len(text)/4+1)
		got := map[int]int{}
		p.searchEnds(st.sym, lo, hi, k, func(end, errors int) { got[end] = errors })
		want := naiveEnds(text[lo:hi], pattern)
		for j := 1; j < len(want); j++ {
			e, ok := got[lo+j]
			if want[j] <= k && (!ok || e != want[j]) || want[j] > k && ok {
				t.Fatalf("iteration %d, m=%d k=%d: end %d has distance %d, searchEnds says %d (reported %v)", iter, m, k, lo+j, want[j], e, ok)
			}
		}
		if len(got) > 0 && slices.Min(slicesKeys(got)) <= lo {
			t.Fatalf("reported an end before lo")
		}

		// distancesBack: the distance to every text[end-t:end].
		end := lo + rng.IntN(hi-lo+1)
		rev := slices.Clone(pattern)
		slices.Reverse(rev)
		d := newBitPattern(st, rev).distancesBack(st.sym, lo, end)
		for tt := 0; tt <= end-lo; tt++ {
			if w := levenshtein(pattern, text[end-tt:end]); d[tt] != w {
				t.Fatalf("iteration %d: distance to text[%d:%d] is %d, distancesBack says %d", iter, end-tt, end, w, d[tt])
			}
		}
	}
}

func slicesKeys(m map[int]int) []int {
	var k []int
	for x := range m {
		k = append(k, x)
	}
	return k
}

func TestPatternRunesMissingFromTheText(t *testing.T) {
	text := []rune("abc abd")
	st := newSymbols(text)
	var ends []int
	newBitPattern(st, []rune("ab😀")).searchEnds(st.sym, 0, len(text), 1, func(end, errors int) {
		if errors == 1 {
			ends = append(ends, end)
		}
	})
	if !slices.Contains(ends, 2) || !slices.Contains(ends, 6) {
		t.Errorf("ends %v, want 2 and 6 among them", ends)
	}
}

func TestSimilarity(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"", "", 1}, {"abc", "abc", 1}, {"abc", "", 0}, {"abcd", "abxd", 0.75}, {"😀bc", "bc", 2.0 / 3},
	} {
		if got := similarity([]rune(tc.a), []rune(tc.b)); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("similarity(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	long := []rune("a long string of more than thirty-two code points in all")
	if levenshtein(long, long[5:]) != 5 {
		t.Errorf("levenshtein on long strings")
	}
}

// levenshtein is the textbook edit distance, to check the bit-parallel ones.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [ContextLen + 1]int
	row := buf[:0]
	if len(b)+1 > len(buf) {
		row = make([]int, 0, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diag+cost)
			diag, row[j] = row[j], next
		}
	}
	return row[len(b)]
}

// similarity is 1 - distance/longer length: 1 for equal texts (two empty
// ones too), 0 for texts with nothing in common.
func similarity(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(a, b))/float64(n)
}

func TestContextMatcherAgreesWithDynamicProgramming(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	alpha := []rune("ab c\n😀é")
	for iter := range 3000 {
		want := randomRunes(rng, alpha, rng.IntN(ContextLen+1))
		got := mutate(rng, alpha, want, rng.IntN(8))
		if len(got) > ContextLen {
			got = got[:ContextLen]
		}
		before := iter%2 == 0
		agree, weight := newContextMatcher(want, before).agreement(got)
		w, g := collapseSpace(want, []rune{}), collapseSpace(got, []rune{})
		n := max(len(w), len(g))
		if n == 0 {
			if agree != 1 || weight != 0 {
				t.Fatalf("empty contexts: %v %v", agree, weight)
			}
			continue
		}
		run := 0
		for run < min(len(w), len(g)) {
			i, j := run, run
			if before {
				i, j = len(w)-1-run, len(g)-1-run
			}
			if w[i] != g[j] {
				break
			}
			run++
		}
		wantAgree := (1 - float64(levenshtein(w, g))/float64(n) + float64(run)/float64(n)) / 2
		if math.Abs(agree-wantAgree) > 1e-12 || weight != float64(n) {
			t.Fatalf("%q vs %q (before %v): %v %v, want %v %v", string(want), string(got), before, agree, weight, wantAgree, n)
		}
	}
	// A paragraph break that became a space changes nothing.
	if a, _ := newContextMatcher([]rune("end.\n\n"), true).agreement([]rune("end. ")); a != 1 {
		t.Errorf("white space: %v", a)
	}
}
