package annotations

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// storedSet is how the browser keeps a set between sessions: the v1 file,
// and what the file format has no place for: the orphans and the
// confidence of each annotation placed approximately and not yet confirmed.
type storedSet struct {
	Set         json.RawMessage    `json:"set"`
	Orphans     []storedOrphan     `json:"orphans,omitempty"`
	Approximate map[string]float64 `json:"approximate,omitempty"`
}

type storedOrphan struct {
	Type        Type   `json:"type"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Exact       string `json:"exact"`
	Prefix      string `json:"prefix"`
	Suffix      string `json:"suffix"`
	ID          string `json:"id"`
	Speaker     string `json:"speaker,omitempty"`
	Form        Form   `json:"form,omitempty"`
	Checkworthy bool   `json:"checkworthy,omitempty"`
	Note        string `json:"note,omitempty"`
	Reason      string `json:"reason"`
}

func toStoredOrphan(o Orphan) storedOrphan {
	a := o.Annotation
	return storedOrphan{a.Type, a.Start, a.End, a.Exact, a.Prefix, a.Suffix,
		a.ID, a.Speaker, a.Form, a.Checkworthy, a.Note, o.Reason}
}

func fromStoredOrphan(o storedOrphan) Orphan {
	return Orphan{Annotation: Annotation{ID: o.ID, Type: o.Type, Start: o.Start,
		End: o.End, Exact: o.Exact, Prefix: o.Prefix, Suffix: o.Suffix, Speaker: o.Speaker, Form: o.Form,
		Checkworthy: o.Checkworthy, Note: o.Note}, Reason: o.Reason}
}

// MarshalStored encodes a set with its orphans and approximate placements
// for browser storage. Approximate entries of annotations no longer in the
// set are left out.
func MarshalStored(s *Set) ([]byte, error) {
	rec := storedSet{Set: Write(s)}
	for id, c := range s.Approximate {
		if s.AnnotationPos(id) >= 0 {
			if rec.Approximate == nil {
				rec.Approximate = make(map[string]float64)
			}
			rec.Approximate[id] = c
		}
	}
	for _, o := range s.Orphans {
		rec.Orphans = append(rec.Orphans, toStoredOrphan(o))
	}
	return json.Marshal(rec)
}

// UnmarshalStored decodes what MarshalStored wrote; the set is checked by
// Read, and each approximate placement must name one of its annotations and
// have a confidence from 0 to 1.
func UnmarshalStored(data []byte) (*Set, error) {
	var rec storedSet
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, fmt.Errorf("stored set: %w", err)
	}
	s, err := Read(rec.Set)
	if err != nil {
		return nil, fmt.Errorf("stored set: %w", err)
	}
	for _, o := range rec.Orphans {
		s.Orphans = append(s.Orphans, fromStoredOrphan(o))
	}
	if err := checkApproximate(s, rec.Approximate); err != nil {
		return nil, fmt.Errorf("stored set: %w", err)
	}
	if len(rec.Approximate) > 0 {
		s.Approximate = rec.Approximate
	}
	return s, nil
}

// checkApproximate checks approximate placements read beside a set.
func checkApproximate(s *Set, approx map[string]float64) error {
	has := func(id string) bool { return s.AnnotationPos(id) >= 0 }
	if len(approx) > 1 && s.index() == nil {
		// One pass over a plain set rather than one per placement.
		ids := make(map[string]bool, len(s.Annotations))
		for _, a := range s.Annotations {
			ids[a.ID] = true
		}
		has = func(id string) bool { return ids[id] }
	}
	for _, id := range slices.Sorted(maps.Keys(approx)) {
		if !has(id) {
			return fmt.Errorf("approximate: %s is not an annotation of the set", id)
		}
		if c := approx[id]; !(c >= 0 && c <= 1) {
			return fmt.Errorf("approximate: %s has confidence %v, not from 0 to 1", id, c)
		}
	}
	return nil
}

// Empty reports whether the set holds no work: no annotations, no orphans,
// no speakers.
func (s *Set) Empty() bool {
	return len(s.Annotations) == 0 && len(s.Orphans) == 0 && len(s.Speakers) == 0
}
