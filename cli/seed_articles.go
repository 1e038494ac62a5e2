package cli

import (
	"io/fs"
	"path"

	"quotemark/annotations"
)

// seedArticleFiles holds web/articles/*.txt: the seed articles, built into
// the command line (by Main's caller, since embedding cannot reach outside
// this folder) so that "quotemark compare" and "quotemark merge" find the
// text of a set made on one of them without -article.
var seedArticleFiles fs.FS

// seedArticleBySHA256 returns the seed article whose normalized text has the
// given sha256, or nil. Its id is made from its file name, as the server's
// library makes it.
func seedArticleBySHA256(sum string) *annotations.Article {
	if seedArticleFiles == nil {
		return nil
	}
	names, _ := fs.Glob(seedArticleFiles, "web/articles/*.txt")
	for _, name := range names {
		raw, err := fs.ReadFile(seedArticleFiles, name)
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
