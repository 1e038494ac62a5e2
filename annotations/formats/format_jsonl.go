package formats

import (
	"bytes"
	"fmt"
	"strings"

	"quotemark/annotations"
)

// JSONL in the spaCy / Prodigy convention: one JSON object per line, one
// line per set, each with the article's text:
//
//	{"text": "…",
//	 "spans": [{"start": 12, "end": 20, "label": "SPEAKER", "id": "…",
//	            "meta": {"speaker": "…", "speaker_name": "…", "form": "…", "checkworthy": true, "note": "…"}}],
//	 "relations": [{"head_span": {"start": …, "end": …, "label": "QUOTE", "id": "…"},
//	                "child_span": {"start": …, "end": …, "label": "SPEAKER", "id": "…"},
//	                "label": "ATTRIBUTION"}],
//	 "meta": {"article_id": …, "title": …, "sha256": …, "set_id": …, "annotator": …,
//	          "created": …, "modified": …, "speakers": [{"id": …, "name": …}]}}
//
// start and end count code points, as Python's str (and so spaCy's
// char_span and Prodigy) does. The relation goes from the quote or claim
// (head) to the nearest mention of its speaker (child). The span's and the
// line's meta keep what spaCy and Prodigy have no field for; reading a file
// without them rebuilds speakers from the relations and the mentions' text.

const jsonlLabel = "JSONL"

type jsonlSpan struct {
	Start int       `json:"start"`
	End   int       `json:"end"`
	Label string    `json:"label"`
	ID    string    `json:"id"`
	Meta  *spanMeta `json:"meta,omitempty"`
}

type jsonlRelation struct {
	Head  jsonlSpan `json:"head_span"`
	Child jsonlSpan `json:"child_span"`
	Label string    `json:"label"`
}

type jsonlLine struct {
	Text      string          `json:"text"`
	Spans     []jsonlSpan     `json:"spans"`
	Relations []jsonlRelation `json:"relations"`
	Meta      setMeta         `json:"meta"`
}

func writeJSONL(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var buf bytes.Buffer
	for _, s := range sets {
		c := s.Clone()
		c.Sort()
		line := jsonlLine{Text: art.Text, Spans: []jsonlSpan{}, Relations: []jsonlRelation{}, Meta: metaOf(c, true)}
		span := func(a annotations.Annotation) jsonlSpan {
			return jsonlSpan{Start: a.Start, End: a.End, Label: strings.ToUpper(typeLabels[a.Type]), ID: a.ID}
		}
		for _, a := range c.Annotations {
			sp := span(a)
			sp.Meta = annotationMeta(c, a)
			line.Spans = append(line.Spans, sp)
			if m, ok := nearestMention(c, a); ok {
				line.Relations = append(line.Relations, jsonlRelation{Head: span(a), Child: span(m), Label: strings.ToUpper(attributionLabel)})
			}
		}
		buf.Write(marshalJSON(line, false))
	}
	return []ExportedFile{{Name: exportBase(art) + ".jsonl", Data: buf.Bytes(), MIME: "application/jsonl"}}, nil
}

func readJSONL(data []byte, in *intake) ([]*draft, error) {
	in.label = jsonlLabel
	return readJSONLines(data, in, readJSONLLine)
}

// readLineDraft starts the draft of one JSONL or doccano line: the set's
// metadata from the object under metaKey and the line's text, which must be
// the article's.
func readLineDraft(in *intake, metaKey string, f *fields) (d *draft, src *annotations.Article, meta *fields, err error) {
	d, err = in.newDraft(f.place, annotations.NewID())
	if err != nil {
		return nil, nil, nil, err
	}
	meta, err = f.object(metaKey)
	if err != nil {
		return nil, nil, nil, err
	}
	articleID, err := readSetMeta(d, meta)
	if err != nil {
		return nil, nil, nil, err
	}
	text, err := f.str("text", true)
	if err != nil {
		return nil, nil, nil, err
	}
	src, err = in.sourceText(f.sub("text"), text)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkSameArticle(in.label, f.place, src, in.art, articleID); err != nil {
		return nil, nil, nil, err
	}
	d.source = src
	return d, src, meta, nil
}

// readJSONLines reads a file of one JSON object per line (JSONL, doccano),
// each line a draft set, naming the line of any error.
func readJSONLines(data []byte, in *intake, readLine func(*fields, *intake) (*draft, error)) ([]*draft, error) {
	var drafts []*draft
	err := jsonLines(in.label, data, func(n int, raw []byte) error {
		place := fmt.Sprintf("line %d", n)
		v, err := decodeJSON(in.label, place, raw)
		if err != nil {
			return err
		}
		f, err := fieldsOf(in.label, place, v)
		if err != nil {
			return err
		}
		d, err := readLine(f, in)
		if err != nil || d == nil { // nil: a line that holds no set
			return err
		}
		drafts = append(drafts, d)
		return nil
	})
	return drafts, err
}

// jsonlAttribution is a relation from its head_span (the quote or claim)
// to its child_span (the mention), labelled ATTRIBUTION.
var jsonlAttribution = attributionShape{labelKey: "label", ends: [2]string{"head_span", "child_span"}}

func readJSONLLine(f *fields, in *intake) (*draft, error) {
	if in.opts != nil {
		if skip, err := prodigyUnanswered(f); err != nil || skip {
			return nil, err
		}
	}
	d, src, _, err := readLineDraft(in, "meta", f)
	if err != nil {
		return nil, err
	}
	if in.opts != nil && d.set.Annotator == "" {
		if d.set.Annotator, err = f.str("_annotator_id", false); err != nil {
			return nil, err
		}
	}
	byKey, err := readJSONLSpans(d, f, src)
	if err != nil {
		return nil, err
	}
	attributed, err := readAttributions(d, f, jsonlAttribution, func(rf *fields, k string) (string, error) {
		return jsonlRelationEnd(d, byKey, rf, k)
	})
	if err != nil {
		return nil, err
	}
	if err := finishSpeakers(d, jsonlLabel, attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// Prodigy writes each answer a line (rel.manual, ner.manual, spans.manual):
//
//	{"text": "…", "tokens": [{"text", "start", "end", "id", "ws"}, …],
//	 "spans": [{"start", "end", "token_start", "token_end", "label"}, …],
//	 "relations": [{"head": 3, "child": 9, "head_span": {…}, "child_span": {…}, "label": "…"}, …],
//	 "answer": "accept", "_annotator_id": "dataset-alice", "_input_hash": …, "_task_hash": …}
//
// start and end count code points, as above; tokens, token offsets and the
// head and child token indexes are read through the spans' own offsets. An
// import that maps labels (ImportWith) leaves out the lines answered
// "reject" or "ignore", which hold no annotation, and takes the annotator
// from _annotator_id when the meta names none.

// prodigyUnanswered reports whether a line is a Prodigy answer rejected or
// ignored: no set.
func prodigyUnanswered(f *fields) (bool, error) {
	answer, err := f.str("answer", false)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(answer) {
	case "reject", "ignore":
		return true, nil
	}
	return false, nil
}

// jsonlSpanKeys finds a span by its start, end and label, as a relation
// may name it instead of by its id.
type jsonlSpanKeys map[string]string

func jsonlSpanKey(start, end int, label string) string {
	return fmt.Sprintf("%d %d %s", start, end, strings.ToLower(label))
}

// readJSONLSpans adds a line's spans with their meta to the draft.
func readJSONLSpans(d *draft, f *fields, src *annotations.Article) (jsonlSpanKeys, error) {
	byKey := jsonlSpanKeys{}
	err := f.each("spans", false, func(_ int, sf *fields) error {
		a, label, keep, err := jsonlSpanOf(d.in, sf, src)
		if err != nil {
			return err
		}
		if !keep {
			byKey[jsonlSpanKey(a.Start, a.End, label)] = a.ID
			d.leaveOut(a.ID)
			return nil
		}
		if sf.has("meta") {
			m, err := sf.object("meta")
			if err != nil {
				return err
			}
			if err := readSpanMeta(d, &a, m); err != nil {
				return err
			}
		}
		byKey[jsonlSpanKey(a.Start, a.End, label)] = a.ID
		return d.add(jsonlLabel, sf.place, a)
	})
	if err != nil {
		return nil, err
	}
	return byKey, nil
}

// jsonlRelationEnd is the annotation a relation's head_span or child_span
// names: by its id, else by its start, end and label.
func jsonlRelationEnd(d *draft, byKey jsonlSpanKeys, rf *fields, k string) (string, error) {
	ef, err := rf.object(k)
	if err != nil {
		return "", err
	}
	id, err := ef.str("id", false)
	if err != nil {
		return "", err
	}
	if id != "" {
		id = idFrom(id)
		if _, ok := d.places[id]; !ok && !d.left[id] {
			return "", importErr(jsonlLabel, ef.sub("id"), "no span has id %s", id)
		}
		return id, nil
	}
	start, _, err := ef.integer("start", true)
	if err != nil {
		return "", err
	}
	end, _, err := ef.integer("end", true)
	if err != nil {
		return "", err
	}
	l, err := ef.str("label", true)
	if err != nil {
		return "", err
	}
	if id = byKey[jsonlSpanKey(start, end, l)]; id == "" {
		return "", importErr(jsonlLabel, ef.place, "no span %d–%d %s", start, end, l)
	}
	return id, nil
}

func jsonlSpanOf(in *intake, sf *fields, src *annotations.Article) (a annotations.Annotation, label string, keep bool, err error) {
	start, _, err := sf.integer("start", true)
	if err != nil {
		return a, "", false, err
	}
	end, _, err := sf.integer("end", true)
	if err != nil {
		return a, "", false, err
	}
	label, err = sf.str("label", true)
	if err != nil {
		return a, "", false, err
	}
	tg, keep, err := in.readLabel(label, func() error {
		return importErr(jsonlLabel, sf.sub("label"), "%q is not QUOTE, SPEAKER or CLAIM", label)
	})
	if err != nil {
		return a, "", false, err
	}
	if end <= start || end > src.Length {
		return a, "", false, importErr(jsonlLabel, sf.place, "span %d–%d is empty, reversed or past the text's length %d (in code points)", start, end, src.Length)
	}
	id, err := sf.str("id", false)
	if err != nil {
		return a, "", false, err
	}
	text, err := sf.str("text", false)
	if err != nil {
		return a, "", false, err
	}
	return annotations.Annotation{ID: idFrom(id), Type: tg.Type, Form: tg.Form, Start: start, End: end, Exact: text}, label, keep, nil
}
