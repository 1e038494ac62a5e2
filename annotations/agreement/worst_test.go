package agreement

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// The worst cases of comparing and merging: two sets whose spans all
// overlap one another, which have n² overlapping pairs.

// worstShapes are the spans of the k-th annotation of set a and of set b,
// of n each, on a text of worstLength(n) code points.
var worstShapes = map[string]func(k, n int) (a, b [2]int){
	// Every span of both sets is the same (short: a set of 10,000 long
	// spans is a file of hundreds of megabytes).
	"identical": func(k, n int) ([2]int, [2]int) { return [2]int{100, 160}, [2]int{100, 160} },
	// Each span holds the next; b's are a's less their last code point.
	"nested": func(k, n int) ([2]int, [2]int) { return [2]int{k, 2*n + 2 - k}, [2]int{k, 2*n + 1 - k} },
	// Spans of 60 code points every 2, b's one code point on: each
	// overlaps 60 of the other set.
	"chained": func(k, n int) ([2]int, [2]int) { return [2]int{2 * k, 2*k + 60}, [2]int{2*k + 1, 2*k + 61} },
}

func worstLength(n int) int { return 2*n + 64 }

var worstArticles sync.Map // length → *annotations.Article

func worstArticle(length int) *annotations.Article {
	if a, ok := worstArticles.Load(length); ok {
		return a.(*annotations.Article)
	}
	const sentence = "They said the council would vote on the plan. "
	text := strings.Repeat(sentence, length/len(sentence)+1)
	a, _ := worstArticles.LoadOrStore(length, annotations.ArticleFromText("worst", string([]rune(text)[:length])))
	return a.(*annotations.Article)
}

// worstSets makes the two sets of a shape, of n quotes each.
func worstSets(tb testing.TB, shape string, n int) (*annotations.Article, *annotations.Set, *annotations.Set) {
	tb.Helper()
	art := worstArticle(worstLength(n))
	sets := [2]*annotations.Set{annotations.NewSet(art, "a", fixture.Now), annotations.NewSet(art, "b", fixture.Now)}
	for k := range n {
		spans := [2][2]int{}
		spans[0], spans[1] = worstShapes[shape](k, n)
		for side, s := range sets {
			a, err := art.Span(spans[side][0], spans[side][1])
			if err != nil {
				tb.Fatal(err)
			}
			a.ID = fmt.Sprintf("%08d-0000-4000-8000-%012d", side, k)
			a.Type = annotations.Quote
			s.Annotations = append(s.Annotations, a)
		}
	}
	for _, s := range sets {
		if err := s.Validate(); err != nil {
			tb.Fatal(err)
		}
	}
	return art, sets[0], sets[1]
}

// benchmarkWorst times f on the two sets of a shape, after a first run,
// untimed, that measures the peak heap: sampling it stops the world.
func benchmarkWorst(b *testing.B, shape string, f func(art *annotations.Article, a, c *annotations.Set)) {
	art, x, y := worstSets(b, shape, 10_000)
	peak := fixture.PeakHeap(func() { f(art, x, y) })
	b.ReportAllocs()
	for b.Loop() {
		f(art, x, y)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

func benchCompare(b *testing.B) func(*annotations.Article, *annotations.Set, *annotations.Set) {
	return func(art *annotations.Article, x, y *annotations.Set) {
		if _, err := Compare(art, []*annotations.Set{x, y}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMerge is what quotemark merge does: adjudicate, and build the
// agreed set.
func benchMerge(b *testing.B) func(*annotations.Article, *annotations.Set, *annotations.Set) {
	return func(art *annotations.Article, x, y *annotations.Set) {
		adj, err := Adjudicate(art, []*annotations.Set{x, y}, 0)
		if err != nil {
			b.Fatal(err)
		}
		none := slices.Repeat([]int{NoChoice}, len(adj.Decisions))
		if _, err := adj.Build(none, fixture.Now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorstCompareIdentical compares two sets of 10,000 quotes that
// all have one span: 10⁸ overlapping pairs, which all tie.
func BenchmarkWorstCompareIdentical(b *testing.B) { benchmarkWorst(b, "identical", benchCompare(b)) }

// BenchmarkWorstCompareNested compares two sets of 10,000 nested quotes.
func BenchmarkWorstCompareNested(b *testing.B) { benchmarkWorst(b, "nested", benchCompare(b)) }

// BenchmarkWorstCompareChained compares two sets of 10,000 quotes each
// overlapping its 60 neighbours in the other set.
func BenchmarkWorstCompareChained(b *testing.B) { benchmarkWorst(b, "chained", benchCompare(b)) }

func BenchmarkWorstMergeIdentical(b *testing.B) { benchmarkWorst(b, "identical", benchMerge(b)) }

// BenchmarkWorstMergeNested merges two sets of 10,000 nested quotes, none
// shared exactly: 20,000 candidates that all overlap.
func BenchmarkWorstMergeNested(b *testing.B) { benchmarkWorst(b, "nested", benchMerge(b)) }

func BenchmarkWorstMergeChained(b *testing.B) { benchmarkWorst(b, "chained", benchMerge(b)) }

func TestWorstShapesAgreeWithNaive(t *testing.T) {
	for shape := range worstShapes {
		_, a, b := worstSets(t, shape, 120)
		if got, want := MatchOverlap(a.Annotations, b.Annotations), naiveMatchOverlap(a.Annotations, b.Annotations); !slices.Equal(got, want) {
			t.Errorf("%s: MatchOverlap = %v, want %v", shape, got, want)
		}
	}
}

func TestWorstShapesFigures(t *testing.T) {
	// Identical spans pair off one to one, in index order; nested spans
	// pair off in order of overlap, each with its own; chained spans each
	// with the one a code point on.
	for shape := range worstShapes {
		art, a, b := worstSets(t, shape, 200)
		pairs := MatchOverlap(a.Annotations, b.Annotations)
		if len(pairs) != 200 {
			t.Fatalf("%s: %d pairs", shape, len(pairs))
		}
		for k, p := range pairs {
			if p != [2]int{k, k} {
				t.Fatalf("%s: pair %d is %v", shape, k, p)
			}
		}
		c := mustCompare(t, art, a, b)
		if f := c.Pairs[0].Types[AllTypes].Overlap; f.Matches != 200 {
			t.Errorf("%s: overlap matches %d", shape, f.Matches)
		}
		adj := mustAdjudicate(t, art, 0, a, b)
		switch {
		case shape == "identical" && (len(adj.Agreed) != 1 || len(adj.Decisions) != 0):
			// A set's duplicates count once.
			t.Errorf("%s: %d agreed, %d decisions", shape, len(adj.Agreed), len(adj.Decisions))
		case shape != "identical" && (len(adj.Agreed) != 0 || len(adj.Decisions) != 200):
			t.Errorf("%s: %d agreed, %d decisions", shape, len(adj.Agreed), len(adj.Decisions))
		}
		for _, d := range adj.Decisions {
			if d.Kind != Boundaries || len(d.Options) != 2 {
				t.Fatalf("%s: %s", shape, describeDecision(d))
			}
		}
	}
}

// TestMatchOverlapTiesAgreeWithNaive draws spans from a few code points,
// so that most are identical, nested or tied.
func TestMatchOverlapTiesAgreeWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 2000 {
		length := 2 + rng.IntN(12)
		a := randomAnnotations(rng, rng.IntN(40), length, 1+rng.IntN(length))
		b := randomAnnotations(rng, rng.IntN(40), length, 1+rng.IntN(length))
		if got, want := MatchOverlap(a, b), naiveMatchOverlap(a, b); !slices.Equal(got, want) {
			t.Fatalf("round %d: MatchOverlap = %v, want %v\na=%v\nb=%v", round, got, want, a, b)
		}
	}
}

// TestPairOffAgreesWithJoinOverlapping checks the grouping of two sets'
// candidates against the grouping of any number of sets.
func TestPairOffAgreesWithJoinOverlapping(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 1000 {
		length := 4 + rng.IntN(30)
		var open []*candidate
		for _, a := range randomAnnotations(rng, rng.IntN(40), length, 1+rng.IntN(length)) {
			sets := [][]int{{0}, {1}, {0, 1}}[rng.IntN(3)]
			open = append(open, &candidate{ann: a, sets: sets})
		}
		slices.SortFunc(open, func(p, q *candidate) int {
			return cmp.Or(cmp.Compare(p.sets[0], q.sets[0]), annotations.CompareAnnotations(p.ann, q.ann))
		})
		got, want := make([]int, len(open)), make([]int, len(open))
		for i := range open {
			got[i], want[i] = i, i
		}
		pairOff(open, got)
		joinOverlapping(open, want, 2)
		for i := range want { // joinOverlapping's parents may be a chain
			for want[i] != want[want[i]] {
				want[i] = want[want[i]]
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: groups %v, want %v", round, got, want)
		}
	}
}
