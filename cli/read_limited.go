package cli

import (
	"os"

	"quotemark/annotations"
)

// readSetFile reads a set or import file, refusing one over
// annotations.MaxImportBytes before reading it whole, so that a file of any
// size costs at most the limit.
func readSetFile(path string) ([]byte, error) {
	return readAtMost(path, annotations.MaxImportBytes, annotations.CheckImportSize)
}

// readArticleText reads an article text the same way, up to
// annotations.MaxArticleBytes.
func readArticleText(path string) ([]byte, error) {
	return readAtMost(path, annotations.MaxArticleBytes, annotations.CheckArticleSize)
}

func readAtMost(path string, limit int, check func(n int) error) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return annotations.ReadAtMost(f, limit, check)
}
