package app

import (
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

func TestDeletedStamp(t *testing.T) {
	st := deletedStamp("4 tab.7")
	if stampCount(st) != 5 || !isDeletedStamp(st) {
		t.Errorf("deletedStamp(4 …) = %q: count %d, deleted %v", st, stampCount(st), isDeletedStamp(st))
	}
	if stampCount(deletedStamp("")) != 1 {
		t.Errorf("a set never stored: %q", deletedStamp(""))
	}
	for _, live := range []string{"", "3 abc.1", "3 deletedness"} {
		if isDeletedStamp(live) {
			t.Errorf("%q reads as deleted", live)
		}
	}
}

// A tab that reads back a set another tab deleted drops it, says so (and
// that its own unsaved changes to it are lost), writes nothing, and never
// makes a set of that id again.
func TestReadBackOfDeletedSetDropsIt(t *testing.T) {
	art, err := annotations.NewArticle(fixture.GoldArticleID, fixture.Read(t, fixture.GoldArticleFile))
	fixture.Must(t, err)
	sess := newArticleSession(&openedArticle{Article: art}, "Ana", "one browser", nil)
	implicit := sess.set()
	if implicit.ID != implicitSetID(art.ID, "one browser") {
		t.Fatalf("the first set is %s, not the browser's implicit set", implicit.ID)
	}
	other := annotations.NewSet(art, "Bob", time.Now())
	sess.histories = append(sess.histories, annotations.NewHistory(other))
	sess.syncOf(implicit.ID).jobs = []*writeJob{{keys: []string{"a/x"}}} // a change not stored yet

	if !sess.beginRead(implicit.ID) {
		t.Fatal("the read back did not start")
	}
	res := sess.merged(implicit.ID, nil, deletedStamp("2 tab.1"), nil)
	if !res.changed || res.write != nil {
		t.Fatalf("merged: changed %v, write %+v: the deleted set must go and nothing be written", res.changed, res.write)
	}
	if h, _ := sess.historyOf(implicit.ID); h != nil || sess.set().ID != other.ID {
		t.Errorf("the deleted set is still there (active %s)", sess.set().ID)
	}
	note := sess.takeDeletedNote()
	if !strings.Contains(note, "was deleted in another tab") || !strings.Contains(note, "not saved") {
		t.Errorf("the note says %q", note)
	}
	if sess.takeDeletedNote() != "" {
		t.Error("the note is said twice")
	}
	if sess.saveState() != "saved" {
		t.Errorf("save state %q after the deleted set's writes were dropped", sess.saveState())
	}

	// With no set left, the page's empty set takes a new id.
	_, i := sess.historyOf(other.ID)
	sess.drop(i)
	if got := sess.set().ID; got == implicit.ID || got == other.ID {
		t.Errorf("the empty set made after the deletion took the deleted id %s", got)
	}

	// A tab opened later, whose stamps say the implicit set was deleted,
	// does not make it again either.
	later := newArticleSession(&openedArticle{Article: art}, "Ana", "one browser", map[string]string{implicit.ID: deletedStamp("2 tab.1")})
	if later.set().ID == implicit.ID {
		t.Error("a tab opened after the deletion makes the deleted set again")
	}
}
