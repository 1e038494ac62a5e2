package app

import (
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// When storage refuses a write (a full store), the change is only in this
// page. Its session is then kept here until a write stores it, even after
// its article page is left for another of the app's pages, and opening the
// article again takes it up. While any is kept, every page says so and
// offers Export and Save again (see unsavedNotice), and leaving or reloading
// the page asks first (bridge.js).
var unsavedSessions struct {
	byArticle map[string]*articleSession
	rev       int
}

// noteUnsaved records whether s holds changes storage refused.
func noteUnsaved(s *articleSession) {
	m := unsavedSessions.byArticle
	had := m[s.articleID] == s
	switch has := s.unsaved(); {
	case has && !had:
		if m == nil {
			m = map[string]*articleSession{}
			unsavedSessions.byArticle = m
		}
		m[s.articleID] = s
	case !has && had:
		delete(m, s.articleID)
	default:
		return
	}
	unsavedSessions.rev++
	setUnsavedWarning(len(m) > 0)
}

// keptSession is the session kept for an article with changes not saved.
func keptSession(articleID string) *articleSession {
	return unsavedSessions.byArticle[articleID]
}

// unsavedNotice says, on every page, which articles have changes storage
// refused, and offers to export them or to save them again.
type unsavedNotice struct {
	goapp.Compo
	Rev     int
	problem string // why the last export failed
	// ctx is the notice's own: it is on every page for as long as the page,
	// while a button's element goes with the row it is in, and with it a
	// Save again's outcome.
	ctx goapp.Context
}

func (n *unsavedNotice) OnMount(ctx goapp.Context) { n.ctx = ctx }

func (n *unsavedNotice) Render() goapp.UI {
	var ids []string
	for id := range unsavedSessions.byArticle {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	box := goapp.Div().Class("unsaved")
	if len(ids) == 0 {
		return box
	}
	var rows []goapp.UI
	for _, id := range ids {
		s := unsavedSessions.byArticle[id]
		rows = append(rows, goapp.Div().Role("alert").Class("alert").DataSet("unsaved-article", id).Body(
			goapp.Text(fmt.Sprintf("Changes to %s are not saved: %v. They are kept in this page only, until storage takes them: export them to keep a copy. ",
				s.art.Title, s.failure())),
			goapp.Button().Type("button").Text("Export unsaved work").OnClick(func(ctx goapp.Context, e goapp.Event) { n.export(s) }),
			goapp.Text(" "),
			goapp.Button().Type("button").Text("Save again").OnClick(func(ctx goapp.Context, e goapp.Event) {
				if n.ctx.Src() != nil {
					ctx = n.ctx
				}
				s.retry(ctx)
			}),
		))
	}
	if n.problem != "" {
		rows = append(rows, goapp.Div().Role("alert").Class("alert").Text(n.problem))
	}
	return box.Body(rows...)
}

// export downloads, as quotemark files, each set of s that is not saved.
func (n *unsavedNotice) export(s *articleSession) {
	var sets []*annotations.Set
	for _, id := range s.staleSets() {
		if h, _ := s.historyOf(id); h != nil {
			sets = append(sets, h.Set())
		}
	}
	var problems []string
	for _, set := range sets {
		files, err := exportSafely("quotemark", s.art, set)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, f := range files {
			download(f.Name, f.Data, f.MIME)
		}
	}
	n.problem = ""
	if len(problems) > 0 {
		n.problem = "Export failed: " + strings.Join(problems, "; ")
	}
}

// exportSafely is what a browser downloads for an export of one set
// (formats.ExportDownload: brat as one zip, else formats.Export's files), a
// panic in a writer turned into an error: exporting is what a person does to
// keep their work when something else has gone wrong.
func exportSafely(format string, art *annotations.Article, set *annotations.Set) (files []formats.ExportedFile, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the %s writer failed (%v)", format, r)
		}
	}()
	return formats.ExportDownload(format, art, []*annotations.Set{set})
}
