package corpus

import (
	"strings"
	"unicode"
)

// WordDiff is one step of a word-by-word comparison of two quotes, A and B.
// Op is one of:
//
//   - "same": A and B are the same words, written the same (A == B);
//   - "changed": A's words stand where B has other words, or the same words
//     written differently (case, punctuation: "state" / "State", "from," /
//     "from.");
//   - "removed": words of A that B does not have (B is "");
//   - "added": words of B that A does not have (A is "").
//
// Consecutive words with one Op make one step, their words joined by single
// spaces, so that the steps read as the two texts in turn.
type WordDiff struct {
	Op   string
	A, B string
}

// The WordDiff operations.
const (
	DiffSame    = "same"
	DiffChanged = "changed"
	DiffAdded   = "added"
	DiffRemoved = "removed"
)

// word is one white-space separated token of a quote, with its folded form:
// lower case, letters and digits only ("State’s," folds to "states"). A
// token of punctuation alone is its own fold, so that a dash still counts.
type word struct {
	raw, fold string
}

func splitWords(s string) []word {
	fields := strings.Fields(s)
	ws := make([]word, len(fields))
	for i, f := range fields {
		ws[i] = word{raw: f, fold: foldWord(f)}
	}
	return ws
}

func foldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return w
	}
	return b.String()
}

func folds(ws []word) []string {
	f := make([]string, len(ws))
	for i, w := range ws {
		f[i] = w.fold
	}
	return f
}

// lcsPairs aligns two word sequences by a longest common subsequence and
// returns the aligned index pairs in order. Ties are broken the same way
// every time (the earliest match in a), so the result is deterministic.
func lcsPairs(a, b []string) [][2]int {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	// suffix table: t[i][j] = LCS of a[i:], b[j:]
	w := m + 1
	t := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			case t[(i+1)*w+j] >= t[i*w+j+1]:
				t[i*w+j] = t[(i+1)*w+j]
			default:
				t[i*w+j] = t[i*w+j+1]
			}
		}
	}
	pairs := make([][2]int, 0, t[0])
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j] && t[i*w+j] == t[(i+1)*w+j+1]+1:
			pairs = append(pairs, [2]int{i, j})
			i++
			j++
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// DiffWords compares two quotes word by word. Words are matched ignoring
// case and punctuation (a longest common subsequence of the folded words);
// matched words written differently are "changed", as are the unmatched
// words of A and B between the same two matches; the rest are "removed"
// from A or "added" in B. Joining the A sides of the steps gives A's words,
// the B sides B's.
func DiffWords(a, b string) []WordDiff {
	wa, wb := splitWords(a), splitWords(b)
	var out []WordDiff
	emit := func(op, x, y string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].A = joinWords(out[n-1].A, x)
			out[n-1].B = joinWords(out[n-1].B, y)
			return
		}
		out = append(out, WordDiff{Op: op, A: x, B: y})
	}
	gap := func(i0, i1, j0, j1 int) {
		x, y := rawJoin(wa[i0:i1]), rawJoin(wb[j0:j1])
		switch {
		case x != "" && y != "":
			emit(DiffChanged, x, y)
		case x != "":
			emit(DiffRemoved, x, "")
		case y != "":
			emit(DiffAdded, "", y)
		}
	}
	i, j := 0, 0
	for _, p := range lcsPairs(folds(wa), folds(wb)) {
		gap(i, p[0], j, p[1])
		x, y := wa[p[0]].raw, wb[p[1]].raw
		if x == y {
			emit(DiffSame, x, y)
		} else {
			emit(DiffChanged, x, y)
		}
		i, j = p[0]+1, p[1]+1
	}
	gap(i, len(wa), j, len(wb))
	return out
}

func rawJoin(ws []word) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = w.raw
	}
	return strings.Join(s, " ")
}

func joinWords(x, y string) string {
	switch {
	case x == "":
		return y
	case y == "":
		return x
	}
	return x + " " + y
}
