// Package app holds quotemark's go-app components and the thin bridge to the
// browser (selection, storage, files, highlights). Domain rules live in
// quotemark/annotations; this package only calls them.
package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages.
func Routes() {
	exposeHeapProbe()
	goapp.Route("/", func() goapp.Composer { return &Library{} })
	goapp.RouteWithRegexp("^/article/", func() goapp.Composer { return &Workspace{} })
	goapp.RouteWithRegexp("^/compare/", func() goapp.Composer { return &Compare{} })
	goapp.Route("/corpus", func() goapp.Composer { return &CorpusPage{} })
}
