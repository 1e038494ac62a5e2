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
	if err := annotations.CheckImportSize(len(data)); err != nil {
		return "", fmt.Errorf("%s: %w", displayName(filename), err)
	}
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
		if json.Valid(trimmed) {
			if f := detectJSON(jsonValue(trimmed)); f != "" {
				return f, nil
			}
		} else if line, _, _ := bytes.Cut(trimmed, []byte("\n")); json.Valid(line) {
			if v := jsonValue(bytes.TrimSpace(line)); v.kind() == '{' {
				if f := detectJSONLine(&fields{raw: v}); f != "" {
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
func detectJSON(v jsonValue) string {
	switch v.kind() {
	case '{':
		obj := &fields{raw: v}
		if f, _ := obj.str("format", false); f == annotations.FormatName {
			return "quotemark"
		}
		if isW3CObject(obj) {
			return "w3c"
		}
		if obj.present("data") {
			return "labelstudio"
		}
		return detectJSONLine(obj)
	case '[':
		var first jsonValue
		_ = eachElement(v, func(_ int, e jsonValue) error {
			first = e
			return errStop
		})
		if first.kind() != '{' {
			return ""
		}
		obj := &fields{raw: first}
		if isW3CObject(obj) {
			return "w3c"
		}
		if obj.present("data") {
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
func detectJSONLine(obj *fields) string {
	switch {
	case obj.has("entities") || obj.has("start_offset"):
		return "doccano"
	case obj.has("spans"):
		return "jsonl"
	case obj.has("text") && obj.has("label"):
		return "doccano"
	case obj.has("text"):
		return "jsonl"
	}
	return ""
}

func isW3CObject(obj *fields) bool {
	if obj.present("@context") || obj.present("target") {
		return true
	}
	if rows := obj.get("rows"); rows.kind() == '[' { // a Hypothesis search result
		isW3C := true
		_ = eachElement(rows, func(_ int, e jsonValue) error {
			isW3C = e.kind() == '{' && isW3CObject(&fields{raw: e})
			return errStop
		})
		return isW3C
	}
	types := obj.get("type")
	return hasString(types, "Annotation") || hasString(types, "AnnotationCollection") || hasString(types, "AnnotationPage")
}
