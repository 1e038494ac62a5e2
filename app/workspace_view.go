package app

import (
	"time"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Render lays out the page. Each part is a component that re-renders only
// when its revision moves, so this render stays cheap at any set size.
func (w *Workspace) Render() goapp.UI {
	if w.loadErr != "" {
		return goapp.Main().Class("workspace").Body(
			goapp.A().Href("/").Text("← Library"),
			goapp.Div().Role("alert").Class("alert").Text(w.loadErr),
		)
	}
	text, id := "", w.articleID
	if w.art != nil {
		text = w.art.Text
	}
	return goapp.Main().Class("workspace").Body(
		&toolbar{W: w, Rev: w.revs.toolbar},
		messages(w.alert, w.notice),
		goapp.Div().Class("panes").Body(
			goapp.Section().
				Class("article-pane").
				Aria("label", "Article").
				OnMouseUp(w.onTextMouseUp).
				Body(&articleText{ArticleID: id, Text: text}, w.renderCaretStatus()),
			goapp.Aside().ID(sidebarID).Class("sidebar", drawerClass(w.drawerOpen)).Aria("label", "Annotations").
				OnKeyDown(w.onSidebarKey).Body(
				w.renderDrawerClose(),
				renderLegend(),
				&suggestionPanel{W: w, Rev: w.revs.suggestions},
				&detailsPanel{W: w, Rev: w.revs.details},
				&annotationList{W: w, Rev: w.revs.list},
				&approximatePanel{W: w, Rev: w.revs.approximate},
				&speakersPanel{W: w, Rev: w.revs.speakers},
				&orphansPanel{W: w, Rev: w.revs.orphans},
			),
		),
		&labelMapDialog{Q: w.labelQ},
	)
}

// keepSelection stops a toolbar button from taking the text selection away.
func keepSelection(ctx goapp.Context, e goapp.Event) { e.PreventDefault() }

// toolbar is the page's header: tag buttons, undo, sets, import and export.
type toolbar struct {
	goapp.Compo
	W   *Workspace
	Rev int
}

func (t *toolbar) Render() goapp.UI {
	w := t.W
	title := "Loading…"
	if w.art != nil {
		title = w.art.Title
	}
	s := w.set()
	h := w.history()
	toolButton := func(label, key, class string, onClick goapp.EventHandler, disabled bool) goapp.UI {
		b := goapp.Button().Type("button").Class("tool", class).Text(label).
			OnMouseDown(keepSelection).OnClick(onClick).Disabled(disabled || !w.ready)
		if key != "" {
			b = b.Title(label+" ("+key+")").Aria("keyshortcuts", key)
		}
		return b
	}
	var setOptions []goapp.UI
	var histories []*annotations.History
	active := -1
	if w.sess != nil {
		histories, active = w.sess.histories, w.sess.active
	}
	sets := make([]*annotations.Set, len(histories))
	for i, hs := range histories {
		sets[i] = hs.Set()
	}
	// Annotator, date modified and count, so that two sets of one
	// annotator with one count are told apart.
	for i, label := range annotations.SetLabels(sets, time.Now()) {
		setOptions = append(setOptions, goapp.Option().Value(sets[i].ID).Selected(i == active).Text(label))
	}
	var nameField goapp.UI = goapp.Label().Class("set-name")
	if s != nil {
		nameField = &setNameField{W: w, SetID: s.ID, Name: s.Annotator}
	}
	saveLabel := map[string]string{"saved": "Saved", "saving": "Saving…", "error": "Not saved"}[w.saveState()]
	announceSaveState(w.saveState())
	return goapp.Header().Class("toolbar").Body(
		goapp.A().Class("home").Href("/").Text("← Library"),
		goapp.H1().Class("title").Text(title),
		w.renderDrawerToggle(),
		goapp.Div().Class("tools").Aria("label", "Tag").Role("toolbar").Body(
			toolButton("Quote", "Q", "quote", func(ctx goapp.Context, e goapp.Event) { w.tag(ctx, annotations.Quote) }, false),
			toolButton("Speaker", "S", "speaker", func(ctx goapp.Context, e goapp.Event) { w.tag(ctx, annotations.SpeakerMention) }, false),
			toolButton("Claim", "C", "claim", func(ctx goapp.Context, e goapp.Event) { w.tag(ctx, annotations.Claim) }, false),
			toolButton("Suggest", "", "", func(ctx goapp.Context, e goapp.Event) { w.startSuggesting(ctx) }, false),
			toolButton("Delete", "Delete", "", func(ctx goapp.Context, e goapp.Event) { w.deleteSelected(ctx) }, w.selected == ""),
			toolButton("Undo", "Control+Z", "", func(ctx goapp.Context, e goapp.Event) { w.undo(ctx) }, h == nil || !h.CanUndo()),
			toolButton("Redo", "Control+Shift+Z", "", func(ctx goapp.Context, e goapp.Event) { w.redo(ctx) }, h == nil || !h.CanRedo()),
		),
		goapp.Div().Class("sets").Body(
			goapp.Label().Class("set-picker").Body(
				goapp.Span().Text("Active set"),
				goapp.Select().Aria("label", "Active set").Disabled(!w.ready).
					OnChange(func(ctx goapp.Context, e goapp.Event) {
						w.switchSet(ctx, ctx.JSSrc().Get("selectedIndex").Int())
					}).Body(setOptions...),
			),
			nameField,
			goapp.Button().Type("button").Text("New set").Disabled(!w.ready).OnClick(func(ctx goapp.Context, e goapp.Event) { w.newSet(ctx) }),
			goapp.Button().Type("button").Class("delete-set danger").Text("Delete set…").Disabled(!w.ready || s == nil).OnClick(w.askDeleteSet),
			goapp.Label().Class("file-button").Body(
				goapp.Span().Text("Import"),
				goapp.Input().Type("file").Accept(".json,.jsonl,.ann,.csv,application/json,text/csv").Multiple(true).
					Aria("label", "Import annotations").Disabled(!w.ready).OnChange(w.importFiles),
			),
			goapp.Select().Aria("label", "Export format").Disabled(!w.ready).
				OnChange(func(ctx goapp.Context, e goapp.Event) { w.exportFormat = ctx.JSSrc().Get("value").String() }).
				Body(w.exportOptions()...),
			goapp.Button().Type("button").Text("Export").Disabled(!w.ready || s == nil).
				OnClick(func(ctx goapp.Context, e goapp.Event) { w.export(ctx) }),
			goapp.A().Class("button").Href("/compare/"+w.articleID).Text("Compare sets"),
			// Shown, not said: the page's live region says a change of it
			// (announceSaveState), not every edit's Saving… and Saved.
			goapp.Span().Role("status").Aria("live", "off").Class("save-state").DataSet("save-state", w.saveState()).Text(saveLabel),
			renderConfirmDelete(w.deleteSetQuestion(), w.confirmDeleteSet, w.cancelDeleteSet),
			renderUndoNotice(w.setDelete.undo, w.undoDeleteSet),
		),
	)
}

func (w *Workspace) exportOptions() []goapp.UI {
	var opts []goapp.UI
	for _, f := range formats.ExportFormats() {
		selected := f.Name == w.exportFormat || w.exportFormat == "" && f.Name == "quotemark"
		opts = append(opts, goapp.Option().Value(f.Name).Selected(selected).Title("Offsets in "+f.Offsets+". Keeps "+f.Keeps+". Loses "+f.Loses+".").
			Text(f.Label))
	}
	return opts
}

func renderLegend() goapp.UI {
	item := func(class, label, key string) goapp.UI {
		return goapp.Li().Body(goapp.Span().Class("swatch", class).Aria("hidden", "true"), goapp.Text(label+" "), goapp.Kbd().Text(key))
	}
	return goapp.Section().Class("legend").Aria("label", "Legend").Body(
		goapp.Ul().Body(
			item("quote", "Quote", "Q"),
			item("speaker", "Speaker", "S"),
			item("claim", "Claim", "C"),
		),
		goapp.P().Class("hint").Text("Select text and press a key. Tag a quote, then its speaker's name, to attribute it."),
	)
}

// announceTagged says what tagging made: the attribution when it
// attributed a quote (said again when it repeats the last one, as two
// quotes in a row attributed to one speaker do), else the new row's name.
func (w *Workspace) announceTagged(created annotations.Annotation) {
	if w.notice != "" {
		announce(w.notice)
		return
	}
	announce("Added " + rowLabel(created, w.set().SpeakerName(created.Speaker)) + ".")
}

func typeLabel(a annotations.Annotation) string {
	switch a.Type {
	case annotations.Quote:
		if a.Form != "" && a.Form != annotations.Direct {
			return "quote (" + string(a.Form) + ")"
		}
		return "quote"
	case annotations.Claim:
		if a.Checkworthy {
			return "claim ✓"
		}
		return "claim"
	}
	return string(a.Type)
}
