package cli

import (
	"strings"
	"testing"

	"quotemark/annotations"
)

// The fixtures below annotate the brat corpus's text (curly quotes and an
// emoji before every span, so that offsets counted in bytes or UTF-16 units
// land elsewhere) as each tool exports it, under labels of the project's
// own, with relations, and with the quote “We will win … and nobody will
// stop us” in pieces, its closing mark ” (119–120) a piece of its own in
// Label Studio and doccano.
const (
	lsSplitFile      = "cli/testdata/labelstudio-own-labels/protest-split-labelstudio.json"
	doccanoSplitFile = "cli/testdata/doccano-relations/protest-doccano.jsonl"
	prodigyFile      = "cli/testdata/prodigy-relations/protest-prodigy.jsonl"
)

// splitWant is what each fixture imports to: the quote in pieces is two
// quotes, both of the pronoun "he" whichever piece the file relates him to,
// and the closing mark alone is none.
var splitWant = []wantSpan{
	{annotations.SpeakerMention, 32, 43, "The senator", "The senator"},
	{annotations.Quote, 49, 68, "the vote was rigged", "The senator"},
	{annotations.Quote, 71, 82, "We will win", "he"},
	{annotations.SpeakerMention, 85, 87, "he", "he"},
	{annotations.Quote, 95, 118, "and nobody will stop us", "he"},
	{annotations.SpeakerMention, 121, 131, "Protesters", "Protesters"},
	{annotations.Quote, 150, 171, "the count was a fraud", "Protesters"},
}

func checkStderrLines(t *testing.T, stderr string, lines ...string) {
	t.Helper()
	for _, line := range lines {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr)
		}
	}
}

// TestCLIImportLabelStudioSplitRegion: a Label Studio export whose config
// (protest-split-label-config.xml) names SOURCE, CUE and CONTENT, whose
// relations run either way under names of their own, and whose region
// Jd8sQe is labelled in three pieces (one region id, three ranges), the
// relation from "he" naming the region: each piece with a word is a quote
// of his.
func TestCLIImportLabelStudioSplitRegion(t *testing.T) {
	s, stderr := importedSet(t, "import", "-map", "CUE=-", "-article", bratCorpusText, lsSplitFile)
	checkSpans(t, s, splitWant)
	checkStderrLines(t, stderr,
		"label SOURCE: 3 span(s), imported as speaker\n",
		"label CUE: 2 span(s), left out\n",
		"label CONTENT: 3 span(s), imported as quote\n",
		"1 discontinuous span(s) split into 2 annotation(s), a fragment each\n",
	)
	// Without -map the region labelled three times is refused, as before.
	code, _, stderr := runCLI("import", "-from", "labelstudio", "-article", bratCorpusText, lsSplitFile)
	if code != 2 || !strings.Contains(stderr, "no type for label(s) \"CUE\"") {
		t.Errorf("without -map: exit %d, stderr %s", code, stderr)
	}
}

// TestCLIImportDoccanoSplitRelations: a doccano relation-extraction export
// (entities and relations, offsets in UTF-16 units) whose quote in pieces
// is three CONTENT entities joined by "same_quote" relations, "he" related
// to the middle one only: every piece with a word is his.
func TestCLIImportDoccanoSplitRelations(t *testing.T) {
	s, stderr := importedSet(t, "import", "-map", "CUE=-,CONTENT=quote,SOURCE=speaker", "-article", bratCorpusText, doccanoSplitFile)
	checkSpans(t, s, splitWant)
	checkStderrLines(t, stderr,
		"label CONTENT: 5 span(s), imported as quote\n",
		"1 discontinuous span(s) split into 2 annotation(s), a fragment each\n",
		"(doccano)",
	)
	// -map-relation same_quote=- leaves the join out: the first piece is
	// then no one's, and the lone closing mark is a quote.
	s, _ = importedSet(t, "import", "-map", "CUE=-", "-map-relation", "same_quote=-", "-article", bratCorpusText, doccanoSplitFile)
	got := spansOf(s)
	if len(got) != 8 || got[2].exact != "We will win" || got[2].speaker != "" || got[5].exact != "”" {
		t.Errorf("with same_quote=-: %+v", got)
	}
}

// TestCLIImportProdigy: a Prodigy rel.manual file (tokens, spans with token
// offsets, relations with head and child, answers) whose labels are PER,
// CUE, QUOTE_DIRECT and QUOTE_INDIRECT: the rejected answer is left out,
// the accepted one imports with its forms, its relations attribute, and
// the quote's two pieces joined by CONTINUES are both of "he".
func TestCLIImportProdigy(t *testing.T) {
	s, stderr := importedSet(t, "import", "-map", "CUE=-", "-article", bratCorpusText, prodigyFile)
	checkSpans(t, s, splitWant)
	forms := map[string]annotations.Form{}
	for _, a := range s.Annotations {
		forms[a.Exact] = a.Form
	}
	if forms["the vote was rigged"] != annotations.Indirect || forms["We will win"] != annotations.Direct ||
		forms["and nobody will stop us"] != annotations.Direct || forms["the count was a fraud"] != annotations.Indirect {
		t.Errorf("forms %v", forms)
	}
	if s.Annotator != "protest-alice" {
		t.Errorf("annotator %q, want Prodigy's _annotator_id protest-alice", s.Annotator)
	}
	checkStderrLines(t, stderr,
		"label PER: 3 span(s), imported as speaker\n",
		"label QUOTE_DIRECT: 2 span(s), imported as quote:direct\n",
		"1 discontinuous span(s) split into 2 annotation(s), a fragment each\n",
		"(jsonl)",
	)
}
