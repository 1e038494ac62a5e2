package formats

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"quotemark/annotations"
)

// CorpusSource is where a corpus import reads: a folder of annotation files,
// walked with its sub-folders, and the texts they annotate. Any fs.FS
// serves: os.DirFS of a folder on the command line, a zip in the browser
// (OpenCorpusZip).
type CorpusSource struct {
	Files fs.FS
	// FilesName is what a path in Files is shown after in messages: the
	// folder's path on the command line, the zip's top folder; "" for none.
	FilesName string
	// Texts holds NAME.txt for each text; nil: each text is beside its
	// annotation file(s), in Files.
	Texts     fs.FS
	TextsName string
}

// CorpusImport is a corpus imported in memory: nothing is stored or written
// yet.
type CorpusImport struct {
	Articles []*annotations.Article // one a text, in the order of the texts' names
	Files    []CorpusImportedFile   // one an annotation file, in the order of the texts and then of the annotators
	Labels   []LabelCount           // the labels of every file together
	// Relations are the relation and event names of every file together.
	Relations []RelationCount
}

// CorpusImportedFile is one annotation file imported: its set on its text.
type CorpusImportedFile struct {
	CorpusFile
	Shown    string // its path as messages name it (CorpusSource.FilesName before it)
	Article  *annotations.Article
	Set      *annotations.Set
	Report   *annotations.AnchorReport
	Imported *Imported
}

// Notes say what became of the corpus's labels and relation names and,
// summed over its files, of split spans, conflicting relations, pronoun
// mentions and trimmed quotes, as Imported.Notes says them of one file.
func (c *CorpusImport) Notes(opts ImportOptions) []string {
	total := Imported{Labels: c.Labels, Relations: c.Relations}
	for _, f := range c.Files {
		total.Split += f.Imported.Split
		total.Fragments += f.Imported.Fragments
		total.Conflicts += f.Imported.Conflicts
		total.Pronouns += f.Imported.Pronouns
		total.Trimmed += f.Imported.Trimmed
	}
	return total.Notes(opts)
}

// Sets are the imported sets, one a file, in the order of Files.
func (c *CorpusImport) Sets() []*annotations.Set {
	sets := make([]*annotations.Set, len(c.Files))
	for i, f := range c.Files {
		sets[i] = f.Set
	}
	return sets
}

// ErrNoAnnotationFiles is what ImportCorpus wraps when the source holds no
// .ann file at all.
var ErrNoAnnotationFiles = errors.New("no .ann file")

// UnmappedCorpusLabelsError stops a corpus import in which files have
// labels neither the mapping nor a proposal maps: Files names them, Labels
// (in UnmappedLabelsError) lists every label of the whole corpus, so that
// one mapping imports it all.
type UnmappedCorpusLabelsError struct {
	Files []string // as messages name them
	UnmappedLabelsError
}

func (e *UnmappedCorpusLabelsError) Error() string {
	return fmt.Sprintf("labels without a type in %s\n%v", strings.Join(e.Files, ", "), &e.UnmappedLabelsError)
}

// ImportCorpus imports every .ann file of src (hidden files and folders and
// the __MACOSX folder a Mac's zip adds left out), all in memory, and refuses
// the whole corpus at the first problem, naming the file: the pattern
// (CompileAnnotatorPattern; nil is DefaultAnnotatorPattern) tells which
// text a file annotates and whose it
// is, from its slash-separated path in src.Files; several annotators' files
// of one text become sets of one article. A text that is missing, texts of
// one name that differ, two texts that would be one article, two files of
// one text by one annotator, a file that is not the format's or holds more
// than one set, are refused. Labels no mapping or proposal maps, in any
// file, give an *UnmappedCorpusLabelsError with the corpus's label table.
// Each file is read within annotations.MaxImportBytes and each text within
// annotations.MaxArticleBytes, checked against the size it declares before
// it is read.
func ImportCorpus(src CorpusSource, format string, pattern *regexp.Regexp, opts ImportOptions) (*CorpusImport, error) {
	paths, err := findAnnotationFiles(src)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		where := src.FilesName
		if where == "" {
			where = "the folder"
		}
		return nil, fmt.Errorf("%s holds %w", where, ErrNoAnnotationFiles)
	}
	if pattern == nil {
		pattern = defaultAnnotatorRegexp()
	}
	texts, err := groupCorpusFiles(paths, pattern, src.shownFile)
	if err != nil {
		return nil, err
	}
	out := &CorpusImport{}
	var tables [][]LabelCount
	var relTables [][]RelationCount
	var unmappedIn []string
	textOf := map[string]string{} // article id → text name
	read := map[string]*annotations.Article{}
	for _, text := range texts {
		var textArt *annotations.Article
		for _, f := range text.Files {
			shown := src.shownFile(f.Path)
			art, err := src.article(text.Name, f.Path, read)
			if err != nil {
				return nil, err
			}
			if textArt != nil && art.SHA256 != textArt.SHA256 {
				return nil, fmt.Errorf("%s: its text differs from the text of the other files of %s", shown, text.Name)
			}
			if textArt == nil {
				textArt = art
				if other, dup := textOf[art.ID]; dup {
					return nil, fmt.Errorf("texts %s and %s both become article %s: rename one", other, text.Name, art.ID)
				}
				textOf[art.ID] = text.Name
				out.Articles = append(out.Articles, art)
			}
			data, err := readFSFile(src.Files, f.Path, annotations.MaxImportBytes, annotations.CheckImportSize)
			if err != nil {
				return nil, fmt.Errorf("%s: reading it: %v", shown, err)
			}
			imp, err := ImportWith(format, data, textArt, opts)
			var unmapped *UnmappedLabelsError
			if errors.As(err, &unmapped) {
				tables = append(tables, unmapped.Labels)
				relTables = append(relTables, unmapped.Relations)
				unmappedIn = append(unmappedIn, shown)
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", shown, err)
			}
			if len(imp.Sets) != 1 {
				return nil, fmt.Errorf("%s holds %d sets, not one: import it on its own", shown, len(imp.Sets))
			}
			tables = append(tables, imp.Labels)
			relTables = append(relTables, imp.Relations)
			s := imp.Sets[0]
			if f.Annotator != "" {
				s.Annotator = f.Annotator
			}
			out.Files = append(out.Files, CorpusImportedFile{CorpusFile: f, Shown: shown, Article: textArt, Set: s, Report: imp.Reports[0], Imported: imp})
		}
	}
	out.Labels, out.Relations = UnionLabels(tables...), UnionRelations(relTables...)
	if unmappedIn != nil {
		return nil, &UnmappedCorpusLabelsError{Files: unmappedIn, UnmappedLabelsError: UnmappedLabelsError{Format: format, Labels: out.Labels, Relations: out.Relations}}
	}
	return out, nil
}

// findAnnotationFiles lists the .ann files of src.Files, slash-separated
// and sorted, leaving out hidden files and folders and __MACOSX (the
// resource forks a Mac's zip adds, "._NAME.ann" among them).
func findAnnotationFiles(src CorpusSource) ([]string, error) {
	var paths []string
	err := fs.WalkDir(src.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading %s: %w", src.shownFile(p), err)
		}
		if p == "." {
			return nil
		}
		if skippedInCorpus(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".ann") {
			paths = append(paths, p)
		}
		return nil
	})
	return paths, err // WalkDir goes in lexical order
}

// skippedInCorpus is whether a file or folder of a corpus is no part of it:
// hidden, or the folder of a Mac's resource forks.
func skippedInCorpus(name string) bool {
	return strings.HasPrefix(name, ".") || name == "__MACOSX"
}

// shownFile is how messages name a path of src.Files.
func (src CorpusSource) shownFile(p string) string { return shownPath(src.FilesName, p) }

func shownPath(root, p string) string {
	if root == "" {
		return p
	}
	return path.Join(root, p)
}

// article reads the text named name that the annotation file annPath
// annotates: name.txt in src.Texts, or beside the file. A text read once
// is not read again (read holds them by where they are).
func (src CorpusSource) article(name, annPath string, read map[string]*annotations.Article) (*annotations.Article, error) {
	fsys, root, txt := src.Texts, src.TextsName, name+".txt"
	if fsys == nil {
		fsys, root, txt = src.Files, src.FilesName, path.Join(path.Dir(annPath), name+".txt")
	}
	if art, ok := read[txt]; ok {
		return art, nil
	}
	shownAnn, shownTxt := src.shownFile(annPath), shownPath(root, txt)
	raw, err := readFSFile(fsys, txt, annotations.MaxArticleBytes, annotations.CheckArticleSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: its text %s is missing", shownAnn, shownTxt)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: its text %s: %v", shownAnn, shownTxt, err)
	}
	art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(txt), raw)
	if err != nil {
		return nil, fmt.Errorf("%s: its text %s: %v", shownAnn, shownTxt, err)
	}
	read[txt] = art
	return art, nil
}

// readFSFile reads a file of fsys within limit (annotations.ReadAtMost).
func readFSFile(fsys fs.FS, name string, limit int, check func(n int) error) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return annotations.ReadAtMost(f, limit, check)
}
