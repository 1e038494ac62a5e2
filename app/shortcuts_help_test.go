package app

import "testing"

// The article page's help lists the caret's keys as well as the page's, and
// names no key twice.
func TestArticleHelpListsCaretKeys(t *testing.T) {
	listed := map[string]int{}
	for _, k := range pageShortcuts("/article/000") {
		listed[k.Keys]++
	}
	for _, k := range articleKeys {
		if listed[k.Keys] == 0 {
			t.Errorf("the article page's help leaves out %q (%s)", k.Keys, k.Does)
		}
	}
	for _, k := range articleShortcuts {
		if listed[k.Keys] == 0 {
			t.Errorf("the article page's help leaves out %q (%s)", k.Keys, k.Does)
		}
	}
	for keys, n := range listed {
		if n > 1 && keys != "Esc" && keys != "Enter" {
			t.Errorf("the article page's help lists %q %d times", keys, n)
		}
	}
	for _, k := range pageShortcuts("/compare/000") {
		if k.Keys == articleKeys[1].Keys {
			t.Errorf("the compare view's help lists the article caret's %q", k.Keys)
		}
	}
}
