package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/corpus"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CorpusPage shows every speaker across the library's articles (one row per
// person, mergeable by hand) with their quotes, and the quotes that appear
// in more than one article, with their differences word by word.
//
// It stays fast at any size: each speaker row, the shared quotes and the
// unattributed quotes are components that re-render only when what they
// show changes (see corpusSpeakerRow); a closed row holds no quote nodes;
// and only the row being merged lists the other speakers.
type CorpusPage struct {
	goapp.Compo

	corpus   *corpus.Corpus
	built    *corpus.Corpus // before the person's merges
	merges   [][2]string    // speaker row merges made by hand: from, into
	articles int
	ready    bool
	alert    string
	notice   string

	ctx       goapp.Context  // the page's own: it outlives the elements an event came from
	loadRev   int            // moves when a corpus is loaded
	pos       map[string]int // row key → index in corpus.Speakers
	rowRev    map[string]int // row key → revision, moved when the row's content changes
	open      map[string]bool
	mergeFrom string // the row whose merge form is open
	mergeInto string // the row chosen in it
}

const keyCorpusMerges = "settings/corpus-merges"

func (c *CorpusPage) OnMount(ctx goapp.Context) { c.ctx = ctx }

// OnNav gathers the active set of every article.
func (c *CorpusPage) OnNav(ctx goapp.Context) {
	ctx.Page().SetTitle("Corpus · quotemark")
	if goapp.IsServer {
		return
	}
	ctx.Async(func() {
		var entries []corpus.CorpusEntry
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
				entries = append(entries, corpus.CorpusEntry{Article: opened.Article, Set: set})
			}
		}
		var merges [][2]string
		if raw, ok, _ := storeGet(keyCorpusMerges); ok {
			_ = json.Unmarshal([]byte(raw), &merges) // a damaged list only loses the merges
		}
		built := corpus.BuildCorpus(entries)
		ctx.Dispatch(func(ctx goapp.Context) {
			c.built, c.merges, c.articles, c.ready = built, merges, len(entries), true
			c.alert = strings.Join(problems, "\n")
			c.loadRev++
			c.rowRev, c.open, c.mergeFrom, c.mergeInto = map[string]int{}, map[string]bool{}, "", ""
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
	c.index()
}

// index maps the rows' keys to their places.
func (c *CorpusPage) index() {
	c.pos = make(map[string]int, len(c.corpus.Speakers))
	for i, s := range c.corpus.Speakers {
		c.pos[s.Key] = i
	}
}

// speaker is the row with the key.
func (c *CorpusPage) speaker(key string) (corpus.CorpusSpeaker, bool) {
	i, ok := c.pos[key]
	if !ok || c.corpus == nil || i >= len(c.corpus.Speakers) {
		return corpus.CorpusSpeaker{}, false
	}
	return c.corpus.Speakers[i], true
}

// merge merges the row from into the row into, keeps the merge, and moves
// the focus to the merged row.
func (c *CorpusPage) merge(from, into string) {
	next, err := c.corpus.MergeSpeakers(from, into)
	if err != nil {
		c.alert = err.Error()
		return
	}
	fromSp, _ := c.speaker(from)
	c.corpus = next
	c.index()
	c.rowRev[into]++
	delete(c.rowRev, from)
	delete(c.open, from)
	c.mergeFrom, c.mergeInto = "", ""
	intoSp, _ := c.speaker(into)
	c.alert, c.notice = "", fmt.Sprintf("Merged %s into %s.", annotations.ShownName(fromSp.Name), annotations.ShownName(intoSp.Name))
	c.merges = append(c.merges, [2]string{from, into})
	data, _ := json.Marshal(c.merges)
	wait := storePut(map[string]string{keyCorpusMerges: string(data)})
	ctx := c.ctx
	ctx.Async(func() {
		if err := wait(); err != nil {
			ctx.Dispatch(func(goapp.Context) { c.alert = "The merge is not saved: " + err.Error() })
		}
	})
	c.focusLater(speakerRowSelector(into) + " summary")
}

// focusLater focuses the element css once the page shows it.
func (c *CorpusPage) focusLater(css string) {
	c.ctx.Defer(func(goapp.Context) {
		if el := goapp.Window().Get("document").Call("querySelector", css); el.Truthy() {
			el.Call("focus")
		}
	})
}

// speakerRowSelector selects the row of the key.
func speakerRowSelector(key string) string {
	return `ul.corpus-speakers > li[data-speaker-key="` + goapp.Window().Get("CSS").Call("escape", key).String() + `"]`
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
	many := len(speakers) > 1
	return main.Body(
		head,
		messages(c.alert, c.notice),
		goapp.P().Class("hint").Text(fmt.Sprintf("The active set of each of %s: %s, %s shared between articles.",
			annotations.CountOf(c.articles, "article"), annotations.CountOf(len(speakers), "speaker"), annotations.CountOf(len(c.corpus.Links), "quote"))),
		&corpusLinks{P: c, Rev: c.loadRev},
		goapp.Section().Aria("label", "Speakers").Body(
			goapp.H2().Text(fmt.Sprintf("Speakers (%d)", len(speakers))),
			goapp.Ul().Class("corpus-speakers").Aria("label", "Corpus speakers").Body(
				goapp.Range(speakers).Slice(func(i int) goapp.UI {
					key := speakers[i].Key
					return &corpusSpeakerRow{P: c, Key: key, Rev: c.rowRev[key], Open: c.open[key], Merging: c.mergeFrom == key, Many: many}
				}),
			),
		),
		&corpusUnattributed{P: c, Rev: c.loadRev},
	)
}

// articleLink opens the article with the annotation selected.
func articleLink(articleID, annotationID string) string {
	return "/article/" + url.PathEscape(articleID) + "?select=" + url.QueryEscape(annotationID)
}

// renderCorpusQuote is one quote and the article it is in. The article is
// said to be where the quote is ("in …", its title a <cite>), never put
// after a dash, where a reader takes a name for the quote's speaker.
func renderCorpusQuote(q corpus.CorpusQuote) goapp.UI {
	li := goapp.Li().DataSet("article-id", q.ArticleID).Body(
		goapp.A().Href(articleLink(q.ArticleID, q.Annotation.ID)).Text("“"+q.Annotation.Exact+"”"),
		goapp.Span().Class("meta").Body(goapp.Text(" in "), goapp.Cite().Text(articleName(q.ArticleID, q.ArticleTitle))),
	)
	if len(q.Links) > 0 {
		li = li.Class("linked")
	}
	return li
}

// articleName is how the corpus page names an article: its title, or its
// id when it has none.
func articleName(id, title string) string {
	if strings.TrimSpace(title) == "" {
		return id
	}
	return title
}
