package app

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Workspace is the article page: the text, the tools, the annotation list and
// the details of the selected annotation. It owns the page's state; every
// change to a set goes through an annotations.History.
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

	removeKeys func()
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
	*w = Workspace{Compo: w.Compo, removeKeys: w.removeKeys, articleID: id, saveState: "saved"}
	ctx.Page().SetTitle("quotemark")
	if goapp.IsServer {
		return // the article and its sets are loaded in the browser
	}
	if el := goapp.Window().GetElementByID(textID); el.Truthy() {
		el.Call("removeAttribute", "data-ready") // set again by the next paint
	}
	ctx.Async(func() {
		art, err := loadArticle(id)
		if err != nil {
			ctx.Dispatch(func(ctx goapp.Context) { w.loadErr = err.Error() })
			return
		}
		stored, err := loadSets(id)
		annotator, _, _ := storeGet(keyAnnotator)
		ctx.Dispatch(func(ctx goapp.Context) {
			w.init(ctx, art, stored, annotator, err)
		})
	})
}

// init takes what OnNav loaded: every stored set is bound to the text, and
// re-anchored (then saved) when the text has changed since.
func (w *Workspace) init(ctx goapp.Context, art *annotations.Article, stored storedSets, annotator string, loadErr error) {
	w.art, w.annotator = art, annotator
	ctx.Page().SetTitle(art.Title + " · quotemark")
	var problems []string
	if loadErr != nil {
		problems = append(problems, loadErr.Error())
	}
	for _, d := range stored.Damaged {
		problems = append(problems, "A stored set could not be read and was left as it is: "+d)
	}
	var reanchored []*annotations.Set
	for _, s := range stored.Sets {
		rep, err := s.Anchor(art)
		if err != nil {
			problems = append(problems, fmt.Sprintf("Stored set %s does not fit this article and was left as it is: %v", s.ID, err))
			continue
		}
		if rep.Reanchored {
			reanchored = append(reanchored, s)
			w.notice = fmt.Sprintf("The article's text has changed: %s", anchorSummary(rep))
		}
		w.sets = append(w.sets, w.newHistory(s))
		if s.ID == stored.ActiveID {
			w.active = len(w.sets) - 1
		}
	}
	if len(w.sets) == 0 {
		w.sets = append(w.sets, w.newHistory(annotations.NewSet(art, annotator, time.Now())))
	}
	w.alert = strings.Join(problems, "\n")
	w.ready = true
	if id := ctx.Page().URL().Query().Get("select"); id != "" {
		if _, ok := w.set().Annotation(id); ok {
			w.selectAnnotation(ctx, id, true) // a link from the corpus page
		}
	}
	for _, s := range reanchored {
		w.persist(ctx, s)
	}
	ctx.Defer(func(goapp.Context) { w.paint() })
}

func (w *Workspace) newHistory(s *annotations.Set) *annotations.History {
	return annotations.NewHistory(s)
}

// change applies an edit to the active set through its history, then saves
// and repaints. A refused edit changes nothing and shows why.
func (w *Workspace) change(ctx goapp.Context, mergeKey string, edit func(s *annotations.Set) error) bool {
	h := w.history()
	if h == nil {
		return false
	}
	if err := h.ApplyMerged(mergeKey, edit); err != nil {
		w.alert = err.Error()
		return false
	}
	w.alert = ""
	w.afterChange(ctx)
	return true
}

// afterChange saves the active set and repaints the highlights.
func (w *Workspace) afterChange(ctx goapp.Context) {
	if s := w.set(); s != nil {
		if _, ok := s.Annotation(w.selected); !ok {
			w.selected = ""
		}
		w.persist(ctx, s)
	}
	ctx.Defer(func(goapp.Context) { w.paint() })
}

// persist stores a set at once. Writes start on the UI goroutine, so they
// commit in the order the changes were made.
func (w *Workspace) persist(ctx goapp.Context, s *annotations.Set) {
	w.saveSeq++
	seq := w.saveSeq
	w.saveState = "saving"
	wait := saveSet(w.articleID, s, s == w.set())
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				w.saveState = "error"
				w.alert = "Your last change is not saved: " + err.Error()
				return
			}
			if seq == w.saveSeq {
				w.saveState = "saved"
			}
		})
	})
}

func anchorSummary(rep *annotations.AnchorReport) string {
	placed := len(rep.Placements) - rep.Orphaned
	msg := fmt.Sprintf("%d annotations placed", placed)
	if rep.Moved > 0 {
		msg += fmt.Sprintf(" (%d found at a new position)", rep.Moved)
	}
	if rep.Approximate > 0 {
		msg += fmt.Sprintf("; %d placed approximately — check them under Placed approximately", rep.Approximate)
	}
	if rep.Orphaned > 0 {
		msg += fmt.Sprintf("; %d could not be placed and are listed under Not placed", rep.Orphaned)
	}
	return msg + "."
}
