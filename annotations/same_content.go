package annotations

import "slices"

// SameContent reports whether two sets say the same of their article: the
// same annotations (type, span, form, checkworthy, note) attributed to
// speakers of the same names, and the same speakers by name. Ids are left
// out: building a set again (an adjudication saved twice) may give its
// annotations and speakers new ones.
func SameContent(a, b *Set) bool {
	if len(a.Annotations) != len(b.Annotations) || len(a.Speakers) != len(b.Speakers) {
		return false
	}
	for i, x := range a.Annotations {
		y := b.Annotations[i]
		if x.Type != y.Type || x.Start != y.Start || x.End != y.End || x.Exact != y.Exact ||
			x.Form != y.Form || x.Checkworthy != y.Checkworthy || x.Note != y.Note ||
			(x.Speaker == "") != (y.Speaker == "") || a.SpeakerName(x.Speaker) != b.SpeakerName(y.Speaker) {
			return false
		}
	}
	names := func(s *Set) []string {
		out := make([]string, len(s.Speakers))
		for i, sp := range s.Speakers {
			out[i] = sp.Name
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(names(a), names(b))
}
