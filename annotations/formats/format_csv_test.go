package formats

import (
	"strings"
	"testing"

	"quotemark/annotations"
)

func TestCSVExport(t *testing.T) {
	s, art := richFixture(t)
	empty := annotations.NewSet(art, "Bo", s.Created)
	files, err := Export("csv", art, []*annotations.Set{s, empty})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "rich_article.csv" || files[0].MIME != "text/csv; charset=utf-8" {
		t.Fatalf("files %v", fileNames(files))
	}
	data := string(files[0].Data)
	lines := strings.Split(data, "\r\n")
	if lines[0] != strings.Join(csvHeader, ",") {
		t.Errorf("header %q", lines[0])
	}
	for _, want := range []string{
		// A note with a line break is quoted; quotes are doubled; curly
		// quotes and emoji stay as they are.
		"\"Check the tape:\r\n\t“clinic” or “clinics”? \"\"quoted\"\" \\ backslash\"\r\n",
		",claim,", ",true,", ",false,", ",mixed,", ",Dr. Lee,",
		"rich_article," + empty.ID + ",Bo,,,,,,,,,\r\n", // the empty set keeps its row
	} {
		if !strings.Contains(data, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, data)
		}
	}
	sets, _, err := Import("csv", files[0].Data, art)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 2 || sets[1].ID != empty.ID || sets[1].Annotator != "Bo" || len(sets[1].Annotations) != 0 {
		t.Errorf("the sets that came back: %d, %+v", len(sets), sets[len(sets)-1])
	}
}

// TestCSVReadsHandMadeRows: a spreadsheet's rows without ids or positions,
// saved with a byte-order mark and LF line ends.
func TestCSVReadsHandMadeRows(t *testing.T) {
	_, art := richFixture(t)
	data := "\uFEFF" + strings.Join(csvHeader, ",") + "\n" +
		",,Kim,,Speaker,,,Dr. Lee,,,,\n" +
		",,Kim,,Claim,,,\"the council agreed it would review it\",Dr. Lee,,yes,\"two\nlines\"\n" +
		",,Kim,,quote,,,reckless,,Indirect,,\n"
	sets, reports, err := Import("csv", []byte(data), art)
	if err != nil {
		t.Fatal(err)
	}
	s := sets[0]
	if len(sets) != 1 || s.Annotator != "Kim" || len(s.Annotations)+len(s.Orphans) != 3 || !reports[0].Reanchored {
		t.Fatalf("%+v %+v", s, reports[0])
	}
	for _, a := range s.Annotations {
		switch a.Type {
		case annotations.Claim:
			if !a.Checkworthy || a.Note != "two\nlines" || s.SpeakerName(a.Speaker) != "Dr. Lee" {
				t.Errorf("claim %+v", a)
			}
		case annotations.Quote:
			if a.Form != annotations.Indirect {
				t.Errorf("quote %+v", a)
			}
		}
	}
	// A claim and a mention of one speaker share the speaker.
	if len(s.Speakers) != 1 {
		t.Errorf("speakers %+v", s.Speakers)
	}
}

func TestCSVRefusesRowsOfTwoArticles(t *testing.T) {
	_, art := richFixture(t)
	data := strings.Join(csvHeader, ",") + "\r\na,,,,claim,0,5,Mayor,,,,\r\nb,,,,claim,0,5,Mayor,,,,\r\n"
	_, _, err := Import("csv", []byte(data), art)
	if err == nil || !strings.Contains(err.Error(), "CSV: line 3: the file holds rows of 2 articles (a, b)") {
		t.Errorf("%v", err)
	}
	data = strings.Join(csvHeader, ",") + "\r\na,s1,Ann,,claim,0,5,Mayor,,,,\r\na,s1,Bo,,claim,6,9,Zoë,,,,\r\n"
	_, _, err = Import("csv", []byte(data), art)
	if err == nil || !strings.Contains(err.Error(), `line 3, column annotator: "Bo" differs from "Ann" on line 2`) {
		t.Errorf("%v", err)
	}
	data = strings.Join(csvHeader, ",") + "\r\na,s1,Ann,,claim,0,5,\"Mayor,,,,\r\n"
	_, _, err = Import("csv", []byte(data), art)
	if err == nil || !strings.Contains(err.Error(), "CSV: line 2, column") {
		t.Errorf("an unclosed quote: %v", err)
	}
}
