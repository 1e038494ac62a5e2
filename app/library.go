package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// Library is the start page: the articles and how much each is annotated.
type Library struct{ goapp.Compo }

func (l *Library) Render() goapp.UI { return goapp.Main().Text("quotemark") }
