package app

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// fakeStore is IndexedDB as the tabs' sessions see it: one queue of
// transactions run in the order they were started, each all or nothing,
// with the stamp guard of bridge.js's write, and BroadcastChannel's
// messages to the other tabs. Everything that reaches a tab does so as an
// event in its own queue, in the order it was sent, and the test runs the
// tabs' events, their edits and the store's transactions in random order.
type fakeStore struct {
	t      *testing.T
	recs   map[string]string
	ops    []func() // transactions, run in order
	tabs   []*fakeTab
	quota  bool // writes fail as a full store's do
	writer *fakeTab
	// what the runs met, so that the test knows it tried each path
	conflicts, refused, reads, applied int
}

type fakeTab struct {
	name   string
	sess   *articleSession
	events []func() // the tab's event loop
	adds   map[string]bool
	dels   map[string]bool
}

var errFakeQuota = &jsError{Name: "QuotaExceededError", Message: "the browser's storage is full"}

// write is writeStore's stand-in: the transaction joins the queue.
func (f *fakeStore) write(clear, dels []string, puts []storeRecord, guard *storeGuard) func() (map[string]string, error) {
	from := f.writer
	result := &struct {
		err  error
		done bool
	}{}
	f.ops = append(f.ops, func() {
		err := f.commit(from, clear, dels, puts, guard)
		result.err, result.done = err, true
		from.events = append(from.events, func() { from.settle(result.err) })
	})
	return func() (map[string]string, error) { return nil, result.err }
}

func (f *fakeStore) commit(from *fakeTab, clear, dels []string, puts []storeRecord, guard *storeGuard) error {
	ver := "ver/" + strings.TrimSuffix(strings.TrimPrefix(guard.Prefix, "rec/"), "/")
	prev := f.recs[ver]
	if prev != guard.Expect {
		f.conflicts++
		return &jsError{Name: "VersionConflict", Message: "conflict"}
	}
	if f.quota {
		f.refused++
		return errFakeQuota
	}
	for _, p := range clear {
		for k := range f.recs {
			if strings.HasPrefix(k, p) {
				delete(f.recs, k)
			}
		}
	}
	for _, k := range dels {
		delete(f.recs, k)
	}
	for _, r := range puts {
		f.recs[r.Key] = r.Value
	}
	f.recs[ver] = guard.Stamp
	parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(guard.Prefix, "rec/"), "/"), "/")
	m := storeChange{Article: parts[0], Set: parts[1], Prev: prev, Stamp: guard.Stamp, Whole: len(clear) > 0}
	if !m.Whole {
		for _, k := range dels {
			m.Dels = append(m.Dels, strings.TrimPrefix(k, guard.Prefix))
		}
		for _, r := range puts {
			if strings.HasPrefix(r.Key, guard.Prefix) {
				m.Puts = append(m.Puts, storeRecord{Key: strings.TrimPrefix(r.Key, guard.Prefix), Value: r.Value})
			}
		}
	}
	for _, tab := range f.tabs {
		if tab != from {
			tab.events = append(tab.events, func() { tab.remote(m) })
		}
	}
	return nil
}

// read reads a set back, in the queue, and hands it to the tab as an event.
func (f *fakeStore) read(tab *fakeTab, setID string) {
	if !tab.sess.beginRead(setID) {
		return
	}
	f.ops = append(f.ops, func() {
		f.reads++
		prefix := setRecordsPrefix(tab.sess.articleID, setID)
		var recs []annotations.Record
		for _, k := range slices.Sorted(maps.Keys(f.recs)) {
			if strings.HasPrefix(k, prefix) {
				recs = append(recs, annotations.Record{Key: strings.TrimPrefix(k, prefix), Value: []byte(f.recs[k])})
			}
		}
		stamp := f.recs[verKey(tab.sess.articleID, setID)]
		var stored *annotations.Set
		var err error
		if len(recs) > 0 {
			stored, err = annotations.SetFromRecords(recs)
			if err != nil {
				f.t.Fatalf("set %s does not read back: %v", setID, err)
			}
		}
		tab.events = append(tab.events, func() { tab.merged(setID, stored, stamp) })
	})
}

// The tab's side, as session_saving.go drives the session.

var pendingWrites = map[*fakeTab][]setWrite{}

func (tab *fakeTab) started(f *fakeStore, w setWrite) {
	switch {
	case w.wait != nil:
		pendingWrites[tab] = append(pendingWrites[tab], w)
	case w.readBack:
		f.read(tab, w.setID)
	}
}

func (tab *fakeTab) settle(err error) {
	w := pendingWrites[tab][0]
	pendingWrites[tab] = pendingWrites[tab][1:]
	if tab.sess.settled(w, err) {
		theStore.read(tab, w.setID)
	}
}

func (tab *fakeTab) remote(m storeChange) {
	c, read := tab.sess.remote(m)
	if c != nil {
		theStore.applied++
	}
	if read {
		theStore.read(tab, m.Set)
	}
}

func (tab *fakeTab) merged(setID string, stored *annotations.Set, stamp string) {
	theStore.writer = tab
	res := tab.sess.merged(setID, stored, stamp, nil)
	if res.write != nil {
		tab.started(theStore, *res.write)
	}
	if res.again {
		theStore.read(tab, setID)
	}
}

var theStore *fakeStore

// TestTabsNeverLoseATag runs three tabs of one article, each tagging spans
// of its own and deleting some of them, with their writes, the store's
// transactions, the messages between the tabs and the read backs in random
// order; for a while the store is full. In the end every tab and the store
// hold the same set: every tag made and not deleted, nothing else.
func TestTabsNeverLoseATag(t *testing.T) {
	art, err := annotations.NewArticle(fixture.GoldArticleID, fixture.Read(t, fixture.GoldArticleFile))
	fixture.Must(t, err)
	var spans [][2]int
	for i := 0; i+12 < art.Length && len(spans) < 300; i += 14 {
		if s, e, ok := art.Offsets().TrimSpan(i, i+12); ok {
			spans = append(spans, [2]int{s, e})
		}
	}
	saved := writeStore
	t.Cleanup(func() { writeStore, theStore = saved, nil })
	var met [4]int
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 77))
		f := &fakeStore{t: t, recs: map[string]string{}}
		theStore = f
		writeStore = f.write
		clear(pendingWrites)
		for i := range 3 {
			opened := &openedArticle{Article: art}
			f.tabs = append(f.tabs, &fakeTab{name: fmt.Sprint("tab ", i), adds: map[string]bool{}, dels: map[string]bool{},
				sess: newArticleSession(opened, "", "one browser", nil)})
		}
		next := 0
		for step := range 600 {
			f.quota = step >= 200 && step < 260
			switch r := rng.IntN(10); {
			case r < 3 && next < len(spans):
				tab := f.tabs[rng.IntN(len(f.tabs))]
				sp := spans[next]
				next++
				tab.edit(f, func(s *annotations.Set) error {
					a, err := s.Add(art, annotations.Claim, sp[0], sp[1])
					if err == nil {
						tab.adds[a.ID] = true
					}
					return err
				})
			case r < 4:
				tab := f.tabs[rng.IntN(len(f.tabs))]
				var mine []string
				for id := range tab.adds {
					if !tab.dels[id] && tab.sess.set().AnnotationPos(id) >= 0 {
						mine = append(mine, id)
					}
				}
				if len(mine) > 0 {
					slices.Sort(mine)
					id := mine[rng.IntN(len(mine))]
					tab.edit(f, func(s *annotations.Set) error {
						tab.dels[id] = true
						return s.Delete(id)
					})
				}
			case r < 7 && len(f.ops) > 0:
				op := f.ops[0]
				f.ops = f.ops[1:]
				op()
			default:
				tab := f.tabs[rng.IntN(len(f.tabs))]
				if len(tab.events) > 0 {
					ev := tab.events[0]
					tab.events = tab.events[1:]
					ev()
				}
			}
		}
		f.quota = false
		// Room again: a tab whose write failed writes again with its next
		// change, or when the person asks (Save again).
		for _, tab := range f.tabs {
			for _, id := range tab.sess.staleSets() {
				f.read(tab, id)
			}
		}
		for busy := true; busy; {
			busy = false
			for len(f.ops) > 0 {
				op := f.ops[0]
				f.ops = f.ops[1:]
				op()
				busy = true
			}
			for _, tab := range f.tabs {
				for len(tab.events) > 0 {
					ev := tab.events[0]
					tab.events = tab.events[1:]
					ev()
					busy = true
				}
			}
		}
		want := map[string]bool{}
		for _, tab := range f.tabs {
			for id := range tab.adds {
				if !tab.dels[id] {
					want[id] = true
				}
			}
		}
		stored := f.storedSet(t)
		for _, tab := range f.tabs {
			if st := tab.sess.saveState(); st != "saved" {
				t.Fatalf("seed %d: %s ends %s", seed, tab.name, st)
			}
			checkHolds(t, fmt.Sprintf("seed %d: %s", seed, tab.name), tab.sess.set(), want)
		}
		checkHolds(t, fmt.Sprintf("seed %d: the store", seed), stored, want)
		t.Logf("seed %d: %d tags kept, %d conflicts, %d writes refused, %d read backs, %d changes applied from other tabs",
			seed, len(want), f.conflicts, f.refused, f.reads, f.applied)
		met = [4]int{met[0] + f.conflicts, met[1] + f.refused, met[2] + f.reads, met[3] + f.applied}
	}
	if slices.Contains(met[:], 0) {
		t.Errorf("the runs met %d conflicts, %d refused writes, %d read backs and %d changes from other tabs: each path must be tried", met[0], met[1], met[2], met[3])
	}
}

func (tab *fakeTab) edit(f *fakeStore, edit func(s *annotations.Set) error) {
	f.writer = tab
	if _, w, err := tab.sess.apply("", edit); err == nil {
		tab.started(f, w)
	}
}

func (f *fakeStore) storedSet(t *testing.T) *annotations.Set {
	t.Helper()
	var sets []string
	for k := range f.recs {
		if strings.HasPrefix(k, "ver/") {
			sets = append(sets, k)
		}
	}
	if len(sets) != 1 {
		t.Fatalf("the store holds %d sets (%q), want the one all tabs share", len(sets), sets)
	}
	id := sets[0][strings.LastIndexByte(sets[0], '/')+1:]
	prefix := setRecordsPrefix(fixture.GoldArticleID, id)
	var recs []annotations.Record
	for k, v := range f.recs {
		if strings.HasPrefix(k, prefix) {
			recs = append(recs, annotations.Record{Key: strings.TrimPrefix(k, prefix), Value: []byte(v)})
		}
	}
	s, err := annotations.SetFromRecords(recs)
	if err != nil {
		t.Fatalf("the stored set does not read back: %v", err)
	}
	return s
}

func checkHolds(t *testing.T, who string, s *annotations.Set, want map[string]bool) {
	t.Helper()
	var got, missing []string
	for _, a := range s.Annotations {
		got = append(got, a.ID)
		if !want[a.ID] {
			t.Errorf("%s holds %s, which was deleted or never made", who, a.ID)
		}
	}
	for id := range want {
		if !slices.Contains(got, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%s lost %d of %d tags: %q", who, len(missing), len(want), missing)
	}
}

func TestStampCount(t *testing.T) {
	for stamp, want := range map[string]int{"": 0, "1 a.1": 1, "12 b.3": 12, "x": 0} {
		if got := stampCount(stamp); got != want {
			t.Errorf("stampCount(%q) = %d, want %d", stamp, got, want)
		}
	}
	if implicitSetID("a", "b") != implicitSetID("a", "b") || implicitSetID("a", "b") == implicitSetID("a", "c") || !annotations.IsUUID(implicitSetID("a", "b")) {
		t.Error("the empty set's id is not one per article and browser, or not a UUID")
	}
	if errors.Is(errFakeQuota, nil) || isConflict(errFakeQuota) || !isConflict(&jsError{Name: "VersionConflict"}) {
		t.Error("isConflict does not tell a conflict")
	}
}
