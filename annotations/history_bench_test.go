package annotations

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// benchSet is a set of n annotations on an article with room for many
// more, built directly (as Read would) so that building it costs little.
func benchSet(tb testing.TB, n int) (*Set, *Article) {
	tb.Helper()
	var sb strings.Builder
	const sentences = 20_000
	for i := range sentences {
		fmt.Fprintf(&sb, "Speaker%d said “quote number %d is here” today. ", i%50, i)
	}
	art := ArticleFromText("bench", sb.String())
	art.Offsets() // built once, not in the first timed step
	s := NewSet(art, "bench", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 50 {
		s.Speakers = append(s.Speakers, Speaker{ID: uuidFrom(rng), Name: fmt.Sprintf("Speaker%d", i)})
	}
	for i := range n {
		// Each annotation has its own sentence, the even ones: the odd ones
		// are left for the benchmarks to tag.
		sent := 2 * i % sentences
		start := sentStart(art, sent)
		a, err := art.Span(start, start+8)
		if err != nil {
			tb.Fatal(err)
		}
		a.ID = uuidFrom(rng)
		a.Type = Types[i%3]
		switch a.Type {
		case Quote:
			a.Form = Direct
			a.Speaker = s.Speakers[i%50].ID
		case SpeakerMention:
			a.Speaker = s.Speakers[i%50].ID
		}
		s.Annotations = append(s.Annotations, a)
	}
	s.Sort()
	if err := s.Validate(); err != nil {
		tb.Fatal(err)
	}
	return s, art
}

var sentStarts = map[string][]int{}

// sentStart is where sentence i of the bench article starts, in code points.
func sentStart(art *Article, i int) int {
	starts, ok := sentStarts[art.SHA256]
	if !ok {
		r := []rune(art.Text)
		starts = []int{0}
		for j := 0; j+1 < len(r); j++ {
			if r[j] == '.' && r[j+1] == ' ' {
				starts = append(starts, j+2)
			}
		}
		sentStarts[art.SHA256] = starts
	}
	return starts[i]
}

func uuidFrom(rng *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	u, _ := uuid.FromBytes(b[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

var benchSizes = []int{0, 250, 2000, 10000}

// The History benchmarks measure one step on a set of n annotations; the
// timer is stopped for what puts the set back, so each step meets a set of
// the same size. Run them with a fixed count (-benchtime=2000x): stopping
// the timer reads the memory statistics, which is slow.

func BenchmarkHistoryTag(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s, art := benchSet(b, n)
			h := NewHistory(s)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				start := sentStart(art, 2*(i%9000)+1)
				if _, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, start, start+5); return err }); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				h.Undo()
				b.StartTimer()
				i++
			}
		})
	}
}

func BenchmarkHistoryDelete(b *testing.B) {
	for _, n := range benchSizes[1:] {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s, _ := benchSet(b, n)
			h := NewHistory(s)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				id := h.Set().Annotations[i%n].ID
				if _, err := h.Apply(func(s *Set) error { return s.Delete(id) }); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				h.Undo()
				b.StartTimer()
				i++
			}
		})
	}
}

func BenchmarkHistoryUndo(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			s, art := benchSet(b, n)
			h := NewHistory(s)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				start := sentStart(art, 2*(i%9000)+1)
				if _, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, start, start+5); return err }); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				h.Undo()
				i++
			}
		})
	}
}

// BenchmarkHistoryMemory reports what the History holds after 500 steps
// (a full undo stack) on a set of 10,000 annotations: the heap after them
// less the heap before, both after a collection.
func BenchmarkHistoryMemory(b *testing.B) {
	s, art := benchSet(b, 10000)
	var held float64
	for b.Loop() {
		h := NewHistory(s.Clone())
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range 500 {
			start := sentStart(art, 2*i+1)
			if _, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, start, start+5); return err }); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(h)
		held = float64(after.HeapAlloc) - float64(before.HeapAlloc)
	}
	b.ReportMetric(held, "heap-bytes")
}

// benchSuggestions are 4,000 quote suggestions on sentences benchSet left
// free, naming 60 speakers (50 of them the set's).
func benchSuggestions(art *Article) []Suggestion {
	var sugg []Suggestion
	for i := range 4000 {
		start := sentStart(art, 2*i+1) + 10
		a, _ := art.Span(start, start+12)
		a.Type = Quote
		a.Form = Direct
		sugg = append(sugg, Suggestion{Annotation: a, SpeakerName: fmt.Sprintf("Speaker%d", i%60), Confidence: 0.9})
	}
	return sugg
}

// BenchmarkAcceptSuggestions accepts 4,000 suggestions as one step on a set
// of 2,000 annotations; the timer is stopped for copying the set.
func BenchmarkAcceptSuggestions(b *testing.B) {
	s, art := benchSet(b, 2000)
	sugg := benchSuggestions(art)
	b.Run("history", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			h := NewHistory(s.Clone())
			b.StartTimer()
			if _, err := h.Apply(func(s *Set) error { _, err := s.AcceptSuggestions(art, sugg, 0.5); return err }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			c := s.Clone()
			b.StartTimer()
			if _, err := c.AcceptSuggestions(art, sugg, 0.5); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pending", func(b *testing.B) {
		h := NewHistory(s.Clone())
		b.ReportAllocs()
		for b.Loop() {
			PendingSuggestions(h.Set(), sugg, nil)
		}
	})
}

// BenchmarkChangeRecords is the records of one tag on a set of 10,000
// annotations, and of accepting 4,000 suggestions.
func BenchmarkChangeRecords(b *testing.B) {
	s, art := benchSet(b, 10000)
	h := NewHistory(s)
	start := sentStart(art, 1)
	tag, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, start, start+5); return err })
	if err != nil {
		b.Fatal(err)
	}
	b.Run("tag", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ChangeRecords(h.Set(), tag)
		}
	})
	accept, err := h.Apply(func(s *Set) error { _, err := s.AcceptSuggestions(art, benchSuggestions(art), 0.5); return err })
	if err != nil {
		b.Fatal(err)
	}
	b.Run("accept4000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ChangeRecords(h.Set(), accept)
		}
	})
	b.Run("SetRecords", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			SetRecords(h.Set())
		}
	})
	recs := SetRecords(h.Set())
	b.Run("SetFromRecords", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := SetFromRecords(recs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSpeakerUses is the per-speaker counts the UI shows, for 50
// speakers of a set of 10,000 annotations.
func BenchmarkSpeakerUses(b *testing.B) {
	s, _ := benchSet(b, 10000)
	h := NewHistory(s)
	b.ReportAllocs()
	for b.Loop() {
		for _, sp := range h.Set().Speakers {
			h.Set().SpeakerUses(sp.ID)
		}
	}
}

func BenchmarkNewHistory(b *testing.B) {
	s, _ := benchSet(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		NewHistory(s)
	}
}
