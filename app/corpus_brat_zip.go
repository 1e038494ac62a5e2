package app

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The library's Import corpus takes a zip of a brat folder too: its .ann
// files with their texts beside them, imported by the command line's
// folder import (formats.ImportCorpus) with the default annotator pattern
// and the labels' proposals.

// defaultAnnotatorPattern reads the annotator from a file's path in the zip.
var defaultAnnotatorPattern = regexp.MustCompile(formats.DefaultAnnotatorPattern)

// importBratZip imports the brat folder zipped in f and stores its texts
// and sets (storeCorpus), all or nothing. A zip with no .ann file is
// neither kind of corpus; labels without a type come back as a
// *formats.UnmappedCorpusLabelsError, and nothing is stored.
func importBratZip(f pickedFile, taken map[string]string) (string, error) {
	src, err := formats.OpenCorpusZip(f.Bytes)
	if err != nil {
		return "", err
	}
	imp, err := formats.ImportCorpus(src, "brat", defaultAnnotatorPattern, formats.ImportOptions{})
	if errors.Is(err, formats.ErrNoAnnotationFiles) {
		return "", errNotCorpusZip
	}
	if err != nil {
		return "", err
	}
	added, err := storeCorpus(imp.Articles, imp.Sets(), taken)
	if err != nil {
		return "", err
	}
	return bratZipNotice(f.Name, imp, len(added)), nil
}

// bratZipNotice says what a brat zip's import brought: texts and sets,
// sets and annotations by annotator, the labels and what they became, and
// what to check or place by hand.
func bratZipNotice(name string, imp *formats.CorpusImport, added int) string {
	type tally struct{ sets, annotations int }
	var annotators []string
	by := map[string]*tally{}
	approx, orphans, split := 0, 0, 0
	for _, f := range imp.Files {
		who := f.Set.Annotator
		if strings.TrimSpace(who) == "" {
			who = "no annotator"
		}
		t := by[who]
		if t == nil {
			t = &tally{}
			by[who] = t
			annotators = append(annotators, who)
		}
		t.sets++
		t.annotations += len(f.Set.Annotations)
		approx += f.Report.Approximate
		orphans += f.Report.Orphaned
		split += f.Imported.Split
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Imported %s, a brat folder: %s (%d new) and %s.", name,
		annotations.CountOf(len(imp.Articles), "text"), added, annotations.CountOf(len(imp.Files), "set"))
	var whose []string
	for _, who := range annotators {
		t := by[who]
		whose = append(whose, fmt.Sprintf("%s %s, %s", who, annotations.CountOf(t.sets, "set"), annotations.CountOf(t.annotations, "annotation")))
	}
	fmt.Fprintf(&b, " By annotator: %s.", strings.Join(whose, "; "))
	var labels []string
	for _, l := range imp.Labels {
		what := "left out"
		if !l.Target.Omit {
			what = l.Target.String()
		}
		labels = append(labels, fmt.Sprintf("%s → %s (%d)", l.Label, what, l.Count))
	}
	if labels != nil {
		fmt.Fprintf(&b, " Labels: %s.", strings.Join(labels, ", "))
	}
	if split > 0 {
		fmt.Fprintf(&b, " %s in fragments became an annotation per fragment.", annotations.CountOf(split, "span"))
	}
	if approx > 0 {
		fmt.Fprintf(&b, " %s placed approximately, to check.", annotations.CountOf(approx, "annotation"))
	}
	if orphans > 0 {
		fmt.Fprintf(&b, " %s not placed (under Not placed on its article).", annotations.CountOf(orphans, "annotation"))
	}
	return b.String()
}

// askLabelMap is where an import whose labels have no type asks for a
// mapping. Until the browser has a dialog for it, it shows the corpus's
// label table (each label, its spans, the type proposed or "no type") as an
// alert, and nothing is imported.
func (l *Library) askLabelMap(ctx goapp.Context, name string, unmapped *formats.UnmappedCorpusLabelsError) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s was not imported: some labels have no type, so nothing was changed.\n", name)
	b.WriteString("Label — spans — type\n")
	for _, lc := range unmapped.Labels {
		what := "no type"
		if lc.Mapped {
			what = lc.Target.String()
			if lc.Target.Omit {
				what = "left out"
			}
		}
		fmt.Fprintf(&b, "%s — %d — %s\n", lc.Label, lc.Count, what)
	}
	fmt.Fprintf(&b, "Labels without a type are in %s.\n", strings.Join(unmapped.Files, ", "))
	fmt.Fprintf(&b, "The command line imports the folder with: quotemark import -from brat -map '%s' -o OUTDIR FOLDER (a ? replaced by quote, speaker, claim or - to leave the label out).",
		formats.SuggestedMap(unmapped.Labels))
	l.alert, l.notice = b.String(), ""
	sayAlertAgain()
}
