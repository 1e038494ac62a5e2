package app

import (
	"errors"
	"fmt"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The library's Import corpus takes a zip of a brat folder too: its .ann
// files with their texts beside them, imported by the command line's
// folder import (formats.ImportCorpus) with the default annotator pattern
// and the labels' proposals.

// importBratZip imports the brat folder zipped in f and stores its texts
// and sets (storeCorpus), all or nothing. A zip with no .ann file is
// neither kind of corpus. Read without opts, a folder whose labels are not
// quotemark's own (or have no type) gives its labels to ask about, and
// nothing is stored; with opts, they are mapped as the answer says.
func importBratZip(f pickedFile, taken map[string]string, opts *formats.ImportOptions) (string, *fileLabels, error) {
	src, err := formats.OpenCorpusZip(f.Bytes)
	if err != nil {
		return "", nil, err
	}
	var chosen formats.ImportOptions
	if opts != nil {
		chosen = *opts
	}
	imp, err := formats.ImportCorpus(src, "brat", nil, chosen)
	var unmapped *formats.UnmappedCorpusLabelsError
	switch {
	case errors.Is(err, formats.ErrNoAnnotationFiles):
		return "", nil, errNotCorpusZip
	case opts == nil && errors.As(err, &unmapped):
		return "", &fileLabels{unmapped.Labels, unmapped.Relations}, nil
	case err != nil:
		return "", nil, err
	case opts == nil && !formats.LabelsAreOwn(imp.Labels):
		return "", &fileLabels{imp.Labels, imp.Relations}, nil
	}
	added, err := storeCorpus(imp.Articles, imp.Sets(), taken)
	if err != nil {
		return "", nil, err
	}
	return bratZipNotice(f.Name, imp, chosen, len(added)), nil, nil
}

// bratZipNotice says what a brat zip's import with opts brought: texts and
// sets, sets and annotations by annotator, what became of the labels,
// relations, split spans and pronouns (CorpusImport.Notes), and what to
// check or place by hand.
func bratZipNotice(name string, imp *formats.CorpusImport, opts formats.ImportOptions, added int) string {
	type tally struct{ sets, annotations int }
	var annotators []string
	by := map[string]*tally{}
	approx, orphans := 0, 0
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
	if notes := imp.Notes(opts); len(notes) > 0 {
		b.WriteString(" " + capitalize(strings.Join(notes, "; ")) + ".")
	}
	if approx > 0 {
		fmt.Fprintf(&b, " %s placed approximately, to check.", annotations.CountOf(approx, "annotation"))
	}
	if orphans > 0 {
		fmt.Fprintf(&b, " %s not placed (under Not placed on its article).", annotations.CountOf(orphans, "annotation"))
	}
	return b.String()
}

// askLabelMap asks, in the label mapping dialog, what the labels of the
// brat folder zipped in f become (proposing the remembered answers);
// Import reads the zip again with the answer and stores it, Cancel leaves
// everything as it was.
func (l *Library) askLabelMap(ctx goapp.Context, f pickedFile, asked fileLabels, remembered formats.LabelMap) {
	pc := l.page(ctx)
	l.labelQ = newLabelQuestion(f.Name, asked, remembered, func(opts formats.ImportOptions, ok bool) {
		pc.Dispatch(func(ctx goapp.Context) {
			l.labelQ = nil
			if !ok {
				l.alert, l.notice = "", "Import cancelled: nothing was imported."
				return
			}
			l.alert, l.notice = "", "Importing "+f.Name+"…"
			l.restoreCorpusFile(ctx, f, &opts)
		})
	})
	l.alert, l.notice = "", ""
}
