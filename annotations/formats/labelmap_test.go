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
