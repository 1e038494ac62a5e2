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
			_ = w.Write([]string{c.Article.ID, c.ID, c.Annotator, "", "", "", "", "", "", "", "", ""})
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
			_ = w.Write([]string{c.Article.ID, c.ID, c.Annotator, a.ID, string(a.Type), strconv.Itoa(a.Start), strconv.Itoa(a.End),
				a.Exact, c.SpeakerName(a.Speaker), form, checkworthy, a.Note})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("%s export: %w", csvLabel, err)
	}
	return []ExportedFile{{Name: exportBase(art) + ".csv", Data: buf.Bytes(), MIME: "text/csv; charset=utf-8"}}, nil
}

func readCSV(data []byte, art *annotations.Article) ([]*draft, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // spreadsheets add one
	if i := scan.InvalidUTF8At(data); i >= 0 {
		line, _ := scan.LineCol(data, i)
		return nil, importErr(csvLabel, fmt.Sprintf("line %d", line), "not UTF-8: invalid byte 0x%02x at byte %d; save the file as UTF-8 CSV", data[i], i)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
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
	defaultSet := ""
	for {
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
		if a := strings.TrimSpace(rec[csvArticle]); a != "" {
			if _, ok := articles[a]; !ok {
				articles[a] = line
				articleOrder = append(articleOrder, a)
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
			d = newDraft(idFrom(id))
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
		return nil, importErr(csvLabel, fmt.Sprintf("line %d", articles[articleOrder[1]]), "the file holds rows of %d articles (%s); import the rows of one article at a time",
			len(articleOrder), strings.Join(articleOrder, ", "))
	}
	return drafts, nil
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
