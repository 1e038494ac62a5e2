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

// The readers as ImportWith runs them (the command line's import), with a
// label map: events, mapped relations, fragments split, pronouns dropped.
func FuzzImportWithBrat(f *testing.F) {
	f.Add([]byte("T1\tSource 0 3\tRay\nT2\tContent 9 14;16 20\tthe b rid\nT3\tAttribution 4 8\tsaid\nT4\tCue 4 8\tsaid\nE1\tAttribution:T3 Content:T2 Source:T1 Cue:T4\nR1\tSays Arg1:T1 Arg2:T2\nA1\tNegated T2\n"))
	fuzzImportWith(f, "brat")
}
func FuzzImportWithJSONL(f *testing.F)       { fuzzImportWith(f, "jsonl") }
func FuzzImportWithLabelStudio(f *testing.F) { fuzzImportWith(f, "labelstudio") }
func FuzzImportWithDoccano(f *testing.F)     { fuzzImportWith(f, "doccano") }

var fuzzOptions = ImportOptions{Labels: LabelMap{"cue": {Omit: true}, "content": {Type: annotations.Quote, Form: annotations.Indirect}}, Relations: map[string]bool{"cites": false}, DropPronouns: true}

func fuzzImportWith(f *testing.F, format string) {
	fuzzImportSeeds(f, format)
	_, art := gold.Set(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkImportWith(t, format, data, art, &fuzzOptions)
	})
}

func fuzzImport(f *testing.F, format string) {
	_, art := gold.Set(f)
	fuzzImportSeeds(f, format)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkImport(t, format, data, art)
	})
}

// fuzzImportSeeds adds the exports of the gold and rich sets and the
// hostile cases of format.
func fuzzImportSeeds(f *testing.F, format string) {
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
}

// checkImport reads data as format onto art: an error is an *ImportError
// (a *FormatError for quotemark's own) with no set; sets are valid, on art,
// and survive Write and Read.
func checkImport(t *testing.T, format string, data []byte, art *annotations.Article) {
	checkImportWith(t, format, data, art, nil)
}

// checkImportWith is checkImport through ImportWith with opts, or Import
// when opts is nil; ImportWith may also stop at unmapped labels.
func checkImportWith(t *testing.T, format string, data []byte, art *annotations.Article, opts *ImportOptions) {
	var sets []*annotations.Set
	var reports []*annotations.AnchorReport
	var err error
	if opts == nil {
		sets, reports, err = Import(format, data, art)
	} else if imp, e := ImportWith(format, data, art, *opts); e != nil {
		err = e
	} else {
		sets, reports = imp.Sets, imp.Reports
	}
	if err != nil {
		var ie *ImportError
		var fe *annotations.FormatError
		var ue *UnmappedLabelsError
		if !errors.As(err, &ie) && !errors.As(err, &fe) && !errors.As(err, &ue) {
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
