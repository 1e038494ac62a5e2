package app

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"quotemark/annotations"
)

// A set is stored as one record per piece (header, annotation, speaker,
// orphan) under "rec/ARTICLE/SET/", so that a change writes records of its
// own size in one transaction, and a crash leaves the set exactly as the last
// committed change did. Sets stored whole under "set/ARTICLE/SET" by earlier
// versions are moved to records when their article is opened. Each set's
// version stamp is under "ver/ARTICLE/SET" (see set_sync.go); a write that
// clears a set's records moves it, so the tabs that have the set read it
// back.

func recordsPrefix(articleID string) string { return "rec/" + articleID + "/" }

func setRecordsPrefix(articleID, setID string) string {
	return recordsPrefix(articleID) + setID + "/"
}

func legacySetPrefix(articleID string) string { return "set/" + articleID + "/" }

// storedSets are an article's sets as kept in the browser, with those that
// could not be read reported, not dropped: they stay in storage untouched.
type storedSets struct {
	Sets     []*annotations.Set
	ActiveID string
	Damaged  []string
}

// loadSets reads an article's sets, one pass over its records.
func loadSets(articleID string) (storedSets, error) {
	var out storedSets
	recs, err := storeListRecords(recordsPrefix(articleID))
	if err != nil {
		return out, err
	}
	for _, g := range groupBySet(recs, recordsPrefix(articleID)) {
		s, err := annotations.SetFromRecords(g.records)
		if err != nil {
			out.Damaged = append(out.Damaged, fmt.Sprintf("%s: %v", g.id, err))
			continue
		}
		out.Sets = append(out.Sets, s)
	}
	migrated, damaged, err := migrateLegacySets(articleID, out.Sets)
	if err != nil {
		return out, err
	}
	out.Sets = append(out.Sets, migrated...)
	out.Damaged = append(out.Damaged, damaged...)
	slices.SortFunc(out.Sets, func(a, b *annotations.Set) int { return strings.Compare(a.ID, b.ID) })
	out.ActiveID, _, err = storeGet(activeKey(articleID))
	return out, err
}

// migrateLegacySets moves sets stored whole by earlier versions to records,
// each in one transaction that also deletes the old value. One that cannot
// be read stays where it is and is reported.
func migrateLegacySets(articleID string, have []*annotations.Set) (sets []*annotations.Set, damaged []string, err error) {
	raw, err := storeList(legacySetPrefix(articleID))
	if err != nil || len(raw) == 0 {
		return nil, nil, err
	}
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		s, err := annotations.UnmarshalStored([]byte(raw[key]))
		if err != nil {
			damaged = append(damaged, fmt.Sprintf("%s: %v", strings.TrimPrefix(key, legacySetPrefix(articleID)), err))
			continue
		}
		if slices.ContainsFunc(have, func(h *annotations.Set) bool { return h.ID == s.ID }) {
			continue // moved already; the records are newer
		}
		if err := writeWholeSet(articleID, s, []string{key}, nil)(); err != nil {
			return nil, nil, fmt.Errorf("moving stored set %s to the new storage: %w", s.ID, err)
		}
		sets = append(sets, s)
	}
	return sets, damaged, nil
}

// setRecords are the storage records of a whole set.
func setRecords(articleID string, s *annotations.Set) []storeRecord {
	prefix := setRecordsPrefix(articleID, s.ID)
	var out []storeRecord
	for _, r := range annotations.SetRecords(s) {
		out = append(out, storeRecord{Key: prefix + r.Key, Value: string(r.Value)})
	}
	return out
}

// writeWholeSet replaces everything stored of a set with its records, and
// deletes dels, in one transaction.
func writeWholeSet(articleID string, s *annotations.Set, dels []string, extra []storeRecord) func() error {
	return storeWrite([]string{setRecordsPrefix(articleID, s.ID)}, dels, append(setRecords(articleID, s), extra...))
}

// saveSet starts storing a whole set (a new, imported or re-anchored one),
// marking it the article's active set when active is set.
func saveSet(articleID string, s *annotations.Set, active bool) func() error {
	var extra []storeRecord
	if active {
		extra = append(extra, storeRecord{Key: activeKey(articleID), Value: s.ID})
	}
	return writeWholeSet(articleID, s, nil, extra)
}

// deleteSet starts removing a set from storage.
func deleteSet(articleID, setID string) func() error {
	return storeWrite([]string{setRecordsPrefix(articleID, setID)}, nil, nil)
}

// annotationCounts returns, per article id, the annotations in its active
// set, from the keys alone.
func annotationCounts() (map[string]int, error) {
	keys, err := storeListKeys("rec/")
	if err != nil {
		return nil, err
	}
	active, err := storeList("active/")
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, k := range keys {
		// rec/ARTICLE/SET/a/ANNOTATION
		parts := strings.Split(strings.TrimPrefix(k, "rec/"), "/")
		if len(parts) < 4 || parts[len(parts)-2] != "a" {
			continue
		}
		articleID := strings.Join(parts[:len(parts)-3], "/")
		setID := parts[len(parts)-3]
		if a, ok := active[activeKey(articleID)]; ok && a != setID {
			continue
		}
		counts[articleID]++
	}
	legacy, err := storeList("set/")
	if err != nil {
		return nil, err
	}
	for k, raw := range legacy {
		rest := strings.TrimPrefix(k, "set/")
		i := strings.LastIndexByte(rest, '/')
		if i < 0 {
			continue
		}
		articleID, setID := rest[:i], rest[i+1:]
		if a, ok := active[activeKey(articleID)]; ok && a != setID {
			continue
		}
		if s, err := annotations.UnmarshalStored([]byte(raw)); err == nil {
			counts[articleID] = len(s.Annotations)
		}
	}
	return counts, nil
}

// storedSet is one set's records under an article's records prefix: the
// set's id, its records with keys relative to the set, and the stored
// records as they are.
type storedSet struct {
	id      string
	records []annotations.Record
	stored  []storeRecord
}

// groupBySet groups recs, listed under prefix (so in key order, each set's
// together), by set.
func groupBySet(recs []storeRecord, prefix string) []storedSet {
	var out []storedSet
	for len(recs) > 0 {
		setID, _, _ := strings.Cut(strings.TrimPrefix(recs[0].Key, prefix), "/")
		setPrefix := prefix + setID + "/"
		n := 1
		for n < len(recs) && strings.HasPrefix(recs[n].Key, setPrefix) {
			n++
		}
		g := storedSet{id: setID, records: make([]annotations.Record, n), stored: recs[:n]}
		for i, r := range recs[:n] {
			g.records[i] = annotations.Record{Key: strings.TrimPrefix(r.Key, setPrefix), Value: []byte(r.Value)}
		}
		out = append(out, g)
		recs = recs[n:]
	}
	return out
}
