//go:build !wasm

package main

import (
	"fmt"
	"os"
)

func runCommandLine() {
	if len(os.Args) < 2 || os.Args[1] != "serve" {
		fmt.Fprintln(os.Stderr, "usage: quotemark serve [-addr 127.0.0.1:8000] [-articles DIR]")
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, "serve: not built yet")
	os.Exit(1)
}
