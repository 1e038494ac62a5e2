package cli

import (
	"context"
	"flag"
	"fmt"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

var importCmd = &command{
	name:    "import",
	args:    "[-from w3c|brat|csv|jsonl|labelstudio|doccano] [-map LABEL=TARGET,…|-map MAP.json] [-map-relation NAME=attribution|-,…] [-pronouns keep|drop] [-trim-marks] -article ARTICLE.txt [-o OUT.json] FILE",
	summary: "read annotations from another tool's format into quotemark sets",
	help: `
Reads FILE, in the format -from names or, without -from, the one its content
shows (W3C Web Annotation, including Hypothesis and Recogito annotations;
a brat .ann; CSV; spaCy / Prodigy JSONL; Label Studio tasks; doccano JSONL;
or a quotemark set), and places its annotations on the text of
ARTICLE.txt: at their position where it holds their text, else by their
quoted text and its context.

Labels: the spans' labels are read case-insensitively as quote, speaker or
claim, with their common synonyms (quotation, content, direct, indirect;
source, person, PER, mention; fact). -map maps a project's own labels, e.g.
-map 'Content=quote,Source=speaker,Cue=-' (- leaves a label's spans out,
quote:indirect gives the form), or -map MAP.json, a JSON object of label to
target. A label neither maps stops the import, which then lists every label
found with its count and the -map that would import it. A brat event's
trigger is no span and needs no mapping. An event or relation, whatever its
name, whose arguments hold a quote or claim and a speaker mention
attributes the one to the other; -map-relation NAME=- leaves a relation out.
A brat span in fragments whose gaps hold text becomes an annotation a
fragment (one of only white space or punctuation is left out). A speaker
mention that is a pronoun is imported as given, or left out with
-pronouns drop.

Standard error tells how many were placed exactly at their position,
exactly elsewhere, approximately (each named, to check) and not at all
(each named, with why). Annotations that cannot be placed are not in the
output: a quotemark set has no place for them; import the file in the
browser to keep them as orphans there.

The set goes to OUT.json, or standard output without -o. A file holding
several sets (CSV, JSONL, Label Studio and doccano can) needs -o naming a
folder, where each set gets its own file. A file is written whole or not at
all (through a temporary file beside it).

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or a
refused input (an article or a file that cannot be read, a file in no format
quotemark reads or that breaks its format's rules), with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		from := fs.String("from", "", "the file's `FORMAT` (default: detected from its content)")
		article := fs.String("article", "", "the text to place the annotations on, `ARTICLE.txt` (required)")
		out := fs.String("o", "", "write the set to `OUT.json`, or the sets into a folder (default: standard output)")
		labelMap := fs.String("map", "", "map the file's labels: `LABEL=TARGET,…` (TARGET quote, quote:indirect, speaker, claim, or - to leave out) or a FILE.json object of label to target")
		relationMap := fs.String("map-relation", "", "override what relations and events do: `NAME=attribution|-,…`")
		trimMarks := fs.Bool("trim-marks", false, "take the quotation marks other tools include off the ends of quotes, as the guidelines leave them out")
		pronounsFlag := fs.String("pronouns", "keep", "a speaker mention that is a pronoun: `keep` it as a speaker named after it, or drop it (its quotes unattributed)")
		return func(ctx context.Context, env *cmdEnv) error {
			if *article == "" {
				return usagef("-article is required: the text to place the annotations on")
			}
			if len(env.args) != 1 {
				return usagef("import reads one file, got %d", len(env.args))
			}
			if *from != "" && !knownFormat(*from) {
				return usagef("-from %q is not a format: one of %s", *from, formatList())
			}
			opts, err := importOptions(*labelMap, *relationMap, *pronounsFlag)
			if err != nil {
				return usagef("%v", err)
			}
			opts.TrimMarks = *trimMarks
			path := env.args[0]
			art, err := readArticle(*article)
			if err != nil {
				return err
			}
			data, err := readSetFile(path)
			if err != nil {
				return refusef("reading the file: %v", err)
			}
			format := *from
			if format == "" {
				if format, err = formats.DetectFormat(data, path); err != nil {
					return refusef("%v", err)
				}
			}
			imp, err := formats.ImportWith(format, data, art, opts)
			if err != nil {
				return refusef("%s: %v", path, err)
			}
			sets, reports := imp.Sets, imp.Reports
			printLabels(env.stderr, path, imp, opts.DropPronouns)
			if opts.TrimMarks {
				fmt.Fprintf(env.stderr, "%s: %d quote(s) adjusted: quotation marks taken off their ends (-trim-marks)\n", path, imp.Trimmed)
			}
			for i, s := range sets {
				fmt.Fprintf(env.stderr, "%s (%s): set by %s, %d annotations: %s\n", path, format, annotations.AnnotatorLabel(s.Annotator),
					len(s.Annotations)+len(s.Orphans), placementSummary(reports[i]))
				printPlacements(env.stderr, s, reports[i])
				if len(s.Orphans) > 0 {
					fmt.Fprintf(env.stderr, "%s: the %d annotation(s) not placed are not in the output\n", path, len(s.Orphans))
				}
			}
			files, err := formats.Export("quotemark", art, sets)
			if err != nil {
				return err
			}
			return writeOutput(env, files, *out, false)
		}
	},
}
