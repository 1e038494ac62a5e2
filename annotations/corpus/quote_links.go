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
	ArticleTitle                   string // what a page shows the article as
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
func linkQuotes(all []CorpusQuote) []QuoteLink {
	matches, u := matchQuotePairs(prepareQuotes(all))
	var links []QuoteLink
	for _, g := range u.groups() {
		if len(g) >= 2 {
			links = append(links, newQuoteLink(all, g, matches))
		}
	}
	return links
}

// prepareQuotes folds each quote's words.
func prepareQuotes(all []CorpusQuote) []quoteWords {
	qw := make([]quoteWords, len(all))
	for i, q := range all {
		f := folds(splitWords(q.Annotation.Exact))
		set := make(map[string]bool, len(f))
		for _, w := range f {
			set[w] = true
		}
		qw[i] = quoteWords{article: q.ArticleID, folds: f, set: set}
	}
	return qw
}

// matchQuotePairs compares the quotes of different articles and groups
// those linked, directly or through others. It returns each linked pair
// (i < j) and the groups. Only pairs that share enough distinct words are
// compared word by word, so that a few hundred quotes take little time.
func matchQuotePairs(qw []quoteWords) (map[[2]int]pairMatch, unionFind) {
	index := map[string][]int{} // fold → quotes that have it, ascending
	for i, q := range qw {
		for w := range q.set {
			index[w] = append(index[w], i)
		}
	}
	u := newUnionFind(len(qw))
	matches := map[[2]int]pairMatch{}
	shared := make([]int, len(qw))
	for i := range qw {
		clear(shared)
		for w := range qw[i].set {
			for _, j := range index[w] {
				if j > i && qw[j].article != qw[i].article {
					shared[j]++
				}
			}
		}
		for j := i + 1; j < len(qw); j++ {
			n := min(len(qw[i].set), len(qw[j].set))
			if shared[j] < 2 || shared[j]*10 < n*6 {
				continue
			}
			if m, ok := matchQuotes(qw[i], qw[j]); ok {
				matches[[2]int{i, j}] = m
				u.join(j, i)
			}
		}
	}
	return matches, u
}

// newQuoteLink makes the link of a group of quotes, given ascending (article
// then text order): its first quote, then the one most like it, then the
// rest.
func newQuoteLink(all []CorpusQuote, g []int, matches map[[2]int]pairMatch) QuoteLink {
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
		l.Quotes = append(l.Quotes, QuoteRef{ArticleID: q.ArticleID, AnnotationID: q.Annotation.ID, Exact: q.Annotation.Exact, ArticleTitle: q.ArticleTitle})
		if strings.Join(strings.Fields(q.Annotation.Exact), " ") != norm0 {
			l.Identical = false
		}
	}
	l.Diff = DiffWords(all[first].Annotation.Exact, all[best].Annotation.Exact)
	return l
}
