package formats

import (
	"bytes"
	"fmt"
	"quotemark/annotations"
	"strings"
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

type spanMeta struct {
	Speaker     string `json:"speaker,omitempty"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Form        string `json:"form,omitempty"`
	Checkworthy bool   `json:"checkworthy,omitempty"`
	Note        string `json:"note,omitempty"`
}

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

// setMeta is what JSONL, Label Studio and doccano keep of a set where the
// format has no field for it.
type setMeta struct {
	ArticleID string     `json:"article_id,omitempty"`
	Title     string     `json:"title,omitempty"`
	SHA256    string     `json:"sha256,omitempty"`
	SetID     string     `json:"set_id"`
	Annotator string     `json:"annotator"`
	Created   string     `json:"created,omitempty"`
	Modified  string     `json:"modified,omitempty"`
	Speakers  []w3cNamed `json:"speakers"`
}

func metaOf(s *annotations.Set, withArticle bool) setMeta {
	m := setMeta{SetID: s.ID, Annotator: s.Annotator, Created: annotations.FormatTime(s.Created), Modified: annotations.FormatTime(s.Modified), Speakers: []w3cNamed{}}
	if withArticle {
		m.ArticleID, m.Title, m.SHA256 = s.Article.ID, s.Article.Title, s.Article.SHA256
	}
	for _, sp := range s.Speakers {
		m.Speakers = append(m.Speakers, w3cNamed{ID: sp.ID, Name: sp.Name})
	}
	return m
}

func annotationMeta(s *annotations.Set, a annotations.Annotation) *spanMeta {
	m := &spanMeta{Speaker: a.Speaker, SpeakerName: s.SpeakerName(a.Speaker), Form: string(a.Form), Checkworthy: a.Checkworthy, Note: a.Note}
	if *m == (spanMeta{}) {
		return nil
	}
	return m
}

// readSetMeta applies a set's meta to a draft: id, annotator, times,
// speakers with their ids. It returns the article id the meta names.
func readSetMeta(d *draft, f *fields) (string, error) {
	setID, err := f.str("set_id", false)
	if err != nil {
		return "", err
	}
	if setID != "" {
		d.set.ID = idFrom(setID)
		d.book = newSpeakerBook(d.set)
	}
	if d.set.Annotator, err = f.str("annotator", false); err != nil {
		return "", err
	}
	if d.set.Created, err = f.time("created"); err != nil {
		return "", err
	}
	if d.set.Modified, err = f.time("modified"); err != nil {
		return "", err
	}
	list, err := f.array("speakers", false)
	if err != nil {
		return "", err
	}
	for i, v := range list {
		sp, err := fieldsOf(f.format, fmt.Sprintf("%s[%d]", f.sub("speakers"), i), v)
		if err != nil {
			return "", err
		}
		id, err := sp.str("id", true)
		if err != nil {
			return "", err
		}
		name, err := sp.str("name", true)
		if err != nil {
			return "", err
		}
		if _, err := d.book.withID(f.format, sp.place, idFrom(id), name); err != nil {
			return "", err
		}
	}
	return f.str("article_id", false)
}

// readSpanMeta applies an annotation's meta: speaker (by id, else by name),
// form, checkworthy, note.
func readSpanMeta(d *draft, a *annotations.Annotation, f *fields) error {
	id, err := f.str("speaker", false)
	if err != nil {
		return err
	}
	name, err := f.str("speaker_name", false)
	if err != nil {
		return err
	}
	switch {
	case id != "":
		if a.Speaker, err = d.book.withID(f.format, f.sub("speaker"), idFrom(id), name); err != nil {
			return err
		}
	case name != "":
		a.Speaker = d.book.byNameID(name)
	}
	form, err := f.str("form", false)
	if err != nil {
		return err
	}
	if form != "" {
		fm, ok := formFromString(form)
		if !ok || a.Type != annotations.Quote {
			return importErr(f.format, f.sub("form"), "%q is not a form of a quote (direct, indirect or mixed) or the span is a %s", form, a.Type)
		}
		a.Form = fm
	}
	if a.Checkworthy, err = f.boolean("checkworthy"); err != nil {
		return err
	}
	if a.Checkworthy && a.Type != annotations.Claim {
		return importErr(f.format, f.sub("checkworthy"), "only a claim is checkworthy, not a %s", a.Type)
	}
	a.Note, err = f.str("note", false)
	return err
}

// finishSpeakers gives each annotation without a speaker the one its
// attribution names (attributed[id] is the mention's id) and each mention
// without one the speaker its text names. Mentions go first.
func finishSpeakers(d *draft, format string, attributed map[string]string) error {
	s := d.set
	for i := range s.Annotations {
		a := &s.Annotations[i]
		if a.Type == annotations.Quote && a.Form == "" {
			a.Form = annotations.Direct
		}
		if a.Type == annotations.SpeakerMention && a.Speaker == "" {
			name := a.Exact
			if name == "" && d.source != nil && a.End <= d.source.Length && a.Start < a.End {
				name = d.source.Offsets().Slice(a.Start, a.End)
			}
			if a.Speaker = d.book.byNameID(name); a.Speaker == "" {
				return importErr(format, d.places[a.ID], "the speaker mention %q names no one", name)
			}
		}
	}
	for i := range s.Annotations {
		a := &s.Annotations[i]
		if m, ok := attributed[a.ID]; ok && a.Speaker == "" {
			mention, _ := s.Annotation(m)
			a.Speaker = mention.Speaker
		}
	}
	return nil
}

// sourceText is the text a line or task carries, as an article to take
// spans from.
func sourceText(format, place, text string, art *annotations.Article) (*annotations.Article, error) {
	if text == "" {
		return nil, importErr(format, place, "the text is empty")
	}
	if text == art.Text {
		return art, nil
	}
	return annotations.ArticleFromText(art.ID, text), nil
}

// checkSameArticle refuses a record whose text is not the article's and
// whose meta names another article.
func checkSameArticle(format, place string, src, art *annotations.Article, articleID string) error {
	if src.SHA256 != art.SHA256 && articleID != "" && articleID != art.ID {
		return importErr(format, place, "is for article %q, not %q, and its text differs", articleID, art.ID)
	}
	return nil
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

func readJSONL(data []byte, art *annotations.Article) ([]*draft, error) {
	return readJSONLines(jsonlLabel, data, art, readJSONLLine)
}

// readLineDraft starts the draft of one JSONL or doccano line: the set's
// metadata from the object under metaKey and the line's text, which must be
// the article's.
func readLineDraft(label, metaKey string, f *fields, art *annotations.Article) (d *draft, src *annotations.Article, meta *fields, err error) {
	d = newDraft(annotations.NewID())
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
	src, err = sourceText(label, f.sub("text"), text, art)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkSameArticle(label, f.place, src, art, articleID); err != nil {
		return nil, nil, nil, err
	}
	d.source = src
	return d, src, meta, nil
}

// readJSONLines reads a file of one JSON object per line (JSONL, doccano),
// each line a draft set, naming the line of any error.
func readJSONLines(label string, data []byte, art *annotations.Article, readLine func(*fields, *annotations.Article) (*draft, error)) ([]*draft, error) {
	lines, numbers := jsonLines(data)
	var drafts []*draft
	for i, raw := range lines {
		place := fmt.Sprintf("line %d", numbers[i])
		v, err := decodeJSON(label, place, raw)
		if err != nil {
			return nil, err
		}
		f, err := fieldsOf(label, place, v)
		if err != nil {
			return nil, err
		}
		d, err := readLine(f, art)
		if err != nil {
			return nil, err
		}
		drafts = append(drafts, d)
	}
	return drafts, nil
}

func readJSONLLine(f *fields, art *annotations.Article) (*draft, error) {
	d, src, _, err := readLineDraft(jsonlLabel, "meta", f, art)
	if err != nil {
		return nil, err
	}
	spans, err := f.array("spans", false)
	if err != nil {
		return nil, err
	}
	// A span is known by its id, or by its start, end and label.
	byKey := map[string]string{}
	key := func(start, end int, label string) string {
		return fmt.Sprintf("%d %d %s", start, end, strings.ToLower(label))
	}
	for i, v := range spans {
		sf, err := fieldsOf(jsonlLabel, fmt.Sprintf("%s[%d]", f.sub("spans"), i), v)
		if err != nil {
			return nil, err
		}
		a, label, err := jsonlSpanOf(sf, src)
		if err != nil {
			return nil, err
		}
		if sf.has("meta") {
			m, err := sf.object("meta")
			if err != nil {
				return nil, err
			}
			if err := readSpanMeta(d, &a, m); err != nil {
				return nil, err
			}
		}
		byKey[key(a.Start, a.End, label)] = a.ID
		if err := d.add(jsonlLabel, sf.place, a); err != nil {
			return nil, err
		}
	}
	rels, err := f.array("relations", false)
	if err != nil {
		return nil, err
	}
	attributed := map[string]string{}
	for i, v := range rels {
		rf, err := fieldsOf(jsonlLabel, fmt.Sprintf("%s[%d]", f.sub("relations"), i), v)
		if err != nil {
			return nil, err
		}
		label, err := rf.str("label", true)
		if err != nil {
			return nil, err
		}
		if !strings.EqualFold(label, attributionLabel) {
			return nil, importErr(jsonlLabel, rf.sub("label"), "relation %q is not an attribution, the only relation quotemark has", label)
		}
		var ends [2]string
		for j, k := range []string{"head_span", "child_span"} {
			ef, err := rf.object(k)
			if err != nil {
				return nil, err
			}
			id, err := ef.str("id", false)
			if err != nil {
				return nil, err
			}
			if id != "" {
				id = idFrom(id)
				if _, ok := d.places[id]; !ok {
					return nil, importErr(jsonlLabel, ef.sub("id"), "no span has id %s", id)
				}
			} else {
				start, _, err := ef.integer("start", true)
				if err != nil {
					return nil, err
				}
				end, _, err := ef.integer("end", true)
				if err != nil {
					return nil, err
				}
				l, err := ef.str("label", true)
				if err != nil {
					return nil, err
				}
				if id = byKey[key(start, end, l)]; id == "" {
					return nil, importErr(jsonlLabel, ef.place, "no span %d–%d %s", start, end, l)
				}
			}
			ends[j] = id
		}
		if err := attribute(d, jsonlLabel, rf.place, attributed, ends[0], ends[1]); err != nil {
			return nil, err
		}
	}
	if err := finishSpeakers(d, jsonlLabel, attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// attribute records that annotation from is attributed to mention to.
func attribute(d *draft, format, place string, attributed map[string]string, from, to string) error {
	a, _ := d.set.Annotation(from)
	m, _ := d.set.Annotation(to)
	if a.Type == annotations.SpeakerMention || m.Type != annotations.SpeakerMention {
		return importErr(format, place, "an attribution goes from a quote or claim to a speaker mention, not from a %s to a %s", a.Type, m.Type)
	}
	if _, dup := attributed[from]; dup {
		return importErr(format, place, "the %s at %d–%d is attributed twice", a.Type, a.Start, a.End)
	}
	attributed[from] = to
	return nil
}

func jsonlSpanOf(sf *fields, src *annotations.Article) (annotations.Annotation, string, error) {
	var a annotations.Annotation
	start, _, err := sf.integer("start", true)
	if err != nil {
		return a, "", err
	}
	end, _, err := sf.integer("end", true)
	if err != nil {
		return a, "", err
	}
	label, err := sf.str("label", true)
	if err != nil {
		return a, "", err
	}
	typ, ok := typeFromLabel(label)
	if !ok {
		return a, "", importErr(jsonlLabel, sf.sub("label"), "%q is not QUOTE, SPEAKER or CLAIM", label)
	}
	if end <= start || end > src.Length {
		return a, "", importErr(jsonlLabel, sf.place, "span %d–%d is empty, reversed or past the text's length %d (in code points)", start, end, src.Length)
	}
	id, err := sf.str("id", false)
	if err != nil {
		return a, "", err
	}
	text, err := sf.str("text", false)
	if err != nil {
		return a, "", err
	}
	return annotations.Annotation{ID: idFrom(id), Type: typ, Start: start, End: end, Exact: text}, label, nil
}
