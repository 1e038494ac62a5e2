package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// The browser tests end the Go program the way a panic outside every
// recovered path would (an importer's, before imports were recovered), to
// check that the page says so at once (goStopped in bridge.js). Nothing in
// the app calls it.
func init() {
	if !goapp.IsClient {
		return
	}
	goapp.Window().Set("__qmTestEndGo", goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		go func() { panic("ended on purpose by __qmTestEndGo") }()
		return nil
	}))
}
