package annotations

import (
	"strings"
	"unicode/utf8"
)

// ContextLen is how many code points prefix and suffix hold at most.
const ContextLen = 32

func runeCount(s string) int { return utf8.RuneCountInString(s) }

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
