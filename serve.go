//go:build !wasm

package main

import "net/http"

// serverConfig says where the server finds what it serves.
type serverConfig struct {
	WebDir      string   // static files: app.css, icons, articles/ (the seed corpus)
	WasmPath    string   // the built app.wasm; defaults to WebDir/app.wasm
	ArticleDirs []string // extra folders of .txt articles for the library
}

// newHandler builds the HTTP handler: the go-app pages, the static files, a
// compressed app.wasm and the article API.
func newHandler(cfg serverConfig) (http.Handler, error) {
	panic("TODO")
}
