package annotations

import "testing"

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		a       Annotation
		speaker string
		want    string
	}{
		{Annotation{Type: Quote}, "", "quote, no speaker"},
		{Annotation{Type: Quote, Form: Direct}, "Delbert Hosemann", "quote by Delbert Hosemann"},
		{Annotation{Type: Quote, Form: Indirect}, "Hosemann", "indirect quote by Hosemann"},
		{Annotation{Type: SpeakerMention}, "Delbert Hosemann", "speaker Delbert Hosemann"},
		{Annotation{Type: Claim}, "", "claim"},
		{Annotation{Type: Claim, Checkworthy: true}, "Reeves", "checkworthy claim by Reeves"},
		{Annotation{Type: Quote}, "A\u202eB", "quote by " + ShownName("A\u202eB")},
	} {
		if got := Describe(c.a, c.speaker); got != c.want {
			t.Errorf("Describe(%+v, %q) = %q, want %q", c.a, c.speaker, got, c.want)
		}
	}
}

func TestClipWalksOnlyWhatItKeeps(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"", 3, ""},
		{"abc", 3, "abc"},
		{"abcd", 3, "abc…"},
		{"🗳é́x", 2, "🗳é…"},
		{"🗳é́", 3, "🗳é́"},
	} {
		if got := Clip(c.s, c.n); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
