package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// Workspace is the article page: the text, the tools and the annotation list.
type Workspace struct{ goapp.Compo }

func (w *Workspace) Render() goapp.UI { return goapp.Main().Text("article") }
