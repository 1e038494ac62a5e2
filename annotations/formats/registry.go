package formats

import (
	"fmt"
	"strings"

	"quotemark/annotations"
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
	read  func(data []byte, in *intake) ([]*draft, error)
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
			Keeps: "(one zip: the .ann, the .txt, annotation.conf and visual.conf) spans and types (T), attributions to a mention (R Attribution) or by name (AnnotatorNotes), form and checkworthy (A), notes (AnnotatorNotes)",
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
// left out. brat gives the .ann, the article's .txt, an annotation.conf and
// a visual.conf (ExportZip packs them as one zip);
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
