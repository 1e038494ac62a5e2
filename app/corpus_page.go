package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CorpusPage shows every speaker across the library's articles (one row per
// person, mergeable by hand) with their quotes, and the quotes that appear
// in more than one article, with their differences word by word.
type CorpusPage struct {
	goapp.Compo

	corpus   *annotations.Corpus
	built    *annotations.Corpus // before the person's merges
	merges   [][2]string         // speaker row merges made by hand: from, into
	articles int
	ready    bool
	alert    string
	notice   string
}

const keyCorpusMerges = "settings/corpus-merges"

// OnNav gathers the active set of every article.
func (c *CorpusPage) OnNav(ctx goapp.Context) {
	ctx.Page().SetTitle("Corpus · quotemark")
	if goapp.IsServer {
		return
	}
	ctx.Async(func() {
		var entries []annotations.CorpusEntry
		var problems []string
		infos, err := loadLibrary()
		if err != nil {
			problems = append(problems, err.Error())
		}
		for _, info := range infos {
			opened, err := openArticle(info.ID)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			problems = append(problems, opened.Problems...)
			if set := opened.active(); set != nil {
				entries = append(entries, annotations.CorpusEntry{Article: opened.Article, Set: set})
			}
		}
		var merges [][2]string
		if raw, ok, _ := storeGet(keyCorpusMerges); ok {
			_ = json.Unmarshal([]byte(raw), &merges) // a damaged list only loses the merges
		}
		built := annotations.BuildCorpus(entries)
		ctx.Dispatch(func(ctx goapp.Context) {
			c.built, c.merges, c.articles, c.ready = built, merges, len(entries), true
			c.alert = strings.Join(problems, "\n")
			c.applyMerges()
		})
	})
}

// applyMerges replays the person's merges on the corpus as built; a merge
// whose rows no longer exist is dropped.
func (c *CorpusPage) applyMerges() {
	c.corpus = c.built
	var kept [][2]string
	for _, m := range c.merges {
		if next, err := c.corpus.MergeSpeakers(m[0], m[1]); err == nil {
			c.corpus = next
			kept = append(kept, m)
		}
	}
	c.merges = kept
}

func (c *CorpusPage) merge(ctx goapp.Context, from, into string) {
	next, err := c.corpus.MergeSpeakers(from, into)
	if err != nil {
		c.alert = err.Error()
		return
	}
	c.corpus = next
	c.merges = append(c.merges, [2]string{from, into})
	data, _ := json.Marshal(c.merges)
	wait := storePut(map[string]string{keyCorpusMerges: string(data)})
	ctx.Async(func() {
		if err := wait(); err != nil {
			ctx.Dispatch(func(goapp.Context) { c.alert = "The merge is not saved: " + err.Error() })
		}
	})
}

func (c *CorpusPage) Render() goapp.UI {
	ready := "false"
	if c.ready {
		ready = "true"
	}
	main := goapp.Main().Class("corpus-page").DataSet("ready", ready)
	head := goapp.Header().Class("masthead").Body(
		goapp.A().Class("home").Href("/").Text("← Library"),
		goapp.H1().Text("Corpus"),
	)
	if c.corpus == nil {
		return main.Body(head, messages(c.alert, c.notice), goapp.P().Class("hint").Text("Gathering the library's annotations…"))
	}
	speakers := c.corpus.Speakers
	links := c.corpus.Links
	return main.Body(
		head,
		messages(c.alert, c.notice),
		goapp.P().Class("hint").Text(fmt.Sprintf("The active set of each of %d articles: %d speakers, %d quotes shared between articles.", c.articles, len(speakers), len(links))),
		goapp.Section().Aria("label", "Shared quotes").Body(
			goapp.H2().Text(fmt.Sprintf("Quotes in more than one article (%d)", len(links))),
			goapp.Ul().Class("links").Aria("label", "Linked quotes").Body(
				goapp.Range(links).Slice(func(i int) goapp.UI { return c.renderLink(i) }),
			),
		),
		goapp.Section().Aria("label", "Speakers").Body(
			goapp.H2().Text(fmt.Sprintf("Speakers (%d)", len(speakers))),
			goapp.Ul().Class("corpus-speakers").Aria("label", "Corpus speakers").Body(
				goapp.Range(speakers).Slice(func(i int) goapp.UI { return c.renderSpeaker(speakers[i]) }),
			),
		),
		goapp.If(len(c.corpus.Unattributed) > 0, func() goapp.UI {
			return goapp.Section().Aria("label", "Unattributed quotes").Body(
				goapp.H2().Text(fmt.Sprintf("Unattributed quotes (%d)", len(c.corpus.Unattributed))),
				goapp.Ul().Class("quotes").Body(goapp.Range(c.corpus.Unattributed).Slice(func(i int) goapp.UI {
					return renderCorpusQuote(c.corpus.Unattributed[i])
				})),
			)
		}),
	)
}

func (c *CorpusPage) renderSpeaker(sp annotations.CorpusSpeaker) goapp.UI {
	key := sp.Key
	merge := []goapp.UI{goapp.Option().Value("").Selected(true).Text("Same person as…")}
	for _, other := range c.corpus.Speakers {
		if other.Key != key {
			merge = append(merge, goapp.Option().Value(other.Key).Text(other.Name))
		}
	}
	articles := map[string]bool{}
	for _, q := range sp.Quotes {
		articles[q.ArticleID] = true
	}
	return goapp.Li().DataSet("speaker-key", key).DataSet("quotes", len(sp.Quotes)).DataSet("articles", len(articles)).Body(
		goapp.Details().Body(
			goapp.Summary().Body(
				goapp.Strong().Text(sp.Name),
				goapp.Span().Class("meta").Text(fmt.Sprintf(" · %s in %s · as %s",
					plural(len(sp.Quotes), "quote"), plural(len(articles), "article"), strings.Join(sp.Names, ", "))),
			),
			goapp.Ul().Class("quotes").Body(goapp.Range(sp.Quotes).Slice(func(i int) goapp.UI { return renderCorpusQuote(sp.Quotes[i]) })),
		),
		goapp.If(len(c.corpus.Speakers) > 1, func() goapp.UI {
			return goapp.Select().Aria("label", "Merge "+sp.Name+" with").
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					if into := ctx.JSSrc().Get("value").String(); into != "" {
						c.merge(ctx, key, into)
					}
				}, goapp.EventScope(key)).Body(merge...)
		}),
	)
}

// articleLink opens the article with the annotation selected.
func articleLink(articleID, annotationID string) string {
	return "/article/" + url.PathEscape(articleID) + "?select=" + url.QueryEscape(annotationID)
}

func renderCorpusQuote(q annotations.CorpusQuote) goapp.UI {
	li := goapp.Li().DataSet("article-id", q.ArticleID).Body(
		goapp.A().Href(articleLink(q.ArticleID, q.Annotation.ID)).Text("“"+q.Annotation.Exact+"”"),
		goapp.Span().Class("meta").Text(" — "+q.ArticleTitle),
	)
	if len(q.Links) > 0 {
		li = li.Class("linked")
	}
	return li
}

func (c *CorpusPage) renderLink(i int) goapp.UI {
	l := c.corpus.Links[i]
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
		case annotations.DiffSame:
			diff = append(diff, goapp.Span().Text(d.A+" "))
		case annotations.DiffChanged:
			diff = append(diff, goapp.Del().Text(d.A), goapp.Ins().Text(d.B), goapp.Text(" "))
		case annotations.DiffRemoved:
			diff = append(diff, goapp.Del().Text(d.A), goapp.Text(" "))
		case annotations.DiffAdded:
			diff = append(diff, goapp.Ins().Text(d.B), goapp.Text(" "))
		}
	}
	var refs []goapp.UI
	for _, r := range l.Quotes {
		refs = append(refs, goapp.Li().Body(
			goapp.A().Href(articleLink(r.ArticleID, r.AnnotationID)).Text(r.ArticleID),
			goapp.Span().Class("meta").Text(": “"+r.Exact+"”"),
		))
	}
	return goapp.Li().Class("link", kind).DataSet("kind", strings.ReplaceAll(kind, " ", "-")).DataSet("similarity", fmt.Sprintf("%.2f", l.Similarity)).Body(
		goapp.Div().Class("decision-head").Text(fmt.Sprintf("%s · %.0f%% alike · %d articles", kind, 100*l.Similarity, len(l.Quotes))),
		goapp.P().Class("diff").Aria("label", "Differences word by word").Body(diff...),
		goapp.Ul().Class("refs").Body(refs...),
	)
}
