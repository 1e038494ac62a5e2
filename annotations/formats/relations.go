package formats

import (
	"fmt"
	"strings"

	"quotemark/annotations"
)

// attributionLabel is the relation label of an attribution.
const attributionLabel = "attribution"

// nearestMention is the speaker mention a quote or claim's attribution
// points to in formats that relate spans: a mention of its speaker, the
// nearest one (ties to the earlier).
func nearestMention(s *annotations.Set, a annotations.Annotation) (annotations.Annotation, bool) {
	if a.Type == annotations.SpeakerMention || a.Speaker == "" {
		return annotations.Annotation{}, false
	}
	best, bestDist := -1, 0
	for i, m := range s.Annotations {
		if m.Type != annotations.SpeakerMention || m.Speaker != a.Speaker {
			continue
		}
		dist := max(m.Start-a.End, a.Start-m.End, 0)
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return annotations.Annotation{}, false
	}
	return s.Annotations[best], true
}

// JSONL, doccano and Label Studio write attributions as JSON relations
// that differ only in their keys and in how an end refers to a span, so one
// reader serves the three, with the same checks and messages. brat's R
// lines have a syntax of their own.

// attributionShape is how a format writes an attribution relation: the key
// of its label and the keys of its two ends, the quote or claim's first,
// then the mention's.
type attributionShape struct {
	labelKey string
	// labelList: the label is a list (Label Studio's), which may be empty
	// or missing, since Label Studio lets a relation go unlabelled; else it
	// is one string every relation has.
	labelList bool
	ends      [2]string
}

// resolveEnd returns the id of the annotation that the end of relation rf
// under key refers to, each format referring to spans its own way.
type resolveEnd func(rf *fields, key string) (string, error)

// readAttributions reads a record's "relations" array, every entry an
// attribution. It returns the attributed annotations' ids, each with its
// mention's id, for finishSpeakers.
func readAttributions(d *draft, f *fields, shape attributionShape, resolve resolveEnd) (map[string]string, error) {
	attributed := map[string]string{}
	err := f.each("relations", false, func(_ int, rf *fields) error {
		return readAttribution(d, rf, shape, resolve, attributed)
	})
	if err != nil {
		return nil, err
	}
	return attributed, nil
}

// readAttribution reads one relation, which must be an attribution, into
// attributed.
func readAttribution(d *draft, rf *fields, shape attributionShape, resolve resolveEnd, attributed map[string]string) error {
	if d.in.opts != nil {
		return readMappedRelation(d, rf, shape, resolve, attributed)
	}
	if err := shape.checkLabel(rf); err != nil {
		return err
	}
	var ends [2]string
	for j, k := range shape.ends {
		id, err := resolve(rf, k)
		if err != nil {
			return err
		}
		ends[j] = id
	}
	return attribute(d, rf.format, rf.place, attributed, ends[0], ends[1])
}

// readMappedRelation reads a relation in an import that maps labels
// (ImportWith): whatever its name, one between a quote or claim and a
// speaker mention, in either order, attributes the one to the other, unless
// ImportOptions.Relations leaves its name out; one between two quotes or
// two claims of one label joins them as pieces of one span (pieces.go).
// Others, and those with an end left out, are left out; a quote already
// attributed keeps its first.
func readMappedRelation(d *draft, rf *fields, shape attributionShape, resolve resolveEnd, attributed map[string]string) error {
	var names []string
	if shape.labelList {
		list, err := rf.array(shape.labelKey, false)
		if err != nil {
			return err
		}
		eachString(list, func(l string) bool { names = append(names, l); return true })
	} else {
		label, err := rf.str(shape.labelKey, false)
		if err != nil {
			return err
		}
		names = append(names, label)
	}
	for _, n := range names {
		if !d.in.relationKept(n) {
			return nil
		}
	}
	var ends [2]*annotations.Annotation
	var ids [2]string
	for j, k := range shape.ends {
		id, err := resolve(rf, k)
		if err != nil {
			return err
		}
		ids[j], ends[j] = id, d.annotation(id)
		if ends[j] == nil { // left out
			return nil
		}
	}
	if ends[0].Type != annotations.SpeakerMention && ends[1].Type != annotations.SpeakerMention {
		if ids[0] != ids[1] && d.readAs[ids[0]] == d.readAs[ids[1]] { // pieces of one span (pieces.go)
			d.join(ids[0], ids[1])
		}
		return nil
	}
	if ends[0].Type == annotations.SpeakerMention {
		ends[0], ends[1], ids[0], ids[1] = ends[1], ends[0], ids[1], ids[0]
	}
	if ends[0].Type == annotations.SpeakerMention || ends[1].Type != annotations.SpeakerMention {
		return nil
	}
	if prev, done := attributed[ids[0]]; !done {
		attributed[ids[0]] = ids[1]
	} else if prev != ids[1] {
		d.in.conflicts++
	}
	return nil
}

// checkLabel refuses any relation but an attribution, the only one
// quotemark has.
func (sh attributionShape) checkLabel(rf *fields) error {
	var shown string
	if sh.labelList {
		list, err := rf.array(sh.labelKey, false)
		if err != nil {
			return err
		}
		some, attribution := false, false
		eachString(list, func(l string) bool {
			some, attribution = true, isAttributionLabel(l)
			return !attribution
		})
		if !some || attribution {
			return nil
		}
		shown = someStrings(list, 5)
	} else {
		label, err := rf.str(sh.labelKey, true)
		if err != nil {
			return err
		}
		if isAttributionLabel(label) {
			return nil
		}
		shown = fmt.Sprintf("%q", label)
	}
	return importErr(rf.format, rf.sub(sh.labelKey), "relation %s is not an attribution, the only relation quotemark has", shown)
}

func isAttributionLabel(label string) bool {
	return strings.EqualFold(label, attributionLabel)
}

// attribute records that annotation from is attributed to mention to.
func attribute(d *draft, format, place string, attributed map[string]string, from, to string) error {
	var a, m annotations.Annotation
	if p := d.annotation(from); p != nil {
		a = *p
	}
	if p := d.annotation(to); p != nil {
		m = *p
	}
	if a.Type == annotations.SpeakerMention || m.Type != annotations.SpeakerMention {
		return importErr(format, place, "an attribution goes from a quote or claim to a speaker mention, not from a %s to a %s", a.Type, m.Type)
	}
	if _, dup := attributed[from]; dup {
		return importErr(format, place, "the %s at %d–%d is attributed twice", a.Type, a.Start, a.End)
	}
	attributed[from] = to
	return nil
}
