package formats

import "quotemark/annotations"

func writeQuotemark(art *annotations.Article, sets []*annotations.Set) ([]ExportedFile, error) {
	var files []ExportedFile
	slugs := setSlugs(sets)
	for i, s := range sets {
		files = append(files, ExportedFile{Name: setFileName(art, slugs[i], len(sets), "quotemark.json"), Data: annotations.Write(s), MIME: "application/json"})
	}
	return files, nil
}

func readQuotemark([]byte, *intake) ([]*draft, error) { return nil, nil } // Import calls ImportSet
