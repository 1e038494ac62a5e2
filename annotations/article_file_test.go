package annotations

import (
	"strings"
	"testing"
)

func TestCheckArticleFileRefusesNonText(t *testing.T) {
	refused := []struct {
		name, data, says string
	}{
		{"set.json", `{"format":"quotemark/annotations"}`, "json file"},
		{"set.JSON", "plain words", "json file"},
		{"lines.jsonl", "{}\n{}\n", "jsonl file"},
		{"brat.ann", "T1\tQuote 0 4\tword\n", "ann file"},
		{"corpus.zip", "PK\x03\x04rest", "zip file"},
		{"notes.txt", ` { "annotator": "Ana", "annotations": [] } `, "holds JSON"},
		{"array.txt", `[1, 2, 3]`, "holds JSON"},
		{"export.txt", "{\"a\":1}\n\n{\"b\":2}\n", "holds JSON Lines"},
		{"archive", "PK\x03\x04\x14\x00", "is a zip archive"},
		{"paper.txt", "%PDF-1.7\n", "is a PDF document"},
		{"story.gz", "\x1f\x8b\x08", "is a gzip file"},
	}
	for _, c := range refused {
		err := CheckArticleFile(c.name, []byte(c.data))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, want := range []string{c.name, c.says, "Import"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %q does not say %q", c.name, err, want)
			}
		}
	}
}

func TestCheckArticleFileAcceptsText(t *testing.T) {
	for name, data := range map[string]string{
		"story.txt":    "Mayor resigns\n\nThe mayor said on Monday…\n",
		"bracket.txt":  "[Reuters] The minister said: {not json}\n",
		"one-line.txt": "{\"looks\": \"like json\"} but goes on as prose\n",
		"noext":        "Just words.",
		"brace.txt":    "{\n",
	} {
		if err := CheckArticleFile(name, []byte(data)); err != nil {
			t.Errorf("%s: refused: %v", name, err)
		}
	}
}
