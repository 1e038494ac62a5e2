package cli

// Browser tests of the library's hygiene (issue 11): deleting a set or an
// article into the Trash and getting it back, renaming a set, telling sets
// apart in the picker, refusing files that are not article texts, and a
// second tab that does not bring a deleted set back.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const (
	selConfirmDelete = `[role=alertdialog][aria-label="Confirm deletion"]`
	selConfirmYes    = selConfirmDelete + ` button.confirm-delete-yes`
	selUndoDelete    = `.undo-delete button.undo-delete-button`
	selSetName       = `input[aria-label="Set name"]`
	selTrash         = `section[aria-label="Trash"]`
)

// stored is what the page's IndexedDB holds, key by key (see idbSnapshot).
func (p *page) stored() map[string]string {
	p.tb.Helper()
	var dbs map[string][][2]any
	if err := json.Unmarshal([]byte(p.idbSnapshot()), &dbs); err != nil {
		p.fatalf("reading the IndexedDB snapshot: %v", err)
	}
	out := map[string]string{}
	for _, pair := range dbs["quotemark/kv"] {
		k, _ := pair[0].(string)
		v, _ := pair[1].(string)
		out[k] = v
	}
	return out
}

// storedUnder lists the stored keys starting with prefix, sorted.
func storedUnder(recs map[string]string, prefix string) []string {
	var keys []string
	for k := range recs {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// confirmText waits for the deletion's confirmation and returns its text.
func (p *page) confirmText() string {
	p.tb.Helper()
	p.waitFor("the confirmation of the deletion", `document.querySelector('`+selConfirmYes+`')`, waitTimeout)
	var q string
	p.eval(`document.querySelector('`+selConfirmDelete+` .confirm-delete-question').textContent`, &q)
	return q
}

// setOptionTexts are the labels of the Active set picker, in order.
func (p *page) setOptionTexts() []string {
	p.tb.Helper()
	var out []string
	p.eval(`Array.from(document.querySelector('`+selActiveSet+`')?.options || [], o => o.textContent.trim())`, &out)
	return out
}

// TestBrowserDeleteSetUndoAndRestore: the active set is deleted from the
// article page after a confirmation that says what goes; it leaves the
// picker and IndexedDB for the Trash; Undo in the notice brings it back
// with every annotation; deleted again, it stays in the Trash across a
// reload and Restore on the library page brings it back once more.
func TestBrowserDeleteSetUndoAndRestore(t *testing.T) {
	gold := readGold(t)
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved("")
	if a := p.activeSet(); a.Value != gold.ID {
		t.Fatalf("the imported set is not active: %+v", a)
	}
	setKeys := "rec/" + seedArticle + "/" + gold.ID + "/"
	if n := len(storedUnder(p.stored(), setKeys)); n < len(gold.Annotations) {
		t.Fatalf("the imported set has %d records stored", n)
	}

	deleteActive := func() {
		p.clickButton("Delete set…")
		q := p.confirmText()
		want := fmt.Sprintf("Delete the set “%s” (%d annotations) of “%s”?", gold.Annotator, len(gold.Annotations), art.Title)
		if !strings.HasPrefix(q, want) {
			t.Fatalf("the confirmation says %q, want it to start %q", q, want)
		}
		p.click(selConfirmYes)
		p.waitFor("the set gone from the picker", fmt.Sprintf(`!Array.from(document.querySelector('%s').options).some(o => o.value === %s)`, selActiveSet, jsString(gold.ID)), waitTimeout)
		p.waitFor("the Undo notice", `document.querySelector('`+selUndoDelete+`')`, waitTimeout)
		recs := p.stored()
		if left := storedUnder(recs, setKeys); len(left) > 0 {
			t.Fatalf("after the deletion IndexedDB still holds %d records of the set: %q", len(left), left[:min(3, len(left))])
		}
		if trash := storedUnder(recs, "trash/"); len(trash) != 1 {
			t.Fatalf("the trash holds %q, want one item", trash)
		}
	}
	deleteActive()
	p.waitItems(0)

	p.click(selUndoDelete)
	p.waitFor("the set back and active", fmt.Sprintf(`document.querySelector('%s').value === %s`, selActiveSet, jsString(gold.ID)), waitTimeout)
	p.waitItems(len(gold.Annotations))
	recs := p.stored()
	if trash := storedUnder(recs, "trash/"); len(trash) != 0 {
		t.Errorf("after Undo the trash still holds %q", trash)
	}
	if n := len(storedUnder(recs, setKeys+"a/")); n != len(gold.Annotations) {
		t.Errorf("after Undo %d annotations are stored, want %d", n, len(gold.Annotations))
	}
	checkSameSet(t, p.export(seedArticle), gold)

	// Deleted again, it waits in the Trash through a reload.
	deleteActive()
	p.openLibrary()
	p.reload()
	p.waitLibraryReady()
	restore := selTrash + ` li button.restore`
	p.waitFor("the set in the Trash", `document.querySelector('`+restore+`')`, waitTimeout)
	var item string
	p.eval(`document.querySelector('`+selTrash+` li').textContent`, &item)
	if want := fmt.Sprintf("the set “%s” (%d annotations) of “%s” — deleted ", gold.Annotator, len(gold.Annotations), art.Title); !strings.Contains(item, want) {
		t.Errorf("the Trash lists %q, want %q", item, want)
	}
	p.click(restore)
	p.waitFor("the Trash empty", `!document.querySelector('`+restore+`')`, waitTimeout)
	p.openArticle(seedArticle)
	p.selectOption(selActiveSet, gold.ID)
	p.waitItems(len(gold.Annotations))
	if n := len(storedUnder(p.stored(), setKeys+"a/")); n != len(gold.Annotations) {
		t.Errorf("after Restore %d annotations are stored, want %d", n, len(gold.Annotations))
	}
}

// TestBrowserDeleteArticleAndRestore: a seed article with a set is deleted
// from the library after a confirmation naming its sets and annotations;
// it leaves the library (across a reload) and its sets leave IndexedDB;
// Restore in the Trash brings it back with every annotation.
func TestBrowserDeleteArticleAndRestore(t *testing.T) {
	gold := readGold(t)
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved("")
	p.openLibrary()
	before := p.libraryIDs()
	if !slices.Contains(before, seedArticle) {
		t.Fatalf("the library lists %q", before)
	}
	p.clickButton("Delete " + art.Title)
	q := p.confirmText()
	if want := fmt.Sprintf("Delete “%s” and its 1 annotation set (%d annotations)?", art.Title, len(gold.Annotations)); !strings.HasPrefix(q, want) {
		t.Fatalf("the confirmation says %q, want it to start %q", q, want)
	}
	p.click(selConfirmYes)
	p.waitFor("the article gone from the library", fmt.Sprintf(`!document.querySelector('%s li[data-article-id=%s]')`, selArticlesReady, cssString(seedArticle)), waitTimeout)
	p.waitFor("the Undo notice", `document.querySelector('`+selUndoDelete+`')`, waitTimeout)
	recs := p.stored()
	if left := storedUnder(recs, "rec/"+seedArticle+"/"); len(left) > 0 {
		t.Errorf("IndexedDB still holds %d records of the article's sets", len(left))
	}
	if _, ok := recs["hidden/"+seedArticle]; !ok {
		t.Errorf("the seed article is not hidden: %q", storedUnder(recs, "hidden/"))
	}

	p.reload()
	p.waitLibraryReady()
	if got := p.libraryIDs(); slices.Contains(got, seedArticle) {
		t.Fatalf("after a reload the library lists the deleted article again: %q", got)
	}
	restore := selTrash + ` li button.restore`
	p.waitFor("the article in the Trash", `document.querySelector('`+restore+`')`, waitTimeout)
	p.click(restore)
	p.waitFor("the article back with its count", fmt.Sprintf(`document.querySelector('%s li[data-article-id=%s] [data-count="%d"]')`, selArticlesReady, cssString(seedArticle), len(gold.Annotations)), waitTimeout)
	if got := p.libraryIDs(); !slices.Equal(got, before) {
		t.Errorf("after Restore the library lists %q, want %q", got, before)
	}
	p.openArticle(seedArticle)
	p.waitItems(len(gold.Annotations))
	checkSameSet(t, p.export(seedArticle), gold)

	// Deleted again and then for good from the Trash, its sets are gone and
	// the seed article, which comes with the app, is back without them.
	p.openLibrary()
	p.clickButton("Delete " + art.Title)
	p.confirmText()
	p.click(selConfirmYes)
	p.waitFor("the article gone from the library", fmt.Sprintf(`!document.querySelector('%s li[data-article-id=%s]')`, selArticlesReady, cssString(seedArticle)), waitTimeout)
	p.click(selTrash + ` li button.purge`)
	if q := p.confirmText(); !strings.Contains(q, "for good? This cannot be undone.") || !strings.Contains(q, "returns to the library without these sets") {
		t.Errorf("the confirmation of Delete for good says %q", q)
	}
	p.click(selConfirmYes)
	p.waitFor("the Trash empty", `!document.querySelector('`+restore+`')`, waitTimeout)
	p.waitFor("the seed article back, without sets", fmt.Sprintf(`document.querySelector('%s li[data-article-id=%s] [data-count="0"]')`, selArticlesReady, cssString(seedArticle)), waitTimeout)
	recs = p.stored()
	for _, prefix := range []string{"rec/" + seedArticle + "/", "trash/", "hidden/"} {
		if left := storedUnder(recs, prefix); len(left) > 0 {
			t.Errorf("after Delete for good IndexedDB holds %d keys under %s", len(left), prefix)
		}
	}
}

// TestBrowserRenameSetAndTellSetsApart: a set renamed in the Set name field
// keeps its name in the picker and the export after a reload; two sets of
// one annotator with one annotation each are told apart by the picker,
// which shows annotator, date modified and count.
func TestBrowserRenameSetAndTellSetsApart(t *testing.T) {
	art := seedArticleText(t, seedArticle2)
	p := newPage(t, "")
	p.openArticle(seedArticle2)
	words := distinctWords(t, art, 2)
	rename := func(name string) {
		p.click(selSetName)
		p.press("a", chromedp.ModifierCtrl)
		p.press(name + "\r")
		p.waitFor("the picker to show the name", fmt.Sprintf(`document.querySelector('%s').selectedOptions[0].textContent.startsWith(%s)`, selActiveSet, jsString(name+" — ")), waitTimeout)
		p.waitSaved("")
	}
	p.tag(words[0], "c")
	p.waitItems(1)
	rename("Ana")
	first := p.activeSet().Value

	p.clickButton("New set")
	p.waitItems(0)
	p.tag(words[1], "c")
	p.waitItems(1)
	rename("Ana")

	label := regexp.MustCompile(`^Ana — \d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d — 1 annotation( — set [0-9a-f]{8})?$`)
	check := func(when string) {
		opts := p.setOptionTexts()
		if len(opts) != 2 || opts[0] == opts[1] {
			t.Fatalf("%s: the picker shows %q: two sets that cannot be told apart", when, opts)
		}
		for _, o := range opts {
			if !label.MatchString(o) {
				t.Errorf("%s: picker line %q is not annotator — date modified — count", when, o)
			}
		}
	}
	check("after the renames")
	p.reload()
	p.waitArticleReady(seedArticle2)
	check("after a reload")
	p.selectOption(selActiveSet, first)
	p.waitItems(1)
	if got := p.value(selSetName); got != "Ana" {
		t.Errorf("the Set name field shows %q for the first set", got)
	}
	if s := p.export(seedArticle2); s.Annotator != "Ana" || s.ID != first {
		t.Errorf("the export's annotator is %q (set %s), want Ana (set %s)", s.Annotator, s.ID, first)
	}
}

// TestBrowserLibraryRefusesAnnotationFiles: an annotation set (.json), a
// corpus archive (.zip) and a binary document opened as an article are
// refused with a message that names the file and points to Import; nothing
// is added.
func TestBrowserLibraryRefusesAnnotationFiles(t *testing.T) {
	goldData, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"gold.quotemark.json", goldData},
		{"export.txt", goldData}, // JSON under a text name
		{"corpus.zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")},
		{"report.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")},
	}
	p := newPage(t, "")
	p.openLibrary()
	articles := p.libraryIDs()
	storedBefore := storedUnder(p.stored(), "article/")
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		p.chooseFile(selOpenArticle, path)
		msg := p.waitAlert(c.name)
		if !strings.Contains(msg, "not an article text") || !strings.Contains(msg, "Import") {
			t.Errorf("%s: the alert %q does not say it is not an article and to use Import", c.name, msg)
		}
		if got := p.path(); got != "/" {
			t.Errorf("%s: the page went to %s", c.name, got)
		}
		if got := p.libraryIDs(); !slices.Equal(got, articles) {
			t.Errorf("%s: the library changed from %q to %q", c.name, articles, got)
		}
		if got := storedUnder(p.stored(), "article/"); !slices.Equal(got, storedBefore) {
			t.Errorf("%s: the stored articles changed from %q to %q", c.name, storedBefore, got)
		}
	}
}

// TestBrowserDeletedSetStaysDeletedInOtherTab: tab A deletes a set that tab
// B has open; B, which tags before it hears of the deletion, is told the
// set was deleted, and its writes never bring the set back into storage.
func TestBrowserDeletedSetStaysDeletedInOtherTab(t *testing.T) {
	art := seedArticleText(t, seedArticle2)
	words := distinctWords(t, art, 3)
	pa := newPage(t, "")
	pb := pa.newTab()
	pa.openArticle(seedArticle2)
	pb.openArticle(seedArticle2)
	pa.front()
	pa.tag(words[0], "c")
	pa.waitItems(1)
	pa.waitSaved("")
	setID := pa.activeSet().Value
	pb.waitItems(1) // B has the set and its annotation
	setKeys := "rec/" + seedArticle2 + "/" + setID + "/"

	var ok bool
	pb.eval(`(quotemark.holdStoreChanges(true), true)`, &ok) // B hears of the deletion only after it tagged
	pa.clickButton("Delete set…")
	if q := pa.confirmText(); !strings.Contains(q, "(1 annotation)") {
		t.Errorf("the confirmation says %q", q)
	}
	pa.click(selConfirmYes)
	pa.waitFor("the Undo notice", `document.querySelector('`+selUndoDelete+`')`, waitTimeout)
	if left := storedUnder(pa.stored(), setKeys); len(left) > 0 {
		t.Fatalf("the deletion left %q", left)
	}

	pb.front()
	pb.pressEscape()
	pb.tag(words[1], "c") // written on a stamp the deletion moved
	pb.waitAlert("was deleted in another tab")
	pb.eval(`(quotemark.holdStoreChanges(false), true)`, &ok)
	pb.waitSaved("")
	if left := storedUnder(pb.stored(), setKeys); len(left) > 0 {
		t.Fatalf("tab B wrote the deleted set back: %q", left)
	}
	if a := pb.activeSet(); slices.Contains(a.Options, setID) {
		t.Errorf("tab B still offers the deleted set: %+v", a)
	}

	// What B tags now goes to another set; the deleted one stays deleted
	// and in the Trash.
	pb.pressEscape()
	pb.tag(words[2], "c")
	pb.waitItems(1)
	pb.waitSaved("")
	recs := pb.stored()
	if left := storedUnder(recs, setKeys); len(left) > 0 {
		t.Fatalf("tagging in tab B brought the deleted set back: %q", left)
	}
	if trash := storedUnder(recs, "trash/"); len(trash) != 1 {
		t.Errorf("the trash holds %q", trash)
	}
	if other := pb.activeSet().Value; other == setID || len(storedUnder(recs, "rec/"+seedArticle2+"/"+other+"/a/")) != 1 {
		t.Errorf("tab B's new tag is not stored in a set of its own (active %s)", other)
	}
}

// TestBrowserDeleteSetFromLibrary: the library lists an article's sets by
// annotator, date modified and count; Delete set… there removes one set
// after a confirmation, and Undo brings it back.
func TestBrowserDeleteSetFromLibrary(t *testing.T) {
	art := seedArticleText(t, seedArticle2)
	p := newPage(t, "")
	p.openArticle(seedArticle2)
	p.tag(distinctWords(t, art, 1)[0], "c")
	p.waitItems(1)
	p.waitSaved("")
	setID := p.activeSet().Value
	setKeys := "rec/" + seedArticle2 + "/" + setID + "/"
	p.openLibrary()
	row := fmt.Sprintf(`%s li[data-article-id=%s] li[data-set-id=%s]`, selArticlesReady, cssString(seedArticle2), cssString(setID))
	p.waitFor("the set listed under its article", `document.querySelector('`+row+`')`, waitTimeout)
	var line string
	p.eval(`document.querySelector('`+row+` .set-line').textContent`, &line)
	if !regexp.MustCompile(`^no annotator — \d{1,2} [A-Z][a-z]{2} \d\d:\d\d:\d\d — 1 annotation$`).MatchString(line) {
		t.Errorf("the library lists the set as %q", line)
	}
	// Escape answers the confirmation with the keyboard: nothing goes.
	p.click(row + ` button.delete-set`)
	p.confirmText()
	p.waitFor("the focus on Cancel", `document.activeElement && document.activeElement.matches('.confirm-delete-no')`, waitTimeout)
	p.pressEscape()
	p.waitFor("the confirmation gone", `!document.querySelector('`+selConfirmDelete+`')`, waitTimeout)
	if n := len(storedUnder(p.stored(), setKeys+"a/")); n != 1 {
		t.Fatalf("after Escape %d annotations are stored, want 1", n)
	}

	p.click(row + ` button.delete-set`)
	if q, want := p.confirmText(), fmt.Sprintf("Delete the set with no annotator (1 annotation) of “%s”?", art.Title); !strings.HasPrefix(q, want) {
		t.Fatalf("the confirmation says %q, want it to start %q", q, want)
	}
	p.click(selConfirmYes)
	p.waitFor("the set gone from the library", `!document.querySelector('`+row+`')`, waitTimeout)
	if left := storedUnder(p.stored(), setKeys); len(left) > 0 {
		t.Fatalf("the deletion left %q", left)
	}
	p.waitFor("the article's count at 0", fmt.Sprintf(`document.querySelector('%s li[data-article-id=%s] [data-count="0"]')`, selArticlesReady, cssString(seedArticle2)), waitTimeout)
	p.click(selUndoDelete)
	p.waitFor("the set back in the library", `document.querySelector('`+row+`')`, waitTimeout)
	if n := len(storedUnder(p.stored(), setKeys+"a/")); n != 1 {
		t.Errorf("after Undo %d annotations are stored, want 1", n)
	}
}
