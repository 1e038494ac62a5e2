package app

import (
	"strings"
	"testing"

	"quotemark/annotations"
)

func TestRowLabelReadsAsASentence(t *testing.T) {
	long := strings.Repeat("é", spokenTextLimit+5)
	for _, c := range []struct {
		a       annotations.Annotation
		speaker string
		want    string
	}{
		{annotations.Annotation{Type: annotations.Quote, Form: annotations.Direct, Exact: "We will appeal"}, "Delbert Hosemann", "quote by Delbert Hosemann: “We will appeal”"},
		{annotations.Annotation{Type: annotations.Quote, Exact: "We will appeal"}, "", "quote, no speaker: “We will appeal”"},
		{annotations.Annotation{Type: annotations.Quote, Form: annotations.Indirect, Exact: "he would appeal"}, "Hosemann", "indirect quote by Hosemann: “he would appeal”"},
		{annotations.Annotation{Type: annotations.SpeakerMention, Exact: "Hosemann"}, "Delbert Hosemann", "speaker Delbert Hosemann: “Hosemann”"},
		{annotations.Annotation{Type: annotations.SpeakerMention, Exact: "Hosemann"}, "", "speaker: “Hosemann”"},
		{annotations.Annotation{Type: annotations.Claim, Exact: "taxes rose 4%"}, "", "claim: “taxes rose 4%”"},
		{annotations.Annotation{Type: annotations.Claim, Checkworthy: true, Exact: "taxes rose 4%"}, "Reeves", "checkworthy claim by Reeves: “taxes rose 4%”"},
		{annotations.Annotation{Type: annotations.Quote, Exact: long}, "", "quote, no speaker: “" + long[:2*spokenTextLimit] + "…”"},
		// A name's hidden characters are shown as ShownName shows them.
		{annotations.Annotation{Type: annotations.Quote, Exact: "x"}, "Eve\u202e", "quote by " + annotations.ShownName("Eve\u202e") + ": “x”"},
	} {
		if got := rowLabel(c.a, c.speaker); got != c.want {
			t.Errorf("rowLabel(%s %q, %q) = %q, want %q", c.a.Type, c.a.Exact, c.speaker, got, c.want)
		}
	}
}
