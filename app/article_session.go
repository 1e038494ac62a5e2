package app

import (
	"errors"
	"time"

	"quotemark/annotations"
)

// articleSession is an article's sets as the article page edits them: the
// one place that applies a change through a set's history, starts storing
// what it changed and hands the Change back for the views to follow. It
// holds no view state.
type articleSession struct {
	articleID string
	art       *annotations.Article
	histories []*annotations.History
	active    int

	saveSeq   int
	saveState string // "saved", "saving" or "error"
	// resync is set when a write failed: what it held is in no record, so
	// the next write stores the active set whole, and only that write's
	// success clears it (resyncSeq).
	resync    bool
	resyncSeq int
}

// newArticleSession takes the sets openArticle read, the stored active one
// active; an article without sets gets an empty one for annotator.
func newArticleSession(opened *openedArticle, annotator string) *articleSession {
	s := &articleSession{articleID: opened.Article.ID, art: opened.Article, saveState: "saved"}
	for _, set := range opened.Sets {
		s.histories = append(s.histories, annotations.NewHistory(set))
		if set.ID == opened.ActiveID {
			s.active = len(s.histories) - 1
		}
	}
	if len(s.histories) == 0 {
		s.histories = append(s.histories, annotations.NewHistory(annotations.NewSet(opened.Article, annotator, time.Now())))
	}
	return s
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

// setWrite is a write to storage in flight: saved takes its seq when it
// ends.
type setWrite struct {
	seq  int
	wait func() error
}

// apply runs an edit on the active set through its history and starts
// storing what it changed. A refused edit changes nothing.
func (s *articleSession) apply(mergeKey string, edit func(*annotations.Set) error) (*annotations.Change, setWrite, error) {
	h := s.history()
	if h == nil {
		return nil, setWrite{}, errors.New("there is no set to change")
	}
	c, err := h.ApplyMerged(mergeKey, edit)
	if err != nil {
		return nil, setWrite{}, err
	}
	return c, s.store(c), nil
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
	return c, s.store(c), true
}

// store starts writing a change's records, or the whole set while an
// earlier write's records may be missing.
func (s *articleSession) store(c *annotations.Change) setWrite {
	seq := s.saving()
	if s.resync {
		s.resyncSeq = seq
		return setWrite{seq, saveSet(s.articleID, s.set(), false)}
	}
	return setWrite{seq, saveChange(s.articleID, s.set(), c)}
}

// add puts a set beside the others (a new or imported one) and starts
// storing it whole; active makes it the active set.
func (s *articleSession) add(set *annotations.Set, active bool) setWrite {
	s.histories = append(s.histories, annotations.NewHistory(set))
	if active {
		s.active = len(s.histories) - 1
	}
	return setWrite{s.saving(), saveSet(s.articleID, set, active)}
}

// removeActive drops the active set (an empty one an import replaces) and
// starts deleting it from storage.
func (s *articleSession) removeActive() func() error {
	id := s.set().ID
	s.histories = append(s.histories[:s.active], s.histories[s.active+1:]...)
	s.active = max(0, min(s.active, len(s.histories)-1))
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

// saving numbers a write about to start.
func (s *articleSession) saving() int {
	s.saveSeq++
	s.saveState = "saving"
	return s.saveSeq
}

// saved records how write seq ended. "Saved" shows only when the latest
// write succeeded and nothing failed since the last whole write.
func (s *articleSession) saved(seq int, err error) {
	if err != nil {
		s.saveState, s.resync = "error", true
		return
	}
	if s.resync && seq == s.resyncSeq {
		s.resync = false
	}
	if seq == s.saveSeq {
		s.saveState = "saved"
		if s.resync {
			s.saveState = "error"
		}
	}
}
