package cli

import (
	"cmp"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	selForm = `section[aria-label="Details"] select[aria-label="Form"]`
	// noSpeakerValue is the value of the Speaker choice that names no one.
	noSpeakerValue = "none"
)

// shownFields is what the details panel shows of an annotation; Form and
// Checkworthy are nil when the panel has no such field (a form is a
// quote's, checkworthy a claim's). Speaker is the value of the Speaker
// choice: the speaker's id, or noSpeakerValue.
type shownFields struct {
	Type        string
	Form        *string
	Speaker     string
	Checkworthy *bool
	Note        string
}

func (f shownFields) String() string {
	form, check := "(none)", "(none)"
	if f.Form != nil {
		form = *f.Form
	}
	if f.Checkworthy != nil {
		check = fmt.Sprint(*f.Checkworthy)
	}
	return fmt.Sprintf("type=%s form=%s speaker=%q checkworthy=%s note=%q", f.Type, form, f.Speaker, check, f.Note)
}

// fieldsOf is what the details panel must show of a.
func fieldsOf(a annotations.Annotation) shownFields {
	f := shownFields{Type: string(a.Type), Speaker: cmp.Or(a.Speaker, noSpeakerValue), Note: a.Note}
	switch a.Type {
	case annotations.Quote:
		form := string(cmp.Or(a.Form, annotations.Direct))
		f.Form = &form
	case annotations.Claim:
		check := a.Checkworthy
		f.Checkworthy = &check
	}
	return f
}

// detailsFields reads the details panel: which annotation it is for
// (data-annotation-id) and what each of its fields shows.
func (p *page) detailsFields() (id string, f shownFields) {
	p.tb.Helper()
	var got struct {
		ID string
		shownFields
	}
	p.eval(`(() => {
  const d = document.querySelector('`+selDetails+`');
  const q = s => d && d.querySelector(s);
  const form = q('select[aria-label="Form"]'), check = q('input[type=checkbox][aria-label="Checkworthy"]');
  return {
    ID: d?.dataset.annotationId || '',
    Type: q('select[aria-label="Type"]')?.value ?? '',
    Form: form ? form.value : null,
    Speaker: q('select[aria-label="Speaker"]')?.value ?? '',
    Checkworthy: check ? check.checked : null,
    Note: q('textarea[aria-label="Note"]')?.value ?? '',
  };
})()`, &got)
	return got.ID, got.shownFields
}

// chooseOption picks the option of value in the select css as a person does
// with the mouse and keys: a click opens the list on the chosen option, the
// arrow keys move to the one wanted and Enter takes it.
func (p *page) chooseOption(css, value string) {
	p.tb.Helper()
	var at struct{ From, To int }
	p.eval(fmt.Sprintf(`(() => { const s = document.querySelector(%s); return {From: s.selectedIndex, To: Array.from(s.options).findIndex(o => o.value === %s)}; })()`,
		jsString(css), jsString(value)), &at)
	if at.To < 0 || at.From == at.To {
		p.fatalf("%s has no other option %q to choose (chosen: %d, wanted: %d)", css, value, at.From, at.To)
	}
	p.click(css)
	key := kb.ArrowDown
	if at.To < at.From {
		key = kb.ArrowUp
	}
	for range max(at.To-at.From, at.From-at.To) {
		p.press(key)
	}
	p.press(kb.Enter)
	p.waitFor(fmt.Sprintf("%q chosen in %s", value, css), fmt.Sprintf(`document.querySelector(%s)?.value === %s`, jsString(css), jsString(value)), waitTimeout)
}

// clickTopLeft clicks with the mouse just inside the top left corner of
// the first element css, scrolled to the top of the window.
func (p *page) clickTopLeft(css string) {
	p.tb.Helper()
	var at struct{ X, Y float64 }
	p.eval(fmt.Sprintf(`(() => {
  const e = document.querySelector(%s);
  e.scrollIntoView({block: 'start'});
  const r = e.getBoundingClientRect();
  return {X: r.left + 6, Y: r.top + 6};
})()`, jsString(css)), &at)
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y), chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		p.fatalf("clicking the top left of %s: %v", css, err)
	}
}

// appendNote clicks into the Note box, goes to the end of its text and
// types text.
func (p *page) appendNote(text string) {
	p.tb.Helper()
	p.click(selNote)
	p.press(kb.End, chromedp.ModifierCtrl)
	p.press(text)
}

// TestBrowserDetailsFollowSelection: the details panel shows the selected
// annotation's type, form, speaker, checkworthy and note whichever way the
// selection moves (a row of the list, a click on the highlight) and
// whatever was typed or chosen for the one selected before; every edit
// lands on the annotation it was made for, and on no other, after a reload
// too. It began as a claim's note that stayed in the box when a quote was
// clicked, and went onto the quote with the next keystroke.
func TestBrowserDetailsFollowSelection(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	set := annotations.NewSet(art, "details", time.Now())
	hosemann, err := set.AddSpeaker("Delbert Hosemann")
	if err != nil {
		t.Fatal(err)
	}
	kobach, err := set.AddSpeaker("Kris Kobach")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{} // short name → annotation id
	add := func(name string, typ annotations.Type, exact string, cut int, speaker string, change func(a *annotations.Annotation)) {
		t.Helper()
		s := findSpan(t, art, exact)
		if cut > 0 {
			s = spanAt(art, s.start, s.start+cut)
		}
		a, err := set.Add(art, typ, s.start, s.end)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Update(a.ID, change); err != nil {
			t.Fatal(err)
		}
		if speaker != "" {
			if err := set.Attribute(a.ID, speaker); err != nil {
				t.Fatal(err)
			}
		}
		ids[name] = a.ID
	}
	add("Q1", annotations.Quote, "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,", 0, hosemann.ID,
		func(a *annotations.Annotation) { a.Form, a.Note = annotations.Mixed, "From the statement." })
	add("M1", annotations.SpeakerMention, "Hosemann said in a statement on Friday", len("Hosemann"), "", func(a *annotations.Annotation) {})
	add("Q2", annotations.Quote, "Mississippi residents should celebrate Independence Day", 0, "", func(a *annotations.Annotation) {})
	add("C1", annotations.Claim, "All 50 secretaries of state received a request", 0, "",
		func(a *annotations.Annotation) { a.Checkworthy, a.Note = true, "Count the letters." })
	add("C2", annotations.Claim, "Kobach was fined $1,000 by a federal judge last week", 0, kobach.ID,
		func(a *annotations.Annotation) { a.Note = "Court record?" })
	if m, _ := set.Annotation(ids["M1"]); m.Speaker != hosemann.ID {
		t.Fatalf("the mention names speaker %q, want Delbert Hosemann (%s)", m.Speaker, hosemann.ID)
	}
	want := map[string]annotations.Annotation{} // id → what it must hold
	for _, a := range set.Annotations {
		want[a.ID] = a
	}
	names := map[string]string{}
	for name, id := range ids {
		names[id] = name
	}
	path, err := filepath.Abs(writeSet(t, t.TempDir(), "details.quotemark.json", set))
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.chooseFile(selImport, path)
	p.waitItems(len(set.Annotations))
	p.waitSaved("true")

	// checkShown checks that every field shows the annotation's value.
	checkShown := func(name, when string) {
		t.Helper()
		id, got := p.detailsFields()
		if id != ids[name] {
			p.fatalf("%s: the details panel is for %s (%s), want %s", when, names[id], id, name)
		}
		if w := fieldsOf(want[ids[name]]); got.String() != w.String() {
			p.fatalf("%s: the details panel of %s shows\n  %s\nwant\n  %s", when, name, got, w)
		}
	}
	// pick selects the annotation with a click on its list row or on its
	// highlight, and checks the panel at once: a keystroke may follow.
	pick := func(name string, onText bool) {
		t.Helper()
		a := want[ids[name]]
		row := fmt.Sprintf(`%s[data-annotation-id=%s]`, selItems, cssString(a.ID))
		how := "its list row"
		if onText {
			how = "its highlight"
			mid := spanAt(art, (a.Start+a.End)/2, (a.Start+a.End)/2+1)
			p.clickText(selText, mid.u16Start)
		} else {
			p.click(row)
		}
		p.waitFor(name+" selected", fmt.Sprintf(`document.querySelector('%s[aria-current="true"]') && document.querySelector('%s[data-annotation-id=%s]')`,
			row, selDetails, cssString(a.ID)), waitTimeout)
		checkShown(name, "after a click on "+how+" of "+name)
	}
	edit := func(name string, change func(a *annotations.Annotation)) {
		a := want[ids[name]]
		change(&a)
		want[a.ID] = a
	}

	pick("C1", false)
	p.appendNote(" Ask the states.")
	edit("C1", func(a *annotations.Annotation) { a.Note += " Ask the states." })

	pick("Q2", true) // the claim's note must not stay in the box
	p.appendNote("Q2 typed")
	edit("Q2", func(a *annotations.Annotation) { a.Note += "Q2 typed" })

	pick("C1", false)
	p.click(selCheckworthy)
	edit("C1", func(a *annotations.Annotation) { a.Checkworthy = false })
	p.waitFor("Checkworthy cleared", `!document.querySelector('`+selCheckworthy+`').checked`, waitTimeout)
	checkShown("C1", "after clearing Checkworthy")

	pick("Q1", true)
	p.chooseOption(selForm, string(annotations.Indirect))
	edit("Q1", func(a *annotations.Annotation) { a.Form = annotations.Indirect })
	p.appendNote(" Verbatim.")
	edit("Q1", func(a *annotations.Annotation) { a.Note += " Verbatim." })

	pick("Q2", false) // direct, where Q1's form was just chosen
	p.chooseOption(selSpeaker, kobach.ID)
	edit("Q2", func(a *annotations.Annotation) { a.Speaker = kobach.ID })
	p.waitFor("Q2's row naming Kris Kobach", fmt.Sprintf(`document.querySelector('%s[data-annotation-id=%s] .who')?.textContent.includes('Kris Kobach')`, selItems, cssString(ids["Q2"])), waitTimeout)

	pick("M1", true)
	p.appendNote("Mention typed")
	// Undo and Redo change the note in the box, empty or not.
	p.clickButton("Undo")
	p.waitFor("the typing undone", `document.querySelector('button[aria-keyshortcuts="Control+Shift+Z"]:not(:disabled)')`, waitTimeout)
	checkShown("M1", "after Undo")
	p.clickButton("Redo")
	edit("M1", func(a *annotations.Annotation) { a.Note += "Mention typed" })
	p.waitFor("the typing redone", `document.querySelector('button[aria-keyshortcuts="Control+Shift+Z"]:disabled')`, waitTimeout)
	checkShown("M1", "after Redo")

	pick("C2", false)
	p.chooseOption(selSpeaker, noSpeakerValue)
	edit("C2", func(a *annotations.Annotation) { a.Speaker = "" })
	p.waitFor("C2's row naming no one", fmt.Sprintf(`!document.querySelector('%s[data-annotation-id=%s] .who')`, selItems, cssString(ids["C2"])), waitTimeout)
	checkShown("C2", "after unattributing C2")
	p.chooseOption(selType, string(annotations.Quote))
	edit("C2", func(a *annotations.Annotation) { a.Type, a.Form = annotations.Quote, annotations.Direct })
	p.waitFor("a Form field for C2, now a quote", `document.querySelector('`+selForm+`')`, waitTimeout)
	checkShown("C2", "after making C2 a quote")
	p.appendNote(" Confirmed.")
	edit("C2", func(a *annotations.Annotation) { a.Note += " Confirmed." })

	// Around once more, each way, without editing.
	for _, step := range []struct {
		name   string
		onText bool
	}{{"C1", true}, {"Q1", false}, {"C2", true}, {"Q2", true}, {"M1", false}, {"C1", false}, {"Q2", false}} {
		pick(step.name, step.onText)
	}

	p.waitSaved("true")
	p.reload()
	p.waitArticleReady(seedArticle)
	p.waitItems(len(want))
	for _, id := range slices.Sorted(maps.Keys(want)) {
		pick(names[id], false)
	}

	got := p.export(seedArticle)
	if len(got.Annotations) != len(want) {
		t.Errorf("after a reload the set has %d annotations, want %d", len(got.Annotations), len(want))
	}
	for _, a := range got.Annotations {
		w, ok := want[a.ID]
		if !ok {
			t.Errorf("after a reload the set has an annotation %s that was not there: %+v", a.ID, a)
			continue
		}
		if a != w {
			t.Errorf("after a reload %s holds\n  %+v\nwant\n  %+v", names[a.ID], a, w)
		}
	}
	if g, w := speakerNames(got), speakerNames(set); !slices.Equal(g, w) {
		t.Errorf("after a reload the speakers are %q, want %q", g, w)
	}
}

// TestBrowserNamesShownSafely: a speaker name with a right-to-left
// override shows the override as its code, isolated, in the order it is
// stored, and a 10,000-character name wraps instead of widening the page,
// on the article page and on the corpus page.
func TestBrowserNamesShownSafely(t *testing.T) {
	const rlo = "Bob \u202Eevil\u202C"
	long := strings.Repeat("Wolfeschlegelsteinhausenberger", 334)[:10000]
	shownRLO, shownLong := annotations.ShownName(rlo), annotations.ShownName(long)
	if shownRLO != "Bob ⟨U+202E⟩evil⟨U+202C⟩" || shownLong != long {
		t.Fatalf("annotations.ShownName shows %q and a long name as %d characters", shownRLO, len(shownLong))
	}
	art := seedArticleText(t, seedArticle)
	set := annotations.NewSet(art, "names", time.Now())
	bob, err := set.AddSpeaker(rlo)
	if err != nil {
		t.Fatal(err)
	}
	wolfe, err := set.AddSpeaker(long)
	if err != nil {
		t.Fatal(err)
	}
	quote := func(exact, speaker string) annotations.Annotation {
		t.Helper()
		s := findSpan(t, art, exact)
		a, err := set.Add(art, annotations.Quote, s.start, s.end)
		if err != nil {
			t.Fatal(err)
		}
		if err := set.Attribute(a.ID, speaker); err != nil {
			t.Fatal(err)
		}
		a, _ = set.Annotation(a.ID)
		return a
	}
	bobQuote := quote("They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,", bob.ID)
	wolfeQuote := quote("Mississippi residents should celebrate Independence Day", wolfe.ID)
	path, err := filepath.Abs(writeSet(t, t.TempDir(), "names.quotemark.json", set))
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.chooseFile(selImport, path)
	p.waitItems(2)
	p.waitSaved("true")

	// noSideways checks that neither the page nor the article page's
	// sidebar scrolls sideways.
	noSideways := func(when string) {
		t.Helper()
		var w struct{ Page, View, Sidebar, SidebarView int }
		p.eval(`(() => {
  const s = document.querySelector('.sidebar');
  return {Page: document.scrollingElement.scrollWidth, View: innerWidth, Sidebar: s ? s.scrollWidth : 0, SidebarView: s ? s.clientWidth : 0};
})()`, &w)
		if w.Page > w.View || w.Sidebar > w.SidebarView {
			p.fatalf("%s: the page is %d px wide in a %d px window, the sidebar %d px in %d px", when, w.Page, w.View, w.Sidebar, w.SidebarView)
		}
	}
	// noHiddenCharacters checks that no text or field of the page holds
	// the override or its pop: each shows as its code.
	noHiddenCharacters := func(when string) {
		t.Helper()
		var raw []string
		p.eval(`(() => {
  const hidden = /[\u202A-\u202E\u2066-\u2069]/;
  const found = [];
  if (hidden.test(document.querySelector('main').textContent)) found.push('text');
  for (const e of document.querySelectorAll('main input, main textarea, main select')) if (hidden.test(e.value)) found.push(e.outerHTML.slice(0, 80));
  return found;
})()`, &raw)
		if len(raw) > 0 {
			p.fatalf("%s: the override shows unescaped in %q", when, raw)
		}
	}
	// inStoredOrder checks that the first element css shows Bob's name as
	// shown, isolated in a <bdi>, the letters of "evil" left to right as
	// stored.
	inStoredOrder := func(css, shown, when string) {
		t.Helper()
		var got struct {
			Text  string
			Bdi   bool
			Lefts []float64
		}
		p.eval(fmt.Sprintf(`(() => {
  const e = document.querySelector(%s);
  if (!e) return {Text: '', Bdi: false, Lefts: []};
  const node = e.firstChild, text = e.textContent, at = text.indexOf('evil');
  const lefts = [];
  for (let i = 0; at >= 0 && i < 4; i++) {
    const r = document.createRange();
    r.setStart(node, at + i); r.setEnd(node, at + i + 1);
    lefts.push(r.getBoundingClientRect().left);
  }
  return {Text: text, Bdi: e.closest('bdi') !== null, Lefts: lefts};
})()`, jsString(css)), &got)
		if got.Text != shown || !got.Bdi {
			p.fatalf("%s: %s shows %q (in a <bdi>: %v), want %q isolated", when, css, got.Text, got.Bdi, shown)
		}
		if len(got.Lefts) != 4 || !slices.IsSorted(got.Lefts) || got.Lefts[0] == got.Lefts[3] {
			p.fatalf("%s: the letters of \"evil\" in %s stand at x = %v, want left to right", when, css, got.Lefts)
		}
	}
	rowOf := func(a annotations.Annotation) string {
		return fmt.Sprintf(`%s[data-annotation-id=%s]`, selItems, cssString(a.ID))
	}

	noSideways("the article page")
	noHiddenCharacters("the article page")
	inStoredOrder(rowOf(bobQuote)+" .who bdi", shownRLO, "the annotation list")

	p.click(rowOf(bobQuote))
	p.waitFor("Bob's quote selected", fmt.Sprintf(`document.querySelector('%s[data-annotation-id=%s]')`, selDetails, cssString(bobQuote.ID)), waitTimeout)
	if got := p.selectedOptionText(selSpeaker); got != shownRLO {
		t.Errorf("the details panel names the speaker %q, want %q", got, shownRLO)
	}
	p.click(rowOf(wolfeQuote))
	p.waitFor("the long-named speaker's quote selected", fmt.Sprintf(`document.querySelector('%s[data-annotation-id=%s]')`, selDetails, cssString(wolfeQuote.ID)), waitTimeout)
	if got := p.selectedOptionText(selSpeaker); got != long {
		t.Errorf("the details panel names the speaker with %d characters, want the long name's %d", len(got), len(long))
	}
	noSideways("the long name's quote selected")
	noHiddenCharacters("the long name's quote selected")

	// The speakers panel: the name fields, and the merge form of each.
	speakerRow := func(id string) string {
		return fmt.Sprintf(`section[aria-label="Speakers"] li[data-speaker-id=%s]`, cssString(id))
	}
	if got := p.value(speakerRow(bob.ID) + " input"); got != shownRLO {
		t.Errorf("the speakers panel's field shows %q, want %q", got, shownRLO)
	}
	p.click(speakerRow(wolfe.ID) + " button.merge-open")
	p.waitFor("the long name's merge form", `document.querySelector('section[aria-label="Speakers"] .merge-form')`, waitTimeout)
	noSideways("the long name's merge form open")
	closeMerge := func() {
		t.Helper()
		p.clickButton("Cancel")
		p.waitFor("the merge form closed", `!document.querySelector('section[aria-label="Speakers"] .merge-form')`, waitTimeout)
	}
	closeMerge()
	p.click(speakerRow(bob.ID) + " button.merge-open")
	p.waitFor("Bob's merge form", fmt.Sprintf(`document.querySelector('section[aria-label="Speakers"] .merge-form[data-speaker-id=%s]')`, cssString(bob.ID)), waitTimeout)
	inStoredOrder(`section[aria-label="Speakers"] .merge-form span bdi`, shownRLO, "the merge form")
	noHiddenCharacters("Bob's merge form open")
	noSideways("Bob's merge form open")

	// A rename in the field keeps the characters whose codes are left.
	closeMerge()
	p.click(speakerRow(bob.ID) + " input")
	p.press(kb.End)
	p.press(" Jr\t")
	renamed := shownRLO + " Jr"
	p.waitSaved(fmt.Sprintf(`document.querySelector('%s .who bdi')?.textContent === %s`, rowOf(bobQuote), jsString(renamed)))
	if got := p.value(speakerRow(bob.ID) + " input"); got != renamed {
		t.Errorf("after the rename the speakers panel's field shows %q, want %q", got, renamed)
	}
	if got := p.export(seedArticle).SpeakerName(bob.ID); got != rlo+" Jr" {
		t.Errorf("after the rename the speaker's name is %q, want %q", got, rlo+" Jr")
	}

	p.goTo("/corpus")
	p.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)
	noSideways("the corpus page")
	noHiddenCharacters("the corpus page")
	corpusRow := func(shown string) string {
		var n int
		p.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('ul[aria-label="Corpus speakers"] > li')).findIndex(li => li.querySelector('summary strong').textContent === %s) + 1`, jsString(shown)), &n)
		if n == 0 {
			p.fatalf("the corpus page has no speaker shown as %q", clip(shown))
		}
		return fmt.Sprintf(`ul[aria-label="Corpus speakers"] > li:nth-child(%d)`, n)
	}
	inStoredOrder(corpusRow(renamed)+" summary strong bdi", renamed, "the corpus page")
	wolfeRow := corpusRow(long)
	p.clickTopLeft(wolfeRow + " summary") // its middle is thousands of pixels down
	p.waitFor("the long name's quotes", `document.querySelector('`+wolfeRow+` .quotes > li')`, waitTimeout)
	p.click(wolfeRow + " button.merge-open")
	p.waitFor("the long name's merge form", `document.querySelector('`+wolfeRow+` select.merge-into')`, waitTimeout)
	noSideways("the corpus page, the long name open and merging")
	noHiddenCharacters("the corpus page, merging")
}
