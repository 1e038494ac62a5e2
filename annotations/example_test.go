package annotations_test

import (
	"fmt"
	"time"

	"quotemark/annotations"
)

// A set tags a quote and its speaker's mention on a text with an emoji and
// curly quotes; offsets count code points, and the DOM's UTF-16 offsets are
// converted at the edge.
func ExampleSet_Add() {
	art := annotations.ArticleFromText("ex", "👋 “Hello,” said Dana Whitfield.")
	s := annotations.NewSet(art, "Ana", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	q, err := s.Add(art, annotations.Quote, 3, 9) // Hello, (the comma is inside the marks)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := s.Add(art, annotations.SpeakerMention, 16, 30)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := s.Attribute(q.ID, m.Speaker); err != nil {
		fmt.Println(err)
		return
	}
	q, _ = s.Annotation(q.ID)
	fmt.Printf("%s %q by %s\n", q.Type, q.Exact, s.SpeakerName(q.Speaker))
	fmt.Println("code points", q.Start, "to", q.End, "= UTF-16", art.Offsets().UTF16(q.Start), "to", art.Offsets().UTF16(q.End))
	// Output:
	// quote "Hello," by Dana Whitfield
	// code points 3 to 9 = UTF-16 4 to 10
}
