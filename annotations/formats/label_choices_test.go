package formats

import (
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
)

// Every choice a picker offers reads back as itself, so a target chosen in
// the browser is the one -map would give.
func TestLabelChoicesReadBack(t *testing.T) {
	names := map[string]bool{}
	for _, c := range LabelChoices {
		got, err := ParseLabelTarget(c.String())
		if err != nil || got != c {
			t.Errorf("%q reads back as %+v, %v", c.String(), got, err)
		}
		if names[c.Name()] {
			t.Errorf("two choices are named %q", c.Name())
		}
		names[c.Name()] = true
	}
	if got := (LabelTarget{Type: annotations.Quote, Form: annotations.Indirect}).Name(); got != "indirect quote" {
		t.Errorf("indirect quote is named %q", got)
	}
}

const scanBrat = "T1\tSource 0 11\tThe senator\nT2\tCue 12 16\tsaid\nT3\tContent 17 25\tit rains\n" +
	"T4\tAttribution 12 16\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"

func TestScanLabelsListsEveryLabelWithoutImporting(t *testing.T) {
	art, err := annotations.NewArticle("scan", []byte("The senator said it rains."))
	if err != nil {
		t.Fatal(err)
	}
	scan, err := ScanLabels("brat", []byte(scanBrat), art)
	if err != nil {
		t.Fatal(err)
	}
	labels, relations := scan.Labels, scan.Relations
	if scan.Imported != nil {
		t.Error("a file with a label without a type came with an import")
	}
	if want := []RelationCount{{"Attribution", 1}}; !slices.Equal(relations, want) {
		t.Errorf("relations %v, want %v", relations, want)
	}
	var got []string
	for _, l := range labels {
		what := "?"
		if l.Mapped {
			what = l.Target.String()
		}
		got = append(got, l.Label+"="+what)
	}
	// The event's trigger is not a span and is not listed.
	if want := []string{"Source=speaker", "Cue=?", "Content=quote"}; !slices.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
	if LabelsAreOwn(labels) {
		t.Error("Source, Cue and Content are taken for quotemark's own labels")
	}
	if _, err := ScanLabels("brat", []byte("T1\tSource 0 99\tThe senator\n"), art); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("a span past the text's end: %v, want the import's error naming the line", err)
	}
	own, err := ScanLabels("brat", []byte("T1\tSpeaker 0 11\tThe senator\nT2\tQuote 17 25\tit rains\n"), art)
	if err != nil || !LabelsAreOwn(own.Labels) || own.Imported == nil || len(own.Imported.Sets[0].Annotations) != 2 {
		t.Errorf("Speaker and Quote: %+v, %v; want quotemark's own labels, imported", own, err)
	}
}

func TestImportedNotes(t *testing.T) {
	art, err := annotations.NewArticle("scan", []byte("The senator said it rains."))
	if err != nil {
		t.Fatal(err)
	}
	m := LabelMap{}
	m.Put("CUE", LabelTarget{Omit: true})
	opts := ImportOptions{Labels: m, Relations: map[string]bool{"attribution": false}, DropPronouns: true, TrimMarks: true}
	imp, err := ImportWith("brat", []byte(scanBrat), art, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"label Source: 1 span(s), imported as speaker",
		"label Cue: 1 span(s), left out",
		"label Content: 1 span(s), imported as quote",
		"relation Attribution: 1, left out",
		"0 quote(s) adjusted: quotation marks taken off their ends",
	}
	if got := imp.Notes(opts); !slices.Equal(got, want) {
		t.Errorf("notes\n%q\nwant\n%q", got, want)
	}
}

func TestCommandLineFlags(t *testing.T) {
	labels := []LabelCount{
		{Label: "Source", Count: 3, Target: LabelTarget{Type: annotations.SpeakerMention}, Mapped: true},
		{Label: "Cue", Count: 2},
		{Label: "Content", Count: 3, Target: LabelTarget{Type: annotations.Quote, Form: annotations.Indirect}, Mapped: true},
	}
	if got, want := CommandLineFlags(labels, ImportOptions{}), "-map 'Source=speaker,Cue=?,Content=quote:indirect'"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	labels[1].Target, labels[1].Mapped = LabelTarget{Omit: true}, true
	got := CommandLineFlags(labels, ImportOptions{Relations: map[string]bool{"says": false, "attribution": true}, DropPronouns: true, TrimMarks: true})
	if want := "-map 'Source=speaker,Cue=-,Content=quote:indirect' -map-relation 'attribution=attribution,says=-' -pronouns drop -trim-marks"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if rel, err := ParseRelationMap("attribution=attribution,says=-"); err != nil || rel["says"] || !rel["attribution"] {
		t.Errorf("-map-relation of %q reads as %v, %v", got, rel, err)
	}
	// What it says is what the command line reads.
	m, err := ParseLabelMap(strings.TrimSuffix(strings.TrimPrefix(strings.Fields(got)[1], "'"), "'"))
	if err != nil || m["cue"] != (LabelTarget{Omit: true}) || m["content"].Form != annotations.Indirect {
		t.Errorf("-map of %q reads as %v, %v", got, m, err)
	}
}

// The last answer is what the next file of a project starts from.
func TestRememberedLabelChoices(t *testing.T) {
	labels := []LabelCount{
		{Label: "Source", Count: 3, Target: LabelTarget{Type: annotations.SpeakerMention}, Mapped: true},
		{Label: "Cue", Count: 2},
		{Label: "Content", Count: 3, Target: LabelTarget{Type: annotations.Quote}, Mapped: true},
	}
	answer := LabelMap{}
	answer.Put("CUE", LabelTarget{Omit: true})
	answer.Put("Content", LabelTarget{Type: annotations.Quote, Form: annotations.Indirect})
	earlier := LabelMap{}
	earlier.Put("Speaker", LabelTarget{Type: annotations.SpeakerMention})
	remembered, err := ParseLabelMapJSON(Remember(earlier, answer))
	if err != nil {
		t.Fatal(err)
	}
	if len(remembered) != 3 {
		t.Errorf("remembered %v, want the earlier label kept beside the answer's two", remembered)
	}
	got := WithRemembered(labels, remembered)
	if got[0] != labels[0] || got[1].Target != (LabelTarget{Omit: true}) || !got[1].Mapped || got[2].Target.Form != annotations.Indirect {
		t.Errorf("with the remembered answer: %+v", got)
	}
	if labels[1].Mapped {
		t.Error("WithRemembered changed the labels it was given")
	}
}

func TestUnionRelations(t *testing.T) {
	got := UnionRelations([]RelationCount{{"Attribution", 2}, {"Says", 1}}, nil, []RelationCount{{"says", 3}, {"Cites", 1}})
	if want := []RelationCount{{"Attribution", 2}, {"Says", 4}, {"Cites", 1}}; !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}
