package formats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"quotemark/annotations"
)

// setSlugsProbing is setSlugs as it was: each slug probes -2, -3 … against
// every slug before it, which is cubic when thousands of sets share a name
// and the start of their id.
func setSlugsProbing(sets []*annotations.Set) []string {
	var slugs []string
	for _, s := range sets {
		slugs = append(slugs, annotations.UniqueID(slugBase(s), func(x string) bool { return slices.Contains(slugs, x) }))
	}
	return slugs
}

// sameStartSets are n sets of one annotator whose ids share their first 8
// hex digits, as sets copied from one another do.
func sameStartSets(n int) []*annotations.Set {
	sets := make([]*annotations.Set, n)
	for i := range sets {
		sets[i] = &annotations.Set{ID: fmt.Sprintf("0badcafe-0000-4000-8000-%012d", i), Annotator: "Ana"}
	}
	return sets
}

func TestSetSlugsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		// Few annotators and short ids, some of them a slug of another
		// plus a suffix ("a-x-2" is set "a" with id "x-2" or the second
		// "a-x"), so that bases collide with suffixed names.
		var sets []*annotations.Set
		for range rng.IntN(30) {
			ann := []string{"", "a", "a-x", "b", " "}[rng.IntN(5)]
			id := []string{"x", "x-2", "x-3", "2", "3", "0badcafe-1", "0badcafe-2"}[rng.IntN(7)]
			sets = append(sets, &annotations.Set{ID: id, Annotator: ann})
		}
		if got, want := setSlugs(sets), setSlugsProbing(sets); !slices.Equal(got, want) {
			t.Fatalf("round %d: setSlugs = %q, want %q", round, got, want)
		}
	}
	got := setSlugs(sameStartSets(500))
	if want := setSlugsProbing(sameStartSets(500)); !slices.Equal(got, want) {
		t.Fatalf("500 sets of one start: %q…, want %q…", got[:5], want[:5])
	}
	if got[0] != "ana-0badcafe" || got[1] != "ana-0badcafe-2" || got[499] != "ana-0badcafe-500" {
		t.Errorf("slugs %q … %q", got[:2], got[499])
	}
}

// BenchmarkWorstSetSlugs names thousands of sets whose ids share their
// first 8 hex digits, which a merge or an import of copied sets makes.
func BenchmarkWorstSetSlugs(b *testing.B) {
	for _, n := range []int{2000, 4000, 20000} {
		sets := sameStartSets(n)
		b.Run(fmt.Sprintf("sets=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				setSlugs(sets)
			}
		})
	}
}
