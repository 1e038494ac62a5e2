//go:build wasm

package main

// runCommandLine is never reached in the browser: RunWhenOnBrowser blocks.
func runCommandLine() {}
