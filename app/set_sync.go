package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"quotemark/annotations"

	"github.com/google/uuid"
)

// Several tabs can have one article open. Each set has a version stamp in
// storage ("ver/ARTICLE/SET", see write in bridge.js), which every write of
// the set moves: a tab writes a change only on the stamp it last knew, in
// the same transaction, so it never writes over a state it has not seen.
// Writes start the moment a change is made and are pipelined: each expects
// the stamp the one before it will leave. Every committed write is
// broadcast to the other tabs, which apply its records (a change) or read
// the set back (a set written whole). When a write finds another stamp, the
// tab reads the set back, takes what the other tabs stored, puts its own
// unsaved pieces on top, and writes those: nothing is dropped, and each
// piece (annotation, speaker) ends as the last tab to change it left it.

// setSync is what a tab knows of one set's storage: the stamp it expects
// there, and its writes not yet known to be stored.
type setSync struct {
	head string      // the stamp once every write started here commits
	jobs []*writeJob // started or held writes, oldest first; each leaves once stored
	// reading is set while the set is read back; writes made meanwhile are
	// held, and the read back writes them. again asks for another read back
	// after it: a change came that the read may have missed.
	reading, again bool
	// stale is set when a write failed for another reason than a conflict:
	// what it held is in no record, so the next write reads the set back
	// first. failure is why.
	stale   bool
	failure error
}

// writeJob is one write of a set: the records it stores (keys relative to
// the set), or all of them.
type writeJob struct {
	keys    []string
	puts    []annotations.Record // the records of keys, when made already
	dels    []string
	all     bool
	stamp   string // the set's stamp once it is stored
	started bool
}

// setWrite is a write in flight for its set; wait ends with it. A write
// with no wait is held, waiting for a read back; readBack asks for one.
type setWrite struct {
	setID    string
	job      *writeJob
	wait     func() (map[string]string, error)
	readBack bool
}

// writeStore starts a set's writes; the tests put a store of their own in
// its place, to run several tabs' sessions against it in any order.
var writeStore = storeWriteGuarded

func verKey(articleID, setID string) string { return "ver/" + articleID + "/" + setID }

// stampCount is how many writes a stamp ("N WRITER") counts.
func stampCount(stamp string) int {
	n, _, _ := strings.Cut(stamp, " ")
	c, _ := strconv.Atoi(n)
	return c
}

// implicitSetID is the id of the empty set an article gets when it has
// none: the same in every tab of a browser, so that two tabs opened on an
// article without sets tag into one set, not into two of which a reload
// shows only one; another browser's differs, as a set's id must.
func implicitSetID(articleID, browser string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("quotemark:first-set:"+browser+"\x00"+articleID)).String()
}

func (s *articleSession) syncOf(setID string) *setSync {
	sy := s.syncs[setID]
	if sy == nil {
		sy = &setSync{}
		s.syncs[setID] = sy
	}
	return sy
}

func (s *articleSession) historyOf(setID string) (*annotations.History, int) {
	for i, h := range s.histories {
		if h.Set().ID == setID {
			return h, i
		}
	}
	return nil, -1
}

// storeChange starts writing what change c did to a set: its records, in
// one transaction, on the stamp the write before it leaves.
func (s *articleSession) storeChange(set *annotations.Set, c *annotations.Change) setWrite {
	puts, dels := annotations.ChangeRecords(set, c)
	keys := make([]string, 0, len(puts)+len(dels))
	for _, r := range puts {
		keys = append(keys, r.Key)
	}
	keys = append(keys, dels...)
	return s.startJob(set, &writeJob{keys: keys, puts: puts, dels: dels})
}

// storeWhole starts writing a set whole.
func (s *articleSession) storeWhole(set *annotations.Set, extra ...storeRecord) setWrite {
	return s.startJob(set, &writeJob{all: true}, extra...)
}

// startJob starts a write at once, unless the set is being read back or a
// write failed, when it is held for the read back to write.
func (s *articleSession) startJob(set *annotations.Set, job *writeJob, extra ...storeRecord) setWrite {
	sy := s.syncOf(set.ID)
	sy.jobs = append(sy.jobs, job)
	if sy.reading || sy.stale {
		return setWrite{setID: set.ID, job: job, readBack: !sy.reading}
	}
	s.seq++
	job.stamp = fmt.Sprintf("%d %s.%d", stampCount(sy.head)+1, s.writer, s.seq)
	job.started = true
	guard := &storeGuard{Prefix: setRecordsPrefix(s.articleID, set.ID), Expect: sy.head, Stamp: job.stamp}
	sy.head = job.stamp
	var w func() (map[string]string, error)
	if job.all {
		w = writeStore([]string{guard.Prefix}, nil, append(setRecords(s.articleID, set), extra...), guard)
	} else {
		puts, dels := job.puts, job.dels
		if puts == nil && dels == nil {
			puts, dels = annotations.RecordsOf(set, job.keys)
		}
		job.puts, job.dels = nil, nil // a later write of these keys makes them anew
		w = writeStore(nil, prefixed(guard.Prefix, dels), append(prefixedRecords(guard.Prefix, puts), extra...), guard)
	}
	return setWrite{setID: set.ID, job: job, wait: w}
}

func prefixed(prefix string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = prefix + k
	}
	return out
}

func prefixedRecords(prefix string, recs []annotations.Record) []storeRecord {
	out := make([]storeRecord, len(recs))
	for i, r := range recs {
		out[i] = storeRecord{Key: prefix + r.Key, Value: string(r.Value)}
	}
	return out
}

// settled takes how write w ended; readBack asks to read the set back (a
// conflict). A write that failed otherwise leaves the set stale, and its
// error says why.
func (s *articleSession) settled(w setWrite, err error) (readBack bool) {
	sy := s.syncs[w.setID]
	if sy == nil {
		return false
	}
	i := slices.Index(sy.jobs, w.job)
	if i < 0 {
		return false // a read back took it over
	}
	if err == nil {
		// Stamps chain: the writes before it are stored too.
		sy.jobs = slices.Delete(sy.jobs, 0, i+1)
		return false
	}
	if isConflict(err) {
		return !sy.reading && !sy.stale
	}
	sy.stale, sy.failure = true, err
	return false
}

// remote takes a write another tab committed. A change that follows what
// this tab knows is applied as it is, costing what it holds; anything else
// (a set written whole, a missed write, records that do not fit) asks to
// read the set back. A write this tab already knows to be behind its own
// is left for the conflict its own write will meet.
func (s *articleSession) remote(m storeChange) (c *annotations.Change, readBack bool) {
	sy := s.syncOf(m.Set)
	if sy.reading {
		sy.again = true
		return nil, false
	}
	if sy.stale {
		return nil, true // its head counts writes that never were stored
	}
	h, _ := s.historyOf(m.Set)
	if stampCount(m.Stamp) <= stampCount(sy.head) {
		return nil, false
	}
	if h == nil || m.Whole || m.Prev != sy.head {
		return nil, true
	}
	puts := make([]annotations.Record, len(m.Puts))
	for i, r := range m.Puts {
		puts[i] = annotations.Record{Key: r.Key, Value: []byte(r.Value)}
	}
	c, err := h.ApplyRecords(puts, m.Dels)
	if err != nil {
		return nil, true
	}
	// It was written on this tab's head: every write of this tab is stored.
	sy.head, sy.jobs = m.Stamp, nil
	return c, false
}

// beginRead marks a set as being read back; false when it already is.
func (s *articleSession) beginRead(setID string) bool {
	sy := s.syncOf(setID)
	if sy.reading {
		sy.again = true
		return false
	}
	sy.reading, sy.again = true, false
	return true
}

// readBackResult is what a read back did to the page's sets.
type readBackResult struct {
	change  *annotations.Change // to the active set, for the views
	changed bool                // the sets or the active one were replaced, added or removed
	write   *setWrite           // this tab's pieces, written on what was read
	note    string              // what a person should know
	again   bool                // read once more: a change came meanwhile
}

// readStoredSet reads a set back with its stamp, in one transaction; a set
// with no records is nil.
func readStoredSet(articleID, setID string) (*annotations.Set, string, error) {
	parts, err := storeListRecordsAll(verKey(articleID, setID), setRecordsPrefix(articleID, setID))
	if err != nil {
		return nil, "", err
	}
	stamp := ""
	for _, r := range parts[0] {
		if r.Key == verKey(articleID, setID) {
			stamp = r.Value
		}
	}
	if len(parts[1]) == 0 {
		return nil, stamp, nil
	}
	prefix := setRecordsPrefix(articleID, setID)
	recs := make([]annotations.Record, len(parts[1]))
	for i, r := range parts[1] {
		recs[i] = annotations.Record{Key: strings.TrimPrefix(r.Key, prefix), Value: []byte(r.Value)}
	}
	set, err := annotations.SetFromRecords(recs)
	if err != nil {
		return nil, "", fmt.Errorf("stored set %s does not read back: %w", setID, err)
	}
	return set, stamp, nil
}

// readStamps reads the stamps of an article's sets. Read before the sets,
// a stamp is never newer than what was read: a write in between makes the
// first write of this tab meet a conflict and read the set back.
func readStamps(articleID string) (map[string]string, error) {
	recs, err := storeListRecords("ver/" + articleID + "/")
	if err != nil {
		return nil, err
	}
	stamps := make(map[string]string, len(recs))
	for _, r := range recs {
		stamps[strings.TrimPrefix(r.Key, "ver/"+articleID+"/")] = r.Value
	}
	return stamps, nil
}

// merged takes a read back of a set: stored (nil when it has no records)
// at stamp. What this tab has not stored yet (the pieces its unfinished
// writes hold) goes on top of what was stored, and is written on that
// stamp; the rest of the set becomes what was stored.
func (s *articleSession) merged(setID string, stored *annotations.Set, stamp string, readErr error) readBackResult {
	sy := s.syncOf(setID)
	sy.reading = false
	res := readBackResult{again: sy.again}
	sy.again = false
	if readErr != nil {
		sy.stale, sy.failure = true, readErr
		res.note = "Could not read the set back from storage: " + readErr.Error()
		return res
	}
	// The writes up to the one whose stamp was read are in what was read.
	for i, j := range sy.jobs {
		if j.started && j.stamp == stamp {
			sy.jobs = sy.jobs[i+1:]
			break
		}
	}
	keys, all := pendingKeys(sy.jobs)
	h, i := s.historyOf(setID)
	switch {
	case h == nil && stored == nil:
		sy.head = stamp
		return res
	case h == nil:
		res.changed = s.adopt(stored)
		if res.changed {
			sy.head = stamp
		}
		return res
	case stored == nil && isDeletedStamp(stamp):
		// Deleted in another tab, into the trash: this tab stops writing it
		// rather than store it again.
		lost := len(keys) > 0 || all
		name := annotations.SetName(h.Set())
		s.markDeleted(setID)
		s.drop(i)
		sy.head, sy.jobs, sy.stale, sy.failure = stamp, nil, false, nil
		res.changed = true
		s.deletedNote = "The set “" + name + "” was deleted in another tab; it is in the Trash on the library page, where it can be restored."
		if lost {
			s.deletedNote += " Your last changes to it, made after it was deleted, were not saved."
		}
		return res
	case stored == nil && len(keys) == 0 && !all:
		// Removed elsewhere (an import took the place of an empty set).
		s.drop(i)
		sy.head, res.changed = stamp, true
		return res
	case stored == nil:
		all = true // only this tab has it: store it again
	}
	if !all {
		var next *annotations.History
		var err error
		if next, keys, err = annotations.Rebase(stored, h.Set(), keys); err != nil {
			all = true
			res.note = "This set was changed in another tab in a way that does not fit this tab's changes (" + err.Error() + "); this tab's version was kept."
		} else {
			s.histories[i] = next
			res.changed = true
		}
	}
	sy.head, sy.jobs, sy.stale, sy.failure = stamp, nil, false, nil
	if !all && len(keys) == 0 {
		return res
	}
	if !slices.Contains(keys, "h") {
		keys = append(keys, "h")
	}
	job := &writeJob{keys: keys, all: all}
	w := s.startJob(s.histories[i].Set(), job)
	res.write = &w
	return res
}

// pendingKeys are the records the jobs hold, once each, or all. The header
// is left out: the stored one stays, and a write of the merged set puts it
// anew.
func pendingKeys(jobs []*writeJob) (keys []string, all bool) {
	seen := map[string]bool{}
	for _, j := range jobs {
		all = all || j.all
		for _, k := range j.keys {
			if !seen[k] && k != "h" {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys, all
}

// adopt puts a set another tab stored beside this tab's, in the place of
// this tab's empty set if it has only that one, untouched and never
// stored. It reports whether the set fits the article.
func (s *articleSession) adopt(set *annotations.Set) bool {
	if _, err := set.Anchor(s.art); err != nil {
		return false
	}
	h := annotations.NewHistory(set)
	if len(s.histories) == 1 && s.histories[0].Set().Empty() && !s.histories[0].CanUndo() && len(s.syncOf(s.histories[0].Set().ID).jobs) == 0 && s.syncOf(s.histories[0].Set().ID).head == "" {
		s.histories[0] = h
		return true
	}
	s.histories = append(s.histories, h)
	return true
}

// drop removes set i, keeping a set to work on.
func (s *articleSession) drop(i int) {
	s.histories = slices.Delete(s.histories, i, i+1)
	if len(s.histories) == 0 {
		s.histories = append(s.histories, s.newImplicit())
	}
	switch {
	case s.active > i:
		s.active--
	case s.active >= len(s.histories):
		s.active = len(s.histories) - 1
	}
}

// saveState is what the page says of storage: "error" while a write failed
// and what it held is not stored, "saving" while writes are on their way.
func (s *articleSession) saveState() string {
	state := "saved"
	for _, sy := range s.syncs {
		if sy.stale {
			return "error"
		}
		if len(sy.jobs) > 0 || sy.reading {
			state = "saving"
		}
	}
	return state
}

// unsaved tells whether a write failed and what it held is only here.
func (s *articleSession) unsaved() bool { return s.saveState() == "error" }

// failure is why a write failed, for the page to say.
func (s *articleSession) failure() error {
	for _, sy := range s.syncs {
		if sy.stale && sy.failure != nil {
			return sy.failure
		}
	}
	return errors.New("storage refused a write")
}

// staleSets are the ids of the sets with writes that failed.
func (s *articleSession) staleSets() []string {
	var ids []string
	for id, sy := range s.syncs {
		if sy.stale {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
