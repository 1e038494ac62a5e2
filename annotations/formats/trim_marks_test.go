package formats

import (
	"strings"
	"testing"

	"quotemark/annotations"
)

func TestTrimmedMarks(t *testing.T) {
	text := "“Votes matter 🗳” — ‘Go,’ she said; «Non» and the players’ pay. \" spaced \" “”"
	art, err := annotations.NewArticle("trim", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	o := art.Offsets()
	find := func(s string) (int, int) {
		i := strings.Index(art.Text, s)
		if i < 0 {
			t.Fatalf("%q is not in the text", s)
		}
		return o.FromByte(i, false), o.FromByte(i+len(s), false)
	}
	for _, c := range []struct {
		span, want string
		changed    bool
	}{
		{"“Votes matter 🗳”", "Votes matter 🗳", true},
		{"‘Go,’", "Go,", true},
		{"«Non»", "Non", true},
		{"the players’", "the players’", false}, // an apostrophe, not a closing mark
		{"\" spaced \"", "spaced", true},
		{"“”", "“”", false}, // nothing would be left
		{"she said", "she said", false},
	} {
		start, end := find(c.span)
		s, e, changed := TrimmedMarks(o, start, end)
		if got := o.Slice(s, e); got != c.want || changed != c.changed {
			t.Errorf("TrimmedMarks(%q) = %q (changed %v), want %q (changed %v)", c.span, got, changed, c.want, c.changed)
		}
	}
}
