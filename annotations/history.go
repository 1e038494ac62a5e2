package annotations

import "time"

// History applies changes to a set atomically and keeps them undoable. A
// change that fails leaves the set exactly as it was.
type History struct {
	set       *Set
	lastMerge string
	undo      []*Set
	redo      []*Set
	Now       func() time.Time
	Limit     int // snapshots kept for undo; 0 means 500
}

// NewHistory starts a history at set.
func NewHistory(set *Set) *History {
	return &History{set: set, Now: time.Now}
}

// Set is the current state. Callers must not modify it; use Apply.
func (h *History) Set() *Set { return h.set }

// Apply runs change on a copy of the set and, if it succeeds, makes the copy
// current, stamps modified and records the old state for undo.
func (h *History) Apply(change func(s *Set) error) error {
	return h.ApplyMerged("", change)
}

// ApplyMerged is Apply, except that consecutive changes with the same
// non-empty key (typing a note, say) make one undo step.
func (h *History) ApplyMerged(key string, change func(s *Set) error) error {
	next := h.set.Clone()
	if err := change(next); err != nil {
		return err
	}
	if err := next.Validate(); err != nil {
		return err
	}
	next.Modified = h.Now().UTC().Truncate(time.Second)
	if next.Modified.Before(next.Created) {
		next.Modified = next.Created
	}
	merge := key != "" && key == h.lastMerge && len(h.undo) > 0
	h.lastMerge = key
	if merge {
		h.set = next
		return nil
	}
	h.undo = append(h.undo, h.set)
	if limit := h.limit(); len(h.undo) > limit {
		h.undo = h.undo[len(h.undo)-limit:]
	}
	h.redo = nil
	h.set = next
	return nil
}

// Undo steps back one change; it reports whether there was one.
func (h *History) Undo() bool {
	if len(h.undo) == 0 {
		return false
	}
	h.lastMerge = ""
	h.redo = append(h.redo, h.set)
	h.set = h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	return true
}

// Redo reapplies the last undone change; it reports whether there was one.
func (h *History) Redo() bool {
	if len(h.redo) == 0 {
		return false
	}
	h.lastMerge = ""
	h.undo = append(h.undo, h.set)
	h.set = h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	return true
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
