package annotations

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// A name comes from whoever made the set, so it may hold characters that
// show nothing or that reorder what follows them: a right-to-left override
// makes "Bob \u202Eevil\u202C" read "Bob live". Where a name is shown, these
// characters are written out as their code between markers, so the name
// reads as it is stored and a person sees what is hidden in it.
const (
	shownOpen  = "⟨U+"
	shownClose = "⟩"
)

// hiddenInName reports whether r is written out where a name is shown:
// controls, format characters (bidi marks, embeddings, overrides and
// isolates, soft hyphens, byte order marks, tags) and the line and paragraph
// separators, which also end a bidi paragraph. ZWNJ and ZWJ stay: Persian and
// Indic names and emoji sequences need them, and they reorder nothing.
func hiddenInName(r rune) bool {
	if r == '\u200C' || r == '\u200D' {
		return false
	}
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// ShownName is name as the UI shows it: each character that hiddenInName
// reports is written "⟨U+202E⟩". The UI isolates the result too (HTML
// <bdi>), so that a right-to-left name does not reorder the text around it.
func ShownName(name string) string {
	if !strings.ContainsFunc(name, hiddenInName) {
		return name
	}
	var b strings.Builder
	for _, r := range name {
		if hiddenInName(r) {
			fmt.Fprintf(&b, "%s%04X%s", shownOpen, r, shownClose)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NameFromShown is the name a person means by editing a field that showed
// ShownName: each "⟨U+XXXX⟩" of a character ShownName writes out is that
// character again, so a rename keeps what the person left and drops what
// they deleted. NameFromShown(ShownName(n)) == n for any valid UTF-8 name
// that does not itself spell such a marker.
func NameFromShown(shown string) string {
	if !strings.Contains(shown, shownOpen) {
		return shown
	}
	var b strings.Builder
	for {
		i := strings.Index(shown, shownOpen)
		if i < 0 {
			break
		}
		b.WriteString(shown[:i])
		rest := shown[i+len(shownOpen):]
		j := strings.Index(rest, shownClose)
		if j >= 4 && j <= 6 {
			if n, err := strconv.ParseUint(rest[:j], 16, 32); err == nil && rest[:j] == fmt.Sprintf("%04X", n) && hiddenInName(rune(n)) {
				b.WriteRune(rune(n))
				shown = rest[j+len(shownClose):]
				continue
			}
		}
		b.WriteString(shownOpen)
		shown = rest
	}
	b.WriteString(shown)
	return b.String()
}
