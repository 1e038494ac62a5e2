package formats

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

func TestBratExport(t *testing.T) {
	s, art := richFixture(t)
	files, err := Export("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 || files[0].Name != "rich_article.ann" || files[1].Name != "rich_article.txt" || files[2].Name != "annotation.conf" || files[3].Name != "visual.conf" {
		t.Fatalf("files %v", files)
	}
	if string(files[1].Data) != art.Text {
		t.Error("the .txt is not the article's normalized text")
	}
	ann := string(files[0].Data)
	o := art.Offsets()
	claim := fixture.CPIndex(t, art.Text, "the city spent", 0)
	nl := fixture.CPIndex(t, art.Text, "\nlast year", 0)
	for _, want := range []string{
		// A span across a line break is two fragments, in code points.
		"\tClaim " + strconv.Itoa(claim) + " " + strconv.Itoa(nl) + ";" + strconv.Itoa(nl+1) + " " + strconv.Itoa(nl+10) + "\tthe city spent 3.5 million 💶 on consultants last year\n",
		"\tSpeaker " + strconv.Itoa(fixture.CPIndex(t, art.Text, "Zoë", 0)) + " ",
		"\tAnnotatorNotes T4\tspeaker: Mayor Zoë Ångström\n", // the mention "Ångström"
		"\tspeaker: Dr. Lee\n", // "reckless": Dr. Lee has no mention
		`Check the tape:\n\t“clinic” or “clinics”? "quoted" \\ backslash` + "\n",
		"\tForm T", " mixed\n", " indirect\n", "\tCheckworthy T",
		"\tAttribution Arg1:T",
	} {
		if !strings.Contains(ann, want) {
			t.Errorf(".ann lacks %q:\n%s", want, ann)
		}
	}
	if o.Len() == o.UTF16Len() {
		t.Fatal("the fixture needs astral characters")
	}
	// Two sets: a folder each.
	files, err = Export("brat", art, []*annotations.Set{s, s})
	if err != nil || len(files) != 8 || !strings.HasPrefix(files[0].Name, "ana-l-er-") || !strings.HasSuffix(files[4].Name, "-2/rich_article.ann") {
		t.Errorf("two sets: %v %v", err, fileNames(files))
	}
}

func fileNames(files []ExportedFile) []string {
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	return names
}

// TestBratReadsOtherProjects: an .ann written by hand or by brat for
// another project: a Person label, a discontinuous span, an M attribute,
// a quote attributed by a note and one by a relation.
func TestBratReadsOtherProjects(t *testing.T) {
	art := annotations.ArticleFromText("a", "Lee said: “We are done.” Later, Lee added that\nthe plan was reckless.")
	ann := "T1\tPerson 0 3\tLee\n" +
		"T2\tQuote 11 23\tWe are done.\n" +
		"R1\tattribution Arg1:T2 Arg2:T1\n" +
		"T3\tQuote 36 46;47 55\tadded that the plan\n" + // across the line break
		"M1\tForm T2 direct\n" +
		"A1\tForm T3 indirect\n" +
		"T4\tClaim 56 69\twas reckless.\n" +
		"#1\tAnnotatorNotes T4\tspeaker: Dr. Lee\n" +
		"#2\tAnnotatorNotes T4\tcheck \\ttabs\n"
	sets, format, rep, err := ImportAny([]byte(ann), "x.ann", art)
	if err != nil {
		t.Fatal(err)
	}
	if format != "brat" || len(sets) != 1 || rep[0].Orphaned != 0 {
		t.Fatalf("%s %v %+v", format, sets, rep[0])
	}
	s := sets[0]
	got := map[annotations.Type][]annotations.Annotation{}
	for _, a := range s.Annotations {
		got[a.Type] = append(got[a.Type], a)
	}
	if len(got[annotations.SpeakerMention]) != 1 || s.SpeakerName(got[annotations.SpeakerMention][0].Speaker) != "Lee" {
		t.Errorf("mentions %+v", got[annotations.SpeakerMention])
	}
	if len(got[annotations.Quote]) != 2 || got[annotations.Quote][0].Speaker != got[annotations.SpeakerMention][0].Speaker || got[annotations.Quote][0].Form != annotations.Direct ||
		got[annotations.Quote][1].Exact != "added that\nthe plan" || got[annotations.Quote][1].Form != annotations.Indirect || got[annotations.Quote][1].Speaker != "" {
		t.Errorf("quotes %+v", got[annotations.Quote])
	}
	if len(got[annotations.Claim]) != 1 || s.SpeakerName(got[annotations.Claim][0].Speaker) != "Dr. Lee" || got[annotations.Claim][0].Note != "check \ttabs" {
		t.Errorf("claims %+v", got[annotations.Claim])
	}
}

func TestBratNoteThatLooksLikeASpeakerNote(t *testing.T) {
	s, art := richFixture(t)
	a := s.Annotations[0]
	if err := s.Update(a.ID, func(b *annotations.Annotation) { b.Note = "speaker: unsure" }); err != nil {
		t.Fatal(err)
	}
	files, err := Export("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	sets, _, err := Import("brat", files[0].Data, art)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range sets[0].Annotations {
		if b.Start == a.Start && b.Type == a.Type && b.Note != "speaker: unsure" {
			t.Errorf("the note came back as %q", b.Note)
		}
	}
}

// TestBratLineBreaksBratEndsLinesAt: brat reads an .ann with Python's
// splitlines, which ends a line at U+2028, U+2029, U+0085, form feed and
// others besides LF. A span across them is written in fragments, a note or
// a speaker's name holding them is escaped, so every annotation is one line
// to brat, and all of it reads back as it was. A span of line breaks only,
// which brat cannot hold, stops the export with the reason.
func TestBratLineBreaksBratEndsLinesAt(t *testing.T) {
	text := "Intro.\n\n“We are\u2028done\fhere\u0085now,” said Dr. Lee.\n\n\u2028\u2029\n"
	art, err := annotations.NewArticle("breaks", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	s := annotations.NewSet(art, "ann", time.Now())
	quote := fixture.CPIndex(t, art.Text, "We are", 0)
	q, err := s.Add(art, annotations.Quote, quote, quote+len([]rune("We are\u2028done\fhere\u0085now")))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(q.ID, func(a *annotations.Annotation) { a.Note = "check\u2028this\u2029and\vthat" }); err != nil {
		t.Fatal(err)
	}
	sp, err := s.AddSpeaker("Dr. Lee")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Attribute(q.ID, sp.ID); err != nil {
		t.Fatal(err)
	}
	// As a set file may hold it: Read checks only that a name is not blank.
	s.Speakers[0].Name = "Dr.\nLee"
	files, err := Export("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	ann := string(files[0].Data)
	for i, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		if strings.ContainsFunc(line, isBratLineBreak) {
			t.Errorf("line %d %q holds a character brat ends a line at", i+1, line)
		}
	}
	want := fmt.Sprintf("T1\tQuote %d %d;%d %d;%d %d;%d %d\tWe are done here now\n", quote, quote+6, quote+7, quote+11, quote+12, quote+16, quote+17, quote+20)
	if !strings.Contains(ann, want) {
		t.Errorf(".ann lacks %q:\n%s", want, ann)
	}
	sets, _, err := Import("brat", files[0].Data, art)
	if err != nil {
		t.Fatal(err)
	}
	got := sets[0]
	if len(got.Annotations) != 1 {
		t.Fatalf("read back %d annotations, want the one quote whole", len(got.Annotations))
	}
	a := got.Annotations[0]
	if a.Start != q.Start || a.End != q.End || a.Note != "check\u2028this\u2029and\vthat" || got.SpeakerName(a.Speaker) != "Dr. Lee" {
		t.Errorf("read back %d–%d note %q speaker %q; want %d–%d, the note and the name as written", a.Start, a.End, a.Note, got.SpeakerName(a.Speaker), q.Start, q.End)
	}

	breaks := fixture.CPIndex(t, art.Text, "\u2028\u2029", 0)
	only := annotations.NewSet(art, "ann", time.Now())
	if _, err := only.Add(art, annotations.Claim, breaks, breaks+2); err != nil {
		t.Fatalf("a claim over line breaks only: %v", err)
	}
	if _, err := Export("brat", art, []*annotations.Set{only}); err == nil || !strings.Contains(err.Error(), "only line breaks") {
		t.Errorf("a span of line breaks only: %v, want the export refused with the reason", err)
	}
}
