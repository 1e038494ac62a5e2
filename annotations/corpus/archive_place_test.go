package corpus

import (
	"testing"
	"time"

	"quotemark/annotations"
)

func TestPlaceArchive(t *testing.T) {
	here := annotations.ArticleFromText("story", "The text already here.")
	same := annotations.ArticleFromText("renamed", "The text already here.")   // same text, other id
	clash := annotations.ArticleFromText("story", "Another text with the id.") // same id, other text
	newer := annotations.ArticleFromText("fresh", "A text the library lacks.")
	sets := []*annotations.Set{annotations.NewSet(same, "", time.Now()), annotations.NewSet(clash, "", time.Now()), annotations.NewSet(newer, "", time.Now())}
	taken := map[string]string{here.ID: here.SHA256}

	added, err := PlaceArchive([]*annotations.Article{same, clash, newer}, sets, taken)
	if err != nil {
		t.Fatal(err)
	}
	if same.ID != "story" || sets[0].Article.ID != "story" {
		t.Errorf("a text already in the library joins it: got id %q, set for %q", same.ID, sets[0].Article.ID)
	}
	if clash.ID != "story-2" || sets[1].Article.ID != "story-2" {
		t.Errorf("another text with a taken id gets a fresh one: got %q, set for %q", clash.ID, sets[1].Article.ID)
	}
	if newer.ID != "fresh" || sets[2].Article.ID != "fresh" {
		t.Errorf("a new text keeps its id: got %q", newer.ID)
	}
	if len(added) != 2 || added[0] != clash || added[1] != newer {
		t.Errorf("added %v, want the two texts the library lacked", added)
	}
	if taken["story"] != here.SHA256 {
		t.Errorf("the library's own article was overwritten")
	}

	orphan := annotations.NewSet(annotations.ArticleFromText("x", "Not in the archive."), "", time.Now())
	if _, err := PlaceArchive(nil, []*annotations.Set{orphan}, map[string]string{}); err == nil {
		t.Error("a set whose text the archive lacks was accepted")
	}
}
