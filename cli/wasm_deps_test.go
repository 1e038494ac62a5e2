package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// wasmOnlyImporters may import net/http in the browser build. go-app's
// package app compiles its server half (Handler, ResourceResolver) for wasm
// too; the linker keeps little more than net/http's init from it.
var wasmOnlyImporters = map[string]bool{
	"github.com/maxence-charriere/go-app/v10/pkg/app": true,
}

// TestWasmDoesNotImportNetHTTP keeps app.wasm small: net/http (its fetch
// transport, TLS, x509) would add megabytes if the browser code used it.
// The browser talks to the server through fetch in web/bridge.js.
func TestWasmDoesNotImportNetHTTP(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps .: %v\n%s", err, stderr)
	}
	pkgs := 0
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkgs++
		pkg, imports := fields[0], fields[1:]
		if wasmOnlyImporters[pkg] || strings.HasPrefix(pkg, "net/") || strings.HasPrefix(pkg, "vendor/") {
			continue
		}
		for _, imp := range imports {
			if imp == "net/http" || strings.HasPrefix(imp, "net/http/") {
				t.Errorf("%s imports %s in the wasm build", pkg, imp)
			}
		}
	}
	if pkgs < 10 {
		t.Fatalf("go list listed %d packages:\n%s", pkgs, out)
	}
}
