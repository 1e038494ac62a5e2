package formats

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"quotemark/annotations"
	"quotemark/annotations/internal/scan"
)

// brat standoff (https://brat.nlplab.org/standoff.html): an .ann file
// beside the article's .txt. Offsets count code points of the .txt (brat
// reads it as Python text), and the .txt quotemark writes is the article's
// normalized text, so they are the format's offsets unchanged.
//
//	T1	Quote 120 187	We will not close the clinic
//	T2	Speaker 12 20;21 30	Zoë Ångström      (a span across a line break is two fragments)
//	R1	Attribution Arg1:T1 Arg2:T2            (a quote or claim attributed to a speaker with a mention)
//	#1	AnnotatorNotes T3	speaker: Dr. Lee   (attributed to a speaker without a mention)
//	#2	AnnotatorNotes T2	speaker: Mayor Zoë Ångström  (a mention whose text is not the speaker's name)
//	A1	Form T1 direct
//	A2	Checkworthy T4
//	#3	AnnotatorNotes T1	a note, with \n for a line break, \t for a tab and \\ for a backslash
//
// Reading rebuilds speakers by name. The export adds an annotation.conf
// declaring these types for brat and a visual.conf giving them quotemark's
// colours (brat_archive.go), and ExportZip packs the four as one zip.

const bratLabel = "brat standoff"

// bratConf declares quotemark's types to brat.
const bratConf = `# quotemark's annotation types for brat
[entities]
Quote
Speaker
Claim

[relations]
Attribution	Arg1:Quote|Claim, Arg2:Speaker
<OVERLAP>	Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
Form	Arg:Quote, Value:direct|indirect|mixed
Checkworthy	Arg:Claim
`

const bratSpeakerNote = "speaker: "

var bratLine = regexp.MustCompile(`^(T|R|A|M|E|N|#)[0-9]+\t|^\*\t`)

func writeBrat(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var files []ExportedFile
	slugs := setSlugs(sets)
	for i, s := range sets {
		dir := ""
		if len(sets) > 1 {
			dir = slugs[i] + "/"
		}
		base := dir + exportBase(art)
		ann, err := bratAnn(art, s)
		if err != nil {
			return nil, fmt.Errorf("%s export: %w", bratLabel, err)
		}
		files = append(files,
			ExportedFile{Name: base + ".ann", Data: ann, MIME: "text/plain; charset=utf-8"},
			ExportedFile{Name: base + ".txt", Data: []byte(art.Text), MIME: "text/plain; charset=utf-8"},
			ExportedFile{Name: dir + "annotation.conf", Data: []byte(bratConf), MIME: "text/plain; charset=utf-8"},
			ExportedFile{Name: dir + "visual.conf", Data: []byte(bratVisualConf), MIME: "text/plain; charset=utf-8"},
		)
	}
	return files, nil
}

func bratAnn(art *annotations.Article, s *annotations.Set) ([]byte, error) {
	c := s.Clone()
	c.Sort()
	o := art.Offsets()
	tid := map[string]int{}
	for i, a := range c.Annotations {
		tid[a.ID] = i + 1
	}
	var b, rels strings.Builder
	nA, nR, nNote := 0, 0, 0
	note := func(t int, text string) {
		nNote++
		fmt.Fprintf(&b, "#%d\tAnnotatorNotes T%d\t%s\n", nNote, t, text)
	}
	for _, a := range c.Annotations {
		t := tid[a.ID]
		var frags, texts []string
		spans, ok := bratFragments(o, a.Start, a.End)
		if !ok {
			return nil, fmt.Errorf("the %s at %d–%d is only line breaks, which a brat span cannot hold", a.Type, a.Start, a.End)
		}
		for _, f := range spans {
			frags = append(frags, fmt.Sprintf("%d %d", f[0], f[1]))
			texts = append(texts, o.Slice(f[0], f[1]))
		}
		fmt.Fprintf(&b, "T%d\t%s %s\t%s\n", t, typeLabels[a.Type], strings.Join(frags, ";"), strings.Join(texts, " "))
		switch a.Type {
		case annotations.Quote:
			nA++
			form := a.Form
			if form == "" {
				form = annotations.Direct
			}
			fmt.Fprintf(&b, "A%d\tForm T%d %s\n", nA, t, form)
		case annotations.Claim:
			if a.Checkworthy {
				nA++
				fmt.Fprintf(&b, "A%d\tCheckworthy T%d\n", nA, t)
			}
		}
		if a.Speaker != "" {
			name := c.SpeakerName(a.Speaker)
			if m, ok := nearestMention(c, a); ok {
				nR++
				fmt.Fprintf(&rels, "R%d\tAttribution Arg1:T%d Arg2:T%d\n", nR, t, tid[m.ID])
			} else if a.Type != annotations.SpeakerMention || name != strings.Join(strings.Fields(a.Exact), " ") {
				note(t, bratSpeakerNote+bratEscaper.Replace(name))
			}
		}
		if a.Note != "" {
			note(t, bratEscape(a.Note))
		}
	}
	b.WriteString(rels.String())
	return []byte(b.String()), nil
}

// bratFragments splits a span at line breaks, which a brat fragment cannot
// hold. A line break is any of those brat's reader (Python's splitlines)
// ends a line at, not only LF. ok is false for a span of line breaks only,
// which brat cannot hold at all.
func bratFragments(o *annotations.Offsets, start, end int) (frags [][2]int, ok bool) {
	from := start
	for i := start; i < end; i++ {
		if isBratLineBreak(o.RuneAt(i)) {
			if i > from {
				frags = append(frags, [2]int{from, i})
			}
			from = i + 1
		}
	}
	if end > from {
		frags = append(frags, [2]int{from, end})
	}
	return frags, len(frags) > 0
}

// isBratLineBreak is whether brat's reader ends a line at r: Python's
// str.splitlines splits at these.
func isBratLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

var bratEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`,
	"\v", `\u000b`, "\f", `\u000c`, "\x1c", `\u001c`, "\x1d", `\u001d`, "\x1e", `\u001e`,
	"\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

// bratEscape makes a note one line. A note that would read as a speaker
// note starts with \s instead of its s.
func bratEscape(s string) string {
	s = bratEscaper.Replace(s)
	if strings.HasPrefix(s, bratSpeakerNote) {
		s = `\s` + s[1:]
	}
	return s
}

// bratUnescapeTo writes s unescaped to b.
func bratUnescapeTo(b *strings.Builder, s string) {
	if !strings.Contains(s, `\`) {
		b.WriteString(s)
		return
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		case 's':
			b.WriteByte('s')
		case 'u':
			if r, err := strconv.ParseUint(s[i+1:min(i+5, len(s))], 16, 32); err == nil && i+5 <= len(s) {
				b.WriteRune(rune(r))
				i += 4
				continue
			}
			b.WriteString(`\u`)
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
}

type bratSpan struct {
	line        int
	ann         annotations.Annotation
	speakerName string          // from a "speaker: " note
	notes       strings.Builder // joined as they come: a list costs a header a note
	nNotes      int
	rel         string // the T id of its attribution
	relLine     int
	// frags, when the span is split (ImportWith), are its fragments, each
	// to be an annotation of its own.
	frags [][2]int
}

func readBrat(data []byte, in *intake) ([]*draft, error) {
	in.label = bratLabel
	text := bytes.TrimPrefix(data, []byte("\uFEFF"))
	if i := scan.InvalidUTF8At(text); i >= 0 {
		line, _ := scan.LineCol(text, i)
		return nil, importErr(bratLabel, fmt.Sprintf("line %d", line), "the file is not UTF-8: invalid byte 0x%02x at byte %d", text[i], i)
	}
	d, err := in.newDraft("", annotations.NewID())
	if err != nil {
		return nil, err
	}
	r := &bratReader{o: in.art.Offsets(), spans: map[string]*bratSpan{}, in: in, mapped: in.opts != nil}
	if r.mapped {
		r.left = map[string]bool{}
		if err := r.readTriggers(text); err != nil {
			return nil, err
		}
	}
	if err := r.readLines(text); err != nil {
		return nil, err
	}
	if err := r.addSpans(d); err != nil {
		return nil, err
	}
	return []*draft{d}, nil
}

// bratReader reads an .ann file: its T lines first, then the lines that
// refer to them.
type bratReader struct {
	o     *annotations.Offsets // of the article's text
	spans map[string]*bratSpan // by T id
	order []string             // T ids in the file's order
	in    *intake
	// mapped: the import maps labels (ImportWith), reads events and reads
	// any relation between a quote or claim and a mention as attribution.
	mapped bool
	// triggers are the T lines used as an event's trigger: no spans.
	triggers map[string]bool
	// left are the T lines whose spans are left out (a trigger, a label
	// mapped to -, a dropped pronoun, an unmapped label): lines that refer
	// to them are left out too.
	left map[string]bool
}

// readTriggers finds the T lines used as events' triggers ("E1\tName:T4
// Role:T3 …"), which the T lines' pass must know.
func (r *bratReader) readTriggers(text []byte) error {
	r.triggers = map[string]bool{}
	return bratLines(text, true, func(n int, line []byte) error {
		if line[0] != 'E' {
			return nil
		}
		_, rest, _ := strings.Cut(string(line), "\t")
		f, nf := bratFields(rest)
		_, trigger, ok := strings.Cut(f[0], ":")
		if nf == 0 || !ok || trigger == "" {
			return importErr(bratLabel, fmt.Sprintf("line %d", n), "%q is not an event, TYPE:T… [ROLE:T…]…", annotations.Clip(rest, 80))
		}
		r.triggers[trigger] = true
		return nil
	})
}

// bratLater is an R, A, M or # line, read once every T line is known.
type bratLater struct {
	line     int
	id, rest string
}

// readLines reads the T lines, checking every line's form, then the lines
// that refer to them: two passes over the text, as a list of the later
// lines would cost some fifty bytes for each, ten times a line "#1\tx".
// Only the lines a pass reads become strings, so that the file is not
// copied whole.
func (r *bratReader) readLines(text []byte) error {
	err := bratLines(text, r.mapped, func(n int, line []byte) error {
		if line[0] != 'T' {
			return nil
		}
		id, rest, _ := strings.Cut(string(line), "\t")
		return r.readSpan(n, fmt.Sprintf("line %d", n), id, rest)
	})
	if err != nil {
		return err
	}
	return bratLines(text, r.mapped, func(n int, line []byte) error {
		if line[0] == 'T' {
			return nil
		}
		id, rest, _ := strings.Cut(string(line), "\t")
		return r.readLater(bratLater{n, id, rest})
	})
}

// bratLines calls fn with each annotation line and its number, refusing a
// line that is not one, or is over MaxLineBytes; E lines only with events.
func bratLines(text []byte, events bool, fn func(n int, line []byte) error) error {
	return nonBlankLines(bratLabel, text, func(n int, line []byte) error {
		id, _, ok := bytes.Cut(line, []byte("\t"))
		if !ok || !bratLine.Match(line) {
			return importErr(bratLabel, fmt.Sprintf("line %d", n), "%q is not a brat annotation line (an id such as T1, R1, A1 or #1, then a tab)", annotations.Clip(string(line), 40))
		}
		switch {
		case bytes.IndexByte([]byte("TRAM#"), id[0]) >= 0, events && id[0] == 'E':
		default:
			return importErr(bratLabel, fmt.Sprintf("line %d", n), "%s: %s lines have no place in a quotemark set (it has spans, attributions, attributes and notes)",
				id, map[byte]string{'E': "event", 'N': "normalization", '*': "equivalence"}[id[0]])
		}
		return fn(n, line)
	})
}

// readSpan reads the T line numbered n.
func (r *bratReader) readSpan(n int, place, id, rest string) error {
	head, spanText, ok := strings.Cut(rest, "\t")
	if !ok {
		return importErr(bratLabel, place, "%s: no tab before the span's text", id)
	}
	label, offsets, _ := strings.Cut(head, " ")
	var target LabelTarget
	if r.mapped {
		if _, dup := r.spans[id]; dup || r.left[id] {
			return importErr(bratLabel, place, "%s is defined twice", id)
		}
		if r.triggers[id] { // an event's trigger: no span, and no label to map
			r.left[id] = true
			return nil
		}
		var keep bool
		if target, keep = r.in.spanLabel(label); !keep {
			r.left[id] = true
			return nil
		}
	} else {
		typ, ok := typeFromLabel(label)
		if !ok {
			return importErr(bratLabel, place, "%s: label %q is not Quote, Speaker or Claim", id, label)
		}
		target.Type = typ
	}
	typ := target.Type
	start, end, exact, err := bratOffsets(r.o, place, id, offsets, spanText)
	if err != nil {
		return err
	}
	if _, dup := r.spans[id]; dup {
		return importErr(bratLabel, place, "%s is defined twice", id)
	}
	if len(r.order) == annotations.MaxAnnotations {
		return importErr(bratLabel, place, "the file holds more than %d annotations, the limit (MaxAnnotations)", annotations.MaxAnnotations)
	}
	a := annotations.Annotation{ID: annotations.NewID(), Type: typ, Form: target.Form, Start: start, End: end, Exact: exact}
	sp := &bratSpan{line: n, ann: a}
	if r.mapped && exact == r.o.Slice(start, end) {
		sp.frags = r.splitFragments(place, id, offsets)
	}
	r.spans[id] = sp
	r.order = append(r.order, id)
	return nil
}

// splitFragments is a discontinuous span's fragments when they are to be
// annotations of their own (splitPieces); nil keeps the span whole.
func (r *bratReader) splitFragments(place, id, offsets string) [][2]int {
	var frags [][2]int
	_ = bratEachFragment(place, id, offsets, func(_, s, e int) error {
		frags = append(frags, [2]int{s, e})
		return nil
	})
	return splitPieces(r.o, frags)
}

// readLater reads a line that refers to T lines.
func (r *bratReader) readLater(l bratLater) error {
	place := fmt.Sprintf("line %d", l.line)
	switch l.id[0] {
	case 'E':
		return r.readEvent(l, place)
	case 'R':
		if r.mapped {
			return r.readMappedRelation(l, place)
		}
		return r.readRelation(l, place)
	case 'A', 'M':
		return r.readAttribute(l, place)
	default: // '#'
		return r.readNote(l, place)
	}
}

// target is the span a line refers to as ref, in the role it names in errors.
func (r *bratReader) target(l bratLater, place, ref, role string) (*bratSpan, error) {
	sp, ok := r.spans[ref]
	if !ok && r.left[ref] {
		return nil, nil // left out, and what refers to it with it
	}
	if !ok {
		return nil, importErr(bratLabel, place, "%s: %s %s is not a T line of the file", l.id, role, annotations.Clip(ref, 20))
	}
	return sp, nil
}

// bratFields is strings.Fields, but stops after four fields: the parts of a
// line it splits have at most three, and a line of a million would cost a
// string header for each. n is how many it found, up to four.
func bratFields(s string) (f [4]string, n int) {
	for i := 0; i < len(s) && n < len(f); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		f[n] = s[start:i]
		n++
	}
	return f, n
}

// readRelation reads an R line, an attribution.
func (r *bratReader) readRelation(l bratLater, place string) error {
	f, nf := bratFields(l.rest)
	if nf != 3 || !strings.HasPrefix(f[1], "Arg1:") || !strings.HasPrefix(f[2], "Arg2:") {
		return importErr(bratLabel, place, "%s: %q is not TYPE Arg1:T… Arg2:T…", l.id, annotations.Clip(l.rest, 80))
	}
	if !strings.EqualFold(f[0], attributionLabel) {
		return importErr(bratLabel, place, "%s: relation %q is not Attribution, the only relation quotemark has", l.id, f[0])
	}
	from, err := r.target(l, place, f[1][5:], "Arg1")
	if err != nil {
		return err
	}
	to, err := r.target(l, place, f[2][5:], "Arg2")
	if err != nil {
		return err
	}
	if from.ann.Type == annotations.SpeakerMention || to.ann.Type != annotations.SpeakerMention {
		return importErr(bratLabel, place, "%s: an attribution goes from a Quote or Claim (Arg1) to a Speaker (Arg2), not from a %s to a %s",
			l.id, typeLabels[from.ann.Type], typeLabels[to.ann.Type])
	}
	if from.rel != "" {
		return importErr(bratLabel, place, "%s: %s is already attributed on line %d", l.id, f[1][5:], from.relLine)
	}
	from.rel, from.relLine = f[2][5:], l.line
	return nil
}

// readEvent reads an E line, "NAME:TRIGGER ROLE:T… …": an event whose
// arguments include a speaker mention attributes the quotes and claims among
// them to the first, whatever the event's and the roles' names, as a
// relation's do (attributeAmong); a line is at most MaxLineBytes, so its
// list of arguments is bounded.
func (r *bratReader) readEvent(l bratLater, place string) error {
	head, _ := bratFields(l.rest)
	name, _, _ := strings.Cut(head[0], ":")
	if !r.in.relationKept(name) {
		return nil
	}
	args := strings.Fields(l.rest)
	if len(args) > 0 {
		args = args[1:] // after NAME:TRIGGER
	}
	return r.attributeArguments(l, place, args)
}

// readMappedRelation reads an R line in an import that maps labels: a
// relation, whatever its name, between a quote or claim and a speaker
// mention (in either order) attributes the one to the other.
func (r *bratReader) readMappedRelation(l bratLater, place string) error {
	f, nf := bratFields(l.rest)
	if nf != 3 {
		return importErr(bratLabel, place, "%s: %q is not TYPE ROLE:T… ROLE:T…", l.id, annotations.Clip(l.rest, 80))
	}
	if !r.in.relationKept(f[0]) {
		return nil
	}
	return r.attributeArguments(l, place, f[1:3])
}

// attributeArguments reads an event's or relation's ROLE:T… arguments and
// attributes among the spans they name (attributeAmong); a span left out
// is skipped.
func (r *bratReader) attributeArguments(l bratLater, place string, args []string) error {
	spans := make([]*bratSpan, 0, len(args))
	ids := make([]string, 0, len(args))
	for _, arg := range args {
		role, ref, ok := strings.Cut(arg, ":")
		if !ok || role == "" {
			return importErr(bratLabel, place, "%s: argument %q is not ROLE:T…", l.id, annotations.Clip(arg, 40))
		}
		sp, err := r.target(l, place, ref, role)
		if err != nil {
			return err
		}
		if sp != nil {
			spans, ids = append(spans, sp), append(ids, ref)
		}
	}
	r.attributeAmong(l, spans, ids)
	return nil
}

// attributeAmong attributes the quotes and claims among an event's or
// relation's spans to its first speaker mention; a quote already attributed
// keeps its first attribution. Without a mention it attributes nothing.
func (r *bratReader) attributeAmong(l bratLater, spans []*bratSpan, ids []string) {
	mention := ""
	for i, sp := range spans {
		if sp.ann.Type == annotations.SpeakerMention {
			mention = ids[i]
			break
		}
	}
	if mention == "" {
		return
	}
	for _, sp := range spans {
		if sp.ann.Type != annotations.SpeakerMention {
			r.attributeTo(sp, mention, l.line)
		}
	}
}

// attributeTo attributes sp to the mention with T id mention, unless it is
// attributed already: to another mention, that is a conflict, counted.
func (r *bratReader) attributeTo(sp *bratSpan, mention string, line int) {
	switch sp.rel {
	case "":
		sp.rel, sp.relLine = mention, line
	case mention:
	default:
		r.in.conflicts++
	}
}

// readAttribute reads an A or M line: a quote's form or a claim's
// checkworthy flag.
func (r *bratReader) readAttribute(l bratLater, place string) error {
	f, nf := bratFields(l.rest)
	if nf < 2 || nf > 3 {
		return importErr(bratLabel, place, "%s: %q is not NAME T… [VALUE]", l.id, annotations.Clip(l.rest, 80))
	}
	sp, err := r.target(l, place, f[1], "target")
	if err != nil || sp == nil {
		return err
	}
	value := f[2]
	switch {
	case strings.EqualFold(f[0], "Form") && sp.ann.Type == annotations.Quote:
		form, ok := formFromString(value)
		if !ok {
			return importErr(bratLabel, place, "%s: form %q is not direct, indirect or mixed", l.id, value)
		}
		sp.ann.Form = form
	case strings.EqualFold(f[0], "Checkworthy") && sp.ann.Type == annotations.Claim:
		switch strings.ToLower(value) {
		case "", "true", "yes":
			sp.ann.Checkworthy = true
		case "false", "no":
		default:
			return importErr(bratLabel, place, "%s: Checkworthy takes no value or true/false, not %q", l.id, value)
		}
	case r.mapped: // the project's own attribute: quotemark has no place for it
	default:
		return importErr(bratLabel, place, "%s: attribute %q does not apply to a %s (Form is for quotes, Checkworthy for claims)", l.id, f[0], typeLabels[sp.ann.Type])
	}
	return nil
}

// readNote reads a # line: a speaker's name or a note.
func (r *bratReader) readNote(l bratLater, place string) error {
	kind, noteText, _ := strings.Cut(l.rest, "\t")
	f, nf := bratFields(kind)
	if nf != 2 || f[0] != "AnnotatorNotes" {
		return importErr(bratLabel, place, "%s: %q is not AnnotatorNotes T…", l.id, annotations.Clip(kind, 80))
	}
	sp, err := r.target(l, place, f[1], "target")
	if err != nil || sp == nil {
		return err
	}
	if name, ok := strings.CutPrefix(noteText, bratSpeakerNote); ok && sp.speakerName == "" && strings.TrimSpace(name) != "" {
		var b strings.Builder
		bratUnescapeTo(&b, name)
		sp.speakerName = b.String()
	} else {
		if sp.nNotes++; sp.nNotes > 1 {
			sp.notes.WriteString("\n\n")
		}
		bratUnescapeTo(&sp.notes, noteText)
	}
	return nil
}

// completeSpans fills in each span's form and note and gives each mention
// its speaker, first, so that attributions find their mentions' speakers.
func (r *bratReader) completeSpans(d *draft) error {
	for _, id := range r.order {
		sp := r.spans[id]
		a := &sp.ann
		if a.Type == annotations.Quote && a.Form == "" {
			a.Form = annotations.Direct
		}
		a.Note = sp.notes.String()
		if r.mapped && a.Type == annotations.SpeakerMention && r.in.dropPronoun(a.Exact) {
			delete(r.spans, id)
			r.left[id] = true
			continue
		}
		if a.Type == annotations.SpeakerMention {
			name := sp.speakerName
			if name == "" {
				name = a.Exact
			}
			if a.Speaker = d.book.byNameID(name); a.Speaker == "" {
				return importErr(bratLabel, fmt.Sprintf("line %d", sp.line), "%s: the speaker mention %q names no one", id, a.Exact)
			}
		}
	}
	return nil
}

// addSpans adds every span to the draft, with the speaker of its mention,
// attribution or speaker note.
func (r *bratReader) addSpans(d *draft) error {
	if err := r.completeSpans(d); err != nil {
		return err
	}
	for _, id := range r.order {
		sp := r.spans[id]
		if sp == nil { // a dropped pronoun
			continue
		}
		a := &sp.ann
		switch {
		case a.Type == annotations.SpeakerMention:
		case sp.rel != "" && r.spans[sp.rel] != nil:
			a.Speaker = r.spans[sp.rel].ann.Speaker
		case sp.speakerName != "":
			a.Speaker = d.book.byNameID(sp.speakerName)
		}
		if sp.frags != nil {
			if err := r.addFragments(d, sp, id); err != nil {
				return err
			}
			continue
		}
		if err := d.add(bratLabel, fmt.Sprintf("line %d (%s)", sp.line, id), *a); err != nil {
			return err
		}
	}
	return nil
}

// addFragments adds a split span as an annotation a fragment, each with the
// span's type, form, speaker and note.
func (r *bratReader) addFragments(d *draft, sp *bratSpan, id string) error {
	r.in.countSplit(len(sp.frags))
	for i, f := range sp.frags {
		a := sp.ann
		if i > 0 {
			a.ID = annotations.NewID()
		}
		a.Start, a.End, a.Exact = f[0], f[1], r.o.Slice(f[0], f[1])
		if err := d.add(bratLabel, fmt.Sprintf("line %d (%s, fragment %d)", sp.line, id, i+1), a); err != nil {
			return err
		}
	}
	return nil
}

// bratOffsets reads "START END[;START END]..." and returns the whole span
// and the text to anchor it by: the article's text there when the fragments
// hold the .ann's text, else the .ann's text. A span longer than the article
// is refused before anything is built for it: the gaps between its
// fragments are line breaks rebuilt into the quote.
func bratOffsets(o *annotations.Offsets, place, id, offsets, spanText string) (int, int, string, error) {
	var start, end, nFrags int
	holds := true    // so far, the fragments hold the .ann's text, joined by spaces
	rest := spanText // what of it the next fragment must hold
	err := bratEachFragment(place, id, offsets, func(i, s, e int) error {
		if i == 0 {
			start = s
		}
		end, nFrags = e, i+1
		if e-start > o.Len() {
			return importErr(bratLabel, place, "%s: the span %d–%d is %d code points, longer than the article's %d", id, start, e, e-start, o.Len())
		}
		if !holds {
			return nil
		}
		if i > 0 {
			if rest, holds = strings.CutPrefix(rest, " "); !holds {
				return nil
			}
		}
		if e > o.Len() {
			holds = false
			return nil
		}
		part := o.Slice(s, e)
		rest, holds = strings.CutPrefix(rest, part)
		return nil
	})
	if err != nil {
		return 0, 0, "", err
	}
	exact := spanText
	if holds && rest == "" {
		exact = o.Slice(start, end)
	} else if rebuilt, ok := bratRejoin(place, id, offsets, nFrags, spanText); ok {
		// Another version of the text: rebuild the quote with the line
		// breaks quotemark split it at, so that it can be found.
		exact = rebuilt
	} else if strings.ContainsFunc(spanText, unicode.IsControl) {
		return 0, 0, "", importErr(bratLabel, place, "%s: the span's text holds a control character", id)
	}
	return start, end, exact, nil
}

// bratEachFragment calls fn with each fragment of "START END[;START END]...",
// refusing one that is not two whole numbers, is empty or reversed, or
// starts before the one before ends.
func bratEachFragment(place, id, offsets string, fn func(i, start, end int) error) error {
	prev := 0
	for i, more := 0, true; more; i++ {
		var frag string
		frag, offsets, more = strings.Cut(offsets, ";")
		f, nf := bratFields(frag)
		if nf != 2 {
			return importErr(bratLabel, place, "%s: offsets %q are not START END", id, annotations.Clip(frag, 40))
		}
		var se [2]int
		for j, s := range f[:2] {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return importErr(bratLabel, place, "%s: offset %q is not a whole number of at least 0", id, annotations.Clip(s, 40))
			}
			se[j] = n
		}
		if se[1] <= se[0] || i > 0 && se[0] < prev {
			return importErr(bratLabel, place, "%s: fragment %d–%d is empty, reversed or before the one it follows", id, se[0], se[1])
		}
		prev = se[1]
		if err := fn(i, se[0], se[1]); err != nil {
			return err
		}
	}
	return nil
}

// bratRejoin rebuilds a span's text from the .ann's text of its fragments
// (joined by one space, as brat writes it) with line breaks in the gaps, the
// only gaps quotemark's fragments have. It does not when the gaps come to
// more line breaks than the text has code points: no quote is mostly line
// breaks, and the rebuilt text is what the file pays for it.
func bratRejoin(place, id, offsets string, nFrags int, spanText string) (string, bool) {
	if nFrags < 2 {
		return "", false
	}
	r := []rune(spanText)
	gaps := 0
	var b strings.Builder
	at, prevEnd := 0, 0
	err := bratEachFragment(place, id, offsets, func(i, s, e int) error {
		if i > 0 {
			if at >= len(r) || r[at] != ' ' {
				return errStop
			}
			at++
			if gaps += s - prevEnd; gaps > len(r) {
				return errStop
			}
			b.WriteString(strings.Repeat("\n", s-prevEnd))
		}
		n := e - s
		if at+n > len(r) {
			return errStop
		}
		b.WriteString(string(r[at : at+n]))
		at += n
		prevEnd = e
		return nil
	})
	if err != nil {
		return "", false
	}
	return b.String(), at == len(r)
}
