package app

import (
	"fmt"
	"net/url"
	"strings"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Workspace is the article page. It holds the page's state; what it shows is
// split into components (toolbar, list, details, speakers, …) that each
// re-render only when their revision changes, so an edit costs what it
// changes, not a render of every row. Every change to a set goes through the
// set's annotations.History, whose Change says what to store and repaint.
type Workspace struct {
	goapp.Compo

	articleID string
	art       *annotations.Article
	sess      *articleSession
	selected  string // annotation id
	annotator string

	exportFormat string // a name from formats.ExportFormats
	drawerOpen   bool   // the sidebar's drawer on a narrow screen (sidebar_drawer.go)
	sugg         suggestionState

	ready     bool
	loadErr   string
	alert     string
	saveAlert bool // alert is about a write, and goes once the writes are stored
	notice    string
	setDelete setDeleteState // set_delete.go
	labelQ    *labelQuestion // the label mapping an import waits for

	revs       viewRevs
	listReveal string  // an annotation whose row the list brings into view
	marks      markOps // highlight changes waiting for the next paint

	removeKeys  func()
	removeStore func() // stops following the other tabs' writes

	caret       articleCaret // the keyboard's place in the text (article_caret.go)
	removeCaret func()       // stops the caret's key listener

	// pageCtx is the workspace's own context. Work that outlives an event
	// (a save's outcome, a paint after the render) runs on it: go-app drops
	// a Dispatch or Defer whose source element the render removed, and the
	// button that accepted every suggestion is gone once nothing is left.
	pageCtx goapp.Context
}

// page is the context for work that must outlive the event's element.
func (w *Workspace) page(ctx goapp.Context) goapp.Context {
	if w.pageCtx.Src() != nil {
		return w.pageCtx
	}
	return ctx
}

// viewRevs are the revisions of the workspace's views: a view re-renders
// when its number moves.
type viewRevs struct {
	toolbar, details, list, speakers, approximate, orphans, suggestions int
}

func (r *viewRevs) all() {
	r.toolbar++
	r.details++
	r.list++
	r.speakers++
	r.approximate++
	r.orphans++
	r.suggestions++
}

func (w *Workspace) set() *annotations.Set { return w.sess.set() }

func (w *Workspace) history() *annotations.History { return w.sess.history() }

// saveState is what the toolbar says of storage.
func (w *Workspace) saveState() string {
	if w.sess == nil {
		return "saved"
	}
	return w.sess.saveState()
}

// OnMount installs the keyboard shortcuts and follows the writes of the
// app's other tabs.
func (w *Workspace) OnMount(ctx goapp.Context) {
	w.pageCtx = ctx
	w.removeKeys = onKey(func(key string, ctrl, shift, alt bool) bool {
		if key == "Escape" && !ctrl && w.drawerShown() {
			ctx.Dispatch(func(ctx goapp.Context) { w.setDrawer(ctx, false) })
			return true
		}
		reviewing := w.sugg.on && suggestionShortcut(key, ctrl)
		if alt || !(reviewing || shortcut(key, ctrl)) {
			return false
		}
		if reviewing {
			ctx.Dispatch(func(ctx goapp.Context) { w.guard(func() { w.onSuggestionKey(ctx, key) }) })
			return true
		}
		ctx.Dispatch(func(ctx goapp.Context) { w.guard(func() { w.onShortcut(ctx, key, ctrl, shift) }) })
		return true
	})
	w.removeCaret = onArticleKey(func(key string, ctrl, shift, alt bool) bool {
		if !(caretKey(key, ctrl, alt) || key == "Focus" || key == "Escape" && w.caret.anchored) || key == "Enter" && w.sugg.on {
			return false
		}
		ctx.Dispatch(func(ctx goapp.Context) { w.guard(func() { w.onArticleKey(ctx, key, ctrl, shift, alt) }) })
		return true
	})
	w.removeStore = onStoreChange(func(m storeChange) {
		ctx.Dispatch(func(ctx goapp.Context) {
			if w.sess != nil {
				w.sess.onRemote(w.page(ctx), m)
			}
		})
	})
}

// OnDismount removes the keyboard shortcuts and lets the session go, unless
// it holds changes storage refused (see unsaved.go).
func (w *Workspace) OnDismount() {
	if w.removeKeys != nil {
		w.removeKeys()
		w.removeKeys = nil
	}
	if w.removeStore != nil {
		w.removeStore()
		w.removeStore = nil
	}
	if w.removeCaret != nil {
		w.removeCaret()
		w.removeCaret = nil
	}
	w.leaveSession()
}

// leaveSession detaches the page from its session.
func (w *Workspace) leaveSession() {
	if w.sess != nil && w.sess.view == w {
		w.sess.view = nil
	}
}

// guard runs an action on user input, turning a panic in the domain code it
// calls into an alert (see recoverAlert).
func (w *Workspace) guard(action func()) {
	defer w.recoverAlert()
	action()
}

// recoverAlert, deferred by an action on user input, turns a panic in it
// into an alert: the action changed nothing (History takes a failed step
// back) and the program goes on instead of ending.
func (w *Workspace) recoverAlert() {
	if r := recover(); r != nil {
		w.alert = fmt.Sprintf("That did not work, and changed nothing: %v", r)
		w.revs.toolbar++
	}
}

// OnNav loads the article named by the URL and its stored sets.
func (w *Workspace) OnNav(ctx goapp.Context) {
	id, err := url.PathUnescape(strings.TrimPrefix(ctx.Page().URL().Path, "/article/"))
	if err != nil || id == "" {
		w.loadErr = "This address names no article."
		return
	}
	revs := w.revs
	w.leaveSession()
	*w = Workspace{Compo: w.Compo, removeKeys: w.removeKeys, removeStore: w.removeStore, removeCaret: w.removeCaret, pageCtx: w.pageCtx, articleID: id, revs: revs}
	w.revs.all()
	ctx.Page().SetTitle("quotemark")
	if goapp.IsServer {
		return // the article and its sets are loaded in the browser
	}
	if el := goapp.Window().GetElementByID(frameID); el.Truthy() {
		el.Call("removeAttribute", "data-ready") // set again by the next paint
	}
	if kept := keptSession(id); kept != nil {
		ctx.Dispatch(func(ctx goapp.Context) {
			w.takeSession(ctx, kept)
			w.alert, w.saveAlert = "Changes to this article are not saved yet; they are as you left them.", true
			kept.resume(w.page(ctx))
		})
		return
	}
	ctx.Async(func() {
		// The stamps are read before the sets: see readStamps.
		stamps, stampErr := readStamps(id)
		browser, idErr := browserID()
		opened, err := openArticle(id)
		if err == nil && firstErr(stampErr, idErr) != nil {
			opened.Problems = append(opened.Problems, firstErr(stampErr, idErr).Error())
		}
		if err != nil {
			ctx.Dispatch(func(ctx goapp.Context) { w.loadErr = err.Error() })
			return
		}
		annotator, _, _ := storeGet(keyAnnotator)
		ctx.Dispatch(func(ctx goapp.Context) {
			w.takeSession(ctx, newArticleSession(opened, annotator, browser, stamps))
			w.alert = strings.Join(opened.Problems, "\n")
			w.notice = strings.Join(opened.Reanchored, " ")
		})
	})
}

// takeSession shows a session: one OnNav opened, or one kept with changes
// not saved.
func (w *Workspace) takeSession(ctx goapp.Context, sess *articleSession) {
	w.art, w.annotator, w.sess = sess.art, sess.annotator, sess
	sess.view = w
	ctx.Page().SetTitle(w.art.Title + " · quotemark")
	w.ready = true
	w.revs.all()
	if id := ctx.Page().URL().Query().Get("select"); id != "" {
		if _, ok := w.set().Annotation(id); ok {
			w.selectAnnotation(ctx, id, true) // a link from the corpus page
		}
	}
	w.repaint(ctx)
}

// change applies an edit to the active set through its history, then saves
// what changed and updates the views it touched. A refused edit changes
// nothing and shows why.
func (w *Workspace) change(ctx goapp.Context, mergeKey string, edit func(s *annotations.Set) error) bool {
	if w.sess == nil {
		return false
	}
	c, write, err := w.sess.apply(mergeKey, edit)
	if err != nil {
		w.alert = err.Error()
		return false
	}
	w.alert, w.saveAlert = "", false
	w.afterChange(ctx, c, write)
	return true
}

func (w *Workspace) undo(ctx goapp.Context) {
	defer w.recoverAlert()
	if w.sess == nil {
		return
	}
	if c, write, ok := w.sess.undo(); ok {
		w.afterChange(ctx, c, write)
	}
}

func (w *Workspace) redo(ctx goapp.Context) {
	defer w.recoverAlert()
	if w.sess == nil {
		return
	}
	if c, write, ok := w.sess.redo(); ok {
		w.afterChange(ctx, c, write)
	}
}

// afterChange follows a change in the views it touched and in the save
// state.
func (w *Workspace) afterChange(ctx goapp.Context, c *annotations.Change, write setWrite) {
	w.awaitSave(ctx, write)
	w.followActive(ctx, c)
}

// followActive follows a change of the active set in the views it touched.
func (w *Workspace) followActive(ctx goapp.Context, c *annotations.Change) {
	if _, ok := w.set().Annotation(w.selected); !ok && w.selected != "" {
		w.setSelected(ctx, "")
	}
	w.bumpRevs(c)
	w.markChange(c)
	w.schedulePaint(ctx)
}

// followChange follows a change another tab made (sessionView).
func (w *Workspace) followChange(ctx goapp.Context, setID string, c *annotations.Change) {
	w.revs.toolbar++ // the set picker's counts
	if s := w.set(); s != nil && s.ID == setID {
		w.followActive(ctx, c)
	}
}

// followSets follows sets a read back replaced, added or removed
// (sessionView): the views and highlights start again from the sets.
func (w *Workspace) followSets(ctx goapp.Context) {
	if note := w.sess.takeDeletedNote(); note != "" {
		w.alert, w.saveAlert = note, false // stays: it is not about a write of this tab
	}
	if _, ok := w.set().Annotation(w.selected); !ok {
		w.selected = ""
	}
	w.revs.all()
	w.repaint(ctx)
}

// pageContext is the workspace's own context (sessionView).
func (w *Workspace) pageContext(ctx goapp.Context) goapp.Context { return w.page(ctx) }

// followSave follows the save state (sessionView). An alert about a write
// goes once the writes are stored again.
func (w *Workspace) followSave(ctx goapp.Context, note string) {
	w.revs.toolbar++
	switch {
	case note != "":
		w.alert, w.saveAlert = note, true
	case w.saveAlert && w.sess.saveState() == "saved":
		w.alert, w.saveAlert = "", false
	}
}

// bumpRevs moves the revision of each view the change touched.
func (w *Workspace) bumpRevs(c *annotations.Change) {
	w.revs.toolbar++ // counts, undo and redo
	if len(c.Annotations) > 0 {
		w.revs.list++
		w.revs.suggestions++
	}
	speakersTouched := len(c.Speakers) > 0
	for _, ac := range c.Annotations {
		if ac.Before != nil && ac.Before.ID == w.selected || ac.After != nil && ac.After.ID == w.selected {
			w.revs.details++
		}
		switch {
		case ac.Before == nil:
			speakersTouched = speakersTouched || ac.After.Speaker != ""
		case ac.After == nil:
			speakersTouched = speakersTouched || ac.Before.Speaker != ""
		case ac.Before.Speaker != ac.After.Speaker:
			speakersTouched = true
		}
	}
	if speakersTouched {
		w.revs.speakers++
		w.revs.details++
		w.revs.list++ // rows show speaker names
	}
	if len(c.Approximate) > 0 {
		w.revs.approximate++
	}
	if len(c.Orphans) > 0 {
		w.revs.orphans++
		w.revs.speakers++
	}
}

// awaitSave shows "Saving…" until a write commits. Writes start on the UI
// goroutine the moment a change is made, in the order the changes were
// made, and IndexedDB commits them in that order.
func (w *Workspace) awaitSave(ctx goapp.Context, write setWrite) {
	w.revs.toolbar++
	w.sess.awaitWrite(w.page(ctx), write)
}

// setSelected changes the selection and the views that show it.
func (w *Workspace) setSelected(ctx goapp.Context, id string) {
	if id == w.selected {
		return
	}
	w.selected = id
	w.revs.details++
	w.revs.toolbar++ // Delete is enabled with a selection
	w.revs.list++    // the row marked current
	w.markSelected()
	w.schedulePaint(ctx)
}
