package annotations

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Change is what one step did to a set, entity by entity: each entity the
// step touched appears once, with its state before the whole step and after
// it, so that an annotation edited several times in a step is one entry.
// Undo applies the Before states, redo the After states; storage writes
// the records of the entries (see ChangeRecords).
type Change struct {
	Annotations []AnnotationChange // Before/After: nil = absent
	Speakers    []SpeakerChange
	Orphans     []OrphanChange      // keyed by the orphan's Annotation.ID
	Approximate []ApproximateChange // per annotation id: confidence before/after and presence

	ModifiedBefore, ModifiedAfter time.Time
}

// AnnotationChange is one annotation before and after a step; nil is absent.
type AnnotationChange struct{ Before, After *Annotation }

// SpeakerChange is one speaker before and after a step; nil is absent.
type SpeakerChange struct{ Before, After *Speaker }

// OrphanChange is one orphan before and after a step; nil is absent.
// Orphans are kept in the order they were orphaned and addressed by
// position (PlaceOrphan, DeleteOrphan), so the change keeps where the orphan
// was and is (-1 when absent) to put it back in the same place.
type OrphanChange struct {
	Before, After       *Orphan
	BeforePos, AfterPos int
}

// ApproximateChange is one annotation's approximate placement before and
// after a step.
type ApproximateChange struct {
	ID                  string
	Before, After       float64
	HadBefore, HasAfter bool
}

// Empty reports whether the step changed no entity (it may still have
// changed Modified).
func (c *Change) Empty() bool {
	return len(c.Annotations) == 0 && len(c.Speakers) == 0 && len(c.Orphans) == 0 && len(c.Approximate) == 0
}

// inverse is the step that takes the set back from after c to before it.
func (c *Change) inverse() *Change {
	r := &Change{
		Annotations:    make([]AnnotationChange, len(c.Annotations)),
		Speakers:       make([]SpeakerChange, len(c.Speakers)),
		Orphans:        make([]OrphanChange, len(c.Orphans)),
		Approximate:    make([]ApproximateChange, len(c.Approximate)),
		ModifiedBefore: c.ModifiedAfter,
		ModifiedAfter:  c.ModifiedBefore,
	}
	for i, e := range c.Annotations {
		r.Annotations[i] = AnnotationChange{e.After, e.Before}
	}
	for i, e := range c.Speakers {
		r.Speakers[i] = SpeakerChange{e.After, e.Before}
	}
	for i, e := range c.Orphans {
		r.Orphans[i] = OrphanChange{e.After, e.Before, e.AfterPos, e.BeforePos}
	}
	for i, e := range c.Approximate {
		r.Approximate[i] = ApproximateChange{e.ID, e.After, e.Before, e.HasAfter, e.HadBefore}
	}
	return r
}

// header is what a step may not change of a set but Modified, which History
// stamps.
type header struct {
	ID        string
	Annotator string
	Created   time.Time
	Modified  time.Time
	Article   ArticleRef
}

func headerOf(s *Set) header {
	return header{s.ID, s.Annotator, s.Created, s.Modified, s.Article}
}

func (h header) restore(s *Set) {
	s.ID, s.Annotator, s.Created, s.Modified, s.Article = h.ID, h.Annotator, h.Created, h.Modified, h.Article
}

// journal records, during a History step, the state before the step of
// each entity the set's edits touch, the first time they touch it.
type journal struct {
	header header
	direct bool // a slice was replaced rather than edited; see (*Set).index
	// nils records which of the set's lists were nil, so that a rollback
	// leaves them exactly as they were, not empty instead of nil.
	nils [4]bool
	// orphansBefore is the orphans before the step, kept once one is
	// touched: orphans are few, and a rollback puts them back as they were.
	orphansBefore []Orphan
	orphansKept   bool

	anns     map[string]*Annotation
	annOrder []string
	spks     map[string]*Speaker
	spkOrder []string
	orphs    map[string]*Orphan
	orphOrd  []string
	approx   map[string]approxBefore
	apxOrder []string
}

type approxBefore struct {
	c   float64
	had bool
}

func newJournal(s *Set) *journal {
	return &journal{
		header: headerOf(s),
		nils:   [4]bool{s.Annotations == nil, s.Speakers == nil, s.Orphans == nil, s.Approximate == nil},
		anns:   map[string]*Annotation{},
		spks:   map[string]*Speaker{},
		orphs:  map[string]*Orphan{},
		approx: map[string]approxBefore{},
	}
}

// The note methods take a nil journal, outside a History step, as nothing
// to record.

func (j *journal) noteAnn(id string, before *Annotation) {
	if j == nil {
		return
	}
	if _, ok := j.anns[id]; !ok {
		j.anns[id] = clonePtr(before)
		j.annOrder = append(j.annOrder, id)
	}
}

func (j *journal) noteSpeaker(id string, before *Speaker) {
	if j == nil {
		return
	}
	if _, ok := j.spks[id]; !ok {
		j.spks[id] = clonePtr(before)
		j.spkOrder = append(j.spkOrder, id)
	}
}

func (j *journal) noteOrphan(s *Set, id string, before *Orphan) {
	if j == nil {
		return
	}
	if !j.orphansKept {
		j.orphansBefore, j.orphansKept = slices.Clone(s.Orphans), true
	}
	if _, ok := j.orphs[id]; !ok {
		j.orphs[id] = clonePtr(before)
		j.orphOrd = append(j.orphOrd, id)
	}
}

func (j *journal) noteApprox(s *Set, id string) {
	if j == nil {
		return
	}
	if _, ok := j.approx[id]; !ok {
		c, had := s.Approximate[id]
		j.approx[id] = approxBefore{c, had}
		j.apxOrder = append(j.apxOrder, id)
	}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// change is what the step did: each touched entity before and now, leaving
// out those it left as they were. It costs what the step touched (and, if
// orphans were touched, a pass over the orphans).
func (j *journal) change(s *Set) *Change {
	c := &Change{ModifiedBefore: j.header.Modified, ModifiedAfter: s.Modified}
	for _, id := range j.annOrder {
		before := j.anns[id]
		var after *Annotation
		if i := s.AnnotationPos(id); i >= 0 {
			a := s.Annotations[i]
			after = &a
		}
		if !samePtr(before, after) {
			c.Annotations = append(c.Annotations, AnnotationChange{before, after})
		}
	}
	for _, id := range j.spkOrder {
		before := j.spks[id]
		var after *Speaker
		if i := s.SpeakerPos(id); i >= 0 {
			sp := s.Speakers[i]
			after = &sp
		}
		if !samePtr(before, after) {
			c.Speakers = append(c.Speakers, SpeakerChange{before, after})
		}
	}
	if len(j.orphOrd) > 0 {
		// Positions before come from the orphans as the step found them: an
		// orphan first touched after others were removed is elsewhere by then.
		was, pos := orphanPositions(j.orphansBefore), orphanPositions(s.Orphans)
		for _, id := range j.orphOrd {
			before := j.orphs[id]
			from, ok := was[id]
			if !ok {
				from = -1
			}
			var after *Orphan
			at, ok := pos[id]
			if ok {
				o := s.Orphans[at]
				after = &o
			} else {
				at = -1
			}
			if !samePtr(before, after) || from != at {
				c.Orphans = append(c.Orphans, OrphanChange{before, after, from, at})
			}
		}
	}
	for _, id := range j.apxOrder {
		b := j.approx[id]
		now, has := s.Approximate[id]
		if b.had != has || b.c != now {
			c.Approximate = append(c.Approximate, ApproximateChange{id, b.c, now, b.had, has})
		}
	}
	return c
}

func samePtr[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func orphanPositions(orphans []Orphan) map[string]int {
	pos := make(map[string]int, len(orphans))
	for i, o := range orphans {
		pos[o.Annotation.ID] = i
	}
	return pos
}

// validateChange checks the rules of the format that a step could have
// broken, looking only at what it touched: the set was valid before.
func (s *Set) validateChange(c *Change) error {
	has := s.hasSpeaker()
	for _, e := range c.Annotations {
		if e.After == nil {
			continue
		}
		a := *e.After
		path := func() string { return fmt.Sprintf("annotations[%d]", s.AnnotationPos(a.ID)) }
		if !IsUUID(a.ID) {
			return errAt(path()+".id", "%q is not a UUID", a.ID)
		}
		if err := validateAnnotationWith(a, s.Article.Length, has); err != nil {
			err.Path = path() + err.Path
			return err
		}
	}
	for _, e := range c.Speakers {
		if e.After == nil {
			if n := s.SpeakerUses(e.Before.ID); n > 0 {
				return fmt.Errorf("speaker %q was removed but %d annotations or orphans still name it", e.Before.Name, n)
			}
			continue
		}
		path := func() string { return fmt.Sprintf("speakers[%d]", s.SpeakerPos(e.After.ID)) }
		if !IsUUID(e.After.ID) {
			return errAt(path()+".id", "%q is not a UUID", e.After.ID)
		}
		if isBlank(e.After.Name) {
			return errAt(path()+".name", "is empty")
		}
	}
	return nil
}

// applyStates puts each entity of c in its Before state (forward false) or
// its After state (forward true), with the index kept. It is how undo, redo
// and a refused step's rollback change the set, so it records nothing. It
// costs what c holds plus one move of the annotations when c adds or
// removes some.
func (s *Set) applyStates(c *Change, forward bool) {
	x := s.index()
	s.applyAnnotationStates(x, c.Annotations, forward)
	s.applySpeakerStates(x, c.Speakers, forward)
	if len(c.Orphans) > 0 {
		s.applyOrphanStates(x, c.Orphans, forward)
	}
	s.applyApproximateStates(c.Approximate, forward)
	_, s.Modified = fromTo(c.ModifiedBefore, c.ModifiedAfter, forward)
}

// fromTo orders an entity's states for applyStates: the state it leaves,
// then the state it takes.
func fromTo[T any](before, after T, forward bool) (from, to T) {
	if forward {
		return before, after
	}
	return after, before
}

// applyAnnotationStates makes the edits that keep an annotation's place in
// place; the others are removed and the rest added in one pass each.
func (s *Set) applyAnnotationStates(x *setIndex, changes []AnnotationChange, forward bool) {
	var drop []int
	var add []Annotation
	for _, e := range changes {
		from, to := fromTo(e.Before, e.After, forward)
		if from != nil {
			i := x.annPos(s.Annotations, from.ID)
			if i < 0 {
				if to == nil {
					continue // not there: the set was changed outside its History
				}
			} else {
				cur := s.Annotations[i]
				if to != nil && keyOf(cur) == keyOf(*to) {
					x.removeAnn(cur)
					x.addAnn(*to)
					s.Annotations[i] = *to
					continue
				}
				drop = append(drop, i)
			}
		}
		if to != nil {
			add = append(add, *to)
		}
	}
	s.removeAnnotationsAt(x, drop)
	s.addAnnotations(x, add)
	x.keep(s)
}

// removeAnnotationsAt removes the annotations at the distinct positions
// drop, in any order.
func (s *Set) removeAnnotationsAt(x *setIndex, drop []int) {
	if len(drop) == 0 {
		return
	}
	slices.Sort(drop)
	for _, i := range drop {
		x.removeAnn(s.Annotations[i])
	}
	s.Annotations = deleteSorted(s.Annotations, drop)
}

// addAnnotations adds the annotations whose ids the set does not have yet,
// each in its place.
func (s *Set) addAnnotations(x *setIndex, add []Annotation) {
	if len(add) == 0 {
		return
	}
	add = slices.DeleteFunc(add, func(a Annotation) bool { _, dup := x.ann[a.ID]; return dup })
	slices.SortFunc(add, CompareAnnotations)
	for _, a := range add {
		x.addAnn(a)
	}
	s.Annotations = mergeSorted(s.Annotations, add, CompareAnnotations)
}

func (s *Set) applySpeakerStates(x *setIndex, changes []SpeakerChange, forward bool) {
	for _, e := range changes {
		from, to := fromTo(e.Before, e.After, forward)
		if from != nil {
			if i := x.speakerPos(s.Speakers, from.ID); i >= 0 {
				s.removeSpeakerAt(i)
			}
		}
		if to != nil {
			_ = s.insertSpeaker(*to) // an id already there was added outside the History
		}
	}
}

// applyOrphanStates puts each orphan back where it was (or takes it out):
// orphans are addressed by position, so their order is part of the state.
func (s *Set) applyOrphanStates(x *setIndex, changes []OrphanChange, forward bool) {
	type put struct {
		o   Orphan
		pos int
	}
	var puts []put
	var drop []int
	pos := orphanPositions(s.Orphans)
	for _, e := range changes {
		from, to := fromTo(e.Before, e.After, forward)
		_, toPos := fromTo(e.BeforePos, e.AfterPos, forward)
		if from != nil {
			if i, ok := pos[from.Annotation.ID]; ok {
				drop = append(drop, i)
				x.removeOrphan(s.Orphans[i])
			}
		}
		if to != nil {
			puts = append(puts, put{*to, toPos})
		}
	}
	slices.Sort(drop)
	orphans := deleteSorted(slices.Clone(s.Orphans), drop)
	// The orphans the step left alone keep their order, so putting the
	// others back at their positions, lowest first, rebuilds the list.
	slices.SortFunc(puts, func(a, b put) int { return cmp.Compare(a.pos, b.pos) })
	for _, p := range puts {
		orphans = slices.Insert(orphans, min(max(p.pos, 0), len(orphans)), p.o)
		x.addOrphan(p.o)
	}
	if len(orphans) == 0 && s.Orphans == nil {
		orphans = nil
	}
	s.Orphans = orphans
	x.keep(s)
}

func (s *Set) applyApproximateStates(changes []ApproximateChange, forward bool) {
	for _, e := range changes {
		_, v := fromTo(e.Before, e.After, forward)
		_, has := fromTo(e.HadBefore, e.HasAfter, forward)
		if has {
			if s.Approximate == nil {
				s.Approximate = make(map[string]float64)
			}
			s.Approximate[e.ID] = v
		} else {
			delete(s.Approximate, e.ID)
		}
	}
	if len(s.Approximate) == 0 {
		s.Approximate = nil
	}
}

// rollback undoes a refused step: the entities it touched go back to their
// Before states, and the lists to exactly what they were.
func (s *Set) rollback(j *journal, c *Change) {
	s.j = nil
	x := s.index()
	s.applyStates(c, false)
	if j.orphansKept {
		for _, o := range s.Orphans {
			x.removeOrphan(o)
		}
		s.Orphans = j.orphansBefore
		for _, o := range s.Orphans {
			x.addOrphan(o)
		}
	}
	if j.nils[0] && len(s.Annotations) == 0 {
		s.Annotations = nil
	}
	if j.nils[1] && len(s.Speakers) == 0 {
		s.Speakers = nil
	}
	if j.nils[2] && len(s.Orphans) == 0 {
		s.Orphans = nil
	}
	if !j.nils[3] && s.Approximate == nil {
		s.Approximate = map[string]float64{}
	}
	x.keep(s)
	j.header.restore(s)
}

// deleteSorted removes the elements at the ascending, distinct positions
// drop, moving each run of those kept once.
func deleteSorted[T any](s []T, drop []int) []T {
	if len(drop) == 0 {
		return s
	}
	w := drop[0]
	for k, i := range drop {
		end := len(s)
		if k+1 < len(drop) {
			end = drop[k+1]
		}
		w += copy(s[w:], s[i+1:end])
	}
	clear(s[w:])
	return s[:w]
}

// fold merges c, a later step, into c0 so that c0 goes from before both to
// after both: an entity in both keeps c0's Before and takes c's After.
func (c0 *Change) fold(c *Change) {
	c0.ModifiedAfter = c.ModifiedAfter
	ai := make(map[string]int, len(c0.Annotations))
	for i, e := range c0.Annotations {
		ai[annChangeID(e)] = i
	}
	for _, e := range c.Annotations {
		if i, ok := ai[annChangeID(e)]; ok {
			c0.Annotations[i].After = e.After
		} else {
			c0.Annotations = append(c0.Annotations, e)
		}
	}
	si := make(map[string]int, len(c0.Speakers))
	for i, e := range c0.Speakers {
		si[spkChangeID(e)] = i
	}
	for _, e := range c.Speakers {
		if i, ok := si[spkChangeID(e)]; ok {
			c0.Speakers[i].After = e.After
		} else {
			c0.Speakers = append(c0.Speakers, e)
		}
	}
	xi := make(map[string]int, len(c0.Approximate))
	for i, e := range c0.Approximate {
		xi[e.ID] = i
	}
	for _, e := range c.Approximate {
		if i, ok := xi[e.ID]; ok {
			c0.Approximate[i].After, c0.Approximate[i].HasAfter = e.After, e.HasAfter
		} else {
			c0.Approximate = append(c0.Approximate, e)
		}
	}
	// Orphans are never folded: see History.ApplyMerged.
}

func annChangeID(e AnnotationChange) string {
	if e.Before != nil {
		return e.Before.ID
	}
	return e.After.ID
}

func spkChangeID(e SpeakerChange) string {
	if e.Before != nil {
		return e.Before.ID
	}
	return e.After.ID
}

func orphanChangeID(e OrphanChange) string {
	if e.Before != nil {
		return e.Before.Annotation.ID
	}
	return e.After.Annotation.ID
}
