package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
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

// importedFile is one annotation file imported in memory.
type importedFile struct {
	file   formats.CorpusFile
	art    *annotations.Article
	set    *annotations.Set
	report *annotations.AnchorReport
	imp    *formats.Imported
}

// importCorpus imports every annotation file under req.annDir, all in
// memory first: any refusal stops it before anything is written. The output
// is articles/<id>.txt and sets/<id>/<annotator>.quotemark.json (the
// corpus archive's folders, a set named after its annotator), put in place
// whole.
func importCorpus(env *cmdEnv, req corpusRequest) error {
	paths, err := findAnnFiles(req.annDir)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return refusef("%s holds no .ann file", req.annDir)
	}
	texts, err := formats.GroupCorpusFiles(paths, req.pattern)
	if err != nil {
		return refusef("%s: %v", req.annDir, err)
	}
	if err := checkReplaceableFolder(req.out, importMarker, "import"); err != nil {
		return err
	}
	var done []*importedFile
	var tables [][]formats.LabelCount
	var unmappedIn []string
	textOf := map[string]string{} // article id → text name
	for _, text := range texts {
		var textArt *annotations.Article
		for _, f := range text.Files {
			annPath := filepath.Join(req.annDir, filepath.FromSlash(f.Path))
			art, err := corpusArticle(req, text.Name, annPath)
			if err != nil {
				return err
			}
			if textArt != nil && art.SHA256 != textArt.SHA256 {
				return refusef("%s: its text differs from the text of the other files of %s", annPath, text.Name)
			}
			textArt = art
			if other, dup := textOf[art.ID]; dup && other != text.Name {
				return refusef("texts %s and %s both become article %s: rename one", other, text.Name, art.ID)
			}
			textOf[art.ID] = text.Name
			data, err := readSetFile(annPath)
			if err != nil {
				return refusef("%s: reading it: %v", annPath, err)
			}
			imp, err := formats.ImportWith(req.format, data, art, req.opts)
			var unmapped *formats.UnmappedLabelsError
			if errors.As(err, &unmapped) {
				tables = append(tables, unmapped.Labels)
				unmappedIn = append(unmappedIn, annPath)
				continue
			}
			if err != nil {
				return refusef("%s: %v", annPath, err)
			}
			if len(imp.Sets) != 1 {
				return refusef("%s holds %d sets, not one: import it on its own", annPath, len(imp.Sets))
			}
			tables = append(tables, imp.Labels)
			s := imp.Sets[0]
			if f.Annotator != "" {
				s.Annotator = f.Annotator
			}
			done = append(done, &importedFile{file: f, art: art, set: s, report: imp.Reports[0], imp: imp})
		}
	}
	labels := formats.UnionLabels(tables...)
	if unmappedIn != nil {
		err := &formats.UnmappedLabelsError{Format: req.format, Labels: labels}
		return refusef("%s: labels without a type in %s\n%v\nnothing was written", req.annDir, strings.Join(unmappedIn, ", "), err)
	}
	files, err := corpusOutputFiles(done)
	if err != nil {
		return err
	}
	if _, err := writeFolderWhole(req.out, files); err != nil {
		return err
	}
	for _, d := range done {
		if d.report.Approximate+d.report.Orphaned > 0 {
			fmt.Fprintf(env.stderr, "%s: to check, or not in the output:\n", d.file.Path)
			printPlacements(env.stderr, d.set, d.report)
		}
	}
	printCorpusSummary(env.stdout, done, labels)
	fmt.Fprintf(env.stdout, "wrote %s: %d text(s), %d set(s)\n", req.out, len(textOf), len(done))
	return nil
}

// findAnnFiles lists the .ann files under dir, recursively, as
// slash-separated paths relative to it, leaving out hidden folders.
func findAnnFiles(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".ann") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, refusef("reading %s: %v", dir, err)
	}
	sort.Strings(paths)
	return paths, nil
}

// corpusArticle reads the text of an annotation file: NAME.txt in
// -articles, or beside the file.
func corpusArticle(req corpusRequest, name, annPath string) (*annotations.Article, error) {
	dir := req.articlesDir
	if dir == "" {
		dir = filepath.Dir(annPath)
	}
	txt := filepath.Join(dir, name+".txt")
	raw, err := readArticleText(txt)
	if err != nil {
		return nil, refusef("%s: its text %s: %v", annPath, txt, err)
	}
	art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(txt), raw)
	if err != nil {
		return nil, refusef("%s: its text %s: %v", annPath, txt, err)
	}
	return art, nil
}

// safeSetName is an annotator's name fit to be a file name.
var safeSetName = regexp.MustCompile(`^[\p{L}\p{N}_-][\p{L}\p{N}._-]*$`)

// corpusOutputFiles lays the sets out as the corpus archive does.
func corpusOutputFiles(done []*importedFile) ([]siteFile, error) {
	var files []siteFile
	articles := map[string]bool{}
	for _, d := range done {
		if !articles[d.art.ID] {
			articles[d.art.ID] = true
			files = append(files, siteFile{name: corpus.ArchiveArticlePath(d.art.ID), body: []byte(d.art.Text)})
		}
		name := d.set.Annotator
		if !safeSetName.MatchString(name) {
			name = d.set.ID
		}
		// The corpus archive's layout, so that what could not be placed is
		// kept beside its set as the archive keeps it, not dropped.
		files = append(files, siteFile{name: corpus.ArchiveSetPath(d.art.ID, name), body: annotations.Write(d.set)})
		extra, err := corpus.ArchiveExtra(d.set)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.file.Path, err)
		}
		if extra != nil {
			files = append(files, siteFile{name: corpus.ArchiveExtraPath(d.art.ID, name), body: extra})
		}
	}
	files = append(files, siteFile{name: importMarker, body: []byte("written by quotemark import\n")})
	return files, nil
}

// printCorpusSummary prints a row per set and the corpus's label table.
func printCorpusSummary(w io.Writer, done []*importedFile, labels []formats.LabelCount) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "article\tannotator\tannotations\texact\telsewhere\tapprox\tunplaced\tsplit\tpronouns\tfile\t")
	for _, d := range done {
		exact, moved, approx, orphans := placementCounts(d.report)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", d.art.ID, d.set.Annotator,
			len(d.set.Annotations), exact, moved, approx, orphans, d.imp.Split, d.imp.Pronouns, d.file.Path)
	}
	tw.Flush()
	fmt.Fprintln(w, "labels across the corpus:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range labels {
		what := "left out"
		if !l.Target.Omit {
			what = "imported as " + l.Target.String()
		}
		fmt.Fprintf(tw, "  %s\t%d span(s)\t%s\n", l.Label, l.Count, what)
	}
	tw.Flush()
}
