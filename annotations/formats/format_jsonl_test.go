package formats

import (
	"encoding/json"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

func TestJSONLExport(t *testing.T) {
	s, art := richFixture(t)
	files, err := Export("jsonl", art, []*annotations.Set{s, s})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(files[0].Data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines for two sets", len(lines))
	}
	var line struct {
		Text  string
		Spans []struct {
			Start, End int
			Label      string
		}
		Relations []struct {
			Head  struct{ Start, End int } `json:"head_span"`
			Child struct{ Label string }   `json:"child_span"`
			Label string
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatal(err)
	}
	if line.Text != art.Text || len(line.Spans) != len(s.Annotations) || len(line.Relations) == 0 {
		t.Fatalf("line: %d spans, %d relations", len(line.Spans), len(line.Relations))
	}
	runes := []rune(line.Text)
	c := s.Clone()
	c.Sort()
	for i, sp := range line.Spans {
		// Code points: what Python's text[start:end] gives.
		if string(runes[sp.Start:sp.End]) != c.Annotations[i].Exact || sp.Label != strings.ToUpper(typeLabels[c.Annotations[i].Type]) {
			t.Errorf("spans[%d] %+v is not %q", i, sp, c.Annotations[i].Exact)
		}
	}
	for _, r := range line.Relations {
		if r.Label != "ATTRIBUTION" || r.Child.Label != "SPEAKER" {
			t.Errorf("relation %+v", r)
		}
	}
}

// TestJSONLReadsSpacyData: a line as spaCy or Prodigy data has it: no ids,
// no meta, a relation by its spans' offsets.
func TestJSONLReadsSpacyData(t *testing.T) {
	_, art := richFixture(t)
	o := art.Offsets()
	q := fixture.CPIndex(t, art.Text, "reckless", 0)
	m := fixture.CPIndex(t, art.Text, "Dr. Lee", 0)
	text, _ := json.Marshal(art.Text)
	line := `{"text": ` + string(text) + `, "spans": [` +
		`{"start": ` + itoaT(q) + `, "end": ` + itoaT(q+8) + `, "label": "QUOTE", "token_start": 40, "token_end": 40},` +
		`{"start": ` + itoaT(m) + `, "end": ` + itoaT(m+7) + `, "label": "PERSON"}],` +
		`"relations": [{"head": 40, "child": 30, "head_span": {"start": ` + itoaT(q) + `, "end": ` + itoaT(q+8) + `, "label": "QUOTE"},` +
		` "child_span": {"start": ` + itoaT(m) + `, "end": ` + itoaT(m+7) + `, "label": "PERSON"}, "label": "attribution"}]}` + "\n"
	if o.Len() == o.UTF16Len() {
		t.Fatal("needs astral characters")
	}
	sets, format, _, err := ImportAny([]byte(line), "data.jsonl", art)
	if err != nil {
		t.Fatal(err)
	}
	s := sets[0]
	if format != "jsonl" || len(s.Annotations) != 2 || len(s.Speakers) != 1 || s.Speakers[0].Name != "Dr. Lee" {
		t.Fatalf("%s %+v", format, s)
	}
	for _, a := range s.Annotations {
		if a.Speaker != s.Speakers[0].ID {
			t.Errorf("%+v is not attributed to Dr. Lee", a)
		}
	}
}

func itoaT(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
