package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
)

// The brat collection in testdata/brat-attribution is laid out as brat keeps
// one: protest.txt, protest.ann and annotation.conf. Its labels are an
// attribution corpus's own (Source, Cue, Content), its attributions are
// Attribution events with trigger T lines, T7 is in three fragments (the
// last only a closing quotation mark), T5 is the pronoun "he", and R1
// relates a Source to a Content under a name of its own. The text has
// curly quotes and an emoji before the spans, so offsets counted in bytes or
// UTF-16 units land elsewhere.
const (
	bratCorpusText = "cli/testdata/brat-attribution/protest.txt"
	bratCorpusAnn  = "cli/testdata/brat-attribution/protest.ann"
)

type wantSpan struct {
	typ     annotations.Type
	start   int
	end     int
	exact   string
	speaker string // the speaker's name, "" for none
}

// spansOf is the set's annotations as wantSpans, in the set's order.
func spansOf(s *annotations.Set) []wantSpan {
	names := map[string]string{}
	for _, sp := range s.Speakers {
		names[sp.ID] = sp.Name
	}
	var out []wantSpan
	for _, a := range s.Annotations {
		out = append(out, wantSpan{a.Type, a.Start, a.End, a.Exact, names[a.Speaker]})
	}
	return out
}

func checkSpans(t *testing.T, s *annotations.Set, want []wantSpan) {
	t.Helper()
	got := spansOf(s)
	if len(got) != len(want) {
		t.Fatalf("%d annotations, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("annotation %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestCLIImportBratMapped: with -map, the corpus's labels become quotes and
// mentions, Cue is left out, the triggers need no mapping and give no
// annotation, the events and the R relation attribute, and T7's fragments
// are two quotes of the pronoun's speaker (the closing mark is not one).
func TestCLIImportBratMapped(t *testing.T) {
	s, stderr := importedSet(t, "import", "-from", "brat", "-map", "Content=quote:indirect,Source=speaker,Cue=-", "-article", bratCorpusText, bratCorpusAnn)
	checkSpans(t, s, splitWant) // the same spans as Label Studio's, doccano's and Prodigy's
	for _, a := range s.Annotations {
		if a.Type == annotations.Quote && a.Form != annotations.Indirect {
			t.Errorf("quote %q has form %q, want indirect (-map Content=quote:indirect)", a.Exact, a.Form)
		}
	}
	checkStderrLines(t, stderr,
		"label Source: 3 span(s), imported as speaker\n",
		"label Cue: 2 span(s), left out\n",
		"label Content: 3 span(s), imported as quote:indirect\n",
		"relation Attribution: 2, read\n",
		"relation Says: 1, read\n",
		"1 discontinuous span(s) split into 2 annotation(s), a fragment each\n",
		"1 speaker mention(s) that are a pronoun: imported as speakers named after the pronoun\n",
	)
	if strings.Contains(stderr, "label Attribution") {
		t.Errorf("the event triggers' label is reported:\n%s", stderr)
	}
}

// TestCLIImportBratPronounsDrop: -pronouns drop leaves "he" out and the
// quote in fragments unattributed.
func TestCLIImportBratPronounsDrop(t *testing.T) {
	s, stderr := importedSet(t, "import", "-map", "Content=quote,Source=speaker,Cue=-", "-pronouns", "drop", "-article", bratCorpusText, bratCorpusAnn)
	checkSpans(t, s, []wantSpan{
		{annotations.SpeakerMention, 32, 43, "The senator", "The senator"},
		{annotations.Quote, 49, 68, "the vote was rigged", "The senator"},
		{annotations.Quote, 71, 82, "We will win", ""},
		{annotations.Quote, 95, 118, "and nobody will stop us", ""},
		{annotations.SpeakerMention, 121, 131, "Protesters", "Protesters"},
		{annotations.Quote, 150, 171, "the count was a fraud", "Protesters"},
	})
	if !strings.Contains(stderr, "1 speaker mention(s) that are a pronoun: left out, their quotes unattributed") {
		t.Errorf("stderr %s", stderr)
	}
}

// TestCLIImportMapRelationOff: -map-relation Says=- leaves R1 out, so the
// last quote has no speaker; the events still attribute.
func TestCLIImportMapRelationOff(t *testing.T) {
	s, _ := importedSet(t, "import", "-map", "Content=quote,Source=speaker,Cue=-", "-map-relation", "Says=-", "-article", bratCorpusText, bratCorpusAnn)
	got := spansOf(s)
	if last := got[len(got)-1]; last.exact != "the count was a fraud" || last.speaker != "" {
		t.Errorf("last annotation %+v, want the count unattributed", last)
	}
	if got[1].speaker != "The senator" {
		t.Errorf("the event no longer attributes: %+v", got[1])
	}
}

// TestCLIImportUnmappedLabels: without -map, Content and Source are
// proposed but Cue is not: the import stops, lists every label with its
// count and the -map that would import it, and writes nothing.
func TestCLIImportUnmappedLabels(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	code, stdout, stderr := runCLI("import", "-article", bratCorpusText, "-o", out, bratCorpusAnn)
	want := bratCorpusAnn + `: brat standoff (.ann + .txt): no type for label(s) "Cue"; the labels found:
  Source                    3  speaker
  Cue                       2  ?
  Content                   3  quote
import them with -map 'Source=speaker,Cue=?,Content=quote' (a ? replaced by quote, quote:indirect, speaker, claim or - to leave the label out)
`
	if code != 2 || stdout != "" || !strings.HasSuffix(stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant it to end:\n%s", code, stdout, stderr, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written: %v", out, err)
	}
}

// TestCLIImportMapFile: -map names a JSON file of label → target.
func TestCLIImportMapFile(t *testing.T) {
	m := writeTemp(t, t.TempDir(), "labels.json", `{"content": "quote", "SOURCE": "speaker", "Cue": "-"}`)
	code, stdout, stderr := runCLI("import", "-map", m, "-article", bratCorpusText, bratCorpusAnn)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	s, err := annotations.Read([]byte(stdout))
	if err != nil || len(s.Annotations) != 7 {
		t.Errorf("%v, %s", err, stdout)
	}
}

// TestCLIImportBadMap: a -map entry that is wrong is refused, named.
func TestCLIImportBadMap(t *testing.T) {
	dir := t.TempDir()
	badJSON := writeTemp(t, dir, "bad.json", `{"Content": "quot"}`)
	for _, tc := range []struct{ arg, stderr string }{
		{"Content=quot,Source=speaker", `-map: label map entry "Content=quot": target "quot" is not quote, quote:direct, quote:indirect, quote:mixed, speaker, claim or - (leave out)`},
		{"=quote", `-map: label map entry "=quote": the label is empty`},
		{"Content", `-map: label map entry "Content" is not LABEL=TARGET`},
		{"Source=speaker:direct", `label map entry "Source=speaker:direct": target "speaker:direct": only a quote takes a form`},
		{"Content=quote,content=claim", `label map entry "content=claim": label "content" is mapped twice`},
		{badJSON, `label map entry "Content": "quot": target "quot" is not quote`},
	} {
		code, stdout, stderr := runCLI("import", "-map", tc.arg, "-article", bratCorpusText, bratCorpusAnn)
		if code != 2 || stdout != "" || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("-map %q: exit %d, stderr %q; want 2 and %q", tc.arg, code, stderr, tc.stderr)
		}
	}
	code, _, stderr := runCLI("import", "-pronouns", "lose", "-article", bratCorpusText, bratCorpusAnn)
	if code != 2 || !strings.Contains(stderr, `-pronouns "lose" is not keep or drop`) {
		t.Errorf("-pronouns lose: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI("import", "-map-relation", "Says=quote", "-article", bratCorpusText, bratCorpusAnn)
	if code != 2 || !strings.Contains(stderr, `target "quote" is not attribution or -`) {
		t.Errorf("-map-relation Says=quote: exit %d, stderr %q", code, stderr)
	}
}

// TestCLIImportLabelStudioOwnLabels: a Label Studio export whose labels
// are the project's own (SPEAKER, QUOTE_DIRECT, QUOTE_INDIRECT, CUE) and
// whose relations run either way under names of their own (or none)
// imports with -map CUE=-: the others are proposed, the forms come from the
// labels, and each relation between a quote and a mention attributes.
func TestCLIImportLabelStudioOwnLabels(t *testing.T) {
	file := "cli/testdata/labelstudio-own-labels/protest-labelstudio.json"
	code, _, stderr := runCLI("import", "-article", bratCorpusText, file)
	if code != 2 || !strings.Contains(stderr, `no type for label(s) "CUE"`) ||
		!strings.Contains(stderr, "-map 'SPEAKER=speaker,QUOTE_INDIRECT=quote:indirect,CUE=?,QUOTE_DIRECT=quote:direct'") {
		t.Errorf("without -map: exit %d, stderr %s", code, stderr)
	}
	s, stderr := importedSet(t, "import", "-map", "CUE=-", "-article", bratCorpusText, file)
	checkSpans(t, s, []wantSpan{
		{annotations.SpeakerMention, 32, 43, "The senator", "The senator"},
		{annotations.Quote, 49, 68, "the vote was rigged", "The senator"},
		{annotations.Quote, 71, 82, "We will win", "he"},
		{annotations.SpeakerMention, 85, 87, "he", "he"},
		{annotations.SpeakerMention, 121, 131, "Protesters", "Protesters"},
		{annotations.Quote, 150, 171, "the count was a fraud", "Protesters"},
	})
	forms := map[string]annotations.Form{}
	for _, a := range s.Annotations {
		forms[a.Exact] = a.Form
	}
	if forms["the vote was rigged"] != annotations.Indirect || forms["We will win"] != annotations.Direct || forms["the count was a fraud"] != annotations.Indirect {
		t.Errorf("forms %v", forms)
	}
	if !strings.Contains(stderr, "label CUE: 1 span(s), left out") || !strings.Contains(stderr, "label QUOTE_DIRECT: 1 span(s), imported as quote:direct") {
		t.Errorf("stderr %s", stderr)
	}
}

// TestCLIImportLabelStudioPronounsDrop: -pronouns drop leaves the Label
// Studio region "he" out and its quote unattributed.
func TestCLIImportLabelStudioPronounsDrop(t *testing.T) {
	file := "cli/testdata/labelstudio-own-labels/protest-labelstudio.json"
	s, stderr := importedSet(t, "import", "-map", "CUE=-", "-pronouns", "drop", "-article", bratCorpusText, file)
	checkSpans(t, s, []wantSpan{
		{annotations.SpeakerMention, 32, 43, "The senator", "The senator"},
		{annotations.Quote, 49, 68, "the vote was rigged", "The senator"},
		{annotations.Quote, 71, 82, "We will win", ""},
		{annotations.SpeakerMention, 121, 131, "Protesters", "Protesters"},
		{annotations.Quote, 150, 171, "the count was a fraud", "Protesters"},
	})
	checkStderrLines(t, stderr, "1 speaker mention(s) that are a pronoun: left out")
}

// TestCLIImportAttributionConflict: a quote an event attributes to one
// mention and a relation to another keeps the first, and the report says
// one relation was left out.
func TestCLIImportAttributionConflict(t *testing.T) {
	ann := writeTemp(t, t.TempDir(), "conflict.ann", "T1\tSource 32 43\tThe senator\nT3\tContent 49 68\tthe vote was rigged\n"+
		"T4\tAttribution 44 48\tsaid\nT9\tSource 121 131\tProtesters\nE1\tAttribution:T4 Content:T3 Source:T1\nR1\tSays Arg1:T9 Arg2:T3\n")
	code, stdout, stderr := runCLI("import", "-from", "brat", "-article", bratCorpusText, ann)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	s, err := annotations.Read([]byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, s, []wantSpan{
		{annotations.SpeakerMention, 32, 43, "The senator", "The senator"},
		{annotations.Quote, 49, 68, "the vote was rigged", "The senator"},
		{annotations.SpeakerMention, 121, 131, "Protesters", "Protesters"},
	})
	if !strings.Contains(stderr, "1 relation(s) attribute a quote or claim attributed already to another mention: left out, the first attribution kept") {
		t.Errorf("stderr %s", stderr)
	}
}

// importedSet runs the command line with args, which must succeed, and
// returns the set it wrote on standard output and what it said on standard
// error.
func importedSet(t *testing.T, args ...string) (*annotations.Set, string) {
	t.Helper()
	code, stdout, stderr := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	s, err := annotations.Read([]byte(stdout))
	if err != nil {
		t.Fatalf("stdout is not a set: %v\n%s", err, stdout)
	}
	return s, stderr
}

// TestCLIImportTrimMarks: quotes another tool tagged with their quotation
// marks come out without them with -trim-marks, and the report counts them;
// an apostrophe at a quote's end stays; without the flag nothing moves.
func TestCLIImportTrimMarks(t *testing.T) {
	ann := filepath.Join(t.TempDir(), "marks.ann")
	lines := "T1\tContent 0 16\t“Votes matter 🗳”\n" +
		"T2\tContent 70 84\t“We will win,”\n" +
		"T3\tContent 94 120\t“and nobody will stop us.”\n" +
		"T4\tContent 173 197\taccording to Protesters'\n" +
		"T5\tContent 49 68\tthe vote was rigged\n"
	if err := os.WriteFile(ann, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	s, stderr := importedSet(t, "import", "-from", "brat", "-map", "Content=quote", "-trim-marks", "-article", bratCorpusText, ann)
	checkSpans(t, s, []wantSpan{
		{annotations.Quote, 1, 15, "Votes matter 🗳", ""},
		{annotations.Quote, 49, 68, "the vote was rigged", ""},
		{annotations.Quote, 71, 83, "We will win,", ""},
		{annotations.Quote, 95, 119, "and nobody will stop us.", ""},
		{annotations.Quote, 173, 197, "according to Protesters'", ""},
	})
	if want := "3 quote(s) adjusted: quotation marks taken off their ends"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	untrimmed, _ := importedSet(t, "import", "-from", "brat", "-map", "Content=quote", "-article", bratCorpusText, ann)
	for _, a := range untrimmed.Annotations {
		if a.Start == 1 || a.Start == 71 || a.Start == 95 {
			t.Errorf("without -trim-marks %q moved to %d–%d", a.Exact, a.Start, a.End)
		}
	}
}
