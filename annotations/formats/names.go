package formats

import (
	"strings"

	"quotemark/annotations"
)

// exportBase is the article's id as a file name.
func exportBase(art *annotations.Article) string {
	return annotations.ArticleIDFromFilename(art.ID)
}

// setFileName names the file of one of n sets: ARTICLE.EXT for a single
// set, ARTICLE.SLUG.EXT for several, so that they do not collide.
func setFileName(art *annotations.Article, slug string, n int, ext string) string {
	if n == 1 {
		return exportBase(art) + "." + ext
	}
	return exportBase(art) + "." + slug + "." + ext
}

// setSlugs name sets in file and folder names: the annotator and the start
// of the set's id, made unique.
func setSlugs(sets []*annotations.Set) []string {
	var slugs []string
	var ids annotations.UniqueIDs // thousands of sets may share a name and the start of their id
	for _, s := range sets {
		slugs = append(slugs, ids.Next(slugBase(s)))
	}
	return slugs
}

// slugBase is a set's slug before it is made unique: the annotator (or
// "set") and the first 8 characters of its id.
func slugBase(s *annotations.Set) string {
	name := "set"
	if strings.TrimSpace(s.Annotator) != "" {
		name = annotations.ArticleIDFromFilename(s.Annotator)
	}
	id := s.ID
	if len(id) > 8 {
		id = id[:8]
	}
	return name + "-" + id
}
