package annotations

import (
	"math/rand/v2"
	"testing"
)

func TestUniqueIDsAgreesWithUniqueID(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for round := range 300 {
		// Bases that are other bases with a suffix ("a-2", "a-2-2") make
		// a suffix taken before its base asks for it.
		bases := []string{"a", "a-2", "a-3", "a-2-2", "b", "a-1"}
		var u UniqueIDs
		taken := map[string]bool{}
		for range rng.IntN(40) {
			base := bases[rng.IntN(len(bases))]
			want := UniqueID(base, func(id string) bool { return taken[id] })
			taken[want] = true
			if got := u.Next(base); got != want {
				t.Fatalf("round %d: Next(%q) = %q, want %q", round, base, got, want)
			}
		}
	}
}
