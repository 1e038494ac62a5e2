package formats

import (
	"encoding/json"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// TestDoccanoOffsetsAreUTF16: the file counts UTF-16 units, as doccano does.
func TestDoccanoOffsetsAreUTF16(t *testing.T) {
	s, art := richFixture(t)
	files, err := Export("doccano", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	var line struct {
		Text     string
		Entities []struct {
			ID                     int
			Label                  string
			StartOffset, EndOffset int `json:"-"`
			Start                  int `json:"start_offset"`
			End                    int `json:"end_offset"`
		}
		Relations []struct {
			FromID int `json:"from_id"`
			ToID   int `json:"to_id"`
			Type   string
		}
	}
	if err := json.Unmarshal(files[0].Data, &line); err != nil {
		t.Fatal(err)
	}
	u16 := utf16Units(line.Text)
	c := s.Clone()
	c.Sort()
	shifted := 0
	for i, e := range line.Entities {
		a := c.Annotations[i]
		if got := decodeUTF16(u16[e.Start:e.End]); got != a.Exact || e.Label != typeLabels[a.Type] || e.ID != i+1 {
			t.Errorf("entities[%d] %+v gives %q, not %q", i, e, got, a.Exact)
		}
		if e.Start != a.Start {
			shifted++
		}
	}
	if shifted == 0 {
		t.Error("no entity follows an emoji: the test proves nothing")
	}
	if len(line.Relations) == 0 || line.Relations[0].Type != "attribution" {
		t.Errorf("relations %+v", line.Relations)
	}
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

func decodeUTF16(u []uint16) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		if r >= 0xD800 && r < 0xDC00 && i+1 < len(u) {
			r = 0x10000 + (r-0xD800)<<10 + rune(u[i+1]) - 0xDC00
			i++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestDoccanoReadsItsOwnExport: a line as doccano exports it (no quotemark
// key), and the sequence-labeling form.
func TestDoccanoReadsItsOwnExport(t *testing.T) {
	_, art := richFixture(t)
	o := art.Offsets()
	q := fixture.CPIndex(t, art.Text, "🎉Dr. Lee called the plan", 0)
	m := q + 1
	text, _ := json.Marshal(art.Text)
	u := func(cp int) string { return itoaT(o.UTF16(cp)) }
	line := `{"id": 12, "text": ` + string(text) + `, "Comments": [], "entities": [` +
		`{"id": 101, "label": "Quote", "start_offset": ` + u(q) + `, "end_offset": ` + u(q+24) + `},` +
		`{"id": 102, "label": "Speaker", "start_offset": ` + u(m) + `, "end_offset": ` + u(m+7) + `}],` +
		`"relations": [{"id": 5, "from_id": 101, "to_id": 102, "type": "attribution"}]}` + "\n"
	sets, format, _, err := ImportAny([]byte(line), "admin.jsonl", art)
	if err != nil {
		t.Fatal(err)
	}
	s := sets[0]
	if format != "doccano" || len(s.Annotations) != 2 || len(s.Speakers) != 1 || s.Speakers[0].Name != "Dr. Lee" {
		t.Fatalf("%s %+v", format, s)
	}
	for _, a := range s.Annotations {
		if a.Speaker != s.Speakers[0].ID || a.Type == annotations.Quote && (a.Start != q || a.Exact != "🎉Dr. Lee called the plan") {
			t.Errorf("%+v", a)
		}
	}
	seq := `{"text": ` + string(text) + `, "label": [[` + u(m) + `, ` + u(m+7) + `, "Speaker"]]}`
	sets, format, _, err = ImportAny([]byte(seq), "", art)
	if err != nil || format != "doccano" || sets[0].Annotations[0].Exact != "Dr. Lee" {
		t.Errorf("sequence labeling: %v %s %+v", err, format, sets)
	}
}
