package annotations

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"

	"quotemark/annotations/internal/scan"
)

// setExtra is what a set holds beyond its v1 file, as a corpus archive keeps
// it beside that file.
type setExtra struct {
	Orphans     []storedOrphan     `json:"orphans"`
	Approximate map[string]float64 `json:"approximate"`
}

// MarshalExtra is what s holds beyond its v1 file (its orphans and
// unconfirmed approximate placements) as JSON, or nil when it has neither.
func MarshalExtra(s *Set) ([]byte, error) {
	if len(s.Orphans) == 0 && len(s.Approximate) == 0 {
		return nil, nil
	}
	if err := checkExtra(s, s.Orphans, s.Approximate); err != nil {
		return nil, err
	}
	extra := setExtra{Orphans: []storedOrphan{}, Approximate: map[string]float64{}}
	for _, o := range s.Orphans {
		extra.Orphans = append(extra.Orphans, toStoredOrphan(o))
	}
	maps.Copy(extra.Approximate, s.Approximate)
	b, err := json.MarshalIndent(extra, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// UnmarshalExtra adds to s the orphans and approximate placements that
// MarshalExtra wrote, refusing unknown fields, orphans that break the
// format's rules and placements of annotations s does not have.
func UnmarshalExtra(s *Set, raw []byte) error {
	var extra setExtra
	if err := scan.DecodeStrict(raw, &extra); err != nil {
		return err
	}
	for _, o := range extra.Orphans {
		s.Orphans = append(s.Orphans, fromStoredOrphan(o))
	}
	if err := checkExtra(s, s.Orphans, extra.Approximate); err != nil {
		return err
	}
	if len(extra.Approximate) > 0 {
		s.Approximate = extra.Approximate
	}
	return nil
}

// checkExtra checks a set's orphans and approximate placements: orphans
// are annotations by the format's rules (on some earlier text, so their
// offsets are not checked against this one) with ids of their own, and
// approximate placements name annotations of the set with a confidence
// from 0 to 1.
func checkExtra(s *Set, orphans []Orphan, approx map[string]float64) error {
	ids := make(map[string]bool, len(s.Annotations)+len(orphans))
	for _, a := range s.Annotations {
		ids[a.ID] = true
	}
	speakers := s.speakerIDs()
	for i, o := range orphans {
		a := o.Annotation
		if !IsUUID(a.ID) || ids[a.ID] {
			return fmt.Errorf("orphans[%d]: id %q is not a UUID or is used by another annotation", i, a.ID)
		}
		ids[a.ID] = true
		if err := validateAnnotation(a, math.MaxInt, speakers); err != nil {
			return fmt.Errorf("orphans[%d]%s: %s", i, err.Path, err.Msg)
		}
	}
	return checkApproximate(s, approx)
}
