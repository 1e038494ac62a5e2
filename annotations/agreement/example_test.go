package agreement_test

import (
	"fmt"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

// Two annotators tag the quote of a short article; one takes in the comma.
// The spans differ, so they do not match exactly, but they overlap. Kappa
// counts the 38 code points that are not white space: the sets disagree on
// one of them (37/38 observed against 0.542 expected by chance).
func ExampleCompare() {
	art := annotations.ArticleFromText("ex", "“We will build it,” the mayor said on Monday.")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ana := annotations.NewSet(art, "Ana", now)
	ben := annotations.NewSet(art, "Ben", now)
	if _, err := ana.Add(art, annotations.Quote, 1, 17); err != nil { // We will build it
		fmt.Println(err)
	}
	if _, err := ben.Add(art, annotations.Quote, 1, 18); err != nil { // We will build it,
		fmt.Println(err)
	}
	cmp, err := agreement.Compare(art, []*annotations.Set{ana, ben})
	if err != nil {
		fmt.Println(err)
		return
	}
	q := cmp.Pairs[0].Types["quote"]
	fmt.Println("exact F1:", agreement.FormatRatio(q.Exact.F1))
	fmt.Println("overlap F1:", agreement.FormatRatio(q.Overlap.F1))
	fmt.Println("kappa:", agreement.FormatRatio(q.Kappa))
	// Output:
	// exact F1: 0.000
	// overlap F1: 1.000
	// kappa: 0.942
}
