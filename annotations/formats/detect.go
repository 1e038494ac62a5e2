package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/internal/scan"
)

// DetectFormat tells a file's format from its content, using the file name
// only where the content cannot tell.
func DetectFormat(data []byte, filename string) (string, error) {
	name := strings.ToLower(filename)
	text := bytes.TrimPrefix(data, []byte("\uFEFF"))
	trimmed := bytes.TrimSpace(text)
	if len(trimmed) == 0 {
		if strings.HasSuffix(name, ".ann") {
			return "brat", nil // an empty set
		}
		return "", fmt.Errorf("%s: the file is empty", displayName(filename))
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		// A quotemark set says so in its top-level "format": read only that
		// (a scan without building the whole file as maps, the largest cost
		// of importing a big set in the browser).
		if trimmed[0] == '{' && saysQuotemark(trimmed) {
			return "quotemark", nil
		}
		var v any
		if json.Unmarshal(trimmed, &v) == nil {
			if f := detectJSON(v); f != "" {
				return f, nil
			}
		} else if line, _, _ := bytes.Cut(trimmed, []byte("\n")); json.Unmarshal(line, &v) == nil {
			if obj, ok := v.(map[string]any); ok {
				if f := detectJSONLine(obj); f != "" {
					return f, nil
				}
			}
		}
		switch {
		case strings.HasSuffix(name, ".jsonld"):
			return "w3c", nil
		case strings.Contains(name, "doccano"):
			return "doccano", nil
		case strings.Contains(name, "labelstudio") || strings.Contains(name, "label-studio"):
			return "labelstudio", nil
		case strings.HasSuffix(name, ".quotemark.json"):
			return "quotemark", nil
		case strings.HasSuffix(name, ".jsonl"):
			return "jsonl", nil
		}
		return "", fmt.Errorf("%s: JSON, but of no format quotemark reads (a quotemark set, W3C Web Annotations, spaCy/Prodigy JSONL, Label Studio tasks or doccano JSONL)", displayName(filename))
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	first = bytes.TrimSuffix(first, []byte("\r"))
	if bytes.HasPrefix(first, []byte(csvHeader[0]+",")) {
		return "csv", nil
	}
	if bratLine.Match(first) {
		return "brat", nil
	}
	switch {
	case strings.HasSuffix(name, ".csv"):
		return "csv", nil
	case strings.HasSuffix(name, ".ann"):
		return "brat", nil
	case strings.HasSuffix(name, ".jsonl"):
		return "jsonl", nil
	case strings.HasSuffix(name, ".json"):
		// A broken .json file is most likely a broken set: its reader says
		// where the JSON breaks.
		return "quotemark", nil
	}
	return "", fmt.Errorf("%s: not a format quotemark reads (JSON, JSONL, CSV with a header starting %q, or brat .ann lines)", displayName(filename), csvHeader[0])
}

func displayName(filename string) string {
	if filename == "" {
		return "the file"
	}
	return filename
}

// detectJSON recognizes a whole-file JSON document.
func detectJSON(v any) string {
	switch v := v.(type) {
	case map[string]any:
		if v["format"] == annotations.FormatName {
			return "quotemark"
		}
		if isW3CObject(v) {
			return "w3c"
		}
		if _, ok := v["data"]; ok {
			return "labelstudio"
		}
		return detectJSONLine(v)
	case []any:
		if len(v) == 0 {
			return ""
		}
		obj, _ := v[0].(map[string]any)
		if obj == nil {
			return ""
		}
		if isW3CObject(obj) {
			return "w3c"
		}
		if _, ok := obj["data"]; ok {
			return "labelstudio"
		}
	}
	return ""
}

// saysQuotemark reports whether the object in data is whole and its
// top-level "format" is the quotemark format's name.
func saysQuotemark(data []byte) bool {
	format := false
	whole := scan.Members(data, '{', func(key, value []byte) bool {
		if string(key) == `"format"` {
			v, ok := scan.PlainString(value)
			format = ok && v == annotations.FormatName
		}
		return true
	})
	return whole && format
}

// detectJSONLine recognizes one line of a JSONL file.
func detectJSONLine(obj map[string]any) string {
	switch {
	case obj["entities"] != nil || obj["start_offset"] != nil:
		return "doccano"
	case obj["spans"] != nil:
		return "jsonl"
	case obj["text"] != nil && obj["label"] != nil:
		return "doccano"
	case obj["text"] != nil:
		return "jsonl"
	}
	return ""
}

func isW3CObject(obj map[string]any) bool {
	if _, ok := obj["@context"]; ok {
		return true
	}
	if _, ok := obj["target"]; ok {
		return true
	}
	if rows, ok := obj["rows"].([]any); ok { // a Hypothesis search result
		return len(rows) == 0 || isW3CObject(asObject(rows[0]))
	}
	for _, t := range stringsOf(obj["type"]) {
		if t == "Annotation" || t == "AnnotationCollection" || t == "AnnotationPage" {
			return true
		}
	}
	return false
}
