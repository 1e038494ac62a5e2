package annotations

import (
	"fmt"
	"slices"
	"strings"
	"time"
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
	a.ID = NewID()
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
	case SpeakerMention:
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
	if FoldName(name) != "" {
		a.Speaker = s.speakerForMention(name, a.Start).ID
	}
	return a, nil
}
