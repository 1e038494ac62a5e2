package formats

import (
	"bytes"
	"errors"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

// One fuzz target per reader. Under plain `go test` they run their seeds
// only; `make fuzz` runs each for FUZZTIME, e.g.
//
//	go test ./annotations/formats -run '^$' -fuzz '^FuzzImportBrat$' -fuzztime 30s
//
// The seeds are real files: the reference set exported in the format, the
// rich fixture's set (made on another text, so re-anchored) and two sets
// in one file, then the small hostile cases. Whatever a reader accepts must
// be a valid set whose spans lie on the article (its text at Start..End is
// Exact) and that Write and Read carry unchanged.

func FuzzImportW3C(f *testing.F)         { fuzzImport(f, "w3c") }
func FuzzImportBrat(f *testing.F)        { fuzzImport(f, "brat") }
func FuzzImportCSV(f *testing.F)         { fuzzImport(f, "csv") }
func FuzzImportJSONL(f *testing.F)       { fuzzImport(f, "jsonl") }
func FuzzImportLabelStudio(f *testing.F) { fuzzImport(f, "labelstudio") }
func FuzzImportDoccano(f *testing.F)     { fuzzImport(f, "doccano") }
func FuzzImportQuotemark(f *testing.F)   { fuzzImport(f, "quotemark") }

func fuzzImport(f *testing.F, format string) {
	s, art := gold.Set(f)
	other, otherArt := richFixture(f)
	for _, seed := range []struct {
		art  *annotations.Article
		sets []*annotations.Set
	}{{art, []*annotations.Set{s}}, {otherArt, []*annotations.Set{other}}, {art, []*annotations.Set{s, s}}} {
		files, err := Export(format, seed.art, seed.sets)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			if format != "brat" || bytes.HasSuffix([]byte(file.Name), []byte(".ann")) {
				f.Add(file.Data)
			}
		}
	}
	if format == "quotemark" {
		f.Add(fixture.Read(f, fixture.PerturbedSetFile))
	}
	for _, c := range hostileCases(art) {
		if c.format == format && c.input.make == nil {
			f.Add([]byte(c.input.literal))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkImport(t, format, data, art)
	})
}

// checkImport reads data as format onto art: an error is an *ImportError
// (a *FormatError for quotemark's own) with no set; sets are valid, on art,
// and survive Write and Read.
func checkImport(t *testing.T, format string, data []byte, art *annotations.Article) {
	sets, reports, err := Import(format, data, art)
	if err != nil {
		var ie *ImportError
		var fe *annotations.FormatError
		if !errors.As(err, &ie) && !errors.As(err, &fe) {
			t.Fatalf("error %q is a %T", err, err)
		}
		if sets != nil || reports != nil {
			t.Fatalf("sets came with the error %v", err)
		}
		return
	}
	if len(sets) == 0 || len(sets) != len(reports) {
		t.Fatalf("%d sets, %d reports", len(sets), len(reports))
	}
	o := art.Offsets()
	for _, s := range sets {
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted a set that does not validate: %v", err)
		}
		if s.Article != art.Ref() {
			t.Fatalf("the set is bound to %+v, not the article %+v", s.Article, art.Ref())
		}
		for _, a := range s.Annotations {
			if a.Start < 0 || a.End > art.Length || a.Start >= a.End || o.Slice(a.Start, a.End) != a.Exact {
				t.Fatalf("annotation %s at %d–%d %q does not lie on the article", a.ID, a.Start, a.End, a.Exact)
			}
			span, err := art.Span(a.Start, a.End)
			if err != nil || span.Prefix != a.Prefix || span.Suffix != a.Suffix {
				t.Fatalf("annotation %s: context %q %q, the article's %q %q (%v)", a.ID, a.Prefix, a.Suffix, span.Prefix, span.Suffix, err)
			}
		}
		written := annotations.Write(s)
		back, err := annotations.Read(written)
		if err != nil {
			t.Fatalf("Read refused what Write wrote of an accepted set: %v\n%s", err, written)
		}
		if again := annotations.Write(back); !bytes.Equal(again, written) {
			t.Fatalf("Write, Read, Write changed the set:\n%s\n----\n%s", written, again)
		}
	}
}
