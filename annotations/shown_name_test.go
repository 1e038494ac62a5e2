package annotations

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShownName(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Delbert Hosemann", "Delbert Hosemann"},
		{"", ""},
		// The override and its pop would show "Bob live".
		{"Bob \u202Eevil\u202C", "Bob ⟨U+202E⟩evil⟨U+202C⟩"},
		// Isolates, marks and embeddings reorder too.
		{"a\u2067b\u2069\u200Fc\u202Bd", "a⟨U+2067⟩b⟨U+2069⟩⟨U+200F⟩c⟨U+202B⟩d"},
		{"Ann\u061C", "Ann⟨U+061C⟩"},
		// Invisible ones would make two names look the same.
		{"Bo\u00ADb\uFEFF", "Bo⟨U+00AD⟩b⟨U+FEFF⟩"},
		{"tab\there\nline\u2028par\u2029", "tab⟨U+0009⟩here⟨U+000A⟩line⟨U+2028⟩par⟨U+2029⟩"},
		{"nul\x00del\x7fc1\u0085", "nul⟨U+0000⟩del⟨U+007F⟩c1⟨U+0085⟩"},
		{"tag\U000E0041", "tag⟨U+E0041⟩"},
		// Scripts and emoji that need joiners keep them.
		{"می\u200Cخواهم", "می\u200Cخواهم"},
		{"क्\u200Dष", "क्\u200Dष"},
		{"👩\u200D👩\u200D👧", "👩\u200D👩\u200D👧"},
		{"محمد علي", "محمد علي"},
		{"Zoe\u0308 Ångström", "Zoe\u0308 Ångström"},
	}
	for _, c := range cases {
		if got := ShownName(c.name); got != c.want {
			t.Errorf("ShownName(%q) = %q, want %q", c.name, got, c.want)
		}
		if got := NameFromShown(ShownName(c.name)); got != c.name {
			t.Errorf("NameFromShown(ShownName(%q)) = %q, want the name back", c.name, got)
		}
	}
}

// The visible form holds nothing that shows nothing or reorders, whatever
// the name holds.
func TestShownNameHidesNothing(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			all.WriteRune(r)
		}
	}
	name := all.String()
	shown := ShownName(name)
	for _, r := range shown {
		if hiddenInName(r) {
			t.Fatalf("ShownName leaves %U in the name", r)
		}
	}
	if NameFromShown(shown) != name {
		t.Error("NameFromShown does not give back a name of every character")
	}
}

// A person editing the shown name keeps the characters whose markers they
// left and drops the ones they deleted; text that only looks like a marker
// is theirs and stays as typed.
func TestNameFromShown(t *testing.T) {
	cases := []struct{ shown, want string }{
		{"Bob ⟨U+202E⟩evil⟨U+202C⟩ Jr", "Bob \u202Eevil\u202C Jr"},
		{"Bob evil⟨U+202C⟩", "Bob evil\u202C"},
		{"⟨U+0041⟩", "⟨U+0041⟩"},       // A is shown as itself
		{"⟨U+202e⟩", "⟨U+202e⟩"},       // not the form ShownName writes
		{"⟨U+0202E⟩", "⟨U+0202E⟩"},     // nor this
		{"⟨U+202E", "⟨U+202E"},         // unclosed
		{"⟨U+⟩⟨U+202E⟩", "⟨U+⟩\u202E"}, // an empty marker, then a real one
		{"⟨U+110000⟩", "⟨U+110000⟩"},   // past Unicode
		{"⟨U+⟨U+202E⟩", "⟨U+\u202E"},
	}
	for _, c := range cases {
		if got := NameFromShown(c.shown); got != c.want {
			t.Errorf("NameFromShown(%q) = %q, want %q", c.shown, got, c.want)
		}
	}
}
