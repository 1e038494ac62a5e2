package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	"github.com/chromedp/chromedp/kb"
)

const (
	selLabelMap       = `#label-map`
	selLabelMapSelect = selLabelMap + ` select[aria-label="Import %s as"]`
)

// labelRow is one row of the label mapping dialog as shown.
type labelRow struct {
	Label, Count, Chosen string
}

func (p *page) labelRows() []labelRow {
	p.tb.Helper()
	var rows []labelRow
	p.eval(`Array.from(document.querySelectorAll('#label-map table.labels tbody tr')).map(r => ({
  Label: r.querySelector('th').textContent.trim(),
  Count: r.querySelector('td.count').textContent.trim(),
  Chosen: r.querySelector('select').value,
}))`, &rows)
	return rows
}

func (p *page) waitLabelMap(open bool) {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("the label mapping dialog open=%v", open), fmt.Sprintf(`!!document.querySelector('%s')?.open === %v`, selLabelMap, open), waitTimeout)
}

// TestBrowserImportMapsLabels: a brat file whose labels are its project's
// own (Source, Cue, Content) opens the label mapping dialog before anything
// is imported. It proposes Source → speaker and Content → quote, refuses to
// go on while Cue has no type, and imports what a person picks with the
// keyboard and the mouse: the set is the one the command line's -map gives.
// The next import starts from that answer; cancelling it (Esc) imports
// nothing.
func TestBrowserImportMapsLabels(t *testing.T) {
	raw, err := os.ReadFile(bratCorpusText)
	if err != nil {
		t.Fatal(err)
	}
	annPath, err := filepath.Abs(bratCorpusAnn)
	if err != nil {
		t.Fatal(err)
	}
	ann, err := os.ReadFile(annPath)
	if err != nil {
		t.Fatal(err)
	}
	txt := filepath.Join(t.TempDir(), "protest.txt")
	if err := os.WriteFile(txt, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPage(t, "")
	p.useAxe()
	id := p.openArticleFile(txt)
	art, err := annotations.NewArticle(id, raw)
	if err != nil {
		t.Fatal(err)
	}

	p.chooseFile(selImport, annPath)
	p.waitLabelMap(true)
	want := []labelRow{{"Source", "3", "speaker"}, {"Cue", "2", "?"}, {"Content", "3", "quote"}}
	if got := p.labelRows(); !slices.Equal(got, want) {
		t.Errorf("the dialog lists %+v, want %+v (the Attribution triggers are not spans)", got, want)
	}

	// The first picker has the focus.
	var focused string
	p.eval(`document.activeElement.getAttribute('aria-label')`, &focused)
	if focused != "Import Source as" {
		t.Errorf("the focus is on %q when the dialog opens, want the first label's picker", focused)
	}
	// Import with Cue unmapped: the dialog says so and nothing changes.
	p.clickButton("Import")
	p.waitFor("the dialog's message about Cue", `document.querySelector('#label-map [role=alert]')?.textContent.includes('Cue')`, waitTimeout)
	if n := p.listCount(); n != 0 {
		t.Errorf("%d annotations listed before the labels are mapped", n)
	}
	p.checkNoAxeViolations("the label mapping dialog")

	// A click on the label Cue focuses its picker; "l" for Leave out. The
	// relation and event names are listed, each read unless cleared: Tab
	// past Content's picker and Attribution's box to Says's (the R line that
	// attributes the banner's claim), Space clears it; Tab to the pronoun
	// box, Space ticks it.
	p.click(`#label-map label[for="label-map-1"]`)
	p.press("l")
	p.waitFor("Cue left out", fmt.Sprintf(`document.querySelector(%s).value === '-'`, jsString(fmt.Sprintf(selLabelMapSelect, "Cue"))), waitTimeout)
	var relations []string
	p.eval(`Array.from(document.querySelectorAll('#label-map table.relation-table tbody tr')).map(r => r.querySelector('th').textContent + ' ' + r.querySelector('td.count').textContent + ' ' + r.querySelector('input').checked)`, &relations)
	if want := []string{"Attribution 2 true", "Says 1 true"}; !slices.Equal(relations, want) {
		t.Errorf("the dialog lists the relations %q, want %q", relations, want)
	}
	p.press(kb.Tab)
	p.press(kb.Tab)
	p.press(kb.Tab)
	p.press(" ")
	p.waitFor("Says cleared", `!document.querySelector('#label-map input[aria-label="Read Says"]').checked && document.querySelector('#label-map input[aria-label="Read Attribution"]').checked`, waitTimeout)
	p.press(kb.Tab)
	p.press(" ")
	p.waitFor("the pronoun box ticked", `document.querySelector('#label-map .pronouns input').checked`, waitTimeout)
	// The dialog says the command line that imports the same.
	p.waitFor("the dialog's command line for these choices", `document.querySelector('#label-map .command-line code').textContent === "quotemark import -map 'Source=speaker,Cue=-,Content=quote' -map-relation 'says=-' -pronouns drop"`, waitTimeout)
	p.clickButton("Import")
	p.waitLabelMap(false)

	m, err := formats.ParseLabelMap("Source=speaker,Cue=-,Content=quote")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := formats.ImportWith("brat", ann, art, formats.ImportOptions{Labels: m, Relations: map[string]bool{"says": false}, DropPronouns: true})
	if err != nil {
		t.Fatal(err)
	}
	wantSet := imp.Sets[0]
	p.waitCount(len(wantSet.Annotations))
	var notice string
	p.eval(`document.querySelector('.notice')?.textContent || ''`, &notice)
	for _, s := range []string{"label Cue: 2 span(s), left out", "1 discontinuous span(s) split", "1 speaker mention(s) that are a pronoun: left out"} {
		if !strings.Contains(notice, s) {
			t.Errorf("the import's notice %q does not say %q", notice, s)
		}
	}

	got := p.export(id)
	if g, w := describeSet(got), describeSet(wantSet); !slices.Equal(g, w) {
		t.Errorf("the browser imported\n  %s\nwant what -map 'Source=speaker,Cue=-,Content=quote' -map-relation 'says=-' -pronouns drop gives\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
	}
	// Again, after a reload: the dialog starts from the last answer (Cue
	// left out); Esc imports nothing, and the active set stays.
	p.reload()
	p.waitArticleReady(id)
	before := p.activeSet()
	p.chooseFile(selImport, annPath)
	p.waitLabelMap(true)
	if got, want := p.labelRows(), []labelRow{{"Source", "3", "speaker"}, {"Cue", "2", "-"}, {"Content", "3", "quote"}}; !slices.Equal(got, want) {
		t.Errorf("the second dialog lists %+v, want the last answer %+v", got, want)
	}
	p.pressEscape()
	p.waitLabelMap(false)
	p.waitFor("the cancelled import's notice", `(document.querySelector('.notice')?.textContent || '').includes('Import cancelled')`, waitTimeout)
	if after := p.activeSet(); after.Value != before.Value || len(after.Options) != len(before.Options) {
		t.Errorf("after a cancelled import the sets are %+v, were %+v", after, before)
	}
	if n := p.listCount(); n != len(wantSet.Annotations) {
		t.Errorf("after a cancelled import %d annotations are listed, want %d", n, len(wantSet.Annotations))
	}
}
