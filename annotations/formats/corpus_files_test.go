package formats

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestGroupCorpusFilesDefaultPattern(t *testing.T) {
	re, err := CompileAnnotatorPattern(DefaultAnnotatorPattern)
	if err != nil {
		t.Fatal(err)
	}
	got, err := GroupCorpusFiles([]string{
		"annB/text01.ann", "annA/text01.ann", "batch/text02.bob.ann", "text02.alice.ann", "lone.ann",
	}, re)
	if err != nil {
		t.Fatal(err)
	}
	want := []CorpusText{
		{Name: "lone", Files: []CorpusFile{{Path: "lone.ann"}}},
		{Name: "text01", Files: []CorpusFile{{"annA/text01.ann", "annA"}, {"annB/text01.ann", "annB"}}},
		{Name: "text02", Files: []CorpusFile{{"text02.alice.ann", "alice"}, {"batch/text02.bob.ann", "bob"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestGroupCorpusFilesRefusals(t *testing.T) {
	re := regexp.MustCompile(DefaultAnnotatorPattern)
	for _, tc := range []struct {
		paths []string
		want  string
	}{
		{[]string{"a/t.ann", "b/a/t.ann"}, "a/t.ann and b/a/t.ann are both text t by annotator a"},
		{[]string{"notes.txt.x"}, "notes.txt.x: the annotator pattern does not match"},
	} {
		_, err := GroupCorpusFiles(tc.paths, re)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err %v, want %q", tc.paths, err, tc.want)
		}
	}
	if _, err := CompileAnnotatorPattern(`(?P<annotator>\w+)/.*`); err == nil || !strings.Contains(err.Error(), "text") {
		t.Errorf("a pattern without a text group: err %v", err)
	}
	if _, err := CompileAnnotatorPattern(`(`); err == nil {
		t.Error("a bad regexp compiled")
	}
}

func TestUnionLabels(t *testing.T) {
	quote := LabelTarget{Type: "quote"}
	got := UnionLabels(
		[]LabelCount{{Label: "Content", Count: 2, Target: quote, Mapped: true}, {Label: "Cue", Count: 1}},
		[]LabelCount{{Label: "cue ", Count: 3}, {Label: "Frame", Count: 1}, {Label: "content", Count: 1, Target: quote, Mapped: true}},
	)
	want := []LabelCount{
		{Label: "Content", Count: 3, Target: quote, Mapped: true},
		{Label: "Cue", Count: 4},
		{Label: "Frame", Count: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if !HasUnmapped(got) || HasUnmapped(got[:1]) {
		t.Error("HasUnmapped is wrong")
	}
}
