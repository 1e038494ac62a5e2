package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"quotemark/annotations"
)

// readArticleFolder reads the .txt articles in dir; a file that is not a
// usable article is skipped with a message saying why.
func readArticleFolder(env *cmdEnv, command, dir string) ([]*annotations.Article, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading article folder %s: %w", dir, err)
	}
	var arts []*annotations.Article
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".txt") || strings.HasPrefix(name, ".") || e.IsDir() {
			continue
		}
		path := filepath.Join(dir, name)
		raw, err := os.ReadFile(path)
		if err == nil {
			err = annotations.CheckArticleSize(len(raw))
		}
		var art *annotations.Article
		if err == nil {
			art, err = annotations.NewArticle(annotations.ArticleIDFromFilename(name), raw)
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "quotemark %s: skipping article %s: %v\n", command, path, err)
			continue
		}
		arts = append(arts, art)
	}
	return arts, nil
}
