package annotations

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

// errOf and okOf keep the error or the flag of a History call.
func errOf(_ *Change, err error) error { return err }

func okOf(_ *Change, ok bool) bool { return ok }

// clock is a settable Now for History.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newHistory(t *testing.T) (*History, *Article, *clock) {
	t.Helper()
	s, art := goldSet(t)
	h := NewHistory(s)
	c := &clock{t: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)}
	h.Now = c.now
	return h, art, c
}

func TestHistoryApply(t *testing.T) {
	h, art, c := newHistory(t)
	start := h.Set().Clone()
	c.t = time.Date(2026, 11, 24, 9, 15, 30, 987654321, time.FixedZone("CET", 3600))
	var added Annotation
	ch, err := h.Apply(func(s *Set) error {
		var err error
		added, err = s.Add(art, Claim, 10, 20)
		return err
	})
	fixture.Must(t, err)
	if _, ok := h.Set().Annotation(added.ID); !ok {
		t.Errorf("the change is not in the current set")
	}
	if len(ch.Annotations) != 1 || ch.Annotations[0].Before != nil || *ch.Annotations[0].After != added ||
		len(ch.Speakers)+len(ch.Orphans)+len(ch.Approximate) != 0 || ch.Empty() {
		t.Errorf("the change returned is %+v, want the added annotation only", ch)
	}
	if !ch.ModifiedBefore.Equal(start.Modified) || !ch.ModifiedAfter.Equal(h.Set().Modified) {
		t.Errorf("the change's modified %v → %v, the set's %v → %v", ch.ModifiedBefore, ch.ModifiedAfter, start.Modified, h.Set().Modified)
	}
	want := time.Date(2026, 11, 24, 8, 15, 30, 0, time.UTC)
	if !h.Set().Modified.Equal(want) || h.Set().Modified.Location() != time.UTC {
		t.Errorf("modified %v, want %v (from Now, in UTC, whole seconds)", h.Set().Modified, want)
	}
	if !h.Set().Created.Equal(start.Created) {
		t.Errorf("created changed")
	}
	if !h.CanUndo() || h.CanRedo() {
		t.Errorf("CanUndo %v CanRedo %v", h.CanUndo(), h.CanRedo())
	}
}

func TestHistoryApplyIsAtomic(t *testing.T) {
	h, art, _ := newHistory(t)
	before := h.Set()
	beforeBytes := Write(before)
	beforeSnap := snapshot(before)
	boom := errors.New("boom")
	tests := []struct {
		name   string
		change func(s *Set) error
		want   error
	}{
		{"error after changes", func(s *Set) error {
			for _, id := range []string{s.Annotations[0].ID, s.Annotations[5].ID, s.Annotations[9].ID} {
				if err := s.Delete(id); err != nil {
					return err
				}
			}
			if err := s.RenameSpeaker(s.Speakers[0].ID, "changed"); err != nil {
				return err
			}
			if _, err := s.AddSpeaker("New Person"); err != nil {
				return err
			}
			if err := s.MergeSpeakers(kobachID, hosemannID); err != nil {
				return err
			}
			if _, err := s.Add(art, SpeakerMention, 0, 3); err != nil {
				return err
			}
			return boom
		}, boom},
		{"fields assigned directly", func(s *Set) error {
			s.Annotations = s.Annotations[:3]
			_, err := s.AddSpeaker("New Person")
			return err
		}, nil},
		{"slice replaced after the last method", func(s *Set) error {
			if _, err := s.AddSpeaker("New Person"); err != nil {
				return err
			}
			s.Speakers = nil
			return nil
		}, nil},
		{"header edited", func(s *Set) error {
			s.Annotator = "someone else"
			return s.Delete(s.Annotations[0].ID)
		}, nil},
		{"panic", func(s *Set) error {
			if err := s.Delete(s.Annotations[0].ID); err != nil {
				return err
			}
			panic(boom)
		}, boom},
		{"failing operation after a good one", func(s *Set) error {
			if _, err := s.Add(art, Quote, 0, 9); err != nil {
				return err
			}
			return s.DeleteSpeaker(hosemannID) // named by mentions
		}, nil},
		{"change that breaks the format", func(s *Set) error {
			// Only an edit past the operations' own checks can; the
			// step's validation must catch it.
			a := s.Annotations[0]
			a.End = fixture.GoldLength + 10
			s.setAnnAt(0, a)
			return nil
		}, nil},
		{"removed speaker still named", func(s *Set) error {
			s.removeSpeakerAt(s.SpeakerPos(hosemannID))
			return nil
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						err = r.(error)
					}
				}()
				_, err = h.Apply(tt.change)
			}()
			if err == nil {
				t.Fatal("Apply succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			if h.Set() != before || snapshot(h.Set()) != beforeSnap || !bytes.Equal(Write(h.Set()), beforeBytes) {
				t.Errorf("a failed Apply changed the set")
			}
			if err := h.Set().checkIndex(); err != nil {
				t.Errorf("after a failed Apply: %v", err)
			}
			if h.CanUndo() {
				t.Errorf("a failed Apply was recorded for undo")
			}
		})
	}
	// A good change still works afterwards, on the untouched set.
	fixture.Must(t, errOf(h.Apply(func(s *Set) error { return s.MergeSpeakers(kobachID, hosemannID) })))
	if _, ok := h.Set().Speaker(kobachID); ok || len(h.Set().Annotations) != 34 {
		t.Errorf("after a good change: %d annotations", len(h.Set().Annotations))
	}
}

func TestHistoryUndoRedo(t *testing.T) {
	h, art, c := newHistory(t)
	s0 := Write(h.Set())
	if okOf(h.Undo()) || okOf(h.Redo()) {
		t.Fatal("Undo or Redo with no history")
	}
	step := func(start int) []byte {
		c.t = c.t.Add(time.Minute)
		fixture.Must(t, errOf(h.Apply(func(s *Set) error { _, err := s.Add(art, Quote, start, start+5); return err })))
		return Write(h.Set())
	}
	s1 := step(10)
	s2 := step(20)
	s3 := step(30)

	if !okOf(h.Undo()) || !bytes.Equal(Write(h.Set()), s2) {
		t.Fatal("first undo")
	}
	if !okOf(h.Undo()) || !bytes.Equal(Write(h.Set()), s1) {
		t.Fatal("second undo")
	}
	if !h.CanRedo() || !okOf(h.Redo()) || !bytes.Equal(Write(h.Set()), s2) {
		t.Fatal("redo")
	}
	if !okOf(h.Undo()) || !okOf(h.Undo()) || !bytes.Equal(Write(h.Set()), s0) {
		t.Fatal("undo to the start")
	}
	if h.CanUndo() || okOf(h.Undo()) {
		t.Fatal("undo past the start")
	}
	if !okOf(h.Redo()) || !okOf(h.Redo()) || !okOf(h.Redo()) || !bytes.Equal(Write(h.Set()), s3) || okOf(h.Redo()) {
		t.Fatal("redo to the end")
	}

	// A new change after undo clears what could be redone.
	h.Undo()
	h.Undo()
	s4 := step(40)
	if h.CanRedo() || okOf(h.Redo()) {
		t.Errorf("redo survived a new change")
	}
	if !bytes.Equal(Write(h.Set()), s4) {
		t.Errorf("current set is not the new change")
	}
	if !okOf(h.Undo()) || !bytes.Equal(Write(h.Set()), s1) {
		t.Errorf("undo after the new change does not go back to the state it was made on")
	}
}

func TestHistoryModifiedNeverBeforeCreated(t *testing.T) {
	h, art, c := newHistory(t)
	c.t = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) // a clock behind the file
	fixture.Must(t, errOf(h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, 0, 5); return err })))
	if !h.Set().Modified.Equal(h.Set().Created) {
		t.Errorf("modified %v, created %v", h.Set().Modified, h.Set().Created)
	}
	fixture.Must(t, h.Set().Validate())
	if _, err := Read(Write(h.Set())); err != nil {
		t.Errorf("the set no longer reads: %v", err)
	}
}

func TestHistoryUsesTimeNowByDefault(t *testing.T) {
	s, _ := goldSet(t)
	h := NewHistory(s)
	lo := time.Now().UTC().Truncate(time.Second)
	fixture.Must(t, errOf(h.Apply(func(s *Set) error { return s.RenameSpeaker(judgeID, "Judge") })))
	hi := time.Now().UTC()
	if m := h.Set().Modified; m.Before(lo) || m.After(hi) {
		t.Errorf("modified %v not between %v and %v", m, lo, hi)
	}
}

func TestHistoryLimit(t *testing.T) {
	h, art, _ := newHistory(t)
	h.Limit = 3
	for i := range 6 {
		fixture.Must(t, errOf(h.Apply(func(s *Set) error { _, err := s.Add(art, Quote, i*10, i*10+5); return err })))
	}
	undone := 0
	for okOf(h.Undo()) {
		undone++
	}
	if undone != 3 {
		t.Errorf("%d undos kept, want 3", undone)
	}
	if got := len(h.Set().Annotations); got != 34+3 {
		t.Errorf("after all undos %d annotations, want %d", got, 34+3)
	}
}

func TestHistoryUndoneStatesAreIndependent(t *testing.T) {
	// Changing the current set through Apply must never reach a state kept
	// for undo, even through shared slices.
	h, _, _ := newHistory(t)
	fixture.Must(t, errOf(h.Apply(func(s *Set) error { return s.RenameSpeaker(hosemannID, "D. Hosemann") })))
	after1 := Write(h.Set())
	fixture.Must(t, errOf(h.Apply(func(s *Set) error {
		if err := s.Update(s.Annotations[0].ID, func(a *Annotation) { a.Note = "edited" }); err != nil {
			return err
		}
		return s.RenameSpeaker(s.Speakers[0].ID, "Edited Through Apply")
	})))
	h.Undo()
	if !bytes.Equal(Write(h.Set()), after1) {
		t.Errorf("a later change reached the undo state")
	}
	h.Undo()
	if !bytes.Equal(Write(h.Set()), goldBytes(t)) {
		t.Errorf("the first state changed")
	}
}

func TestHistoryApplyMerged(t *testing.T) {
	h, _, c := newHistory(t)
	start := Write(h.Set())
	note := func(text string) func(s *Set) error {
		return func(s *Set) error { return s.Update(ann0ID, func(a *Annotation) { a.Note = text }) }
	}
	// Typing a note: three changes with one key are one undo step, and each
	// still stamps modified.
	for i, text := range []string{"a", "ab", "abc"} {
		c.t = c.t.Add(time.Second)
		fixture.Must(t, errOf(h.ApplyMerged("note:"+ann0ID, note(text))))
		if !h.Set().Modified.Equal(c.t) {
			t.Errorf("change %d: modified %v, want %v", i, h.Set().Modified, c.t)
		}
	}
	if a, _ := h.Set().Annotation(ann0ID); a.Note != "abc" {
		t.Fatalf("note %q", a.Note)
	}
	// A failing change with the same key changes nothing.
	before := snapshot(h.Set())
	if _, err := h.ApplyMerged("note:"+ann0ID, func(s *Set) error { return errors.New("boom") }); err == nil || snapshot(h.Set()) != before {
		t.Fatalf("failing merged change: %v", err)
	}
	if !okOf(h.Undo()) || !bytes.Equal(Write(h.Set()), start) || h.CanUndo() {
		t.Fatalf("one undo does not take back the merged changes")
	}
	if !okOf(h.Redo()) {
		t.Fatal("redo")
	}
	if a, _ := h.Set().Annotation(ann0ID); a.Note != "abc" {
		t.Fatalf("redo gave note %q", a.Note)
	}

	// After an undo, a change with the same key starts a new step.
	fixture.Must(t, errOf(h.ApplyMerged("note:"+ann0ID, note("abcd"))))
	fixture.Must(t, errOf(h.ApplyMerged("note:"+ann0ID, note("abcde"))))
	h.Undo()
	if a, _ := h.Set().Annotation(ann0ID); a.Note != "abc" {
		t.Errorf("undo after redo gave note %q, want abc", a.Note)
	}
	h.Redo()

	// Another key, or a plain Apply, breaks the run.
	fixture.Must(t, errOf(h.ApplyMerged("other", note("x"))))
	fixture.Must(t, errOf(h.ApplyMerged("note:"+ann0ID, note("y"))))
	fixture.Must(t, errOf(h.Apply(note("z1"))))
	fixture.Must(t, errOf(h.Apply(note("z2"))))
	for _, want := range []string{"z1", "y", "x", "abcde", "abc", ""} {
		h.Undo()
		if a, _ := h.Set().Annotation(ann0ID); a.Note != want {
			t.Errorf("undo gave note %q, want %q", a.Note, want)
		}
	}
	if h.CanUndo() {
		t.Errorf("more undo steps than changes")
	}
}
