package agreement

import (
	"cmp"
	"slices"

	"quotemark/annotations"
)

// DisagreementKind says how two sets disagree on a span.
type DisagreementKind string

// The kinds of disagreement.
const (
	OnlyA          DisagreementKind = "only-a"     // a span only set A has
	OnlyB          DisagreementKind = "only-b"     // a span only set B has
	Boundaries     DisagreementKind = "boundaries" // overlapping spans of one type whose ends differ
	SpeakerDiffers DisagreementKind = "speaker"    // the same span attributed to different speakers
)

// Disagreement is one place where two sets differ.
type Disagreement struct {
	Kind               DisagreementKind
	Type               annotations.Type
	Start, End         int                     // the extent covering both sides (code points)
	A, B               *annotations.Annotation // copies of the sets' annotations; nil on the missing side
	ASpeaker, BSpeaker string                  // the speakers' names, "" for none
}

// Disagreements lists where set b differs from set a, from the overlap
// matching (MatchOverlap) of their annotations: an annotation left unmatched
// is only-a or only-b; a matched pair whose start or end differ is
// boundaries (whatever their speakers: ASpeaker and BSpeaker tell); a pair
// with the same span is speaker when one is attributed and the other is
// not, or both are and their speakers do not agree (the rule of the
// attribution figures, see Compare). A matched pair of speaker mentions
// never differs in speaker: matching them is what ties their speakers
// together. The list is sorted by Start, End and Type.
//
// The sets should be comparable (the same article.sha256); Compare checks.
func Disagreements(a, b *annotations.Set) []Disagreement {
	pairs := MatchOverlap(a.Annotations, b.Annotations)
	agree := speakerAgreement(a, b, pairs)
	matchedA, matchedB := make([]bool, len(a.Annotations)), make([]bool, len(b.Annotations))
	var out []Disagreement
	for _, p := range pairs {
		x, y := a.Annotations[p[0]], b.Annotations[p[1]]
		matchedA[p[0]], matchedB[p[1]] = true, true
		d := Disagreement{Type: x.Type, Start: min(x.Start, y.Start), End: max(x.End, y.End),
			A: &x, B: &y, ASpeaker: a.SpeakerName(x.Speaker), BSpeaker: b.SpeakerName(y.Speaker)}
		switch {
		case x.Start != y.Start || x.End != y.End:
			d.Kind = Boundaries
		case (x.Speaker == "") != (y.Speaker == ""),
			x.Speaker != "" && !agree(x.Speaker, y.Speaker):
			d.Kind = SpeakerDiffers
		default:
			continue
		}
		out = append(out, d)
	}
	for i, x := range a.Annotations {
		if !matchedA[i] {
			out = append(out, Disagreement{Kind: OnlyA, Type: x.Type, Start: x.Start, End: x.End, A: &x, ASpeaker: a.SpeakerName(x.Speaker)})
		}
	}
	for j, y := range b.Annotations {
		if !matchedB[j] {
			out = append(out, Disagreement{Kind: OnlyB, Type: y.Type, Start: y.Start, End: y.End, B: &y, BSpeaker: b.SpeakerName(y.Speaker)})
		}
	}
	slices.SortStableFunc(out, func(p, q Disagreement) int {
		return cmp.Or(cmp.Compare(p.Start, q.Start), cmp.Compare(p.End, q.End), cmp.Compare(p.Type, q.Type), cmp.Compare(p.Kind, q.Kind))
	})
	return out
}
