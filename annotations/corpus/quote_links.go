package corpus

import "strings"

// QuoteLink is a quote that occurs in more than one article: two or more
// quotes, of at least two articles, each the same words as another of them
// or nearly so. Two quotes in different articles are linked when, with case
// and punctuation ignored,
//
//   - they are the same words, or nearly: each has at least two words and
//     their Similarity is at least LinkSimilarity (a changed or dropped word
//     in a sentence); or
//   - one is contained in the other: the shorter has at least
//     MinContainedWords words and, but for at most one word in ten, they
//     stand in a row in the longer (at most two extra words among them).
//
// Quotes linked to a common quote join one link. Quotes are in article then
// text order, except that Quotes[1] is the quote of another article most
// like Quotes[0]; Identical, Similarity, Contained and Diff describe those
// two (DiffWords gives the others' differences).
type QuoteLink struct {
	Quotes     []QuoteRef
	Identical  bool       // all the quotes are exactly the same text (white space aside)
	Similarity float64    // of Quotes[0] and Quotes[1]: 2·common words / (words of both), 0..1
	Contained  bool       // Quotes[0] and Quotes[1] are linked because one contains the other
	Diff       []WordDiff // DiffWords(Quotes[0].Exact, Quotes[1].Exact)
}

// QuoteRef names one quote of a link.
type QuoteRef struct {
	ArticleID, AnnotationID, Exact string
}

// Linking thresholds; see QuoteLink.
const (
	LinkSimilarity    = 0.75
	MinContainedWords = 5
)

// quoteWords is a quote prepared for linking.
type quoteWords struct {
	article string
	folds   []string
	set     map[string]bool // the distinct folds
}

// pairMatch is what comparing two quotes found.
type pairMatch struct {
	similarity float64
	contained  bool
}

// matchQuotes decides whether two quotes are linked.
func matchQuotes(a, b quoteWords) (pairMatch, bool) {
	na, nb := len(a.folds), len(b.folds)
	if na < 2 || nb < 2 {
		return pairMatch{}, false
	}
	pairs := lcsPairs(a.folds, b.folds)
	sim := 2 * float64(len(pairs)) / float64(na+nb)
	if sim >= LinkSimilarity {
		return pairMatch{similarity: sim}, true
	}
	short, side := na, 1 // side: the longer quote's index in pairs
	if nb < na {
		short, side = nb, 0
	}
	if short < MinContainedWords || len(pairs) == 0 {
		return pairMatch{}, false
	}
	missing := short - len(pairs)
	if missing*10 > short {
		return pairMatch{}, false
	}
	spread := pairs[len(pairs)-1][side] - pairs[0][side] + 1
	if spread-len(pairs) > 2 {
		return pairMatch{}, false
	}
	return pairMatch{similarity: sim, contained: true}, true
}

// linkQuotes finds the links among quotes given in article then text order.
// Only pairs that share enough distinct words are compared word by word, so
// that a few hundred quotes take little time.
func linkQuotes(all []CorpusQuote) []QuoteLink {
	qw := make([]quoteWords, len(all))
	index := map[string][]int{} // fold → quotes that have it, ascending
	for i, q := range all {
		f := folds(splitWords(q.Annotation.Exact))
		set := make(map[string]bool, len(f))
		for _, w := range f {
			if !set[w] {
				set[w] = true
				index[w] = append(index[w], i)
			}
		}
		qw[i] = quoteWords{article: q.ArticleID, folds: f, set: set}
	}

	parent := make([]int, len(all))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	matches := map[[2]int]pairMatch{}
	shared := make([]int, len(all))
	for i := range all {
		clear(shared)
		for w := range qw[i].set {
			for _, j := range index[w] {
				if j > i && qw[j].article != qw[i].article {
					shared[j]++
				}
			}
		}
		for j := i + 1; j < len(all); j++ {
			n := min(len(qw[i].set), len(qw[j].set))
			if shared[j] < 2 || shared[j]*10 < n*6 {
				continue
			}
			if m, ok := matchQuotes(qw[i], qw[j]); ok {
				matches[[2]int{i, j}] = m
				parent[find(j)] = find(i)
			}
		}
	}

	groups := map[int][]int{}
	var roots []int
	for i := range all {
		r := find(i)
		if len(groups[r]) == 0 {
			roots = append(roots, r) // in the order of the groups' first quotes
		}
		groups[r] = append(groups[r], i)
	}
	var links []QuoteLink
	for _, r := range roots {
		g := groups[r] // ascending: article then text order
		if len(g) < 2 {
			continue
		}
		first := g[0]
		// Every link of g[0] is to a later quote, and it has one.
		best, bestM := -1, pairMatch{}
		for _, j := range g[1:] {
			if m, ok := matches[[2]int{first, j}]; ok && (best < 0 || m.similarity > bestM.similarity) {
				best, bestM = j, m
			}
		}
		order := []int{first, best}
		for _, j := range g[1:] {
			if j != best {
				order = append(order, j)
			}
		}
		l := QuoteLink{Identical: true, Similarity: bestM.similarity, Contained: bestM.contained}
		norm0 := strings.Join(strings.Fields(all[first].Annotation.Exact), " ")
		for _, k := range order {
			q := all[k]
			l.Quotes = append(l.Quotes, QuoteRef{ArticleID: q.ArticleID, AnnotationID: q.Annotation.ID, Exact: q.Annotation.Exact})
			if strings.Join(strings.Fields(q.Annotation.Exact), " ") != norm0 {
				l.Identical = false
			}
		}
		l.Diff = DiffWords(all[first].Annotation.Exact, all[best].Annotation.Exact)
		links = append(links, l)
	}
	return links
}
