//go:build !wasm

package main

import (
	"embed"

	"quotemark/cli"
)

// seedArticles are built into the command line; the cli package cannot
// embed them itself, as they sit outside its folder.
//
//go:embed web/articles/*.txt
var seedArticles embed.FS

// runCommandLine is the one place the native-only code (the command line and
// its server) enters the program; app.wasm never links it.
func runCommandLine() { cli.Main(seedArticles) }
