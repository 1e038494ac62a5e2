package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A deletion moves what it removes into one trash item under "trash/…"
// (annotations.TrashItem: the records verbatim) in the same transaction
// that removes them: all or nothing. Each deleted set's version stamp moves
// to a deleted stamp ("N deleted.ID"), guarded on the stamp the deletion
// was made from, so that a deletion never takes a write it has not seen,
// and a tab that still has the set, whose next write meets the new stamp,
// reads the set back and learns it was deleted instead of writing it again
// (see merged). A seed article, which the server ships, is hidden
// ("hidden/ARTICLE") rather than deleted. Restoring puts the records back
// and writes the sets whole, which moves their stamps past the deleted one
// so that the tabs read them back.

const trashPrefix = "trash/"

func hiddenKey(articleID string) string { return "hidden/" + articleID }

// trashKey sorts trash items by when they were deleted.
func trashKey(deleted time.Time, articleID string) string {
	return trashPrefix + deleted.UTC().Format("20060102T150405.000000000Z") + "/" + articleID
}

// deletedStamp is the stamp a deletion leaves on a set stamped prev.
func deletedStamp(prev string) string {
	return fmt.Sprintf("%d deleted.%s", stampCount(prev)+1, annotations.NewID())
}

// isDeletedStamp tells the stamp of a deleted set.
func isDeletedStamp(stamp string) bool {
	_, writer, _ := strings.Cut(stamp, " ")
	return strings.HasPrefix(writer, "deleted.")
}

// storeWriteGuards is storeWrite with a guard on each of several sets: a
// guard with no Stamp gets the next one.
func storeWriteGuards(clearPrefixes, dels []string, puts []storeRecord, guards []storeGuard) (wait func() error) {
	toJS := func(ss []string) []any {
		out := make([]any, len(ss))
		for i, s := range ss {
			out[i] = s
		}
		return out
	}
	gs := make([]any, len(guards))
	for i, g := range guards {
		m := map[string]any{"prefix": g.Prefix, "expect": g.Expect}
		if g.Stamp != "" {
			m["stamp"] = g.Stamp
		}
		gs[i] = m
	}
	var promise goapp.Value
	if keys, values, ok := joinRecords(puts); ok {
		promise = bridge().Call("writeJoined", toJS(clearPrefixes), toJS(dels), len(puts), keys, values, gs)
	} else {
		put := make([]any, len(puts))
		for i, r := range puts {
			put[i] = []any{r.Key, r.Value}
		}
		promise = bridge().Call("write", toJS(clearPrefixes), toJS(dels), put, gs)
	}
	return func() error {
		if _, err := await(promise); err != nil {
			if isConflict(err) {
				return fmt.Errorf("nothing was deleted or restored: the set was changed in another tab meanwhile (%w); try again", err)
			}
			return fmt.Errorf("saving to browser storage: %w", err)
		}
		return nil
	}
}

// trashWrite is a deletion as one write: the item stored, its records
// removed, its sets stamped deleted, guarded on stamps (by set id).
func trashWrite(item *annotations.TrashItem, stamps map[string]string, extra ...storeRecord) (key string, write func() error, err error) {
	data, err := annotations.MarshalTrash(item)
	if err != nil {
		return "", nil, err
	}
	key = trashKey(item.Deleted, item.ArticleID)
	var clear, dels []string
	var guards []storeGuard
	for _, s := range item.Sets {
		p := setRecordsPrefix(item.ArticleID, s.ID)
		clear = append(clear, p)
		guards = append(guards, storeGuard{Prefix: p, Expect: stamps[s.ID], Stamp: deletedStamp(stamps[s.ID])})
	}
	for _, r := range item.Records {
		if !slices.ContainsFunc(clear, func(p string) bool { return strings.HasPrefix(r.Key, p) }) {
			dels = append(dels, r.Key)
		}
	}
	puts := append([]storeRecord{{Key: key, Value: string(data)}}, extra...)
	if item.Hidden {
		puts = append(puts, storeRecord{Key: hiddenKey(item.ArticleID), Value: key})
	}
	return key, storeWriteGuards(clear, dels, puts, guards), nil
}

// readArticleTrash reads everything of an article a deletion removes, in
// one transaction, as the trash item it would leave, with its sets'
// stamps. It blocks on storage: call it in ctx.Async.
func readArticleTrash(info articleInfo, now time.Time) (*annotations.TrashItem, map[string]string, error) {
	id := info.ID
	parts, err := storeListRecordsAll(recordsPrefix(id), "ver/"+id+"/", legacySetPrefix(id), articleKey(id), activeKey(id))
	if err != nil {
		return nil, nil, err
	}
	item := &annotations.TrashItem{Kind: annotations.TrashArticle, ArticleID: id, Title: info.Title, Deleted: now, Hidden: true}
	trashSets(item, parts[0], recordsPrefix(id))
	for _, r := range parts[2] { // sets stored whole by earlier versions
		item.Records = append(item.Records, annotations.StoredRecord{Key: r.Key, Value: r.Value})
		if s, err := annotations.UnmarshalStored([]byte(r.Value)); err == nil && !slices.ContainsFunc(item.Sets, func(t annotations.TrashedSet) bool { return t.ID == s.ID }) {
			item.Sets = append(item.Sets, annotations.TrashedSetOf(s))
		}
	}
	for _, group := range parts[3:] {
		for _, r := range group {
			if r.Key != articleKey(id) && r.Key != activeKey(id) {
				continue // another article whose id starts with this one
			}
			item.Records = append(item.Records, annotations.StoredRecord{Key: r.Key, Value: r.Value})
			var stored storedArticle
			if r.Key == articleKey(id) && json.Unmarshal([]byte(r.Value), &stored) == nil && stored.Opened {
				item.Hidden = false // opened from disk: the browser's own, deleted with its text
			}
		}
	}
	stamps := map[string]string{}
	for _, r := range parts[1] {
		stamps[strings.TrimPrefix(r.Key, "ver/"+id+"/")] = r.Value
	}
	return item, stamps, nil
}

// trashEntry is a stored trash item, or why it does not read.
type trashEntry struct {
	Key  string
	Item *annotations.TrashItem
	Err  error
}

// listTrash lists the trash, the latest deletion first.
func listTrash() ([]trashEntry, error) {
	recs, err := storeListRecords(trashPrefix)
	if err != nil {
		return nil, err
	}
	out := make([]trashEntry, 0, len(recs))
	for i := len(recs) - 1; i >= 0; i-- {
		item, err := annotations.UnmarshalTrash([]byte(recs[i].Value))
		out = append(out, trashEntry{Key: recs[i].Key, Item: item, Err: err})
	}
	return out, nil
}

// restoreTrash puts a trash item's records back and removes it from the
// trash, in one transaction. It refuses, changing nothing, when a set or
// an article of the same id is stored again meanwhile: restoring would
// write over it. It blocks on storage: call it in ctx.Async.
func restoreTrash(key string) (*annotations.TrashItem, error) {
	raw, ok, err := storeGet(key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("the trash has no item %s (restored or emptied in another tab?)", strings.TrimPrefix(key, trashPrefix))
	}
	item, err := annotations.UnmarshalTrash([]byte(raw))
	if err != nil {
		return nil, err
	}
	a := item.ArticleID
	prefixes := []string{articleKey(a)}
	for _, s := range item.Sets {
		prefixes = append(prefixes, verKey(a, s.ID), setRecordsPrefix(a, s.ID))
	}
	parts, err := storeListRecordsAll(prefixes...)
	if err != nil {
		return nil, err
	}
	for _, r := range parts[0] {
		if r.Key == articleKey(a) && !item.Hidden && slices.ContainsFunc(item.Records, func(t annotations.StoredRecord) bool { return t.Key == r.Key && t.Value != r.Value }) {
			return nil, fmt.Errorf("another article named %q is in the library now; restoring would replace it", a)
		}
	}
	var clear []string
	var guards []storeGuard
	for i, s := range item.Sets {
		stamp := ""
		for _, r := range parts[1+2*i] {
			if r.Key == verKey(a, s.ID) {
				stamp = r.Value
			}
		}
		if len(parts[2+2*i]) > 0 {
			return nil, fmt.Errorf("a set with the id %s is stored for %q again; restoring would write over it", s.ID, a)
		}
		p := setRecordsPrefix(a, s.ID)
		clear = append(clear, p)
		guards = append(guards, storeGuard{Prefix: p, Expect: stamp})
	}
	puts := make([]storeRecord, len(item.Records))
	for i, r := range item.Records {
		puts[i] = storeRecord{Key: r.Key, Value: r.Value}
	}
	dels := []string{key}
	if item.Hidden {
		dels = append(dels, hiddenKey(a))
	}
	if err := storeWriteGuards(clear, dels, puts, guards)(); err != nil {
		return nil, fmt.Errorf("restoring %s: %w", item.Summary(), err)
	}
	return item, nil
}

// purgeTrash starts deleting a trash item for good; a seed article it hid
// comes back, without its sets.
func purgeTrash(key string, item *annotations.TrashItem) func() error {
	dels := []string{key}
	if item.Hidden {
		dels = append(dels, hiddenKey(item.ArticleID))
	}
	return storeWrite(nil, dels, nil)
}

// trashSets puts the sets whose records are recs (listed under an
// article's records prefix) into item: the records as stored, to restore,
// and each set's summary.
func trashSets(item *annotations.TrashItem, recs []storeRecord, prefix string) {
	for _, g := range groupBySet(recs, prefix) {
		for _, r := range g.stored {
			item.Records = append(item.Records, annotations.StoredRecord{Key: r.Key, Value: r.Value})
		}
		item.Sets = append(item.Sets, annotations.TrashedSetFromRecords(g.id, g.records))
	}
}
