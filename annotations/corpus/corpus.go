package corpus

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"quotemark/annotations"
)

// CorpusEntry is one article with one of its sets (in the browser, the
// active one).
type CorpusEntry struct {
	Article *annotations.Article
	Set     *annotations.Set
}

// CorpusSpeaker is one person (or body) across the articles: the speakers
// of the sets that name them, matched by name.
type CorpusSpeaker struct {
	Key    string        // stable id of the row: the folded Name as built; MergeSpeakers keeps the into row's
	Name   string        // the fullest form among the names used (most words, then longest)
	Names  []string      // every distinct name used, sorted
	Quotes []CorpusQuote // every quote attributed to them, in article then text order
}

// CorpusQuote is one quote of one article.
type CorpusQuote struct {
	ArticleID, ArticleTitle string
	Annotation              annotations.Annotation // the quote; Start and End are in that article's code points
	Links                   []int                  // indexes into Corpus.Links of the links this quote is part of
}

// Corpus is the quotes of several articles grouped by speaker, with the
// quotes that occur in more than one article linked.
//
// A Corpus is immutable: once BuildCorpus or MergeSpeakers returns one,
// nothing changes it, and corpora derived from one another share rows,
// quote lists and links. Callers must not write to its slices.
type Corpus struct {
	Speakers     []CorpusSpeaker // most quotes first, then by Name and Key
	Links        []QuoteLink     // in the order of their first quotes
	Unattributed []CorpusQuote   // quotes with no speaker, in article then text order

	articleOrder map[string]int // article id → position among the entries
}

// BuildCorpus gathers the quotes of the entries' sets. Speakers are matched
// across articles by name: one row holds the speakers whose folded names
// (case, white space and surrounding punctuation ignored) are equal, or of
// which one ends with the other as whole words ("Hosemann" and "Delbert
// Hosemann", not "Mann" and "Hosemann"); a short name that ends two names of
// different people ("Smith": "Jane Smith", "John Smith") joins neither.
// Quotes in different articles that are the same words or nearly are linked
// (see QuoteLink). Entries with no article or set are skipped; entries with
// the same article id count as one article. The result depends only on the
// entries and their order.
func BuildCorpus(entries []CorpusEntry) *Corpus {
	c := &Corpus{articleOrder: map[string]int{}}
	var all []CorpusQuote
	seen := map[quoteKey]bool{}
	names := map[string]map[string]bool{}
	for _, e := range entries {
		if e.Article == nil || e.Set == nil {
			continue
		}
		if _, ok := c.articleOrder[e.Article.ID]; !ok {
			c.articleOrder[e.Article.ID] = len(c.articleOrder)
		}
		for _, sp := range e.Set.Speakers {
			f := annotations.FoldName(sp.Name)
			if f == "" {
				continue
			}
			if names[f] == nil {
				names[f] = map[string]bool{}
			}
			names[f][strings.Join(strings.Fields(sp.Name), " ")] = true
		}
		for _, a := range e.Set.Annotations {
			if a.Type != annotations.Quote || seen[quoteKey{e.Article.ID, a.ID}] {
				continue
			}
			seen[quoteKey{e.Article.ID, a.ID}] = true
			all = append(all, CorpusQuote{ArticleID: e.Article.ID, ArticleTitle: e.Article.Title, Annotation: a})
		}
	}
	slices.SortStableFunc(all, c.compareQuotes)
	c.Links = linkQuotes(all)
	at := make(map[quoteKey]int, len(all))
	for k, q := range all {
		at[quoteKey{q.ArticleID, q.Annotation.ID}] = k
	}
	for i, l := range c.Links {
		for _, r := range l.Quotes {
			k := at[quoteKey{r.ArticleID, r.AnnotationID}]
			all[k].Links = append(all[k].Links, i)
		}
	}

	groups := groupNames(names)
	rows := map[string]*CorpusSpeaker{}
	var order []string
	for _, folded := range slices.Sorted(maps.Keys(groups)) {
		root := groups[folded]
		r := rows[root]
		if r == nil {
			r = &CorpusSpeaker{}
			rows[root] = r
			order = append(order, root)
		}
		for n := range names[folded] {
			r.Names = append(r.Names, n)
		}
	}
	bySpeakerOf := speakerOfQuotes(entries)
	for _, q := range all {
		f := bySpeakerOf[quoteKey{q.ArticleID, q.Annotation.ID}]
		if f == "" {
			c.Unattributed = append(c.Unattributed, q)
			continue
		}
		rows[groups[f]].Quotes = append(rows[groups[f]].Quotes, q)
	}
	for _, root := range order {
		r := rows[root]
		r.finish()
		r.Key = annotations.FoldName(r.Name)
		c.Speakers = append(c.Speakers, *r)
	}
	c.sortSpeakers()
	return c
}

type quoteKey struct{ article, annotation string }

// speakerOfQuotes maps each quote to its speaker's folded name ("" for none).
func speakerOfQuotes(entries []CorpusEntry) map[quoteKey]string {
	m := map[quoteKey]string{}
	for _, e := range entries {
		if e.Article == nil || e.Set == nil {
			continue
		}
		for _, a := range e.Set.Annotations {
			if a.Type == annotations.Quote {
				k := quoteKey{e.Article.ID, a.ID}
				if _, seen := m[k]; !seen {
					m[k] = annotations.FoldName(e.Set.SpeakerName(a.Speaker))
				}
			}
		}
	}
	return m
}

// groupNames maps every folded name to the folded name that stands for its
// group. Longer names are placed first, so that "hosemann" finds the group
// "delbert hosemann" already holds.
func groupNames(names map[string]map[string]bool) map[string]string {
	keys := slices.Sorted(maps.Keys(names))
	slices.SortStableFunc(keys, func(a, b string) int {
		return cmp.Or(-cmp.Compare(len(strings.Fields(a)), len(strings.Fields(b))), -cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
	})
	u := newUnionFind(len(keys))
	for i, short := range keys {
		roots := map[int]bool{}
		for j, long := range keys[:i] {
			if long != short && strings.HasSuffix(long, " "+short) {
				roots[u.find(j)] = true
			}
		}
		if len(roots) == 1 {
			for r := range roots {
				u.join(i, r)
			}
		}
	}
	groups := make(map[string]string, len(keys))
	for i, k := range keys {
		groups[k] = keys[u.find(i)]
	}
	return groups
}

// finish sorts the row's names and picks the fullest.
func (r *CorpusSpeaker) finish() {
	slices.Sort(r.Names)
	r.Names = slices.Compact(r.Names)
	r.Name = ""
	for _, n := range r.Names {
		if r.Name == "" || fullerName(n, r.Name) {
			r.Name = n
		}
	}
}

// fullerName reports whether a is a fuller form of a name than b: more
// words, then more characters.
func fullerName(a, b string) bool {
	return cmp.Or(cmp.Compare(len(strings.Fields(a)), len(strings.Fields(b))), cmp.Compare(len([]rune(a)), len([]rune(b)))) > 0
}

func (c *Corpus) compareQuotes(a, b CorpusQuote) int {
	return cmp.Or(cmp.Compare(c.articleOrder[a.ArticleID], c.articleOrder[b.ArticleID]),
		annotations.CompareAnnotations(a.Annotation, b.Annotation))
}

func (c *Corpus) sortSpeakers() {
	slices.SortStableFunc(c.Speakers, compareCorpusSpeakers)
}

// compareCorpusSpeakers orders rows: most quotes first, then by Name and Key.
func compareCorpusSpeakers(a, b CorpusSpeaker) int {
	return cmp.Or(-cmp.Compare(len(a.Quotes), len(b.Quotes)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Key, b.Key))
}

// Speaker returns the row with the given key.
func (c *Corpus) Speaker(key string) (CorpusSpeaker, bool) {
	i := slices.IndexFunc(c.Speakers, func(s CorpusSpeaker) bool { return s.Key == key })
	if i < 0 {
		return CorpusSpeaker{}, false
	}
	return c.Speakers[i], true
}

// MergeSpeakers merges the row fromKey into the row intoKey, as a person
// does by hand when two rows are one person whose names the matching did not
// join. It returns a merged copy and leaves c as it was. The merged row keeps
// intoKey as its key (so that merges recorded as key pairs can be replayed
// on a rebuilt corpus), takes the names of both rows, names itself by the
// fullest of them, and holds the quotes of both in article then text order.
//
// A merge costs what it changes: the copy has a new row slice and a new
// merged row, and shares everything else with c (the other rows, their
// names and quotes, the links and the unattributed quotes). That is safe
// because a Corpus is never changed once built: BuildCorpus and
// MergeSpeakers make new ones, and callers must treat one as read-only. It
// relies on what BuildCorpus and MergeSpeakers leave: rows in order (most
// quotes first, then by Name and Key) and each row's quotes in article then
// text order.
func (c *Corpus) MergeSpeakers(fromKey, intoKey string) (*Corpus, error) {
	if fromKey == intoKey {
		return nil, fmt.Errorf("cannot merge speaker %q into itself", fromKey)
	}
	from := slices.IndexFunc(c.Speakers, func(s CorpusSpeaker) bool { return s.Key == fromKey })
	into := slices.IndexFunc(c.Speakers, func(s CorpusSpeaker) bool { return s.Key == intoKey })
	switch {
	case from < 0:
		return nil, fmt.Errorf("no speaker %q in the corpus", fromKey)
	case into < 0:
		return nil, fmt.Errorf("no speaker %q in the corpus", intoKey)
	}
	f, t := c.Speakers[from], c.Speakers[into]
	merged := CorpusSpeaker{
		Key:    t.Key,
		Names:  slices.Concat(t.Names, f.Names), // new arrays: the rows' own stay as they are
		Quotes: c.mergeQuotes(t.Quotes, f.Quotes),
	}
	merged.finish()

	out := &Corpus{
		Speakers:     make([]CorpusSpeaker, 0, len(c.Speakers)-1),
		Links:        c.Links,
		Unattributed: c.Unattributed,
		articleOrder: c.articleOrder,
	}
	for i, s := range c.Speakers {
		if i != from && i != into {
			out.Speakers = append(out.Speakers, s)
		}
	}
	at, _ := slices.BinarySearchFunc(out.Speakers, merged, compareCorpusSpeakers)
	out.Speakers = slices.Insert(out.Speakers, at, merged)
	return out, nil
}

// mergeQuotes merges two quote lists in article then text order into a new
// one; on a tie a's quote comes first, as a stable sort of a then b puts it.
func (c *Corpus) mergeQuotes(a, b []CorpusQuote) []CorpusQuote {
	out := make([]CorpusQuote, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if c.compareQuotes(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}
