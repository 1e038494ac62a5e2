package formats

import (
	"bytes"
	"encoding/json"
	"fmt"

	"quotemark/annotations"
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

// decodeJSON decodes one JSON value strictly (numbers as json.Number), or
// says where it is malformed.
func decodeJSON(format, place string, data []byte) (any, error) {
	if err := annotations.CheckJSONSyntax(data); err != nil {
		return nil, importErr(format, place, "%v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, importErr(format, place, "not valid JSON: %v", err)
	}
	return v, nil
}

// jsonLines splits a JSONL file into its non-blank lines with their numbers.
func jsonLines(data []byte) (lines [][]byte, numbers []int) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		lines = append(lines, line)
		numbers = append(numbers, i+1)
	}
	return lines, numbers
}

func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// stringsOf reads a JSON-LD value that may be one string or an array of them.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
