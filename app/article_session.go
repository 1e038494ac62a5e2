package app

import (
	"errors"
	"fmt"
	"time"

	"quotemark/annotations"
)

// articleSession is an article's sets as the article page edits them: the
// one place that applies a change through a set's history, starts storing
// what it changed and hands the Change back for the views to follow. It
// holds no view state. How its writes stay in step with storage and the
// other tabs is in set_sync.go.
type articleSession struct {
	articleID string
	art       *annotations.Article
	annotator string
	histories []*annotations.History
	active    int

	writer  string // this tab's name in the stamps it writes
	browser string // the browser's, which names the empty set (implicitSetID)
	seq     int
	syncs   map[string]*setSync
	view    sessionView // the page showing it, if any
	// deleted are the ids of this article's sets deleted to the trash
	// (set_delete.go): none is used again for a set made here.
	deleted map[string]bool
	// deletedNote says which set another tab deleted, until the page shows
	// it (takeDeletedNote).
	deletedNote string
}

// newArticleSession takes the sets openArticle read, the stored active one
// active, and their stamps, read before them; an article without sets gets
// an empty one for annotator, named for the browser.
func newArticleSession(opened *openedArticle, annotator, browser string, stamps map[string]string) *articleSession {
	s := &articleSession{articleID: opened.Article.ID, art: opened.Article, annotator: annotator,
		writer: annotations.NewID(), browser: browser, syncs: map[string]*setSync{}}
	for id, stamp := range stamps {
		if isDeletedStamp(stamp) {
			s.markDeleted(id)
		}
	}
	for _, set := range opened.Sets {
		s.histories = append(s.histories, annotations.NewHistory(set))
		s.syncOf(set.ID).head = stamps[set.ID]
		if set.ID == opened.ActiveID {
			s.active = len(s.histories) - 1
		}
	}
	if len(s.histories) == 0 {
		h := s.newImplicit()
		s.histories = append(s.histories, h)
		s.syncOf(h.Set().ID).head = stamps[h.Set().ID]
	}
	return s
}

// newImplicit is the empty set of an article without sets (see
// implicitSetID).
func (s *articleSession) newImplicit() *annotations.History {
	set := annotations.NewSet(s.art, s.annotator, time.Now())
	if id := implicitSetID(s.articleID, s.browser); s.browser != "" && !s.deleted[id] {
		set.ID = id
	}
	return annotations.NewHistory(set)
}

func (s *articleSession) set() *annotations.Set {
	if h := s.history(); h != nil {
		return h.Set()
	}
	return nil
}

func (s *articleSession) history() *annotations.History {
	if s == nil || s.active < 0 || s.active >= len(s.histories) {
		return nil
	}
	return s.histories[s.active]
}

// apply runs an edit on the active set through its history and starts
// storing what it changed. A refused edit changes nothing; so does one that
// panics, which comes back as an error.
func (s *articleSession) apply(mergeKey string, edit func(*annotations.Set) error) (*annotations.Change, setWrite, error) {
	h := s.history()
	if h == nil {
		return nil, setWrite{}, errors.New("there is no set to change")
	}
	c, err := h.ApplyMerged(mergeKey, recovered(edit))
	if err != nil {
		return nil, setWrite{}, err
	}
	return c, s.storeChange(h.Set(), c), nil
}

// undo and redo step the active set's history and store the step.
func (s *articleSession) undo() (*annotations.Change, setWrite, bool) {
	return s.step((*annotations.History).Undo)
}

func (s *articleSession) redo() (*annotations.Change, setWrite, bool) {
	return s.step((*annotations.History).Redo)
}

func (s *articleSession) step(move func(*annotations.History) (*annotations.Change, bool)) (*annotations.Change, setWrite, bool) {
	h := s.history()
	if h == nil {
		return nil, setWrite{}, false
	}
	c, ok := move(h)
	if !ok {
		return nil, setWrite{}, false
	}
	return c, s.storeChange(h.Set(), c), true
}

// add puts a set beside the others (a new or imported one) and starts
// storing it whole; active makes it the active set.
func (s *articleSession) add(set *annotations.Set, active bool) setWrite {
	s.histories = append(s.histories, annotations.NewHistory(set))
	var extra []storeRecord
	if active {
		s.active = len(s.histories) - 1
		extra = append(extra, storeRecord{Key: activeKey(s.articleID), Value: set.ID})
	}
	return s.storeWhole(set, extra...)
}

// removeActive drops the active set (an empty one an import replaces) and
// starts deleting it from storage.
func (s *articleSession) removeActive() func() error {
	id := s.set().ID
	s.histories = append(s.histories[:s.active], s.histories[s.active+1:]...)
	s.active = max(0, min(s.active, len(s.histories)-1))
	delete(s.syncs, id)
	return deleteSet(s.articleID, id)
}

// activate makes set i the active one and starts storing the choice.
func (s *articleSession) activate(i int) (func() error, bool) {
	if i < 0 || i >= len(s.histories) || i == s.active {
		return nil, false
	}
	s.active = i
	return storePut(map[string]string{activeKey(s.articleID): s.set().ID}), true
}

// recovered is edit with a panic turned into an error, so that History
// takes the step back and the page says what went wrong instead of the
// program ending.
func recovered(edit func(*annotations.Set) error) func(*annotations.Set) error {
	return func(set *annotations.Set) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("this change failed and changed nothing (%v)", r)
			}
		}()
		return edit(set)
	}
}
