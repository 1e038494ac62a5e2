package agreement

import (
	"testing"

	"quotemark/annotations"
)

// TestSpeakersThatExtendEachOtherAgree: one annotator gives a quote to
// "Hosemann", the other to "Delbert Hosemann": the attribution agrees, no
// speaker disagreement is listed, and adjudication makes one speaker with
// the fuller name. Were the second set to hold two Hosemanns, the short name
// would be matched to neither.
func TestSpeakersThatExtendEachOtherAgree(t *testing.T) {
	const text = "“We launch,” said Hosemann. Mary Hosemann was there."
	art := annotations.ArticleFromText("t", text)
	q := [2]int{0, 12} // “We launch,”
	a := handSet(t, art, "a", sp{annotations.Quote, q[0], q[1], "Hosemann"})
	b := handSet(t, art, "b", sp{annotations.Quote, q[0], q[1], "Delbert Hosemann"})

	p := mustCompare(t, art, a, b).Pairs[0]
	if p.Attribution.Pairs != 1 || p.Attribution.Agree != 1 {
		t.Errorf("attribution %d of %d pairs agree, want 1 of 1", p.Attribution.Agree, p.Attribution.Pairs)
	}
	if d := Disagreements(a, b); len(d) != 0 {
		t.Errorf("disagreements %+v, want none", d)
	}
	adj, err := Adjudicate(art, []*annotations.Set{a, b}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(adj.Decisions) != 0 || len(adj.Agreed) != 1 {
		t.Fatalf("adjudication: %d agreed, %d decisions; want the quote agreed", len(adj.Agreed), len(adj.Decisions))
	}
	if len(adj.Speakers) != 1 || adj.Speakers[0].Name != "Delbert Hosemann" {
		t.Errorf("adjudicated speakers %v, want one, Delbert Hosemann", adj.Speakers)
	}

	// Ambiguous: b has two people a's "Hosemann" could be.
	b2 := handSet(t, art, "b", sp{annotations.Quote, q[0], q[1], "Delbert Hosemann"}, sp{annotations.SpeakerMention, 28, 41, "Mary Hosemann"})
	p = mustCompare(t, art, a, b2).Pairs[0]
	if p.Attribution.Agree != 0 {
		t.Errorf("with two Hosemanns in b the attribution agrees (%d of %d); want it left a disagreement", p.Attribution.Agree, p.Attribution.Pairs)
	}
	adj, err = Adjudicate(art, []*annotations.Set{a, b2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(adj.Decisions) == 0 || adj.Decisions[0].Kind != SpeakerDiffers {
		t.Errorf("with two Hosemanns in b the decisions are %+v; want the quote's speaker to decide", adj.Decisions)
	}

	// Whole words only: "Ann" is not "Hosemann".
	c := handSet(t, art, "c", sp{annotations.Quote, q[0], q[1], "Ann"})
	if p := mustCompare(t, art, a, c).Pairs[0]; p.Attribution.Agree != 0 {
		t.Errorf("Ann and Hosemann agree")
	}
}
