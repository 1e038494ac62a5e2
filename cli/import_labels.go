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

// printLabels reports what became of each label, the split spans and the
// pronoun mentions: nothing for a file whose labels are quotemark's own
// names, so that such an import reports as it always has.
func printLabels(w io.Writer, path string, imp *formats.Imported, dropPronouns bool) {
	own := true
	for _, l := range imp.Labels {
		if !l.Mapped || l.Target.Omit || l.Target.Form != "" || !strings.EqualFold(l.Label, string(l.Target.Type)) {
			own = false
		}
	}
	if !own {
		for _, l := range imp.Labels {
			what := "left out"
			if !l.Target.Omit {
				what = "imported as " + l.Target.String()
			}
			fmt.Fprintf(w, "%s: label %s: %d span(s), %s\n", path, l.Label, l.Count, what)
		}
	}
	if imp.Split > 0 {
		fmt.Fprintf(w, "%s: %d discontinuous span(s) split into %d annotation(s), a fragment each\n", path, imp.Split, imp.Fragments)
	}
	if imp.Conflicts > 0 {
		fmt.Fprintf(w, "%s: %d relation(s) attribute a quote or claim attributed already to another mention: left out, the first attribution kept\n", path, imp.Conflicts)
	}
	if imp.Pronouns > 0 {
		what := "imported as speakers named after the pronoun"
		if dropPronouns {
			what = "left out, their quotes unattributed (-pronouns drop)"
		}
		fmt.Fprintf(w, "%s: %d speaker mention(s) that are a pronoun: %s\n", path, imp.Pronouns, what)
	}
}
