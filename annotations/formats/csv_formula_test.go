package formats

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// TestCSVExportIsFormulaSafe: no cell of the export starts as a formula
// would (=, +, -, @, tab, carriage return), and reading it back restores
// every value exactly, those that start with "-" or "+" as ordinary text
// and those that already start with a single quote.
func TestCSVExportIsFormulaSafe(t *testing.T) {
	art := annotations.ArticleFromText("formula", "Prices -5% this year, +3 next. =SUM(A1) is what he typed. "+
		"@mayor wrote '=HYPERLINK(x)' and ''-twice.")
	created := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	s := annotations.NewSet(art, "@ana", created)
	add := func(typ annotations.Type, sub string, note string) {
		i := fixture.CPIndex(t, art.Text, sub, 0)
		a, err := s.Add(art, typ, i, i+utf8.RuneCountInString(sub))
		if err != nil {
			t.Fatalf("%q: %v", sub, err)
		}
		if err := s.Update(a.ID, func(a *annotations.Annotation) { a.Note = note }); err != nil {
			t.Fatal(err)
		}
	}
	add(annotations.Quote, "-5% this year", "=1+1")
	add(annotations.Quote, "+3 next", "\tindented")
	add(annotations.Claim, "=SUM(A1)", "@@at")
	add(annotations.Quote, "@mayor", "-")
	add(annotations.Quote, "'=HYPERLINK(x)'", "'+quoted already")
	add(annotations.Quote, "''-twice", "'plain quote stays")
	files, err := Export("csv", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	data := files[0].Data
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts like a formula", cell)
			}
		}
	}
	for _, want := range []string{",'-5% this year,", ",'=1+1", ",'+3 next,", ",'\tindented", ",'=SUM(A1),", ",'@@at", ",'@mayor,", ",'-\r\n",
		",'@ana,", ",''=HYPERLINK(x)',", ",''+quoted already", ",'''-twice,", ",'plain quote stays"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the CSV lacks %q:\n%s", want, data)
		}
	}
	sets, reports, err := Import("csv", data, art)
	if err != nil {
		t.Fatal(err)
	}
	compareSets(t, "csv", s, sets[0], formatKeeps["csv"])
	for id, p := range reports[0].Placements {
		if p != annotations.PlacedAtPosition {
			t.Errorf("%s placed by %s", id, p)
		}
	}
	if sets[0].Annotator != "@ana" {
		t.Errorf("annotator %q", sets[0].Annotator)
	}
}

// Each cell that starts like a formula, a carriage return too (which the
// writer's CRLF line ends cannot carry, so no round trip shows it), gets one
// quote, and reading takes off exactly that.
func TestCSVNeutralisesEveryFormulaStart(t *testing.T) {
	for _, v := range []string{"=x", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''\rx", "x", "'x", "''", "", "x=", " -x"} {
		cell := csvNeutralised([]string{v})[0]
		if csvIsFormula(cell) != (cell != v) || strings.ContainsRune("=+-@\t\r", rune((cell + " ")[0])) {
			t.Errorf("%q → %q", v, cell)
		}
		if got := csvRestored(cell); got != v {
			t.Errorf("%q → %q → %q", v, cell, got)
		}
	}
}

// A spreadsheet user's own quote before a formula-like cell comes off
// exactly once; other quotes stay.
func TestCSVReadsNeutralisedCells(t *testing.T) {
	art := annotations.ArticleFromText("a", "He said -5% and left.")
	data := strings.Join(csvHeader, ",") + "\n" +
		",,,,quote,8,11,'-5%,,,,'=1+1\n" +
		",,,,quote,0,2,He,,,,''=x\n" +
		",,,,quote,12,15,and,,,,'hello\n"
	sets, _, err := Import("csv", []byte(data), art)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, a := range sets[0].Annotations {
		notes[a.Exact] = a.Note
	}
	if notes["-5%"] != "=1+1" || notes["He"] != "'=x" || notes["and"] != "'hello" || len(sets[0].Annotations) != 3 {
		t.Errorf("%q", notes)
	}
}
