package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Library is the start page: the articles, how much each is annotated in
// this browser, opening an article from disk, and the annotator's name.
type Library struct {
	goapp.Compo

	articles  []articleInfo
	counts    map[string]int
	annotator string
	ready     bool
	alert     string
	notice    string
	dragging  bool

	sets     map[string][]annotations.SetSummary // each article's sets, by article id
	trash    []trashEntry                        // the Trash, latest first
	deleting *pendingDelete                      // a deletion waiting for its confirmation
	undo     undoNotice                          // the Undo of the last deletion, for a few seconds
	labelQ   *labelQuestion                      // the label mapping a corpus import waits for
	// pageCtx is the library's own context: a deletion's outcome comes
	// after the render removed the button that asked for it, and go-app
	// drops a Dispatch whose element is gone.
	pageCtx goapp.Context
}

// OnMount keeps the library's own context.
func (l *Library) OnMount(ctx goapp.Context) { l.pageCtx = ctx }

// page is the context for work that must outlive the event's element.
func (l *Library) page(ctx goapp.Context) goapp.Context {
	if l.pageCtx.Src() != nil {
		return l.pageCtx
	}
	return ctx
}

// OnNav loads the list.
func (l *Library) OnNav(ctx goapp.Context) {
	ctx.Page().SetTitle("quotemark")
	if goapp.IsServer {
		return // the browser loads the list from its own storage
	}
	l.reload(ctx)
}

// reload reads the library, the counts and the Trash from storage.
func (l *Library) reload(ctx goapp.Context) {
	ctx = l.page(ctx)
	ctx.Async(func() {
		list, err := loadLibrary()
		counts, cerr := annotationCounts()
		trash, terr := listTrash()
		sets, serr := loadLibrarySets()
		annotator, _, _ := storeGet(keyAnnotator)
		ctx.Dispatch(func(ctx goapp.Context) {
			l.articles, l.counts, l.annotator, l.trash, l.sets, l.ready = list, counts, annotator, trash, sets, true
			if err = firstErr(err, cerr, terr, serr); err != nil {
				l.alert = err.Error()
			}
		})
	})
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *Library) Render() goapp.UI {
	ready := "false"
	if l.ready {
		ready = "true"
	}
	now := time.Now()
	return goapp.Main().Class("library").Class(dropClass(l.dragging)).
		OnDragOver(l.onDragOver).OnDragLeave(func(ctx goapp.Context, e goapp.Event) { l.dragging = false }).
		OnDrop(l.onDrop).
		Body(
			goapp.Header().Class("masthead").Body(
				goapp.H1().Text("quotemark"),
				goapp.P().Class("tagline").Text("Tag who said what in news articles: quotes, speakers and checkable claims. Everything stays in this browser until you export it."),
			),
			messages(l.alert, l.notice),
			goapp.Section().Class("controls").Body(
				goapp.Label().Class("file-button primary").Body(
					goapp.Span().Text("Open article…"),
					goapp.Input().Type("file").Accept(".txt,text/plain").Aria("label", "Open article").OnChange(l.onOpen),
				),
				goapp.Span().Class("hint").Text("or drop a UTF-8 .txt file on this page"),
				goapp.A().Class("button").Href("/corpus").Text("Speakers and shared quotes"),
				goapp.Button().Type("button").Text("Export corpus").Disabled(!l.ready).
					Title("Every article and every set in this browser, as one zip").
					OnClick(func(ctx goapp.Context, e goapp.Event) { l.exportCorpus(ctx) }),
				goapp.Label().Class("file-button").Body(
					goapp.Span().Text("Import corpus…"),
					goapp.Input().Type("file").Accept(".zip,application/zip").Aria("label", "Import corpus").OnChange(l.importCorpus),
				),
				goapp.Label().Class("field inline").Body(
					goapp.Span().Text("Annotator"),
					goapp.Input().Type("text").Aria("label", "Annotator").Placeholder("your name").Value(l.annotator).
						OnChange(l.onAnnotator),
				),
			),
			goapp.Ul().Class("articles").Aria("label", "Articles").DataSet("ready", ready).Body(
				goapp.Range(l.articles).Slice(func(i int) goapp.UI {
					a := l.articles[i]
					n := l.counts[a.ID]
					return goapp.Li().DataSet("article-id", a.ID).Body(
						goapp.A().Href("/article/"+url.PathEscape(a.ID)).Text(a.Title),
						goapp.Span().Class("meta").Text(fmt.Sprintf("%s · %s characters", a.ID, groupDigits(a.Length))),
						goapp.Span().Class("count").DataSet("count", n).Text(annotations.CountOf(n, "annotation")),
						goapp.Button().Type("button").Class("delete-article danger").Text("Delete…").
							Aria("label", "Delete "+a.Title).Disabled(l.deleting != nil).
							OnClick(func(ctx goapp.Context, e goapp.Event) { l.askDelete(ctx, a.ID) }, goapp.EventScope(a.ID)),
						l.renderArticleSets(a.ID, now),
					)
				}),
			),
			l.renderTrash(),
			l.renderUndo(),
			l.renderConfirm(),
			&labelMapDialog{Q: l.labelQ},
		)
}

func dropClass(on bool) string {
	if on {
		return "dropping"
	}
	return ""
}

func (l *Library) onDragOver(ctx goapp.Context, e goapp.Event) {
	e.PreventDefault()
	l.dragging = true
}

func (l *Library) onDrop(ctx goapp.Context, e goapp.Event) {
	e.PreventDefault()
	l.dragging = false
	l.openFiles(ctx, e.Get("dataTransfer").Get("files"), goapp.Null())
}

func (l *Library) onOpen(ctx goapp.Context, e goapp.Event) {
	l.openFiles(ctx, ctx.JSSrc().Get("files"), ctx.JSSrc())
}

// openFiles adds the first file as an article and opens it. A refused file
// changes nothing and says why.
func (l *Library) openFiles(ctx goapp.Context, files, input goapp.Value) {
	if files.Length() == 0 {
		return
	}
	ctx.Async(func() {
		picked, err := readFiles(files, annotations.MaxArticleBytes)
		ctx.Dispatch(func(ctx goapp.Context) {
			if input.Truthy() {
				input.Set("value", "")
			}
			if err != nil {
				l.alert = err.Error()
				return
			}
			f := picked[0]
			art, err := l.articleFromFile(f)
			var notArticle notArticleError
			switch {
			case errors.As(err, &notArticle):
				l.alert = err.Error() // names the file and says where it goes
				return
			case err != nil:
				l.alert = fmt.Sprintf("%s was not opened: %v", f.Name, err)
				return
			}
			l.alert = ""
			for _, a := range l.articles {
				if a.SHA256 == art.SHA256 {
					ctx.Navigate("/article/" + url.PathEscape(a.ID)) // already here
					return
				}
			}
			ctx.Async(func() {
				err := saveOpenedArticle(art)
				ctx.Dispatch(func(ctx goapp.Context) {
					if err != nil {
						l.alert = fmt.Sprintf("%s was not kept: %v", f.Name, err)
						return
					}
					ctx.Navigate("/article/" + url.PathEscape(art.ID))
				})
			})
		})
	})
}

func (l *Library) articleFromFile(f pickedFile) (*annotations.Article, error) {
	if err := annotations.CheckArticleSize(f.Size); err != nil {
		return nil, err
	}
	if err := annotations.CheckArticleFile(f.Name, f.Bytes); err != nil {
		return nil, notArticleError{err}
	}
	taken := map[string]bool{}
	for _, a := range l.articles {
		taken[a.ID] = true
	}
	id := annotations.UniqueID(annotations.ArticleIDFromFilename(f.Name), func(id string) bool { return taken[id] })
	return annotations.NewArticle(id, f.Bytes)
}

func (l *Library) onAnnotator(ctx goapp.Context, e goapp.Event) {
	name := strings.TrimSpace(ctx.JSSrc().Get("value").String())
	l.annotator = name
	wait := storePut(map[string]string{keyAnnotator: name})
	ctx.Async(func() {
		if err := wait(); err != nil {
			ctx.Dispatch(func(goapp.Context) { l.alert = err.Error() })
		}
	})
}

func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
