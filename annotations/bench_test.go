package annotations

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func BenchmarkRead(b *testing.B) {
	data := goldBytes(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	s, _ := goldSet(b)
	b.SetBytes(int64(len(Write(s))))
	b.ReportAllocs()
	for b.Loop() {
		Write(s)
	}
}

// longText is the reference article repeated with emoji between copies
// until it has at least 300,000 code points, and where each copy starts in
// code points.
func longText(b *testing.B) (string, []int) {
	b.Helper()
	art := goldArticle(b).Text
	var sb strings.Builder
	var starts []int
	for n := 0; n < 300_000; {
		sep := fmt.Sprintf("\n\n😀 👩‍👩‍👧 Copy %d 🇩🇪\n\n", len(starts))
		starts = append(starts, n)
		sb.WriteString(art)
		sb.WriteString(sep)
		n += utf8.RuneCountInString(art) + utf8.RuneCountInString(sep)
	}
	return sb.String(), starts
}

func BenchmarkNewOffsets(b *testing.B) {
	text, _ := longText(b)
	b.SetBytes(int64(len(text)))
	b.ReportMetric(float64(utf8.RuneCountInString(text)), "codepoints")
	b.ReportAllocs()
	for b.Loop() {
		NewOffsets(text)
	}
}

func BenchmarkOffsets(b *testing.B) {
	text, _ := longText(b)
	o := NewOffsets(text)
	rng := rand.New(rand.NewPCG(1, 1))
	cps := make([]int, 4096)
	units := make([]int, 4096)
	bytesAt := make([]int, 4096)
	for i := range cps {
		cps[i] = rng.IntN(o.Len() + 1)
		units[i] = rng.IntN(o.UTF16Len() + 1)
		bytesAt[i] = rng.IntN(len(text) + 1)
	}
	b.Run("UTF16", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.UTF16(cps[i&4095])
			i++
		}
	})
	b.Run("Byte", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.Byte(cps[i&4095])
			i++
		}
	})
	b.Run("FromUTF16", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.FromUTF16(units[i&4095], i&1 == 0)
			i++
		}
	})
	b.Run("FromByte", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.FromByte(bytesAt[i&4095], i&1 == 0)
			i++
		}
	})
	b.Run("TrimSpan", func(b *testing.B) {
		i := 0
		for b.Loop() {
			c := cps[i&4095]
			o.TrimSpan(c, c+50)
			i++
		}
	})
}

// BenchmarkAnchor re-anchors about 1,000 annotations (the reference set's,
// on 30 copies of its article inside the long text) onto an edited text: a
// paragraph inserted at the start, so that everything moves, a word changed
// in the middle, and an annotated quote cut from every copy, so that its
// annotations become orphans. Every exact text occurs once per copy, so
// each annotation is chosen among dozens of occurrences by its context.
func BenchmarkAnchor(b *testing.B) {
	text, starts := longText(b)
	art := ArticleFromText("long", text)
	gold, _ := goldSet(b)
	set := NewSet(art, "bench", testNow)
	set.Speakers = gold.Speakers
	for c := 0; len(set.Annotations) < 1000; c++ {
		base := starts[2*c] // every other copy
		for _, g := range gold.Annotations {
			a, err := art.Span(base+g.Start, base+g.End)
			if err != nil || a.Exact != g.Exact {
				b.Fatalf("copy %d: %q at %d is not %q", c, a.Exact, base+g.Start, g.Exact)
			}
			a.ID = fmt.Sprintf("%08x-0000-4000-8000-%012x", c, len(set.Annotations))
			a.Type, a.Speaker, a.Form, a.Checkworthy = g.Type, g.Speaker, g.Form, g.Checkworthy
			set.Annotations = append(set.Annotations, a)
		}
	}
	set.sort()
	if err := set.Validate(); err != nil {
		b.Fatal(err)
	}
	if rep, err := set.Clone().Anchor(art); err != nil || rep.Reanchored {
		b.Fatalf("set does not anchor on its own text: %v", err)
	}
	edited := "A new first paragraph, with an emoji 😀.\n\n" + text
	mid := len(edited) / 2
	edited = edited[:mid] + strings.Replace(edited[mid:], "great lengths", "considerable lengths", 1)
	edited = strings.ReplaceAll(edited, "jump in the Gulf of Mexico", "jump")
	newArt := ArticleFromText("long", edited)

	var rep *AnchorReport
	b.ReportAllocs()
	for b.Loop() {
		s := set.Clone()
		var err error
		if rep, err = s.Anchor(newArt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(set.Annotations)), "annotations")
	b.ReportMetric(float64(rep.Moved), "moved")
	b.ReportMetric(float64(rep.Orphaned), "orphaned")
}
