package annotations

import (
	"cmp"
	"maps"
	"slices"
	"time"
)

// FormatName and FormatVersion identify the v1 annotation set format.
const (
	FormatName    = "quotemark/annotations"
	FormatVersion = 1
)

// Type is an annotation's kind.
type Type string

// The three annotation types of the format.
const (
	Quote          Type = "quote"
	SpeakerMention Type = "speaker" // a speaker mention in the text
	Claim          Type = "claim"
)

// Types lists the annotation types in the order the UI and reports use.
var Types = []Type{Quote, SpeakerMention, Claim}

// Form is how a quote is reported.
type Form string

// A quote's forms; Direct is the default.
const (
	Direct   Form = "direct"
	Indirect Form = "indirect"
	Mixed    Form = "mixed"
)

// Forms lists the valid quote forms.
var Forms = []Form{Direct, Indirect, Mixed}

// ArticleRef is what a set records of the article it annotates.
type ArticleRef struct {
	ID     string
	Title  string
	SHA256 string
	Length int
}

// Speaker is a person or body the article quotes.
type Speaker struct {
	ID   string
	Name string
}

// Annotation is one span of the article. Form is set only on quotes (Direct
// when unspecified); Checkworthy only on claims; Speaker is required on
// mentions and optional on quotes and claims.
type Annotation struct {
	ID          string
	Type        Type
	Start, End  int // code points, half-open
	Exact       string
	Prefix      string
	Suffix      string
	Speaker     string
	Form        Form
	Checkworthy bool
	Note        string
}

// Orphan is an annotation that could not be placed on the current text. It
// is kept, with why, so that nothing is dropped silently.
type Orphan struct {
	Annotation Annotation
	Reason     string
}

// Set is what one annotator marked on one article.
type Set struct {
	ID          string
	Annotator   string
	Created     time.Time
	Modified    time.Time
	Article     ArticleRef
	Speakers    []Speaker
	Annotations []Annotation
	Orphans     []Orphan // not part of the file format; see Orphan
	// Approximate holds, for each annotation that re-anchoring placed
	// approximately (see Anchor), its confidence from 0 to 1, until the user
	// confirms the placement (ConfirmPlacement) or edits or deletes the
	// annotation. Like Orphans it is not part of the file format; the
	// browser's storage record and the corpus archive keep it.
	Approximate map[string]float64

	// idx makes look-ups and edits cost what they touch. It is built by
	// NewHistory and trusted only while it describes the slices above; see
	// (*Set).index.
	idx *setIndex
	// j records what a History step changes, while one runs.
	j *journal
}

// NewSet starts an empty set on an article.
func NewSet(a *Article, annotator string, now time.Time) *Set {
	now = now.UTC().Truncate(time.Second)
	return &Set{
		ID:          NewID(),
		Annotator:   annotator,
		Created:     now,
		Modified:    now,
		Article:     a.Ref(),
		Speakers:    []Speaker{},
		Annotations: []Annotation{},
	}
}

// Clone returns a deep copy. The copy has no index and no journal: it is
// not owned by the History that may own s.
func (s *Set) Clone() *Set {
	c := *s
	c.idx, c.j = nil, nil
	c.Speakers = slices.Clone(s.Speakers)
	c.Annotations = slices.Clone(s.Annotations)
	c.Orphans = slices.Clone(s.Orphans)
	c.Approximate = maps.Clone(s.Approximate)
	return &c
}

// Annotation returns the annotation with the given id.
func (s *Set) Annotation(id string) (Annotation, bool) {
	i := s.AnnotationPos(id)
	if i < 0 {
		return Annotation{}, false
	}
	return s.Annotations[i], true
}

// Speaker returns the speaker with the given id.
func (s *Set) Speaker(id string) (Speaker, bool) {
	i := s.SpeakerPos(id)
	if i < 0 {
		return Speaker{}, false
	}
	return s.Speakers[i], true
}

// SpeakerName is the speaker's name, or "" for none or an unknown id.
func (s *Set) SpeakerName(id string) string {
	sp, _ := s.Speaker(id)
	return sp.Name
}

// AnnotationPos is the position of an annotation in s.Annotations, or -1.
func (s *Set) AnnotationPos(id string) int {
	if x := s.index(); x != nil {
		return x.annPos(s.Annotations, id)
	}
	return slices.IndexFunc(s.Annotations, func(a Annotation) bool { return a.ID == id })
}

// SpeakerPos is the position of a speaker in s.Speakers, or -1.
func (s *Set) SpeakerPos(id string) int {
	if x := s.index(); x != nil {
		return x.speakerPos(s.Speakers, id)
	}
	return slices.IndexFunc(s.Speakers, func(sp Speaker) bool { return sp.ID == id })
}

// Sort puts annotations and speakers in the format's order.
// Both orders end with the id, which is unique in a valid set, so an
// unstable sort gives the stable sort's order at a fraction of its cost on
// a set read back from records in id order.
func (s *Set) Sort() {
	if !slices.IsSortedFunc(s.Annotations, CompareAnnotations) {
		slices.SortFunc(s.Annotations, CompareAnnotations)
	}
	if !slices.IsSortedFunc(s.Speakers, compareSpeakers) {
		slices.SortFunc(s.Speakers, compareSpeakers)
	}
}

func compareSpeakers(a, b Speaker) int {
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

func CompareAnnotations(a, b Annotation) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
		cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
}
