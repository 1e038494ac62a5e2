// Command quotemark is the quotemark app: in the browser (as app.wasm) it runs
// the annotation UI; natively it is the server and the command line.
package main

import (
	"quotemark/app"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	app.Routes()
	goapp.RunWhenOnBrowser()
	runCommandLine() // native only: main_native.go
}
