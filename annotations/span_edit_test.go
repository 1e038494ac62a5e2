package annotations

import (
	"strings"
	"testing"
	"time"
)

func TestMoveEdgeByWord(t *testing.T) {
	text := "“They can go jump,” Hosemann said."
	o := NewOffsets(text)
	// The quote "can go" is 6–12.
	cases := []struct {
		edge       Edge
		right      bool
		start, end int
		ok         bool
	}{
		{StartEdge, false, 1, 12, true}, // grows to "They can go"
		{StartEdge, true, 10, 12, true}, // shrinks to "go"
		{EndEdge, true, 6, 17, true},    // grows to "can go jump"
		{EndEdge, false, 6, 9, true},    // shrinks to "can"
	}
	for _, c := range cases {
		s, e, ok := MoveEdgeByWord(o, 6, 12, c.edge, c.right)
		if s != c.start || e != c.end || ok != c.ok {
			t.Errorf("MoveEdgeByWord(edge %d, right %v) = %d–%d %q %v, want %d–%d %q", c.edge, c.right, s, e, o.Slice(s, e), ok, c.start, c.end, o.Slice(c.start, c.end))
		}
	}
	// A one-word span cannot lose its word.
	if s, e, ok := MoveEdgeByWord(o, 6, 9, StartEdge, true); ok {
		t.Errorf("moving the start of a one-word span past its word gave %d–%d", s, e)
	}
	if s, e, ok := MoveEdgeByWord(o, 6, 9, EndEdge, false); ok {
		t.Errorf("moving the end of a one-word span before its word gave %d–%d", s, e)
	}
}

func TestRespanUndo(t *testing.T) {
	art := ArticleFromText("respan", "“They can go jump,” Hosemann said.\n\nDelbert said more.")
	h := NewHistory(NewSet(art, "", time.Now()))
	var q, m Annotation
	if _, err := h.Apply(func(s *Set) (err error) {
		if q, err = s.Add(art, Quote, 6, 12); err != nil {
			return err
		}
		m, err = s.Add(art, SpeakerMention, 20, 28)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Apply(func(s *Set) error { return s.Respan(art, q.ID, 1, 17) }); err != nil {
		t.Fatal(err)
	}
	got, _ := h.Set().Annotation(q.ID)
	if got.Start != 1 || got.End != 17 || got.Exact != "They can go jump" || got.Prefix != "“" || !strings.HasPrefix(got.Suffix, ",” Hosemann") {
		t.Errorf("respanned quote %+v", got)
	}
	if err := h.Set().Validate(); err != nil {
		t.Fatal(err)
	}
	h.Undo()
	if back, _ := h.Set().Annotation(q.ID); back != q {
		t.Errorf("undo gave %+v, want %+v", back, q)
	}
	// A mention cannot be stretched over a paragraph, nor a span emptied.
	for _, c := range []struct {
		id         string
		start, end int
		want       string
	}{
		{m.ID, 20, 44, "cannot span paragraphs"},
		{q.ID, 34, 36, "only white space"},
		{q.ID, 12, 12, "not inside"},
	} {
		before := h.Set().Clone()
		if _, err := h.Apply(func(s *Set) error { return s.Respan(art, c.id, c.start, c.end) }); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Respan(%d, %d) err = %v, want %q", c.start, c.end, err, c.want)
		}
		if string(Write(before)) != string(Write(h.Set())) {
			t.Errorf("a refused Respan(%d, %d) changed the set", c.start, c.end)
		}
	}
}
