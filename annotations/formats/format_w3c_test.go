package formats

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"quotemark/annotations"
)

// TestW3CExportPassesTheW3CMusts validates the export of the fixture, of an
// empty set and of a set without annotator against the W3C's MUST
// assertions: the collection, its page and each annotation on its own.
func TestW3CExportPassesTheW3CMusts(t *testing.T) {
	v := newW3CValidator(t)
	s, art := richFixture(t)
	empty := annotations.NewSet(art, "", s.Created)
	for _, set := range []*annotations.Set{s, empty} {
		files, err := Export("w3c", art, []*annotations.Set{set})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || !strings.HasSuffix(files[0].Name, ".w3c.jsonld") || !strings.HasPrefix(files[0].MIME, "application/ld+json") {
			t.Fatalf("files: %+v", files)
		}
		v.checkCollection(t, files[0].Data)
	}
}

// TestW3CExportShape pins the parts other tools rely on.
func TestW3CExportShape(t *testing.T) {
	s, art := richFixture(t)
	files, err := Export("w3c", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	var coll struct {
		Context []any  `json:"@context"`
		ID      string `json:"id"`
		Type    string `json:"type"`
		Creator struct{ Name string }
		Total   int
		First   struct {
			Type  string
			Items []struct {
				ID      string `json:"id"`
				Created string
				Body    []map[string]any
				Target  struct {
					Type     string
					Source   string
					Selector []map[string]any
				}
			}
		}
	}
	if err := json.Unmarshal(files[0].Data, &coll); err != nil {
		t.Fatal(err)
	}
	if coll.Context[0] != w3cContext || coll.Type != "AnnotationCollection" || coll.ID != "urn:uuid:"+s.ID ||
		coll.Creator.Name != "Ana Ölçer" || coll.Total != len(s.Annotations) || coll.First.Type != "AnnotationPage" {
		t.Errorf("collection: %+v", coll)
	}
	c := s.Clone()
	c.Sort()
	for i, item := range coll.First.Items {
		a := c.Annotations[i]
		if item.ID != "urn:uuid:"+a.ID || item.Created != "2026-03-01T09:30:00Z" || item.Target.Type != "SpecificResource" ||
			item.Target.Source != "urn:quotemark:article:rich_article" {
			t.Errorf("items[%d]: %+v", i, item)
		}
		sel := item.Target.Selector
		if len(sel) != 2 || sel[0]["type"] != "TextQuoteSelector" || sel[0]["exact"] != a.Exact || sel[0]["prefix"] != a.Prefix ||
			sel[0]["suffix"] != a.Suffix || sel[1]["type"] != "TextPositionSelector" ||
			sel[1]["start"] != float64(a.Start) || sel[1]["end"] != float64(a.End) {
			t.Errorf("items[%d] selectors %v; want code points %d–%d of %q", i, sel, a.Start, a.End, a.Exact)
		}
		if item.Body[0]["purpose"] != "tagging" || item.Body[0]["value"] != string(a.Type) {
			t.Errorf("items[%d]: first body %v, want the type tag %s", i, item.Body[0], a.Type)
		}
		if a.Speaker != "" {
			found := false
			for _, b := range item.Body {
				src, _ := b["source"].(map[string]any)
				found = found || b["purpose"] == "identifying" && src["id"] == "urn:uuid:"+a.Speaker && src["name"] == s.SpeakerName(a.Speaker)
			}
			if !found {
				t.Errorf("items[%d]: no identifying body for the speaker: %v", i, item.Body)
			}
		}
	}
}

// hypothesisAnnotation is how Hypothesis exports an annotation as JSON-LD:
// positions in UTF-16 units of the page's text, a quote with context
// longer than quotemark's, a Markdown comment and tags.
func hypothesisAnnotation(art *annotations.Article, exact string, occurrence int, tags, comment string) string {
	o := art.Offsets()
	start := strings.Index(art.Text, exact)
	for range occurrence {
		start += 1 + strings.Index(art.Text[start+1:], exact)
	}
	cp := o.FromByte(start, false)
	end := cp + utf8.RuneCountInString(exact)
	prefix := o.Slice(max(0, cp-60), cp)
	suffix := o.Slice(end, min(o.Len(), end+60))
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return fmt.Sprintf(`{
  "@context": "http://www.w3.org/ns/anno.jsonld",
  "type": "Annotation",
  "id": "https://hypothes.is/a/xR3kq0tREe6ZmZ",
  "created": "2026-03-02T10:15:07.513622+00:00",
  "modified": "2026-03-02T10:16:00.000000+00:00",
  "creator": "acct:fact_checker@hypothes.is",
  "body": [
    {"type": "TextualBody", "value": %s, "format": "text/markdown"}%s
  ],
  "target": [{
    "source": "https://news.example.com/clinic-story",
    "selector": [
      {"type": "RangeSelector", "startContainer": "/main[1]/p[4]", "startOffset": 0, "endContainer": "/main[1]/p[4]", "endOffset": 20},
      {"type": "TextPositionSelector", "start": %d, "end": %d},
      {"type": "TextQuoteSelector", "exact": %s, "prefix": %s, "suffix": %s}
    ]
  }]
}`, q(comment), tags, o.UTF16(cp), o.UTF16(end), q(exact), q(prefix), q(suffix))
}

// TestW3CReadsHypothesis: an annotation from Hypothesis, whose text follows
// an emoji, lands on the right words although its offsets count UTF-16
// units.
func TestW3CReadsHypothesis(t *testing.T) {
	_, art := richFixture(t)
	exact := "Dr. Lee called the plan"
	data := hypothesisAnnotation(art, exact, 0, `,
    {"type": "TextualBody", "purpose": "tagging", "value": "claim"},
    {"type": "TextualBody", "purpose": "tagging", "value": "health"}`, "Is this *really* what he said?")
	o := art.Offsets()
	cp := o.FromByte(strings.Index(art.Text, exact), false)
	if o.UTF16(cp) == cp {
		t.Fatal("the test needs astral characters before the quote")
	}
	sets, format, reports, err := ImportAny([]byte(data), "hypothesis.json", art)
	if err != nil {
		t.Fatal(err)
	}
	if format != "w3c" || len(sets) != 1 || len(sets[0].Annotations) != 1 {
		t.Fatalf("format %q, sets %+v", format, sets)
	}
	s, a := sets[0], sets[0].Annotations[0]
	if a.Start != cp || a.End != cp+utf8.RuneCountInString(exact) || a.Exact != exact {
		t.Errorf("placed at %d–%d %q; want %d–%d", a.Start, a.End, a.Exact, cp, cp+utf8.RuneCountInString(exact))
	}
	if reports[0].Placements[a.ID] != annotations.PlacedAtPosition || len(s.Orphans) != 0 {
		t.Errorf("placement %v, orphans %v", reports[0].Placements, s.Orphans)
	}
	if a.Type != annotations.Claim || a.Note != "Is this *really* what he said?\n\nTags: health" || a.Speaker != "" {
		t.Errorf("annotation %+v", a)
	}
	if s.Annotator != "fact_checker" || annotations.FormatTime(s.Created) != "2026-03-02T10:15:07.513622Z" || annotations.FormatTime(s.Modified) != "2026-03-02T10:16:00Z" {
		t.Errorf("set: annotator %q, created %v, modified %v", s.Annotator, s.Created, s.Modified)
	}
	if a.ID != idFrom("https://hypothes.is/a/xR3kq0tREe6ZmZ") || !annotations.IsUUID(s.ID) {
		t.Errorf("ids: %s %s", a.ID, s.ID)
	}
	// Importing the same file again gives the same annotation id.
	again, _, _, err := ImportAny([]byte(data), "", art)
	if err != nil || again[0].Annotations[0].ID != a.ID {
		t.Errorf("a second import: %v %v", err, again)
	}
}

// TestW3CReadsOtherToolsByQuote: positions that do not hold the quote (the
// page's text differed) or no position at all (as Recogito may write), an
// identifying body naming a person, and a Hypothesis search result.
func TestW3CReadsOtherToolsByQuote(t *testing.T) {
	_, art := richFixture(t)
	o := art.Offsets()
	second := o.FromByte(strings.LastIndex(art.Text, "Ångström"), false)
	// A page that showed a longer text: positions off by 100.
	data := `{"rows": [
	  {"id": "h1", "user": "acct:ana@hypothes.is", "created": "2026-03-02T10:00:00Z", "updated": "2026-03-02T11:00:00Z",
	   "text": "who?", "tags": ["speaker"],
	   "target": [{"source": "x", "selector": [
	     {"type": "TextPositionSelector", "start": 300, "end": 308},
	     {"type": "TextQuoteSelector", "exact": "Ångström", "prefix": "Friday.\nWe will not close the clinic 🏥 in q\u0303uarters,” ", "suffix": " said, “not"}]}]},
	  {"id": "h2", "user": "acct:ana@hypothes.is", "created": "2026-03-02T10:05:00Z",
	   "target": [{"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Its own figures show 12 clinics closed"}}],
	   "body": {"type": "SpecificResource", "purpose": "identifying", "source": {"id": "http://www.wikidata.org/entity/Q42", "label": "Statistics Office"}}}
	]}`
	sets, format, reports, err := ImportAny([]byte(data), "search.json", art)
	if err != nil {
		t.Fatal(err)
	}
	if format != "w3c" || len(sets[0].Annotations) != 2 {
		t.Fatalf("%q %+v %+v", format, sets[0], reports[0])
	}
	s := sets[0]
	var mention, other annotations.Annotation
	for _, a := range s.Annotations {
		if a.Exact == "Ångström" {
			mention = a
		} else {
			other = a
		}
	}
	if mention.Start != second || mention.Type != annotations.SpeakerMention || s.SpeakerName(mention.Speaker) != "Ångström" || mention.Note != "who?" {
		t.Errorf("the mention: %+v (want at %d)", mention, second)
	}
	if reports[0].Placements[mention.ID] == annotations.NotPlaced || reports[0].Placements[other.ID] == annotations.NotPlaced {
		t.Errorf("placements %v", reports[0].Placements)
	}
	if other.Type != annotations.SpeakerMention || s.SpeakerName(other.Speaker) != "Statistics Office" || other.Exact != "Its own figures show 12 clinics closed" {
		t.Errorf("the identified span: %+v", other)
	}
	if s.Annotator != "ana" || annotations.FormatTime(s.Modified) != "2026-03-02T11:00:00Z" {
		t.Errorf("set %q %v", s.Annotator, s.Modified)
	}
	// A quote that is not in the text is kept as an orphan, not dropped.
	lost := `{"type": "Annotation", "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "words this article never had in it at all"}}}`
	sets, _, reports, err = ImportAny([]byte(lost), "", art)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets[0].Orphans) != 1 || len(sets[0].Annotations) != 0 || reports[0].Orphaned != 1 {
		t.Errorf("an unplaceable annotation: %+v %+v", sets[0], reports[0])
	}
}

func TestW3CRefusesConflicts(t *testing.T) {
	_, art := richFixture(t)
	for _, tc := range []struct{ data, want string }{
		{`[{"id": "urn:uuid:5f1d7a5e-0c67-4c3e-9c7f-000000000001", "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Friday"}}},
		   {"id": "urn:uuid:5f1d7a5e-0c67-4c3e-9c7f-000000000001", "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Friday"}}}]`,
			"[1]: annotation id 5f1d7a5e-0c67-4c3e-9c7f-000000000001 is used twice (also at [0])"},
		{`{"type": "Annotation", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "quote"}, {"type": "TextualBody", "purpose": "tagging", "value": "claim"}],
		   "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Friday"}}}`,
			"two types, quote and claim"},
		{`[{"body": {"type": "SpecificResource", "purpose": "identifying", "source": {"id": "urn:uuid:5f1d7a5e-0c67-4c3e-9c7f-000000000002", "name": "A"}}, "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "Friday"}}},
		   {"body": {"type": "SpecificResource", "purpose": "identifying", "source": {"id": "urn:uuid:5f1d7a5e-0c67-4c3e-9c7f-000000000002", "name": "B"}}, "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "spoke"}}}]`,
			`[1].body[0]: speaker 5f1d7a5e-0c67-4c3e-9c7f-000000000002 is named both "A" and "B"`},
		{`{"type": "AnnotationCollection", "total": 2, "first": {"type": "AnnotationPage", "items": []}}`, "says it holds 2 annotations, but its page has 0"},
		{`{"type": "Annotation", "target": {"source": "x", "selector": {"type": "TextPositionSelector", "start": 9, "end": 4}}}`, "end 4 is not after start 9"},
	} {
		_, _, _, err := ImportAny([]byte(tc.data), "", art)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "W3C Web Annotation: ") {
			t.Errorf("error %v; want %q", err, tc.want)
		}
	}
}
