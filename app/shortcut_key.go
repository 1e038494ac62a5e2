package app

import "unicode/utf8"

// shortcutKey is a key as the shortcuts match it: a letter in lower case,
// so that Shift or Caps Lock does not turn a shortcut off ("A" does what "a"
// does, as the hints, which show capitals, promise). Other keys ("?",
// "Enter", "ArrowDown", digits) are returned as they are.
func shortcutKey(key string) string {
	r, size := utf8.DecodeRuneInString(key)
	if size != len(key) || r >= utf8.RuneSelf {
		return key // a named key or a non-ASCII character
	}
	if 'A' <= r && r <= 'Z' {
		return string(r + 'a' - 'A')
	}
	return key
}
