package corpus

import (
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// goldSet is the reference set, anchored on its article.
func goldSet(t testing.TB) (*annotations.Set, *annotations.Article) {
	t.Helper()
	art, err := annotations.NewArticle(fixture.GoldArticleID, fixture.Read(t, fixture.GoldArticleFile))
	fixture.Must(t, err)
	s, _, err := annotations.ImportSet(fixture.Read(t, fixture.GoldSetFile), art)
	fixture.Must(t, err)
	return s, art
}
