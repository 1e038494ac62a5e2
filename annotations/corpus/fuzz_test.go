package corpus

import (
	"bytes"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

// Under plain `go test` this runs its seeds only; `make fuzz` runs it for
// FUZZTIME:
//
//	go test ./annotations/corpus -run '^$' -fuzz '^FuzzReadArchive$' -fuzztime 30s
//
// The seeds are real archives: the reference article with its reference
// set, and with a second set re-anchored onto an edited text (orphans and
// approximate placements in its .extra.json) beside the second seed
// article. What ReadArchive accepts must be valid sets lying on their
// articles' texts, which Write and Read carry unchanged and which pack into
// an archive that reads back the same.
func FuzzReadArchive(f *testing.F) {
	s, art := gold.Set(f)
	one, err := WriteArchive([]*annotations.Article{art}, []*annotations.Set{s})
	fixture.Must(f, err)
	f.Add(one)

	edited, err := annotations.NewArticle("edited", []byte(strings.Replace(art.Text, "“patently misleading representations”", "", 1)))
	fixture.Must(f, err)
	second := s.Clone()
	second.ID = "6b0c1e52-5f5e-4d7c-9a0e-2f4d1c3b9a01"
	_, err = second.Anchor(edited)
	fixture.Must(f, err)
	seed1, err := annotations.NewArticle(fixture.SeedArticle1ID, fixture.Read(f, fixture.SeedArticle1File))
	fixture.Must(f, err)
	two, err := WriteArchive([]*annotations.Article{art, edited, seed1}, []*annotations.Set{s, second})
	fixture.Must(f, err)
	f.Add(two)
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18))) // an empty zip

	f.Fuzz(func(t *testing.T, data []byte) {
		articles, sets, err := ReadArchive(data)
		if err != nil {
			if articles != nil || sets != nil {
				t.Fatalf("articles or sets came with the error %v", err)
			}
			return
		}
		bySHA := map[string]*annotations.Article{}
		for _, a := range articles {
			bySHA[a.SHA256] = a
		}
		for _, s := range sets {
			checkArchivedSet(t, s, bySHA[s.Article.SHA256])
		}
		packed, err := WriteArchive(articles, sets)
		if err != nil {
			t.Fatalf("WriteArchive refused what ReadArchive accepted: %v", err)
		}
		articles2, sets2, err := ReadArchive(packed)
		if err != nil || len(articles2) != len(articles) || len(sets2) != len(sets) {
			t.Fatalf("the archive packed again reads back as %d articles, %d sets (%v); want %d, %d", len(articles2), len(sets2), err, len(articles), len(sets))
		}
		for i := range sets {
			if !bytes.Equal(annotations.Write(sets[i]), annotations.Write(sets2[i])) {
				t.Fatalf("set %s changed when packed again", sets[i].ID)
			}
		}
	})
}

// checkArchivedSet: the set is valid, every span lies on its article's
// text, and Write then Read gives it back unchanged.
func checkArchivedSet(t *testing.T, s *annotations.Set, art *annotations.Article) {
	t.Helper()
	if art == nil {
		t.Fatalf("set %s is for a text that is not among the articles", s.ID)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("set %s does not validate: %v", s.ID, err)
	}
	o := art.Offsets()
	for _, a := range s.Annotations {
		if a.Start < 0 || a.End > art.Length || a.Start >= a.End || o.Slice(a.Start, a.End) != a.Exact {
			t.Fatalf("set %s: annotation %s at %d–%d %q does not lie on article %s", s.ID, a.ID, a.Start, a.End, a.Exact, art.ID)
		}
	}
	written := annotations.Write(s)
	back, err := annotations.Read(written)
	if err != nil {
		t.Fatalf("Read refused what Write wrote of set %s: %v", s.ID, err)
	}
	if again := annotations.Write(back); !bytes.Equal(again, written) {
		t.Fatalf("Write, Read, Write changed set %s", s.ID)
	}
}
