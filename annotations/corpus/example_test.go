package corpus_test

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
)

// attributed is one article with one set that tags quote as said by speaker.
func attributed(id, text, quote, speaker string) corpus.CorpusEntry {
	art := annotations.ArticleFromText(id, text)
	set := annotations.NewSet(art, "Ana", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	start := utf8.RuneCountInString(text[:strings.Index(text, quote)])
	a, err := set.Add(art, annotations.Quote, start, start+utf8.RuneCountInString(quote))
	if err != nil {
		panic(err)
	}
	sp, err := set.AddSpeaker(speaker)
	if err != nil {
		panic(err)
	}
	if err := set.Attribute(a.ID, sp.ID); err != nil {
		panic(err)
	}
	return corpus.CorpusEntry{Article: art, Set: set}
}

// Two articles report one remark in slightly different words, and name its
// speaker in full and by surname. The corpus has one speaker with both
// quotes, and links the quotes.
func ExampleBuildCorpus() {
	c := corpus.BuildCorpus([]corpus.CorpusEntry{
		attributed("a", "“They can go jump in the Gulf of Mexico,” said Delbert Hosemann.",
			"They can go jump in the Gulf of Mexico", "Delbert Hosemann"),
		attributed("b", "Hosemann said they “can go and jump in the Gulf of Mexico.”",
			"can go and jump in the Gulf of Mexico.", "Hosemann"),
	})
	for _, s := range c.Speakers {
		fmt.Printf("%s (%s): %d quotes\n", s.Name, strings.Join(s.Names, ", "), len(s.Quotes))
	}
	for _, l := range c.Links {
		fmt.Printf("linked: %s/%s and %s/%s, similarity %.2f\n",
			l.Quotes[0].ArticleID, l.Quotes[0].Exact, l.Quotes[1].ArticleID, l.Quotes[1].Exact, l.Similarity)
		for _, d := range l.Diff {
			if d.Op != corpus.DiffSame {
				fmt.Printf("  %s: %q → %q\n", d.Op, d.A, d.B)
			}
		}
	}
	// Output:
	// Delbert Hosemann (Delbert Hosemann, Hosemann): 2 quotes
	// linked: a/They can go jump in the Gulf of Mexico and b/can go and jump in the Gulf of Mexico., similarity 0.89
	//   removed: "They" → ""
	//   added: "" → "and"
	//   changed: "Mexico" → "Mexico."
}

// DiffWords compares two quotes word by word: case and punctuation changes
// count as changes, so that a reader sees exactly what each article printed.
func ExampleDiffWords() {
	for _, d := range corpus.DiffWords("Mississippi is a great state to launch from.", "Mississippi is a fine State to launch from") {
		fmt.Printf("%-7s %q → %q\n", d.Op, d.A, d.B)
	}
	// Output:
	// same    "Mississippi is a" → "Mississippi is a"
	// changed "great state" → "fine State"
	// same    "to launch" → "to launch"
	// changed "from." → "from"
}
