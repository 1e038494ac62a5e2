package formats

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
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

func readLabelStudio(data []byte, in *intake) ([]*draft, error) {
	in.label = lsLabel
	v, err := decodeJSON(lsLabel, "", data)
	if err != nil {
		return nil, err
	}
	var drafts []*draft
	readTask := func(place string, t jsonValue) error {
		tf, err := fieldsOf(lsLabel, place, t)
		if err != nil {
			return err
		}
		ds, err := readLSTask(tf, in)
		drafts = append(drafts, ds...)
		return err
	}
	if v.kind() == '[' {
		err = eachElement(v, func(i int, t jsonValue) error { return readTask(fmt.Sprintf("[%d]", i), t) })
	} else {
		err = readTask("task", v)
	}
	if err != nil {
		return nil, err
	}
	return drafts, nil
}

// readLSTask reads one task: its text and its annotations, a set each.
func readLSTask(tf *fields, in *intake) ([]*draft, error) {
	dataF, err := tf.object("data")
	if err != nil {
		return nil, err
	}
	text, err := dataF.str("text", true)
	if err != nil {
		return nil, err
	}
	src, err := in.sourceText(dataF.sub("text"), text)
	if err != nil {
		return nil, err
	}
	articleID, err := dataF.str("article_id", false)
	if err != nil {
		return nil, err
	}
	if err := checkSameArticle(lsLabel, tf.place, src, in.art, articleID); err != nil {
		return nil, err
	}
	key := "annotations"
	if !tf.has(key) && tf.has("completions") { // older exports
		key = "completions"
	}
	var drafts []*draft
	err = tf.each(key, false, func(_ int, af *fields) error {
		if cancelled, _ := af.boolean("was_cancelled"); cancelled {
			return nil // skipped in Label Studio: no annotation was made
		}
		d, err := readLSAnnotation(af, src, in)
		if err != nil {
			return err
		}
		drafts = append(drafts, d)
		return nil
	})
	return drafts, err
}

func readLSAnnotation(af *fields, src *annotations.Article, in *intake) (*draft, error) {
	d, err := in.newDraft(af.place, annotations.NewID())
	if err != nil {
		return nil, err
	}
	d.source = src
	if err := readLSSetMeta(d, af); err != nil {
		return nil, err
	}
	r := &lsReader{d: d, src: src, regionIDs: map[string]string{}, attributed: map[string]string{}, speakerNames: map[string]string{}}
	if in.opts != nil {
		r.regionLabels, r.pieces, r.otherPieces = map[string]string{}, map[string][][2]int{}, map[string][]string{}
	}
	if err := r.readResults(af); err != nil {
		return nil, err
	}
	r.nameSpeakers()
	if err := finishSpeakers(d, lsLabel, r.attributed); err != nil {
		return nil, err
	}
	return d, nil
}

// readLSSetMeta reads the set's id, annotator, speakers and times: from the
// quotemark key, else who completed the annotation, and from created_at and
// updated_at what the key does not give.
func readLSSetMeta(d *draft, af *fields) error {
	if af.has("quotemark") {
		meta, err := af.object("quotemark")
		if err != nil {
			return err
		}
		if _, err := readSetMeta(d, meta); err != nil {
			return err
		}
	} else {
		d.set.Annotator = lsUser(af.get("completed_by"))
	}
	var err error
	if d.set.Created.IsZero() {
		if d.set.Created, err = af.time("created_at"); err != nil {
			return err
		}
	}
	if d.set.Modified.IsZero() {
		if d.set.Modified, err = af.time("updated_at"); err != nil {
			return err
		}
	}
	return nil
}

// lsReader reads one annotation's results: its labelled regions, then the
// results that refer to them by region id.
type lsReader struct {
	d            *draft
	src          *annotations.Article
	regionIDs    map[string]string // Label Studio's id → annotation id
	attributed   map[string]string // for finishSpeakers
	speakerNames map[string]string // annotation id → the speaker text area's name
	// With ImportWith: each region's label (labelKey) and pieces, the
	// regions labelled in more than one piece in the file's order, and
	// the annotations a split region's first piece's fields go to too.
	regionLabels map[string]string
	pieces       map[string][][2]int
	split        []string
	otherPieces  map[string][]string
}

// readResults adds the labelled regions, then reads the results that
// refer to them (relations, choices, text areas) in a second pass over the
// list, in the file's order, once every region is known.
func (r *lsReader) readResults(af *fields) error {
	err := af.each("result", false, func(_ int, rf *fields) error {
		kind, err := lsResultKind(rf)
		if err != nil || kind != "labels" {
			return err
		}
		return r.readRegion(rf)
	})
	if err != nil {
		return err
	}
	if err := r.splitRegions(); err != nil {
		return err
	}
	return af.each("result", false, func(_ int, rf *fields) error {
		switch kind, _ := lsResultKind(rf); kind {
		case "relation":
			return r.readRelation(rf)
		case "choices", "textarea":
			return r.readPerRegion(rf, kind)
		}
		return nil
	})
}

// lsResultKind is a result's type: labels, choices, textarea or relation.
func lsResultKind(rf *fields) (string, error) {
	typ, err := rf.str("type", true)
	if err != nil {
		return "", err
	}
	switch kind := strings.ToLower(typ); kind {
	case "labels", "choices", "textarea", "relation":
		return kind, nil
	}
	return "", importErr(lsLabel, rf.sub("type"), "a %q result has no place in a quotemark set (labels, choices, textarea and relation do)", typ)
}

// readRegion adds the annotation of a "labels" region.
func (r *lsReader) readRegion(rf *fields) error {
	id, err := rf.str("id", true)
	if err != nil {
		return err
	}
	vf, err := rf.object("value")
	if err != nil {
		return err
	}
	labels, err := vf.array("labels", true)
	if err != nil {
		return err
	}
	n := 0
	eachString(labels, func(string) bool { n++; return n < 2 })
	if n != 1 {
		return importErr(lsLabel, vf.sub("labels"), "a region has one label (Quote, Speaker or Claim), not %s", someStrings(labels, 5))
	}
	name, _ := firstString(labels)
	if _, dup := r.regionIDs[id]; dup && r.d.in.opts != nil {
		return r.readPiece(rf, vf, id, name)
	}
	tg, keep, err := r.d.in.readLabel(name, func() error {
		return importErr(lsLabel, rf.place, "label %q is not Quote, Speaker or Claim", name)
	})
	if err != nil {
		return err
	}
	start, end, err := lsSpan(vf, r.src)
	if err != nil {
		return err
	}
	text, _ := vf.get("text").str()
	if _, dup := r.regionIDs[id]; dup {
		return importErr(lsLabel, rf.sub("id"), "region %s is labelled twice", id)
	}
	r.regionIDs[id] = idFrom(id)
	if r.d.in.opts != nil {
		r.regionLabels[id] = labelKey(name)
		r.pieces[id] = [][2]int{{start, end}}
	}
	if !keep {
		r.d.leaveOut(r.regionIDs[id])
		return nil
	}
	return r.d.add(lsLabel, rf.place, annotations.Annotation{ID: r.regionIDs[id], Type: tg.Type, Form: tg.Form, Start: start, End: end, Exact: text})
}

// A region in pieces. Label Studio's text regions are one range each
// (value.start, value.end): its editor cannot select over a gap, and no
// result type holds several ranges. What projects write for a span in
// pieces is a region a piece with the span's label, the pieces joined by a
// relation between them, as kazu's Label Studio converter does
// (AstraZeneca/KAZU, kazu/annotation/label_studio.py: "since LS is region
// based, we need to create a new region for every CharSpan", linked by
// relations labelled "non-contig"); read so by the relations' reader
// (pieces.go). A converter that keeps an entity's id writes its pieces as
// "labels" results sharing one region id, each with its own start and end,
// and Label Studio attaches a region's other results (choices, text areas)
// and relations to that id: with ImportWith we read such a region as one
// span in pieces (splitRegions), its fields and relations every piece's.
// Without ImportWith a region labelled twice is refused, as it was.

// readPiece reads another "labels" result of region id (ImportWith): a
// piece of it, under the same label.
func (r *lsReader) readPiece(rf, vf *fields, id, name string) error {
	if labelKey(name) != r.regionLabels[id] {
		return importErr(lsLabel, vf.sub("labels"), "region %s is labelled %q here and %q before: the pieces of a region share its label", id, name, r.regionLabels[id])
	}
	start, end, err := lsSpan(vf, r.src)
	if err != nil {
		return err
	}
	if len(r.pieces[id]) == 1 {
		r.split = append(r.split, id)
	}
	r.pieces[id] = append(r.pieces[id], [2]int{start, end})
	return nil
}

// splitRegions makes each region labelled in pieces an annotation a piece
// (splitPieces), the first keeping the region's annotation id.
func (r *lsReader) splitRegions() error {
	o := r.src.Offsets()
	for _, id := range r.split {
		aid := r.regionIDs[id]
		a := r.d.annotation(aid)
		if a == nil { // left out, its pieces with it
			continue
		}
		pieces := r.pieces[id]
		slices.SortFunc(pieces, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
		for i := 1; i < len(pieces); i++ {
			if pieces[i][0] < pieces[i-1][1] {
				return importErr(lsLabel, r.d.places[aid], "region %s: its pieces %d–%d and %d–%d overlap", id, pieces[i-1][0], pieces[i-1][1], pieces[i][0], pieces[i][1])
			}
		}
		kept := splitPieces(o, pieces)
		switch {
		case kept == nil: // broken only at line breaks: one span
			a.Start, a.End, a.Exact = pieces[0][0], pieces[len(pieces)-1][1], ""
		case len(kept) == 0:
			r.d.remove(map[string]bool{aid: true})
			r.d.leaveOut(aid)
			r.d.in.countSplit(0)
		default:
			a.Start, a.End, a.Exact = kept[0][0], kept[0][1], ""
			first, place := *a, r.d.places[aid]
			r.d.join(aid, aid)
			for i, p := range kept[1:] {
				b := first
				b.ID, b.Start, b.End = annotations.NewID(), p[0], p[1]
				if err := r.d.add(lsLabel, fmt.Sprintf("%s (piece %d)", place, i+2), b); err != nil {
					return err
				}
				r.d.join(aid, b.ID)
				r.otherPieces[aid] = append(r.otherPieces[aid], b.ID)
			}
		}
	}
	return nil
}

// lsAttribution is a relation from_id (the quote or claim's region) to_id
// (the mention's), labelled attribution or not at all.
var lsAttribution = attributionShape{labelKey: "labels", labelList: true, ends: [2]string{"from_id", "to_id"}}

// readRelation reads a relation between two labelled regions.
func (r *lsReader) readRelation(rf *fields) error {
	refs := map[string]string{}
	for _, k := range lsAttribution.ends {
		ref, err := rf.str(k, true)
		if err != nil {
			return err
		}
		refs[k] = ref
	}
	return readAttribution(r.d, rf, lsAttribution, func(rf *fields, k string) (string, error) {
		id, ok := r.regionIDs[refs[k]]
		if !ok {
			return "", importErr(lsLabel, rf.sub(k), "no labelled region has id %q", refs[k])
		}
		return id, nil
	}, r.attributed)
}

// readPerRegion applies a per-region choice (form, checkworthy) or text
// area (note, speaker) to its region's annotation.
func (r *lsReader) readPerRegion(rf *fields, kind string) error {
	id, err := rf.str("id", true)
	if err != nil {
		return err
	}
	aid, ok := r.regionIDs[id]
	if !ok {
		return importErr(lsLabel, rf.sub("id"), "no labelled region has id %q; quotemark keeps only per-region choices and text areas", id)
	}
	a := r.d.annotation(aid)
	if a == nil { // a region left out, and its fields with it
		return nil
	}
	from, err := rf.str("from_name", true)
	if err != nil {
		return err
	}
	vf, err := rf.object("value")
	if err != nil {
		return err
	}
	key := "text"
	if kind == "choices" {
		key = "choices"
	}
	list, err := vf.array(key, true)
	if err != nil {
		return err
	}
	switch {
	case kind == "choices" && from == "form":
		f, ok := formFromString(joinStrings(list, ""))
		if !ok || a.Type != annotations.Quote {
			return importErr(lsLabel, vf.sub("choices"), "%s is not a form of a quote (direct, indirect or mixed), or the region is a %s", someStrings(list, 5), a.Type)
		}
		a.Form = f
	case kind == "choices" && from == "checkworthy":
		if a.Type != annotations.Claim {
			return importErr(lsLabel, rf.place, "only a claim is checkworthy, not a %s", a.Type)
		}
		a.Checkworthy = false
		eachString(list, func(v string) bool {
			v = strings.ToLower(v)
			a.Checkworthy = v == "checkworthy" || v == "yes" || v == "true"
			return !a.Checkworthy
		})
	case kind == "textarea" && from == "note":
		a.Note = joinStrings(list, "\n")
	case kind == "textarea" && from == "speaker":
		r.speakerNames[aid] = joinStrings(list, " ")
	default:
		return importErr(lsLabel, rf.sub("from_name"), "a %s named %q has no place in a quotemark set (form, checkworthy, speaker and note do)", kind, from)
	}
	for _, id := range r.otherPieces[aid] { // a region in pieces: its fields are every piece's
		p := r.d.annotation(id)
		p.Form, p.Checkworthy, p.Note = a.Form, a.Checkworthy, a.Note
		if name, ok := r.speakerNames[aid]; ok {
			r.speakerNames[id] = name
		}
	}
	return nil
}

// nameSpeakers gives each annotation the speaker its text area names.
func (r *lsReader) nameSpeakers() {
	for i := range r.d.set.Annotations {
		a := &r.d.set.Annotations[i]
		if name := r.speakerNames[a.ID]; name != "" {
			a.Speaker = lsSpeaker(r.d, name)
		}
	}
}

// lsSpeaker finds a speaker the quotemark key listed by name, else makes one.
func lsSpeaker(d *draft, name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if d.listed == nil { // by name, the first of each: a map, not a search per region
		d.listed = map[string]string{}
		for _, sp := range d.set.Speakers {
			if _, ok := d.listed[sp.Name]; !ok {
				d.listed[sp.Name] = sp.ID
			}
		}
	}
	if id, ok := d.listed[name]; ok {
		return id
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
func lsUser(v jsonValue) string {
	switch v.kind() {
	case '{':
		f := &fields{raw: v}
		for _, k := range []string{"email", "username", "first_name"} {
			if s, ok := f.get(k).str(); ok && s != "" {
				return s
			}
		}
		if id := f.get("id"); isNumber(id) {
			return "Label Studio user " + string(id)
		}
	case '"':
		s, _ := v.str()
		return s
	default:
		if isNumber(v) {
			return "Label Studio user " + string(v)
		}
	}
	return ""
}

func isNumber(v jsonValue) bool {
	switch v.kind() {
	case 0, 'n', '"', '{', '[', 't', 'f':
		return false
	}
	return true
}
