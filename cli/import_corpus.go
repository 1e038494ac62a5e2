package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"text/tabwriter"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
	"quotemark/annotations/formats"
)

// importMarker is the file that says a folder is the output of a corpus
// import, which a new import may replace.
const importMarker = ".quotemark-import"

// corpusRequest is what `quotemark import` was asked to do with a folder.
type corpusRequest struct {
	annDir      string // the folder of .ann files, read recursively
	articlesDir string // where the texts are; "" = beside each .ann
	out         string
	format      string
	pattern     *regexp.Regexp
	opts        formats.ImportOptions
}

// importCorpus imports every annotation file under req.annDir, all in
// memory first (formats.ImportCorpus): any refusal stops it before anything
// is written. The output is articles/<id>.txt and
// sets/<id>/<annotator>.quotemark.json (the corpus archive's folders, a set
// named after its annotator), put in place whole.
func importCorpus(env *cmdEnv, req corpusRequest) error {
	if err := checkReplaceableFolder(req.out, importMarker, "import"); err != nil {
		return err
	}
	src := formats.CorpusSource{Files: os.DirFS(req.annDir), FilesName: req.annDir}
	if req.articlesDir != "" {
		src.Texts, src.TextsName = os.DirFS(req.articlesDir), req.articlesDir
	}
	imp, err := formats.ImportCorpus(src, req.format, req.pattern, req.opts)
	var unmapped *formats.UnmappedCorpusLabelsError
	switch {
	case errors.As(err, &unmapped):
		return refusef("%s: %v\nnothing was written", req.annDir, err)
	case err != nil:
		return refusef("%v", err)
	}
	files, err := corpusOutputFiles(imp.Files)
	if err != nil {
		return err
	}
	if _, err := writeFolderWhole(req.out, files); err != nil {
		return err
	}
	for _, d := range imp.Files {
		if d.Report.Approximate+d.Report.Orphaned > 0 {
			fmt.Fprintf(env.stderr, "%s: to check, or not in the output:\n", d.Path)
			printPlacements(env.stderr, d.Set, d.Report)
		}
	}
	printCorpusSummary(env.stdout, imp, req.opts)
	fmt.Fprintf(env.stdout, "wrote %s: %d text(s), %d set(s)\n", req.out, len(imp.Articles), len(imp.Files))
	return nil
}

// safeSetName is an annotator's name fit to be a file name.
var safeSetName = regexp.MustCompile(`^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$`)

// corpusOutputFiles lays the sets out as the corpus archive does.
func corpusOutputFiles(done []formats.CorpusImportedFile) ([]siteFile, error) {
	var files []siteFile
	articles := map[string]bool{}
	for _, d := range done {
		if !articles[d.Article.ID] {
			articles[d.Article.ID] = true
			files = append(files, siteFile{name: corpus.ArchiveArticlePath(d.Article.ID), body: []byte(d.Article.Text)})
		}
		name := d.Set.Annotator
		if !safeSetName.MatchString(name) {
			name = d.Set.ID
		}
		// The corpus archive's layout, so that what could not be placed is
		// kept beside its set as the archive keeps it, not dropped.
		files = append(files, siteFile{name: corpus.ArchiveSetPath(d.Article.ID, name), body: annotations.Write(d.Set)})
		extra, err := corpus.ArchiveExtra(d.Set)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		if extra != nil {
			files = append(files, siteFile{name: corpus.ArchiveExtraPath(d.Article.ID, name), body: extra})
		}
	}
	files = append(files, siteFile{name: importMarker, body: []byte("written by quotemark import\n")})
	return files, nil
}

// printCorpusSummary prints a row per set and what became of the corpus's
// labels, relations, split spans and pronouns.
func printCorpusSummary(w io.Writer, imp *formats.CorpusImport, opts formats.ImportOptions) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "article\tannotator\tannotations\texact\telsewhere\tapprox\tunplaced\tsplit\tpronouns\tfile\t")
	for _, d := range imp.Files {
		exact, moved, approx, orphans := placementCounts(d.Report)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", d.Article.ID, d.Set.Annotator,
			len(d.Set.Annotations), exact, moved, approx, orphans, d.Imported.Split, d.Imported.Pronouns, d.Path)
	}
	tw.Flush()
	if notes := imp.Notes(opts); len(notes) > 0 {
		fmt.Fprintln(w, "across the corpus:")
		for _, note := range notes {
			fmt.Fprintf(w, "  %s\n", note)
		}
	}
}
