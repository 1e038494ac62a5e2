package annotations

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAtIndexMatchesScan: the cover tree answers At as the scan of a plain
// set does, at every position, and follows edits, undo and redo.
func TestAtIndexMatchesScan(t *testing.T) {
	s, art := benchSet(t, 300)
	rng := rand.New(rand.NewPCG(3, 3))
	h := NewHistory(s)
	// Long spans over many others, nested and overlapping.
	for range 40 {
		start := rng.IntN(2000)
		end := start + 1 + rng.IntN(400)
		if _, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, start, end); return err }); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		plain := h.Set().Clone()
		for cp := range 2600 {
			got, want := h.Set().At(cp), plain.At(cp)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: At(%d) = %v, the scan finds %v", when, cp, ids(got), ids(want))
			}
		}
	}
	check("after adding")
	first := h.Set().Annotations[0]
	if _, err := h.Apply(func(s *Set) error { return s.Respan(art, first.ID, first.Start, first.End+300) }); err != nil {
		t.Fatal(err)
	}
	check("after a respan")
	h.Undo()
	check("after undo")
	h.Redo()
	check("after redo")
	if _, err := h.Apply(func(s *Set) error { return s.Delete(first.ID) }); err != nil {
		t.Fatal(err)
	}
	check("after a delete")
}

func ids(anns []Annotation) []string {
	var out []string
	for _, a := range anns {
		out = append(out, fmt.Sprintf("%s %d–%d", a.Type, a.Start, a.End))
	}
	return out
}

// BenchmarkCaretLookup is what the article page asks on each caret move:
// the annotations at a position of an indexed set (a History's), at random
// positions. The rebuild case is the first look-up after an edit, which
// builds the cover tree again.
func BenchmarkCaretLookup(b *testing.B) {
	for _, n := range benchSizes {
		s, art := benchSet(b, n)
		h := NewHistory(s)
		length := art.Offsets().Len()
		rng := rand.New(rand.NewPCG(5, 5))
		at := make([]int, 4096)
		for i := range at {
			// The annotations sit in the first 2n sentences (about 50 code
			// points each); look there, where hits are.
			at[i] = rng.IntN(min(length, max(1, 2*n)*50))
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				h.Set().At(at[i%len(at)])
				i++
			}
		})
		b.Run(fmt.Sprintf("rebuild/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				h.Set().idx.cover.valid = false
				h.Set().At(at[i%len(at)])
				i++
			}
		})
		b.Run(fmt.Sprintf("scan/n=%d", n), func(b *testing.B) {
			plain := h.Set().Clone()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				plain.At(at[i%len(at)])
				i++
			}
		})
	}
}
