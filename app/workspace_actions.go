package app

import (
	"fmt"
	"strings"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shortcut tells which keys the workspace handles, so the key listener can
// prevent the browser's default synchronously.
func shortcut(key string, ctrl bool) bool {
	key = shortcutKey(key)
	if ctrl {
		switch key {
		case "z", "y":
			return true
		}
		return false
	}
	switch key {
	case "q", "s", "c", "Delete", "Backspace", "Escape",
		"[", "]", "{", "}": // a selected annotation's start and end (article_keys.go)
		return true
	}
	return false
}

func (w *Workspace) onShortcut(ctx goapp.Context, key string, ctrl, shift bool) {
	if !w.ready {
		return
	}
	key = shortcutKey(key)
	switch {
	case ctrl && key == "z" && shift, ctrl && key == "y":
		w.redo(ctx)
	case ctrl && key == "z":
		w.undo(ctx)
	case key == "q":
		w.tag(ctx, annotations.Quote)
	case key == "s":
		w.tag(ctx, annotations.SpeakerMention)
	case key == "c":
		w.tag(ctx, annotations.Claim)
	case key == "Delete" || key == "Backspace":
		w.deleteSelected(ctx)
	case key == "Escape":
		w.setSelected(ctx, "")
		w.alert = ""
	case key == "[" || key == "]":
		w.moveSelectedEdge(ctx, annotations.StartEdge, key == "]")
	case key == "{" || key == "}":
		w.moveSelectedEdge(ctx, annotations.EndEdge, key == "}")
	}
}

// selectedSpan is the text selection in code points, trimmed of white space
// and never splitting a character; without one it shows hint.
func (w *Workspace) selectedSpan(hint string) (start, end int, ok bool) {
	u16start, u16end, ok := textSelection(textID)
	if !ok {
		w.alert = hint
		sayAlertAgain()
		return 0, 0, false
	}
	o := w.art.Offsets()
	start, end, ok = o.TrimSpan(o.FromUTF16(u16start, false), o.FromUTF16(u16end, true))
	if !ok {
		w.alert = "The selection holds only white space."
		sayAlertAgain()
	}
	return start, end, ok
}

// tag makes an annotation of the text selection. Tagging a speaker mention
// while an unattributed quote is selected attributes that quote: tag a quote,
// then its speaker's name.
func (w *Workspace) tag(ctx goapp.Context, typ annotations.Type) {
	defer w.recoverAlert()
	start, end, ok := w.selectedSpan("Select some of the article's text first, then press Q, S or C.")
	if !ok {
		return
	}
	attributeTo := ""
	if sel, ok := w.set().Annotation(w.selected); ok && typ == annotations.SpeakerMention && sel.Type == annotations.Quote && sel.Speaker == "" {
		attributeTo = sel.ID
	}
	var created annotations.Annotation
	ok = w.change(ctx, "", func(s *annotations.Set) error {
		a, err := s.Add(w.art, typ, start, end)
		if err != nil {
			return err
		}
		created = a
		if attributeTo != "" {
			return s.Attribute(attributeTo, a.Speaker)
		}
		return nil
	})
	if !ok {
		return
	}
	w.setSelected(ctx, created.ID)
	w.listReveal = created.ID
	w.notice = ""
	if attributeTo != "" {
		w.notice = fmt.Sprintf("Quote attributed to %s.", annotations.ShownName(w.set().SpeakerName(created.Speaker)))
	}
	w.announceTagged(created)
	clearTextSelection()
	w.collapseCaret()
}

func (w *Workspace) deleteSelected(ctx goapp.Context) {
	defer w.recoverAlert()
	if w.selected == "" {
		return
	}
	id := w.selected
	if w.change(ctx, "", func(s *annotations.Set) error { return s.Delete(id) }) {
		w.setSelected(ctx, "")
	}
}

// selectAnnotation selects an annotation and brings it into view.
// scrollText is set when the selection came from the list, so the text
// moves to it; a click in the text brings its row into the list's view.
func (w *Workspace) selectAnnotation(ctx goapp.Context, id string, scrollText bool) {
	w.setSelected(ctx, id)
	a, ok := w.set().Annotation(id)
	if !ok {
		return
	}
	if scrollText {
		at := w.art.Offsets().UTF16(a.Start)
		w.page(ctx).Defer(func(goapp.Context) { scrollTextTo(textID, at) })
	} else {
		w.listReveal = id
	}
}

// onTextMouseUp selects the annotation under a click. A drag that made a
// text selection leaves the annotation selected, ready for tagging.
func (w *Workspace) onTextMouseUp(ctx goapp.Context, e goapp.Event) {
	if !w.ready {
		return
	}
	defer w.recoverAlert()
	if start, end, ok := textSelection(textID); ok {
		w.caretFromMouse(start, end, true)
		return
	}
	off, ok := caretAt(textID, e.Get("clientX").Int(), e.Get("clientY").Int())
	if !ok {
		return
	}
	w.caretFromMouse(off, off, false)
	hits := w.set().At(w.art.Offsets().FromUTF16(off, false))
	if len(hits) == 0 {
		if w.selected != "" {
			w.selectAnnotation(ctx, "", false)
		}
		return
	}
	next := hits[0]
	for i, h := range hits { // clicking again steps out through nested spans
		if h.ID == w.selected {
			next = hits[(i+1)%len(hits)]
		}
	}
	w.selectAnnotation(ctx, next.ID, false)
}

// export downloads the active set in the chosen format.
func (w *Workspace) export(ctx goapp.Context) {
	s := w.set()
	if s == nil {
		return
	}
	format := w.exportFormat
	if format == "" {
		format = "quotemark"
	}
	files, err := exportSafely(format, w.art, s)
	if err != nil {
		w.alert = "Export failed: " + err.Error()
		return
	}
	var names []string
	for _, f := range files {
		download(f.Name, f.Data, f.MIME)
		names = append(names, f.Name)
	}
	if n := len(s.Orphans); n > 0 {
		w.alert = fmt.Sprintf("Exported without %d annotation(s) that could not be placed on this text; they are listed under Not placed.", n)
	} else {
		w.notice = fmt.Sprintf("Exported %d annotations as %s.", len(s.Annotations), strings.Join(names, " and "))
		announce(w.notice) // said again when it repeats the last export's
	}
}

// importFiles adds each readable set file beside the current sets. A refused
// file changes nothing; the alert names the file, the rule and the place.
// Files whose labels are another tool's wait for the label mapping dialog:
// nothing is imported before it is answered.
func (w *Workspace) importFiles(ctx goapp.Context, e goapp.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	ctx = w.page(ctx)
	ctx.Async(func() {
		picked, err := readFilesSafely(files, annotations.MaxImportBytes)
		remembered := loadRememberedLabels()
		ctx.Dispatch(func(ctx goapp.Context) {
			input.Set("value", "")
			if err != nil {
				w.alert = err.Error()
				return
			}
			w.planImport(ctx, picked, remembered)
		})
	})
}

// pendingImport is one picked file an import will read, in its format;
// mapped when its labels go through the label mapping dialog.
type pendingImport struct {
	file   pickedFile
	format string
	mapped bool
	// imported is the file read with no mapping, for one that needs none.
	imported *formats.Imported
}

// planImport reads what the picked files are; those whose labels are not
// quotemark's own ask the label mapping dialog once for all of them
// (proposing the remembered answers), and the import waits for its answer.
func (w *Workspace) planImport(ctx goapp.Context, picked []pickedFile, remembered formats.LabelMap) {
	var pending []pendingImport
	var problems []string
	var tables [][]formats.LabelCount
	var relTables [][]formats.RelationCount
	var mappedNames []string
	for _, f := range picked {
		p, asked, err := readImportPlan(f, w.art)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s was not imported: %v", f.Name, err))
			continue
		}
		if p.mapped {
			tables, relTables = append(tables, asked.labels), append(relTables, asked.relations)
			mappedNames = append(mappedNames, f.Name)
		}
		pending = append(pending, p)
	}
	if tables == nil {
		w.finishImport(ctx, pending, formats.ImportOptions{}, problems)
		return
	}
	pc := w.page(ctx)
	w.labelQ = newLabelQuestion(strings.Join(mappedNames, ", "), fileLabels{formats.UnionLabels(tables...), formats.UnionRelations(relTables...)}, remembered, func(opts formats.ImportOptions, ok bool) {
		pc.Dispatch(func(ctx goapp.Context) {
			w.labelQ = nil
			if !ok {
				w.alert = strings.Join(problems, "\n")
				w.notice = "Import cancelled: nothing was imported."
				return
			}
			w.finishImport(ctx, pending, opts, problems)
		})
	})
	w.alert, w.notice = strings.Join(problems, "\n"), ""
}

// readImportPlan finds a file's format and, for another tool's, its
// labels and relation names; a file that breaks its format's rules gives
// the import's error.
func readImportPlan(f pickedFile, art *annotations.Article) (p pendingImport, asked fileLabels, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the importer failed on it (%v)", r)
		}
	}()
	if f.Bytes == nil && f.Size > 0 {
		return p, asked, fmt.Errorf("the file is too large (%d bytes)", f.Size)
	}
	p = pendingImport{file: f}
	if p.format, err = formats.DetectFormat(f.Bytes, f.Name); err != nil {
		return p, asked, err
	}
	if p.format == "quotemark" {
		return p, asked, nil
	}
	scan, err := formats.ScanLabels(p.format, f.Bytes, art)
	if err != nil {
		return p, asked, err
	}
	asked = fileLabels{scan.Labels, scan.Relations}
	p.mapped = !formats.LabelsAreOwn(scan.Labels)
	if !p.mapped {
		p.imported = scan.Imported // what an import with no mapping gives: not read again
	}
	return p, asked, nil
}

// finishImport imports the pending files with opts (the label mapping's
// answer, or none) and reports each.
func (w *Workspace) finishImport(ctx goapp.Context, pending []pendingImport, opts formats.ImportOptions, problems []string) {
	var notes []string
	for _, p := range pending {
		if msg, err := w.importSet(ctx, p, opts); err != nil {
			problems = append(problems, fmt.Sprintf("%s was not imported: %v", p.file.Name, err))
		} else {
			notes = append(notes, msg)
		}
	}
	w.alert = strings.Join(problems, "\n")
	w.notice = strings.Join(notes, " ")
	announce(w.notice) // said again when it repeats the last report
	sayAlertAgain()
	w.revs.all()
	w.repaint(ctx)
}

// importSet adds the sets of one file. A file whose content breaks a rule
// adds nothing, nor does one an importer fails on.
func (w *Workspace) importSet(ctx goapp.Context, p pendingImport, opts formats.ImportOptions) (string, error) {
	if !p.mapped {
		opts = formats.ImportOptions{} // the dialog's answer is about the mapped files
	}
	imp, err := importSafely(p, opts, w.art)
	if err != nil {
		return "", err
	}
	var msgs []string
	for i, s := range imp.Sets {
		msgs = append(msgs, w.addImported(ctx, p.file.Name, p.format, s, imp.Reports[i]))
	}
	if notes := imp.Notes(opts); len(notes) > 0 {
		msgs = append(msgs, capitalize(strings.Join(notes, "; "))+".")
	}
	return strings.Join(msgs, " "), nil
}

// readFilesSafely is readFiles with a panic (a file the browser hands over
// in a shape the bridge does not expect) turned into an error: it runs in a
// goroutine of its own, where a panic would end the program.
func readFilesSafely(files goapp.Value, maxBytes int) (picked []pickedFile, err error) {
	defer func() {
		if r := recover(); r != nil {
			picked, err = nil, fmt.Errorf("the files could not be read (%v)", r)
		}
	}()
	return readFiles(files, maxBytes)
}

// importSafely imports a pending file: one whose labels need no mapping
// was imported already when its labels were read; another tool's with
// mapped labels through formats.ImportWith with opts, as the command line
// does; quotemark's own as formats.Import reads it. A panic in an importer
// is turned into an error: a file a reader cannot cope with must not end
// the program.
func importSafely(p pendingImport, opts formats.ImportOptions, art *annotations.Article) (imp *formats.Imported, err error) {
	defer func() {
		if r := recover(); r != nil {
			imp, err = nil, fmt.Errorf("the importer failed on it (%v)", r)
		}
	}()
	if p.imported != nil {
		return p.imported, nil
	}
	if p.format != "quotemark" {
		return formats.ImportWith(p.format, p.file.Bytes, art, opts)
	}
	sets, reports, err := formats.Import(p.format, p.file.Bytes, art)
	if err != nil {
		return nil, err
	}
	return &formats.Imported{Sets: sets, Reports: reports}, nil
}

// addImported puts one imported set beside the others: it never replaces
// work, except an empty, untouched set, which it takes the place of.
func (w *Workspace) addImported(ctx goapp.Context, name, format string, s *annotations.Set, rep *annotations.AnchorReport) string {
	for i, h := range w.sess.histories {
		if h.Set().ID != s.ID {
			continue
		}
		if string(annotations.Write(h.Set())) == string(annotations.Write(s)) && len(s.Orphans) == 0 {
			w.switchSet(ctx, i)
			return fmt.Sprintf("%s is already here; it is now the active set.", name)
		}
		s.ID = annotations.NewID() // a different version: keep both
	}
	current := w.set()
	replaceEmpty := current != nil && current.Empty()
	if replaceEmpty {
		wait := w.sess.removeActive()
		ctx := w.page(ctx)
		ctx.Async(func() {
			if err := wait(); err != nil {
				ctx.Dispatch(func(goapp.Context) { w.alert = err.Error() })
			}
		})
	}
	msg := fmt.Sprintf("Imported %s (%s): %d annotations by %s", name, format, len(s.Annotations), annotations.AnnotatorLabel(s.Annotator))
	if rep != nil {
		exact := len(rep.Placements) - rep.Approximate - rep.Orphaned
		msg += fmt.Sprintf(" — %d placed exactly, %d approximately, %d not placed.", exact, rep.Approximate, rep.Orphaned)
		if rep.Approximate > 0 || rep.Orphaned > 0 {
			msg += " Check them under Placed approximately and Not placed."
		}
	} else {
		msg += "."
	}
	active := replaceEmpty || current == nil
	w.awaitSave(ctx, w.sess.add(s, active))
	if active {
		w.selected = ""
	} else {
		msg += " Choose it under Active set to work on it."
	}
	return msg
}

func (w *Workspace) switchSet(ctx goapp.Context, i int) {
	defer w.recoverAlert()
	wait, ok := w.sess.activate(i)
	if !ok {
		return
	}
	w.selected = ""
	pc := w.page(ctx)
	pc.Async(func() {
		if err := wait(); err != nil {
			pc.Dispatch(func(goapp.Context) { w.alert = err.Error() })
		}
	})
	w.revs.all()
	w.repaint(ctx)
}

// newSet starts an empty set for this annotator beside the others.
func (w *Workspace) newSet(ctx goapp.Context) {
	defer w.recoverAlert()
	w.sess.histories = append(w.sess.histories, annotations.NewHistory(annotations.NewSet(w.art, w.annotator, time.Now())))
	w.switchSet(ctx, len(w.sess.histories)-1)
}
