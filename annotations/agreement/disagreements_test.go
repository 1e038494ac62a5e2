package agreement

import (
	"fmt"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture/gold"
)

// describe is a disagreement in one line, for comparing lists.
func describeDisagreement(d Disagreement) string {
	side := func(a *annotations.Annotation, name string) string {
		if a == nil {
			return "-"
		}
		return fmt.Sprintf("%d–%d %q", a.Start, a.End, name)
	}
	return fmt.Sprintf("%s %s %d–%d A:%s B:%s", d.Kind, d.Type, d.Start, d.End, side(d.A, d.ASpeaker), side(d.B, d.BSpeaker))
}

func TestDisagreementKinds(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	a := handSet(t, art, "a",
		sp{annotations.Quote, 0, 5, "Ann"},            // agrees with B's exactly
		sp{annotations.Quote, 6, 10, "Ann"},           // B: 6–12 (boundaries)
		sp{annotations.Claim, 6, 10, ""},              // only A (the quote 6–12 is another type)
		sp{annotations.Quote, 13, 16, "Ann"},          // B: Bob (speaker)
		sp{annotations.Quote, 17, 19, ""},             // B attributes it (speaker)
		sp{annotations.SpeakerMention, 20, 23, "Ann"}, // B: "Annie", the same mention: no disagreement
		sp{annotations.Quote, 24, 26, "ANN"},          // B: "ann" (case only): no disagreement
	)
	b := handSet(t, art, "b",
		sp{annotations.Quote, 0, 5, "Ann"},
		sp{annotations.Quote, 6, 12, "Bob"}, // boundaries, and another speaker: still boundaries
		sp{annotations.Quote, 13, 16, "Bob"},
		sp{annotations.Quote, 17, 19, "Bob"},
		sp{annotations.SpeakerMention, 20, 23, "Annie"},
		sp{annotations.Quote, 24, 26, "ann"},
		sp{annotations.Claim, 27, 30, ""}, // only B
	)
	var got []string
	for _, d := range Disagreements(a, b) {
		got = append(got, describeDisagreement(d))
	}
	want := []string{
		`only-a claim 6–10 A:6–10 "" B:-`, // sorted by start, then end
		`boundaries quote 6–12 A:6–10 "Ann" B:6–12 "Bob"`,
		`speaker quote 13–16 A:13–16 "Ann" B:13–16 "Bob"`,
		`speaker quote 17–19 A:17–19 "" B:17–19 "Bob"`,
		`only-b claim 27–30 A:- B:27–30 ""`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Disagreements:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The annotations are copies: changing one leaves the set alone.
	d := Disagreements(a, b)
	d[0].A.Start = 99
	if a.Annotations[1].Start != 6 {
		t.Error("a disagreement's annotation aliases the set's")
	}
	// Swapping the sets swaps the sides.
	var swapped []string
	for _, d := range Disagreements(b, a) {
		swapped = append(swapped, string(d.Kind))
	}
	if strings.Join(swapped, " ") != "only-b boundaries speaker speaker only-a" {
		t.Errorf("swapped: %v", swapped)
	}
	if d := Disagreements(a, a.Clone()); len(d) != 0 {
		t.Errorf("a set disagrees with itself: %v", d)
	}
}

func TestDisagreementsGoldWithPerturbed(t *testing.T) {
	gold, art := gold.Set(t)
	var got []string
	for _, d := range Disagreements(gold, perturbedSet(t, art)) {
		got = append(got, describeDisagreement(d))
	}
	want := []string{
		`boundaries quote 691–778 A:691–778 "Delbert Hosemann" B:691–777 "Delbert Hosemann"`,
		`boundaries claim 983–1214 A:983–1214 "" B:983–1071 ""`,
		`boundaries speaker 1673–1688 A:1673–1688 "a federal judge" B:1675–1688 "a federal judge"`,
		`speaker quote 1887–2082 A:1887–2082 "Kris Kobach" B:1887–2082 "Delbert Hosemann"`,
		`only-a speaker 2900–2908 A:2900–2908 "Delbert Hosemann" B:-`,
		`only-b quote 3765–3802 A:- B:3765–3802 "Delbert Hosemann"`,
		`only-a claim 3821–3853 A:3821–3853 "" B:-`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Disagreements:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
