package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"quotemark/annotations"
	"quotemark/annotations/internal/scan"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// FormatInfo describes one format a set can be exported to and, when
// CanRead, imported from.
type FormatInfo struct {
	Name    string // "quotemark", "w3c", "brat", "csv", "jsonl", "labelstudio", "doccano"
	Label   string // for menus, e.g. "W3C Web Annotation (JSON-LD)"
	Offsets string // the unit the format's offsets count: "code points" or "UTF-16 units"
	Keeps   string // one line: what survives a round trip
	Loses   string // one line: what does not
	CanRead bool
}

// ExportedFile is one file an export produces. Name may hold a folder
// ("alice-1a2b3c4d/article.ann") when a format needs one file per set.
type ExportedFile struct {
	Name string
	Data []byte
	MIME string
}

// A format's implementation. read decodes a file into drafts, which bind
// places on the article; it must refuse bad input with an *ImportError and
// never return part of a file.
type formatImpl struct {
	info  FormatInfo
	write func(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error)
	read  func(data []byte, art *annotations.Article) ([]*draft, error)
}

// Offset units, as FormatInfo.Offsets names them.
const (
	unitCodePoints = "code points"
	unitUTF16      = "UTF-16 units"
)

const orphansLost = "annotations not placed on this text (orphans; the export says how many)"

func formatTable() []formatImpl {
	return []formatImpl{
		{FormatInfo{
			Name: "quotemark", Label: "quotemark JSON (.quotemark.json)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "everything: spans, types, forms, checkworthy, notes, speakers and attributions, ids, annotator, times",
			Loses: orphansLost,
		}, writeQuotemark, readQuotemark},
		{FormatInfo{
			Name: "w3c", Label: "W3C Web Annotation (JSON-LD)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "everything: spans (TextQuoteSelector and TextPositionSelector), types, forms and checkworthy as tags, notes as comments, speakers as identifying bodies with id and name, ids, annotator, times",
			Loses: orphansLost + "; on reading another tool's file, bodies other than tags, comments and identified people",
		}, writeW3C, readW3C},
		{FormatInfo{
			Name: "brat", Label: "brat standoff (.ann + .txt)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "spans and types (T), attributions to a mention (R Attribution) or by name (AnnotatorNotes), form and checkworthy (A), notes (AnnotatorNotes)",
			Loses: "ids of the set, annotations and speakers, the annotator, times and speakers no annotation names; speakers come back by name; " + orphansLost,
		}, writeBrat, readBrat},
		{FormatInfo{
			Name: "csv", Label: "CSV for spreadsheets (.csv)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "spans, types, text, speaker names, forms, checkworthy, notes, ids of articles, sets and annotations, the annotator; one row per annotation, several sets in one file",
			Loses: "speaker ids (speakers come back by name), speakers no annotation names, times; " + orphansLost,
		}, writeCSV, readCSV},
		{FormatInfo{
			Name: "jsonl", Label: "JSONL, spaCy / Prodigy spans (.jsonl)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "everything: spans with labels and ids, attributions as relations, form, checkworthy, note and speaker on each span, the set in meta",
			Loses: orphansLost + "; spaCy and Prodigy themselves read only text, spans and relations",
		}, writeJSONL, readJSONL},
		{FormatInfo{
			Name: "labelstudio", Label: "Label Studio tasks (.json)", Offsets: unitCodePoints, CanRead: true,
			Keeps: "spans with labels and ids, per-region choices (form, checkworthy) and text areas (note, speaker), attributions as relations, times; the set's ids, annotator and speakers in a quotemark key",
			Loses: "Label Studio itself drops the quotemark key (set and speaker ids, annotator): speakers then come back by name; " + orphansLost,
		}, writeLabelStudio, readLabelStudio},
		{FormatInfo{
			Name: "doccano", Label: "doccano JSONL (.jsonl)", Offsets: unitUTF16, CanRead: true,
			Keeps: "spans with labels (entities) and attributions (relations); ids, speakers, forms, checkworthy and notes in the line's meta",
			Loses: "without the meta (which doccano keeps but does not show): ids, speaker names not written as a mention, forms, checkworthy, notes, annotator, times; " + orphansLost,
		}, writeDoccano, readDoccano},
	}
}

// ExportFormats lists the formats, quotemark's own first.
func ExportFormats() []FormatInfo {
	var out []FormatInfo
	for _, f := range formatTable() {
		out = append(out, f.info)
	}
	return out
}

func findFormat(name string) (formatImpl, bool) {
	for _, f := range formatTable() {
		if f.info.Name == name {
			return f, true
		}
	}
	return formatImpl{}, false
}

func formatNames() string {
	var names []string
	for _, f := range formatTable() {
		names = append(names, f.info.Name)
	}
	return strings.Join(names, ", ")
}

// Export writes sets of one article in a format. Every set must be bound to
// art's text (the same sha256); art gives the text that brat's .txt, JSONL,
// Label Studio and doccano carry and that doccano's UTF-16 offsets count in.
// Orphans are not exported, in any format: the caller says how many were
// left out. brat gives the .ann, the article's .txt and an annotation.conf;
// W3C and quotemark JSON give one file per set; the others one file.
func Export(format string, art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	f, ok := findFormat(format)
	if !ok {
		return nil, fmt.Errorf("unknown export format %q (known: %s)", format, formatNames())
	}
	if art == nil {
		return nil, fmt.Errorf("%s export: the article's text is needed", f.info.Label)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%s export: no set to export", f.info.Label)
	}
	for _, s := range sets {
		if s.Article.SHA256 != art.SHA256 {
			return nil, fmt.Errorf("%s export: set %s (%s) was made on another version of article %q (sha256 %.12s…, the text is %.12s…); import it onto this text first",
				f.info.Label, s.ID, annotations.AnnotatorLabel(s.Annotator), s.Article.ID, s.Article.SHA256, art.SHA256)
		}
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("%s export: set %s: %w", f.info.Label, s.ID, err)
		}
	}
	return f.write(art, sets)
}

// ImportError is input a format's reader refuses: the format, the place in
// the file (line, record, field) and what is wrong.
type ImportError struct {
	Format string // the format's label
	Place  string // e.g. "line 3", "row 5, column start", "first.items[2].target"
	Msg    string
}

func (e *ImportError) Error() string {
	if e.Place == "" {
		return e.Format + ": " + e.Msg
	}
	return e.Format + ": " + e.Place + ": " + e.Msg
}

func importErr(format, place, msg string, args ...any) *ImportError {
	return &ImportError{Format: format, Place: place, Msg: fmt.Sprintf(msg, args...)}
}

// ImportAny detects the format from the content (the file name is only a
// hint, for what the content cannot tell, such as an empty .ann file) and
// imports it with Import.
func ImportAny(data []byte, filename string, art *annotations.Article) (sets []*annotations.Set, format string, reports []*annotations.AnchorReport, err error) {
	format, err = DetectFormat(data, filename)
	if err != nil {
		return nil, "", nil, err
	}
	sets, reports, err = Import(format, data, art)
	return sets, format, reports, err
}

// Import reads a file in the named format and returns the set(s) it holds,
// bound to art: annotations whose position in the file holds their text are
// placed there; the others (a file made on another version of the text,
// another tool's UTF-16 offsets, a quote without a position) are re-anchored
// by Anchor, and those that cannot be placed are kept as orphans. A file
// that breaks a rule gives an *ImportError and no set.
func Import(format string, data []byte, art *annotations.Article) ([]*annotations.Set, []*annotations.AnchorReport, error) {
	f, ok := findFormat(format)
	if !ok || f.read == nil {
		return nil, nil, fmt.Errorf("unknown import format %q (known: %s)", format, formatNames())
	}
	if art == nil {
		return nil, nil, fmt.Errorf("%s: the article's text is needed to place the annotations", f.info.Label)
	}
	if format == "quotemark" {
		s, rep, err := annotations.ImportSet(data, art)
		if err != nil {
			return nil, nil, err
		}
		return []*annotations.Set{s}, []*annotations.AnchorReport{rep}, nil
	}
	drafts, err := f.read(data, art)
	if err != nil {
		return nil, nil, err
	}
	if len(drafts) == 0 {
		return nil, nil, importErr(f.info.Label, "", "the file holds no annotation set")
	}
	var sets []*annotations.Set
	var reports []*annotations.AnchorReport
	for _, d := range drafts {
		s, rep, err := d.bind(f.info.Label, art)
		if err != nil {
			return nil, nil, err
		}
		sets = append(sets, s)
		reports = append(reports, rep)
	}
	return sets, reports, nil
}

// DetectFormat tells a file's format from its content, using the file name
// only where the content cannot tell.
func DetectFormat(data []byte, filename string) (string, error) {
	name := strings.ToLower(filename)
	text := bytes.TrimPrefix(data, []byte("\uFEFF"))
	trimmed := bytes.TrimSpace(text)
	if len(trimmed) == 0 {
		if strings.HasSuffix(name, ".ann") {
			return "brat", nil // an empty set
		}
		return "", fmt.Errorf("%s: the file is empty", displayName(filename))
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		// A quotemark set says so in its top-level "format": read only that
		// (a scan without building the whole file as maps, the largest cost
		// of importing a big set in the browser).
		if trimmed[0] == '{' && saysQuotemark(trimmed) {
			return "quotemark", nil
		}
		var v any
		if json.Unmarshal(trimmed, &v) == nil {
			if f := detectJSON(v); f != "" {
				return f, nil
			}
		} else if line, _, _ := bytes.Cut(trimmed, []byte("\n")); json.Unmarshal(line, &v) == nil {
			if obj, ok := v.(map[string]any); ok {
				if f := detectJSONLine(obj); f != "" {
					return f, nil
				}
			}
		}
		switch {
		case strings.HasSuffix(name, ".jsonld"):
			return "w3c", nil
		case strings.Contains(name, "doccano"):
			return "doccano", nil
		case strings.Contains(name, "labelstudio") || strings.Contains(name, "label-studio"):
			return "labelstudio", nil
		case strings.HasSuffix(name, ".quotemark.json"):
			return "quotemark", nil
		case strings.HasSuffix(name, ".jsonl"):
			return "jsonl", nil
		}
		return "", fmt.Errorf("%s: JSON, but of no format quotemark reads (a quotemark set, W3C Web Annotations, spaCy/Prodigy JSONL, Label Studio tasks or doccano JSONL)", displayName(filename))
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	first = bytes.TrimSuffix(first, []byte("\r"))
	if bytes.HasPrefix(first, []byte(csvHeader[0]+",")) {
		return "csv", nil
	}
	if bratLine.Match(first) {
		return "brat", nil
	}
	switch {
	case strings.HasSuffix(name, ".csv"):
		return "csv", nil
	case strings.HasSuffix(name, ".ann"):
		return "brat", nil
	case strings.HasSuffix(name, ".jsonl"):
		return "jsonl", nil
	case strings.HasSuffix(name, ".json"):
		// A broken .json file is most likely a broken set: its reader says
		// where the JSON breaks.
		return "quotemark", nil
	}
	return "", fmt.Errorf("%s: not a format quotemark reads (JSON, JSONL, CSV with a header starting %q, or brat .ann lines)", displayName(filename), csvHeader[0])
}

func displayName(filename string) string {
	if filename == "" {
		return "the file"
	}
	return filename
}

// detectJSON recognizes a whole-file JSON document.
func detectJSON(v any) string {
	switch v := v.(type) {
	case map[string]any:
		if v["format"] == annotations.FormatName {
			return "quotemark"
		}
		if isW3CObject(v) {
			return "w3c"
		}
		if _, ok := v["data"]; ok {
			return "labelstudio"
		}
		return detectJSONLine(v)
	case []any:
		if len(v) == 0 {
			return ""
		}
		obj, _ := v[0].(map[string]any)
		if obj == nil {
			return ""
		}
		if isW3CObject(obj) {
			return "w3c"
		}
		if _, ok := obj["data"]; ok {
			return "labelstudio"
		}
	}
	return ""
}

// saysQuotemark reports whether the object in data is whole and its
// top-level "format" is the quotemark format's name.
func saysQuotemark(data []byte) bool {
	format := false
	whole := scan.Members(data, '{', func(key, value []byte) bool {
		if string(key) == `"format"` {
			v, ok := scan.PlainString(value)
			format = ok && v == annotations.FormatName
		}
		return true
	})
	return whole && format
}

// detectJSONLine recognizes one line of a JSONL file.
func detectJSONLine(obj map[string]any) string {
	switch {
	case obj["entities"] != nil || obj["start_offset"] != nil:
		return "doccano"
	case obj["spans"] != nil:
		return "jsonl"
	case obj["text"] != nil && obj["label"] != nil:
		return "doccano"
	case obj["text"] != nil:
		return "jsonl"
	}
	return ""
}

func isW3CObject(obj map[string]any) bool {
	if _, ok := obj["@context"]; ok {
		return true
	}
	if _, ok := obj["target"]; ok {
		return true
	}
	if rows, ok := obj["rows"].([]any); ok { // a Hypothesis search result
		return len(rows) == 0 || isW3CObject(asObject(rows[0]))
	}
	for _, t := range stringsOf(obj["type"]) {
		if t == "Annotation" || t == "AnnotationCollection" || t == "AnnotationPage" {
			return true
		}
	}
	return false
}

func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// stringsOf reads a JSON-LD value that may be one string or an array of them.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func writeQuotemark(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var files []ExportedFile
	slugs := setSlugs(sets)
	for i, s := range sets {
		files = append(files, ExportedFile{Name: setFileName(art, slugs[i], len(sets), "quotemark.json"), Data: annotations.Write(s), MIME: "application/json"})
	}
	return files, nil
}

func readQuotemark([]byte, *annotations.Article) ([]*draft, error) { return nil, nil } // Import calls ImportSet

// exportBase is the article's id as a file name.
func exportBase(art *annotations.Article) string {
	return annotations.ArticleIDFromFilename(art.ID)
}

// setFileName names the file of one of n sets: ARTICLE.EXT for a single
// set, ARTICLE.SLUG.EXT for several, so that they do not collide.
func setFileName(art *annotations.Article, slug string, n int, ext string) string {
	if n == 1 {
		return exportBase(art) + "." + ext
	}
	return exportBase(art) + "." + slug + "." + ext
}

// setSlugs name sets in file and folder names: the annotator and the start
// of the set's id, made unique.
func setSlugs(sets []*annotations.Set) []string {
	var slugs []string
	for _, s := range sets {
		name := "set"
		if strings.TrimSpace(s.Annotator) != "" {
			name = annotations.ArticleIDFromFilename(s.Annotator)
		}
		id := s.ID
		if len(id) > 8 {
			id = id[:8]
		}
		slugs = append(slugs, annotations.UniqueID(name+"-"+id, func(x string) bool { return slices.Contains(slugs, x) }))
	}
	return slugs
}

// nearestMention is the speaker mention a quote or claim's attribution
// points to in formats that relate spans: a mention of its speaker, the
// nearest one (ties to the earlier).
func nearestMention(s *annotations.Set, a annotations.Annotation) (annotations.Annotation, bool) {
	if a.Type == annotations.SpeakerMention || a.Speaker == "" {
		return annotations.Annotation{}, false
	}
	best, bestDist := -1, 0
	for i, m := range s.Annotations {
		if m.Type != annotations.SpeakerMention || m.Speaker != a.Speaker {
			continue
		}
		dist := max(m.Start-a.End, a.Start-m.End, 0)
		if best < 0 || dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return annotations.Annotation{}, false
	}
	return s.Annotations[best], true
}

// typeLabels are the span labels of brat, JSONL, Label Studio and doccano.
var typeLabels = map[annotations.Type]string{annotations.Quote: "Quote", annotations.SpeakerMention: "Speaker", annotations.Claim: "Claim"}

// typeFromLabel reads a span label case-insensitively, with the synonyms
// other tools' projects use.
func typeFromLabel(label string) (annotations.Type, bool) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "quote", "quotation":
		return annotations.Quote, true
	case "speaker", "mention", "speaker mention", "source", "person":
		return annotations.SpeakerMention, true
	case "claim":
		return annotations.Claim, true
	}
	return "", false
}

// attributionLabel is the relation label of an attribution.
const attributionLabel = "attribution"

func formFromString(s string) (annotations.Form, bool) {
	f := annotations.Form(strings.ToLower(strings.TrimSpace(s)))
	return f, slices.Contains(annotations.Forms, f)
}

// draft is a set as a reader decoded it, before it is placed on the article.
type draft struct {
	set *annotations.Set
	// source, when the file carries its own text, is that text: the
	// offsets count in it. nil when they count in the article's.
	source *annotations.Article
	// unplaced marks annotations whose position cannot be trusted: none in
	// the file, or one that another tool counted in other units; Anchor
	// places them by their text and context.
	unplaced map[string]bool
	// places names each annotation's place in the file, for errors.
	places map[string]string
	book   *speakerBook
}

func newDraft(setID string) *draft {
	s := &annotations.Set{ID: setID, Speakers: []annotations.Speaker{}, Annotations: []annotations.Annotation{}}
	return &draft{set: s, unplaced: map[string]bool{}, places: map[string]string{}, book: newSpeakerBook(s)}
}

// add appends an annotation, refusing a second one with the same id.
func (d *draft) add(format, place string, a annotations.Annotation) error {
	if prev, dup := d.places[a.ID]; dup {
		return importErr(format, place, "annotation id %s is used twice (also at %s)", a.ID, prev)
	}
	d.places[a.ID] = place
	d.set.Annotations = append(d.set.Annotations, a)
	return nil
}

// bind places the draft on the article and checks the result.
func (d *draft) bind(format string, art *annotations.Article) (*annotations.Set, *annotations.AnchorReport, error) {
	s := d.set
	if s.Created.IsZero() {
		s.Created = time.Now().UTC().Truncate(time.Second)
	}
	if s.Modified.IsZero() || s.Modified.Before(s.Created) {
		s.Modified = s.Created
	}
	trusted := true
	if d.source != nil {
		// Offsets count in the file's own text: take exact and context from
		// it; Anchor then checks them against the article, or re-anchors
		// when the file's text is another version.
		for i := range s.Annotations {
			a := &s.Annotations[i]
			span, err := d.source.Span(a.Start, a.End)
			if err != nil {
				return nil, nil, importErr(format, d.places[a.ID], "%v of the file's text", err)
			}
			if a.Exact != "" && a.Exact != span.Exact {
				return nil, nil, importErr(format, d.places[a.ID], "its text %q is not the file's text at %d–%d, which is %q", annotations.Clip(a.Exact, 40), a.Start, a.End, annotations.Clip(span.Exact, 40))
			}
			a.Exact, a.Prefix, a.Suffix = span.Exact, span.Prefix, span.Suffix
			if d.source.SHA256 != art.SHA256 { // the file's text may not be normalized
				a.Exact, a.Prefix, a.Suffix = normalizeQuote(a.Exact, a.Prefix, a.Suffix)
			}
		}
		s.Article = annotations.ArticleRef{ID: art.ID, Title: art.Title, SHA256: d.source.SHA256, Length: d.source.Length}
	} else {
		o := art.Offsets()
		for i := range s.Annotations {
			a := &s.Annotations[i]
			if d.unplaced[a.ID] {
				trusted = false
				continue
			}
			if a.Exact == "" { // a position alone: trust it
				span, err := art.Span(a.Start, a.End)
				if err != nil {
					return nil, nil, importErr(format, d.places[a.ID], "%v", err)
				}
				*a = withSpan(*a, span)
				continue
			}
			if a.Start >= 0 && a.End <= o.Len() && a.Start < a.End && o.Slice(a.Start, a.End) == a.Exact {
				span, _ := art.Span(a.Start, a.End)
				if (a.Prefix == "" || a.Prefix == span.Prefix) && (a.Suffix == "" || a.Suffix == span.Suffix) {
					*a = withSpan(*a, span)
					continue
				}
			}
			trusted = false
			d.unplaced[a.ID] = true
		}
		s.Article = art.Ref()
		if !trusted {
			// Re-anchor: Anchor keeps what still holds at its position
			// and searches for the rest by text and context.
			s.Article.SHA256 = ""
			for i := range s.Annotations {
				a := &s.Annotations[i]
				if d.unplaced[a.ID] && (a.Start < 0 || a.End-a.Start != utf8.RuneCountInString(a.Exact)) {
					a.Start, a.End = 0, utf8.RuneCountInString(a.Exact)
				}
			}
		}
	}
	for _, a := range s.Annotations {
		if a.Exact == "" {
			return nil, nil, importErr(format, d.places[a.ID], "the annotation has no text and no position")
		}
	}
	rep, err := s.Anchor(art)
	if err != nil {
		return nil, nil, &ImportError{Format: format, Msg: err.Error()}
	}
	s.Article = art.Ref()
	if err := s.Validate(); err != nil {
		return nil, nil, &ImportError{Format: format, Msg: "the set it holds breaks a rule: " + err.Error()}
	}
	s.Sort()
	return s, rep, nil
}

func withSpan(a, span annotations.Annotation) annotations.Annotation {
	a.Start, a.End, a.Exact, a.Prefix, a.Suffix = span.Start, span.End, span.Exact, span.Prefix, span.Suffix
	return a
}

// normalizeQuote brings a quote or its context from another tool to the
// article's normalization (LF line ends, NFC) and to at most ContextLen code
// points of context, the part next to the quote.
func normalizeQuote(exact, prefix, suffix string) (string, string, string) {
	n := func(s string) string {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		out, _ := annotations.Normalize([]byte(s))
		return out
	}
	exact, prefix, suffix = n(exact), n(prefix), n(suffix)
	if r := []rune(prefix); len(r) > annotations.ContextLen {
		prefix = string(r[len(r)-annotations.ContextLen:])
	}
	if r := []rune(suffix); len(r) > annotations.ContextLen {
		suffix = string(r[:annotations.ContextLen])
	}
	return exact, prefix, suffix
}

// speakerBook rebuilds speakers by name for formats that keep only names.
// Ids are derived from the set's id and the name, so importing the same
// file twice gives the same ids.
type speakerBook struct {
	set    *annotations.Set
	byName map[string]string
}

func newSpeakerBook(s *annotations.Set) *speakerBook {
	return &speakerBook{set: s, byName: map[string]string{}}
}

// byNameID returns the id of the speaker with this name, adding one.
func (b *speakerBook) byNameID(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return ""
	}
	key := annotations.FoldName(name)
	if key == "" {
		key = name
	}
	if id, ok := b.byName[key]; ok {
		return id
	}
	ns, err := uuid.Parse(b.set.ID)
	if err != nil {
		ns = uuid.NameSpaceOID
	}
	id := uuid.NewSHA1(ns, []byte("speaker:"+key)).String()
	for b.set.SpeakerPos(id) >= 0 { // taken by a speaker with its own id
		id = uuid.NewSHA1(ns, []byte(id)).String()
	}
	b.set.Speakers = append(b.set.Speakers, annotations.Speaker{ID: id, Name: name})
	b.byName[key] = id
	return id
}

// withID adds a speaker the file gives with its id, refusing one id with two
// names.
func (b *speakerBook) withID(format, place, id, name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if i := b.set.SpeakerPos(id); i >= 0 {
		if name != "" && b.set.Speakers[i].Name != name {
			return "", importErr(format, place, "speaker %s is named both %q and %q", id, b.set.Speakers[i].Name, name)
		}
		return id, nil
	}
	if name == "" {
		return "", importErr(format, place, "speaker %s has no name", id)
	}
	b.set.Speakers = append(b.set.Speakers, annotations.Speaker{ID: id, Name: name})
	if key := annotations.FoldName(name); key != "" {
		if _, ok := b.byName[key]; !ok {
			b.byName[key] = id
		}
	}
	return id, nil
}

// idFrom turns an id from a file into a UUID: a UUID (bare or as
// urn:uuid:) stays; anything else gives a UUID derived from it, the same
// every time; an empty one a new UUID.
func idFrom(raw string) string {
	raw = strings.TrimSpace(raw)
	if s, ok := strings.CutPrefix(strings.ToLower(raw), "urn:uuid:"); ok && annotations.IsUUID(s) {
		return strings.ToLower(s)
	}
	if annotations.IsUUID(raw) {
		return strings.ToLower(raw)
	}
	if raw == "" {
		return annotations.NewID()
	}
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte(raw)).String()
}

// parseTime reads a timestamp in RFC 3339 (any offset, turned to UTC).
func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// marshalJSON encodes v with two-space indentation, without HTML escaping.
func marshalJSON(v any, indent bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		panic(err) // only plain data is encoded
	}
	return buf.Bytes()
}

// decodeJSON decodes one JSON value strictly (numbers as json.Number), or
// says where it is malformed.
func decodeJSON(format, place string, data []byte) (any, error) {
	if err := annotations.CheckJSONSyntax(data); err != nil {
		return nil, importErr(format, place, "%v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, importErr(format, place, "not valid JSON: %v", err)
	}
	return v, nil
}

// jsonLines splits a JSONL file into its non-blank lines with their numbers.
func jsonLines(data []byte) (lines [][]byte, numbers []int) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		lines = append(lines, line)
		numbers = append(numbers, i+1)
	}
	return lines, numbers
}

// fields reads typed values out of a decoded JSON object, naming the place
// of what is wrong.
type fields struct {
	format, place string
	obj           map[string]any
}

func fieldsOf(format, place string, v any) (*fields, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, importErr(format, place, "must be a JSON object, not %s", jsonKind(v))
	}
	return &fields{format, place, obj}, nil
}

func (f *fields) sub(k string) string {
	if f.place == "" {
		return k
	}
	return f.place + "." + k
}

func (f *fields) has(k string) bool {
	v, ok := f.obj[k]
	return ok && v != nil
}

func (f *fields) str(k string, required bool) (string, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return "", importErr(f.format, f.sub(k), "is missing")
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", importErr(f.format, f.sub(k), "must be a string, not %s", jsonKind(v))
	}
	return s, nil
}

func (f *fields) integer(k string, required bool) (int, bool, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return 0, false, importErr(f.format, f.sub(k), "is missing")
		}
		return 0, false, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, false, importErr(f.format, f.sub(k), "must be a whole number, not %s", jsonKind(v))
	}
	i, err := n.Int64()
	if err != nil || i < 0 || i > 1<<40 {
		return 0, false, importErr(f.format, f.sub(k), "must be a whole number of at least 0, not %s", n)
	}
	return int(i), true, nil
}

func (f *fields) boolean(k string) (bool, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, importErr(f.format, f.sub(k), "must be true or false, not %s", jsonKind(v))
	}
	return b, nil
}

func (f *fields) array(k string, required bool) ([]any, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return nil, importErr(f.format, f.sub(k), "is missing")
		}
		return nil, nil
	}
	a, ok := v.([]any)
	if !ok {
		return nil, importErr(f.format, f.sub(k), "must be an array, not %s", jsonKind(v))
	}
	return a, nil
}

func (f *fields) object(k string) (*fields, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		return &fields{f.format, f.sub(k), map[string]any{}}, nil
	}
	return fieldsOf(f.format, f.sub(k), v)
}

func (f *fields) time(k string) (time.Time, error) {
	s, err := f.str(k, false)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, ok := parseTime(s)
	if !ok {
		return time.Time{}, importErr(f.format, f.sub(k), "%q is not an RFC 3339 timestamp", s)
	}
	return t, nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
