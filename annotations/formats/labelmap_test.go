package formats

import (
	"strings"
	"testing"

	"quotemark/annotations"
)

func TestParseLabelMap(t *testing.T) {
	m, err := ParseLabelMap(" Content=quote:Indirect, Source=speaker,CUE=-,Fact=claim")
	if err != nil {
		t.Fatal(err)
	}
	want := LabelMap{
		"content": {Type: annotations.Quote, Form: annotations.Indirect},
		"source":  {Type: annotations.SpeakerMention},
		"cue":     {Omit: true},
		"fact":    {Type: annotations.Claim},
	}
	if len(m) != len(want) {
		t.Fatalf("%v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s: %+v, want %+v", k, m[k], v)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{"Content=quot", `label map entry "Content=quot": target "quot" is not quote`},
		{"=quote", `label map entry "=quote": the label is empty`},
		{"Content", `label map entry "Content" is not LABEL=TARGET`},
		{"Content=quote:loud", `target "quote:loud": only a quote takes a form`},
		{"A=quote,a=claim", `label "a" is mapped twice`},
		{",", `has no entry`},
	} {
		if _, err := ParseLabelMap(tc.in); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestParseLabelMapJSON(t *testing.T) {
	m, err := ParseLabelMapJSON([]byte(`{"QUOTE_DIRECT": "quote:direct", "SPEAKER": "speaker"}`))
	if err != nil || m["quote_direct"] != (LabelTarget{Type: annotations.Quote, Form: annotations.Direct}) || m["speaker"].Type != annotations.SpeakerMention {
		t.Errorf("%v %v", m, err)
	}
	for _, tc := range []struct{ in, err string }{
		{`{"Content": "quot"}`, `label map entry "Content": "quot": target "quot" is not`},
		{`["quote"]`, "not a JSON object of label to target"},
		{`{}`, "no entry"},
	} {
		if _, err := ParseLabelMapJSON([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v, want %q", tc.in, err, tc.err)
		}
	}
}

func TestProposeLabel(t *testing.T) {
	for label, want := range map[string]string{
		"Quote": "quote", "QUOTATION": "quote", "Content": "quote", "QUOTE_DIRECT": "quote:direct", "indirect": "quote:indirect",
		"Speaker": "speaker", "source": "speaker", "PER": "speaker", "Person": "speaker", "mention": "speaker",
		"claim": "claim", "Fact": "claim",
	} {
		got, ok := ProposeLabel(label)
		if !ok || got.String() != want {
			t.Errorf("%s: %v %v, want %s", label, got, ok, want)
		}
	}
	if got, ok := ProposeLabel("Cue"); ok {
		t.Errorf("Cue proposed as %v", got)
	}
}

func TestParseRelationMap(t *testing.T) {
	m, err := ParseRelationMap("Says=attribution,Cites=-")
	if err != nil || !m["says"] || m["cites"] || len(m) != 2 {
		t.Errorf("%v %v", m, err)
	}
	if _, err := ParseRelationMap("Says=quote"); err == nil || !strings.Contains(err.Error(), `"Says=quote": target "quote" is not attribution or -`) {
		t.Errorf("%v", err)
	}
}

// TestImportWithJSONLRelations: a Prodigy/spaCy line labelled PER, CONTENT
// and CUE, with relations of other names running either way: PER and
// CONTENT are proposed, CUE is mapped out, the relation to the cue goes
// with it, and the one from the mention to the quote attributes.
func TestImportWithJSONLRelations(t *testing.T) {
	text := "“A” 🗳 Mayor Ray said the bridge is safe."
	art := annotations.ArticleFromText("a", text)
	line := `{"text": "“A” 🗳 Mayor Ray said the bridge is safe.", "spans": [ {"start": 6, "end": 15, "label": "PER"}, {"start": 16, "end": 20, "label": "CUE"}, {"start": 21, "end": 39, "label": "CONTENT"}], "relations": [{"head_span": {"start": 16, "end": 20, "label": "CUE"}, "child_span": {"start": 21, "end": 39, "label": "CONTENT"}, "label": "cue_of"}, {"head_span": {"start": 6, "end": 15, "label": "PER"}, "child_span": {"start": 21, "end": 39, "label": "CONTENT"}, "label": "SOURCE_OF"}]}` + "\n"
	if _, err := ImportWith("jsonl", []byte(line), art, ImportOptions{}); err == nil || !strings.Contains(err.Error(), `no type for label(s) "CUE"`) ||
		!strings.Contains(err.Error(), "-map 'PER=speaker,CUE=?,CONTENT=quote'") {
		t.Fatalf("without a map: %v", err)
	}
	imp, err := ImportWith("jsonl", []byte(line), art, ImportOptions{Labels: LabelMap{"cue": {Omit: true}}})
	if err != nil {
		t.Fatal(err)
	}
	s := imp.Sets[0]
	if len(s.Annotations) != 2 || s.Annotations[0].Exact != "Mayor Ray" || s.Annotations[1].Exact != "the bridge is safe" ||
		s.Annotations[1].Start != 21 || s.Annotations[1].Speaker == "" || s.Annotations[1].Speaker != s.Annotations[0].Speaker {
		t.Errorf("annotations %+v", s.Annotations)
	}
	// Import, the browser's, still refuses the label as before.
	if _, _, err := Import("jsonl", []byte(line), art); err == nil || !strings.Contains(err.Error(), `"PER" is not QUOTE, SPEAKER or CLAIM`) {
		t.Errorf("Import: %v", err)
	}
}

// TestImportWithBratEventOfAMillionArguments: an E line of a million
// arguments is read without a list of them, and attributes.
func TestImportWithBratEventOfAMillionArguments(t *testing.T) {
	art := annotations.ArticleFromText("a", "Ray said the bridge is safe.")
	ann := "T1\tSource 0 3\tRay\nT2\tContent 9 27\tthe bridge is safe\nT3\tAttribution 4 8\tsaid\nE1\tAttribution:T3 Source:T1" +
		strings.Repeat(" Content:T2", 1_000_000) + "\n"
	imp, err := ImportWith("brat", []byte(ann), art, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a := imp.Sets[0].Annotations; len(a) != 2 || a[1].Speaker != a[0].Speaker || a[1].Speaker == "" {
		t.Errorf("annotations %+v", a)
	}
}

// TestImportWithDoccanoRelations: a doccano project labelled SOURCE,
// CONTENT and CUE (UTF-16 offsets, an emoji before the spans) with
// relations typed by the project: the one from the mention to the quote
// attributes it, the cue's is left out with the cue.
func TestImportWithDoccanoRelations(t *testing.T) {
	text := "“A” 🗳 Mayor Ray said the bridge is safe."
	art := annotations.ArticleFromText("a", text)
	// in UTF-16 units the emoji counts two: Mayor Ray is 7–16, said 17–21,
	// the quote 22–40.
	line := `{"id": 3, "text": "“A” 🗳 Mayor Ray said the bridge is safe.", "entities": [` +
		`{"id": 1, "label": "SOURCE", "start_offset": 7, "end_offset": 16}, {"id": 2, "label": "CUE", "start_offset": 17, "end_offset": 21},` +
		`{"id": 3, "label": "CONTENT", "start_offset": 22, "end_offset": 40}], "relations": [` +
		`{"id": 1, "from_id": 2, "to_id": 3, "type": "cue_of"}, {"id": 2, "from_id": 1, "to_id": 3, "type": "says"}]}` + "\n"
	imp, err := ImportWith("doccano", []byte(line), art, ImportOptions{Labels: LabelMap{"cue": {Omit: true}, "content": {Type: annotations.Quote, Form: annotations.Indirect}}})
	if err != nil {
		t.Fatal(err)
	}
	a := imp.Sets[0].Annotations
	if len(a) != 2 || a[0].Exact != "Mayor Ray" || a[0].Start != 6 || a[1].Exact != "the bridge is safe" || a[1].Start != 21 ||
		a[1].Form != annotations.Indirect || a[1].Speaker == "" || a[1].Speaker != a[0].Speaker {
		t.Errorf("annotations %+v", a)
	}
	// -map-relation says=- leaves the attribution out.
	imp, err = ImportWith("doccano", []byte(line), art, ImportOptions{Labels: LabelMap{"cue": {Omit: true}}, Relations: map[string]bool{"says": false}})
	if err != nil || imp.Sets[0].Annotations[1].Speaker != "" {
		t.Errorf("with says=-: %v %+v", err, imp)
	}
}

// TestUnmappedLabelsOddNames: a label that a -map argument cannot hold
// points to the JSON file.
func TestUnmappedLabelsOddNames(t *testing.T) {
	art := annotations.ArticleFromText("a", "Ray said the bridge is safe.")
	_, err := ImportWith("brat", []byte("T1\tSource 0 3\tRay\nT2\tSays,quoted 9 27\tthe bridge is safe\n"), art, ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "-map 'Source=speaker,Says,quoted=?'") ||
		!strings.Contains(err.Error(), `"Says,quoted" cannot be written in a -map argument (a comma, = or '): map them in a -map FILE.json`) {
		t.Errorf("%v", err)
	}
	imp, err := ImportWith("brat", []byte("T1\tSource 0 3\tRay\nT2\tSays,quoted 9 27\tthe bridge is safe\n"), art, ImportOptions{Labels: mustJSONMap(t, `{"Says,quoted": "quote"}`)})
	if err != nil || len(imp.Sets[0].Annotations) != 2 {
		t.Errorf("%v %+v", err, imp)
	}
}

func mustJSONMap(t *testing.T, s string) LabelMap {
	t.Helper()
	m, err := ParseLabelMapJSON([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
