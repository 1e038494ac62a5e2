package annotations

import (
	"unicode"
	"unicode/utf8"
)

// Offsets converts between the three ways positions in a text are counted:
// code points (the format), UTF-16 units (the DOM) and bytes (Go strings).
// Tables are built once per text so that every conversion is O(1) or
// O(log n).
type Offsets struct {
	text  string
	bytes []int32 // bytes[i] is the byte offset of code point i; len n+1
	utf16 []int32 // utf16[i] is the UTF-16 offset of code point i; len n+1
}

// NewOffsets indexes text, which must be valid UTF-8.
func NewOffsets(text string) *Offsets {
	n := utf8.RuneCountInString(text)
	o := &Offsets{text: text, bytes: make([]int32, 0, n+1), utf16: make([]int32, 0, n+1)}
	u := int32(0)
	for i, r := range text {
		o.bytes = append(o.bytes, int32(i))
		o.utf16 = append(o.utf16, u)
		if r >= 0x10000 {
			u += 2
		} else {
			u++
		}
	}
	o.bytes = append(o.bytes, int32(len(text)))
	o.utf16 = append(o.utf16, u)
	return o
}

// Len is the text's length in code points.
func (o *Offsets) Len() int { return len(o.bytes) - 1 }

// UTF16Len is the text's length in UTF-16 units.
func (o *Offsets) UTF16Len() int { return int(o.utf16[len(o.utf16)-1]) }

// Byte converts a code point offset to a byte offset, clamping to the text.
func (o *Offsets) Byte(cp int) int { return int(o.bytes[o.clamp(cp)]) }

// UTF16 converts a code point offset to a UTF-16 offset, clamping to the text.
func (o *Offsets) UTF16(cp int) int { return int(o.utf16[o.clamp(cp)]) }

// FromUTF16 converts a UTF-16 offset to a code point offset. An offset inside
// a surrogate pair rounds down, or up when roundUp is set, so a span never
// splits a character.
func (o *Offsets) FromUTF16(u int, roundUp bool) int {
	return search(o.utf16, u, roundUp)
}

// FromByte converts a byte offset to a code point offset, rounding like
// FromUTF16 inside a multi-byte character.
func (o *Offsets) FromByte(b int, roundUp bool) int {
	return search(o.bytes, b, roundUp)
}

// Slice returns the text between two code point offsets.
func (o *Offsets) Slice(start, end int) string {
	return o.text[o.Byte(start):o.Byte(end)]
}

// RuneAt returns the code point at offset cp.
func (o *Offsets) RuneAt(cp int) rune {
	r, _ := utf8.DecodeRuneInString(o.text[o.Byte(cp):])
	return r
}

func (o *Offsets) clamp(cp int) int {
	return max(0, min(cp, o.Len()))
}

func search(table []int32, v int, roundUp bool) int {
	lo, hi := 0, len(table)-1
	if v <= 0 {
		return 0
	}
	if v >= int(table[hi]) {
		return hi
	}
	for lo < hi { // first index with table[i] >= v
		mid := (lo + hi) / 2
		if int(table[mid]) < v {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if int(table[lo]) == v || roundUp {
		return lo
	}
	return lo - 1
}

// TrimSpan narrows a code point span to what a person meant by a selection:
// surrounding white space is dropped, and the ends are moved off combining
// marks, variation selectors and zero-width joiners so that no character is
// split from its marks. It returns ok=false when nothing but white space
// remains.
func (o *Offsets) TrimSpan(start, end int) (int, int, bool) {
	start, end = o.clamp(start), o.clamp(end)
	if start > end {
		start, end = end, start
	}
	for start < end && unicode.IsSpace(o.RuneAt(start)) {
		start++
	}
	for end > start && unicode.IsSpace(o.RuneAt(end-1)) {
		end--
	}
	if start == end {
		return start, end, false
	}
	for start > 0 && (isExtending(o.RuneAt(start)) || o.RuneAt(start-1) == zwj) {
		start--
	}
	for end < o.Len() && (isExtending(o.RuneAt(end)) || o.RuneAt(end-1) == zwj) {
		end++
	}
	return start, end, true
}

const zwj = '\u200d'

func isExtending(r rune) bool {
	return r == zwj || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}
