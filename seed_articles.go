//go:build !wasm

package main

import (
	"embed"
	"io/fs"
	"path"

	"quotemark/annotations"
)

// seedArticleFiles are the seed articles, built into the command line so
// that "quotemark compare" and "quotemark merge" find the text of a set made
// on one of them without -article.
//
//go:embed web/articles/*.txt
var seedArticleFiles embed.FS

// seedArticleBySHA256 returns the seed article whose normalized text has the
// given sha256, or nil. Its id is made from its file name, as the server's
// library makes it.
func seedArticleBySHA256(sum string) *annotations.Article {
	names, _ := fs.Glob(seedArticleFiles, "web/articles/*.txt")
	for _, name := range names {
		raw, err := seedArticleFiles.ReadFile(name)
		if err != nil {
			continue
		}
		art, err := annotations.NewArticle(annotations.ArticleIDFromFilename(path.Base(name)), raw)
		if err == nil && art.SHA256 == sum {
			return art
		}
	}
	return nil
}
