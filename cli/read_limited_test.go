package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
)

// sparseFile is a file of size bytes that takes no room on disk.
func sparseFile(t *testing.T, name string, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestOversizedInputsAreRefusedBeforeReading: a set or import file over
// MaxImportBytes, or an article over MaxArticleBytes, is refused with the
// limit by every command that reads one, from its size, not after reading
// it whole (a 200 MB file would otherwise sit in memory first).
func TestOversizedInputsAreRefusedBeforeReading(t *testing.T) {
	bigSet := sparseFile(t, "big.json", 200<<20)
	bigArticle := sparseFile(t, "big.txt", annotations.MaxArticleBytes+1)
	for _, tc := range []struct {
		desc string
		args []string
		want string
	}{
		{"import of a 200 MB file", []string{"import", "-article", goldArticlePath, "-o", filepath.Join(t.TempDir(), "out.json"), bigSet}, "MaxImportBytes"},
		{"compare with a 200 MB set", []string{"compare", goldSetPath, bigSet}, "MaxImportBytes"},
		{"export of a 200 MB set", []string{"export", "-to", "csv", bigSet}, "MaxImportBytes"},
		{"quotes of a 200 MB set", []string{"quotes", bigSet}, "MaxImportBytes"},
		{"export onto an article over the limit", []string{"export", "-to", "csv", "-article", bigArticle, goldSetPath}, "over the limit"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", tc.desc, code, stdout, stderr, tc.want)
		}
	}
	// validate gives its verdict per file on standard output, exit 1.
	code, stdout, _ := runCLI("validate", bigSet)
	if code != 1 || !strings.Contains(stdout, bigSet+": cannot be read: ") || !strings.Contains(stdout, "MaxImportBytes") {
		t.Errorf("validate of a 200 MB set: exit %d, stdout %q; want 1 and the limit", code, stdout)
	}
}
