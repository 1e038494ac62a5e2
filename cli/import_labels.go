package cli

import (
	"fmt"
	"io"
	"strings"

	"quotemark/annotations/formats"
)

// labelMapFlag reads -map: "LABEL=TARGET,…" or the name of a JSON file
// (one ending .json) holding an object of label → target.
func labelMapFlag(arg string) (formats.LabelMap, error) {
	if arg == "" {
		return nil, nil
	}
	if strings.HasSuffix(strings.ToLower(arg), ".json") && !strings.Contains(arg, "=") {
		data, err := readArticleText(arg) // a small text file, read within a limit
		if err != nil {
			return nil, fmt.Errorf("-map: reading the label map: %v", err)
		}
		m, err := formats.ParseLabelMapJSON(data)
		if err != nil {
			return nil, fmt.Errorf("-map %s: %v", arg, err)
		}
		return m, nil
	}
	m, err := formats.ParseLabelMap(arg)
	if err != nil {
		return nil, fmt.Errorf("-map: %v", err)
	}
	return m, nil
}

// importOptions reads -map, -map-relation and -pronouns.
func importOptions(labelMap, relationMap, pronouns string) (formats.ImportOptions, error) {
	var opts formats.ImportOptions
	var err error
	if opts.Labels, err = labelMapFlag(labelMap); err != nil {
		return opts, err
	}
	if relationMap != "" {
		if opts.Relations, err = formats.ParseRelationMap(relationMap); err != nil {
			return opts, fmt.Errorf("-map-relation: %v", err)
		}
	}
	switch pronouns {
	case "", "keep":
	case "drop":
		opts.DropPronouns = true
	default:
		return opts, fmt.Errorf("-pronouns %q is not keep or drop", pronouns)
	}
	return opts, nil
}

// printLabels reports what became of each label, the split spans, the
// pronoun mentions and the trimmed quotes: nothing about the labels of a
// file whose labels are quotemark's own names, so that such an import
// reports as it always has.
func printLabels(w io.Writer, path string, imp *formats.Imported, opts formats.ImportOptions) {
	for _, note := range imp.Notes(opts) {
		fmt.Fprintf(w, "%s: %s\n", path, note)
	}
}
