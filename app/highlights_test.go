package app

import (
	"encoding/json"
	"reflect"
	"testing"

	"quotemark/annotations"
)

// The page's highlights count UTF-16 units: spans after an emoji outside the
// BMP shift by one unit per such emoji, and every name is sent (empty ones
// too) so a repaint clears what is gone.
func TestHighlightsEncodeUTF16Offsets(t *testing.T) {
	art := annotations.ArticleFromText("t", "Intro 😀 “Café q\u0303” he said.")
	o := art.Offsets()
	h := newHighlights(o, "qm-quote", "qm-speaker", "qm-selected")
	// “Café q̃” is code points 9..16 (after "Intro 😀 " = 8 code points).
	h.add("qm-quote", 9, 16)
	h.add("qm-selected", 9, 16)
	var got map[string][]int
	if err := json.Unmarshal([]byte(h.json()), &got); err != nil {
		t.Fatalf("not JSON: %v: %s", err, h.json())
	}
	want := map[string][]int{"qm-quote": {10, 17}, "qm-speaker": {}, "qm-selected": {10, 17}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("highlights %v, want %v", got, want)
	}
	if o.Slice(9, 16) != "Café q\u0303" {
		t.Fatalf("test text is off: %q", o.Slice(9, 16))
	}
}

func TestShortcutsAreTheDocumentedKeys(t *testing.T) {
	for _, k := range []struct {
		key  string
		ctrl bool
		want bool
	}{
		{"q", false, true}, {"S", false, true}, {"c", false, true}, {"Delete", false, true},
		{"Escape", false, true}, {"z", true, true}, {"Z", true, true}, {"y", true, true},
		{"x", false, false}, {"q", true, false}, {"a", true, false}, {"Enter", false, false},
	} {
		if got := shortcut(k.key, k.ctrl); got != k.want {
			t.Errorf("shortcut(%q, ctrl=%v) = %v, want %v", k.key, k.ctrl, got, k.want)
		}
	}
}
