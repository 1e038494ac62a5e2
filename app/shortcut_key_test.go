package app

import "testing"

func TestShortcutKeyFoldsLettersOnly(t *testing.T) {
	for key, want := range map[string]string{
		"a": "a", "A": "a", "Z": "z", "q": "q", "?": "?", "1": "1",
		"Enter": "Enter", "ArrowDown": "ArrowDown", "Escape": "Escape", "Ä": "Ä", "": "",
	} {
		if got := shortcutKey(key); got != want {
			t.Errorf("shortcutKey(%q) = %q, want %q", key, got, want)
		}
	}
}
