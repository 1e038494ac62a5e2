package formats

import (
	"cmp"
	"fmt"
	"net/url"
	"quotemark/annotations"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
func readW3C(data []byte, art *annotations.Article) ([]*draft, error) {
	v, err := decodeJSON(w3cLabel, "", data)
	if err != nil {
		return nil, err
	}
	r := &w3cReader{art: art, d: newDraft("")}
	var items []any
	itemsPlace := ""
	switch top := v.(type) {
	case []any:
		items = top
	case map[string]any:
		f, _ := fieldsOf(w3cLabel, "", top)
		types := stringsOf(top["type"])
		switch {
		case slices.Contains(types, "AnnotationCollection"):
			if err := r.collection(f); err != nil {
				return nil, err
			}
			first := top["first"]
			if first == nil {
				if total, _, _ := f.integer("total", false); total > 0 {
					return nil, importErr(w3cLabel, "first", "is missing, but the collection holds %d annotations", total)
				}
				break
			}
			if s, ok := first.(string); ok {
				return nil, importErr(w3cLabel, "first", "the collection links its first page (%s) instead of embedding it; export the collection with its annotations embedded", s)
			}
			page, err := fieldsOf(w3cLabel, "first", first)
			if err != nil {
				return nil, err
			}
			if page.has("next") {
				return nil, importErr(w3cLabel, "first.next", "the collection has more pages than the file holds; export it in one page")
			}
			if items, err = page.array("items", true); err != nil {
				return nil, err
			}
			itemsPlace = "first.items"
			if total, ok, _ := f.integer("total", false); ok && total != len(items) {
				return nil, importErr(w3cLabel, "total", "the collection says it holds %d annotations, but its page has %d", total, len(items))
			}
		case slices.Contains(types, "AnnotationPage"):
			if items, err = f.array("items", true); err != nil {
				return nil, err
			}
			itemsPlace = "items"
		case top["rows"] != nil: // a Hypothesis search result
			if items, err = f.array("rows", true); err != nil {
				return nil, err
			}
			itemsPlace = "rows"
		default:
			items = []any{top}
			itemsPlace = "-"
		}
	default:
		return nil, importErr(w3cLabel, "", "the file must hold a JSON object or array, not %s", jsonKind(v))
	}
	for i, item := range items {
		place := fmt.Sprintf("%s[%d]", itemsPlace, i)
		switch itemsPlace {
		case "":
			place = fmt.Sprintf("[%d]", i)
		case "-":
			place = "the annotation"
		}
		if err := r.annotation(place, item); err != nil {
			return nil, err
		}
	}
	r.finish()
	return []*draft{r.d}, nil
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
		list, err := f.array(w3cSpeakersKey, false)
		if err != nil {
			return err
		}
		for i, v := range list {
			sp, err := fieldsOf(w3cLabel, fmt.Sprintf("%s[%d]", w3cSpeakersKey, i), v)
			if err != nil {
				return err
			}
			id, err := sp.str("id", true)
			if err != nil {
				return err
			}
			name, err := sp.str("name", true)
			if err != nil {
				return err
			}
			if _, err := r.d.book.withID(w3cLabel, sp.place, idFrom(id), name); err != nil {
				return err
			}
		}
	}
	return nil
}

// w3cAgentName reads a creator: a string (an IRI; Hypothesis's
// "acct:NAME@HOST" gives NAME), an object (its name, nickname or id) or an
// array (the first).
func w3cAgentName(f *fields, k string) (string, bool, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		return "", false, nil
	}
	if list, ok := v.([]any); ok {
		if len(list) == 0 {
			return "", false, nil
		}
		v = list[0]
	}
	switch v := v.(type) {
	case string:
		if acct, ok := strings.CutPrefix(v, "acct:"); ok {
			name, _, _ := strings.Cut(acct, "@")
			return name, true, nil
		}
		return v, true, nil
	case map[string]any:
		for _, key := range []string{"name", "nickname", "id"} {
			if s := stringsOf(v[key]); len(s) > 0 {
				return s[0], true, nil
			}
		}
		return "", true, nil
	}
	return "", false, importErr(w3cLabel, f.sub(k), "must be an agent (an object or an IRI), not %s", jsonKind(v))
}

func (r *w3cReader) annotation(place string, v any) error {
	f, err := fieldsOf(w3cLabel, place, v)
	if err != nil {
		return err
	}
	ours := r.ours
	if g := asObject(f.obj["generator"]); g != nil && g["name"] == w3cGenerator {
		ours = true
	}
	rawID, err := f.str("id", false)
	if err != nil {
		return err
	}
	a := annotations.Annotation{ID: idFrom(rawID)}

	// Who and when, for a set that is not a collection.
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

	// Where: the first target with selectors.
	exact, prefix, suffix, start, end, hasQuote, hasPos, err := r.selectors(f)
	if err != nil {
		return err
	}

	// What: tags, comments, the speaker.
	var tags, notes []string
	var speakerID, speakerName string
	speakerPlace := f.sub("body")
	if s, err := f.str("bodyValue", false); err != nil {
		return err
	} else if s != "" {
		notes = append(notes, s)
	}
	if s, err := f.str("text", false); err != nil { // Hypothesis's API
		return err
	} else if s != "" {
		notes = append(notes, s)
	}
	if f.has("tags") { // Hypothesis's API
		list, err := f.array("tags", false)
		if err != nil {
			return err
		}
		tags = append(tags, stringsOf(list)...)
	}
	bodies := f.obj["body"]
	if _, ok := bodies.([]any); !ok && bodies != nil {
		bodies = []any{bodies}
	}
	list, _ := bodies.([]any)
	for i, b := range list {
		bp := fmt.Sprintf("%s[%d]", f.sub("body"), i)
		body, ok := b.(map[string]any)
		if !ok {
			continue // a body that is only an IRI says nothing quotemark keeps
		}
		purposes := stringsOf(body["purpose"])
		value, hasValue := body["value"].(string)
		switch {
		case hasValue && (slices.Contains(purposes, "tagging") || slices.Contains(purposes, "classifying")):
			tags = append(tags, value)
		case slices.Contains(purposes, "identifying"):
			if speakerID != "" || speakerName != "" {
				return importErr(w3cLabel, bp, "a second identifying body; an annotation names one speaker")
			}
			speakerPlace = bp
			if hasValue {
				speakerName = value
				break
			}
			src := body["source"]
			if src == nil {
				src = body
			}
			switch src := src.(type) {
			case string:
				speakerID = src
			case map[string]any:
				if ids := stringsOf(src["id"]); len(ids) > 0 {
					speakerID = ids[0]
				}
				for _, k := range []string{"name", "label"} {
					if n := stringsOf(src[k]); len(n) > 0 && speakerName == "" {
						speakerName = n[0]
					}
				}
			}
			for _, k := range []string{"name", "label"} {
				if n := stringsOf(body[k]); len(n) > 0 && speakerName == "" {
					speakerName = n[0]
				}
			}
		case hasValue:
			notes = append(notes, value)
		}
	}

	// Tags to type, form and checkworthy; the rest stay in the note.
	var other []string
	var form annotations.Form
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if typ, ok := w3cTypeTag(t); ok {
			if a.Type != "" && a.Type != typ {
				return importErr(w3cLabel, f.sub("body"), "two types, %s and %s; an annotation has one", a.Type, typ)
			}
			a.Type = typ
			continue
		}
		if fm, ok := formFromString(t); ok && form == "" {
			form = fm
			continue
		}
		if l := strings.ToLower(t); l == "checkworthy" || l == "check-worthy" {
			a.Checkworthy = true
			continue
		}
		if t != "" {
			other = append(other, t)
		}
	}
	if a.Type == "" {
		a.Type = annotations.Quote
		if !ours && (speakerID != "" || speakerName != "") {
			a.Type = annotations.SpeakerMention // another tool's annotation identifying a person
		}
	}
	switch {
	case a.Type == annotations.Quote:
		a.Form = cmp.Or(form, annotations.Direct)
	case form != "":
		other = append(other, string(form))
	}
	if a.Type != annotations.Claim && a.Checkworthy {
		a.Checkworthy = false
		other = append(other, "checkworthy")
	}
	if len(other) > 0 {
		notes = append(notes, "Tags: "+strings.Join(other, ", "))
	}
	a.Note = strings.Join(notes, "\n\n")

	// The speaker.
	switch {
	case speakerID != "":
		id := idFrom(speakerID)
		if speakerName == "" {
			if sp, ok := r.d.set.Speaker(id); ok {
				speakerName = sp.Name
			} else if a.Type == annotations.SpeakerMention {
				speakerName = exact
			} else {
				speakerName = speakerID
			}
		}
		if a.Speaker, err = r.d.book.withID(w3cLabel, speakerPlace, id, speakerName); err != nil {
			return err
		}
	case speakerName != "":
		a.Speaker = r.d.book.byNameID(speakerName)
	case a.Type == annotations.SpeakerMention:
		a.Speaker = r.d.book.byNameID(exact)
		if a.Speaker == "" {
			return importErr(w3cLabel, place, "a speaker mention names no speaker and its text %q is no name", exact)
		}
	}

	// The position.
	o := r.art.Offsets()
	a.Exact, a.Prefix, a.Suffix = normalizeQuote(exact, prefix, suffix)
	unplaced := false
	switch {
	case hasPos && !hasQuote:
		if !ours { // other tools count UTF-16 units
			start, end = o.FromUTF16(start, false), o.FromUTF16(end, true)
		}
		a.Start, a.End = start, end
	case hasPos:
		candidates := [][2]int{{start, end}, {o.FromUTF16(start, false), o.FromUTF16(end, true)}}
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
	case hasQuote:
		unplaced = true
	default:
		return importErr(w3cLabel, f.sub("target"), "has no TextQuoteSelector or TextPositionSelector, so it cannot be placed on the text")
	}
	if hasQuote && a.Exact == "" {
		return importErr(w3cLabel, f.sub("target"), "the TextQuoteSelector's exact is empty")
	}
	if unplaced {
		r.d.unplaced[a.ID] = true
	}
	return r.d.add(w3cLabel, place, a)
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

// selectors finds the TextQuoteSelector and TextPositionSelector of the
// first target that has one.
func (r *w3cReader) selectors(f *fields) (exact, prefix, suffix string, start, end int, hasQuote, hasPos bool, err error) {
	targets := f.obj["target"]
	if targets == nil {
		err = importErr(w3cLabel, f.sub("target"), "is missing")
		return
	}
	if _, ok := targets.([]any); !ok {
		targets = []any{targets}
	}
	for i, t := range targets.([]any) {
		tp := f.sub("target")
		if len(targets.([]any)) > 1 || f.obj["target"] != nil && isArray(f.obj["target"]) {
			tp = fmt.Sprintf("%s[%d]", tp, i)
		}
		obj, ok := t.(map[string]any)
		if !ok {
			continue
		}
		sels := obj["selector"]
		if sels == nil {
			continue
		}
		if _, ok := sels.([]any); !ok {
			sels = []any{sels}
		}
		for j, sv := range sels.([]any) {
			sf, ferr := fieldsOf(w3cLabel, fmt.Sprintf("%s.selector[%d]", tp, j), sv)
			if ferr != nil {
				err = ferr
				return
			}
			switch {
			case slices.Contains(stringsOf(sf.obj["type"]), "TextQuoteSelector") && !hasQuote:
				if exact, err = sf.str("exact", true); err != nil {
					return
				}
				if prefix, err = sf.str("prefix", false); err != nil {
					return
				}
				if suffix, err = sf.str("suffix", false); err != nil {
					return
				}
				hasQuote = true
			case slices.Contains(stringsOf(sf.obj["type"]), "TextPositionSelector") && !hasPos:
				if start, _, err = sf.integer("start", true); err != nil {
					return
				}
				if end, _, err = sf.integer("end", true); err != nil {
					return
				}
				if end <= start {
					err = importErr(w3cLabel, sf.place, "end %d is not after start %d", end, start)
					return
				}
				hasPos = true
			}
		}
		if hasQuote || hasPos {
			return
		}
	}
	err = importErr(w3cLabel, f.sub("target"), "has no TextQuoteSelector or TextPositionSelector, so it cannot be placed on the text")
	return
}

func isArray(v any) bool {
	_, ok := v.([]any)
	return ok
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
	for _, s := range list {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
