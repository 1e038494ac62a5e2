package corpus

import (
	"fmt"

	"quotemark/annotations"
)

// PlaceArchive decides where an archive's articles go in a library that
// already holds the texts taken (article id → sha256): an article whose text
// is there already joins it, whatever its id; one whose id another text
// holds gets a fresh id; every set follows its article's id. Nothing in the
// library is overwritten. It returns the articles the library must add.
func PlaceArchive(arts []*annotations.Article, sets []*annotations.Set, taken map[string]string) ([]*annotations.Article, error) {
	idOf := map[string]string{} // sha256 → id in the library
	for id, sha := range taken {
		if old, ok := idOf[sha]; !ok || id < old {
			idOf[sha] = id
		}
	}
	inUse := func(id string) bool { _, ok := taken[id]; return ok }
	var fresh []*annotations.Article
	for _, art := range arts {
		if id, ok := idOf[art.SHA256]; ok {
			art.ID = id
			continue
		}
		art.ID = annotations.UniqueID(art.ID, inUse)
		idOf[art.SHA256] = art.ID
		taken[art.ID] = art.SHA256
		fresh = append(fresh, art)
	}
	for _, s := range sets {
		id, ok := idOf[s.Article.SHA256]
		if !ok {
			return nil, fmt.Errorf("set %s is for a text the archive does not hold", s.ID)
		}
		s.Article.ID = id
	}
	return fresh, nil
}
