package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"quotemark/annotations"
)

// Browser storage keys. Everything lives in one IndexedDB object store.
const (
	keyAnnotator = "settings/annotator"
	// keyLabelMap holds the label mapping dialog's answers, a JSON label
	// map, so that a project's next file starts from them.
	keyLabelMap = "settings/label-map"
)

func articleKey(id string) string       { return "article/" + id }
func activeKey(articleID string) string { return "active/" + articleID }

// storedArticle is an article kept in the browser: opened from disk, or a
// copy of a server article for offline use.
type storedArticle struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	SHA256 string `json:"sha256,omitempty"` // of Text, to tell a stale cached copy
	Opened bool   `json:"opened,omitempty"`
}

// articleInfo is a library row.
type articleInfo struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Length int    `json:"length"`
	SHA256 string `json:"sha256"`
}

// loadArticle gets an article's text from the server, keeping a copy for
// offline use, or from the browser when the server does not have it.
func loadArticle(id string) (*annotations.Article, error) {
	status, text, fetchErr := fetchText("/api/articles/" + url.PathEscape(id))
	if fetchErr == nil && status == 200 {
		art := annotations.ArticleFromText(id, text)
		var cached storedArticle
		if old, ok, _ := storeGet(articleKey(id)); !ok || json.Unmarshal([]byte(old), &cached) != nil || cached.SHA256 != art.SHA256 {
			rec, _ := json.Marshal(storedArticle{ID: id, Text: text, SHA256: art.SHA256})
			_ = storePut(map[string]string{articleKey(id): string(rec)})() // only a cache
		}
		return art, nil
	}
	raw, ok, err := storeGet(articleKey(id))
	if err != nil {
		return nil, err
	}
	if !ok {
		if fetchErr != nil {
			return nil, fmt.Errorf("article %q is not in this browser and the server cannot be reached: %w", id, fetchErr)
		}
		return nil, fmt.Errorf("there is no article %q in the library", id)
	}
	var rec storedArticle
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		return nil, fmt.Errorf("the stored copy of article %q is damaged: %w", id, err)
	}
	return annotations.NewArticle(id, []byte(rec.Text))
}

// loadLibrary lists the server's articles and those kept in the browser.
func loadLibrary() ([]articleInfo, error) {
	byID := map[string]articleInfo{}
	status, body, fetchErr := fetchText("/api/articles")
	if fetchErr == nil && status == 200 {
		var list []articleInfo
		if err := json.Unmarshal([]byte(body), &list); err != nil {
			return nil, fmt.Errorf("the server's article list: %w", err)
		}
		for _, a := range list {
			byID[a.ID] = a
		}
	}
	stored, err := storeList("article/")
	if err != nil {
		return nil, err
	}
	for _, raw := range stored {
		var rec storedArticle
		if json.Unmarshal([]byte(raw), &rec) != nil {
			continue
		}
		if _, ok := byID[rec.ID]; ok {
			continue
		}
		art := annotations.ArticleFromText(rec.ID, rec.Text)
		byID[rec.ID] = articleInfo{ID: art.ID, Title: art.Title, Length: art.Length, SHA256: art.SHA256}
	}
	// Articles deleted from the library are hidden until restored from
	// the Trash (trash_store.go); the server still ships the seed ones.
	hidden, err := storeListKeys("hidden/")
	if err != nil {
		return nil, err
	}
	for _, k := range hidden {
		delete(byID, strings.TrimPrefix(k, "hidden/"))
	}
	list := make([]articleInfo, 0, len(byID))
	for _, a := range byID {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	return list, nil
}

// saveOpenedArticle keeps an article read from disk.
func saveOpenedArticle(art *annotations.Article) error {
	rec, _ := json.Marshal(storedArticle{ID: art.ID, Text: art.Text, Opened: true})
	return storePut(map[string]string{articleKey(art.ID): string(rec)})()
}
