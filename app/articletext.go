package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// articleText renders the article as a single plain text node. It is its own
// component so that the workspace's re-renders skip it while the text is
// unchanged; highlights are painted over it by the CSS Custom Highlight API,
// never injected into it.
type articleText struct {
	goapp.Compo
	ArticleID string
	Text      string
}

// textID is the element that holds the article's text, on every page that
// shows it.
const textID = "article-text"

func (t *articleText) Render() goapp.UI {
	return goapp.Div().
		ID(textID).
		Class("article-text").
		DataSet("article-id", t.ArticleID).
		Body(goapp.Text(t.Text))
}
