package annotations

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ContextLen is how many code points prefix and suffix hold at most.
const ContextLen = 32

func runeCount(s string) int { return utf8.RuneCountInString(s) }

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// Clip shortens s to at most n code points, with "…" when it cut, for a
// message that quotes a text.
func Clip(s string, n int) string {
	// It walks n code points, not the whole of s: a caller may hand it a
	// long text (a selection of the whole article) on every key press.
	i := 0
	for range n {
		if i == len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i == len(s) {
		return s
	}
	return s[:i] + "…"
}

// CountOf says how many of a thing there are: "1 quote", "3 quotes". The
// plural adds an s, which holds for every noun the tool counts.
func CountOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// AnnotatorLabel names a set's annotator in a message: the name in quotes,
// or "no annotator" when the set has none.
func AnnotatorLabel(annotator string) string {
	if isBlank(annotator) {
		return "no annotator"
	}
	return fmt.Sprintf("%q", annotator)
}
