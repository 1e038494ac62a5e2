package annotations

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"quotemark/internal/fixture"
)

// The worst cases of re-anchoring: inputs of modest size on which a search
// per annotation over the whole text would take minutes. Each benchmark
// re-anchors 1,000 annotations onto a 5 MB article and reports the time,
// the allocations and the peak heap; the tests check the outcome at a small
// size.

const worstArticleBytes = 5 << 20

// worstVocab is news-like text in which "said" recurs in nearly every
// sentence, as it does in news.
var worstVocab = strings.Fields(`the of and to a in that is was he for it with as his on be at by
	had are but from or have an they which one you were her all she there would their we him
	been has when who will more no if out so what up its about into than them can only
	other new some could time these two may then do first any my now such like our over man
	council budget mayor election voters court judge ruling federal county city school
	police tax plan report data records office campaign vote law bill senate house policy
	administration investigation commissioner legislature department spokeswoman
	requirements constitutional responsibility municipal infrastructure café naïve Zoë`)

var worstNames = []string{"Dana Whitfield", "Ali Hosemann", "Maria Kobach", "John Okafor", "Wei García", "Fatima Nguyen"}

// worstText generates at most size bytes, and nearly as many, of sentences
// such as “…,” Name said. and Name said that ….
func worstText(rng *rand.Rand, size int) string {
	var sb strings.Builder
	words := func(n int) {
		for i := range n {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(worstVocab[rng.IntN(len(worstVocab))])
		}
	}
	for {
		if sb.Len() >= size {
			text := sb.String()
			return text[:strings.LastIndexByte(text[:size], ' ')] // 5 MB is as long as an article may be
		}
		name := worstNames[rng.IntN(len(worstNames))]
		switch rng.IntN(3) {
		case 0:
			sb.WriteString("“")
			words(6 + rng.IntN(12))
			sb.WriteString(",” " + name + " said.")
		case 1:
			sb.WriteString(name + " said that ")
			words(5 + rng.IntN(12))
			sb.WriteString(".")
		default:
			words(8 + rng.IntN(16))
			sb.WriteString(".")
		}
		if rng.IntN(5) == 0 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte(' ')
		}
	}
}

var worstArticles sync.Map // size → *Article

// worstArticle is a generated article of about size bytes, built once.
func worstArticle(size int) *Article {
	if a, ok := worstArticles.Load(size); ok {
		return a.(*Article)
	}
	a, _ := worstArticles.LoadOrStore(size, ArticleFromText("worst", worstText(rand.New(rand.NewPCG(5, uint64(size))), size)))
	return a.(*Article)
}

// setOfTexts makes a set on an old article in which each text stands in
// surroundings the new article never has, so that every annotation must be
// looked for by its text alone.
func setOfTexts(tb testing.TB, typ Type, texts []string) *Set {
	tb.Helper()
	var sb strings.Builder
	var spans [][2]int
	n := 0
	for i, x := range texts {
		before := fmt.Sprintf("Entry %d, filed by wq%dz under xj%dk: ", i, i, i)
		after := fmt.Sprintf(" (vx%dq; kept on file %d).\n\n", i, i)
		n += runeCount(before)
		spans = append(spans, [2]int{n, n + runeCount(x)})
		n += runeCount(x) + runeCount(after)
		sb.WriteString(before + x + after)
	}
	old := ArticleFromText("worst", sb.String())
	s := NewSet(old, "worst", fixture.Now)
	for i, sp := range spans {
		a, err := old.Span(sp[0], sp[1])
		if err != nil {
			tb.Fatal(err)
		}
		a.ID = fmt.Sprintf("%08x-0000-4000-8000-000000000000", i)
		a.Type = typ
		s.Annotations = append(s.Annotations, a)
	}
	s.Sort()
	if err := s.Validate(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// frequentWordTexts is n times "said".
func frequentWordTexts(n int) []string {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = "said"
	}
	return texts
}

// nowhereTexts are n sentences of 20 to 200 code points in letters and
// words the article never has.
func nowhereTexts(n int) []string {
	rng := rand.New(rand.NewPCG(7, 7))
	const letters = "bcdfghjklmnpqrstvwxz"
	texts := make([]string, n)
	for i := range texts {
		var sb strings.Builder
		for target := 20 + rng.IntN(180); sb.Len() < target; {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			for range 2 + rng.IntN(8) {
				sb.WriteByte(letters[rng.IntN(len(letters))])
			}
		}
		texts[i] = sb.String()
	}
	return texts
}

// longTexts are n passages of the article of about 1,000 code points with
// a word in ten changed, and their spans in the article: each is there,
// approximately, far from where the old article had it.
func longTexts(art *Article, n int) ([]string, [][2]int) {
	rng := rand.New(rand.NewPCG(9, 9))
	o := art.Offsets()
	texts, spans := make([]string, n), make([][2]int, n)
	for i := range texts {
		start := rng.IntN(o.Len() - 1200)
		passage := o.Slice(start, start+1000)
		// Whole words, from the first space to the last.
		first, last := strings.IndexByte(passage, ' ')+1, strings.LastIndexByte(passage, ' ')
		spans[i] = [2]int{start + runeCount(passage[:first]), start + runeCount(passage[:last])}
		words := strings.Split(passage[first:last], " ")
		for j := range words {
			if rng.IntN(10) == 0 {
				words[j] = worstVocab[rng.IntN(len(worstVocab))]
			}
		}
		texts[i] = strings.Join(words, " ")
	}
	return texts, spans
}

// benchmarkWorstAnchor times re-anchoring s onto art, after a first run,
// untimed, that measures the peak heap: sampling it stops the world.
func benchmarkWorstAnchor(b *testing.B, s *Set, art *Article) {
	var rep *AnchorReport
	anchor := func() {
		var err error
		if rep, err = s.Clone().Anchor(art); err != nil {
			b.Fatal(err)
		}
	}
	peak := fixture.PeakHeap(anchor)
	b.ReportAllocs()
	for b.Loop() {
		anchor()
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(len(s.Annotations)-rep.Orphaned), "placed")
	b.ReportMetric(float64(rep.Orphaned), "orphaned")
}

// BenchmarkWorstAnchorFrequentWord re-anchors 1,000 annotations of "said",
// which the 5 MB article has tens of thousands of times, none in the
// annotations' surroundings.
func BenchmarkWorstAnchorFrequentWord(b *testing.B) {
	benchmarkWorstAnchor(b, setOfTexts(b, Quote, frequentWordTexts(1000)), worstArticle(worstArticleBytes))
}

// BenchmarkWorstAnchorNowhere re-anchors 1,000 annotations whose text the
// 5 MB article has nowhere, not even approximately.
func BenchmarkWorstAnchorNowhere(b *testing.B) {
	benchmarkWorstAnchor(b, setOfTexts(b, Quote, nowhereTexts(1000)), worstArticle(worstArticleBytes))
}

// BenchmarkWorstAnchorLong re-anchors 1,000 annotations of about 1,000
// code points each, reworded, far from where they were.
func BenchmarkWorstAnchorLong(b *testing.B) {
	art := worstArticle(worstArticleBytes)
	texts, _ := longTexts(art, 1000)
	benchmarkWorstAnchor(b, setOfTexts(b, Quote, texts), art)
}

// withAnchorBounds runs f with re-anchoring's bounds set as given.
func withAnchorBounds(indexed, listed, cells int, f func()) {
	was := [3]int{indexedText, listedHits, fullScanCells}
	indexedText, listedHits, fullScanCells = indexed, listed, cells
	defer func() { indexedText, listedHits, fullScanCells = was[0], was[1], was[2] }()
	f()
}

// anchorOutcome describes where each annotation went, and why not.
func anchorOutcome(s *Set, rep *AnchorReport) map[string]string {
	out := make(map[string]string)
	for _, a := range s.Annotations {
		out[a.ID] = fmt.Sprintf("%s %d–%d %.3f", rep.Placements[a.ID], a.Start, a.End, rep.Confidence[a.ID])
	}
	for _, o := range s.Orphans {
		out[o.Annotation.ID] = "orphan: " + o.Reason
	}
	return out
}

// TestWorstAnchorSmall re-anchors the worst cases on a small article, as
// searching everything does and with bounds so low that every annotation
// takes the bounded ways: they must agree, and be right.
func TestWorstAnchorSmall(t *testing.T) {
	art := worstArticle(200_000)
	long, spans := longTexts(art, 30)
	said := strings.Count(art.Text, "said")
	for _, tc := range []struct {
		name  string
		set   *Set // annotation i is text i
		check func(i int, a Annotation, how string) bool
	}{
		{"frequent word", setOfTexts(t, Quote, frequentWordTexts(30)), func(_ int, _ Annotation, how string) bool {
			// Its surroundings are nowhere: "said" alone is no evidence.
			return how == fmt.Sprintf("orphan: its text occurs %d times in this version of the article, none in its old surroundings", said)
		}},
		{"nowhere", setOfTexts(t, Quote, nowhereTexts(30)), func(_ int, _ Annotation, how string) bool {
			return strings.HasPrefix(how, "orphan: its text was not found")
		}},
		{"long", setOfTexts(t, Quote, long), func(i int, a Annotation, how string) bool {
			// Where the passage is, give or take a changed first or last
			// word.
			var start, end int
			_, err := fmt.Sscanf(how, "approximate %d–%d", &start, &end)
			return err == nil && iabs(start-spans[i][0]) <= 12 && iabs(end-spans[i][1]) <= 12
		}},
	} {
		var ref, bounded map[string]string
		withAnchorBounds(math.MaxInt, math.MaxInt, math.MaxInt, func() {
			s := tc.set.Clone()
			rep, err := s.Anchor(art)
			fixture.Must(t, err)
			ref = anchorOutcome(s, rep)
		})
		withAnchorBounds(0, 16, 0, func() {
			s := tc.set.Clone()
			rep, err := s.Anchor(art)
			fixture.Must(t, err)
			bounded = anchorOutcome(s, rep)
		})
		if !maps.Equal(ref, bounded) {
			t.Errorf("%s: bounded\n%v\nwant\n%v", tc.name, bounded, ref)
		}
		for i, a := range tc.set.Annotations {
			how := bounded[a.ID]
			if j := strings.LastIndexByte(how, ' '); strings.HasPrefix(how, "approximate") && j > 0 {
				how = how[:j] // without the confidence
			}
			if !tc.check(i, a, how) {
				t.Errorf("%s: %q: %s", tc.name, Clip(a.Exact, 20), bounded[a.ID])
			}
		}
	}
}

// TestAnchorBoundsKeepPlacements re-anchors an edited article with bounds
// so low that every annotation takes the bounded ways: the placements are
// the same as searching everything gives.
func TestAnchorBoundsKeepPlacements(t *testing.T) {
	c := generateEdited(t, 2026, 50_000, 1000)
	var ref, bounded map[string]string
	withAnchorBounds(math.MaxInt, math.MaxInt, math.MaxInt, func() {
		s := c.set.Clone()
		rep, err := s.Anchor(c.new)
		fixture.Must(t, err)
		ref = anchorOutcome(s, rep)
	})
	withAnchorBounds(0, 16, 0, func() {
		s := c.set.Clone()
		rep, err := s.Anchor(c.new)
		fixture.Must(t, err)
		bounded = anchorOutcome(s, rep)
	})
	for id, want := range ref {
		got := bounded[id]
		if got == want {
			continue
		}
		// An orphan's reason may name no closest match where searching
		// everything found a poor one far away.
		if strings.HasPrefix(want, "orphan: its text was not found") && got == "orphan: its text was not found in this version of the article" {
			continue
		}
		t.Errorf("%s: %s, want %s", id, got, want)
	}
}
