package agreement

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

func mustAdjudicate(t *testing.T, art *annotations.Article, minAgree int, sets ...*annotations.Set) *Adjudication {
	t.Helper()
	adj, err := Adjudicate(art, sets, minAgree)
	if err != nil {
		t.Fatalf("Adjudicate: %v", err)
	}
	return adj
}

// spanLine describes an annotation by type, span and speaker name.
func spanLine(a annotations.Annotation, speakers []annotations.Speaker) string {
	name := ""
	for _, sp := range speakers {
		if sp.ID == a.Speaker {
			name = sp.Name
		}
	}
	return fmt.Sprintf("%s %d–%d %q", a.Type, a.Start, a.End, name)
}

func describeDecision(d Decision) string {
	var opts []string
	for _, o := range d.Options {
		opts = append(opts, fmt.Sprintf("%d–%d %q %v", o.Annotation.Start, o.Annotation.End, o.Speaker, o.Sets))
	}
	return fmt.Sprintf("%s %s %d–%d [%s]", d.Kind, d.Type, d.Start, d.End, strings.Join(opts, "; "))
}

func describeAdjudication(a *Adjudication) (agreed, decisions []string) {
	for _, x := range a.Agreed {
		agreed = append(agreed, spanLine(x, a.Speakers))
	}
	for _, d := range a.Decisions {
		decisions = append(decisions, describeDecision(d))
	}
	return agreed, decisions
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkResult checks that a built set is valid, survives writing and
// reading, and anchors on the article.
func checkResult(t *testing.T, s *annotations.Set, art *annotations.Article) {
	t.Helper()
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	r, err := annotations.Read(annotations.Write(s))
	if err != nil {
		t.Fatalf("Read(Write(result)): %v", err)
	}
	rep, err := r.Anchor(art)
	if err != nil || rep.Reanchored {
		t.Fatalf("Anchor(result): %v %+v", err, rep)
	}
	if s.Annotator != "adjudicated" || !annotations.IsUUID(s.ID) || s.Article.SHA256 != art.SHA256 || !s.Created.Equal(fixture.Now) || !s.Modified.Equal(fixture.Now) {
		t.Errorf("result header: %+v", s)
	}
}

func TestAdjudicateTwoSets(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	a := handSet(t, art, "a",
		sp{annotations.Quote, 0, 5, "Ann"},
		sp{annotations.Quote, 6, 10, "Ann"},
		sp{annotations.Quote, 13, 16, "Ann"},
		sp{annotations.Claim, 17, 19, ""},
		sp{annotations.SpeakerMention, 20, 23, "Ann"},
		sp{annotations.Quote, 24, 26, "Cy"},
	)
	b := handSet(t, art, "b",
		sp{annotations.Quote, 0, 5, "Annie"}, // B renamed Ann; the mention 20–23 ties them
		sp{annotations.Quote, 6, 12, "Bob"},
		sp{annotations.Quote, 13, 16, "Bob"},
		sp{annotations.SpeakerMention, 20, 23, "Annie"},
		sp{annotations.Quote, 24, 26, "cy"}, // the same name, but for case
		sp{annotations.Claim, 27, 30, ""},
	)
	adj := mustAdjudicate(t, art, 0, a, b)
	if adj.MinAgree != 2 {
		t.Errorf("MinAgree %d, want 2 (all)", adj.MinAgree)
	}
	agreed, decisions := describeAdjudication(adj)
	checkLines(t, "agreed", agreed, []string{`quote 0–5 "Ann"`, `speaker 20–23 "Ann"`, `quote 24–26 "Cy"`})
	checkLines(t, "decisions", decisions, []string{
		`boundaries quote 6–12 [6–10 "Ann" [0]; 6–12 "Bob" [1]]`,
		`speaker quote 13–16 [13–16 "Ann" [0]; 13–16 "Bob" [1]]`,
		`only-a claim 17–19 [17–19 "" [0]]`,
		`only-b claim 27–30 [27–30 "" [1]]`,
	})
	// Unified speakers: Ann and Annie are one (A's id and name), Cy and cy
	// are one.
	var names []string
	for _, sp := range adj.Speakers {
		names = append(names, sp.Name)
	}
	checkLines(t, "speakers", names, []string{"Ann", "Bob", "Cy"})
	ann, _ := a.Speaker(a.Annotations[0].Speaker)
	if !slices.Contains(adj.Speakers, ann) {
		t.Errorf("Ann does not keep A's id: %+v", adj.Speakers)
	}
	// With two sets, a decision per disagreement, of the same kind and extent.
	var kinds []string
	for _, d := range Disagreements(a, b) {
		kinds = append(kinds, fmt.Sprintf("%s %s %d–%d", d.Kind, d.Type, d.Start, d.End))
	}
	var dkinds []string
	for _, d := range adj.Decisions {
		dkinds = append(dkinds, fmt.Sprintf("%s %s %d–%d", d.Kind, d.Type, d.Start, d.End))
	}
	checkLines(t, "decisions against disagreements", dkinds, kinds)
	// Both sets use ids 0…5: the adjudication's ids are unique.
	ids := map[string]bool{}
	for _, x := range adj.Agreed {
		ids[x.ID] = true
	}
	n := len(adj.Agreed)
	for _, d := range adj.Decisions {
		for _, o := range d.Options {
			ids[o.Annotation.ID] = true
			n++
		}
	}
	if len(ids) != n {
		t.Errorf("%d ids for %d candidates", len(ids), n)
	}

	// Pick B's boundaries, B's speaker, nothing only in A, B's claim.
	s, err := adj.Build([]int{1, 1, NoChoice, 0}, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, s, art)
	var got []string
	for _, x := range s.Annotations {
		got = append(got, spanLine(x, s.Speakers))
	}
	checkLines(t, "built", got, []string{`quote 0–5 "Ann"`, `quote 6–12 "Bob"`, `quote 13–16 "Bob"`,
		`speaker 20–23 "Ann"`, `quote 24–26 "Cy"`, `claim 27–30 ""`})
	if len(s.Speakers) != 3 {
		t.Errorf("speakers %+v", s.Speakers)
	}
	// Nothing but the agreed spans and A's speaker: Bob goes unused.
	s, err = adj.Build([]int{NoChoice, 0, NoChoice, NoChoice}, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, s, art)
	got = got[:0]
	for _, x := range s.Annotations {
		got = append(got, spanLine(x, s.Speakers))
	}
	checkLines(t, "built", got, []string{`quote 0–5 "Ann"`, `quote 13–16 "Ann"`, `speaker 20–23 "Ann"`, `quote 24–26 "Cy"`})
	if len(s.Speakers) != 2 || s.Speakers[0].Name != "Ann" || s.Speakers[1].Name != "Cy" {
		t.Errorf("unused speakers kept: %+v", s.Speakers)
	}
	// The quotes keep A's fields (form); exact, prefix and suffix are the text's.
	if x := s.Annotations[0]; x.Form != annotations.Direct || x.Exact != "abcde" || x.Suffix != letters30[5:] {
		t.Errorf("built quote %+v", x)
	}

	// Refused choices.
	for _, choices := range [][]int{{0, 0, 0}, {0, 0, 0, 0, 0}, {2, 0, 0, 0}, {0, 0, -2, 0}, {0, 0, 1, 0}} {
		if _, err := adj.Build(choices, fixture.Now); err == nil {
			t.Errorf("Build(%v) accepted", choices)
		}
	}
}

func TestAdjudicateThreeSets(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	s0 := handSet(t, art, "s0", sp{annotations.Quote, 0, 5, "X"}, sp{annotations.Quote, 10, 15, "X"}, sp{annotations.Claim, 20, 25, ""})
	s1 := handSet(t, art, "s1", sp{annotations.Quote, 0, 5, "X"}, sp{annotations.Quote, 10, 15, "Y"}, sp{annotations.Claim, 20, 26, ""})
	s2 := handSet(t, art, "s2", sp{annotations.Quote, 0, 5, "X"}, sp{annotations.Quote, 10, 15, "X"}, sp{annotations.Quote, 27, 29, "Y"},
		sp{annotations.Quote, 27, 29, "Y"}) // a duplicate counts once
	for _, tc := range []struct {
		minAgree          int
		agreed, decisions []string
	}{
		{0, // all three
			[]string{`quote 0–5 "X"`},
			[]string{
				`speaker quote 10–15 [10–15 "X" [0 2]; 10–15 "Y" [1]]`,
				`boundaries claim 20–26 [20–25 "" [0]; 20–26 "" [1]]`,
				`only-b quote 27–29 [27–29 "Y" [2]]`, // not in set 0
			}},
		{2, // two of three: X outvotes Y
			[]string{`quote 0–5 "X"`, `quote 10–15 "X"`},
			[]string{
				`boundaries claim 20–26 [20–25 "" [0]; 20–26 "" [1]]`,
				`only-b quote 27–29 [27–29 "Y" [2]]`,
			}},
		{1, // any set: a union, but for two speakers on one span
			[]string{`quote 0–5 "X"`, `claim 20–25 ""`, `claim 20–26 ""`, `quote 27–29 "Y"`},
			[]string{`speaker quote 10–15 [10–15 "X" [0 2]; 10–15 "Y" [1]]`}},
	} {
		adj := mustAdjudicate(t, art, tc.minAgree, s0, s1, s2)
		agreed, decisions := describeAdjudication(adj)
		checkLines(t, fmt.Sprintf("min %d: agreed", tc.minAgree), agreed, tc.agreed)
		checkLines(t, fmt.Sprintf("min %d: decisions", tc.minAgree), decisions, tc.decisions)
		choices := make([]int, len(adj.Decisions))
		for i := range choices {
			choices[i] = len(adj.Decisions[i].Options) - 1
		}
		s, err := adj.Build(choices, fixture.Now)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, s, art)
		if len(s.Annotations) != len(adj.Agreed)+len(adj.Decisions) {
			t.Errorf("min %d: %d annotations built", tc.minAgree, len(s.Annotations))
		}
	}
}

func TestAdjudicateSpeakerUnification(t *testing.T) {
	art := annotations.ArticleFromText("t", fixture.NamesText)
	m0, m1 := fixture.Span(t, art.Text, "Hosemann", 1)
	k0, k1 := fixture.Span(t, art.Text, "Kobach", 1)
	// B attributes the Hosemann mention to Kobach by mistake. A mention link
	// would make B's Kobach A's Hosemann, though B has a Hosemann of its own
	// and A a Kobach: it is refused, and the mention is a speaker decision.
	a := handSet(t, art, "a", sp{annotations.SpeakerMention, m0, m1, "Delbert Hosemann"}, sp{annotations.SpeakerMention, k0, k1, "Kris Kobach"})
	b := handSet(t, art, "b", sp{annotations.SpeakerMention, m0, m1, "Kris Kobach"}, sp{annotations.SpeakerMention, k0, k1, "Kris Kobach"},
		sp{annotations.Quote, 0, 5, "delbert hosemann"})
	adj := mustAdjudicate(t, art, 0, a, b)
	agreed, decisions := describeAdjudication(adj)
	checkLines(t, "agreed", agreed, []string{fmt.Sprintf(`speaker %d–%d "Kris Kobach"`, k0, k1)})
	checkLines(t, "decisions", decisions, []string{
		`only-b quote 0–5 [0–5 "Delbert Hosemann" [1]]`,
		fmt.Sprintf(`speaker speaker %d–%d [%d–%d "Delbert Hosemann" [0]; %d–%d "Kris Kobach" [1]]`, m0, m1, m0, m1, m0, m1),
	})
	if len(adj.Speakers) != 2 {
		t.Errorf("speakers %+v", adj.Speakers)
	}
}

func TestAdjudicateRefuses(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 5, ""})
	b := handSet(t, art, "b")
	for _, k := range []int{-1, 3} {
		if _, err := Adjudicate(art, []*annotations.Set{a, b}, k); err == nil || !strings.Contains(err.Error(), "between 1 and 2") {
			t.Errorf("minAgree %d: %v", k, err)
		}
	}
	if _, err := Adjudicate(art, []*annotations.Set{a}, 0); err == nil {
		t.Error("one set accepted")
	}
	other := handSet(t, annotations.ArticleFromText("u", letters30+"!"), "c")
	if _, err := Adjudicate(art, []*annotations.Set{a, other}, 0); err == nil || !strings.Contains(err.Error(), "same text") {
		t.Errorf("another text: %v", err)
	}
	bad := a.Clone()
	bad.Annotations[0].Speaker = "00000000-0000-4000-8000-00000000dead"
	if _, err := Adjudicate(art, []*annotations.Set{a, bad}, 0); err == nil || !strings.Contains(err.Error(), `set 1 (annotator "a")`) {
		t.Errorf("an invalid set: %v", err)
	}
}

func TestAdjudicateGoldWithPerturbed(t *testing.T) {
	gold, art := gold.Set(t)
	pert := perturbedSet(t, art)
	adj := mustAdjudicate(t, art, 0, gold, pert)
	// 29 exact matches, less 1887–2082 whose speakers differ.
	if len(adj.Agreed) != 28 {
		t.Errorf("%d agreed, want 28", len(adj.Agreed))
	}
	// One decision per disagreement.
	var want, got []string
	for _, d := range Disagreements(gold, pert) {
		want = append(want, fmt.Sprintf("%s %s %d–%d", d.Kind, d.Type, d.Start, d.End))
	}
	for _, d := range adj.Decisions {
		got = append(got, fmt.Sprintf("%s %s %d–%d", d.Kind, d.Type, d.Start, d.End))
	}
	checkLines(t, "decisions", got, want)
	// The renamed commission is the gold set's.
	var names []string
	for _, sp := range adj.Speakers {
		names = append(names, sp.Name)
	}
	checkLines(t, "speakers", names, []string{"Delbert Hosemann", "Kris Kobach", "Presidential Advisory Commission on Election Integrity", "a federal judge"})

	// Nothing chosen: the agreed spans; Kris Kobach is no longer used.
	s, err := adj.Build(slices.Repeat([]int{NoChoice}, len(adj.Decisions)), fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, s, art)
	if len(s.Annotations) != 28 || len(s.Speakers) != 3 {
		t.Errorf("nothing chosen: %d annotations, speakers %+v", len(s.Annotations), s.Speakers)
	}

	// The gold side of every decision, and B's new quote: the gold set and
	// that quote, with the gold set's ids.
	choices := make([]int, len(adj.Decisions)) // option 0 is A's where A has one
	s, err = adj.Build(choices, fixture.Now)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, s, art)
	var built, wantBuilt []string
	for _, x := range s.Annotations {
		built = append(built, x.ID+" "+spanLine(x, s.Speakers))
	}
	for _, x := range gold.Annotations {
		wantBuilt = append(wantBuilt, x.ID+" "+spanLine(x, gold.Speakers))
	}
	extra := slices.IndexFunc(pert.Annotations, func(x annotations.Annotation) bool { return x.Start == 3765 })
	wantBuilt = append(wantBuilt, pert.Annotations[extra].ID+" "+spanLine(pert.Annotations[extra], pert.Speakers))
	slices.Sort(built)
	slices.Sort(wantBuilt)
	checkLines(t, "built", built, wantBuilt)
	if !slices.Equal(s.Speakers, gold.Speakers) {
		t.Errorf("speakers %+v, want the gold set's", s.Speakers)
	}
}

func TestAdjudicateSplitQuote(t *testing.T) {
	// A split a quote in two; B kept it whole. As in MatchOverlap, B's quote
	// goes with the half it overlaps most (5 code points against 3); the
	// other half is a decision of its own, so that A's two halves stay
	// choosable together.
	art := annotations.ArticleFromText("t", letters30)
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 10, ""}, sp{annotations.Quote, 12, 20, ""})
	b := handSet(t, art, "b", sp{annotations.Quote, 5, 15, ""})
	_, decisions := describeAdjudication(mustAdjudicate(t, art, 0, a, b))
	checkLines(t, "decisions", decisions, []string{
		`boundaries quote 0–15 [0–10 "" [0]; 5–15 "" [1]]`,
		`only-a quote 12–20 [12–20 "" [0]]`,
	})
	var kinds []string
	for _, d := range Disagreements(a, b) {
		kinds = append(kinds, describeDisagreement(d))
	}
	checkLines(t, "disagreements", kinds, []string{
		`boundaries quote 0–15 A:0–10 "" B:5–15 ""`,
		`only-a quote 12–20 A:12–20 "" B:-`,
	})
}

func TestDecisionOptionOfSet(t *testing.T) {
	d := Decision{Options: []Option{{Sets: []int{1}}, {Sets: []int{0, 2}}}}
	for k, want := range map[int]int{0: 1, 1: 0, 2: 1, 3: NoChoice} {
		if got := d.OptionOfSet(k); got != want {
			t.Errorf("OptionOfSet(%d) = %d, want %d", k, got, want)
		}
	}
}
