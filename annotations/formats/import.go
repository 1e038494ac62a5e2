package formats

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"quotemark/annotations"

	"github.com/google/uuid"
)

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

// Imported is what ImportWith read: the sets, how each was placed, and
// what became of the file's labels.
type Imported struct {
	Sets    []*annotations.Set
	Reports []*annotations.AnchorReport
	// Labels lists every span label met, in the order met, with its count
	// and target (brat's event triggers are not spans and are not listed).
	Labels []LabelCount
	// Split counts the discontinuous spans made into an annotation a
	// fragment; Fragments the annotations they gave.
	Split, Fragments int
	// Pronouns counts the speaker mentions that are a pronoun; with
	// PronounsDrop they are left out and their quotes unattributed.
	Pronouns int
	// Conflicts counts the relations left out because their quote or
	// claim was attributed to another mention already (it keeps the first).
	Conflicts int
	// Trimmed counts the quotes whose quotation marks TrimMarks took off.
	Trimmed int
	// Relations lists the relation and event names met (in an import that
	// maps labels), in the order met, with their counts.
	Relations []RelationCount
}

// ImportWith is Import for a file whose labels are its project's own: it
// reads them through opts.Labels (and the names' proposals), reads brat's
// events and any relation between a quote and a mention as an attribution,
// and splits brat's discontinuous spans. A label neither maps gives an
// *UnmappedLabelsError listing every label, and no set.
func ImportWith(format string, data []byte, art *annotations.Article, opts ImportOptions) (*Imported, error) {
	return importFormat(format, data, art, &opts)
}

// Import reads a file in the named format and returns the set(s) it holds,
// bound to art: annotations whose position in the file holds their text are
// placed there; the others (a file made on another version of the text,
// another tool's UTF-16 offsets, a quote without a position) are re-anchored
// by Anchor, and those that cannot be placed are kept as orphans. A file
// that breaks a rule gives an *ImportError and no set.
func Import(format string, data []byte, art *annotations.Article) ([]*annotations.Set, []*annotations.AnchorReport, error) {
	imp, err := importFormat(format, data, art, nil)
	if err != nil {
		return nil, nil, err
	}
	return imp.Sets, imp.Reports, nil
}

// importFormat imports with opts, or, when opts is nil, as Import: the
// labels Quote, Speaker and Claim only and the attribution relations only.
func importFormat(format string, data []byte, art *annotations.Article, opts *ImportOptions) (*Imported, error) {
	f, ok := findFormat(format)
	if !ok || f.read == nil {
		return nil, fmt.Errorf("unknown import format %q (known: %s)", format, formatNames())
	}
	if art == nil {
		return nil, fmt.Errorf("%s: the article's text is needed to place the annotations", f.info.Label)
	}
	if format == "quotemark" {
		s, rep, err := annotations.ImportSet(data, art)
		if err != nil {
			return nil, err
		}
		return &Imported{Sets: []*annotations.Set{s}, Reports: []*annotations.AnchorReport{rep}}, nil
	}
	if err := annotations.CheckImportSize(len(data)); err != nil {
		return nil, &ImportError{Format: f.info.Label, Msg: err.Error()}
	}
	in := &intake{art: art, label: f.info.Label, opts: opts}
	if opts != nil {
		in.tally.opts = opts
	}
	drafts, err := f.read(data, in)
	if err != nil {
		return nil, err
	}
	imp := &Imported{Labels: in.tally.table(), Relations: in.relations.order, Split: in.split, Fragments: in.fragments, Pronouns: in.pronouns, Conflicts: in.conflicts}
	if HasUnmapped(imp.Labels) {
		return nil, &UnmappedLabelsError{Format: f.info.Label, Labels: imp.Labels, Relations: imp.Relations}
	}
	if len(drafts) == 0 {
		return nil, importErr(f.info.Label, "", "the file holds no annotation set")
	}
	for _, d := range drafts {
		s, rep, err := d.bind(f.info.Label, art)
		if err != nil {
			return nil, err
		}
		if opts != nil && opts.TrimMarks {
			n, err := trimQuoteMarks(s, art)
			if err != nil {
				return nil, importErr(f.info.Label, "", "taking quotation marks off quotes: %v", err)
			}
			imp.Trimmed += n
		}
		imp.Sets = append(imp.Sets, s)
		imp.Reports = append(imp.Reports, rep)
	}
	return imp, nil
}

// intake is one import's reading: the article, and what the file has
// given so far, counted against the limits, so that a reader refuses what
// is over one before building it.
type intake struct {
	art   *annotations.Article
	label string // the reader's, for errors
	// opts, when the import maps labels (ImportWith); nil for Import.
	opts      *ImportOptions
	tally     labelTally
	relations relationTally // ImportWith: the relation and event names met
	// split and fragments count the discontinuous spans split and the
	// annotations they gave; pronouns the pronoun mentions.
	split, fragments, pronouns int
	// conflicts counts relations that would attribute an annotation
	// attributed already to another mention.
	conflicts int
	// what the file has given, all its sets together
	annotations, speakers, sets int
	// texts are the texts the file carries other than the article's, each
	// read once however many records carry it; textBytes is their size.
	texts     map[string]*annotations.Article
	textBytes int
}

// newDraft starts a set at place, refusing one over MaxSets.
func (in *intake) newDraft(place, setID string) (*draft, error) {
	if in.sets == annotations.MaxSets {
		return nil, importErr(in.label, place, "the file holds more than %d sets, the limit (MaxSets)", annotations.MaxSets)
	}
	in.sets++
	d := newDraft(setID)
	d.in = in
	return d, nil
}

// sourceText is the text a line or task carries at place, as an article to
// take spans from: the article itself when it is the article's text.
func (in *intake) sourceText(place, text string) (*annotations.Article, error) {
	if text == "" {
		return nil, importErr(in.label, place, "the text is empty")
	}
	if len(text) > annotations.MaxTextBytes {
		return nil, importErr(in.label, place, "the text is %d bytes, over the limit of %d (MaxTextBytes)", len(text), annotations.MaxTextBytes)
	}
	if text == in.art.Text {
		return in.art, nil
	}
	if src, ok := in.texts[text]; ok {
		return src, nil
	}
	// Each text other than the article's costs an index of 8 bytes a code
	// point; a file of many would cost many times its size.
	if in.textBytes+len(text) > annotations.MaxTextBytes {
		return nil, importErr(in.label, place, "the texts the file carries other than the article's come to more than %d bytes, the limit (MaxTextBytes); a file holds the sets of one article", annotations.MaxTextBytes)
	}
	in.textBytes += len(text)
	if in.texts == nil {
		in.texts = map[string]*annotations.Article{}
	}
	src := annotations.ArticleFromText(in.art.ID, text)
	in.texts[text] = src
	return src, nil
}

// draft is a set as a reader decoded it, before it is placed on the article.
type draft struct {
	in  *intake        // counts what it adds against the limits
	pos map[string]int // annotation id → index in set.Annotations
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
	// listed finds Label Studio's listed speakers by name.
	listed map[string]string
	// left are the ids of spans left out (ImportWith: a label mapped to
	// -, or unmapped): relations and fields naming them are left out too.
	left map[string]bool
	// readAs is what each span's label made it (ImportWith), for joining
	// pieces of one span only under one label; joined groups the pieces
	// (pieces.go).
	readAs map[string]LabelTarget
	joined map[string]string
}

func newDraft(setID string) *draft {
	s := &annotations.Set{ID: setID, Speakers: []annotations.Speaker{}, Annotations: []annotations.Annotation{}}
	return &draft{set: s, unplaced: map[string]bool{}, places: map[string]string{}, pos: map[string]int{}, book: newSpeakerBook(s)}
}

// add appends an annotation, refusing a second one with the same id and
// one over MaxAnnotations.
func (d *draft) add(format, place string, a annotations.Annotation) error {
	if prev, dup := d.places[a.ID]; dup {
		return importErr(format, place, "annotation id %s is used twice (also at %s)", a.ID, prev)
	}
	if d.in.annotations == annotations.MaxAnnotations {
		return importErr(format, place, "the file holds more than %d annotations, the limit (MaxAnnotations)", annotations.MaxAnnotations)
	}
	d.in.annotations++
	if d.in.opts != nil {
		if d.readAs == nil {
			d.readAs = map[string]LabelTarget{}
		}
		d.readAs[a.ID] = LabelTarget{Type: a.Type, Form: a.Form}
	}
	d.places[a.ID] = place
	d.pos[a.ID] = len(d.set.Annotations)
	d.set.Annotations = append(d.set.Annotations, a)
	return nil
}

// annotation is the annotation with id, nil when there is none: a map, as
// the draft's set has no index and a file of many relations would search it
// once per relation.
func (d *draft) annotation(id string) *annotations.Annotation {
	i, ok := d.pos[id]
	if !ok {
		return nil
	}
	return &d.set.Annotations[i]
}

// renumber gives the annotation with id the id newID.
func (d *draft) renumber(id, newID string) {
	i := d.pos[id]
	delete(d.pos, id)
	d.pos[newID] = i
	d.places[newID] = d.places[id]
	if newID != id {
		delete(d.places, id)
	}
	d.set.Annotations[i].ID = newID
	if as, ok := d.readAs[id]; ok {
		delete(d.readAs, id)
		d.readAs[newID] = as
	}
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
