package annotations

import (
	"testing"
	"time"
)

func TestPendingSuggestionsFollowTheSet(t *testing.T) {
	art := ArticleFromText("t", "“We will win,” Dana Whitfield said. The council voted 7 to 2 on Monday.")
	all := Suggest(art)
	if len(all) < 2 {
		t.Fatalf("want at least a quote and a mention suggested, got %+v", all)
	}
	s := NewSet(art, "", time.Now())
	if got := PendingSuggestions(s, all, nil); len(got) != len(all) {
		t.Fatalf("an empty set has %d pending, want all %d", len(got), len(all))
	}
	if _, err := s.AcceptSuggestion(art, all[0]); err != nil {
		t.Fatal(err)
	}
	rejected := map[string]bool{SuggestionKey(all[1]): true}
	pending := PendingSuggestions(s, all, rejected)
	if len(pending) != len(all)-2 {
		t.Fatalf("after one accept and one reject %d pending, want %d", len(pending), len(all)-2)
	}
	for _, p := range pending {
		if SuggestionKey(p) == SuggestionKey(all[0]) || SuggestionKey(p) == SuggestionKey(all[1]) {
			t.Errorf("%s is still pending", SuggestionKey(p))
		}
	}
}

func TestAcceptSuggestionsAboveConfidence(t *testing.T) {
	art := ArticleFromText("t", "“We will win,” Dana Whitfield said. The council voted 7 to 2 on Monday.")
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
	s := NewSet(art, "", time.Now())
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
