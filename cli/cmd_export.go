package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

var exportCmd = &command{
	name:    "export",
	args:    "-to w3c|brat|csv|jsonl|labelstudio|doccano [-o PATH] [-article ARTICLE.txt] SET.json [SET.json ...]",
	summary: "write annotation sets of one article in another tool's format",
	help: `
Writes the sets (quotemark JSON files of one article) in the format -to
names:

  w3c          W3C Web Annotation, an AnnotationCollection in JSON-LD per set
               (offsets in code points)
  brat         brat standoff: the .ann, the article's .txt, an
               annotation.conf and a visual.conf, into a folder or, with
               -o FILE.zip, one zip (offsets in code points)
  csv          one CSV file, a row per annotation (offsets in code points)
  jsonl        spaCy / Prodigy JSONL, a line per set (offsets in code points)
  labelstudio  Label Studio tasks, JSON (offsets in code points)
  doccano      doccano JSONL, a line per set (offsets in UTF-16 units)

The article's text, which brat's .txt, the JSONL formats and Label Studio
carry and doccano's offsets count in, comes from -article, or else from the
seed article built into quotemark with the sets' sha256. A set made on
another version of that text is re-anchored first; annotations that cannot
be placed are named on stderr and left out of the export.

Without -o the file goes to standard output, where the format gives one
file (w3c with several sets gives one file per set, brat always four). -o
names the file, or, for brat and for several files, a folder, made if
missing. -o FILE.zip (a name ending in .zip that is not a folder) writes
the export's files as one zip instead, in a folder named after the article:
for brat, the collection brat opens as it is (the .ann, the .txt,
annotation.conf and visual.conf), the same zip the browser downloads. A
file is written whole or not at all (through a temporary file beside it).

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or a
refused input (a set or an article that cannot be read, is not valid or
does not fit, sets of different texts, no text), with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		to := fs.String("to", "", "the `FORMAT`: w3c, brat, csv, jsonl, labelstudio or doccano (or quotemark)")
		out := fs.String("o", "", "write to `PATH`, a file or, for brat and several files, a folder; a PATH ending in .zip gets one zip (default: standard output)")
		article := fs.String("article", "", "the text the sets annotate, `ARTICLE.txt` (default: the seed article with the sets' sha256)")
		return func(ctx context.Context, env *cmdEnv) error {
			if *to == "" {
				return usagef("-to is required: one of %s", formatList())
			}
			if !knownFormat(*to) {
				return usagef("-to %q is not a format: one of %s", *to, formatList())
			}
			if len(env.args) == 0 {
				return usagef("no set file given")
			}
			art, sets, err := loadExportSets(env, env.args, *article)
			if err != nil {
				return err
			}
			if isZipOutput(*out) {
				return writeZipOutput(env, *to, art, sets, *out)
			}
			files, err := formats.Export(*to, art, sets)
			if err != nil {
				return refusef("%v", err)
			}
			folder := formats.ExportsAsZip(*to)
			if *out == "" && (folder || len(files) > 1) {
				return usagef("the output is %d files (%s); name a folder for them with -o DIR, or a zip with -o FILE.zip", len(files), strings.Join(fileNames(files), ", "))
			}
			return writeOutput(env, files, *out, folder)
		}
	},
}

func knownFormat(name string) bool {
	for _, f := range formats.ExportFormats() {
		if f.Name == name {
			return true
		}
	}
	return false
}

func formatList() string {
	var names []string
	for _, f := range formats.ExportFormats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// readArticle reads an article file; its id is made from the file name.
func readArticle(path string) (*annotations.Article, error) {
	raw, err := readArticleText(path)
	if err != nil {
		return nil, refusef("reading the article: %v", err)
	}
	art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(path), raw)
	if err != nil {
		return nil, refusef("%s: %v", path, err)
	}
	return art, nil
}

// loadExportSets reads the sets and the text they annotate, and binds each
// set to it: a set of another version is re-anchored, and what cannot be
// placed is named on stderr.
func loadExportSets(env *cmdEnv, paths []string, articlePath string) (*annotations.Article, []*annotations.Set, error) {
	var sets []*annotations.Set
	for _, p := range paths {
		data, err := readSetFile(p)
		if err != nil {
			return nil, nil, refusef("reading the set: %v", err)
		}
		s, err := annotations.Read(data)
		if err != nil {
			return nil, nil, refusef("%s: %v", p, err)
		}
		sets = append(sets, s)
	}
	var art *annotations.Article
	if articlePath != "" {
		var err error
		if art, err = readArticle(articlePath); err != nil {
			return nil, nil, err
		}
		if art.SHA256 == sets[0].Article.SHA256 {
			art.ID = sets[0].Article.ID // the sets' name for it
		}
	} else {
		first := sets[0].Article
		for i, s := range sets {
			if s.Article.SHA256 != first.SHA256 {
				return nil, nil, refusef("%s and %s are for different texts (sha256 %.12s… and %.12s…); give the text to export on with -article",
					paths[0], paths[i], first.SHA256, s.Article.SHA256)
			}
		}
		if art = seedArticleBySHA256(first.SHA256); art == nil {
			return nil, nil, refusef("%s is for article %q (sha256 %.12s…), which is not a seed article; give its text with -article ARTICLE.txt",
				paths[0], first.ID, first.SHA256)
		}
	}
	for i, s := range sets {
		if s.Article.SHA256 != art.SHA256 && s.Article.ID != art.ID {
			return nil, nil, refusef("%s is for article %q, not %q, and for another text", paths[i], s.Article.ID, art.ID)
		}
		rep, err := s.Anchor(art)
		if err != nil {
			return nil, nil, refusef("%s does not fit the text of article %q: %v", paths[i], art.ID, err)
		}
		if rep.Reanchored {
			fmt.Fprintf(env.stderr, "%s: made on another version of the text; re-anchored: %s\n", paths[i], placementSummary(rep))
			printPlacements(env.stderr, s, rep)
			if len(s.Orphans) > 0 {
				fmt.Fprintf(env.stderr, "%s: %d annotation(s) not placed are left out of the export\n", paths[i], len(s.Orphans))
			}
		}
	}
	return art, sets, nil
}

// placementSummary says how re-anchoring placed a set's annotations.
func placementSummary(rep *annotations.AnchorReport) string {
	exact, moved, approx, orphans := placementCounts(rep)
	return fmt.Sprintf("%d placed exactly at their position, %d exactly elsewhere (found by their text), %d approximately (check them), %d not placed (kept as orphans)",
		exact, moved, approx, orphans)
}

// placementCounts counts a set's annotations by how re-anchoring placed
// them.
func placementCounts(rep *annotations.AnchorReport) (exact, moved, approx, orphans int) {
	for _, p := range rep.Placements {
		switch p {
		case annotations.PlacedAtPosition:
			exact++
		case annotations.PlacedBySearch:
			moved++
		case annotations.NotPlaced:
			orphans++
		default:
			approx++
		}
	}
	return exact, moved, approx, orphans
}

// printPlacements names the annotations placed approximately and those not
// placed, so that none goes unnoticed.
func printPlacements(w io.Writer, s *annotations.Set, rep *annotations.AnchorReport) {
	for _, a := range s.Annotations {
		switch rep.Placements[a.ID] {
		case annotations.PlacedAtPosition, annotations.PlacedBySearch, annotations.NotPlaced, "":
		default:
			fmt.Fprintf(w, "  approximately: %s %q at %d–%d (confidence %.2f)\n", a.Type, annotations.Clip(a.Exact, 60), a.Start, a.End, rep.Confidence[a.ID])
		}
	}
	for _, o := range s.Orphans {
		fmt.Fprintf(w, "  not placed: %s %q: %s\n", o.Annotation.Type, annotations.Clip(o.Annotation.Exact, 60), o.Reason)
	}
}

// isZipOutput says whether -o names a zip to write: a name ending in .zip
// that is not a folder (a folder of that name, which brat exports wrote
// into before there was a zip, is still written into).
func isZipOutput(out string) bool {
	if !strings.EqualFold(filepath.Ext(out), ".zip") {
		return false
	}
	info, err := os.Stat(out)
	return err != nil || !info.IsDir()
}

// writeZipOutput writes the export as one zip (formats.ExportZip, what the
// browser downloads for brat) to out, whole or not at all.
func writeZipOutput(env *cmdEnv, format string, art *annotations.Article, sets []*annotations.Set, out string) error {
	zf, err := formats.ExportZip(format, art, sets)
	if err != nil {
		return refusef("%v", err)
	}
	if err := writeFileAtomic(out, zf.Data); err != nil {
		return fmt.Errorf("writing the zip: %w", err)
	}
	fmt.Fprintf(env.stderr, "wrote %s\n", out)
	return nil
}

// fileNames lists the names of an export's files, for a message.
func fileNames(files []formats.ExportedFile) []string {
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	return names
}

// writeOutput writes files to standard output (one file only), to the file
// out, or into the folder out (several files, or always when folder is set).
func writeOutput(env *cmdEnv, files []formats.ExportedFile, out string, folder bool) error {
	if out == "" {
		if len(files) != 1 || folder {
			var names []string
			for _, f := range files {
				names = append(names, f.Name)
			}
			return usagef("the output is %d files (%s); name a folder for them with -o", len(files), strings.Join(names, ", "))
		}
		_, err := env.stdout.Write(files[0].Data)
		return err
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		folder = true
	}
	if len(files) == 1 && !folder {
		if err := writeFileAtomic(out, files[0].Data); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		fmt.Fprintf(env.stderr, "wrote %s\n", out)
		return nil
	}
	for _, f := range files {
		p := filepath.Join(out, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("making the output folder: %w", err)
		}
		if err := writeFileAtomic(p, f.Data); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		fmt.Fprintf(env.stderr, "wrote %s\n", p)
	}
	return nil
}
