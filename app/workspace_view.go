package app

import (
	"fmt"
	"strconv"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func (w *Workspace) Render() goapp.UI {
	if w.loadErr != "" {
		return goapp.Main().Class("workspace").Body(
			goapp.A().Href("/").Text("← Library"),
			goapp.Div().Role("alert").Class("alert").Text(w.loadErr),
		)
	}
	title, text, id := "Loading…", "", w.articleID
	if w.art != nil {
		title, text = w.art.Title, w.art.Text
	}
	return goapp.Main().Class("workspace").Body(
		w.renderToolbar(title),
		messages(w.alert, w.notice),
		goapp.Div().Class("panes").Body(
			goapp.Section().
				Class("article-pane").
				Aria("label", "Article").
				DataSet("scroll", "true").
				OnMouseUp(w.onTextMouseUp).
				Body(&articleText{ArticleID: id, Text: text}),
			goapp.Aside().Class("sidebar").Body(
				renderLegend(),
				w.renderSuggestions(),
				w.renderDetails(),
				w.renderList(),
				w.renderApproximate(),
				w.renderSpeakers(),
				w.renderOrphans(),
			),
		),
	)
}

// keepSelection stops a toolbar button from taking the text selection away.
func keepSelection(ctx goapp.Context, e goapp.Event) { e.PreventDefault() }

func (w *Workspace) renderToolbar(title string) goapp.UI {
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
	for i, hs := range w.sets {
		st := hs.Set()
		setOptions = append(setOptions, goapp.Option().Value(st.ID).Selected(i == w.active).
			Text(fmt.Sprintf("%s — %d annotations", annotatorLabel(st.Annotator), len(st.Annotations))))
	}
	saveLabel := map[string]string{"saved": "Saved", "saving": "Saving…", "error": "Not saved"}[w.saveState]
	return goapp.Header().Class("toolbar").Body(
		goapp.A().Class("home").Href("/").Text("← Library"),
		goapp.H1().Class("title").Text(title),
		goapp.Div().Class("tools").Aria("label", "Tag").Role("toolbar").Body(
			toolButton("Quote", "Q", "quote", func(ctx goapp.Context, e goapp.Event) { w.tag(ctx, annotations.Quote) }, false),
			toolButton("Speaker", "S", "speaker", func(ctx goapp.Context, e goapp.Event) { w.tag(ctx, annotations.Mention) }, false),
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
			goapp.Button().Type("button").Text("New set").Disabled(!w.ready).OnClick(func(ctx goapp.Context, e goapp.Event) { w.newSet(ctx) }),
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
			goapp.Span().Role("status").Class("save-state").DataSet("save-state", w.saveState).Text(saveLabel),
		),
	)
}

func (w *Workspace) exportOptions() []goapp.UI {
	var opts []goapp.UI
	for _, f := range annotations.ExportFormats() {
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

func (w *Workspace) renderList() goapp.UI {
	s := w.set()
	var items []annotations.Annotation
	if s != nil {
		items = s.Annotations
	}
	return goapp.Section().Class("list-pane").Body(
		goapp.H2().Text(fmt.Sprintf("Annotations (%d)", len(items))),
		goapp.Ul().Role("list").Aria("label", "Annotations").Class("annotations").DataSet("count", len(items)).Body(
			goapp.Range(items).Slice(func(i int) goapp.UI {
				a := items[i]
				id := a.ID
				speaker := s.SpeakerName(a.Speaker)
				li := goapp.Li().Role("listitem").Class("item", string(a.Type)).
					DataSet("annotation-id", a.ID).DataSet("type", string(a.Type)).
					DataSet("start", strconv.Itoa(a.Start)).DataSet("end", strconv.Itoa(a.End)).
					TabIndex(0).
					OnClick(func(ctx goapp.Context, e goapp.Event) { w.selectAnnotation(ctx, id, true) }, goapp.EventScope(id)).
					OnKeyDown(func(ctx goapp.Context, e goapp.Event) {
						if e.Get("key").String() == "Enter" {
							w.selectAnnotation(ctx, id, true)
						}
					}, goapp.EventScope(id)).
					Body(
						goapp.Span().Class("kind").Text(typeLabel(a)),
						goapp.Span().Class("exact").Text(a.Exact),
						goapp.If(speaker != "", func() goapp.UI {
							return goapp.Span().Class("who").Text("— " + speaker)
						}),
					)
				if a.ID == w.selected {
					li = li.Aria("current", "true")
				}
				return li
			}),
		),
	)
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
