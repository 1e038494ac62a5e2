package formats

import (
	"encoding/json"
	"fmt"
	"quotemark/annotations"
	"slices"
	"strings"
)

// Label Studio tasks (JSON): one task per article, its text in data.text,
// one entry of annotations[] per set. Each span is a "labels" region whose
// value holds start and end in code points, the text and the label (Quote,
// Speaker or Claim); its id is the annotation's id. Per-region results with
// the same id carry the rest: choices "form" (a quote's form), choices
// "checkworthy" (a checkworthy claim), text areas "speaker" (the speaker's
// name) and "note". An attribution to a mention is a relation from_id (the
// quote or claim) to_id (the mention), labelled "attribution". The set's id,
// annotator and speakers with their ids go in the annotation's "quotemark"
// key; created_at and updated_at are the set's times. LabelStudioConfig is
// the labeling configuration that shows all this in Label Studio.

const lsLabel = "Label Studio"

// LabelStudioConfig is a Label Studio labeling configuration for the tasks
// quotemark exports.
const LabelStudioConfig = `<View>
  <Labels name="type" toName="text">
    <Label value="Quote" background="#ffd54f"/>
    <Label value="Speaker" background="#81c784"/>
    <Label value="Claim" background="#64b5f6"/>
  </Labels>
  <Relations>
    <Relation value="attribution"/>
  </Relations>
  <Text name="text" value="$text"/>
  <Choices name="form" toName="text" perRegion="true" visibleWhen="region-selected">
    <Choice value="direct"/>
    <Choice value="indirect"/>
    <Choice value="mixed"/>
  </Choices>
  <Choices name="checkworthy" toName="text" perRegion="true" visibleWhen="region-selected">
    <Choice value="checkworthy"/>
  </Choices>
  <TextArea name="speaker" toName="text" perRegion="true" editable="true" maxSubmissions="1" visibleWhen="region-selected"/>
  <TextArea name="note" toName="text" perRegion="true" editable="true" maxSubmissions="1" visibleWhen="region-selected"/>
</View>
`

type lsTask struct {
	Data        lsData         `json:"data"`
	Annotations []lsAnnotation `json:"annotations"`
}

type lsData struct {
	Text      string `json:"text"`
	ArticleID string `json:"article_id"`
	Title     string `json:"title"`
	SHA256    string `json:"sha256"`
}

type lsAnnotation struct {
	Result    []any   `json:"result"`
	CreatedAt string  `json:"created_at"`
	UpdatedAt string  `json:"updated_at"`
	Quotemark setMeta `json:"quotemark"`
}

type lsRegion struct {
	ID       string  `json:"id"`
	FromName string  `json:"from_name"`
	ToName   string  `json:"to_name"`
	Type     string  `json:"type"`
	Origin   string  `json:"origin,omitempty"`
	Value    lsValue `json:"value"`
}

type lsValue struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Text    any      `json:"text,omitempty"`
	Labels  []string `json:"labels,omitempty"`
	Choices []string `json:"choices,omitempty"`
}

type lsRelation struct {
	FromID    string   `json:"from_id"`
	ToID      string   `json:"to_id"`
	Type      string   `json:"type"`
	Direction string   `json:"direction"`
	Labels    []string `json:"labels"`
}

func writeLabelStudio(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	task := lsTask{Data: lsData{Text: art.Text, ArticleID: art.ID, Title: art.Title, SHA256: art.SHA256}}
	for _, s := range sets {
		c := s.Clone()
		c.Sort()
		ann := lsAnnotation{Result: []any{}, CreatedAt: annotations.FormatTime(c.Created), UpdatedAt: annotations.FormatTime(c.Modified), Quotemark: metaOf(c, false)}
		var relations []any
		for _, a := range c.Annotations {
			region := func(from, typ string, v lsValue) lsRegion {
				v.Start, v.End = a.Start, a.End
				return lsRegion{ID: a.ID, FromName: from, ToName: "text", Type: typ, Origin: "manual", Value: v}
			}
			ann.Result = append(ann.Result, region("type", "labels", lsValue{Text: a.Exact, Labels: []string{typeLabels[a.Type]}}))
			if a.Type == annotations.Quote {
				ann.Result = append(ann.Result, region("form", "choices", lsValue{Choices: []string{string(cmpForm(a.Form))}}))
			}
			if a.Type == annotations.Claim && a.Checkworthy {
				ann.Result = append(ann.Result, region("checkworthy", "choices", lsValue{Choices: []string{"checkworthy"}}))
			}
			if a.Speaker != "" {
				ann.Result = append(ann.Result, region("speaker", "textarea", lsValue{Text: []string{c.SpeakerName(a.Speaker)}}))
			}
			if a.Note != "" {
				ann.Result = append(ann.Result, region("note", "textarea", lsValue{Text: []string{a.Note}}))
			}
			if m, ok := nearestMention(c, a); ok {
				relations = append(relations, lsRelation{FromID: a.ID, ToID: m.ID, Type: "relation", Direction: "right", Labels: []string{attributionLabel}})
			}
		}
		ann.Result = append(ann.Result, relations...)
		task.Annotations = append(task.Annotations, ann)
	}
	return []ExportedFile{{Name: exportBase(art) + ".labelstudio.json", Data: marshalJSON([]lsTask{task}, true), MIME: "application/json"}}, nil
}

func cmpForm(f annotations.Form) annotations.Form {
	if f == "" {
		return annotations.Direct
	}
	return f
}

func readLabelStudio(data []byte, art *annotations.Article) ([]*draft, error) {
	v, err := decodeJSON(lsLabel, "", data)
	if err != nil {
		return nil, err
	}
	tasks, ok := v.([]any)
	prefix := ""
	if !ok {
		tasks, prefix = []any{v}, "task"
	}
	var drafts []*draft
	for i, t := range tasks {
		place := fmt.Sprintf("[%d]", i)
		if prefix != "" {
			place = prefix
		}
		tf, err := fieldsOf(lsLabel, place, t)
		if err != nil {
			return nil, err
		}
		dataF, err := tf.object("data")
		if err != nil {
			return nil, err
		}
		text, err := dataF.str("text", true)
		if err != nil {
			return nil, err
		}
		src, err := sourceText(lsLabel, dataF.sub("text"), text, art)
		if err != nil {
			return nil, err
		}
		articleID, err := dataF.str("article_id", false)
		if err != nil {
			return nil, err
		}
		if err := checkSameArticle(lsLabel, tf.place, src, art, articleID); err != nil {
			return nil, err
		}
		key := "annotations"
		if !tf.has(key) && tf.has("completions") { // older exports
			key = "completions"
		}
		anns, err := tf.array(key, false)
		if err != nil {
			return nil, err
		}
		for j, a := range anns {
			af, err := fieldsOf(lsLabel, fmt.Sprintf("%s[%d]", tf.sub(key), j), a)
			if err != nil {
				return nil, err
			}
			if cancelled, _ := af.boolean("was_cancelled"); cancelled {
				continue // skipped in Label Studio: no annotation was made
			}
			d, err := readLSAnnotation(af, src)
			if err != nil {
				return nil, err
			}
			drafts = append(drafts, d)
		}
	}
	return drafts, nil
}

func readLSAnnotation(af *fields, src *annotations.Article) (*draft, error) {
	d := newDraft(annotations.NewID())
	d.source = src
	if af.has("quotemark") {
		meta, err := af.object("quotemark")
		if err != nil {
			return nil, err
		}
		if _, err := readSetMeta(d, meta); err != nil {
			return nil, err
		}
	} else {
		d.set.Annotator = lsUser(af.obj["completed_by"])
	}
	var err error
	if d.set.Created.IsZero() {
		if d.set.Created, err = af.time("created_at"); err != nil {
			return nil, err
		}
	}
	if d.set.Modified.IsZero() {
		if d.set.Modified, err = af.time("updated_at"); err != nil {
			return nil, err
		}
	}
	results, err := af.array("result", false)
	if err != nil {
		return nil, err
	}
	// Regions first, then what refers to them.
	type extra struct {
		rf   *fields
		kind string
	}
	var extras []extra
	regionIDs := map[string]string{} // Label Studio's id → annotation id
	for i, r := range results {
		rf, err := fieldsOf(lsLabel, fmt.Sprintf("%s[%d]", af.sub("result"), i), r)
		if err != nil {
			return nil, err
		}
		typ, err := rf.str("type", true)
		if err != nil {
			return nil, err
		}
		switch strings.ToLower(typ) {
		case "labels":
			id, err := rf.str("id", true)
			if err != nil {
				return nil, err
			}
			vf, err := rf.object("value")
			if err != nil {
				return nil, err
			}
			labels, err := vf.array("labels", true)
			if err != nil {
				return nil, err
			}
			names := stringsOf(labels)
			if len(names) != 1 {
				return nil, importErr(lsLabel, vf.sub("labels"), "a region has one label (Quote, Speaker or Claim), not %v", names)
			}
			t, ok := typeFromLabel(names[0])
			if !ok {
				return nil, importErr(lsLabel, rf.place, "label %q is not Quote, Speaker or Claim", names[0])
			}
			start, end, err := lsSpan(vf, src)
			if err != nil {
				return nil, err
			}
			text, _ := vf.obj["text"].(string)
			if _, dup := regionIDs[id]; dup {
				return nil, importErr(lsLabel, rf.sub("id"), "region %s is labelled twice", id)
			}
			regionIDs[id] = idFrom(id)
			if err := d.add(lsLabel, rf.place, annotations.Annotation{ID: regionIDs[id], Type: t, Start: start, End: end, Exact: text}); err != nil {
				return nil, err
			}
		case "choices", "textarea", "relation":
			extras = append(extras, extra{rf, strings.ToLower(typ)})
		default:
			return nil, importErr(lsLabel, rf.sub("type"), "a %q result has no place in a quotemark set (labels, choices, textarea and relation do)", typ)
		}
	}
	attributed := map[string]string{}
	speakerNames := map[string]string{}
	for _, e := range extras {
		rf := e.rf
		if e.kind == "relation" {
			from, err := rf.str("from_id", true)
			if err != nil {
				return nil, err
			}
			to, err := rf.str("to_id", true)
			if err != nil {
				return nil, err
			}
			labels, err := rf.array("labels", false)
			if err != nil {
				return nil, err
			}
			if names := stringsOf(labels); len(names) > 0 && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, attributionLabel) }) {
				return nil, importErr(lsLabel, rf.sub("labels"), "relation %v is not an attribution, the only relation quotemark has", names)
			}
			for _, ref := range []struct{ k, id string }{{"from_id", from}, {"to_id", to}} {
				if _, ok := regionIDs[ref.id]; !ok {
					return nil, importErr(lsLabel, rf.sub(ref.k), "no labelled region has id %q", ref.id)
				}
			}
			if err := attribute(d, lsLabel, rf.place, attributed, regionIDs[from], regionIDs[to]); err != nil {
				return nil, err
			}
			continue
		}
		id, err := rf.str("id", true)
		if err != nil {
			return nil, err
		}
		aid, ok := regionIDs[id]
		if !ok {
			return nil, importErr(lsLabel, rf.sub("id"), "no labelled region has id %q; quotemark keeps only per-region choices and text areas", id)
		}
		i := d.set.AnnotationPos(aid)
		a := &d.set.Annotations[i]
		from, err := rf.str("from_name", true)
		if err != nil {
			return nil, err
		}
		vf, err := rf.object("value")
		if err != nil {
			return nil, err
		}
		key := "text"
		if e.kind == "choices" {
			key = "choices"
		}
		list, err := vf.array(key, true)
		if err != nil {
			return nil, err
		}
		values := stringsOf(list)
		switch {
		case e.kind == "choices" && from == "form":
			f, ok := formFromString(strings.Join(values, ""))
			if !ok || a.Type != annotations.Quote {
				return nil, importErr(lsLabel, vf.sub("choices"), "%v is not a form of a quote (direct, indirect or mixed), or the region is a %s", values, a.Type)
			}
			a.Form = f
		case e.kind == "choices" && from == "checkworthy":
			if a.Type != annotations.Claim {
				return nil, importErr(lsLabel, rf.place, "only a claim is checkworthy, not a %s", a.Type)
			}
			a.Checkworthy = slices.ContainsFunc(values, func(v string) bool {
				v = strings.ToLower(v)
				return v == "checkworthy" || v == "yes" || v == "true"
			})
		case e.kind == "textarea" && from == "note":
			a.Note = strings.Join(values, "\n")
		case e.kind == "textarea" && from == "speaker":
			speakerNames[aid] = strings.Join(values, " ")
		default:
			return nil, importErr(lsLabel, rf.sub("from_name"), "a %s named %q has no place in a quotemark set (form, checkworthy, speaker and note do)", e.kind, from)
		}
	}
	for i := range d.set.Annotations {
		a := &d.set.Annotations[i]
		if name := speakerNames[a.ID]; name != "" {
			a.Speaker = lsSpeaker(d, name)
		}
	}
	if err := finishSpeakers(d, lsLabel, attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// lsSpeaker finds a speaker the quotemark key listed by name, else makes one.
func lsSpeaker(d *draft, name string) string {
	name = strings.Join(strings.Fields(name), " ")
	for _, sp := range d.set.Speakers {
		if sp.Name == name {
			return sp.ID
		}
	}
	return d.book.byNameID(name)
}

func lsSpan(vf *fields, src *annotations.Article) (int, int, error) {
	start, _, err := vf.integer("start", true)
	if err != nil {
		return 0, 0, err
	}
	end, _, err := vf.integer("end", true)
	if err != nil {
		return 0, 0, err
	}
	if end <= start || end > src.Length {
		return 0, 0, importErr(lsLabel, vf.place, "span %d–%d is empty, reversed or past the text's length %d (in code points)", start, end, src.Length)
	}
	return start, end, nil
}

// lsUser names Label Studio's completed_by: a user id or an object with an
// email.
func lsUser(v any) string {
	switch v := v.(type) {
	case json.Number:
		return "Label Studio user " + v.String()
	case map[string]any:
		for _, k := range []string{"email", "username", "first_name"} {
			if s, ok := v[k].(string); ok && s != "" {
				return s
			}
		}
		if id, ok := v["id"].(json.Number); ok {
			return "Label Studio user " + id.String()
		}
	case string:
		return v
	}
	return ""
}
