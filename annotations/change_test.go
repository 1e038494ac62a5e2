package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

// fullState is everything about a set that undo must restore: the file,
// the orphans in their order and the approximate placements.
func fullState(s *Set) string {
	return string(Write(s)) + fmt.Sprintf("%+v|%v", s.Orphans, s.Approximate)
}

// editedGold is the reference set with orphans (one of them a mention) and
// approximate placements, owned by a History.
// goldSuggestions are the suggester's proposals for the reference article,
// kept as a file: the suggester imports this package, so its tests cannot
// call it.
func goldSuggestions(t testing.TB) []Suggestion {
	t.Helper()
	var sugg []Suggestion
	fixture.Must(t, json.Unmarshal(fixture.Read(t, fixture.GoldSuggestionsFile), &sugg))
	return sugg
}

func editedGold(t testing.TB) (*History, *Article, *clock) {
	t.Helper()
	s, art := goldSet(t)
	var orphaned []string
	for _, i := range []int{3, 7, 11, 15, 20, 25} {
		orphaned = append(orphaned, s.Annotations[i].ID)
	}
	for k, id := range orphaned {
		i := s.AnnotationPos(id)
		s.Orphans = append(s.Orphans, Orphan{Annotation: s.Annotations[i], Reason: fmt.Sprintf("reason %d", k)})
		s.Annotations = slices.Delete(s.Annotations, i, i+1)
	}
	s.Approximate = map[string]float64{s.Annotations[1].ID: 0.7, s.Annotations[2].ID: 0, s.Annotations[10].ID: 0.95}
	h := NewHistory(s)
	c := &clock{t: time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)}
	h.Now = c.now
	return h, art, c
}

// editor makes random edits through a History and keeps a model of what
// undo and redo must give back.
type editor struct {
	t         *testing.T
	rng       *rand.Rand
	art       *Article
	h         *History
	clock     *clock
	sugg      []Suggestion
	cur       string   // fullState now
	undo      []string // fullState before each undoable step
	redo      []string
	lastKey   string
	lastOrphs bool // the last step moved orphans, so the next is not folded
}

func newEditor(t *testing.T, seed uint64) *editor {
	h, art, c := editedGold(t)
	h.Limit = 10_000
	e := &editor{t: t, rng: rand.New(rand.NewPCG(seed, seed)), art: art, h: h, clock: c, sugg: goldSuggestions(t)}
	e.cur = fullState(h.Set())
	return e
}

func (e *editor) annID() string {
	s := e.h.Set()
	if len(s.Annotations) == 0 || e.rng.IntN(12) == 0 {
		return "nope"
	}
	return s.Annotations[e.rng.IntN(len(s.Annotations))].ID
}

func (e *editor) speakerID() string {
	s := e.h.Set()
	if len(s.Speakers) == 0 || e.rng.IntN(12) == 0 {
		return "nope"
	}
	return s.Speakers[e.rng.IntN(len(s.Speakers))].ID
}

// op is one random edit, run on the set inside a step.
func (e *editor) op() (string, func(s *Set) error) {
	rng := e.rng
	switch rng.IntN(13) {
	case 0, 1:
		o := e.art.Offsets()
		start := rng.IntN(o.Len() - 1)
		end := min(o.Len(), start+1+rng.IntN(30))
		start, end, _ = o.TrimSpan(start, end)
		typ := Types[rng.IntN(3)]
		return fmt.Sprintf("Add(%s %d %d)", typ, start, end), func(s *Set) error { _, err := s.Add(e.art, typ, start, end); return err }
	case 2:
		id, typ, form, cw := e.annID(), Types[rng.IntN(3)], Forms[rng.IntN(3)], rng.IntN(2) == 0
		return "Update", func(s *Set) error {
			return s.Update(id, func(a *Annotation) { a.Type, a.Form, a.Checkworthy, a.Speaker = typ, form, cw, "" })
		}
	case 3:
		id := e.annID()
		return "Delete", func(s *Set) error { return s.Delete(id) }
	case 4:
		id, sp := e.annID(), e.speakerID()
		if rng.IntN(4) == 0 {
			sp = ""
		}
		return "Attribute", func(s *Set) error { return s.Attribute(id, sp) }
	case 5:
		name := []string{"Someone", "someone ", "Another One", "Kobach", "Mr. Hosemann"}[rng.IntN(5)]
		return "AddSpeaker", func(s *Set) error { _, err := s.AddSpeaker(name); return err }
	case 6:
		id, name := e.speakerID(), []string{"", "Renamed", "Zed", "Aaron"}[rng.IntN(4)]
		return "RenameSpeaker", func(s *Set) error { return s.RenameSpeaker(id, name) }
	case 7:
		from, into := e.speakerID(), e.speakerID()
		return "MergeSpeakers", func(s *Set) error { return s.MergeSpeakers(from, into) }
	case 8:
		id := e.speakerID()
		return "DeleteSpeaker", func(s *Set) error { return s.DeleteSpeaker(id) }
	case 9:
		minConf := rng.Float64()
		var some []Suggestion
		for _, sg := range e.sugg {
			if rng.IntN(3) == 0 {
				some = append(some, sg)
			}
		}
		if rng.IntN(2) == 0 && len(some) > 0 {
			sg := some[0]
			return "AcceptSuggestion", func(s *Set) error { _, err := s.AcceptSuggestion(e.art, sg); return err }
		}
		return "AcceptSuggestions", func(s *Set) error { _, err := s.AcceptSuggestions(e.art, some, minConf); return err }
	case 10:
		n := len(e.h.Set().Orphans)
		i := rng.IntN(n + 1)
		if rng.IntN(3) == 0 {
			return "DeleteOrphan", func(s *Set) error { return s.DeleteOrphan(i) }
		}
		start := rng.IntN(e.art.Offsets().Len() - 40)
		end := start + 1 + rng.IntN(30)
		if i < n && rng.IntN(2) == 0 {
			o := e.h.Set().Orphans[i].Annotation
			start, end = o.Start, o.End
		}
		return "PlaceOrphan", func(s *Set) error { _, err := s.PlaceOrphan(e.art, i, start, end); return err }
	case 11:
		id := e.annID()
		for k := range e.h.Set().Approximate {
			if rng.IntN(2) == 0 {
				id = k
			}
		}
		return "ConfirmPlacement", func(s *Set) error { return s.ConfirmPlacement(id) }
	default:
		id := e.annID()
		note := fmt.Sprint(rng.IntN(100))
		return "Note", func(s *Set) error { return s.Update(id, func(a *Annotation) { a.Note = note }) }
	}
}

// step makes one random step (an edit, several, a refused one, an undo or
// a redo), checks the set against the model and returns what changed.
func (e *editor) step(n int) (string, *Change) {
	t, rng, h := e.t, e.rng, e.h
	e.clock.t = e.clock.t.Add(time.Duration(rng.IntN(3)) * time.Second)
	var what string
	var c *Change
	switch r := rng.IntN(20); {
	case r < 2:
		what = "Undo"
		var ok bool
		if c, ok = h.Undo(); ok != (len(e.undo) > 0) {
			t.Fatalf("step %d: Undo %v with %d undo states", n, ok, len(e.undo))
		}
		if ok {
			e.redo = append(e.redo, e.cur)
			e.cur, e.undo = e.undo[len(e.undo)-1], e.undo[:len(e.undo)-1]
			e.lastKey = "" // an undo ends a run of merged steps; nothing to undo does not
		}
	case r < 4:
		what = "Redo"
		var ok bool
		if c, ok = h.Redo(); ok != (len(e.redo) > 0) {
			t.Fatalf("step %d: Redo %v with %d redo states", n, ok, len(e.redo))
		}
		if ok {
			e.undo = append(e.undo, e.cur)
			e.cur, e.redo = e.redo[len(e.redo)-1], e.redo[:len(e.redo)-1]
			e.lastKey = ""
		}
	default:
		key := ""
		var ops []func(s *Set) error
		for range 1 + rng.IntN(3)*rng.IntN(2) {
			w, f := e.op()
			what += w + " "
			ops = append(ops, f)
		}
		if len(ops) == 1 && what == "Note " && rng.IntN(2) == 0 {
			key = "note" // consecutive notes make one step
		}
		boom := errors.New("boom")
		fail := rng.IntN(8) == 0
		var err error
		c, err = h.ApplyMerged(key, func(s *Set) error {
			for _, f := range ops {
				if err := f(s); err != nil {
					return err
				}
			}
			if fail {
				return boom
			}
			return nil
		})
		if err != nil {
			if c != nil {
				t.Fatalf("step %d: %s failed (%v) but returned a change", n, what, err)
			}
			if got := fullState(h.Set()); got != e.cur {
				t.Fatalf("step %d: %s failed (%v) but changed the set:\n%s", n, what, err, firstDiff([]byte(got), []byte(e.cur)))
			}
			what += "(refused)"
			break
		}
		merged := key != "" && key == e.lastKey && len(e.undo) > 0 && len(c.Orphans) == 0 && !e.lastOrphs
		if !merged {
			e.undo = append(e.undo, e.cur)
		}
		e.redo = nil
		e.cur = fullState(h.Set())
		e.lastKey, e.lastOrphs = key, len(c.Orphans) > 0
	}
	s := h.Set()
	if got := fullState(s); got != e.cur {
		t.Fatalf("step %d: after %s the set is not the expected state:\n%s", n, what, firstDiff([]byte(got), []byte(e.cur)))
	}
	if err := s.checkIndex(); err != nil {
		t.Fatalf("step %d: after %s: index: %v", n, what, err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("step %d: after %s the set is invalid: %v", n, what, err)
	}
	return what, c
}

var testSeeds = 4

// TestHistoryRandomEdits makes random edits of every kind, refused ones,
// undos and redos, and checks that each gives exactly the state it should,
// with the index intact; then undoes and redoes the whole history.
func TestHistoryRandomEdits(t *testing.T) {
	for seed := range uint64(testSeeds) {
		e := newEditor(t, seed)
		for n := range 300 {
			e.step(n)
		}
		for len(e.undo) > 0 {
			if _, ok := e.h.Undo(); !ok {
				t.Fatal("undo")
			}
			e.cur, e.undo = e.undo[len(e.undo)-1], e.undo[:len(e.undo)-1]
			if fullState(e.h.Set()) != e.cur {
				t.Fatalf("seed %d: undoing back to the start: a state differs (%d left):\n%s", seed, len(e.undo), firstDiff([]byte(fullState(e.h.Set())), []byte(e.cur)))
			}
		}
		if err := e.h.Set().checkIndex(); err != nil {
			t.Fatal(err)
		}
		h0, _, _ := editedGold(t)
		if got, want := Write(e.h.Set()), Write(h0.Set()); !bytes.Equal(got[:bytes.Index(got, []byte(`"modified"`))], want[:bytes.Index(want, []byte(`"modified"`))]) {
			t.Fatalf("seed %d: undoing everything does not give the start", seed)
		}
	}
}

func TestChangeCollapsesEditsOfOneEntity(t *testing.T) {
	h, _, _ := editedGold(t)
	id := h.Set().Annotations[5].ID
	before, _ := h.Set().Annotation(id)
	c, err := h.Apply(func(s *Set) error {
		for _, note := range []string{"a", "b", "c"} {
			if err := s.Update(id, func(a *Annotation) { a.Note = note }); err != nil {
				return err
			}
		}
		return s.Update(id, func(a *Annotation) { a.Type = Claim })
	})
	fixture.Must(t, err)
	if len(c.Annotations) != 1 || *c.Annotations[0].Before != before || c.Annotations[0].After.Note != "c" || c.Annotations[0].After.Type != Claim {
		t.Errorf("change %+v", c.Annotations)
	}
	// A step that ends where it started changes no entity.
	c, err = h.Apply(func(s *Set) error {
		if err := s.Update(id, func(a *Annotation) { a.Note = "x" }); err != nil {
			return err
		}
		return s.Update(id, func(a *Annotation) { a.Note = "c" })
	})
	fixture.Must(t, err)
	if !c.Empty() {
		t.Errorf("an edit and its reverse: %+v", c)
	}
}

// TestUndoRedoEachKind undoes and redoes one step of each kind and compares
// the states byte for byte, and checks the change Undo returns is the
// inverse of the step.
func TestUndoRedoEachKind(t *testing.T) {
	steps := map[string]func(s *Set, art *Article) error{
		"tag":     func(s *Set, art *Article) error { _, err := s.Add(art, SpeakerMention, 0, 9); return err },
		"update":  func(s *Set, art *Article) error { return s.Update(ann0ID, func(a *Annotation) { a.Type = Claim }) },
		"delete":  func(s *Set, art *Article) error { return s.Delete(s.Annotations[4].ID) },
		"attr":    func(s *Set, art *Article) error { return s.Attribute(ann0ID, kobachID) },
		"speaker": func(s *Set, art *Article) error { _, err := s.AddSpeaker("New Person"); return err },
		"rename":  func(s *Set, art *Article) error { return s.RenameSpeaker(hosemannID, "Aaron") },
		"merge":   func(s *Set, art *Article) error { return s.MergeSpeakers(hosemannID, kobachID) },
		"unspeak": func(s *Set, art *Article) error {
			sp, err := s.AddSpeaker("Only Quoted")
			if err != nil {
				return err
			}
			q := s.Annotations[slices.IndexFunc(s.Annotations, func(a Annotation) bool { return a.Type == Quote })]
			if err := s.Attribute(q.ID, sp.ID); err != nil {
				return err
			}
			return s.DeleteSpeaker(sp.ID)
		},
		"place":    func(s *Set, art *Article) error { _, err := s.PlaceOrphan(art, 1, 100, 110); return err },
		"unorphan": func(s *Set, art *Article) error { return s.DeleteOrphan(0) },
		"confirm":  func(s *Set, art *Article) error { return s.ConfirmPlacement(s.Annotations[1].ID) },
		"accept": func(s *Set, art *Article) error {
			_, err := s.AcceptSuggestions(art, goldSuggestions(t), 0)
			return err
		},
	}
	for name, f := range steps {
		t.Run(name, func(t *testing.T) {
			h, art, c := editedGold(t)
			c.t = c.t.Add(time.Hour)
			before := fullState(h.Set())
			ch, err := h.Apply(func(s *Set) error { return f(s, art) })
			fixture.Must(t, err)
			if ch.Empty() {
				t.Fatalf("no change recorded")
			}
			after := fullState(h.Set())
			inv, ok := h.Undo()
			if !ok || fullState(h.Set()) != before {
				t.Fatalf("undo does not restore the state")
			}
			if len(inv.Annotations) != len(ch.Annotations) || !inv.ModifiedAfter.Equal(ch.ModifiedBefore) {
				t.Errorf("undo's change is not the inverse")
			}
			fixture.Must(t, h.Set().checkIndex())
			if _, ok := h.Redo(); !ok || fullState(h.Set()) != after {
				t.Fatalf("redo does not restore the state")
			}
			fixture.Must(t, h.Set().checkIndex())
		})
	}
}

func TestHistoryLimitCountsSteps(t *testing.T) {
	h, art, _ := newHistory(t)
	h.Limit = 5
	for i := range 40 {
		fixture.Must(t, errOf(h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, i*10, i*10+5); return err })))
	}
	if len(h.undo) != 5 || cap(h.undo) > 64 {
		t.Errorf("%d steps kept in a slice of capacity %d", len(h.undo), cap(h.undo))
	}
}

func TestApplyRefusesNesting(t *testing.T) {
	h, _, _ := newHistory(t)
	var inner error
	fixture.Must(t, errOf(h.Apply(func(s *Set) error {
		_, inner = h.Apply(func(s *Set) error { return nil })
		return nil
	})))
	if inner == nil {
		t.Errorf("a step inside a step was allowed")
	}
}

func TestIndexedQueries(t *testing.T) {
	h, art, _ := newHistory(t)
	plain := h.Set().Clone()
	s := h.Set()
	for _, sp := range s.Speakers {
		if got, want := s.SpeakerUses(sp.ID), plain.SpeakerUses(sp.ID); got != want || got == 0 {
			t.Errorf("SpeakerUses(%s) %d, plain %d", sp.Name, got, want)
		}
	}
	for i, a := range s.Annotations {
		if s.AnnotationPos(a.ID) != i || plain.AnnotationPos(a.ID) != i {
			t.Errorf("AnnotationPos(%s)", a.ID)
		}
		if !s.HasSpan(a.Type, a.Start, a.End) || !plain.HasSpan(a.Type, a.Start, a.End) {
			t.Errorf("HasSpan of annotation %d", i)
		}
	}
	if s.AnnotationPos("nope") != -1 || s.HasSpan(Claim, 0, 1) || s.SpeakerUses("nope") != 0 {
		t.Errorf("queries for what is not there")
	}
	// A set replaced outside the History is re-indexed, never served stale.
	s.Annotations = s.Annotations[:3]
	if s.AnnotationPos(plain.Annotations[10].ID) != -1 || s.HasSpan(plain.Annotations[10].Type, plain.Annotations[10].Start, plain.Annotations[10].End) {
		t.Errorf("a stale index answered")
	}
	fixture.Must(t, s.checkIndex())
	fixture.Must(t, errOf(h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, 0, 5); return err })))
	fixture.Must(t, s.checkIndex())
	// A clone shares nothing with the set's index.
	c := s.Clone()
	if c.idx != nil || c.j != nil {
		t.Errorf("the clone has an index")
	}
}

func TestAcceptSuggestionsPlainAndIndexedAgree(t *testing.T) {
	s, art := goldSet(t)
	sugg := goldSuggestions(t)
	plain := s.Clone()
	n1, err := plain.AcceptSuggestions(art, sugg, 0.3)
	fixture.Must(t, err)
	if plain.idx != nil {
		t.Errorf("a plain set kept its temporary index")
	}
	h := NewHistory(s)
	var n2 int
	fixture.Must(t, errOf(h.Apply(func(s *Set) (err error) { n2, err = s.AcceptSuggestions(art, sugg, 0.3); return err })))
	if n1 != n2 || n1 == 0 || len(plain.Annotations) != len(h.Set().Annotations) || len(plain.Speakers) != len(h.Set().Speakers) {
		t.Errorf("plain accepted %d, indexed %d", n1, n2)
	}
	if !slices.IsSortedFunc(plain.Annotations, CompareAnnotations) {
		t.Errorf("plain set unsorted")
	}
	if got := PendingSuggestions(h.Set(), sugg, nil); len(got) != len(PendingSuggestions(plain, sugg, nil)) {
		t.Errorf("pending differs")
	}
}

func TestMergeSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		a := make([]int, rng.IntN(20))
		b := make([]int, rng.IntN(20))
		for i := range a {
			a[i] = rng.IntN(50)
		}
		for i := range b {
			b[i] = rng.IntN(50)
		}
		slices.Sort(a)
		slices.Sort(b)
		want := slices.Sorted(slices.Values(append(slices.Clone(a), b...)))
		if got := mergeSorted(a, b, func(x, y int) int { return x - y }); !slices.Equal(got, want) {
			t.Fatalf("merge %v %v = %v", a, b, got)
		}
		var drop []int
		for i := range want {
			if rng.IntN(3) == 0 {
				drop = append(drop, i)
			}
		}
		var keep []int
		for i, v := range want {
			if !slices.Contains(drop, i) {
				keep = append(keep, v)
			}
		}
		if got := deleteSorted(slices.Clone(want), drop); !slices.Equal(got, keep) && len(keep)+len(got) > 0 {
			t.Fatalf("delete %v from %v = %v", drop, want, got)
		}
	}
}

func TestIsUUIDAgreesWithPattern(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	const chars = "0123456789abcdefABCDEFgG-z"
	cases := []string{"", "9d586fad-3333-5f62-8599-8651ad636506", "9D586FAD-3333-5F62-8599-8651AD636506",
		"9d586fad-3333-5f62-8599-8651ad63650", "9d586fad-3333-5f62-8599-8651ad6365066", "9d586fad33333-5f62-8599-8651ad636506"}
	for range 20000 {
		b := []byte("9d586fad-3333-5f62-8599-8651ad636506")
		for range 1 + rng.IntN(2) {
			b[rng.IntN(len(b))] = chars[rng.IntN(len(chars))]
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		if IsUUID(c) != uuidPattern.MatchString(c) {
			t.Errorf("IsUUID(%q) = %v", c, IsUUID(c))
		}
	}
}
