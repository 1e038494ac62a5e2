package scan

import (
	"bytes"
	"unicode/utf8"
)

// InvalidUTF8At is the byte offset of the first byte of b that is not
// part of valid UTF-8, or -1.
func InvalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// LineCol gives the 1-based line and column (in bytes) of the byte at offset.
func LineCol(data []byte, offset int) (int, int) {
	offset = max(0, min(offset, len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := offset - bytes.LastIndexByte(before, '\n')
	return line, col
}
