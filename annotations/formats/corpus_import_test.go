package formats

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"quotemark/annotations"
)

const corpusTestText = "The senator said the vote was rigged. Later the mayor said that nothing was wrong.\n"

// corpusTestSpan is a brat text-bound line for the first occurrence of phrase in
// corpusTestText.
func corpusTestSpan(t *testing.T, id, label, phrase string) string {
	t.Helper()
	at := strings.Index(corpusTestText, phrase)
	if at < 0 {
		t.Fatalf("%q is not in the text", phrase)
	}
	return fmt.Sprintf("%s\t%s %d %d\t%s\n", id, label, at, at+len(phrase), phrase)
}

// senatorAnn attributes the senator's quote with an Attribution event;
// cue adds a Cue span, which no proposal maps.
func senatorAnn(t *testing.T, quote string, cue bool) string {
	t.Helper()
	s := corpusTestSpan(t, "T1", "Source", "The senator") + corpusTestSpan(t, "T2", "Content", quote) + corpusTestSpan(t, "T3", "Attribution", "said")
	if cue {
		s += corpusTestSpan(t, "T4", "Cue", "said")
	}
	return s + "E1\tAttribution:T3 Source:T1 Content:T2\n"
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func importTestCorpus(t *testing.T, fsys fstest.MapFS, pattern string) (*CorpusImport, error) {
	t.Helper()
	re, err := CompileAnnotatorPattern(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return ImportCorpus(CorpusSource{Files: fsys, FilesName: "corpus"}, "brat", re, ImportOptions{})
}

// describeCorpus lists each file's set as "article annotator: type
// start-end by speaker, …".
func describeCorpus(imp *CorpusImport) []string {
	var out []string
	for _, f := range imp.Files {
		var spans []string
		for _, a := range f.Set.Annotations {
			line := fmt.Sprintf("%s %d-%d", a.Type, a.Start, a.End)
			if a.Type == annotations.Quote {
				line += " by " + f.Set.SpeakerName(a.Speaker)
			}
			spans = append(spans, line)
		}
		out = append(out, fmt.Sprintf("%s %s: %s", f.Article.ID, f.Set.Annotator, strings.Join(spans, ", ")))
	}
	return out
}

func TestImportCorpusTwoAnnotatorsOfOneText(t *testing.T) {
	fsys := fstest.MapFS{
		"annA/text01.ann": file(senatorAnn(t, "the vote was rigged", false)),
		"annA/text01.txt": file(corpusTestText),
		"annB/text01.ann": file(senatorAnn(t, "vote was rigged", false)),
		"annB/text01.txt": file(corpusTestText),
		"annotation.conf": file("[entities]\nSource\nContent\n"),
		".git/x.ann":      file("not a corpus file"),
		"annA/._text.ann": file("a Mac's resource fork"),
	}
	imp, err := importTestCorpus(t, fsys, DefaultAnnotatorPattern)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"text01 annA: speaker 0-11, quote 17-36 by The senator",
		"text01 annB: speaker 0-11, quote 21-36 by The senator",
	}
	if got := describeCorpus(imp); !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if len(imp.Articles) != 1 || imp.Articles[0].Text != corpusTestText || imp.Files[0].Article != imp.Articles[0] || imp.Files[1].Article != imp.Articles[0] {
		t.Errorf("the articles: %d, want the one text both sets are on", len(imp.Articles))
	}
	if imp.Files[1].Shown != "corpus/annB/text01.ann" {
		t.Errorf("shown as %q", imp.Files[1].Shown)
	}
	var labels []string
	for _, l := range imp.Labels {
		labels = append(labels, fmt.Sprintf("%s %d %s", l.Label, l.Count, l.Target))
	}
	if want := []string{"Source 2 speaker", "Content 2 quote"}; !slices.Equal(labels, want) {
		t.Errorf("labels %q, want %q", labels, want)
	}
	if sets := imp.Sets(); len(sets) != 2 || sets[0] != imp.Files[0].Set {
		t.Errorf("Sets: %v", sets)
	}
}

func TestImportCorpusTextInSubFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"batch/2016/text01.alice.ann": file(senatorAnn(t, "the vote was rigged", false)),
		"batch/2016/text01.txt":       file(corpusTestText),
		"top.ann":                     file(senatorAnn(t, "vote was rigged", false)),
		"top.txt":                     file(corpusTestText + "And more.\n"),
	}
	imp, err := importTestCorpus(t, fsys, DefaultAnnotatorPattern)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"text01 alice: speaker 0-11, quote 17-36 by The senator",
		"top : speaker 0-11, quote 21-36 by The senator",
	}
	if got := describeCorpus(imp); !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestImportCorpusRefusals(t *testing.T) {
	good := senatorAnn(t, "the vote was rigged", false)
	for _, tc := range []struct {
		desc string
		fsys fstest.MapFS
		want string
	}{
		{"a missing text", fstest.MapFS{"annA/t.ann": file(good), "annA/t.txt": file(corpusTestText), "annB/t.ann": file(good)},
			"corpus/annB/t.ann: its text corpus/annB/t.txt is missing"},
		{"texts of one name that differ", fstest.MapFS{"annA/t.ann": file(good), "annA/t.txt": file(corpusTestText), "annB/t.ann": file(good), "annB/t.txt": file(corpusTestText + "x\n")},
			"corpus/annB/t.ann: its text differs from the text of the other files of t"},
		{"two files of one text by one annotator", fstest.MapFS{"a/t.ann": file(good), "b/a/t.ann": file(good)},
			"corpus/a/t.ann and corpus/b/a/t.ann are both text t by annotator a"},
		{"a file that is not brat", fstest.MapFS{"t.ann": file("T1\tSource 0 999\tThe senator\n"), "t.txt": file(corpusTestText)},
			"corpus/t.ann: "},
		{"a text that is not UTF-8", fstest.MapFS{"t.ann": file(good), "t.txt": file("\xff\xfe")},
			"corpus/t.ann: its text corpus/t.txt: "},
		{"no .ann file", fstest.MapFS{"t.txt": file(corpusTestText)}, "corpus holds no .ann file"},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			imp, err := importTestCorpus(t, tc.fsys, DefaultAnnotatorPattern)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, %v; want an error saying %q", imp, err, tc.want)
			}
		})
	}
}

func TestImportCorpusTooLargeFileRefusedBeforeReading(t *testing.T) {
	big := &fstest.MapFile{Data: []byte(strings.Repeat("x", annotations.MaxImportBytes+1))}
	_, err := importTestCorpus(t, fstest.MapFS{"t.ann": big, "t.txt": file(corpusTestText)}, DefaultAnnotatorPattern)
	if err == nil || !strings.Contains(err.Error(), "corpus/t.ann: reading it: the file is") {
		t.Fatalf("got %v, want the file over the limit refused", err)
	}
}

// Labels no proposal maps, in any file, refuse the whole corpus with one
// table of every file's labels and the files that have them.
func TestImportCorpusRefusesUnmappedLabels(t *testing.T) {
	fsys := fstest.MapFS{
		"annA/t.ann": file(senatorAnn(t, "the vote was rigged", true)),
		"annA/t.txt": file(corpusTestText),
		"annB/t.ann": file(senatorAnn(t, "vote was rigged", false)),
		"annB/t.txt": file(corpusTestText),
		"annC/t.ann": file(senatorAnn(t, "was rigged", true)),
		"annC/t.txt": file(corpusTestText),
	}
	imp, err := importTestCorpus(t, fsys, DefaultAnnotatorPattern)
	var unmapped *UnmappedCorpusLabelsError
	if !errors.As(err, &unmapped) {
		t.Fatalf("got %v, %v; want an *UnmappedCorpusLabelsError", imp, err)
	}
	if want := []string{"corpus/annA/t.ann", "corpus/annC/t.ann"}; !slices.Equal(unmapped.Files, want) {
		t.Errorf("files %q, want %q", unmapped.Files, want)
	}
	var table []string
	for _, l := range unmapped.Labels {
		table = append(table, fmt.Sprintf("%s %d %v %s", l.Label, l.Count, l.Mapped, l.Target))
	}
	if want := []string{"Source 3 true speaker", "Content 3 true quote", "Cue 2 false "}; !slices.Equal(table, want) {
		t.Errorf("table %q, want %q", table, want)
	}
	if msg := err.Error(); !strings.Contains(msg, "labels without a type in corpus/annA/t.ann, corpus/annC/t.ann") || !strings.Contains(msg, "-map 'Source=speaker,Content=quote,Cue=?'") {
		t.Errorf("the message: %s", msg)
	}
	// With a mapping, the same corpus imports.
	re := regexp.MustCompile(DefaultAnnotatorPattern)
	imp, err = ImportCorpus(CorpusSource{Files: fsys}, "brat", re, ImportOptions{Labels: LabelMap{"cue": {Omit: true}}})
	if err != nil || len(imp.Files) != 3 {
		t.Fatalf("with Cue=-: %v, %v", imp, err)
	}
}

func TestImportCorpusAnnotatorPattern(t *testing.T) {
	fsys := fstest.MapFS{
		"ana--text01.ann": file(senatorAnn(t, "the vote was rigged", false)),
		"ben--text01.ann": file(senatorAnn(t, "vote was rigged", false)),
		"text01.txt":      file(corpusTestText),
	}
	const pattern = `^(?P<annotator>[^/-]+)--(?P<text>[^/]+)\.ann$`
	imp, err := importTestCorpus(t, fsys, pattern)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"text01 ana: speaker 0-11, quote 17-36 by The senator",
		"text01 ben: speaker 0-11, quote 21-36 by The senator",
	}
	if got := describeCorpus(imp); !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// The default reads "ana--text01" as a text of its own, whose text is
	// missing.
	if _, err := importTestCorpus(t, fsys, DefaultAnnotatorPattern); err == nil || !strings.Contains(err.Error(), "corpus/ana--text01.ann: its text corpus/ana--text01.txt is missing") {
		t.Errorf("with the default pattern: %v", err)
	}
	fsys["notes/x.ann"] = file(senatorAnn(t, "was rigged", false))
	if _, err := importTestCorpus(t, fsys, pattern); err == nil || !strings.Contains(err.Error(), "corpus/notes/x.ann: the annotator pattern does not match its path") {
		t.Errorf("a path the pattern does not match: %v", err)
	}
}

// Texts may be in a folder of their own, as -articles gives them.
func TestImportCorpusTextsApart(t *testing.T) {
	files := fstest.MapFS{"annA/t.ann": file(senatorAnn(t, "the vote was rigged", false))}
	texts := fstest.MapFS{"t.txt": file(corpusTestText)}
	re := regexp.MustCompile(DefaultAnnotatorPattern)
	imp, err := ImportCorpus(CorpusSource{Files: files, FilesName: "ann", Texts: texts, TextsName: "texts"}, "brat", re, ImportOptions{})
	if err != nil || len(imp.Files) != 1 || imp.Files[0].Set.Annotator != "annA" {
		t.Fatalf("%v, %v", imp, err)
	}
	_, err = ImportCorpus(CorpusSource{Files: files, FilesName: "ann", Texts: fstest.MapFS{}, TextsName: "texts"}, "brat", re, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "ann/annA/t.ann: its text texts/t.txt is missing") {
		t.Fatalf("a missing text: %v", err)
	}
}
