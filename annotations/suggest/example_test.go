package suggest_test

import (
	"fmt"

	"quotemark/annotations"
	"quotemark/annotations/suggest"
)

// A two-sentence article: a quotation attributed after its marks, and a
// statement reported without them, which is also a checkable claim. Each
// attribution gives a speaker mention too.
func ExampleSuggest() {
	art := annotations.ArticleFromText("ex", "“We will build the bridge by June,” Mayor Ana Ruiz said on Monday. "+
		"The council said that the budget had grown by 12 percent since 2024.\n")
	for _, s := range suggest.Suggest(art) {
		fmt.Printf("%-7s %q, speaker %s\n", s.Annotation.Type, s.Annotation.Exact, s.SpeakerName)
	}
	// Output:
	// quote   "We will build the bridge by June,", speaker Ana Ruiz
	// speaker "Ana Ruiz", speaker Ana Ruiz
	// speaker "The council", speaker The council
	// claim   "the budget had grown by 12 percent since 2024", speaker The council
	// quote   "the budget had grown by 12 percent since 2024", speaker The council
}
