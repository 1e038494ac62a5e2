package annotations

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
)

// An article is a plain text. A person who opens an annotation set, an
// archive or a document as an article would get an "article" of JSON or
// of bytes, and sets anchored on it; so the library refuses such a file and
// says where it belongs instead.

// annotationExtensions are the endings of files that hold annotations, not
// an article: quotemark's own sets, the formats Import reads, archives.
var annotationExtensions = []string{".json", ".jsonl", ".ndjson", ".ann", ".zip", ".quotemark"}

// binarySignatures are the first bytes of formats people mistake for text:
// archives, compressed files, PDFs, office documents, images.
var binarySignatures = []struct {
	magic string
	kind  string
}{
	{"PK\x03\x04", "a zip archive"},
	{"PK\x05\x06", "a zip archive"},
	{"\x1f\x8b", "a gzip file"},
	{"%PDF-", "a PDF document"},
	{"\xd0\xcf\x11\xe0", "an office document"},
	{"{\\rtf", "an RTF document"},
	{"\x89PNG", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
}

// ImportHint is what a refused article file is told: where annotation sets
// go instead.
const ImportHint = "to load annotation sets, open the article and use Import on its page"

// CheckArticleFile refuses a file that is not a plain-text article: one
// named as an annotation file, one whose content is JSON or JSON Lines, an
// archive or a binary document. The error names the file and says what it
// looks like and what to do instead. A text that merely starts with a
// bracket ("[Reuters] …") is an article: only content that parses as JSON
// throughout is refused.
func CheckArticleFile(name string, data []byte) error {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range annotationExtensions {
		if ext == e {
			return fmt.Errorf("%s is a %s file, not an article text: open a plain .txt article; %s", name, strings.TrimPrefix(ext, "."), ImportHint)
		}
	}
	if kind := binaryKind(data); kind != "" {
		return fmt.Errorf("%s is %s, not an article text: open a plain .txt article; %s", name, kind, ImportHint)
	}
	if kind := jsonKind(data); kind != "" {
		return fmt.Errorf("%s holds %s, not an article text: open a plain .txt article; %s", name, kind, ImportHint)
	}
	return nil
}

func binaryKind(data []byte) string {
	for _, s := range binarySignatures {
		if bytes.HasPrefix(data, []byte(s.magic)) {
			return s.kind
		}
	}
	return ""
}

// jsonKind says whether data is a JSON document ("JSON") or JSON Lines
// (every non-blank line a JSON object or array), else "".
func jsonKind(data []byte) string {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if len(trimmed) == 0 || trimmed[0] != '{' && trimmed[0] != '[' {
		return ""
	}
	if json.Valid(trimmed) {
		return "JSON"
	}
	lines := 0
	for line := range bytes.Lines(trimmed) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' && line[0] != '[' || !json.Valid(line) {
			return ""
		}
		lines++
	}
	if lines > 1 {
		return "JSON Lines"
	}
	return ""
}
