package formats

import (
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/internal/detzip"
)

// A brat collection is a folder holding the .ann and .txt of each document
// and the collection's annotation.conf (the types) and visual.conf (their
// labels and colours). The brat export is such a folder, and ExportZip packs
// it as one zip, which is what the browser downloads and `quotemark export
// -o FILE.zip` writes: unzipped into brat's data folder it is a collection
// brat opens as it is.

// bratVisualConf gives quotemark's types the labels and colours they have in
// quotemark (web/app.css: --quote, --speaker, --claim), so that a set looks
// alike in both tools.
const bratVisualConf = `# quotemark's labels and colours for brat
[labels]
Quote | Quote | Q
Speaker | Speaker | S
Claim | Claim | C
Attribution | Attribution | Attr
Form | Form
Checkworthy | Checkworthy

[drawing]
SPAN_DEFAULT	fgColor:black, bgColor:lightgreen, borderColor:darken
ARC_DEFAULT	color:black, arrowHead:triangle-5
Quote	bgColor:#ffe08a
Speaker	bgColor:#b9e4c9
Claim	bgColor:#b3c8f2
Attribution	color:#3a3a3a, arrowHead:triangle-5
Form	glyph:(direct)|(indirect)|(mixed)
Checkworthy	glyph:(check)
`

// zippedFormats are the formats whose export is a folder of files, which a
// browser downloads as one zip rather than as files a person must put back
// together.
var zippedFormats = []string{"brat"}

// ExportsAsZip says whether a download of the format is one zip (ExportZip)
// rather than the files of Export.
func ExportsAsZip(format string) bool {
	return slices.Contains(zippedFormats, format)
}

// ExportZip is Export's files packed in one zip named ARTICLE.FORMAT.zip,
// under a folder named after the article (for brat, the collection folder).
// Its bytes depend only on the sets and the text: the entries are sorted by
// name and all have the same timestamp, so the same set gives the same zip.
func ExportZip(format string, art *annotations.Article, sets []*annotations.Set) (ExportedFile, error) {
	files, err := Export(format, art, sets)
	if err != nil {
		return ExportedFile{}, err
	}
	dir := exportBase(art)
	entries := make([]detzip.Entry, 0, len(files))
	for _, f := range files {
		entries = append(entries, detzip.Entry{Name: dir + "/" + f.Name, Data: f.Data})
	}
	slices.SortFunc(entries, func(a, b detzip.Entry) int { return strings.Compare(a.Name, b.Name) })
	data, err := detzip.Write(entries)
	if err != nil {
		return ExportedFile{}, fmt.Errorf("%s export as a zip: %w", format, err)
	}
	return ExportedFile{Name: dir + "." + format + ".zip", Data: data, MIME: "application/zip"}, nil
}

// ExportDownload is what a browser downloads for an export: one zip for a
// format whose export is a folder (brat), else Export's files.
func ExportDownload(format string, art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	if !ExportsAsZip(format) {
		return Export(format, art, sets)
	}
	f, err := ExportZip(format, art, sets)
	if err != nil {
		return nil, err
	}
	return []ExportedFile{f}, nil
}
