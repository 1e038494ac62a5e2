package annotations_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// The package map of ARCHITECTURE.md: the core and the scan and zip helpers
// import no subpackage, and each subpackage imports the core and the
// helpers, never another subpackage. Imports outside the module are free.
func TestPackageImportsFollowTheMap(t *testing.T) {
	const module = "quotemark/"
	allowed := map[string][]string{
		".":               {"quotemark/annotations/internal/scan"},
		"internal/scan":   nil,
		"internal/detzip": nil,
		"agreement":       {"quotemark/annotations"},
		"corpus":          {"quotemark/annotations", "quotemark/annotations/internal/scan", "quotemark/annotations/internal/detzip"},
		"formats":         {"quotemark/annotations", "quotemark/annotations/internal/scan", "quotemark/annotations/internal/detzip"},
		"suggest":         {"quotemark/annotations"},
	}
	for dir, ok := range allowed {
		pkg, err := build.ImportDir(filepath.FromSlash(dir), 0)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, imp := range pkg.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			found := false
			for _, a := range ok {
				found = found || imp == a
			}
			if !found {
				t.Errorf("annotations/%s imports %s, which the package map does not allow", dir, imp)
			}
		}
	}
}
