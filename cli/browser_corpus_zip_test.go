package cli

// Browser test of the library's Import corpus with a zip of a brat folder
// (issue 12): its labels mapped in the label mapping dialog, refused naming
// the file when a text is missing, the texts joining the library with every
// annotator's set.

import (
	"archive/zip"
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations/formats"
)

// bratAttributionFixture is the brat collection of cli/testdata.
var bratAttributionFixture = filepath.Join("cli", "testdata", "brat-attribution")

// bratZip zips files (path → content) in a top folder, as zipping a brat
// folder does, and writes the zip into the test's temporary folder.
func bratZip(t *testing.T, name string, files map[string]string) (path string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create("brat-attribution/" + p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[p])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// bratAttributionFiles reads the fixture's text, its .ann, and two
// proposals-only variants of the .ann: without the Cue spans (and the
// events' Cue arguments), which no proposal maps; and of those lines, only
// the senator's attribution, as a second annotator's.
func bratAttributionFiles(t *testing.T) (text, withCue, proposals, senatorOnly string) {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(bratAttributionFixture, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	text, withCue = read("protest.txt"), read("protest.ann")
	noCue := regexp.MustCompile(` Cue:T\d+`)
	var all, senator []string
	for _, line := range strings.Split(strings.TrimSpace(withCue), "\n") {
		if strings.Contains(line, "\tCue ") {
			continue
		}
		line = noCue.ReplaceAllString(line, "")
		all = append(all, line)
		if id := strings.Fields(line)[0]; id == "T1" || id == "T3" || id == "T4" || id == "E1" {
			senator = append(senator, line)
		}
	}
	if len(all) != strings.Count(withCue, "\n")-2 || len(senator) != 4 {
		t.Fatalf("the fixture changed: %d lines without Cue, %d of the senator's", len(all), len(senator))
	}
	return text, withCue, strings.Join(all, "\n") + "\n", strings.Join(senator, "\n") + "\n"
}

// storedCorpus is what the library keeps of articles and sets.
func (p *page) storedCorpus() map[string]string {
	p.tb.Helper()
	out := map[string]string{}
	for k, v := range p.stored() {
		if strings.HasPrefix(k, "article/") || strings.HasPrefix(k, "rec/") || strings.HasPrefix(k, "active/") {
			out[k] = v
		}
	}
	return out
}

// TestBrowserImportBratCorpusZip: Import corpus takes a zip of a brat
// folder. Its labels (Source, Cue, Content) are asked about in the label
// mapping dialog first, and a cancelled dialog imports nothing; a missing text is refused naming the file, and a zip that is
// no corpus is refused; each time the library stays as it was. A zip whose
// labels the proposals map (Source, Content, the Attribution triggers) adds
// its text to the library with both annotators' sets, attributed, which
// open on the article page and in the compare view and stay after a reload;
// the zip with Cue imported with Cue left out, its sets join the same
// article beside the first.
func TestBrowserImportBratCorpusZip(t *testing.T) {
	text, withCue, proposals, senatorOnly := bratAttributionFiles(t)
	conf, err := os.ReadFile(filepath.Join(bratAttributionFixture, "annotation.conf"))
	if err != nil {
		t.Fatal(err)
	}
	// annA's in a folder of its own with its copy of the text, annB's
	// beside the text at the top: the two layouts the default pattern reads.
	good := map[string]string{
		"annotation.conf":  string(conf),
		"annA/protest.ann": proposals,
		"annA/protest.txt": text,
		"protest.annB.ann": senatorOnly,
		"protest.txt":      text,
	}
	cueZip, _ := bratZip(t, "with-cue.zip", map[string]string{"annA/protest.ann": withCue, "annA/protest.txt": text, "protest.annB.ann": senatorOnly, "protest.txt": text})
	missing := maps.Clone(good)
	delete(missing, "protest.txt")
	missingZip, _ := bratZip(t, "missing-text.zip", missing)
	neitherZip, _ := bratZip(t, "notes.zip", map[string]string{"notes.txt": "not a corpus"})
	goodZip, goodData := bratZip(t, "protest-corpus.zip", good)

	// What the domain makes of the good zip: the browser must store that.
	src, err := formats.OpenCorpusZip(goodData)
	if err != nil {
		t.Fatal(err)
	}
	want, err := formats.ImportCorpus(src, "brat", nil, formats.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantCount := map[string]int{}
	for _, f := range want.Files {
		wantCount[f.Set.Annotator] = len(f.Set.Annotations)
	}
	if len(want.Articles) != 1 || want.Articles[0].ID != "protest" || wantCount["annA"] != 7 || wantCount["annB"] != 2 {
		t.Fatalf("the domain imports %d articles and sets %v; the test wants protest with annA's 7 and annB's 2", len(want.Articles), wantCount)
	}

	p := newPage(t, "")
	p.openLibrary()
	ids, stored := p.libraryIDs(), p.storedCorpus()
	unchanged := func(after string) {
		t.Helper()
		if got := p.libraryIDs(); !slices.Equal(got, ids) {
			t.Errorf("after %s the library lists %q, want %q as before", after, got, ids)
		}
		if got := p.storedCorpus(); !maps.Equal(got, stored) {
			t.Errorf("after %s the stored articles and sets changed: %q, want %q", after, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(stored)))
		}
	}

	// Labels that are not quotemark's own: the mapping dialog asks, with
	// the corpus's labels (the event triggers are no label), and Esc
	// imports nothing.
	p.chooseFile(selImportCorpus, cueZip)
	p.waitLabelMap(true)
	if got, want := p.labelRows(), []labelRow{{"Source", "4", "speaker"}, {"Cue", "2", "?"}, {"Content", "4", "quote"}}; !slices.Equal(got, want) {
		t.Errorf("the mapping dialog lists %+v, want %+v", got, want)
	}
	p.pressEscape()
	p.waitLabelMap(false)
	p.waitFor("the cancelled import's notice", `(document.querySelector('.messages > .notice')?.textContent || '').includes('Import cancelled')`, waitTimeout)
	unchanged("a zip whose mapping was cancelled")

	p.chooseFile(selImportCorpus, missingZip)
	p.waitAlert("missing-text.zip was not imported: brat-attribution/protest.annB.ann: its text brat-attribution/protest.txt is missing")
	unchanged("a zip missing a text")

	p.chooseFile(selImportCorpus, neitherZip)
	p.waitAlert("notes.zip was not imported: it is neither a quotemark corpus archive")
	unchanged("a zip that is no corpus")

	p.chooseFile(selImportCorpus, goodZip)
	p.waitLabelMap(true)
	if got, want := p.labelRows(), []labelRow{{"Source", "4", "speaker"}, {"Content", "4", "quote"}}; !slices.Equal(got, want) {
		t.Errorf("the mapping dialog lists %+v, want %+v", got, want)
	}
	p.clickButton("Import")
	p.waitLabelMap(false)
	p.waitFor("the imported article in the library", `document.querySelector('`+selArticles+` li[data-article-id="protest"]')`, waitTimeout)
	var notice string
	p.waitFor("the import's notice", `(document.querySelector('.messages > .notice')||{}).textContent?.includes('protest-corpus.zip')`, waitTimeout)
	p.eval(`document.querySelector('.messages > .notice').textContent`, &notice)
	for _, part := range []string{"1 text (1 new) and 2 sets", "annA 1 set, 7 annotations", "annB 1 set, 2 annotations", "Label Source: 4 span(s), imported as speaker", "label Content: 4 span(s), imported as quote", "relation Attribution: 3, read", "relation Says: 1, read"} {
		if !strings.Contains(notice, part) {
			t.Errorf("the notice lacks %q: %s", part, notice)
		}
	}
	if alerts := p.alertTexts(); len(alerts) > 0 {
		t.Errorf("alerts after the import: %q", alerts)
	}

	checkArticle := func(when string) {
		t.Helper()
		p.openArticle("protest")
		options := p.setOptionTexts()
		values := p.activeSet().Options
		if len(options) != 2 {
			t.Fatalf("%s: the article has sets %q, want annA's and annB's", when, options)
		}
		for annotator, n := range wantCount {
			i := slices.IndexFunc(options, func(o string) bool { return strings.HasPrefix(o, annotator+" ") })
			if i < 0 {
				t.Fatalf("%s: no set of %s among %q", when, annotator, options)
			}
			p.selectOption(selActiveSet, values[i])
			p.waitItems(n)
			// Each row reads as a sentence: "quote by NAME: “…”".
			var rows []string
			p.eval(`Array.from(document.querySelectorAll('`+selItems+`'), li => li.getAttribute('aria-label'))`, &rows)
			if !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, "quote by The senator") }) {
				t.Errorf("%s: %s's rows have no quote by The senator: %q", when, annotator, rows)
			}
			if annotator == "annA" && !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, "quote by Protesters") }) {
				t.Errorf("%s: annA's rows have no quote by Protesters (the R relation): %q", when, rows)
			}
		}
	}
	checkArticle("after the import")

	p.click(selCompareLink)
	p.waitFor("the compare view of both sets", `document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]').length === 2 && document.querySelectorAll('`+selDecisions+`').length > 0 && document.querySelector('#article-frame[data-ready="true"]') !== null`, bootTimeout)

	p.reload()
	p.openLibrary()
	if !slices.Contains(p.libraryIDs(), "protest") {
		t.Fatalf("after a reload the library lists %q, without protest", p.libraryIDs())
	}
	checkArticle("after a reload")

	// The zip with Cue, Cue left out in the dialog: its text is the
	// library's already, so its sets (the same as the first zip's) join
	// that article beside the first two, which stay as they were.
	p.openLibrary()
	before := p.storedCorpus()
	p.chooseFile(selImportCorpus, cueZip)
	p.waitLabelMap(true)
	p.click(`#label-map label[for="label-map-1"]`)
	p.press("l")
	p.clickButton("Import")
	p.waitLabelMap(false)
	p.waitFor("the second import's notice", `(document.querySelector('.messages > .notice')||{}).textContent?.includes('1 text (0 new) and 2 sets')`, waitTimeout)
	p.eval(`document.querySelector('.messages > .notice').textContent`, &notice)
	for _, part := range []string{"annA 1 set, 7 annotations", "annB 1 set, 2 annotations", "label Cue: 2 span(s), left out"} {
		if !strings.Contains(notice, part) {
			t.Errorf("the second import's notice lacks %q: %s", part, notice)
		}
	}
	after := p.storedCorpus()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("the second import changed %s", k)
		}
	}
	if got := p.libraryIDs(); len(got) != len(ids)+1 || !slices.Contains(got, "protest") {
		t.Errorf("after the second import the library lists %q, want the articles before and protest once", got)
	}
	p.openArticle("protest")
	if got := p.setOptionTexts(); len(got) != 4 {
		t.Errorf("after the second import the article has sets %q, want 4", got)
	}
}

// alertTexts are the page's non-empty alerts.
func (p *page) alertTexts() []string {
	p.tb.Helper()
	var texts []string
	p.eval(`Array.from(document.querySelectorAll('`+selAlert+`'), e => e.textContent.trim()).filter(t => t !== '')`, &texts)
	return texts
}
