package formats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/internal/scan"
)

// CSV for spreadsheets: RFC 4180 (CRLF line ends, fields quoted when they
// need it), UTF-8, one header row, one row per annotation. start and end
// count code points of the article's normalized text (a spreadsheet's
// LEN() counts UTF-16 units in some programs: do not compute offsets
// there); text is the annotated text; speaker is the speaker's name; form is
// set on quotes, checkworthy (true/false) on claims. A set with no
// annotation is one row with only article_id, set_id and annotator, so that
// it is not lost. Several sets of one article share a file; reading splits
// them by set_id. Speakers come back by name.
//
// A cell that starts with =, +, -, @, a tab or a carriage return may run as
// a formula in a spreadsheet (CSV injection). The export puts a single
// quote before it, as OWASP recommends, and before a cell of single quotes
// and then one of those, so that the reader takes exactly one quote off: a
// quote "-5%" or "'+1" comes back as it was.

const csvLabel = "CSV"

var csvHeader = []string{"article_id", "set_id", "annotator", "annotation_id", "type", "start", "end", "text", "speaker", "form", "checkworthy", "note"}

// Column indexes.
const (
	csvArticle = iota
	csvSet
	csvAnnotator
	csvAnnotation
	csvType
	csvStart
	csvEnd
	csvText
	csvSpeaker
	csvForm
	csvCheckworthy
	csvNote
)

func writeCSV(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(csvHeader)
	for _, s := range sets {
		c := s.Clone()
		c.Sort()
		if len(c.Annotations) == 0 {
			_ = w.Write(csvNeutralised([]string{c.Article.ID, c.ID, c.Annotator, "", "", "", "", "", "", "", "", ""}))
		}
		for _, a := range c.Annotations {
			form, checkworthy := "", ""
			switch a.Type {
			case annotations.Quote:
				form = string(a.Form)
				if form == "" {
					form = string(annotations.Direct)
				}
			case annotations.Claim:
				checkworthy = strconv.FormatBool(a.Checkworthy)
			}
			_ = w.Write(csvNeutralised([]string{c.Article.ID, c.ID, c.Annotator, a.ID, string(a.Type), strconv.Itoa(a.Start), strconv.Itoa(a.End),
				a.Exact, c.SpeakerName(a.Speaker), form, checkworthy, a.Note}))
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("%s export: %w", csvLabel, err)
	}
	return []ExportedFile{{Name: exportBase(art) + ".csv", Data: buf.Bytes(), MIME: "text/csv; charset=utf-8"}}, nil
}

// csvFormulaStart holds the characters a cell must not start with, lest a
// spreadsheet take it for a formula.
const csvFormulaStart = "=+-@\t\r"

// csvIsFormula reports whether a cell, past any single quotes it starts
// with, starts like a formula.
func csvIsFormula(v string) bool {
	u := strings.TrimLeft(v, "'")
	return u != "" && strings.IndexByte(csvFormulaStart, u[0]) >= 0
}

// csvNeutralised puts a single quote before each cell that starts like a
// formula.
func csvNeutralised(rec []string) []string {
	for i, v := range rec {
		if csvIsFormula(v) {
			rec[i] = "'" + v
		}
	}
	return rec
}

// csvRestored takes off the single quote csvNeutralised put before a cell.
func csvRestored(v string) string {
	if strings.HasPrefix(v, "'") && csvIsFormula(v[1:]) {
		return v[1:]
	}
	return v
}

// csvMaxArticles is how many article ids the error for a file of several
// articles names.
const csvMaxArticles = 10

func readCSV(data []byte, in *intake) ([]*draft, error) {
	in.label = csvLabel
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // spreadsheets add one
	if i := scan.InvalidUTF8At(data); i >= 0 {
		line, _ := scan.LineCol(data, i)
		return nil, importErr(csvLabel, fmt.Sprintf("line %d", line), "not UTF-8: invalid byte 0x%02x at byte %d; save the file as UTF-8 CSV", data[i], i)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	lines := &csvLines{data: data, line: 1}
	if err := lines.checkWidth(0); err != nil {
		return nil, err
	}
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err, "reading the header")
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	if strings.Join(header, ",") != strings.Join(csvHeader, ",") {
		return nil, importErr(csvLabel, "line 1", "the header must be %s, not %s", strings.Join(csvHeader, ","), strings.Join(header, ","))
	}
	var drafts []*draft
	bySet := map[string]*draft{}
	annotators := map[*draft]int{} // the line that set the annotator
	articles := map[string]int{}
	var articleOrder []string
	moreArticles := false
	defaultSet := ""
	for {
		if err := lines.checkWidth(int(r.InputOffset())); err != nil {
			return nil, err
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, "")
		}
		line, _ := r.FieldPos(0)
		place := func(col int) string { return fmt.Sprintf("line %d, column %s", line, csvHeader[col]) }
		if len(rec) != len(csvHeader) {
			return nil, importErr(csvLabel, fmt.Sprintf("line %d", line), "has %d fields, the header %d", len(rec), len(csvHeader))
		}
		for i, v := range rec {
			if err := csvCheckCell(v, func() string { return place(i) }); err != nil {
				return nil, err
			}
			rec[i] = csvRestored(v)
		}
		if a := strings.TrimSpace(rec[csvArticle]); a != "" {
			if _, ok := articles[a]; !ok {
				// Only the first few are named, so that a file of a
				// million articles costs no map of them.
				if len(articleOrder) < csvMaxArticles {
					articles[a] = line
					articleOrder = append(articleOrder, a)
				} else {
					moreArticles = true
				}
			}
		}
		key := strings.TrimSpace(rec[csvSet])
		d := bySet[key]
		if d == nil {
			id := key
			if id == "" {
				if defaultSet == "" {
					defaultSet = annotations.NewID()
				}
				id = defaultSet
			}
			if d, err = in.newDraft(place(csvSet), idFrom(id)); err != nil {
				return nil, err
			}
			bySet[key] = d
			drafts = append(drafts, d)
		}
		if ann := rec[csvAnnotator]; ann != "" {
			if prev, ok := annotators[d]; ok && d.set.Annotator != ann {
				return nil, importErr(csvLabel, place(csvAnnotator), "%q differs from %q on line %d for the same set_id", ann, d.set.Annotator, prev)
			}
			if _, ok := annotators[d]; !ok {
				d.set.Annotator, annotators[d] = ann, line
			}
		}
		if strings.TrimSpace(rec[csvAnnotation]) == "" && strings.TrimSpace(rec[csvType]) == "" {
			if strings.Join(rec[csvStart:], "") != "" {
				return nil, importErr(csvLabel, place(csvType), "is empty, but the row has an annotation's fields")
			}
			continue // a set with no annotations
		}
		a, err := csvAnnotationRow(d, rec, place)
		if err != nil {
			return nil, err
		}
		if err := d.add(csvLabel, fmt.Sprintf("line %d", line), a); err != nil {
			return nil, err
		}
	}
	if len(articleOrder) > 1 {
		count, names := strconv.Itoa(len(articleOrder)), strings.Join(articleOrder, ", ")
		if moreArticles {
			count, names = "more than "+count, names+", …"
		}
		return nil, importErr(csvLabel, fmt.Sprintf("line %d", articles[articleOrder[1]]), "the file holds rows of %s articles (%s); import the rows of one article at a time",
			count, names)
	}
	return drafts, nil
}

// csvCheckCell refuses a cell with a control character no text has, NUL
// above all: a spreadsheet does not write one, and the row's text could
// then be found nowhere in the article, so the row would be lost.
func csvCheckCell(v string, place func() string) error {
	i := strings.IndexFunc(v, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' || r == 0x7f
	})
	if i < 0 {
		return nil
	}
	return importErr(csvLabel, place(), "holds the control character %U at byte %d of the cell; no article text has one (is the file damaged, or not text?)", rune(v[i]), i)
}

// csvLines finds the width of the record at an offset before encoding/csv
// reads it: it allocates a string header for each field, 16 bytes for a
// field of one comma, so a row of a million commas is refused unread.
type csvLines struct {
	data []byte
	line int // the line of offset at
	at   int
}

// checkWidth refuses the record at offset from if it has more fields than
// the header.
func (c *csvLines) checkWidth(from int) error {
	for ; c.at < from && c.at < len(c.data); c.at++ {
		if c.data[c.at] == '\n' {
			c.line++
		}
	}
	line := c.line
	for from < len(c.data) { // encoding/csv skips empty lines
		if c.data[from] == '\n' {
			from, line = from+1, line+1
		} else if c.data[from] == '\r' && from+1 < len(c.data) && c.data[from+1] == '\n' {
			from, line = from+2, line+1
		} else {
			break
		}
	}
	fields, quoted := 1, false
	for i := from; i < len(c.data); i++ {
		switch c.data[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				fields++
			}
		case '\n':
			if !quoted {
				i = len(c.data)
			}
		}
	}
	if fields > len(csvHeader) {
		return importErr(csvLabel, fmt.Sprintf("line %d", line), "has %d fields, the header %d", fields, len(csvHeader))
	}
	return nil
}

func csvAnnotationRow(d *draft, rec []string, place func(int) string) (annotations.Annotation, error) {
	var a annotations.Annotation
	typ, ok := typeFromLabel(rec[csvType])
	if !ok {
		return a, importErr(csvLabel, place(csvType), "%q is not quote, speaker or claim", rec[csvType])
	}
	a.Type = typ
	a.ID = idFrom(rec[csvAnnotation])
	start, end := strings.TrimSpace(rec[csvStart]), strings.TrimSpace(rec[csvEnd])
	a.Exact, _, _ = normalizeQuote(rec[csvText], "", "")
	if start == "" && end == "" {
		if a.Exact == "" {
			return a, importErr(csvLabel, place(csvText), "is empty and the row has no start and end: nothing says where the annotation is")
		}
		d.unplaced[a.ID] = true
	} else {
		for _, f := range []struct {
			col int
			s   string
			dst *int
		}{{csvStart, start, &a.Start}, {csvEnd, end, &a.End}} {
			n, err := strconv.Atoi(f.s)
			if err != nil || n < 0 {
				return a, importErr(csvLabel, place(f.col), "%q is not a whole number of at least 0", f.s)
			}
			*f.dst = n
		}
		if a.End <= a.Start {
			return a, importErr(csvLabel, place(csvEnd), "%d is not after start %d", a.End, a.Start)
		}
	}
	form := strings.TrimSpace(rec[csvForm])
	switch {
	case a.Type == annotations.Quote && form == "":
		a.Form = annotations.Direct
	case a.Type == annotations.Quote:
		f, ok := formFromString(form)
		if !ok {
			return a, importErr(csvLabel, place(csvForm), "%q is not direct, indirect or mixed", form)
		}
		a.Form = f
	case form != "":
		return a, importErr(csvLabel, place(csvForm), "only a quote has a form, not a %s", a.Type)
	}
	switch cw := strings.ToLower(strings.TrimSpace(rec[csvCheckworthy])); cw {
	case "", "false", "no", "0":
	case "true", "yes", "1":
		if a.Type != annotations.Claim {
			return a, importErr(csvLabel, place(csvCheckworthy), "only a claim is checkworthy, not a %s", a.Type)
		}
		a.Checkworthy = true
	default:
		return a, importErr(csvLabel, place(csvCheckworthy), "%q is not true or false", rec[csvCheckworthy])
	}
	a.Note = rec[csvNote]
	name := rec[csvSpeaker]
	if a.Type == annotations.SpeakerMention && strings.TrimSpace(name) == "" {
		name = a.Exact
	}
	a.Speaker = d.book.byNameID(name)
	if a.Type == annotations.SpeakerMention && a.Speaker == "" {
		return a, importErr(csvLabel, place(csvSpeaker), "a speaker mention needs a speaker, and its text %q is no name", a.Exact)
	}
	return a, nil
}

// csvError turns encoding/csv's error into one naming the line.
func csvError(err error, what string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return importErr(csvLabel, fmt.Sprintf("line %d, column %d", pe.Line, pe.Column), "%v", pe.Err)
	}
	if err == io.EOF {
		return importErr(csvLabel, "", "the file is empty")
	}
	if what != "" {
		return importErr(csvLabel, "", "%s: %v", what, err)
	}
	return importErr(csvLabel, "", "%v", err)
}
