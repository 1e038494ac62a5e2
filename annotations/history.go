package annotations

import (
	"errors"
	"time"
)

// History applies changes to a set atomically and keeps them undoable. A
// change that fails leaves the set exactly as it was.
//
// The set is changed in place, and each step is kept as a Change (the
// entities it touched, before and after), so that a step, its undo and
// what is kept for undo all cost what the step changed, not the set's size.
// A History indexes its set (see setIndex); the set must be changed only
// through Apply and ApplyMerged, and only through its methods: a change
// that assigns the set's fields is refused, and one that edits elements of
// its slices in place cannot be undone.
type History struct {
	set       *Set
	lastMerge string
	undo      []*Change // steps, oldest first, each from its Before to its After
	redo      []*Change // undone steps, most recently undone last
	Now       func() time.Time
	Limit     int // steps kept for undo; 0 means 500
}

// NewHistory starts a history at set, indexing it in one pass (and sorting
// it if it is not in the format's order).
func NewHistory(set *Set) *History {
	set.j = nil
	set.buildIndex()
	return &History{set: set, Now: time.Now}
}

// Set is the current state. Callers must not modify it; use Apply.
func (h *History) Set() *Set { return h.set }

// Apply runs change on the set and, if it succeeds and leaves the set
// valid, stamps modified and keeps the step for undo. It returns what the
// step changed. On error the set is as it was.
func (h *History) Apply(change func(s *Set) error) (*Change, error) {
	return h.ApplyMerged("", change)
}

// ApplyMerged is Apply, except that consecutive changes with the same
// non-empty key (typing a note, say) make one undo step. The Change
// returned is what this call changed, for storage; undo takes back the
// whole run.
func (h *History) ApplyMerged(key string, change func(s *Set) error) (c *Change, err error) {
	s := h.set
	if s.j != nil {
		return nil, errors.New("a change of this set is already running")
	}
	s.index() // built by NewHistory; rebuilt if the set was replaced since
	j := newJournal(s)
	s.j = j
	done := false
	defer func() {
		if done {
			return
		}
		// change panicked: put the set back before passing the panic on.
		s.index()
		s.rollback(j, j.change(s))
	}()
	err = change(s)
	s.index() // catches a replaced slice while the journal is still on
	s.j = nil
	if err == nil && j.direct {
		err = errors.New("the change replaced the set's annotations, speakers or orphans instead of using the set's methods")
	}
	if err == nil && headerOf(s) != j.header {
		err = errors.New("the change edited the set's id, annotator, times or article, which no step may change")
	}
	c = j.change(s)
	if err == nil {
		err = s.validateChange(c)
	}
	done = true
	if err != nil {
		s.rollback(j, c)
		return nil, err
	}
	s.Modified = h.Now().UTC().Truncate(time.Second)
	if s.Modified.Before(s.Created) {
		s.Modified = s.Created
	}
	c.ModifiedAfter = s.Modified
	// A step that moved orphans is not folded into the one before: orphans
	// are restored by position, and the positions of a later step are only
	// right relative to the state that step started from.
	merge := key != "" && key == h.lastMerge && len(h.undo) > 0 &&
		len(c.Orphans) == 0 && len(h.undo[len(h.undo)-1].Orphans) == 0
	h.lastMerge = key
	if merge {
		h.undo[len(h.undo)-1].fold(c)
		return c, nil
	}
	h.undo = append(h.undo, c)
	if limit := h.limit(); len(h.undo) > limit {
		n := copy(h.undo, h.undo[len(h.undo)-limit:])
		clear(h.undo[n:])
		h.undo = h.undo[:n]
	}
	h.redo = nil
	return c, nil
}

// Undo steps back one change; it reports whether there was one, and
// returns what undoing did to the set.
func (h *History) Undo() (*Change, bool) {
	if len(h.undo) == 0 {
		return nil, false
	}
	h.lastMerge = ""
	c := h.undo[len(h.undo)-1]
	h.undo[len(h.undo)-1] = nil
	h.undo = h.undo[:len(h.undo)-1]
	h.set.applyStates(c, false)
	h.redo = append(h.redo, c)
	return c.inverse(), true
}

// Redo reapplies the last undone change; it reports whether there was one,
// and returns what redoing did to the set.
func (h *History) Redo() (*Change, bool) {
	if len(h.redo) == 0 {
		return nil, false
	}
	h.lastMerge = ""
	c := h.redo[len(h.redo)-1]
	h.redo[len(h.redo)-1] = nil
	h.redo = h.redo[:len(h.redo)-1]
	h.set.applyStates(c, true)
	h.undo = append(h.undo, c)
	return c, true
}

// CanUndo and CanRedo tell whether Undo and Redo would do anything.
func (h *History) CanUndo() bool { return len(h.undo) > 0 }

// CanRedo tells whether Redo would do anything.
func (h *History) CanRedo() bool { return len(h.redo) > 0 }

func (h *History) limit() int {
	if h.Limit > 0 {
		return h.Limit
	}
	return 500
}
