package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

var importCmd = &command{
	name:    "import",
	args:    "[-from w3c|brat|csv|jsonl|labelstudio|doccano] [-map LABEL=TARGET,…|-map MAP.json] [-map-relation NAME=attribution|-,…] [-pronouns keep|drop] [-trim-marks] {-article ARTICLE.txt [-o OUT.json] FILE | [-articles DIR] [-annotator-pattern REGEXP] -o OUTDIR ANN_DIR}",
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
fragment (one of only white space or punctuation is left out); so do a
Label Studio region labelled in several ranges under one id, and quotes (or
claims) of one label that a relation joins (Label Studio, doccano, JSONL),
each piece attributed as the span is. A Prodigy answer rejected or ignored
is left out. A speaker
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

A folder, ANN_DIR, is a corpus: every .ann file in it and its subfolders
(hidden files and folders, and a Mac zip's __MACOSX, left out) is imported, with its text NAME.txt from -articles
DIR, or beside the .ann without -articles. -annotator-pattern, a Go regexp
with named groups text and annotator matched against each file's path
relative to ANN_DIR (slash-separated), says which text a file annotates and
whose it is; several annotators' files of one text become sets of that one
article. The default reads both ANNOTATOR/TEXT.ann and TEXT.ANNOTATOR.ann:
` + formats.DefaultAnnotatorPattern + `
All or nothing: every file is imported in memory first, and any refusal
(labels without a type in any file, listed for the whole corpus with one
-map that would import them all; a missing text; a bad file) names the file
and writes nothing. OUTDIR gets articles/ID.txt and
sets/ID/ANNOTATOR.quotemark.json, the corpus archive's folders, which compare
and merge read directly; it is written beside and put in place whole, and
must be new, empty, or an earlier import's output (which it replaces).
Standard output gets a row per set (annotations, how they were placed, split
spans, pronouns) and the labels of the whole corpus.

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or a
refused input (an article or a file that cannot be read, a file in no format
quotemark reads or that breaks its format's rules), with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		from := fs.String("from", "", "the file's `FORMAT` (default: detected from its content)")
		article := fs.String("article", "", "the text to place the annotations on, `ARTICLE.txt` (required for one file)")
		out := fs.String("o", "", "write the set to `OUT.json`, or the sets into a folder (default: standard output); importing a folder, the new folder OUTDIR (required)")
		labelMap := fs.String("map", "", "map the file's labels: `LABEL=TARGET,…` (TARGET quote, quote:indirect, speaker, claim, or - to leave out) or a FILE.json object of label to target")
		relationMap := fs.String("map-relation", "", "override what relations and events do: `NAME=attribution|-,…`")
		trimMarks := fs.Bool("trim-marks", false, "take the quotation marks other tools include off the ends of quotes, as the guidelines leave them out")
		articlesDir := fs.String("articles", "", "importing a folder: the texts, `DIR`/NAME.txt (default: beside each .ann)")
		annotatorPattern := fs.String("annotator-pattern", formats.DefaultAnnotatorPattern, "importing a folder: a Go `REGEXP` with groups text and annotator, matched against each .ann's path in the folder")
		pronounsFlag := fs.String("pronouns", "keep", "a speaker mention that is a pronoun: `keep` it as a speaker named after it, or drop it (its quotes unattributed)")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) == 1 {
				if fi, err := os.Stat(env.args[0]); err == nil && fi.IsDir() {
					return importCorpusCommand(env, *from, *article, *articlesDir, *annotatorPattern, *out, *labelMap, *relationMap, *pronounsFlag, *trimMarks)
				}
			}
			if *articlesDir != "" {
				return usagef("-articles is for importing a folder of .ann files")
			}
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
			printLabels(env.stderr, path, imp, opts)
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

// importCorpusCommand checks the command line of a folder import and runs it.
func importCorpusCommand(env *cmdEnv, from, article, articlesDir, pattern, out, labelMap, relationMap, pronouns string, trimMarks bool) error {
	if article != "" {
		return usagef("-article names one text; a folder's texts are found by -articles DIR or beside each .ann")
	}
	if out == "" {
		return usagef("importing a folder needs -o OUTDIR")
	}
	if from == "" {
		from = "brat"
	}
	if from != "brat" {
		return usagef("a folder is imported from brat .ann files, not -from %s", from)
	}
	re, err := formats.CompileAnnotatorPattern(pattern)
	if err != nil {
		return usagef("-annotator-pattern: %v", err)
	}
	opts, err := importOptions(labelMap, relationMap, pronouns)
	if err != nil {
		return usagef("%v", err)
	}
	opts.TrimMarks = trimMarks
	return importCorpus(env, corpusRequest{annDir: env.args[0], articlesDir: articlesDir, out: out, format: from, pattern: re, opts: opts})
}
