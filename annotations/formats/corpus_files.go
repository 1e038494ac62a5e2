package formats

import (
	"fmt"
	"regexp"
	"sort"
	"sync"
)

// DefaultAnnotatorPattern reads a text's name and its annotator from an
// annotation file's path (slash-separated, relative to the folder of the
// corpus) in the two layouts corpora use: TEXT.ANNOTATOR.ann (in any
// folder) and ANNOTATOR/TEXT.ann (the annotator is the innermost folder). A
// lone TEXT.ann at the top has no annotator.
const DefaultAnnotatorPattern = `^(?:.*/)?(?P<text>[^/.]+)\.(?P<annotator>[^/.]+)\.ann$` +
	`|^(?:.*/)?(?P<annotator>[^/]+)/(?P<text>[^/]+)\.ann$` +
	`|^(?P<text>[^/]+)\.ann$`

// defaultAnnotatorRegexp is DefaultAnnotatorPattern compiled, once and only
// when a corpus is imported: not at every start of the app.
var defaultAnnotatorRegexp = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(DefaultAnnotatorPattern)
})

// CorpusFile is one annotation file of a corpus: its path and whose it is.
type CorpusFile struct {
	Path      string // slash-separated, relative to the corpus folder
	Annotator string // "" when the pattern found none
}

// CorpusText is one text of a corpus with every annotator's file of it.
type CorpusText struct {
	Name  string // the text's name: its text file is Name + ".txt"
	Files []CorpusFile
}

// CompileAnnotatorPattern compiles an -annotator-pattern: a Go regexp with a
// named group "text" (required) and one named "annotator"; the same name may
// be given in several alternatives.
func CompileAnnotatorPattern(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("annotator pattern: %v", err)
	}
	hasText := false
	for _, n := range re.SubexpNames() {
		if n == "text" {
			hasText = true
		}
	}
	if !hasText {
		return nil, fmt.Errorf("annotator pattern %q has no group (?P<text>…) naming the text", pattern)
	}
	return re, nil
}

// matchGroup is the first non-empty match of the group named name.
func matchGroup(re *regexp.Regexp, m []string, name string) string {
	for i, n := range re.SubexpNames() {
		if n == name && m[i] != "" {
			return m[i]
		}
	}
	return ""
}

// GroupCorpusFiles groups annotation files into texts by the pattern: the
// texts sorted by name, each text's files by annotator. A path the pattern
// does not match, one whose text group is empty, and two files of one text
// by one annotator are refused, naming the file(s).
func GroupCorpusFiles(paths []string, pattern *regexp.Regexp) ([]CorpusText, error) {
	return groupCorpusFiles(paths, pattern, func(p string) string { return p })
}

// groupCorpusFiles is GroupCorpusFiles naming a file in its errors by
// shown(path): where it is for the person who gave the corpus.
func groupCorpusFiles(paths []string, pattern *regexp.Regexp, shown func(string) string) ([]CorpusText, error) {
	byText := map[string]*CorpusText{}
	seen := map[[2]string]string{}
	for _, p := range paths {
		m := pattern.FindStringSubmatch(p)
		if m == nil {
			return nil, fmt.Errorf("%s: the annotator pattern does not match its path", shown(p))
		}
		text, annotator := matchGroup(pattern, m, "text"), matchGroup(pattern, m, "annotator")
		if text == "" {
			return nil, fmt.Errorf("%s: the annotator pattern finds no text name in its path", shown(p))
		}
		key := [2]string{text, annotator}
		if other, dup := seen[key]; dup {
			who := "annotator " + annotator
			if annotator == "" {
				who = "no annotator"
			}
			return nil, fmt.Errorf("%s and %s are both text %s by %s: name them apart (ANNOTATOR/TEXT.ann or TEXT.ANNOTATOR.ann) or give an -annotator-pattern that tells them apart",
				shown(other), shown(p), text, who)
		}
		seen[key] = p
		t := byText[text]
		if t == nil {
			t = &CorpusText{Name: text}
			byText[text] = t
		}
		t.Files = append(t.Files, CorpusFile{Path: p, Annotator: annotator})
	}
	out := make([]CorpusText, 0, len(byText))
	for _, t := range byText {
		sort.Slice(t.Files, func(i, j int) bool { return t.Files[i].Annotator < t.Files[j].Annotator })
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// UnionLabels joins the label tables of many imports into one: labels
// compared as the mapping compares them (ignoring case and surrounding
// white space), in the order first met, counts summed; a label is mapped
// when an import mapped it.
func UnionLabels(tables ...[]LabelCount) []LabelCount {
	var out []LabelCount
	at := map[string]int{}
	for _, table := range tables {
		for _, l := range table {
			key := labelKey(l.Label)
			i, ok := at[key]
			if !ok {
				at[key] = len(out)
				out = append(out, l)
				continue
			}
			out[i].Count += l.Count
			if !out[i].Mapped && l.Mapped {
				out[i].Target, out[i].Mapped = l.Target, true
			}
		}
	}
	return out
}

// HasUnmapped reports whether a label of the table has no target.
func HasUnmapped(labels []LabelCount) bool {
	for _, l := range labels {
		if !l.Mapped {
			return true
		}
	}
	return false
}
