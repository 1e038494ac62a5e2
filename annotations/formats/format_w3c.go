package formats

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"quotemark/annotations"

	"github.com/google/uuid"
)

// W3C Web Annotation (https://www.w3.org/TR/annotation-model/), JSON-LD.
//
// A set is an AnnotationCollection whose first page embeds every
// annotation. Each annotation targets a SpecificResource: the article
// (source urn:quotemark:article:ID) with a TextQuoteSelector (exact, prefix,
// suffix) and a TextPositionSelector whose start and end count code points,
// as the model requires. Its bodies:
//
//   - the type as a tag: a TextualBody with purpose "tagging" and value
//     "quote", "speaker" or "claim";
//   - a quote's form as a tag: "direct", "indirect" or "mixed";
//   - a claim's checkworthy flag as the tag "checkworthy";
//   - the note as a TextualBody with purpose "commenting" (text/plain);
//   - the speaker as a SpecificResource with purpose "identifying" whose
//     source is the speaker: {"id": "urn:uuid:SPEAKER-ID", "name": NAME}.
//
// creator ({"type": "Person", "name": ANNOTATOR}, left out when there is
// no annotator), created and modified are the set's, on the collection and
// on each annotation; the generator is quotemark. The collection lists every
// speaker, those no annotation names too, under "quotemark:speakers", a term
// of its own context (urn:quotemark:terms#), so that nothing of a set is
// lost.
//
// Reading also takes annotations made by other tools (Hypothesis,
// Recogito): one annotation, an array of them, a page, a collection with its
// first page embedded, or a Hypothesis search result ({"rows": [...]}).
// Their TextPositionSelector usually counts UTF-16 units, not code points,
// or is missing: such annotations are placed by their quote and context
// (see bind and Anchor). Tags name the type (an annotation without one is a
// quote), the form and the checkworthy flag; other tags are kept in the
// note; comments become the note; an identifying body is the speaker.

const (
	w3cContext       = "http://www.w3.org/ns/anno.jsonld"
	w3cTermsIRI      = "urn:quotemark:terms#"
	w3cSpeakersKey   = "quotemark:speakers"
	w3cArticlePrefix = "urn:quotemark:article:"
	w3cGenerator     = "quotemark"
	w3cLabel         = "W3C Web Annotation"
)

type w3cAgent struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

type w3cNamed struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type w3cCollectionOut struct {
	Context  []any      `json:"@context"`
	ID       string     `json:"id"`
	Type     string     `json:"type"`
	Label    string     `json:"label"`
	Creator  *w3cAgent  `json:"creator,omitempty"`
	Created  string     `json:"created"`
	Modified string     `json:"modified"`
	Speakers []w3cNamed `json:"quotemark:speakers"`
	Total    int        `json:"total"`
	First    w3cPageOut `json:"first"`
}

type w3cPageOut struct {
	ID         string             `json:"id"`
	Type       string             `json:"type"`
	PartOf     string             `json:"partOf"`
	StartIndex int                `json:"startIndex"`
	Items      []w3cAnnotationOut `json:"items"`
}

type w3cAnnotationOut struct {
	Context    string       `json:"@context"`
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	Motivation string       `json:"motivation"`
	Creator    *w3cAgent    `json:"creator,omitempty"`
	Created    string       `json:"created"`
	Modified   string       `json:"modified"`
	Generator  w3cAgent     `json:"generator"`
	Body       []any        `json:"body"`
	Target     w3cTargetOut `json:"target"`
}

type w3cTextualBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
}

type w3cSpeakerBody struct {
	Type    string   `json:"type"`
	Purpose string   `json:"purpose"`
	Source  w3cNamed `json:"source"`
}

type w3cTargetOut struct {
	Type     string `json:"type"`
	Source   string `json:"source"`
	Selector []any  `json:"selector"`
}

type w3cQuoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

type w3cPositionSelector struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func writeW3C(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var files []ExportedFile
	slugs := setSlugs(sets)
	for i, s := range sets {
		files = append(files, ExportedFile{
			Name: setFileName(art, slugs[i], len(sets), "w3c.jsonld"),
			Data: marshalJSON(w3cCollection(art, s), true),
			MIME: `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`,
		})
	}
	return files, nil
}

func w3cCollection(art *annotations.Article, s *annotations.Set) w3cCollectionOut {
	c := s.Clone()
	c.Sort()
	var creator *w3cAgent
	if c.Annotator != "" {
		creator = &w3cAgent{Type: "Person", Name: c.Annotator}
	}
	created, modified := annotations.FormatTime(c.Created), annotations.FormatTime(c.Modified)
	id := "urn:uuid:" + c.ID
	label := "Quotes, speakers and claims in “" + art.Title + "”"
	if c.Annotator != "" {
		label += " by " + c.Annotator
	}
	out := w3cCollectionOut{
		Context:  []any{w3cContext, map[string]string{"quotemark": w3cTermsIRI}},
		ID:       id,
		Type:     "AnnotationCollection",
		Label:    label,
		Creator:  creator,
		Created:  created,
		Modified: modified,
		Speakers: []w3cNamed{},
		Total:    len(c.Annotations),
		First: w3cPageOut{
			ID:     "urn:uuid:" + uuid.NewSHA1(uuid.MustParse(c.ID), []byte("page 1")).String(),
			Type:   "AnnotationPage",
			PartOf: id,
			Items:  []w3cAnnotationOut{},
		},
	}
	for _, sp := range c.Speakers {
		out.Speakers = append(out.Speakers, w3cNamed{ID: "urn:uuid:" + sp.ID, Name: sp.Name})
	}
	source := w3cArticlePrefix + url.PathEscape(art.ID)
	for _, a := range c.Annotations {
		motivation := "tagging"
		if a.Type == annotations.SpeakerMention {
			motivation = "identifying"
		}
		tag := func(v string) w3cTextualBody {
			return w3cTextualBody{Type: "TextualBody", Purpose: "tagging", Value: v}
		}
		body := []any{tag(string(a.Type))}
		if a.Type == annotations.Quote {
			body = append(body, tag(string(cmp.Or(a.Form, annotations.Direct))))
		}
		if a.Type == annotations.Claim && a.Checkworthy {
			body = append(body, tag("checkworthy"))
		}
		if a.Speaker != "" {
			body = append(body, w3cSpeakerBody{Type: "SpecificResource", Purpose: "identifying",
				Source: w3cNamed{ID: "urn:uuid:" + a.Speaker, Name: c.SpeakerName(a.Speaker)}})
		}
		if a.Note != "" {
			body = append(body, w3cTextualBody{Type: "TextualBody", Purpose: "commenting", Value: a.Note, Format: "text/plain"})
		}
		out.First.Items = append(out.First.Items, w3cAnnotationOut{
			Context:    w3cContext,
			ID:         "urn:uuid:" + a.ID,
			Type:       "Annotation",
			Motivation: motivation,
			Creator:    creator,
			Created:    created,
			Modified:   modified,
			Generator:  w3cAgent{Type: "Software", Name: w3cGenerator},
			Body:       body,
			Target: w3cTargetOut{Type: "SpecificResource", Source: source, Selector: []any{
				w3cQuoteSelector{Type: "TextQuoteSelector", Exact: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix},
				w3cPositionSelector{Type: "TextPositionSelector", Start: a.Start, End: a.End},
			}},
		})
	}
	return out
}

// readW3C reads W3C Web Annotations, quotemark's or another tool's.
func readW3C(data []byte, in *intake) ([]*draft, error) {
	in.label = w3cLabel
	v, err := decodeJSON(w3cLabel, "", data)
	if err != nil {
		return nil, err
	}
	d, err := in.newDraft("", "")
	if err != nil {
		return nil, err
	}
	r := &w3cReader{art: in.art, d: d}
	items, itemsPlace, err := r.items(v)
	if err != nil {
		return nil, err
	}
	err = eachElement(items, func(i int, item jsonValue) error {
		place := fmt.Sprintf("%s[%d]", itemsPlace, i)
		switch itemsPlace {
		case "":
			place = fmt.Sprintf("[%d]", i)
		case "-":
			place = "the annotation"
		}
		return r.annotation(place, item)
	})
	if err != nil {
		return nil, err
	}
	r.finish()
	return []*draft{r.d}, nil
}

// items finds the annotations in the document v: an array of them, a
// collection's first page, a page, a Hypothesis search result or one
// annotation ("-"). It returns them and the place they are at.
func (r *w3cReader) items(v jsonValue) (jsonValue, string, error) {
	switch v.kind() {
	case '[':
		return v, "", nil
	case '{':
	default:
		return nil, "", importErr(w3cLabel, "", "the file must hold a JSON object or array, not %s", jsonKind(v))
	}
	f, _ := fieldsOf(w3cLabel, "", v)
	types := f.get("type")
	switch {
	case hasString(types, "AnnotationCollection"):
		if err := r.collection(f); err != nil {
			return nil, "", err
		}
		first := f.get("first")
		if first.missing() {
			if total, _, _ := f.integer("total", false); total > 0 {
				return nil, "", importErr(w3cLabel, "first", "is missing, but the collection holds %d annotations", total)
			}
			return nil, "", nil
		}
		if s, ok := first.str(); ok {
			return nil, "", importErr(w3cLabel, "first", "the collection links its first page (%s) instead of embedding it; export the collection with its annotations embedded", s)
		}
		page, err := fieldsOf(w3cLabel, "first", first)
		if err != nil {
			return nil, "", err
		}
		if page.has("next") {
			return nil, "", importErr(w3cLabel, "first.next", "the collection has more pages than the file holds; export it in one page")
		}
		items, err := page.array("items", true)
		if err != nil {
			return nil, "", err
		}
		if total, ok, _ := f.integer("total", false); ok {
			if n := items.count(math.MaxInt); n != total {
				return nil, "", importErr(w3cLabel, "total", "the collection says it holds %d annotations, but its page has %d", total, n)
			}
		}
		return items, "first.items", nil
	case hasString(types, "AnnotationPage"):
		items, err := f.array("items", true)
		return items, "items", err
	case f.has("rows"): // a Hypothesis search result
		items, err := f.array("rows", true)
		return items, "rows", err
	}
	return v, "-", nil // eachElement takes a value that is not an array as a list of one
}

type w3cReader struct {
	art *annotations.Article
	d   *draft
	// ours is set when the file says quotemark made it: its positions then
	// count code points for sure.
	ours bool
	// set-level facts: from the collection, else gathered from annotations.
	haveSetCreator bool
	creators       []string
	first, last    time.Time
}

func (r *w3cReader) collection(f *fields) error {
	id, err := f.str("id", false)
	if err != nil {
		return err
	}
	r.d.set.ID = idFrom(id)
	r.d.book = newSpeakerBook(r.d.set)
	if name, ok, err := w3cAgentName(f, "creator"); err != nil {
		return err
	} else if ok {
		r.d.set.Annotator, r.haveSetCreator = name, true
	}
	if r.d.set.Created, err = f.time("created"); err != nil {
		return err
	}
	if r.d.set.Modified, err = f.time("modified"); err != nil {
		return err
	}
	if f.has(w3cSpeakersKey) {
		r.ours = true
		return readSpeakers(r.d, f, w3cSpeakersKey)
	}
	return nil
}

// w3cAgentName reads a creator: a string (an IRI; Hypothesis's
// "acct:NAME@HOST" gives NAME), an object (its name, nickname or id) or an
// array (the first).
func w3cAgentName(f *fields, k string) (string, bool, error) {
	v := f.get(k)
	if v.missing() {
		return "", false, nil
	}
	if v.kind() == '[' {
		var first jsonValue
		_ = eachElement(v, func(_ int, e jsonValue) error {
			first = e
			return errStop
		})
		if first == nil {
			return "", false, nil
		}
		v = first
	}
	switch v.kind() {
	case '"':
		s, _ := v.str()
		if acct, ok := strings.CutPrefix(s, "acct:"); ok {
			name, _, _ := strings.Cut(acct, "@")
			return name, true, nil
		}
		return s, true, nil
	case '{':
		agent := &fields{raw: v}
		for _, key := range []string{"name", "nickname", "id"} {
			if s, ok := firstString(agent.get(key)); ok {
				return s, true, nil
			}
		}
		return "", true, nil
	}
	return "", false, importErr(w3cLabel, f.sub(k), "must be an agent (an object or an IRI), not %s", jsonKind(v))
}

func (r *w3cReader) annotation(place string, v jsonValue) error {
	f, err := fieldsOf(w3cLabel, place, v)
	if err != nil {
		return err
	}
	ours := r.ours
	if g := f.get("generator"); g.kind() == '{' {
		if name, ok := (&fields{raw: g}).get("name").str(); ok && name == w3cGenerator {
			ours = true
		}
	}
	rawID, err := f.str("id", false)
	if err != nil {
		return err
	}
	a := annotations.Annotation{ID: idFrom(rawID)}
	if err := r.gatherCreatorAndTimes(f); err != nil {
		return err
	}
	t, err := r.selectors(f)
	if err != nil {
		return err
	}
	b, err := readW3CBody(f)
	if err != nil {
		return err
	}
	if err := b.classify(&a, ours); err != nil {
		return err
	}
	if err := r.speaker(&a, b, t.exact, place); err != nil {
		return err
	}
	unplaced, err := r.position(&a, f, t, ours)
	if err != nil {
		return err
	}
	if unplaced {
		r.d.unplaced[a.ID] = true
	}
	return r.d.add(w3cLabel, place, a)
}

// gatherCreatorAndTimes notes who made an annotation and when, for a set
// that is not a collection.
func (r *w3cReader) gatherCreatorAndTimes(f *fields) error {
	if name, ok, err := w3cAgentName(f, "creator"); err != nil {
		return err
	} else if !ok && f.has("user") { // Hypothesis's API
		name, ok, err = w3cAgentName(f, "user")
		if err != nil {
			return err
		}
		if ok {
			r.creators = append(r.creators, name)
		}
	} else if ok {
		r.creators = append(r.creators, name)
	}
	for _, k := range []string{"created", "modified", "updated"} {
		t, err := f.time(k)
		if err != nil {
			return err
		}
		if !t.IsZero() {
			if r.first.IsZero() || t.Before(r.first) {
				r.first = t
			}
			if t.After(r.last) {
				r.last = t
			}
		}
	}
	return nil
}

// w3cBody is what an annotation says of its span: tags, comments and the
// speaker, from its bodies and from Hypothesis's fields.
type w3cBody struct {
	place                  string // the annotation's body, for errors
	notes                  []string
	speakerID, speakerName string
	speakerPlace           string // where the speaker is named, for errors
	// What the tags say, taken as they come: a list of them would cost
	// a string header for each, eight times a tag of one letter.
	typ         annotations.Type
	conflict    string // two types, the first two
	form        annotations.Form
	checkworthy bool
	other       strings.Builder // the tags that say nothing else, joined by ", "
}

// tag takes a tag as the annotation's type, its form or its checkworthy
// flag, or keeps it for the note.
func (b *w3cBody) tag(t string) {
	t = strings.TrimSpace(t)
	if typ, ok := w3cTypeTag(t); ok {
		if b.typ != "" && b.typ != typ && b.conflict == "" {
			b.conflict = fmt.Sprintf("two types, %s and %s; an annotation has one", b.typ, typ)
		}
		b.typ = typ
		return
	}
	if fm, ok := formFromString(t); ok && b.form == "" {
		b.form = fm
		return
	}
	if l := strings.ToLower(t); l == "checkworthy" || l == "check-worthy" {
		b.checkworthy = true
		return
	}
	if t != "" {
		b.otherTag(t)
	}
}

func (b *w3cBody) otherTag(t string) {
	if b.other.Len() > 0 {
		b.other.WriteString(", ")
	}
	b.other.WriteString(t)
}

func readW3CBody(f *fields) (*w3cBody, error) {
	b := &w3cBody{place: f.sub("body"), speakerPlace: f.sub("body")}
	if s, err := f.str("bodyValue", false); err != nil {
		return nil, err
	} else if s != "" {
		b.notes = append(b.notes, s)
	}
	if s, err := f.str("text", false); err != nil { // Hypothesis's API
		return nil, err
	} else if s != "" {
		b.notes = append(b.notes, s)
	}
	if f.has("tags") { // Hypothesis's API
		list, err := f.array("tags", false)
		if err != nil {
			return nil, err
		}
		b.other.Grow(len(list)) // the tags kept fit in the list's size: one buffer, not one doubled again and again
		eachString(list, func(t string) bool {
			b.tag(t)
			return true
		})
	}
	err := eachElement(f.get("body"), func(i int, v jsonValue) error {
		if v.kind() != '{' {
			return nil // a body that is only an IRI says nothing quotemark keeps
		}
		return b.add(fmt.Sprintf("%s[%d]", f.sub("body"), i), &fields{format: w3cLabel, raw: v})
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// add takes one body: a tag, the speaker or a comment.
func (b *w3cBody) add(place string, body *fields) error {
	purposes := body.get("purpose")
	value, hasValue := body.get("value").str()
	switch {
	case hasValue && (hasString(purposes, "tagging") || hasString(purposes, "classifying")):
		b.tag(value)
	case hasString(purposes, "identifying"):
		return b.identify(place, body, value, hasValue)
	case hasValue:
		b.notes = append(b.notes, value)
	}
	return nil
}

// identify takes the speaker from an identifying body: its value (a name),
// else its source (an IRI, or an object with an id and a name) and its own
// name.
func (b *w3cBody) identify(place string, body *fields, value string, hasValue bool) error {
	if b.speakerID != "" || b.speakerName != "" {
		return importErr(w3cLabel, place, "a second identifying body; an annotation names one speaker")
	}
	b.speakerPlace = place
	if hasValue {
		b.speakerName = value
		return nil
	}
	src := body.get("source")
	if src.missing() {
		src = body.raw
	}
	switch src.kind() {
	case '"':
		b.speakerID, _ = src.str()
	case '{':
		sf := &fields{raw: src}
		if id, ok := firstString(sf.get("id")); ok {
			b.speakerID = id
		}
		b.nameSpeaker(sf)
	}
	b.nameSpeaker(body)
	return nil
}

// nameSpeaker takes the speaker's name from obj's name or label, unless it
// has one already.
func (b *w3cBody) nameSpeaker(obj *fields) {
	for _, k := range []string{"name", "label"} {
		if n, ok := firstString(obj.get(k)); ok && b.speakerName == "" {
			b.speakerName = n
		}
	}
}

// classify reads the tags as the annotation's type, form and checkworthy
// flag, and gives it the note: the comments, then the tags that say
// nothing else.
func (b *w3cBody) classify(a *annotations.Annotation, ours bool) error {
	if b.conflict != "" {
		return importErr(w3cLabel, b.place, "%s", b.conflict)
	}
	a.Type, a.Checkworthy = b.typ, b.checkworthy
	if a.Type == "" {
		a.Type = annotations.Quote
		if !ours && (b.speakerID != "" || b.speakerName != "") {
			a.Type = annotations.SpeakerMention // another tool's annotation identifying a person
		}
	}
	switch {
	case a.Type == annotations.Quote:
		a.Form = cmp.Or(b.form, annotations.Direct)
	case b.form != "":
		b.otherTag(string(b.form))
	}
	if a.Type != annotations.Claim && a.Checkworthy {
		a.Checkworthy = false
		b.otherTag("checkworthy")
	}
	a.Note = strings.Join(b.notes, "\n\n")
	if b.other.Len() > 0 { // one copy: the tags may be most of the file
		if len(b.notes) > 0 {
			a.Note = a.Note + "\n\nTags: " + b.other.String()
		} else {
			a.Note = "Tags: " + b.other.String()
		}
	}
	return nil
}

// speaker gives the annotation the speaker its body names, by id or by
// name; a mention that names none is named by its text, exact.
func (r *w3cReader) speaker(a *annotations.Annotation, b *w3cBody, exact, place string) error {
	switch {
	case b.speakerID != "":
		id := idFrom(b.speakerID)
		name := b.speakerName
		if name == "" {
			if sp, ok := r.d.book.speaker(id); ok {
				name = sp.Name
			} else if a.Type == annotations.SpeakerMention {
				name = exact
			} else {
				name = b.speakerID
			}
		}
		var err error
		a.Speaker, err = r.d.book.withID(w3cLabel, b.speakerPlace, id, name)
		return err
	case b.speakerName != "":
		a.Speaker = r.d.book.byNameID(b.speakerName)
	case a.Type == annotations.SpeakerMention:
		a.Speaker = r.d.book.byNameID(exact)
		if a.Speaker == "" {
			return importErr(w3cLabel, place, "a speaker mention names no speaker and its text %q is no name", exact)
		}
	}
	return nil
}

// position places the annotation by its target. It reports whether the
// place is only a guess, which bind leaves to Anchor: a quote without a
// position, or one whose position, in code points or UTF-16 units, does not
// hold it.
func (r *w3cReader) position(a *annotations.Annotation, f *fields, t w3cTarget, ours bool) (unplaced bool, err error) {
	o := r.art.Offsets()
	a.Exact, a.Prefix, a.Suffix = normalizeQuote(t.exact, t.prefix, t.suffix)
	switch {
	case t.hasPos && !t.hasQuote:
		start, end := t.start, t.end
		if !ours { // other tools count UTF-16 units
			start, end = o.FromUTF16(start, false), o.FromUTF16(end, true)
		}
		a.Start, a.End = start, end
	case t.hasPos:
		candidates := [][2]int{{t.start, t.end}, {o.FromUTF16(t.start, false), o.FromUTF16(t.end, true)}}
		if !ours {
			candidates[0], candidates[1] = candidates[1], candidates[0]
		}
		a.Start, a.End = candidates[0][0], candidates[0][0]+utf8.RuneCountInString(a.Exact)
		unplaced = true
		for _, c := range candidates {
			if c[0] >= 0 && c[1] <= o.Len() && c[0] < c[1] && o.Slice(c[0], c[1]) == a.Exact {
				a.Start, a.End, unplaced = c[0], c[1], false
				break
			}
		}
	case t.hasQuote:
		unplaced = true
	default:
		return false, importErr(w3cLabel, f.sub("target"), "has no TextQuoteSelector or TextPositionSelector, so it cannot be placed on the text")
	}
	if t.hasQuote && a.Exact == "" {
		return false, importErr(w3cLabel, f.sub("target"), "the TextQuoteSelector's exact is empty")
	}
	return unplaced, nil
}

func w3cTypeTag(t string) (annotations.Type, bool) {
	switch strings.ToLower(t) {
	case "quote", "quotation":
		return annotations.Quote, true
	case "speaker", "mention", "speaker mention":
		return annotations.SpeakerMention, true
	case "claim":
		return annotations.Claim, true
	}
	return "", false
}

// w3cTarget is what an annotation's selectors say of its place.
type w3cTarget struct {
	exact, prefix, suffix string // a TextQuoteSelector's
	start, end            int    // a TextPositionSelector's
	hasQuote, hasPos      bool
}

// selectors finds the TextQuoteSelector and TextPositionSelector of the
// first target that has one.
func (r *w3cReader) selectors(f *fields) (w3cTarget, error) {
	var t w3cTarget
	targets := f.get("target")
	if targets.missing() {
		return t, importErr(w3cLabel, f.sub("target"), "is missing")
	}
	err := eachElement(targets, func(i int, tv jsonValue) error {
		tp := f.sub("target")
		if targets.kind() == '[' {
			tp = fmt.Sprintf("%s[%d]", tp, i)
		}
		if tv.kind() != '{' {
			return nil
		}
		sels := (&fields{raw: tv}).get("selector")
		if sels.missing() {
			return nil
		}
		err := eachElement(sels, func(j int, sv jsonValue) error {
			sf, err := fieldsOf(w3cLabel, fmt.Sprintf("%s.selector[%d]", tp, j), sv)
			if err != nil {
				return err
			}
			return t.read(sf)
		})
		if err == nil && (t.hasQuote || t.hasPos) {
			return errStop
		}
		return err
	})
	if err != nil || t.hasQuote || t.hasPos {
		return t, err
	}
	return t, importErr(w3cLabel, f.sub("target"), "has no TextQuoteSelector or TextPositionSelector, so it cannot be placed on the text")
}

// read takes a selector, unless the target has one of its kind already.
func (t *w3cTarget) read(sf *fields) error {
	var err error
	types := sf.get("type")
	switch {
	case !t.hasQuote && hasString(types, "TextQuoteSelector"):
		if t.exact, err = sf.str("exact", true); err != nil {
			return err
		}
		if t.prefix, err = sf.str("prefix", false); err != nil {
			return err
		}
		if t.suffix, err = sf.str("suffix", false); err != nil {
			return err
		}
		t.hasQuote = true
	case !t.hasPos && hasString(types, "TextPositionSelector"):
		if t.start, _, err = sf.integer("start", true); err != nil {
			return err
		}
		if t.end, _, err = sf.integer("end", true); err != nil {
			return err
		}
		if t.end <= t.start {
			return importErr(w3cLabel, sf.place, "end %d is not after start %d", t.end, t.start)
		}
		t.hasPos = true
	}
	return nil
}

// finish fills what the collection did not say from the annotations.
func (r *w3cReader) finish() {
	s := r.d.set
	if s.ID == "" {
		s.ID = annotations.NewID()
	}
	if !r.haveSetCreator && len(r.creators) > 0 {
		s.Annotator = r.creators[0]
		for _, c := range r.creators[1:] {
			if c != s.Annotator {
				s.Annotator = strings.Join(uniqueStrings(r.creators), ", ")
				break
			}
		}
	}
	if s.Created.IsZero() {
		s.Created = r.first
	}
	if s.Modified.IsZero() {
		s.Modified = r.last
	}
}

func uniqueStrings(list []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
