package suggest

import (
	"testing"
	"time"

	"quotemark/annotations"
)

func TestPendingSuggestionsFollowTheSet(t *testing.T) {
	art := annotations.ArticleFromText("t", "“We will win,” Dana Whitfield said. The council voted 7 to 2 on Monday.")
	all := Suggest(art)
	if len(all) < 2 {
		t.Fatalf("want at least a quote and a mention suggested, got %+v", all)
	}
	s := annotations.NewSet(art, "", time.Now())
	if got := annotations.PendingSuggestions(s, all, nil); len(got) != len(all) {
		t.Fatalf("an empty set has %d pending, want all %d", len(got), len(all))
	}
	if _, err := s.AcceptSuggestion(art, all[0]); err != nil {
		t.Fatal(err)
	}
	rejected := map[string]bool{annotations.SuggestionKey(all[1]): true}
	pending := annotations.PendingSuggestions(s, all, rejected)
	if len(pending) != len(all)-2 {
		t.Fatalf("after one accept and one reject %d pending, want %d", len(pending), len(all)-2)
	}
	for _, p := range pending {
		if annotations.SuggestionKey(p) == annotations.SuggestionKey(all[0]) || annotations.SuggestionKey(p) == annotations.SuggestionKey(all[1]) {
			t.Errorf("%s is still pending", annotations.SuggestionKey(p))
		}
	}
}

func TestAcceptSuggestionsAboveConfidence(t *testing.T) {
	art := annotations.ArticleFromText("t", "“We will win,” Dana Whitfield said. The council voted 7 to 2 on Monday.")
	all := Suggest(art)
	want := 0
	for _, sg := range all {
		if sg.Confidence >= 0.7 {
			want++
		}
	}
	if want == 0 || want == len(all) {
		t.Fatalf("the test text should give suggestions on both sides of 0.7: %+v", all)
	}
	s := annotations.NewSet(art, "", time.Now())
	n, err := s.AcceptSuggestions(art, all, 0.7)
	if err != nil {
		t.Fatal(err)
	}
	if n != want || len(s.Annotations) != want {
		t.Errorf("accepted %d (set has %d), want %d above 0.7", n, len(s.Annotations), want)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("the set is invalid after accepting: %v", err)
	}
	if n, _ := s.AcceptSuggestions(art, all, 0.7); n != 0 {
		t.Errorf("accepting again added %d, want 0", n)
	}
}

// A review follows the set change by change and agrees with
// PendingSuggestions after every step: accept, reject, undo, accept all.
func TestReviewFollowsChanges(t *testing.T) {
	art := annotations.ArticleFromText("a", `“We will build the bridge,” Maria Núñez said. The council said that taxes would rise. “Not this year,” the mayor said.`)
	all := Suggest(art)
	if len(all) < 3 {
		t.Fatalf("the suggester proposes %d, want 3 or more", len(all))
	}
	h := annotations.NewHistory(annotations.NewSet(art, "", time.Now()))
	r := annotations.NewReview(h.Set(), all)
	rejected := map[string]bool{}
	check := func(step string) {
		t.Helper()
		want := annotations.PendingSuggestions(h.Set(), all, rejected)
		got := r.PendingList()
		if len(got) != len(want) || r.Count() != len(want) {
			t.Fatalf("%s: review has %d pending (count %d), PendingSuggestions %d", step, len(got), r.Count(), len(want))
		}
		for i := range got {
			if annotations.SuggestionKey(got[i]) != annotations.SuggestionKey(want[i]) {
				t.Fatalf("%s: pending %d is %s, want %s", step, i, annotations.SuggestionKey(got[i]), annotations.SuggestionKey(want[i]))
			}
		}
	}
	check("start")
	c, err := h.Apply(func(s *annotations.Set) error { _, err := s.AcceptSuggestion(art, all[0]); return err })
	if err != nil {
		t.Fatal(err)
	}
	if moved := r.Follow(h.Set(), c); len(moved) != 1 || moved[0] != 0 {
		t.Errorf("accepting the first moved %v, want [0]", moved)
	}
	check("accept")
	if r.Next(0, 1) == 0 || r.Pending(0) {
		t.Errorf("the accepted suggestion is still pending or next")
	}
	if !r.Reject(h.Set(), 1) {
		t.Fatal("rejecting a pending suggestion changed nothing")
	}
	rejected[annotations.SuggestionKey(all[1])] = true
	check("reject")
	c, _ = h.Undo()
	r.Follow(h.Set(), c)
	check("undo")
	c, err = h.Apply(func(s *annotations.Set) error { _, err := s.AcceptSuggestions(art, r.PendingList(), 0); return err })
	if err != nil {
		t.Fatal(err)
	}
	r.Follow(h.Set(), c)
	check("accept all")
	if r.Count() != 0 || r.Next(0, 1) != -1 {
		t.Errorf("after accepting all, %d pending, next %d", r.Count(), r.Next(0, 1))
	}
	c, _ = h.Undo()
	r.Follow(h.Set(), c)
	check("undo accept all")
}
