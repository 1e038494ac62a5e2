package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/corpus"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// corpusSpeakerRow is one speaker row of the corpus page. go-app re-renders
// a component when one of its exported fields changes, and the page passes
// only what the row shows: its key, a revision that moves when a merge
// changes the row, whether it is open, whether its merge form is open. So a
// merge re-renders the rows whose place or content changed, and the others
// stay as they are. (go-app diffs children by index: rows after the one
// merged away move up one place and re-render; closed, each is a few nodes.)
//
// A closed row holds no quote nodes: its quote list is rendered while its
// <details> is open. Only the row whose merge form is open lists the other
// speakers.
type corpusSpeakerRow struct {
	goapp.Compo
	P       *CorpusPage
	Key     string
	Rev     int
	Open    bool
	Merging bool
	Many    bool // there is another row to merge with
}

func (r *corpusSpeakerRow) Render() goapp.UI {
	sp, ok := r.P.speaker(r.Key)
	if !ok {
		return goapp.Li()
	}
	articles := map[string]bool{}
	for _, q := range sp.Quotes {
		articles[q.ArticleID] = true
	}
	return goapp.Li().DataSet("speaker-key", sp.Key).DataSet("quotes", len(sp.Quotes)).DataSet("articles", len(articles)).Body(
		goapp.Details().Open(r.Open).On("toggle", r.onToggle).Body(
			goapp.Summary().Body(
				goapp.Strong().Body(goapp.Bdi().Text(annotations.ShownName(sp.Name))),
				goapp.Span().Class("meta").Body(shownNames(fmt.Sprintf(" · %s in %s · as ",
					annotations.CountOf(len(sp.Quotes), "quote"), annotations.CountOf(len(articles), "article")), sp.Names)...),
			),
			goapp.If(r.Open, func() goapp.UI {
				return goapp.Ul().Class("quotes").Body(goapp.Range(sp.Quotes).Slice(func(i int) goapp.UI { return renderCorpusQuote(sp.Quotes[i]) }))
			}),
		),
		goapp.If(r.Many, func() goapp.UI { return r.renderMerge(sp) }),
	)
}

// shownNames is lead followed by the names, each isolated and shown as
// annotations.ShownName writes it, separated by commas.
func shownNames(lead string, names []string) []goapp.UI {
	out := make([]goapp.UI, 0, 2*len(names)+1)
	out = append(out, goapp.Text(lead))
	for i, n := range names {
		if i > 0 {
			out = append(out, goapp.Text(", "))
		}
		out = append(out, goapp.Bdi().Text(annotations.ShownName(n)))
	}
	return out
}

// onToggle follows the row's <details> as the person opens and closes it
// (or as a re-render does when another row takes this place).
func (r *corpusSpeakerRow) onToggle(ctx goapp.Context, e goapp.Event) {
	if ctx.JSSrc().Get("open").Bool() {
		r.P.open[r.Key] = true
	} else {
		delete(r.P.open, r.Key)
	}
}

// renderMerge is the row's "Merge…" button and, while it is open, its form:
// the other speakers to choose from, Merge and Cancel.
func (r *corpusSpeakerRow) renderMerge(sp corpus.CorpusSpeaker) goapp.UI {
	const formID = "corpus-merge-form" // one row at a time has it
	toggle := goapp.Button().Type("button").Class("merge-open").Text("Merge…").
		Aria("label", "Merge "+sp.Name+" with…").
		Aria("expanded", fmt.Sprint(r.Merging)).
		OnClick(r.onOpenMerge)
	if r.Merging {
		toggle = toggle.Aria("controls", formID)
	}
	return goapp.Div().Class("merge").Body(
		toggle,
		goapp.If(r.Merging, func() goapp.UI {
			return goapp.Div().ID(formID).Class("merge-form").Role("group").Aria("label", "Merge "+sp.Name).
				Style("display", "flex").Style("flex-wrap", "wrap").Style("gap", "0.5rem").Style("align-items", "center").
				OnKeyDown(r.onMergeKey).Body(
				goapp.Label().Body(
					goapp.Span().Text("Same person as "),
					goapp.Select().Class("merge-into").Aria("label", "Merge "+sp.Name+" with").
						OnChange(r.onChooseInto).Body(r.mergeOptions()...),
				),
				goapp.Button().Type("button").Class("merge-confirm").Text("Merge").OnClick(r.onMerge),
				goapp.Button().Type("button").Class("merge-cancel").Text("Cancel").OnClick(r.onCancelMerge),
			)
		}),
	)
}

// mergeOptions lists the other speakers by name: this is the one row that
// lists them.
func (r *corpusSpeakerRow) mergeOptions() []goapp.UI {
	others := make([]corpus.CorpusSpeaker, 0, len(r.P.corpus.Speakers))
	for _, s := range r.P.corpus.Speakers {
		if s.Key != r.Key {
			others = append(others, s)
		}
	}
	slices.SortFunc(others, func(a, b corpus.CorpusSpeaker) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Key, b.Key))
	})
	opts := make([]goapp.UI, 0, len(others)+1)
	opts = append(opts, goapp.Option().Value("").Selected(r.P.mergeInto == "").Text("Same person as…"))
	for _, s := range others {
		opts = append(opts, goapp.Option().Value(s.Key).Selected(r.P.mergeInto == s.Key).Text(annotations.ShownName(s.Name)))
	}
	return opts
}

func (r *corpusSpeakerRow) onOpenMerge(ctx goapp.Context, e goapp.Event) {
	p := r.P
	if p.mergeFrom == r.Key {
		p.mergeFrom, p.mergeInto = "", ""
		return
	}
	p.mergeFrom, p.mergeInto = r.Key, ""
	p.focusLater(speakerRowSelector(r.Key) + " select.merge-into")
}

func (r *corpusSpeakerRow) onChooseInto(ctx goapp.Context, e goapp.Event) {
	r.P.mergeInto = ctx.JSSrc().Get("value").String()
}

func (r *corpusSpeakerRow) onMerge(ctx goapp.Context, e goapp.Event) {
	p := r.P
	if p.mergeInto == "" {
		p.alert = "Choose the speaker that " + annotations.ShownName(r.name()) + " is the same person as."
		p.focusLater(speakerRowSelector(r.Key) + " select.merge-into")
		return
	}
	p.merge(r.Key, p.mergeInto)
}

func (r *corpusSpeakerRow) onCancelMerge(ctx goapp.Context, e goapp.Event) { r.cancelMerge() }

// onMergeKey closes the merge form on Escape.
func (r *corpusSpeakerRow) onMergeKey(ctx goapp.Context, e goapp.Event) {
	if e.Get("key").String() == "Escape" {
		e.PreventDefault()
		r.cancelMerge()
	}
}

func (r *corpusSpeakerRow) cancelMerge() {
	r.P.mergeFrom, r.P.mergeInto = "", ""
	r.P.focusLater(speakerRowSelector(r.Key) + " button.merge-open")
}

func (r *corpusSpeakerRow) name() string {
	sp, _ := r.P.speaker(r.Key)
	return sp.Name
}

// corpusLinks is the section of quotes in more than one article. A merge
// does not change it: it renders when a corpus is loaded.
type corpusLinks struct {
	goapp.Compo
	P   *CorpusPage
	Rev int
}

func (l *corpusLinks) Render() goapp.UI {
	links := l.P.corpus.Links
	return goapp.Section().Aria("label", "Shared quotes").Body(
		goapp.H2().Text(fmt.Sprintf("Quotes in more than one article (%d)", len(links))),
		goapp.Ul().Class("links").Aria("label", "Linked quotes").Body(
			goapp.Range(links).Slice(func(i int) goapp.UI { return renderLink(links[i]) }),
		),
	)
}

// corpusUnattributed is the section of quotes with no speaker, if any. A
// merge does not change it: it renders when a corpus is loaded.
type corpusUnattributed struct {
	goapp.Compo
	P   *CorpusPage
	Rev int
}

func (u *corpusUnattributed) Render() goapp.UI {
	qs := u.P.corpus.Unattributed
	if len(qs) == 0 {
		return goapp.Div().Hidden(true)
	}
	return goapp.Section().Aria("label", "Unattributed quotes").Body(
		goapp.H2().Text(fmt.Sprintf("Unattributed quotes (%d)", len(qs))),
		goapp.Ul().Class("quotes").Body(goapp.Range(qs).Slice(func(i int) goapp.UI { return renderCorpusQuote(qs[i]) })),
	)
}

func renderLink(l corpus.QuoteLink) goapp.UI {
	kind := "similar"
	switch {
	case l.Identical:
		kind = "identical"
	case l.Contained:
		kind = "one inside the other"
	}
	var diff []goapp.UI
	for _, d := range l.Diff {
		switch d.Op {
		case corpus.DiffSame:
			diff = append(diff, goapp.Span().Text(d.A+" "))
		case corpus.DiffChanged:
			diff = append(diff, goapp.Del().Text(d.A), goapp.Ins().Text(d.B), goapp.Text(" "))
		case corpus.DiffRemoved:
			diff = append(diff, goapp.Del().Text(d.A), goapp.Text(" "))
		case corpus.DiffAdded:
			diff = append(diff, goapp.Ins().Text(d.B), goapp.Text(" "))
		}
	}
	var refs []goapp.UI
	for _, r := range l.Quotes {
		refs = append(refs, goapp.Li().Body(
			goapp.A().Href(articleLink(r.ArticleID, r.AnnotationID)).DataSet("article-id", r.ArticleID).Body(goapp.Cite().Text(articleName(r.ArticleID, r.ArticleTitle))),
			goapp.Span().Class("meta").Text(": “"+r.Exact+"”"),
		))
	}
	return goapp.Li().Class("link", kind).DataSet("kind", strings.ReplaceAll(kind, " ", "-")).DataSet("similarity", fmt.Sprintf("%.2f", l.Similarity)).Body(
		goapp.Div().Class("decision-head").Text(fmt.Sprintf("%s · %.0f%% alike · %s", kind, 100*l.Similarity, annotations.CountOf(len(l.Quotes), "article"))),
		goapp.P().Class("diff").Aria("label", "Differences word by word").Body(diff...),
		goapp.Ul().Class("refs").Body(refs...),
	)
}
