package app

import (
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

// What the live region says at the caret: the annotations it is in,
// innermost first, with their speakers; "Not tagged" outside them.
func TestCaretSays(t *testing.T) {
	art := annotations.ArticleFromText("t", "“They can go jump,” Delbert Hosemann said. Later text.")
	h := annotations.NewHistory(annotations.NewSet(art, "", time.Now()))
	if _, err := h.Apply(func(s *annotations.Set) error {
		q, err := s.Add(art, annotations.Quote, 1, 17)
		if err != nil {
			return err
		}
		m, err := s.Add(art, annotations.SpeakerMention, 20, 36)
		if err != nil {
			return err
		}
		if err := s.Attribute(q.ID, m.Speaker); err != nil {
			return err
		}
		_, err = s.Add(art, annotations.Claim, 0, 41)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s := h.Set()
	for _, c := range []struct {
		at   int
		want string
	}{
		{3, "Inside quote by Delbert Hosemann, inside claim"},
		{22, "Inside speaker Delbert Hosemann, inside claim"},
		{38, "Inside claim"},
		{45, "Not tagged"},
	} {
		if got := caretSays(s, s.At(c.at)); got != c.want {
			t.Errorf("at %d the live region says %q, want %q", c.at, got, c.want)
		}
	}
	if got := selectionSays(art.Offsets(), 1, 9); got != "Selected: ‘They can’" {
		t.Errorf("a selection is said as %q", got)
	}
}

// Every key the caret takes is in the list the help and the README show.
func TestArticleKeysListTheCaretKeys(t *testing.T) {
	names := map[string]string{"ArrowLeft": "←", "ArrowRight": "→", "ArrowUp": "↑", "ArrowDown": "↓", "Home": "Home", "End": "End", "a": "Ctrl+A", "Enter": "Enter"}
	var listed strings.Builder
	for _, k := range articleKeys {
		if k.Keys == "" || k.Does == "" {
			t.Errorf("an empty line in articleKeys: %+v", k)
		}
		listed.WriteString(k.Keys + "\n")
	}
	for key, shown := range names {
		if !caretKey(key, key == "a" || key == "ArrowUp" || key == "ArrowDown", false) {
			t.Errorf("caretKey does not take %s", key)
		}
		if !strings.Contains(listed.String(), shown) {
			t.Errorf("articleKeys does not list %s (%s)", shown, key)
		}
	}
	for _, key := range []string{"[", "]", "{", "}"} {
		if !shortcut(key, false) {
			t.Errorf("the page does not take %s", key)
		}
		if !strings.Contains(listed.String(), key) {
			t.Errorf("articleKeys does not list %s", key)
		}
	}
}
