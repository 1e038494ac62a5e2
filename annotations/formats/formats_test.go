package formats

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// richRaw is an article file with what breaks offsets: CRLF line ends,
// emoji outside the Basic Multilingual Plane (one a ZWJ sequence with a
// skin tone), combining marks (a decomposed é that NFC composes and a q̃
// that has no composed form), curly quotes and a tab.
const richRaw = "Mayor Zoe\u0308 Ångström 👩🏽\u200d⚕️ spoke on Friday.\r\n" +
	"“We will not close the clinic 🏥 in q\u0303uarters,” Ångström said, “not this year.”\r\n" +
	"\r\n" +
	"Critics say the city spent 3.5 million 💶 on consultants\r\nlast year.\tIts own figures show 12 clinics closed since 2019.\r\n" +
	"🎉Dr. Lee called the plan “reckless”, and the council agreed it would review it.\r\n"

// richFixture is a set that uses every field: quotes of all forms,
// attributed to a speaker with mentions, to one without, and not at all;
// mentions whose text is not the speaker's name; claims checkworthy or not,
// with and without a speaker, one across a line break, one nested in a
// quote; notes with line breaks, tabs and quotes; a speaker no annotation
// names; spans right after and around emoji.
func richFixture(t testing.TB) (*annotations.Set, *annotations.Article) {
	t.Helper()
	art, err := annotations.NewArticle("rich_article", []byte(richRaw))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(art.Text, "\r") || !strings.Contains(art.Text, "Zoë") {
		t.Fatalf("the article was not normalized: %q", art.Text)
	}
	created := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	s := annotations.NewSet(art, "Ana Ölçer", created)
	s.Modified = created.Add(90 * time.Minute)
	at := func(sub string, n int) (int, int) {
		i := fixture.CPIndex(t, art.Text, sub, n)
		return i, i + utf8.RuneCountInString(sub)
	}
	add := func(typ annotations.Type, sub string, n int, change func(a *annotations.Annotation)) annotations.Annotation {
		start, end := at(sub, n)
		a, err := s.Add(art, typ, start, end)
		if err != nil {
			t.Fatalf("adding %s %q: %v", typ, sub, err)
		}
		if change != nil {
			if err := s.Update(a.ID, change); err != nil {
				t.Fatalf("updating %s %q: %v", typ, sub, err)
			}
		}
		a, _ = s.Annotation(a.ID)
		return a
	}
	zoe := add(annotations.SpeakerMention, "Zoë Ångström 👩🏽\u200d⚕️", 0, nil)
	if err := s.RenameSpeaker(zoe.Speaker, "Mayor Zoë Ångström"); err != nil {
		t.Fatal(err)
	}
	add(annotations.SpeakerMention, "Ångström", 1, nil) // the second Ångström, in the sentence
	lee, err := s.AddSpeaker("Dr. Lee")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSpeaker("Council of Elders"); err != nil { // named by nothing
		t.Fatal(err)
	}
	add(annotations.Quote, "We will not close the clinic 🏥 in q̃uarters,", 0, func(a *annotations.Annotation) {
		a.Speaker = zoe.Speaker
		a.Note = "Check the tape:\n\t“clinic” or “clinics”? \"quoted\" \\ backslash"
	})
	add(annotations.Quote, "not this year.", 0, func(a *annotations.Annotation) { a.Speaker = zoe.Speaker; a.Form = annotations.Mixed })
	add(annotations.Quote, "reckless", 0, func(a *annotations.Annotation) { a.Speaker = lee.ID; a.Form = annotations.Indirect })
	add(annotations.Quote, "🎉Dr. Lee called the plan", 0, func(a *annotations.Annotation) { a.Form = annotations.Indirect; a.Note = "unattributed" })
	add(annotations.Claim, "the clinic 🏥", 0, func(a *annotations.Annotation) { a.Checkworthy = true; a.Speaker = zoe.Speaker })
	add(annotations.Claim, "the city spent 3.5 million 💶 on consultants\nlast year", 0, func(a *annotations.Annotation) {
		a.Checkworthy = true
		a.Note = "two lines"
	})
	add(annotations.Claim, "12 clinics closed since 2019", 0, nil)
	add(annotations.Claim, "the council agreed it would review it", 0, func(a *annotations.Annotation) { a.Speaker = lee.ID })
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Anchor(art); err != nil {
		t.Fatalf("the fixture does not anchor: %v", err)
	}
	return s, art
}

// keeps says what of a set a format carries, for comparing round trips.
type keeps struct {
	setID, annotator, times bool
	annotationIDs           bool
	speakerIDs              bool // else speakers are compared by name
	unnamedSpeakers         bool // speakers no annotation names
}

var keepsAll = keeps{true, true, true, true, true, true}

// describeSet renders what a format should keep of a set, one line each, so
// that a failing round trip shows the difference.
func describeSet(s *annotations.Set, k keeps) []string {
	var lines []string
	if k.setID {
		lines = append(lines, "id "+s.ID)
	}
	if k.annotator {
		lines = append(lines, fmt.Sprintf("annotator %q", s.Annotator))
	}
	if k.times {
		lines = append(lines, "created "+annotations.FormatTime(s.Created), "modified "+annotations.FormatTime(s.Modified))
	}
	lines = append(lines, fmt.Sprintf("article %+v", s.Article))
	named := map[string]bool{}
	for _, a := range s.Annotations {
		named[a.Speaker] = true
	}
	speaker := func(id string) string {
		if id == "" {
			return ""
		}
		if k.speakerIDs {
			return id
		}
		return s.SpeakerName(id)
	}
	for _, sp := range s.Speakers {
		if !k.unnamedSpeakers && !named[sp.ID] {
			continue
		}
		lines = append(lines, fmt.Sprintf("speaker %s %q", speaker(sp.ID), sp.Name))
	}
	for _, a := range s.Annotations {
		id := ""
		if k.annotationIDs {
			id = a.ID
		}
		lines = append(lines, fmt.Sprintf("%s %s %d–%d %q prefix %q suffix %q speaker %q form %q checkworthy %v note %q",
			id, a.Type, a.Start, a.End, a.Exact, a.Prefix, a.Suffix, speaker(a.Speaker), a.Form, a.Checkworthy, a.Note))
	}
	for _, o := range s.Orphans {
		lines = append(lines, fmt.Sprintf("orphan %s %q", o.Annotation.Type, o.Annotation.Exact))
	}
	slices.Sort(lines)
	return lines
}

func compareSets(t *testing.T, what string, want, got *annotations.Set, k keeps) {
	t.Helper()
	w, g := describeSet(want, k), describeSet(got, k)
	if slices.Equal(w, g) {
		return
	}
	for _, l := range w {
		if !slices.Contains(g, l) {
			t.Errorf("%s lost:  %s", what, l)
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			t.Errorf("%s added: %s", what, l)
		}
	}
}

// formatKeeps is what each format's round trip must keep; FormatInfo.Loses
// says the rest.
var formatKeeps = map[string]keeps{
	"quotemark":   keepsAll,
	"w3c":         keepsAll,
	"brat":        {speakerIDs: false},
	"csv":         {setID: true, annotator: true, annotationIDs: true},
	"jsonl":       keepsAll,
	"labelstudio": keepsAll,
	"doccano":     keepsAll,
}

// TestExportImportRoundTrip sends the fixture out in each format and back:
// what the format can express comes back unchanged, placed exactly.
func TestExportImportRoundTrip(t *testing.T) {
	s, art := richFixture(t)
	for _, f := range ExportFormats() {
		t.Run(f.Name, func(t *testing.T) {
			k, ok := formatKeeps[f.Name]
			if !ok {
				t.Fatalf("no round-trip expectation for %s", f.Name)
			}
			files, err := Export(f.Name, art, []*annotations.Set{s})
			if err != nil {
				t.Fatal(err)
			}
			main := mainFile(t, f.Name, files)
			format, err := DetectFormat(main.Data, main.Name)
			if err != nil || format != f.Name {
				t.Fatalf("DetectFormat(%s) = %q, %v; want %q", main.Name, format, err, f.Name)
			}
			// The name is no help: detection works on the content.
			if format, err := DetectFormat(main.Data, "upload"); err != nil || format != f.Name {
				t.Errorf("DetectFormat without a name = %q, %v; want %q", format, err, f.Name)
			}
			sets, format, reports, err := ImportAny(main.Data, main.Name, art)
			if err != nil {
				t.Fatalf("reading back %s: %v\n%s", main.Name, err, main.Data)
			}
			if format != f.Name || len(sets) != 1 || len(reports) != 1 {
				t.Fatalf("ImportAny: format %q, %d sets, %d reports", format, len(sets), len(reports))
			}
			compareSets(t, f.Name, s, sets[0], k)
			rep := reports[0]
			for id, p := range rep.Placements {
				if p != annotations.PlacedAtPosition {
					t.Errorf("annotation %s was placed by %s, not at its position", id, p)
				}
			}
			if rep.Orphaned != 0 || len(sets[0].Orphans) != 0 {
				t.Errorf("%d orphans", rep.Orphaned)
			}
			// And again: a second trip changes nothing more.
			again, err := Export(f.Name, art, sets)
			if err != nil {
				t.Fatal(err)
			}
			if k == keepsAll && string(mainFile(t, f.Name, again).Data) != string(main.Data) {
				t.Errorf("a second export differs from the first:\n%s\n----\n%s", main.Data, mainFile(t, f.Name, again).Data)
			}
		})
	}
}

// mainFile is the file of an export that an import reads.
func mainFile(t *testing.T, format string, files []ExportedFile) ExportedFile {
	t.Helper()
	for _, f := range files {
		if format != "brat" || strings.HasSuffix(f.Name, ".ann") {
			return f
		}
	}
	t.Fatalf("%s export gave no file to read: %v", format, files)
	return ExportedFile{}
}

func TestExportFormatsDescribeThemselves(t *testing.T) {
	names := map[string]bool{}
	for _, f := range ExportFormats() {
		names[f.Name] = true
		if f.Label == "" || f.Keeps == "" || f.Loses == "" || !f.CanRead {
			t.Errorf("%s: incomplete %+v", f.Name, f)
		}
		if f.Offsets != "code points" && f.Offsets != "UTF-16 units" {
			t.Errorf("%s: offsets %q", f.Name, f.Offsets)
		}
		if strings.Contains(f.Keeps, "\n") || strings.Contains(f.Loses, "\n") {
			t.Errorf("%s: Keeps and Loses must be one line each", f.Name)
		}
	}
	for _, n := range []string{"quotemark", "w3c", "brat", "csv", "jsonl", "labelstudio", "doccano"} {
		if !names[n] {
			t.Errorf("no format %q", n)
		}
	}
}

func TestExportRefuses(t *testing.T) {
	s, art := richFixture(t)
	other := annotations.ArticleFromText("other", "Another text.")
	for _, tc := range []struct {
		format string
		art    *annotations.Article
		sets   []*annotations.Set
		want   string
	}{
		{"bogus", art, []*annotations.Set{s}, `unknown export format "bogus"`},
		{"w3c", nil, []*annotations.Set{s}, "the article's text is needed"},
		{"csv", art, nil, "no set to export"},
		{"brat", other, []*annotations.Set{s}, "was made on another version of article"},
	} {
		_, err := Export(tc.format, tc.art, tc.sets)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Export(%s): %v; want %q", tc.format, err, tc.want)
		}
	}
}

// TestExportLeavesOrphansOut: no format writes orphans; the caller reports
// them (the set keeps them).
func TestExportLeavesOrphansOut(t *testing.T) {
	s, art := richFixture(t)
	orphan := s.Annotations[0]
	s.Orphans = []annotations.Orphan{{Annotation: orphan, Reason: "test"}}
	if err := s.Delete(orphan.ID); err != nil {
		t.Fatal(err)
	}
	for _, f := range ExportFormats() {
		files, err := Export(f.Name, art, []*annotations.Set{s})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		sets, _, _, err := ImportAny(mainFile(t, f.Name, files).Data, mainFile(t, f.Name, files).Name, art)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(sets[0].Annotations) != len(s.Annotations) || len(sets[0].Orphans) != 0 {
			t.Errorf("%s: %d annotations and %d orphans came back; want %d and 0", f.Name,
				len(sets[0].Annotations), len(sets[0].Orphans), len(s.Annotations))
		}
	}
}

// TestImportOntoEditedText: a file made on an earlier version of the
// article lands on the same words in the new one.
func TestImportOntoEditedText(t *testing.T) {
	s, art := richFixture(t)
	edited, err := annotations.NewArticle("rich_article", []byte("A new first line, inserted 🆕.\r\n"+richRaw))
	if err != nil {
		t.Fatal(err)
	}
	shift := utf8.RuneCountInString("A new first line, inserted 🆕.\n")
	for _, f := range ExportFormats() {
		files, err := Export(f.Name, art, []*annotations.Set{s})
		if err != nil {
			t.Fatal(err)
		}
		main := mainFile(t, f.Name, files)
		sets, _, reports, err := ImportAny(main.Data, main.Name, edited)
		if err != nil {
			t.Errorf("%s onto the edited text: %v", f.Name, err)
			continue
		}
		got := sets[0]
		if len(got.Orphans) != 0 || len(got.Annotations) != len(s.Annotations) {
			t.Errorf("%s: %d placed, %d orphans; want %d placed: %+v", f.Name, len(got.Annotations), len(got.Orphans), len(s.Annotations), got.Orphans)
			continue
		}
		if !reports[0].Reanchored {
			t.Errorf("%s: the report does not say the set was re-anchored", f.Name)
		}
		for i, a := range got.Annotations {
			want := s.Annotations[i]
			if a.Start != want.Start+shift || a.Exact != want.Exact {
				t.Errorf("%s: %s %q landed at %d, want %d", f.Name, a.Type, a.Exact, a.Start, want.Start+shift)
			}
		}
		if got.Article.SHA256 != edited.SHA256 {
			t.Errorf("%s: the set is not bound to the edited text", f.Name)
		}
	}
}

// TestImportErrorsNameFormatAndPlace feeds each reader broken input: the
// error names the format, the place and the fault, and no set comes back.
func TestImportErrorsNameFormatAndPlace(t *testing.T) {
	_, art := richFixture(t)
	for _, tc := range []struct {
		format, data string
		want         []string
	}{
		{"w3c", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "target": "http://example.com/"`, []string{"W3C Web Annotation", "not valid JSON", "ends in the middle"}},
		{"w3c", `[{"type": "Annotation", "target": {"source": "x", "selector": {"type": "TextPositionSelector", "start": "a", "end": 3}}}]`, []string{"W3C Web Annotation", "[0].target.selector[0].start", "whole number"}},
		{"w3c", `{"type": "Annotation", "target": "http://example.com/page"}`, []string{"W3C Web Annotation", "the annotation.target", "cannot be placed"}},
		{"w3c", `{"type": "AnnotationCollection", "total": 3, "first": "http://example.com/page1"}`, []string{"W3C Web Annotation", "first", "instead of embedding"}},
		{"brat", "T1\tQuote 5 x\tsaid\n", []string{"brat", "line 1", `"x"`}},
		{"brat", "T1\tQuote 0 3\tMay\nR1\tAttribution Arg1:T1 Arg2:T9\n", []string{"brat", "line 2", "T9"}},
		{"brat", "T1\tRumour 0 3\tMay\n", []string{"brat", "line 1", `label "Rumour"`}},
		{"brat", "T1\tQuote 0 3\tMay\nA1\tCheckworthy T1\n", []string{"brat", "line 2", "does not apply to a Quote"}},
		{"brat", "T1\tQuote 0 3\tMay\nE1\tQuote:T1\n", []string{"brat", "line 2", "event lines have no place"}},
		{"csv", "article_id,set_id\n", []string{"CSV", "line 1", "header"}},
		{"csv", strings.Join(csvHeader, ",") + "\nrich_article,,,,quote,4,x,Zoë,,,,\n", []string{"CSV", "line 2", "end", `"x"`}},
		{"csv", strings.Join(csvHeader, ",") + "\nrich_article,,,,rumour,0,5,Mayor,,,,\n", []string{"CSV", "line 2", "type", "rumour"}},
		{"jsonl", "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"QUOTE\"}]}\n", []string{"JSONL", "line 1", "spans[0]", "past"}},
		{"jsonl", "{\"text\": \"abc\", \"spans\": []}\n{oops}\n", []string{"JSONL", "line 2", "not valid JSON"}},
		{"labelstudio", `[{"data": {"text": "abc"}, "annotations": [{"result": [{"id": "r1", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["Rumour"]}}]}]}]`, []string{"Label Studio", "[0].annotations[0].result[0]", "Rumour"}},
		{"doccano", "{\"text\": \"ab😀c\", \"entities\": [{\"id\": 1, \"label\": \"Quote\", \"start_offset\": 3, \"end_offset\": 4}]}\n", []string{"doccano", "line 1", "entities[0]", "surrogate"}},
		{"doccano", "{\"text\": \"abc\", \"entities\": [], \"relations\": [{\"from_id\": 1, \"to_id\": 2, \"type\": \"attribution\"}]}\n", []string{"doccano", "line 1", "relations[0]", "no entity 1"}},
	} {
		sets, reports, err := Import(tc.format, []byte(tc.data), art)
		if err == nil {
			t.Errorf("%s %q: accepted", tc.format, tc.data)
			continue
		}
		if sets != nil || reports != nil {
			t.Errorf("%s: an error came with sets", tc.format)
		}
		var ie *ImportError
		if !errors.As(err, &ie) {
			t.Errorf("%s: %T %v is not an *ImportError", tc.format, err, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s %q: error %q lacks %q", tc.format, tc.data, err, w)
			}
		}
	}
}

func TestDetectFormat(t *testing.T) {
	for _, tc := range []struct {
		data, name, want string
	}{
		{`{"format": "quotemark/annotations", "version": 1}`, "x.json", "quotemark"},
		{`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}`, "", "w3c"},
		{`[{"type": "Annotation", "target": {}}]`, "", "w3c"},
		{`{"total": 1, "rows": [{"target": [{"selector": []}]}]}`, "", "w3c"},
		{`[{"data": {"text": "a"}, "annotations": []}]`, "", "labelstudio"},
		{"{\"text\": \"a\", \"spans\": []}\n{\"text\": \"b\", \"spans\": []}\n", "", "jsonl"},
		{"{\"text\": \"a\", \"entities\": [], \"relations\": []}\n", "", "doccano"},
		{"{\"text\": \"a\", \"label\": [[0, 1, \"Quote\"]]}\n", "", "doccano"},
		{strings.Join(csvHeader, ",") + "\r\n", "", "csv"},
		{"T1\tQuote 0 4\tSaid\n", "x.txt", "brat"},
		{"#1\tAnnotatorNotes T1\tnote\n", "", "brat"},
		{"", "empty.ann", "brat"},
		// Content that is no format: a .json name means a broken set, so its
		// reader can say where the JSON breaks.
		{"Hello, not JSON", "notes.quotemark.json", "quotemark"},
		{"Hello", "x.json", "quotemark"},
	} {
		got, err := DetectFormat([]byte(tc.data), tc.name)
		if err != nil || got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q", tc.data, tc.name, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "hello world", `{"foo": 1}`} {
		if got, err := DetectFormat([]byte(bad), "notes.txt"); err == nil {
			t.Errorf("DetectFormat(%q) = %q, want an error", bad, got)
		}
	}
	art := annotations.ArticleFromText("a", "Some text.")
	_, _, _, err := ImportAny([]byte("Hello"), "notes.quotemark.json", art)
	if err == nil || !strings.Contains(err.Error(), "line 1, column 1") {
		t.Errorf("importing a broken .quotemark.json: %v, want the JSON error with its place", err)
	}
}
