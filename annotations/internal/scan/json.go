// Package scan reads raw input bytes for the core reader and the format
// readers: where UTF-8 breaks, which line and column an offset is on, and
// JSON split into its members as slices of the input.
package scan

import "unicode/utf8"

// Splitting JSON that the reader has already found valid into its members,
// as slices of the input. encoding/json's Decoder copies every value it
// hands out and re-buffers the input as it grows; over a 2,000-annotation set
// that was most of an import's time in the browser.

// Space skips white space from i.
func Space(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// StringEnd returns the index just past the string that starts at
// data[i] (a quote), or -1 if it does not end.
func StringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// ValueEnd returns the index just past the value that starts at data[i],
// or -1 if it does not end.
func ValueEnd(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return StringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end := StringEnd(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
		j++
	}
	return j
}

// Members calls member for each key (quoted, as written) and value of
// the object in raw, or with a nil key for each element of the array in raw
// when open is '['; values are slices of raw. It reports false when raw is
// not such a value or member returns false.
func Members(raw []byte, open byte, member func(key []byte, value []byte) bool) bool {
	closing := byte('}')
	if open == '[' {
		closing = ']'
	}
	i := Space(raw, 0)
	if i >= len(raw) || raw[i] != open {
		return false
	}
	i = Space(raw, i+1)
	if i < len(raw) && raw[i] == closing {
		return Space(raw, i+1) == len(raw)
	}
	for {
		var key []byte
		if open == '{' {
			if i >= len(raw) || raw[i] != '"' {
				return false
			}
			end := StringEnd(raw, i)
			if end < 0 {
				return false
			}
			key = raw[i:end]
			i = Space(raw, end)
			if i >= len(raw) || raw[i] != ':' {
				return false
			}
			i = Space(raw, i+1)
		}
		end := ValueEnd(raw, i)
		if end < 0 || end == i {
			return false
		}
		if !member(key, raw[i:end]) {
			return false
		}
		i = Space(raw, end)
		if i >= len(raw) {
			return false
		}
		switch raw[i] {
		case ',':
			i = Space(raw, i+1)
		case closing:
			return Space(raw, i+1) == len(raw)
		default:
			return false
		}
	}
}

// PlainString reads a JSON string with no escapes, the usual case, by
// taking what is between its quotes; others go to encoding/json.
func PlainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return "", false
		}
	}
	if !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}
