package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// articleText shows the article as a single plain text node in a frame of
// its own. Chromium repaints every custom highlight of a document whenever
// anything in that document's DOM or style changes; in the page itself, each
// list row drawn or status shown cost a repaint of all highlights (over
// 60 ms a frame at 10,000 annotations). In the frame, only a change to the
// text's own highlights does. Highlights are painted over the text by the
// CSS Custom Highlight API (bridge.js marks), never injected into it.
//
// It is its own component so that the page's re-renders skip it while the
// text is unchanged.
type articleText struct {
	goapp.Compo
	ArticleID string
	Text      string
}

const (
	// frameID is the frame element; it carries data-article-id, and
	// data-ready and data-painted once the text and its highlights show.
	frameID = "article-frame"
	// textID is the element inside the frame that holds the text.
	textID = "article-text"
)

func (t *articleText) Render() goapp.UI {
	return goapp.IFrame().
		ID(frameID).
		Class("article-frame").
		Title("Article text").
		DataSet("article-id", t.ArticleID)
}

// OnMount shows the text once the frame is in the page (OnMount runs after
// the mount, but a frame's document can come a frame later).
func (t *articleText) OnMount(ctx goapp.Context) {
	if !t.show() {
		ctx.Defer(func(goapp.Context) { t.show() })
	}
}

// OnUpdate shows a new text at once, before the highlight paints that the
// same change scheduled (they run after the render).
func (t *articleText) OnUpdate(ctx goapp.Context) { t.show() }

func (t *articleText) show() bool {
	if goapp.IsServer {
		return true
	}
	return bridge().Call("showText", frameID, textID, t.Text).Bool()
}
