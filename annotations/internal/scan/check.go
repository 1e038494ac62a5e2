package scan

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// encoding/json reads two things without a word that change what a file
// says: a key given twice in one object (it keeps the last, so
// "start":275,"start":1 is a span at 1), and an escaped lone surrogate
// (\ud800 with no other half), which it turns into U+FFFD. CheckJSON finds
// both, with the place, before a reader decodes anything.

// A JSONFault is what CheckJSON finds wrong in a well-formed JSON document.
type JSONFault struct {
	Offset int    // of the byte where it is
	Also   int    // of a key's first occurrence when it appears twice, else -1
	Path   string // the member or element it is in, e.g. "spans[0].start"; "" for the document
	Msg    string
}

// Where names the fault's place in data as a person finds it: "line 3,
// column 12", or "column 12" in a document of one line, with the first
// occurrence of a key given twice.
func (f *JSONFault) Where(data []byte) string {
	oneLine := bytes.IndexByte(data, '\n') < 0
	at := func(offset int) (string, int) {
		line, col := LineCol(data, offset)
		if oneLine {
			return fmt.Sprintf("column %d", col), line
		}
		return fmt.Sprintf("line %d, column %d", line, col), line
	}
	second, _ := at(f.Offset)
	if f.Also < 0 {
		return second
	}
	first, _ := at(f.Also)
	if oneLine {
		_, c1 := LineCol(data, f.Also)
		_, c2 := LineCol(data, f.Offset)
		return fmt.Sprintf("columns %d and %d", c1, c2)
	}
	return first + " and " + second
}

// frame is an object or array CheckJSON is inside.
type frame struct {
	object   bool
	wantKey  bool // an object's next string is a key
	key      int  // offset of the current member's key, or -1
	index    int  // an array's current element
	keysFrom int  // where this object's keys start in the key stack
}

// CheckJSON looks through data, which json.Valid accepts, for escaped lone
// surrogates and, when keys is set, for a key twice in one object. Its
// memory is the nesting and the keys of the objects open at once, never the
// values.
func CheckJSON(data []byte, keys bool) *JSONFault {
	var stack []frame
	var keyStack []int // offsets of the keys of the open objects
	for i := 0; i < len(data); {
		switch c := data[i]; c {
		case '{', '[':
			stack = append(stack, frame{object: c == '{', wantKey: c == '{', key: -1, keysFrom: len(keyStack)})
			i++
		case '}', ']':
			if len(stack) == 0 {
				return nil // not well-formed: not ours to say
			}
			top := stack[len(stack)-1]
			if top.object && keys {
				if dup, first := duplicateKey(data, keyStack[top.keysFrom:]); dup >= 0 {
					path := pathOf(data, stack[:len(stack)-1])
					k := jsonKey(data, dup)
					return &JSONFault{Offset: dup, Also: first, Path: joinPath(path, k),
						Msg: fmt.Sprintf("the key %q appears twice in one object; JSON does not say which one counts", k)}
				}
			}
			keyStack = keyStack[:top.keysFrom]
			stack = stack[:len(stack)-1]
			i++
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					stack[n-1].wantKey = true
				} else {
					stack[n-1].index++
				}
			}
			i++
		case '"':
			end := StringEnd(data, i)
			if end < 0 {
				return nil
			}
			n := len(stack)
			isKey := n > 0 && stack[n-1].object && stack[n-1].wantKey
			if isKey {
				stack[n-1].wantKey = false
				stack[n-1].key = i
				keyStack = append(keyStack, i)
			}
			if at, msg := loneSurrogate(data[i:end]); at >= 0 {
				path := pathOf(data, stack)
				if isKey {
					path = pathOf(data, stack[:n-1])
					msg = "a key: " + msg
				}
				return &JSONFault{Offset: i + at, Also: -1, Path: path, Msg: msg}
			}
			i = end
		default:
			i++
		}
	}
	return nil
}

// loneSurrogate finds an escaped surrogate with no other half in the string
// literal lit, giving its offset in lit and what is wrong, or -1.
func loneSurrogate(lit []byte) (int, string) {
	for j := 1; j < len(lit)-1; j++ {
		if lit[j] != '\\' {
			continue
		}
		if lit[j+1] != 'u' {
			j++
			continue
		}
		u, ok := hex4(lit, j+2)
		if !ok {
			j++
			continue
		}
		switch {
		case 0xD800 <= u && u < 0xDC00:
			if lo, ok := hex4(lit, j+8); ok && j+7 < len(lit) && lit[j+6] == '\\' && lit[j+7] == 'u' && 0xDC00 <= lo && lo < 0xE000 {
				j += 11
				continue
			}
			return j, fmt.Sprintf(`\u%04x is the first half of a UTF-16 surrogate pair without its second: a lone surrogate, which a JSON reader turns into U+FFFD`, u)
		case 0xDC00 <= u && u < 0xE000:
			return j, fmt.Sprintf(`\u%04x is the second half of a UTF-16 surrogate pair without its first: a lone surrogate, which a JSON reader turns into U+FFFD`, u)
		}
		j += 5
	}
	return -1, ""
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	return rune(v), err == nil
}

// duplicateKey finds, among the keys at offsets keys (in document order),
// the first that repeats one before it: its offset and the earlier one's,
// or -1. Small objects compare pairwise; large ones sort the offsets, which
// the caller drops next, so that an object of a million keys costs their
// offsets only.
func duplicateKey(data []byte, keys []int) (int, int) {
	if len(keys) <= 16 {
		for j := 1; j < len(keys); j++ {
			for i := 0; i < j; i++ {
				if compareKeys(data, keys[i], keys[j]) == 0 {
					return keys[j], keys[i]
				}
			}
		}
		return -1, -1
	}
	sorted := keys
	slices.SortStableFunc(sorted, func(a, b int) int { return compareKeys(data, a, b) })
	dup, first := -1, -1
	for j := 1; j < len(sorted); j++ {
		if compareKeys(data, sorted[j-1], sorted[j]) == 0 && (dup < 0 || sorted[j] < dup) {
			// Stable: sorted[j-1] is the earlier of the two.
			dup, first = sorted[j], sorted[j-1]
		}
	}
	return dup, first
}

// compareKeys orders the string literals at offsets a and b by what they
// say, escapes decoded, without allocating.
func compareKeys(data []byte, a, b int) int {
	i, j := a+1, b+1
	for {
		// Bytes as they are, while neither is an escape or the end: UTF-8
		// orders as the code points it encodes.
		for i < len(data) && j < len(data) && data[i] == data[j] && data[i] != '\\' && data[i] != '"' {
			i, j = i+1, j+1
		}
		if i < len(data) && j < len(data) && data[i] != data[j] && data[i] != '\\' && data[i] != '"' && data[j] != '\\' && data[j] != '"' {
			if data[i] < data[j] {
				return -1
			}
			return 1
		}
		ra, ni := nextRune(data, i)
		rb, nj := nextRune(data, j)
		switch {
		case ra < 0 && rb < 0:
			return 0
		case ra != rb:
			if ra < rb {
				return -1
			}
			return 1
		}
		i, j = ni, nj
	}
}

// nextRune decodes the code point of a string literal at data[i], or -1 at
// its closing quote.
func nextRune(data []byte, i int) (rune, int) {
	if i >= len(data) || data[i] == '"' {
		return -1, i
	}
	if data[i] != '\\' {
		r, size := utf8.DecodeRune(data[i:])
		return r, i + size
	}
	if i+1 >= len(data) {
		return -1, i
	}
	switch e := data[i+1]; e {
	case 'u':
		u, ok := hex4(data, i+2)
		if !ok {
			return utf8.RuneError, i + 2
		}
		if utf16.IsSurrogate(u) && i+11 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
			if lo, ok := hex4(data, i+8); ok {
				if r := utf16.DecodeRune(u, lo); r != utf8.RuneError {
					return r, i + 12
				}
			}
		}
		return u, i + 6
	case 'b':
		return '\b', i + 2
	case 'f':
		return '\f', i + 2
	case 'n':
		return '\n', i + 2
	case 'r':
		return '\r', i + 2
	case 't':
		return '\t', i + 2
	default: // '"', '\\', '/'
		return rune(e), i + 2
	}
}

// jsonKey is the key whose literal starts at data[i], decoded.
func jsonKey(data []byte, i int) string {
	var b strings.Builder
	for j := i + 1; ; {
		r, next := nextRune(data, j)
		if r < 0 {
			return b.String()
		}
		b.WriteRune(r)
		j = next
	}
}

// pathOf names the place the frames lead to, as the readers name places:
// keys joined by dots, array indexes in brackets.
func pathOf(data []byte, stack []frame) string {
	var b strings.Builder
	for _, f := range stack {
		switch {
		case f.object && f.key >= 0:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(jsonKey(data, f.key))
		case !f.object:
			fmt.Fprintf(&b, "[%d]", f.index)
		}
	}
	return b.String()
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
