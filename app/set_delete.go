package app

import (
	"fmt"
	"slices"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The article page deletes the active set into the Trash (trash_store.go)
// and renames it. A set deleted here is gone from this tab at once; the
// deletion is one write guarded on the stamp this tab's own writes leave,
// so if another tab wrote the set meanwhile nothing is deleted and the set
// comes back here, read back with the other tab's work.

// setDeleteState is the article page's deletion in progress: asked,
// waiting for its confirmation, and the Undo offered once done.
type setDeleteState struct {
	asking bool
	undo   undoNotice
}

// markDeleted remembers that a set of this article was deleted, so that
// the empty set the page makes when none is left never takes its id (see
// newImplicit).
func (s *articleSession) markDeleted(setID string) {
	if s.deleted == nil {
		s.deleted = map[string]bool{}
	}
	s.deleted[setID] = true
}

// takeDeletedNote is what the page is to say of a set another tab
// deleted, once.
func (s *articleSession) takeDeletedNote() string {
	note := s.deletedNote
	s.deletedNote = ""
	return note
}

// deletion is the active set's deletion, started: the trash item, its key,
// the write, and how to take it back in this tab if the write fails.
type deletion struct {
	item    *annotations.TrashItem
	key     string
	write   func() error
	putBack func()
	setID   string
}

// deleteActive takes the active set out of the session and starts moving
// it to the trash, with what this tab holds of it. A set being read back or
// with a failed write is not deleted: what storage holds of it is not known.
func (s *articleSession) deleteActive(now time.Time) (*deletion, error) {
	h := s.history()
	if h == nil {
		return nil, fmt.Errorf("there is no set to delete")
	}
	set := h.Set()
	sy := s.syncOf(set.ID)
	if sy.reading || sy.stale {
		return nil, fmt.Errorf("this set is being saved or read back; nothing was deleted, try again in a moment")
	}
	item := &annotations.TrashItem{Kind: annotations.TrashSet, ArticleID: s.articleID, Title: s.art.Title, Deleted: now,
		Sets: []annotations.TrashedSet{annotations.TrashedSetOf(set)}}
	for _, r := range setRecords(s.articleID, set) {
		item.Records = append(item.Records, annotations.StoredRecord{Key: r.Key, Value: r.Value})
	}
	i, oldSync := s.active, sy
	s.histories = slices.Delete(s.histories, i, i+1)
	delete(s.syncs, set.ID)
	s.markDeleted(set.ID)
	var fresh *annotations.History // the empty set the page gets when none is left
	if len(s.histories) == 0 {
		fresh = annotations.NewHistory(annotations.NewSet(s.art, s.annotator, now))
		s.histories = append(s.histories, fresh)
	}
	s.active = min(i, len(s.histories)-1)
	putBack := func() {
		delete(s.deleted, set.ID)
		if _, j := s.historyOf(set.ID); j >= 0 {
			return
		}
		if j := slices.Index(s.histories, fresh); j >= 0 && fresh.Set().Empty() && !fresh.CanUndo() && len(s.syncOf(fresh.Set().ID).jobs) == 0 {
			s.histories = slices.Delete(s.histories, j, j+1)
			delete(s.syncs, fresh.Set().ID)
		}
		s.histories = slices.Insert(s.histories, min(i, len(s.histories)), h)
		s.syncs[set.ID] = oldSync
		s.active = min(i, len(s.histories)-1)
	}
	key, write, err := trashWrite(item, map[string]string{set.ID: sy.head},
		storeRecord{Key: activeKey(s.articleID), Value: s.set().ID})
	if err != nil {
		putBack()
		return nil, err
	}
	return &deletion{item: item, key: key, write: write, putBack: putBack, setID: set.ID}, nil
}

// storeRename starts storing the active set's header after a rename.
func (s *articleSession) storeRename(set *annotations.Set) setWrite {
	return s.startJob(set, &writeJob{keys: []string{"h"}})
}

// adoptRestored puts a set restored from the trash back into the session
// as the active set; stored and stamp are what was read back.
func (s *articleSession) adoptRestored(stored *annotations.Set, stamp string) error {
	if _, err := stored.Anchor(s.art); err != nil {
		return fmt.Errorf("the restored set does not fit this article: %w", err)
	}
	delete(s.deleted, stored.ID)
	if h, i := s.historyOf(stored.ID); h != nil {
		s.active = i // another tab's write brought it back already
		return nil
	}
	s.adopt(stored)
	s.syncOf(stored.ID).head = stamp
	_, s.active = s.historyOf(stored.ID)
	return nil
}

// --- the page --------------------------------------------------------------

func (w *Workspace) askDeleteSet(ctx goapp.Context, e goapp.Event) {
	if w.set() == nil {
		return
	}
	w.setDelete.asking = true
	w.revs.toolbar++
	focusConfirm(ctx)
}

func (w *Workspace) cancelDeleteSet(ctx goapp.Context, e goapp.Event) {
	w.setDelete.asking = false
	w.revs.toolbar++
}

// deleteSetQuestion is what the confirmation asks of the active set.
func (w *Workspace) deleteSetQuestion() string {
	s := w.set()
	if !w.setDelete.asking || s == nil || w.art == nil {
		return ""
	}
	item := annotations.TrashItem{Kind: annotations.TrashSet, Title: w.art.Title, Sets: []annotations.TrashedSet{annotations.TrashedSetOf(s)}}
	return item.Question()
}

func (w *Workspace) confirmDeleteSet(ctx goapp.Context, e goapp.Event) {
	defer w.recoverAlert()
	w.setDelete.asking = false
	w.revs.toolbar++
	if w.sess == nil {
		return
	}
	d, err := w.sess.deleteActive(time.Now())
	if err != nil {
		w.alert = "Nothing was deleted: " + err.Error()
		return
	}
	w.selected, w.notice = "", "" // a notice about the set (its import, say) no longer holds
	w.revs.all()
	w.repaint(ctx)
	pc := w.page(ctx)
	sess := w.sess
	pc.Async(func() {
		err := d.write()
		pc.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				d.putBack()
				if sess.view == w {
					w.alert = "The set was not deleted: " + err.Error()
					w.followSets(ctx)
				}
				sess.readBack(ctx, d.setID)
				return
			}
			if sess.view == w {
				w.setDelete.undo.show(pc, d.key, d.item.Done(), func() { w.revs.toolbar++ })
				w.revs.toolbar++
			}
		})
	})
}

// undoDeleteSet restores the set the notice names and makes it active.
func (w *Workspace) undoDeleteSet(ctx goapp.Context, e goapp.Event) {
	key := w.setDelete.undo.key
	w.setDelete.undo.clear()
	w.revs.toolbar++
	if key == "" || w.sess == nil {
		return
	}
	pc, sess := w.page(ctx), w.sess
	pc.Async(func() {
		item, err := restoreTrash(key)
		var stored *annotations.Set
		var stamp string
		if err == nil {
			stored, stamp, err = readStoredSet(item.ArticleID, item.Sets[0].ID)
			if err == nil && stored == nil {
				err = fmt.Errorf("set %s is not stored after its restore", item.Sets[0].ID)
			}
		}
		pc.Dispatch(func(ctx goapp.Context) {
			if err == nil {
				err = sess.adoptRestored(stored, stamp)
			}
			if sess.view != w {
				return
			}
			if err != nil {
				w.alert = "Nothing was restored: " + err.Error()
				w.revs.toolbar++
				return
			}
			w.notice = "Restored " + item.Summary() + "."
			wait := storePut(map[string]string{activeKey(sess.articleID): stored.ID})
			pc.Async(func() { _ = wait() }) // the active set is a preference; the set itself is stored
			w.followSets(ctx)
		})
	})
}

// renameSet gives the set setID another annotator name and stores its
// header.
func (w *Workspace) renameSet(ctx goapp.Context, setID, name string) {
	defer w.recoverAlert()
	s := w.set()
	if s == nil || s.ID != setID {
		return // the field belonged to a set no longer active
	}
	changed, err := annotations.RenameSet(s, annotations.NameFromShown(name), time.Now())
	if err != nil {
		w.alert = "The set was not renamed: " + err.Error()
		w.revs.toolbar++
		return
	}
	if !changed {
		return
	}
	w.awaitSave(ctx, w.sess.storeRename(s))
}

// setNameField is the active set's name, keyed by the set (CompoID): an
// input's shown value is a DOM property, which a field shared between sets
// would keep from the set shown before.
type setNameField struct {
	goapp.Compo
	W     *Workspace
	SetID string
	Name  string
}

const setNameFieldID = "set-name"

func (f *setNameField) CompoID() string { return "set-name-field-" + f.SetID }

// OnUpdate puts a name another tab gave the set into the field.
func (f *setNameField) OnUpdate(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) {
		el := goapp.Window().GetElementByID(setNameFieldID)
		shown := annotations.ShownName(f.Name)
		if el.Truthy() && el.Get("value").String() != shown && !el.Call("matches", ":focus").Bool() {
			el.Set("value", shown)
		}
	})
}

func (f *setNameField) Render() goapp.UI {
	w, id := f.W, f.SetID
	return goapp.Label().Class("set-name").Body(
		goapp.Span().Text("Set name"),
		goapp.Input().Type("text").ID(setNameFieldID).Aria("label", "Set name").Placeholder("annotator").
			Value(annotations.ShownName(f.Name)).Disabled(!w.ready).
			OnChange(func(ctx goapp.Context, e goapp.Event) { w.renameSet(ctx, id, ctx.JSSrc().Get("value").String()) }),
	)
}
