package app

import (
	"encoding/json"
	"reflect"
	"testing"

	"quotemark/annotations"
)

// The page's highlights count UTF-16 units: spans after an emoji outside the
// BMP shift by one unit per such emoji. Operations keep their order, so a
// del after a put of the same key removes it.
func TestMarkOpsEncodeUTF16Offsets(t *testing.T) {
	art := annotations.ArticleFromText("t", "Intro 😀 “Café q\u0303” he said.")
	o := art.Offsets()
	if o.Slice(9, 16) != "Café q\u0303" {
		t.Fatalf("test text is off: %q", o.Slice(9, 16))
	}
	m := markOps{offsets: o}
	if got := m.take(); got != "[]" {
		t.Errorf("no operations encode as %s, want []", got)
	}
	m.reset([]string{"qm-quote", "qm-selected"})
	// “Café q̃” is code points 9..16 (after "Intro 😀 " = 8 code points).
	m.put("qm-quote", "a1", 9, 16)
	m.put("qm-selected", "selected", 9, 16)
	m.del("qm-selected", "selected")
	m.clear("qm-quote")
	var got []any
	if err := json.Unmarshal([]byte(m.take()), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	want := []any{
		[]any{"reset", []any{"qm-quote", "qm-selected"}},
		[]any{"put", "qm-quote", "a1", 10.0, 17.0},
		[]any{"put", "qm-selected", "selected", 10.0, 17.0},
		[]any{"del", "qm-selected", "selected"},
		[]any{"clear", "qm-quote"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("operations %v, want %v", got, want)
	}
	if got := m.take(); got != "[]" {
		t.Errorf("take did not start afresh: %s", got)
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
