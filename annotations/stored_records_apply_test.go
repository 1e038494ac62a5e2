package annotations

import (
	"strings"
	"testing"

	"quotemark/internal/fixture"
)

// mirrorOf is what another tab holds of h's set: the set read back from its
// records, in a History of its own.
func mirrorOf(t *testing.T, h *History) *History {
	t.Helper()
	s, err := SetFromRecords(SetRecords(h.Set()))
	fixture.Must(t, err)
	return NewHistory(s)
}

// TestApplyRecordsFollowsAnotherWriter: a second History that applies the
// records of every step of random edits, undos and redos of the first (as
// a tab applies another tab's writes) always holds the same set, and the
// step it returns says what moved.
func TestApplyRecordsFollowsAnotherWriter(t *testing.T) {
	for seed := range uint64(testSeeds) {
		e := newEditor(t, 300+seed)
		mirror := mirrorOf(t, e.h)
		for n := range 300 {
			what, c := e.step(n)
			if c == nil {
				continue
			}
			puts, dels := ChangeRecords(e.h.Set(), c)
			got, err := mirror.ApplyRecords(puts, dels)
			if err != nil {
				t.Fatalf("seed %d step %d (%s): %v", seed, n, what, err)
			}
			if fullState(mirror.Set()) != fullState(e.h.Set()) {
				t.Fatalf("seed %d step %d (%s): the mirror differs:\n%s", seed, n, what,
					firstDiff([]byte(fullState(mirror.Set())), []byte(fullState(e.h.Set()))))
			}
			if len(got.Annotations) != len(c.Annotations) || len(got.Speakers) != len(c.Speakers) || len(got.Orphans) != len(c.Orphans) {
				t.Fatalf("seed %d step %d (%s): the mirror's step touches %d annotations, %d speakers and %d orphans, the step %d, %d and %d",
					seed, n, what, len(got.Annotations), len(got.Speakers), len(got.Orphans), len(c.Annotations), len(c.Speakers), len(c.Orphans))
			}
			if mirror.CanUndo() || mirror.CanRedo() {
				t.Fatalf("seed %d step %d (%s): another writer's step can be undone", seed, n, what)
			}
		}
	}
}

// TestApplyRecordsWholeSet: the records of a whole set, with the keys the
// set no longer has deleted, take a set that was changed elsewhere to it.
func TestApplyRecordsWholeSet(t *testing.T) {
	h, art, _ := editedGold(t)
	mirror := mirrorOf(t, h)
	for _, edit := range []func(s *Set) error{
		func(s *Set) error { _, err := s.Add(art, Claim, 0, 5); return err },
		func(s *Set) error { return s.Delete(s.Annotations[3].ID) },
		func(s *Set) error { return s.MergeSpeakers(kobachID, hosemannID) },
		func(s *Set) error { return s.DeleteOrphan(2) },
	} {
		_, err := h.Apply(edit)
		fixture.Must(t, err)
	}
	theirs := recordMap(SetRecords(h.Set()))
	var dels []string
	for _, r := range SetRecords(mirror.Set()) {
		if _, ok := theirs[r.Key]; !ok {
			dels = append(dels, r.Key)
		}
	}
	c, err := mirror.ApplyRecords(SetRecords(h.Set()), dels)
	fixture.Must(t, err)
	if fullState(mirror.Set()) != fullState(h.Set()) {
		t.Fatalf("the mirror differs:\n%s", firstDiff([]byte(fullState(mirror.Set())), []byte(fullState(h.Set()))))
	}
	if c.Empty() {
		t.Error("the step says nothing changed")
	}
	// Applying the same again changes nothing, and keeps what can be undone.
	_, err = mirror.Apply(func(s *Set) error { _, err := s.Add(art, Claim, 6, 9); return err })
	fixture.Must(t, err)
	puts, dels := RecordsOf(mirror.Set(), []string{"h", "a/" + mirror.Set().Annotations[0].ID})
	c, err = mirror.ApplyRecords(puts, dels)
	fixture.Must(t, err)
	if !c.Empty() || !mirror.CanUndo() {
		t.Errorf("records of what the set holds changed %+v, undo kept %v", c, mirror.CanUndo())
	}
}

// TestApplyRecordsRefuses: records that do not fit the set change nothing.
func TestApplyRecordsRefuses(t *testing.T) {
	h, art, _ := editedGold(t)
	s := h.Set()
	_, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, 0, 5); return err })
	fixture.Must(t, err)
	before := fullState(s)
	other := NewSet(art, "someone else", fixture.Now)
	a := s.Annotations[5]
	named := a
	named.Speaker = "0f0e0d0c-0b0a-4909-8807-060504030201"
	tests := []struct {
		name, want string
		puts       []Record
		dels       []string
	}{
		{"another set's header", "is the header of another set", []Record{headerRecord(other)}, nil},
		{"an unknown speaker", "speaker", []Record{annotationRecord(s, named)}, nil},
		{"a speaker still named", "still name it", nil, []string{"s/" + kobachID}},
		{"orphans without the header", "only with the header", []Record{orphanRecord(s.Orphans[0])}, nil},
		{"the header deleted", "never deleted", nil, []string{"h"}},
		{"put and deleted", "both put and deleted", []Record{annotationRecord(s, a)}, []string{"a/" + a.ID}},
		{"an unknown key", "not a key", []Record{{"x/1", []byte("{}")}}, nil},
	}
	for _, tc := range tests {
		_, err := h.ApplyRecords(tc.puts, tc.dels)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
		if fullState(s) != before {
			t.Fatalf("%s: the set changed:\n%s", tc.name, firstDiff([]byte(fullState(s)), []byte(before)))
		}
	}
	if !h.CanUndo() {
		t.Error("a refused application dropped the undo steps")
	}
}

// TestRecordsOf: the records of named pieces are the set's, and a piece it
// no longer has is a key to delete.
func TestRecordsOf(t *testing.T) {
	h, art, _ := editedGold(t)
	s := h.Set()
	gone := s.Annotations[0].ID
	c, err := h.Apply(func(s *Set) error {
		if _, err := s.Add(art, Claim, 0, 5); err != nil {
			return err
		}
		return s.Delete(gone)
	})
	fixture.Must(t, err)
	wantPuts, wantDels := ChangeRecords(s, c)
	asked := append(keys(wantPuts), wantDels...)
	puts, dels := RecordsOf(s, asked)
	if !equalRecords(puts, wantPuts) || strings.Join(dels, ",") != strings.Join(wantDels, ",") {
		t.Errorf("RecordsOf gave puts %v dels %v, ChangeRecords %v and %v", keys(puts), dels, keys(wantPuts), wantDels)
	}
	orphan := "o/" + s.Orphans[1].Annotation.ID
	if puts, _ := RecordsOf(s, []string{orphan}); len(puts) != 1 || puts[0].Key != orphan {
		t.Errorf("the orphan's records: %v", keys(puts))
	}
}

func equalRecords(a, b []Record) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || string(a[i].Value) != string(b[i].Value) {
			return false
		}
	}
	return true
}
