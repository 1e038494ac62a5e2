package app

import (
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

// The notice of a brat zip's import counts sets and annotations by
// annotator, says what each label became, and what to check or place.
func TestBratZipNotice(t *testing.T) {
	art, err := annotations.NewArticle("protest", []byte("The senator said it.\n"))
	if err != nil {
		t.Fatal(err)
	}
	set := func(annotator string, n int) *annotations.Set {
		s := &annotations.Set{Annotator: annotator}
		s.Annotations = make([]annotations.Annotation, n)
		return s
	}
	imp := &formats.CorpusImport{
		Articles: []*annotations.Article{art},
		Files: []formats.CorpusImportedFile{
			{Set: set("annA", 3), Report: &annotations.AnchorReport{Approximate: 2}, Imported: &formats.Imported{Split: 1, Fragments: 2}},
			{Set: set("annB", 1), Report: &annotations.AnchorReport{Orphaned: 1}, Imported: &formats.Imported{}},
			{Set: set("annA", 4), Report: &annotations.AnchorReport{}, Imported: &formats.Imported{}},
		},
		Labels: []formats.LabelCount{
			{Label: "Source", Count: 2, Target: formats.LabelTarget{Type: annotations.SpeakerMention}, Mapped: true},
			{Label: "Cue", Count: 5, Target: formats.LabelTarget{Omit: true}, Mapped: true},
		},
	}
	got := bratZipNotice("c.zip", imp, formats.ImportOptions{}, 1)
	want := "Imported c.zip, a brat folder: 1 text (1 new) and 3 sets. By annotator: annA 2 sets, 7 annotations; annB 1 set, 1 annotation." +
		" Label Source: 2 span(s), imported as speaker; label Cue: 5 span(s), left out; 1 discontinuous span(s) split into 2 annotation(s), a fragment each." +
		" 2 annotations placed approximately, to check. 1 annotation not placed (under Not placed on its article)."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if strings.Contains(bratZipNotice("c.zip", &formats.CorpusImport{Articles: imp.Articles, Files: imp.Files[2:]}, formats.ImportOptions{}, 0), "placed") {
		t.Error("a notice without placement problems speaks of them")
	}
}
