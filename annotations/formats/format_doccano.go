package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"quotemark/annotations"
	"strings"
)

// doccano JSONL, as a relation-extraction project imports and exports it:
// one line per set,
//
//	{"text": "…",
//	 "entities": [{"id": 1, "label": "Quote", "start_offset": 24, "end_offset": 61}],
//	 "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "attribution"}],
//	 "quotemark": {…the set's meta…, "annotations": [{"entity": 1, "id": "…", "speaker": "…", …}]}}
//
// doccano counts offsets in UTF-16 units (JavaScript string indexes), not
// code points: they are converted through Offsets both ways, and an offset
// inside a surrogate pair (the middle of an emoji) is refused. Entity and
// relation ids are numbers local to the line. The "quotemark" key, which
// doccano keeps as the example's metadata, holds the set's id, annotator,
// times and speakers and each entity's annotation id, speaker, form,
// checkworthy flag and note. Reading a file without it rebuilds speakers
// from the relations and the mentions' text. The sequence-labeling form
// ("label": [[start, end, "Quote"], …]) is read too.

const doccanoLabel = "doccano"

type doccanoEntity struct {
	ID          int    `json:"id"`
	Label       string `json:"label"`
	StartOffset int    `json:"start_offset"`
	EndOffset   int    `json:"end_offset"`
}

type doccanoRelation struct {
	ID     int    `json:"id"`
	FromID int    `json:"from_id"`
	ToID   int    `json:"to_id"`
	Type   string `json:"type"`
}

type doccanoExtra struct {
	Entity int    `json:"entity"`
	ID     string `json:"id"`
	spanMeta
}

type doccanoMeta struct {
	setMeta
	Annotations []doccanoExtra `json:"annotations"`
}

type doccanoLine struct {
	Text      string            `json:"text"`
	Entities  []doccanoEntity   `json:"entities"`
	Relations []doccanoRelation `json:"relations"`
	Quotemark doccanoMeta       `json:"quotemark"`
}

func writeDoccano(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	o := art.Offsets()
	var buf bytes.Buffer
	for _, s := range sets {
		c := s.Clone()
		c.Sort()
		line := doccanoLine{Text: art.Text, Entities: []doccanoEntity{}, Relations: []doccanoRelation{},
			Quotemark: doccanoMeta{setMeta: metaOf(c, true), Annotations: []doccanoExtra{}}}
		num := map[string]int{}
		for i, a := range c.Annotations {
			num[a.ID] = i + 1
			line.Entities = append(line.Entities, doccanoEntity{ID: i + 1, Label: typeLabels[a.Type], StartOffset: o.UTF16(a.Start), EndOffset: o.UTF16(a.End)})
			extra := doccanoExtra{Entity: i + 1, ID: a.ID}
			if m := annotationMeta(c, a); m != nil {
				extra.spanMeta = *m
			}
			line.Quotemark.Annotations = append(line.Quotemark.Annotations, extra)
		}
		for _, a := range c.Annotations {
			if m, ok := nearestMention(c, a); ok {
				line.Relations = append(line.Relations, doccanoRelation{ID: len(line.Relations) + 1, FromID: num[a.ID], ToID: num[m.ID], Type: attributionLabel})
			}
		}
		buf.Write(marshalJSON(line, false))
	}
	return []ExportedFile{{Name: exportBase(art) + ".doccano.jsonl", Data: buf.Bytes(), MIME: "application/jsonl"}}, nil
}

func readDoccano(data []byte, art *annotations.Article) ([]*draft, error) {
	return readJSONLines(doccanoLabel, data, art, readDoccanoLine)
}

func readDoccanoLine(f *fields, art *annotations.Article) (*draft, error) {
	d, src, meta, err := readLineDraft(doccanoLabel, "quotemark", f, art)
	if err != nil {
		return nil, err
	}
	o := src.Offsets()
	// doccano's offsets are UTF-16 units; a code point offset is found for
	// each, and one inside a surrogate pair is refused.
	cp := func(place string, u int) (int, error) {
		if u > o.UTF16Len() {
			return 0, importErr(doccanoLabel, place, "offset %d is past the text's length %d (in UTF-16 units)", u, o.UTF16Len())
		}
		c := o.FromUTF16(u, false)
		if c != o.FromUTF16(u, true) {
			return 0, importErr(doccanoLabel, place, "offset %d falls inside a surrogate pair (the middle of an emoji); doccano counts UTF-16 units", u)
		}
		return c, nil
	}
	byNum := map[string]string{} // doccano's entity id → annotation id
	var order []string
	add := func(place, num string, label string, start, end int) error {
		typ, ok := typeFromLabel(label)
		if !ok {
			return importErr(doccanoLabel, place, "label %q is not Quote, Speaker or Claim", label)
		}
		s, err := cp(place, start)
		if err != nil {
			return err
		}
		e, err := cp(place, end)
		if err != nil {
			return err
		}
		if e <= s {
			return importErr(doccanoLabel, place, "span %d–%d is empty or reversed", start, end)
		}
		id := annotations.NewID()
		if num != "" {
			if _, dup := byNum[num]; dup {
				return importErr(doccanoLabel, place, "entity id %s is used twice", num)
			}
			byNum[num] = id
		}
		order = append(order, num)
		return d.add(doccanoLabel, place, annotations.Annotation{ID: id, Type: typ, Start: s, End: e})
	}
	entities, err := f.array("entities", false)
	if err != nil {
		return nil, err
	}
	for i, v := range entities {
		ef, err := fieldsOf(doccanoLabel, fmt.Sprintf("%s[%d]", f.sub("entities"), i), v)
		if err != nil {
			return nil, err
		}
		num, err := doccanoID(ef, "id")
		if err != nil {
			return nil, err
		}
		label, err := ef.str("label", true)
		if err != nil {
			return nil, err
		}
		start, _, err := ef.integer("start_offset", true)
		if err != nil {
			return nil, err
		}
		end, _, err := ef.integer("end_offset", true)
		if err != nil {
			return nil, err
		}
		if err := add(ef.place, num, label, start, end); err != nil {
			return nil, err
		}
	}
	if f.has("label") { // sequence labeling: [[start, end, label], …]
		list, err := f.array("label", false)
		if err != nil {
			return nil, err
		}
		for i, v := range list {
			place := fmt.Sprintf("%s[%d]", f.sub("label"), i)
			triple, ok := v.([]any)
			if !ok || len(triple) != 3 {
				return nil, importErr(doccanoLabel, place, "must be [start, end, label]")
			}
			tf := &fields{doccanoLabel, place, map[string]any{"start": triple[0], "end": triple[1], "label": triple[2]}}
			start, _, err := tf.integer("start", true)
			if err != nil {
				return nil, err
			}
			end, _, err := tf.integer("end", true)
			if err != nil {
				return nil, err
			}
			label, err := tf.str("label", true)
			if err != nil {
				return nil, err
			}
			if err := add(place, "", label, start, end); err != nil {
				return nil, err
			}
		}
	}
	// The quotemark key: annotation ids and fields by entity.
	extras, err := meta.array("annotations", false)
	if err != nil {
		return nil, err
	}
	for i, v := range extras {
		xf, err := fieldsOf(doccanoLabel, fmt.Sprintf("%s[%d]", meta.sub("annotations"), i), v)
		if err != nil {
			return nil, err
		}
		num, err := doccanoID(xf, "entity")
		if err != nil {
			return nil, err
		}
		aid, ok := byNum[num]
		if !ok {
			return nil, importErr(doccanoLabel, xf.sub("entity"), "no entity %s", num)
		}
		a := &d.set.Annotations[d.set.AnnotationPos(aid)]
		if id, err := xf.str("id", false); err != nil {
			return nil, err
		} else if id != "" {
			newID := idFrom(id)
			if _, dup := d.places[newID]; dup && newID != aid {
				return nil, importErr(doccanoLabel, xf.sub("id"), "annotation id %s is used twice", newID)
			}
			d.places[newID] = d.places[aid]
			delete(d.places, aid)
			a.ID, byNum[num] = newID, newID
		}
		if err := readSpanMeta(d, a, xf); err != nil {
			return nil, err
		}
	}
	relations, err := f.array("relations", false)
	if err != nil {
		return nil, err
	}
	attributed := map[string]string{}
	for i, v := range relations {
		rf, err := fieldsOf(doccanoLabel, fmt.Sprintf("%s[%d]", f.sub("relations"), i), v)
		if err != nil {
			return nil, err
		}
		typ, err := rf.str("type", true)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(typ, attributionLabel) {
			return nil, importErr(doccanoLabel, rf.sub("type"), "relation %q is not an attribution, the only relation quotemark has", typ)
		}
		var ends [2]string
		for j, k := range []string{"from_id", "to_id"} {
			num, err := doccanoID(rf, k)
			if err != nil {
				return nil, err
			}
			if ends[j] = byNum[num]; ends[j] == "" {
				return nil, importErr(doccanoLabel, rf.place, "%s: there is no entity %s", k, num)
			}
		}
		if err := attribute(d, doccanoLabel, rf.place, attributed, ends[0], ends[1]); err != nil {
			return nil, err
		}
	}
	if err := finishSpeakers(d, doccanoLabel, attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// doccanoID reads an entity id: a number (or a string).
func doccanoID(f *fields, k string) (string, error) {
	switch v := f.obj[k].(type) {
	case json.Number:
		return v.String(), nil
	case string:
		if v != "" {
			return v, nil
		}
	case nil:
		return "", importErr(doccanoLabel, f.sub(k), "is missing")
	}
	return "", importErr(doccanoLabel, f.sub(k), "must be an entity id (a number), not %s", jsonKind(f.obj[k]))
}
