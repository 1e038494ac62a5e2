package app

import (
	"runtime"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// exposeHeapProbe gives benchmarks the Go heap in use: the wasm memory only
// ever grows, so its size says nothing about what an edit leaves behind.
func exposeHeapProbe() {
	if goapp.IsServer {
		return
	}
	goapp.Window().Set("__qmGoHeap", goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}))
}
