package annotations

import (
	"encoding/json"
	"fmt"
)

// storedSet is how the browser keeps a set between sessions: the v1 file
// and the orphans, which the file format has no place for.
type storedSet struct {
	Set     json.RawMessage `json:"set"`
	Orphans []storedOrphan  `json:"orphans,omitempty"`
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

// MarshalStored encodes a set with its orphans for browser storage.
func MarshalStored(s *Set) ([]byte, error) {
	rec := storedSet{Set: Write(s)}
	for _, o := range s.Orphans {
		a := o.Annotation
		rec.Orphans = append(rec.Orphans, storedOrphan{a.Type, a.Start, a.End, a.Exact, a.Prefix, a.Suffix,
			a.ID, a.Speaker, a.Form, a.Checkworthy, a.Note, o.Reason})
	}
	return json.Marshal(rec)
}

// UnmarshalStored decodes what MarshalStored wrote; the set is checked by Read.
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
		s.Orphans = append(s.Orphans, Orphan{Annotation: Annotation{ID: o.ID, Type: o.Type, Start: o.Start,
			End: o.End, Exact: o.Exact, Prefix: o.Prefix, Suffix: o.Suffix, Speaker: o.Speaker, Form: o.Form,
			Checkworthy: o.Checkworthy, Note: o.Note}, Reason: o.Reason})
	}
	return s, nil
}

// Empty reports whether the set holds no work: no annotations, no orphans,
// no speakers.
func (s *Set) Empty() bool {
	return len(s.Annotations) == 0 && len(s.Orphans) == 0 && len(s.Speakers) == 0
}
