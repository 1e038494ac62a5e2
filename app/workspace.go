package app

import (
	"net/url"
	"strings"
	"time"

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
	sets      []*annotations.History
	active    int
	selected  string // annotation id
	annotator string

	exportFormat string // a name from annotations.ExportFormats
	sugg         suggestionState

	ready     bool
	loadErr   string
	alert     string
	notice    string
	saveState string // "saved", "saving" or "error"
	saveSeq   int

	revs       viewRevs
	listReveal string  // an annotation whose row the list brings into view
	marks      markOps // highlight changes waiting for the next paint

	removeKeys func()
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

func (w *Workspace) set() *annotations.Set {
	if w.active < 0 || w.active >= len(w.sets) {
		return nil
	}
	return w.sets[w.active].Set()
}

func (w *Workspace) history() *annotations.History {
	if w.active < 0 || w.active >= len(w.sets) {
		return nil
	}
	return w.sets[w.active]
}

// OnMount installs the keyboard shortcuts.
func (w *Workspace) OnMount(ctx goapp.Context) {
	w.removeKeys = onKey(func(key string, ctrl, shift, alt bool) bool {
		reviewing := w.sugg.on && suggestionShortcut(key, ctrl)
		if alt || !(reviewing || shortcut(key, ctrl)) {
			return false
		}
		if reviewing {
			ctx.Dispatch(func(ctx goapp.Context) { w.onSuggestionKey(ctx, key) })
			return true
		}
		ctx.Dispatch(func(ctx goapp.Context) { w.onShortcut(ctx, key, ctrl, shift) })
		return true
	})
}

// OnDismount removes the keyboard shortcuts.
func (w *Workspace) OnDismount() {
	if w.removeKeys != nil {
		w.removeKeys()
		w.removeKeys = nil
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
	*w = Workspace{Compo: w.Compo, removeKeys: w.removeKeys, articleID: id, saveState: "saved", revs: revs}
	w.revs.all()
	ctx.Page().SetTitle("quotemark")
	if goapp.IsServer {
		return // the article and its sets are loaded in the browser
	}
	if el := goapp.Window().GetElementByID(textID); el.Truthy() {
		el.Call("removeAttribute", "data-ready") // set again by the next paint
	}
	ctx.Async(func() {
		opened, err := openArticle(id)
		if err != nil {
			ctx.Dispatch(func(ctx goapp.Context) { w.loadErr = err.Error() })
			return
		}
		annotator, _, _ := storeGet(keyAnnotator)
		ctx.Dispatch(func(ctx goapp.Context) { w.init(ctx, opened, annotator) })
	})
}

// init takes what OnNav loaded.
func (w *Workspace) init(ctx goapp.Context, opened *openedArticle, annotator string) {
	art := opened.Article
	w.art, w.annotator = art, annotator
	ctx.Page().SetTitle(art.Title + " · quotemark")
	for _, s := range opened.Sets {
		w.sets = append(w.sets, annotations.NewHistory(s))
		if s.ID == opened.ActiveID {
			w.active = len(w.sets) - 1
		}
	}
	if len(w.sets) == 0 {
		w.sets = append(w.sets, annotations.NewHistory(annotations.NewSet(art, annotator, time.Now())))
	}
	w.alert = strings.Join(opened.Problems, "\n")
	w.notice = strings.Join(opened.Reanchored, " ")
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
	h := w.history()
	if h == nil {
		return false
	}
	c, err := h.ApplyMerged(mergeKey, edit)
	if err != nil {
		w.alert = err.Error()
		return false
	}
	w.alert = ""
	w.afterChange(ctx, c)
	return true
}

func (w *Workspace) undo(ctx goapp.Context) {
	if h := w.history(); h != nil {
		if c, ok := h.Undo(); ok {
			w.afterChange(ctx, c)
		}
	}
}

func (w *Workspace) redo(ctx goapp.Context) {
	if h := w.history(); h != nil {
		if c, ok := h.Redo(); ok {
			w.afterChange(ctx, c)
		}
	}
}

// afterChange stores what a change did and updates the views it touched.
func (w *Workspace) afterChange(ctx goapp.Context, c *annotations.Change) {
	s := w.set()
	if s == nil {
		return
	}
	if _, ok := s.Annotation(w.selected); !ok && w.selected != "" {
		w.setSelected(ctx, "")
	}
	w.persistChange(ctx, s, c)
	w.bumpRevs(c)
	w.markChange(c)
	w.schedulePaint(ctx)
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

// persistChange starts storing what a change did, in one transaction.
func (w *Workspace) persistChange(ctx goapp.Context, s *annotations.Set, c *annotations.Change) {
	w.awaitSave(ctx, saveChange(w.articleID, s, c))
}

// persistWhole stores a whole set (new or imported).
func (w *Workspace) persistWhole(ctx goapp.Context, s *annotations.Set) {
	w.awaitSave(ctx, saveSet(w.articleID, s, s == w.set()))
}

// awaitSave shows "Saving…" until the write started on the UI goroutine
// commits. Writes start in the order the changes were made and IndexedDB
// commits them in that order.
func (w *Workspace) awaitSave(ctx goapp.Context, wait func() error) {
	w.saveSeq++
	seq := w.saveSeq
	w.saveState = "saving"
	w.revs.toolbar++
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(ctx goapp.Context) {
			w.revs.toolbar++
			if err != nil {
				w.saveState = "error"
				w.alert = "Your last change is not saved: " + err.Error()
				return
			}
			if seq == w.saveSeq && w.saveState != "error" {
				w.saveState = "saved"
			}
		})
	})
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
