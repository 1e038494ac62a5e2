package annotations

import "testing"

func TestSameContentLeavesIDsOut(t *testing.T) {
	a := &Set{
		Speakers:    []Speaker{{ID: "s1", Name: "Delbert Hosemann"}},
		Annotations: []Annotation{{ID: "a1", Type: Quote, Start: 1, End: 5, Exact: "abcd", Speaker: "s1"}},
	}
	b := &Set{
		Speakers:    []Speaker{{ID: "s2", Name: "Delbert Hosemann"}},
		Annotations: []Annotation{{ID: "a2", Type: Quote, Start: 1, End: 5, Exact: "abcd", Speaker: "s2"}},
	}
	if !SameContent(a, b) {
		t.Errorf("sets that differ only in ids are not the same")
	}
	for name, change := range map[string]func(s *Set){
		"speaker name": func(s *Set) { s.Speakers[0].Name = "Hosemann" },
		"span":         func(s *Set) { s.Annotations[0].End = 4 },
		"form":         func(s *Set) { s.Annotations[0].Form = Indirect },
		"note":         func(s *Set) { s.Annotations[0].Note = "check" },
		"attribution":  func(s *Set) { s.Annotations[0].Speaker = "" },
		"one more": func(s *Set) {
			s.Annotations = append(s.Annotations, Annotation{ID: "a3", Type: Claim, Start: 6, End: 7})
		},
	} {
		c := &Set{Speakers: append([]Speaker(nil), b.Speakers...), Annotations: append([]Annotation(nil), b.Annotations...)}
		change(c)
		if SameContent(a, c) {
			t.Errorf("a change of %s is not seen", name)
		}
	}
}
