package formats

import (
	"bytes"
	"fmt"

	"quotemark/annotations"
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
//
// A span in pieces: doccano's spans are one range each (start_offset,
// end_offset), and its editor selects no gap (a user who needed one says
// so in inception-project/inception#1882, whose maintainer answers that such
// tools emulate it with relations). A relation-extraction project writes
// the pieces as entities of one label joined by a relation of the
// project's own name; with ImportWith they are read as one span in pieces
// (pieces.go): an annotation a piece, each attributed as the span is. The
// sequence-labeling form has no relations, and so no span in pieces.

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

func readDoccano(data []byte, in *intake) ([]*draft, error) {
	in.label = doccanoLabel
	return readJSONLines(data, in, readDoccanoLine)
}

// doccanoAttribution is a relation from_id (the quote or claim's entity)
// to_id (the mention's), labelled by its type.
var doccanoAttribution = attributionShape{labelKey: "type", ends: [2]string{"from_id", "to_id"}}

func readDoccanoLine(f *fields, in *intake) (*draft, error) {
	d, src, meta, err := readLineDraft(in, "quotemark", f)
	if err != nil {
		return nil, err
	}
	r := &doccanoReader{d: d, o: src.Offsets(), byNum: map[string]string{}}
	if err := r.readEntities(f); err != nil {
		return nil, err
	}
	if err := r.readSequenceLabels(f); err != nil {
		return nil, err
	}
	if err := r.readAnnotationMeta(meta); err != nil {
		return nil, err
	}
	attributed, err := readAttributions(d, f, doccanoAttribution, r.relationEnd)
	if err != nil {
		return nil, err
	}
	if err := finishSpeakers(d, doccanoLabel, attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// doccanoReader reads the spans of one line, which relations and the
// quotemark key refer to by doccano's entity ids.
type doccanoReader struct {
	d     *draft
	o     *annotations.Offsets // of the line's text
	byNum map[string]string    // doccano's entity id → annotation id
}

// codePoint turns doccano's offset in UTF-16 units into one in code points.
func (r *doccanoReader) codePoint(place string, u int) (int, error) {
	if u > r.o.UTF16Len() {
		return 0, importErr(doccanoLabel, place, "offset %d is past the text's length %d (in UTF-16 units)", u, r.o.UTF16Len())
	}
	c := r.o.FromUTF16(u, false)
	if c != r.o.FromUTF16(u, true) {
		return 0, importErr(doccanoLabel, place, "offset %d falls inside a surrogate pair (the middle of an emoji); doccano counts UTF-16 units", u)
	}
	return c, nil
}

// addSpan adds the span of entity num ("" for a sequence label, which has
// no id) from start to end in UTF-16 units.
func (r *doccanoReader) addSpan(place, num, label string, start, end int) error {
	tg, keep, err := r.d.in.readLabel(label, func() error {
		return importErr(doccanoLabel, place, "label %q is not Quote, Speaker or Claim", label)
	})
	if err != nil {
		return err
	}
	s, err := r.codePoint(place, start)
	if err != nil {
		return err
	}
	e, err := r.codePoint(place, end)
	if err != nil {
		return err
	}
	if e <= s {
		return importErr(doccanoLabel, place, "span %d–%d is empty or reversed", start, end)
	}
	id := annotations.NewID()
	if num != "" {
		if _, dup := r.byNum[num]; dup {
			return importErr(doccanoLabel, place, "entity id %s is used twice", num)
		}
		r.byNum[num] = id
	}
	if !keep {
		r.d.leaveOut(id)
		return nil
	}
	return r.d.add(doccanoLabel, place, annotations.Annotation{ID: id, Type: tg.Type, Form: tg.Form, Start: s, End: e})
}

// readEntities reads the relation-extraction form: "entities": [{"id",
// "label", "start_offset", "end_offset"}, …].
func (r *doccanoReader) readEntities(f *fields) error {
	return f.each("entities", false, func(_ int, ef *fields) error {
		num, err := doccanoID(ef, "id")
		if err != nil {
			return err
		}
		label, err := ef.str("label", true)
		if err != nil {
			return err
		}
		start, _, err := ef.integer("start_offset", true)
		if err != nil {
			return err
		}
		end, _, err := ef.integer("end_offset", true)
		if err != nil {
			return err
		}
		return r.addSpan(ef.place, num, label, start, end)
	})
}

// readSequenceLabels reads the sequence-labeling form: "label": [[start,
// end, label], …].
func (r *doccanoReader) readSequenceLabels(f *fields) error {
	if !f.has("label") {
		return nil
	}
	list, err := f.array("label", false)
	if err != nil {
		return err
	}
	return eachElement(list, func(i int, v jsonValue) error {
		place := fmt.Sprintf("%s[%d]", f.sub("label"), i)
		var triple [3]jsonValue
		if v.kind() == '[' && v.count(4) == 3 {
			_ = eachElement(v, func(j int, e jsonValue) error {
				triple[j] = e
				return nil
			})
		} else {
			return importErr(doccanoLabel, place, "must be [start, end, label]")
		}
		start, _, err := integerValue(doccanoLabel, place+".start", triple[0], true)
		if err != nil {
			return err
		}
		end, _, err := integerValue(doccanoLabel, place+".end", triple[1], true)
		if err != nil {
			return err
		}
		tf := &fields{format: doccanoLabel, place: place}
		label, ok := triple[2].str()
		if triple[2].missing() {
			return importErr(doccanoLabel, tf.sub("label"), "is missing")
		} else if !ok {
			return importErr(doccanoLabel, tf.sub("label"), "must be a string, not %s", jsonKind(triple[2]))
		}
		return r.addSpan(place, "", label, start, end)
	})
}

// readAnnotationMeta applies the quotemark key's annotations: the id and
// fields of each entity's annotation.
func (r *doccanoReader) readAnnotationMeta(meta *fields) error {
	return meta.each("annotations", false, func(_ int, xf *fields) error {
		num, err := doccanoID(xf, "entity")
		if err != nil {
			return err
		}
		aid, ok := r.byNum[num]
		if !ok {
			return importErr(doccanoLabel, xf.sub("entity"), "no entity %s", num)
		}
		if r.d.left[aid] {
			return nil
		}
		if aid, err = r.renumber(xf, num, aid); err != nil {
			return err
		}
		return readSpanMeta(r.d, r.d.annotation(aid), xf)
	})
}

// renumber gives entity num's annotation aid the id the quotemark key
// keeps for it, in place of the new one it was read with, and returns the
// annotation's id.
func (r *doccanoReader) renumber(xf *fields, num, aid string) (string, error) {
	id, err := xf.str("id", false)
	if err != nil || id == "" {
		return aid, err
	}
	newID := idFrom(id)
	if _, dup := r.d.places[newID]; dup && newID != aid {
		return "", importErr(doccanoLabel, xf.sub("id"), "annotation id %s is used twice", newID)
	}
	r.d.renumber(aid, newID)
	r.byNum[num] = newID
	return newID, nil
}

// relationEnd is the annotation a relation's end names by its entity id.
func (r *doccanoReader) relationEnd(rf *fields, k string) (string, error) {
	num, err := doccanoID(rf, k)
	if err != nil {
		return "", err
	}
	id := r.byNum[num]
	if id == "" {
		return "", importErr(doccanoLabel, rf.place, "%s: there is no entity %s", k, num)
	}
	return id, nil
}

// doccanoID reads an entity id: a number (or a string).
func doccanoID(f *fields, k string) (string, error) {
	v := f.get(k)
	switch v.kind() {
	case 0, 'n':
		return "", importErr(doccanoLabel, f.sub(k), "is missing")
	case '"':
		if s, _ := v.str(); s != "" {
			return s, nil
		}
	case '{', '[', 't', 'f':
	default:
		return string(v), nil
	}
	return "", importErr(doccanoLabel, f.sub(k), "must be an entity id (a number), not %s", jsonKind(v))
}
