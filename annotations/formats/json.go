package formats

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/annotations/internal/scan"
)

// marshalJSON encodes v with two-space indentation, without HTML escaping.
func marshalJSON(v any, indent bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // only plain data is encoded
	}
	return buf.Bytes()
}

// The JSON readers keep a document as its bytes and decode a value only
// where they look: a value is a slice of the file (a jsonValue), an object
// is read by fields, an array element by element. Decoding a file whole
// into maps and slices cost up to thirty times its size ("[0,0,0,…]" is a
// 16-byte interface per two bytes); this way reading costs the file and
// what the reader builds from it.

// jsonValue is one JSON value of a document decodeJSON checked, as a slice
// of it without the white space around it; nil is a value that is not
// there.
type jsonValue []byte

// decodeJSON checks one JSON document: well-formed, UTF-8, no key twice in
// an object, no escaped lone surrogate. It returns the document as a value,
// or says what is wrong and where (place, then the path in the document).
func decodeJSON(format, place string, data []byte) (jsonValue, error) {
	if !json.Valid(data) || !utf8.Valid(data) {
		err := annotations.CheckJSONSyntax(data)
		if err == nil {
			err = errors.New("not valid JSON")
		}
		return nil, importErr(format, place, "%v", err)
	}
	if f := scan.CheckJSON(data, true); f != nil {
		return nil, importErr(format, joinPlace(place, f.Path), "%s: %s", f.Where(data), f.Msg)
	}
	return jsonValue(bytes.TrimSpace(data)), nil
}

func joinPlace(place, path string) string {
	switch {
	case path == "":
		return place
	case place == "":
		return path
	case path[0] == '[':
		return place + path
	}
	return place + "." + path
}

// kind is the first byte of the value: '{', '[', '"', 't', 'f', 'n' or a
// number's first; 0 when there is no value.
func (v jsonValue) kind() byte {
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

func (v jsonValue) isNull() bool { return string(v) == "null" }

// missing is a member that is not there or null, which the readers take
// alike.
func (v jsonValue) missing() bool { return v == nil || v.isNull() }

// str decodes a string value.
func (v jsonValue) str() (string, bool) {
	if v.kind() != '"' {
		return "", false
	}
	if s, ok := scan.PlainString(v); ok {
		return s, true
	}
	var s string
	return s, json.Unmarshal(v, &s) == nil
}

func jsonKind(v jsonValue) string {
	switch v.kind() {
	case 0, 'n':
		return "null"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case '[':
		return "an array"
	case '{':
		return "an object"
	}
	return "a number"
}

// errStop ends eachElement early without an error.
var errStop = errors.New("stop")

// eachElement calls fn with each element of an array (of v itself when v is
// not an array, as JSON-LD writes a list of one), stopping at the first
// error; errStop stops without one.
func eachElement(v jsonValue, fn func(i int, e jsonValue) error) error {
	if v.kind() != '[' {
		if v.missing() {
			return nil
		}
		return ignoreStop(fn(0, v))
	}
	var err error
	i := 0
	scan.Members(v, '[', func(_, e []byte) bool {
		err = fn(i, jsonValue(e))
		i++
		return err == nil
	})
	return ignoreStop(err)
}

func ignoreStop(err error) error {
	if err == errStop {
		return nil
	}
	return err
}

// count is the number of elements of an array, at most upTo.
func (v jsonValue) count(upTo int) int {
	n := 0
	_ = eachElement(v, func(int, jsonValue) error {
		if n++; n >= upTo {
			return errStop
		}
		return nil
	})
	return n
}

// eachString calls fn with each string of a JSON-LD value that may be one
// string or an array of them (skipping what is not a string), until fn
// returns false.
func eachString(v jsonValue, fn func(s string) bool) {
	_ = eachElement(v, func(_ int, e jsonValue) error {
		if s, ok := e.str(); ok && !fn(s) {
			return errStop
		}
		return nil
	})
}

// firstString is the first string of a JSON-LD value.
func firstString(v jsonValue) (string, bool) {
	var first string
	found := false
	eachString(v, func(s string) bool {
		first, found = s, true
		return false
	})
	return first, found
}

// hasString reports whether a JSON-LD value is or lists want.
func hasString(v jsonValue, want string) bool {
	found := false
	eachString(v, func(s string) bool {
		found = s == want
		return !found
	})
	return found
}

// someStrings lists at most n of a value's strings, for a message, with
// "…" when there are more.
func someStrings(v jsonValue, n int) string {
	var list []string
	more := false
	eachString(v, func(s string) bool {
		if more = len(list) == n; more {
			return false
		}
		list = append(list, annotations.Clip(s, 40))
		return true
	})
	if more {
		list = append(list, "…")
	}
	return fmt.Sprint(list)
}

// joinStrings joins a value's strings, as strings.Join would a slice of
// them, without the slice.
func joinStrings(v jsonValue, sep string) string {
	var b strings.Builder
	first := true
	eachString(v, func(s string) bool {
		if !first {
			b.WriteString(sep)
		}
		first = false
		b.WriteString(s)
		return true
	})
	return b.String()
}

// jsonLines calls fn with each non-blank line of a JSONL file and its
// number, refusing a line over annotations.MaxLineBytes before reading it.
func jsonLines(label string, data []byte, fn func(n int, line []byte) error) error {
	return nonBlankLines(label, bytes.TrimPrefix(data, []byte("\uFEFF")), fn)
}

// nonBlankLines calls fn with each line of data that is not blank and its
// number, refusing a line over annotations.MaxLineBytes before reading it.
func nonBlankLines(label string, data []byte, fn func(n int, line []byte) error) error {
	for n, from := 1, 0; from < len(data); n++ {
		line, next, ok := scan.Line(data, from, annotations.MaxLineBytes)
		if !ok {
			return tooLongLine(label, n)
		}
		from = next
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

func tooLongLine(label string, n int) error {
	return importErr(label, fmt.Sprintf("line %d", n), "is longer than %d bytes, the limit (MaxLineBytes)", annotations.MaxLineBytes)
}
