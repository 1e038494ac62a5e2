package formats

import (
	"encoding/json"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

func TestLabelStudioExport(t *testing.T) {
	s, art := richFixture(t)
	files, err := Export("labelstudio", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	var tasks []struct {
		Data        struct{ Text string }
		Annotations []struct {
			Result []map[string]any
		}
	}
	if err := json.Unmarshal(files[0].Data, &tasks); err != nil {
		t.Fatal(err)
	}
	if len(tasks) != 1 || tasks[0].Data.Text != art.Text || len(tasks[0].Annotations) != 1 {
		t.Fatalf("tasks %+v", tasks)
	}
	kinds := map[string]int{}
	for _, r := range tasks[0].Annotations[0].Result {
		kinds[r["type"].(string)+" "+stringOr(r["from_name"])]++
		if r["type"] == "labels" {
			v := r["value"].(map[string]any)
			start, end := int(v["start"].(float64)), int(v["end"].(float64))
			if string([]rune(art.Text)[start:end]) != v["text"] {
				t.Errorf("region %v: start and end are not code points of %q", v, v["text"])
			}
		}
	}
	if kinds["labels type"] != len(s.Annotations) || kinds["choices form"] != 4 || kinds["choices checkworthy"] != 2 ||
		kinds["textarea note"] != 3 || kinds["textarea speaker"] == 0 || kinds["relation "] == 0 {
		t.Errorf("results %v", kinds)
	}
	// The labeling configuration names every control the export uses.
	for _, name := range []string{`name="type"`, `name="form"`, `name="checkworthy"`, `name="speaker"`, `name="note"`, `value="attribution"`, `value="$text"`} {
		if !strings.Contains(LabelStudioConfig, name) {
			t.Errorf("LabelStudioConfig lacks %s", name)
		}
	}
}

func stringOr(v any) string {
	s, _ := v.(string)
	return s
}

// TestLabelStudioReadsItsOwnExport: a task as Label Studio exports it:
// short region ids, completed_by a user id, no quotemark key.
func TestLabelStudioReadsItsOwnExport(t *testing.T) {
	_, art := richFixture(t)
	q := fixture.CPIndex(t, art.Text, "reckless", 0)
	m := fixture.CPIndex(t, art.Text, "Dr. Lee", 0)
	text, _ := json.Marshal(art.Text)
	data := `[{"id": 7, "data": {"text": ` + string(text) + `}, "annotations": [
	  {"id": 3, "completed_by": 1, "was_cancelled": false, "created_at": "2026-03-04T08:00:00.123456Z", "updated_at": "2026-03-04T09:00:00Z",
	   "result": [
	    {"id": "aB3x9", "from_name": "type", "to_name": "text", "type": "labels", "value": {"start": ` + itoaT(q) + `, "end": ` + itoaT(q+8) + `, "text": "reckless", "labels": ["Quote"]}},
	    {"id": "aB3x9", "from_name": "form", "to_name": "text", "type": "choices", "value": {"start": ` + itoaT(q) + `, "end": ` + itoaT(q+8) + `, "choices": ["indirect"]}},
	    {"id": "Zz01", "from_name": "type", "to_name": "text", "type": "labels", "value": {"start": ` + itoaT(m) + `, "end": ` + itoaT(m+7) + `, "text": "Dr. Lee", "labels": ["Speaker"]}},
	    {"from_id": "aB3x9", "to_id": "Zz01", "type": "relation", "direction": "right"}
	   ]},
	  {"id": 4, "completed_by": 2, "was_cancelled": true, "result": []}
	]}]`
	sets, format, _, err := ImportAny([]byte(data), "export.json", art)
	if err != nil {
		t.Fatal(err)
	}
	if format != "labelstudio" || len(sets) != 1 {
		t.Fatalf("%s %d sets", format, len(sets))
	}
	s := sets[0]
	if s.Annotator != "Label Studio user 1" || annotations.FormatTime(s.Created) != "2026-03-04T08:00:00.123456Z" || len(s.Annotations) != 2 {
		t.Errorf("%+v", s)
	}
	for _, a := range s.Annotations {
		if s.SpeakerName(a.Speaker) != "Dr. Lee" || a.Type == annotations.Quote && a.Form != annotations.Indirect {
			t.Errorf("%+v", a)
		}
	}
}
