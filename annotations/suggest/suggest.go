package suggest

import (
	"cmp"
	"slices"
	"unicode"

	"quotemark/annotations"
)

// Suggest proposes quotes, speaker mentions and claims for an article, per
// the annotation guidelines: direct quotes by pairing quotation marks,
// indirect quotes by speech verbs, the speaker mention at each attribution
// and factual claims with checkable content. It is deterministic and sorted
// by Start, End, Type.
func Suggest(art *annotations.Article) []annotations.Suggestion {
	d := newSuggestDoc(art)
	d.findDirect()
	d.findEmbeddedPosts()
	d.attributeDirect()
	d.findIndirect()
	d.findClaims()
	return d.result()
}

// suggestDoc is an article being worked on by the suggester: its code
// points, the direct quotes found and the suggestions made so far.
type suggestDoc struct {
	art    *annotations.Article
	r      []rune
	quotes []*directQuote
	out    []annotations.Suggestion
	// subjects are the named sources seen so far (sentence subjects and
	// speakers), by position, for resolving pronouns.
	subjects []namedAt
	inQuote  []bool              // code point is inside an outer direct quote or its marks
	runs     map[string][]string // names of people in the article, by last word (nameRuns)
	lines    []int               // start of each line (lineOf)
	full     map[string]string   // fullName's answers, by mention in lower case
	sents    [][2]int            // the reporter's sentences
	indirect [][2]int            // content clauses of indirect quotes found
	// claimSources are reported statements to look for claims in.
	claimSources []claimSource
}

type namedAt struct {
	pos    int
	name   string // fullest form
	person bool
}

func newSuggestDoc(art *annotations.Article) *suggestDoc {
	r := []rune(art.Text)
	return &suggestDoc{art: art, r: r, inQuote: make([]bool, len(r)+1), full: map[string]string{}}
}

func (d *suggestDoc) add(typ annotations.Type, start, end int, speaker string, conf float64, rule string, set func(a *annotations.Annotation)) {
	start, end = d.trim(start, end)
	if end <= start {
		return
	}
	a, err := d.art.Span(start, end)
	if err != nil {
		return
	}
	a.Type = typ
	if set != nil {
		set(&a)
	}
	if typ == annotations.Quote && a.Form == "" {
		a.Form = annotations.Direct
	}
	d.out = append(d.out, annotations.Suggestion{Annotation: a, SpeakerName: speaker, Confidence: clamp01(conf), Rule: rule})
}

// trim drops white space at a span's ends.
func (d *suggestDoc) trim(start, end int) (int, int) {
	for start < end && unicode.IsSpace(d.r[start]) {
		start++
	}
	for end > start && unicode.IsSpace(d.r[end-1]) {
		end--
	}
	return start, end
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

// result sorts the suggestions and drops repeats of a type and span, keeping
// the most confident.
func (d *suggestDoc) result() []annotations.Suggestion {
	slices.SortStableFunc(d.out, func(a, b annotations.Suggestion) int {
		return cmp.Or(cmp.Compare(a.Annotation.Start, b.Annotation.Start), cmp.Compare(a.Annotation.End, b.Annotation.End),
			cmp.Compare(a.Annotation.Type, b.Annotation.Type), cmp.Compare(b.Confidence, a.Confidence))
	})
	out := d.out[:0]
	for _, s := range d.out {
		if n := len(out); n > 0 {
			p := out[n-1].Annotation
			if p.Type == s.Annotation.Type && p.Start == s.Annotation.Start && p.End == s.Annotation.End {
				continue
			}
		}
		out = append(out, s)
	}
	if out == nil {
		out = []annotations.Suggestion{}
	}
	return out
}

// FilterSuggestions keeps the suggestions with at least the given confidence.
func FilterSuggestions(sugg []annotations.Suggestion, minConfidence float64) []annotations.Suggestion {
	var out []annotations.Suggestion
	for _, s := range sugg {
		if s.Confidence >= minConfidence {
			out = append(out, s)
		}
	}
	return out
}
