package agreement

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"quotemark/annotations"
)

// Score is how well set B finds set A's spans of one type (or of all types,
// micro-averaged): Matches one-to-one matches out of A and B spans. A ratio
// with a zero denominator is undefined (nil, JSON null).
type Score struct {
	Matches   int      `json:"matches"`
	A         int      `json:"a"`         // |A|
	B         int      `json:"b"`         // |B|
	Precision *float64 `json:"precision"` // m/|B|
	Recall    *float64 `json:"recall"`    // m/|A|
	F1        *float64 `json:"f1"`        // 2m/(|A|+|B|)
}

func newScore(m, a, b int) Score {
	return Score{Matches: m, A: a, B: b, Precision: ratio(m, b), Recall: ratio(m, a), F1: ratio(2*m, a+b)}
}

// TypeFigures are a pair's figures for one type, or for "all" types.
type TypeFigures struct {
	Exact    Score
	Overlap  Score
	Kappa    *float64 // Cohen's kappa; per type only, nil when undefined
	HasKappa bool     // false for "all", which has no kappa
}

// MarshalJSON writes exact and overlap, and kappa (a number or null) when
// HasKappa; "all" has no kappa key.
func (f TypeFigures) MarshalJSON() ([]byte, error) {
	type scores struct {
		Exact   Score `json:"exact"`
		Overlap Score `json:"overlap"`
	}
	if !f.HasKappa {
		return json.Marshal(scores{f.Exact, f.Overlap})
	}
	return json.Marshal(struct {
		scores
		Kappa *float64 `json:"kappa"`
	}{scores{f.Exact, f.Overlap}, f.Kappa})
}

// AttributionFigures count the overlap-matched quote pairs in which both
// quotes have a speaker (Pairs) and those whose speakers agree (Agree).
type AttributionFigures struct {
	Pairs int      `json:"pairs"`
	Agree int      `json:"agree"`
	Rate  *float64 `json:"rate"` // Agree/Pairs, nil when Pairs is 0
}

// AllTypes is the key of TypeFigures micro-averaged over the three types.
const AllTypes = "all"

// PairFigures compare two of the sets, A = sets[A] and B = sets[B].
type PairFigures struct {
	A, B        int                    // indexes of the sets as given
	Types       map[string]TypeFigures // "quote", "speaker", "claim" and AllTypes
	Attribution AttributionFigures
}

// MarshalJSON writes a, b, types (in the order quote, speaker, claim, all)
// and attribution.
func (p PairFigures) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		A           int                `json:"a"`
		B           int                `json:"b"`
		Types       orderedTypes       `json:"types"`
		Attribution AttributionFigures `json:"attribution"`
	}{p.A, p.B, orderedTypes(p.Types), p.Attribution})
}

// orderedTypes writes a map keyed by type in the order quote, speaker,
// claim, all, leaving out missing keys.
type orderedTypes map[string]TypeFigures

func (o orderedTypes) MarshalJSON() ([]byte, error) {
	var b []byte
	for _, k := range []string{string(annotations.Quote), string(annotations.SpeakerMention), string(annotations.Claim), AllTypes} {
		f, ok := o[k]
		if !ok {
			continue
		}
		v, err := f.MarshalJSON()
		if err != nil {
			return nil, err
		}
		key, _ := json.Marshal(k)
		b = append(append(append(append(b, ','), key...), ':'), v...)
	}
	if len(b) == 0 {
		return []byte("{}"), nil
	}
	b[0] = '{'
	return append(b, '}'), nil
}

// SetSummary describes one compared set.
type SetSummary struct {
	ID        string                   `json:"id"`
	Annotator string                   `json:"annotator"`
	Counts    map[annotations.Type]int `json:"counts"` // annotations per type, every type present
}

// Comparison holds the agreement figures of two or more sets of one text.
type Comparison struct {
	Sets  []SetSummary
	Pairs []PairFigures       // every pair i < j, in the order given: (0,1), (0,2), …, (1,2), …
	Alpha map[string]*float64 // Krippendorff's alpha per type ("quote", "speaker", "claim") over all the sets
}

// MarshalJSON writes the object "quotemark compare -format json" prints:
//
//	{"sets": [{"id", "annotator", "counts": {type: n}}],
//	 "pairs": [{"a", "b",
//	            "types": {"quote"|"speaker"|"claim": {"exact", "overlap", "kappa"}, "all": {"exact", "overlap"}},
//	            "attribution": {"pairs", "agree", "rate"}}],
//	 "alpha": {"quote", "speaker", "claim"}}
//
// where "exact" and "overlap" are {"matches", "a", "b", "precision",
// "recall", "f1"}; undefined figures are null.
func (c *Comparison) MarshalJSON() ([]byte, error) {
	type alpha struct {
		Quote   *float64 `json:"quote"`
		Speaker *float64 `json:"speaker"`
		Claim   *float64 `json:"claim"`
	}
	sets, pairs := c.Sets, c.Pairs
	if sets == nil {
		sets = []SetSummary{}
	}
	if pairs == nil {
		pairs = []PairFigures{}
	}
	return json.Marshal(struct {
		Sets  []SetSummary  `json:"sets"`
		Pairs []PairFigures `json:"pairs"`
		Alpha alpha         `json:"alpha"`
	}{sets, pairs, alpha{c.Alpha[string(annotations.Quote)], c.Alpha[string(annotations.SpeakerMention)], c.Alpha[string(annotations.Claim)]}})
}

// Compare computes the agreement figures of two or more sets made on the
// article's text: for every pair of sets, exact and overlap matching scores
// per type and over all types, Cohen's kappa per type and attribution
// agreement; across all the sets, Krippendorff's alpha per type. It refuses
// sets made on another text than art (their article.sha256 differ).
func Compare(art *annotations.Article, sets []*annotations.Set) (*Comparison, error) {
	if len(sets) < 2 {
		return nil, fmt.Errorf("comparing needs at least two sets, not %d", len(sets))
	}
	if err := checkComparable(art, sets); err != nil {
		return nil, err
	}
	units := newUnitIndex(art.Text)
	covs := make([]map[annotations.Type][]interval, len(sets))
	c := &Comparison{Alpha: map[string]*float64{}}
	for i, s := range sets {
		covs[i] = map[annotations.Type][]interval{}
		counts := map[annotations.Type]int{}
		for _, t := range annotations.Types {
			covs[i][t] = coverage(s.Annotations, t)
			counts[t] = 0
		}
		for _, a := range s.Annotations {
			counts[a.Type]++
		}
		c.Sets = append(c.Sets, SetSummary{ID: s.ID, Annotator: s.Annotator, Counts: counts})
	}
	for i := range sets {
		for j := i + 1; j < len(sets); j++ {
			p := comparePair(sets[i], sets[j])
			p.A, p.B = i, j
			for _, t := range annotations.Types {
				f := p.Types[string(t)]
				f.Kappa, f.HasKappa = units.cohenKappa(covs[i][t], covs[j][t]), true
				p.Types[string(t)] = f
			}
			c.Pairs = append(c.Pairs, p)
		}
	}
	for _, t := range annotations.Types {
		all := make([][]interval, len(sets))
		for i := range sets {
			all[i] = covs[i][t]
		}
		c.Alpha[string(t)] = units.krippendorffAlpha(all)
	}
	return c, nil
}

// comparePair computes the span scores and attribution agreement of a pair;
// kappa needs the text and is filled in by Compare.
func comparePair(a, b *annotations.Set) PairFigures {
	sizeA, sizeB := map[annotations.Type]int{}, map[annotations.Type]int{}
	for _, x := range a.Annotations {
		sizeA[x.Type]++
	}
	for _, y := range b.Annotations {
		sizeB[y.Type]++
	}
	tally := func(pairs [][2]int) map[annotations.Type]int {
		m := map[annotations.Type]int{}
		for _, p := range pairs {
			m[a.Annotations[p[0]].Type]++
		}
		return m
	}
	exact := tally(MatchExact(a.Annotations, b.Annotations))
	overlapPairs := MatchOverlap(a.Annotations, b.Annotations)
	overlap := tally(overlapPairs)

	p := PairFigures{Types: map[string]TypeFigures{}}
	var em, om, na, nb int
	for _, t := range annotations.Types {
		p.Types[string(t)] = TypeFigures{
			Exact:   newScore(exact[t], sizeA[t], sizeB[t]),
			Overlap: newScore(overlap[t], sizeA[t], sizeB[t]),
		}
		em, om, na, nb = em+exact[t], om+overlap[t], na+sizeA[t], nb+sizeB[t]
	}
	p.Types[AllTypes] = TypeFigures{Exact: newScore(em, na, nb), Overlap: newScore(om, na, nb)}

	agree := speakerAgreement(a, b, overlapPairs)
	for _, pr := range overlapPairs {
		x, y := a.Annotations[pr[0]], b.Annotations[pr[1]]
		if x.Type != annotations.Quote || x.Speaker == "" || y.Speaker == "" {
			continue
		}
		p.Attribution.Pairs++
		if agree(x.Speaker, y.Speaker) {
			p.Attribution.Agree++
		}
	}
	p.Attribution.Rate = ratio(p.Attribution.Agree, p.Attribution.Pairs)
	return p
}

// speakerAgreement returns whether speaker idA of set a and speaker idB of
// set b are the same person or body: their names are equal ignoring case
// and white space (FoldName), or one extends the other unambiguously (see
// speaker_names.go: "Hosemann" and "Delbert Hosemann"), or a speaker
// mention naming idA is matched, in overlapPairs (the overlap matching of
// a's and b's annotations), to a mention naming idB. The last rule keeps a
// renamed speaker agreeing.
func speakerAgreement(a, b *annotations.Set, overlapPairs [][2]int) func(idA, idB string) bool {
	linked := map[[2]string]bool{}
	for _, p := range overlapPairs {
		x, y := a.Annotations[p[0]], b.Annotations[p[1]]
		if x.Type == annotations.SpeakerMention && y.Type == annotations.SpeakerMention {
			linked[[2]string{x.Speaker, y.Speaker}] = true
		}
	}
	namesA, namesB := foldedNames(a), foldedNames(b)
	var indexA, indexB *nameIndex        // built on the first pair whose folded names differ
	var shownA, shownB map[string]string // the names as written (capitals tell a name), built with the indexes
	return func(idA, idB string) bool {
		if idA == "" || idB == "" {
			return false
		}
		na, nb := namesA[idA], namesB[idB]
		if na != "" && na == nb || linked[[2]string{idA, idB}] {
			return true
		}
		if na == "" || nb == "" {
			return false
		}
		if indexA == nil {
			indexA, indexB = newNameIndex(a.Speakers), newNameIndex(b.Speakers)
			shownA, shownB = shownNames(a), shownNames(b)
		}
		return sameByExtendedName(indexA, idA, shownA[idA], indexB, idB, shownB[idB])
	}
}

func shownNames(s *annotations.Set) map[string]string {
	m := make(map[string]string, len(s.Speakers))
	for _, sp := range s.Speakers {
		m[sp.ID] = sp.Name
	}
	return m
}

func foldedNames(s *annotations.Set) map[string]string {
	m := make(map[string]string, len(s.Speakers))
	for _, sp := range s.Speakers {
		m[sp.ID] = annotations.FoldName(sp.Name)
	}
	return m
}

// checkComparable refuses sets made on different texts, or on another text
// than art, and spans that do not fit in art.
func checkComparable(art *annotations.Article, sets []*annotations.Set) error {
	for i, s := range sets {
		if s == nil {
			return fmt.Errorf("set %d is missing", i)
		}
		if s.Article.SHA256 != sets[0].Article.SHA256 {
			return fmt.Errorf("%s is for article %q (sha256 %s) but %s is for article %q (sha256 %s): sets are comparable only when made on the same text",
				setLabel(0, sets[0]), sets[0].Article.ID, sets[0].Article.SHA256, setLabel(i, s), s.Article.ID, s.Article.SHA256)
		}
	}
	if sets[0].Article.SHA256 != art.SHA256 {
		return fmt.Errorf("the sets are for article %q (sha256 %s), not for the text given, article %q (sha256 %s)",
			sets[0].Article.ID, sets[0].Article.SHA256, art.ID, art.SHA256)
	}
	for i, s := range sets {
		if s.Article.Length != art.Length {
			return fmt.Errorf("%s: article.length is %d but the text with its sha256 has %d code points", setLabel(i, s), s.Article.Length, art.Length)
		}
		for k, a := range s.Annotations {
			if a.Start < 0 || a.End <= a.Start || a.End > art.Length {
				return fmt.Errorf("%s: annotations[%d]: span %d–%d is not inside the article (length %d)", setLabel(i, s), k, a.Start, a.End, art.Length)
			}
		}
	}
	return nil
}

// setLabel names a set in messages: its index and its annotator, or its id
// when it has no annotator.
func setLabel(i int, s *annotations.Set) string {
	if s.Annotator != "" {
		return fmt.Sprintf("set %d (annotator %q)", i, s.Annotator)
	}
	return fmt.Sprintf("set %d (id %s)", i, s.ID)
}

// MatchExact pairs annotations of a and b with the same type, start and end,
// one to one: duplicates pair off in index order. The pairs [i, j] (a[i],
// b[j]) are sorted by i.
func MatchExact(a, b []annotations.Annotation) [][2]int {
	type key struct {
		t          annotations.Type
		start, end int
	}
	free := map[key][]int{}
	for j, y := range b {
		k := key{y.Type, y.Start, y.End}
		free[k] = append(free[k], j)
	}
	var pairs [][2]int
	for i, x := range a {
		k := key{x.Type, x.Start, x.End}
		if js := free[k]; len(js) > 0 {
			pairs = append(pairs, [2]int{i, js[0]})
			free[k] = js[1:]
		}
	}
	return pairs
}

// MatchOverlap pairs annotations of a and b of the same type that share at
// least one code point, one to one and greedily: candidate pairs are taken
// in order of overlap length (longest first), then a's start, a's end, b's
// start, b's end (smallest first), then index; a pair is kept when neither
// side is paired yet. The pairs [i, j] (a[i], b[j]) are sorted by i.
//
// Many pairs may tie on overlap and spans (identical spans): they pair off
// in index order, the first free of a with the first free of b. The
// matching is found in O(n log n), without listing the overlapping pairs.
func MatchOverlap(a, b []annotations.Annotation) [][2]int {
	byType := func(anns []annotations.Annotation) map[annotations.Type][]int {
		m := map[annotations.Type][]int{}
		for i, x := range anns {
			if x.End > x.Start {
				m[x.Type] = append(m[x.Type], i)
			}
		}
		return m
	}
	ta, tb := byType(a), byType(b)
	var pairs [][2]int
	for t, ia := range ta {
		if ib := tb[t]; len(ib) > 0 {
			pairs = append(pairs, matchOverlapGreedy(a, b, ia, ib)...)
		}
	}
	slices.SortFunc(pairs, func(p, q [2]int) int { return cmp.Compare(p[0], q[0]) })
	return pairs
}

// overlapCandidate is a pair a[i], b[j] of one type sharing overlap code
// points.
type overlapCandidate struct{ i, j, overlap int }

// overlapCandidates lists the overlapping pairs (those keep accepts, if
// given) in the greedy order of the overlap matching: overlap length
// longest first, then a's start, a's end, b's start, b's end, then index.
func overlapCandidates(a, b []annotations.Annotation, keep func(i, j int) bool) []overlapCandidate {
	var cands []overlapCandidate
	overlapping(a, b, func(i, j int) {
		if keep != nil && !keep(i, j) {
			return
		}
		if ov := min(a[i].End, b[j].End) - max(a[i].Start, b[j].Start); ov > 0 {
			cands = append(cands, overlapCandidate{i, j, ov})
		}
	})
	slices.SortFunc(cands, func(p, q overlapCandidate) int {
		return cmp.Or(cmp.Compare(q.overlap, p.overlap),
			cmp.Compare(a[p.i].Start, a[q.i].Start), cmp.Compare(a[p.i].End, a[q.i].End),
			cmp.Compare(b[p.j].Start, b[q.j].Start), cmp.Compare(b[p.j].End, b[q.j].End),
			cmp.Compare(p.i, q.i), cmp.Compare(p.j, q.j))
	})
	return cands
}

// overlapping calls f(i, j) for every a[i], b[j] of the same type whose
// spans intersect, by a sweep over the starts: O((n+k) log n) for n spans
// and k such pairs, rather than comparing every pair.
func overlapping(a, b []annotations.Annotation, f func(i, j int)) {
	type item struct {
		fromB bool
		idx   int
		ann   *annotations.Annotation
	}
	items := make([]item, 0, len(a)+len(b))
	for i := range a {
		items = append(items, item{false, i, &a[i]})
	}
	for j := range b {
		items = append(items, item{true, j, &b[j]})
	}
	slices.SortFunc(items, func(x, y item) int {
		return cmp.Or(cmp.Compare(x.ann.Type, y.ann.Type), cmp.Compare(x.ann.Start, y.ann.Start))
	})
	var active [2][]item // spans of a and of b that may still overlap what comes next
	for k, it := range items {
		if k > 0 && items[k-1].ann.Type != it.ann.Type {
			active[0], active[1] = active[0][:0], active[1][:0]
		}
		side, other := 0, 1
		if it.fromB {
			side, other = 1, 0
		}
		kept := active[other][:0]
		for _, o := range active[other] {
			if o.ann.End > it.ann.Start {
				kept = append(kept, o)
			}
		}
		active[other] = kept
		for _, o := range kept {
			if it.fromB {
				f(o.idx, it.idx)
			} else {
				f(it.idx, o.idx)
			}
		}
		active[side] = append(active[side], it)
	}
}
