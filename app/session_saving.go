package app

import (
	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// sessionView is the page showing a session, told what its writes, its
// read backs and the other tabs did. A session kept after its page closed,
// for changes storage refused (see unsaved.go), has none.
type sessionView interface {
	// followChange follows a change another tab made to one of the sets.
	followChange(ctx goapp.Context, setID string, c *annotations.Change)
	// followSets follows sets a read back replaced, added or removed.
	followSets(ctx goapp.Context)
	// followSave follows the save state; note, when not empty, is for the
	// person to read.
	followSave(ctx goapp.Context, note string)
	// pageContext is the page's own context, which lives as long as the
	// page: go-app drops a Dispatch whose element a render removed, and a
	// write's outcome must never be dropped.
	pageContext(ctx goapp.Context) goapp.Context
}

// lasting is the context to follow the session's writes on: the page's
// when one shows it, else ctx, which must outlive the write (see
// unsavedNotice).
func (s *articleSession) lasting(ctx goapp.Context) goapp.Context {
	if s.view != nil {
		return s.view.pageContext(ctx)
	}
	return ctx
}

// awaitWrite follows a write until it is stored: a conflict reads the set
// back, a failure leaves the set not saved, and the view follows. ctx is
// the context of the page or element that keeps the session on screen.
func (s *articleSession) awaitWrite(ctx goapp.Context, w setWrite) {
	ctx = s.lasting(ctx)
	if w.wait == nil {
		if w.readBack {
			s.readBack(ctx, w.setID)
		}
		s.saveStateMoved(ctx, "")
		return
	}
	ctx.Async(func() {
		_, err := w.wait()
		ctx.Dispatch(func(ctx goapp.Context) {
			if s.settled(w, err) {
				s.readBack(ctx, w.setID)
			}
			note := ""
			if err != nil && !isConflict(err) {
				note = "Your last change is not saved: " + err.Error()
			}
			s.saveStateMoved(ctx, note)
		})
	})
}

// readBack reads a set back from storage and merges this tab's unsaved
// pieces into it (see merged).
func (s *articleSession) readBack(ctx goapp.Context, setID string) {
	if !s.beginRead(setID) {
		return
	}
	ctx = s.lasting(ctx)
	ctx.Async(func() {
		stored, stamp, err := readStoredSet(s.articleID, setID)
		ctx.Dispatch(func(ctx goapp.Context) {
			res := s.merged(setID, stored, stamp, err)
			if res.changed && s.view != nil {
				s.view.followSets(ctx)
			}
			if res.write != nil {
				s.awaitWrite(ctx, *res.write)
			}
			s.saveStateMoved(ctx, res.note)
			if res.again {
				s.readBack(ctx, setID)
			}
		})
	})
}

// onRemote takes a write another tab committed.
func (s *articleSession) onRemote(ctx goapp.Context, m storeChange) {
	if m.Article != s.articleID {
		return
	}
	c, read := s.remote(m)
	if c != nil && s.view != nil {
		s.view.followChange(ctx, m.Set, c)
	}
	if read {
		s.readBack(ctx, m.Set)
	}
}

// retry writes again what failed: each set not saved is read back and this
// tab's pieces written on it.
func (s *articleSession) retry(ctx goapp.Context) {
	for _, id := range s.staleSets() {
		s.readBack(ctx, id)
	}
}

// resume takes a session kept after its page closed back onto a page: read
// backs whose outcome went to the closed page are forgotten, and what is
// not saved is tried again.
func (s *articleSession) resume(ctx goapp.Context) {
	for _, sy := range s.syncs {
		sy.reading, sy.again = false, false
	}
	s.retry(ctx)
}

func (s *articleSession) saveStateMoved(ctx goapp.Context, note string) {
	noteUnsaved(s)
	if s.view != nil {
		s.view.followSave(ctx, note)
	}
}
