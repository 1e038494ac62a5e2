package annotations

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// Suggestion is an annotation the suggester proposes, for a person to accept
// or reject. Annotation carries Type, Start, End, Exact, Prefix, Suffix and,
// on quotes, Form, on claims, Checkworthy; its ID and Speaker are empty: the
// source is SpeakerName, the fullest form of the name in the article (""
// when the text gives none), which becomes a speaker of a set on accepting.
type Suggestion struct {
	Annotation  Annotation
	SpeakerName string
	Confidence  float64 // 0..1
	Rule        string  // the rule that made it, e.g. "direct-quote-marks"
}

// DefaultSuggestionConfidence is the confidence below which a suggestion is
// a guess (scare quotes, titles) rather than a proposal.
const DefaultSuggestionConfidence = 0.5

// Suggest proposes quotes, speaker mentions and claims for an article, per
// the annotation guidelines: direct quotes by pairing quotation marks,
// indirect quotes by speech verbs, the speaker mention at each attribution
// and factual claims with checkable content. It is deterministic and sorted
// by Start, End, Type.
func Suggest(art *Article) []Suggestion {
	d := newSuggestDoc(art)
	d.findDirect()
	d.findEmbeddedPosts()
	d.attributeDirect()
	d.findIndirect()
	d.findClaims()
	return d.result()
}

// SuggestionsToSet turns suggestions into a valid set on the article:
// speakers are created by name, quotes and claims attributed, mentions
// linked. Suggestions of the same type and span are kept once.
func SuggestionsToSet(art *Article, sugg []Suggestion, annotator string, now time.Time) (*Set, error) {
	s := NewSet(art, annotator, now)
	var err error
	s.withIndex(func() {
		for _, sg := range sugg {
			if _, err = s.AcceptSuggestion(art, sg); err != nil && !isDuplicate(s, sg) {
				return
			}
			err = nil
		}
	})
	if err != nil {
		return nil, err
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

func isDuplicate(s *Set, sg Suggestion) bool {
	return s.HasSpan(sg.Annotation.Type, sg.Annotation.Start, sg.Annotation.End)
}

// AcceptSuggestion adds a suggestion to the set as an ordinary annotation:
// its speaker is found by name among the set's speakers (see
// SpeakerForMention) or created, and a quote or claim is attributed to it.
// It refuses a suggestion whose type and span an annotation already has.
func (s *Set) AcceptSuggestion(art *Article, sg Suggestion) (Annotation, error) {
	a, err := s.suggestionToAnnotation(art, sg)
	if err != nil {
		return Annotation{}, err
	}
	if err := s.insertAnn(a); err != nil {
		return Annotation{}, err
	}
	s.resort()
	return a, nil
}

// suggestionToAnnotation is the annotation accepting sg would add, its
// speaker found or added; AcceptSuggestion's checks.
func (s *Set) suggestionToAnnotation(art *Article, sg Suggestion) (Annotation, error) {
	if art.SHA256 != s.Article.SHA256 {
		return Annotation{}, fmt.Errorf("the set is for another version of article %q", s.Article.ID)
	}
	in := sg.Annotation
	a, err := art.Span(in.Start, in.End)
	if err != nil {
		return Annotation{}, err
	}
	if isDuplicate(s, sg) {
		return Annotation{}, fmt.Errorf("there is already a %s at %d–%d", in.Type, in.Start, in.End)
	}
	a.ID = uuid.NewString()
	a.Type = in.Type
	a.Note = in.Note
	name := strings.Join(strings.Fields(sg.SpeakerName), " ")
	switch in.Type {
	case Quote:
		a.Form = in.Form
		if a.Form == "" {
			a.Form = Direct
		}
		if !slices.Contains(Forms, a.Form) {
			return Annotation{}, fmt.Errorf("%q is not a quote form", a.Form)
		}
	case Mention:
		if name == "" {
			if err := checkMentionName(a.Exact); err != nil {
				return Annotation{}, err
			}
			name = a.Exact
		}
	case Claim:
		a.Checkworthy = in.Checkworthy
	default:
		return Annotation{}, fmt.Errorf("%q is not an annotation type", in.Type)
	}
	if foldName(name) != "" {
		a.Speaker = s.SpeakerForMention(name).ID
	}
	return a, nil
}

// suggestDoc is an article being worked on by the suggester: its code
// points, the direct quotes found and the suggestions made so far.
type suggestDoc struct {
	art    *Article
	r      []rune
	quotes []*directQuote
	out    []Suggestion
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

func newSuggestDoc(art *Article) *suggestDoc {
	r := []rune(art.Text)
	return &suggestDoc{art: art, r: r, inQuote: make([]bool, len(r)+1), full: map[string]string{}}
}

func (d *suggestDoc) add(typ Type, start, end int, speaker string, conf float64, rule string, set func(a *Annotation)) {
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
	if typ == Quote && a.Form == "" {
		a.Form = Direct
	}
	d.out = append(d.out, Suggestion{Annotation: a, SpeakerName: speaker, Confidence: clamp01(conf), Rule: rule})
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
func (d *suggestDoc) result() []Suggestion {
	slices.SortStableFunc(d.out, func(a, b Suggestion) int {
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
		out = []Suggestion{}
	}
	return out
}

// FilterSuggestions keeps the suggestions with at least the given confidence.
func FilterSuggestions(sugg []Suggestion, minConfidence float64) []Suggestion {
	var out []Suggestion
	for _, s := range sugg {
		if s.Confidence >= minConfidence {
			out = append(out, s)
		}
	}
	return out
}
