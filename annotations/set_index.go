package annotations

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unsafe"
)

// setIndex lets a set answer look-ups and take edits at a cost proportional
// to what they touch rather than to the set's size. A set carries one while
// a History owns it (NewHistory builds it in one pass), and briefly while a
// bulk operation runs on a plain set (withIndex).
//
// The index describes the slices it was last kept with (anns, spks,
// orphs). Sets are often built or changed by assigning their fields, so an
// index whose slices are no longer the set's is never used as it is: see
// (*Set).index. Changing elements of those slices in place, rather than
// through the set's methods, is not detectable cheaply; a set owned by a
// History must be changed only through History.Apply.
type setIndex struct {
	anns  []Annotation
	spks  []Speaker
	orphs []Orphan

	ann   map[string]spanKey // annotation id → its sort key (with the id)
	spans map[spanKey]int    // annotations per type and span (the format allows repeats)
	// uses holds, by speaker id, the annotations naming it, so that merging
	// or deleting a speaker touches only those.
	uses       map[string]map[string]struct{}
	orphanUses map[string]int    // speaker id → orphans naming it
	spk        map[string]string // speaker id → name, its sort key
	// names, keys and parts find the speakers a mention names (see
	// speakerForMention) without folding every name: folded name → ids,
	// name key (NameKey) → ids, and each key a name extends (a proper
	// whole-word suffix of its key: "hosemann" of "delbert hosemann") → ids.
	names map[string][]string
	keys  map[string][]string
	parts map[string][]string
	// cover answers At; built when asked, stale after any annotation edit
	// (see coverTree).
	cover coverTree
}

// spanKey is an annotation's type and span, which with its id is its sort
// key and which without makes a duplicate.
type spanKey struct {
	start, end int
	typ        Type
}

func keyOf(a Annotation) spanKey { return spanKey{a.Start, a.End, a.Type} }

// index returns the set's index when it still describes the set, or nil
// for a plain set. When a slice was replaced behind the index's back it is
// rebuilt; inside a History step such a replacement is undone and recorded
// instead, for Apply to refuse the step: the journal could not undo it.
func (s *Set) index() *setIndex {
	x := s.idx
	if x == nil {
		return nil
	}
	if sameSlice(x.anns, s.Annotations) && sameSlice(x.spks, s.Speakers) && sameSlice(x.orphs, s.Orphans) {
		return x
	}
	if s.j != nil {
		s.j.direct = true
		s.Annotations, s.Speakers, s.Orphans = x.anns, x.spks, x.orphs
		return x
	}
	s.buildIndex()
	return s.idx
}

func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && cap(a) == cap(b) && unsafe.SliceData(a) == unsafe.SliceData(b)
}

// buildIndex indexes the set in one pass, sorting it first if it is not in
// the format's order (binary search needs it to be).
func (s *Set) buildIndex() {
	if !slices.IsSortedFunc(s.Annotations, CompareAnnotations) || !slices.IsSortedFunc(s.Speakers, compareSpeakers) {
		s.Sort()
	}
	x := &setIndex{
		ann:        make(map[string]spanKey, len(s.Annotations)),
		spans:      make(map[spanKey]int, len(s.Annotations)),
		uses:       make(map[string]map[string]struct{}, len(s.Speakers)),
		orphanUses: make(map[string]int),
		spk:        make(map[string]string, len(s.Speakers)),
		names:      make(map[string][]string, len(s.Speakers)),
		keys:       make(map[string][]string, len(s.Speakers)),
		parts:      make(map[string][]string, len(s.Speakers)),
	}
	for _, a := range s.Annotations {
		x.addAnn(a)
	}
	for _, sp := range s.Speakers {
		x.addSpeaker(sp)
	}
	for _, o := range s.Orphans {
		x.addOrphan(o)
	}
	s.idx = x
	x.keep(s)
}

// keep records the slices the index now describes.
func (x *setIndex) keep(s *Set) {
	x.anns, x.spks, x.orphs = s.Annotations, s.Speakers, s.Orphans
}

// withIndex runs f with the set indexed, so that a bulk operation on a
// plain set costs what it adds rather than a scan per item; a plain set is
// left plain afterwards.
func (s *Set) withIndex(f func()) {
	if s.index() != nil {
		f()
		return
	}
	s.buildIndex()
	defer func() { s.idx = nil }()
	f()
}

func (x *setIndex) addAnn(a Annotation) {
	x.cover.valid = false
	k := keyOf(a)
	x.ann[a.ID] = k
	x.spans[k]++
	if a.Speaker != "" {
		u := x.uses[a.Speaker]
		if u == nil {
			u = make(map[string]struct{})
			x.uses[a.Speaker] = u
		}
		u[a.ID] = struct{}{}
	}
}

func (x *setIndex) removeAnn(a Annotation) {
	x.cover.valid = false
	k := keyOf(a)
	delete(x.ann, a.ID)
	if x.spans[k]--; x.spans[k] <= 0 {
		delete(x.spans, k)
	}
	if u := x.uses[a.Speaker]; u != nil {
		delete(u, a.ID)
		if len(u) == 0 {
			delete(x.uses, a.Speaker)
		}
	}
}

func (x *setIndex) addOrphan(o Orphan) {
	if sp := o.Annotation.Speaker; sp != "" {
		x.orphanUses[sp]++
	}
}

func (x *setIndex) removeOrphan(o Orphan) {
	if sp := o.Annotation.Speaker; sp != "" {
		if x.orphanUses[sp]--; x.orphanUses[sp] <= 0 {
			delete(x.orphanUses, sp)
		}
	}
}

func (x *setIndex) addSpeaker(sp Speaker) {
	x.spk[sp.ID] = sp.Name
	f := FoldName(sp.Name)
	x.names[f] = append(x.names[f], sp.ID)
	words := nameKeyWords(sp.Name)
	if k := strings.Join(words, " "); k != "" {
		x.keys[k] = append(x.keys[k], sp.ID)
	}
	for _, p := range nameParts(words) {
		x.parts[p] = append(x.parts[p], sp.ID)
	}
}

func (x *setIndex) removeSpeaker(sp Speaker) {
	delete(x.spk, sp.ID)
	drop := func(m map[string][]string, k string) {
		ids := slices.DeleteFunc(m[k], func(id string) bool { return id == sp.ID })
		if len(ids) == 0 {
			delete(m, k)
		} else {
			m[k] = ids
		}
	}
	drop(x.names, FoldName(sp.Name))
	words := nameKeyWords(sp.Name)
	if k := strings.Join(words, " "); k != "" {
		drop(x.keys, k)
	}
	for _, p := range nameParts(words) {
		drop(x.parts, p)
	}
}

// firstSpeaker is, of the given speaker ids, the one first in the
// speakers' order, which is the one a scan of the sorted slice finds.
func (x *setIndex) firstSpeaker(ids []string) (Speaker, bool) {
	var best Speaker
	for i, id := range ids {
		sp := Speaker{ID: id, Name: x.spk[id]}
		if i == 0 || compareSpeakers(sp, best) < 0 {
			best = sp
		}
	}
	return best, len(ids) > 0
}

func (x *setIndex) annPos(anns []Annotation, id string) int {
	k, ok := x.ann[id]
	if !ok {
		return -1
	}
	i, found := slices.BinarySearchFunc(anns, k, func(a Annotation, k spanKey) int {
		return cmp.Or(cmp.Compare(a.Start, k.start), cmp.Compare(a.End, k.end), cmp.Compare(a.Type, k.typ), cmp.Compare(a.ID, id))
	})
	if !found {
		return -1
	}
	return i
}

func (x *setIndex) speakerPos(spks []Speaker, id string) int {
	name, ok := x.spk[id]
	if !ok {
		return -1
	}
	i, found := slices.BinarySearchFunc(spks, Speaker{ID: id, Name: name}, compareSpeakers)
	if !found {
		return -1
	}
	return i
}

// SpeakerUses counts the annotations and orphans naming a speaker.
func (s *Set) SpeakerUses(id string) int {
	if x := s.index(); x != nil {
		return len(x.uses[id]) + x.orphanUses[id]
	}
	n := 0
	for _, a := range s.Annotations {
		if a.Speaker == id {
			n++
		}
	}
	for _, o := range s.Orphans {
		if o.Annotation.Speaker == id {
			n++
		}
	}
	return n
}

// HasSpan reports whether an annotation of type t covers exactly
// start–end, which is what makes a new one a duplicate.
func (s *Set) HasSpan(t Type, start, end int) bool {
	if x := s.index(); x != nil {
		return x.spans[spanKey{start, end, t}] > 0
	}
	for _, a := range s.Annotations {
		if a.Type == t && a.Start == start && a.End == end {
			return true
		}
	}
	return false
}

// hasSpeaker answers validateAnnotation's question for the set.
func (s *Set) hasSpeaker() func(id string) bool {
	if x := s.index(); x != nil {
		return func(id string) bool { _, ok := x.spk[id]; return ok }
	}
	ids := s.speakerIDs()
	return func(id string) bool { return ids[id] }
}

// annotationsNaming are the positions, ascending, of the annotations
// naming a speaker.
func (s *Set) annotationsNaming(id string) []int {
	var pos []int
	if x := s.index(); x != nil {
		for aid := range x.uses[id] {
			pos = append(pos, x.annPos(s.Annotations, aid))
		}
		slices.Sort(pos)
		return pos
	}
	for i, a := range s.Annotations {
		if a.Speaker == id {
			pos = append(pos, i)
		}
	}
	return pos
}

// resort puts a plain set in order after an edit, as the operations always
// have; an indexed set is kept in order by each edit.
func (s *Set) resort() {
	if s.index() == nil {
		s.Sort()
	}
}

// The edits below are the only way the operations change a set's
// annotations, speakers, orphans and approximate placements: each keeps the
// index and, during a History step, records the entity's state before the
// step in the journal. On a plain set they edit the slices as the
// operations did before there was an index (appending; the operation
// resorts).

// insertAnn adds an annotation; on an indexed set, in its place.
func (s *Set) insertAnn(a Annotation) error {
	return s.insertAnns([]Annotation{a})
}

// insertAnns adds annotations at once: on an indexed set they are sorted
// and merged into the sorted slice in one pass, so that adding k costs
// O(k log k) and one move of the slice rather than k. It refuses ids the set
// already has.
func (s *Set) insertAnns(batch []Annotation) error {
	x := s.index()
	if x == nil {
		s.Annotations = append(s.Annotations, batch...)
		return nil
	}
	seen := make(map[string]bool, len(batch))
	for _, a := range batch {
		if _, dup := x.ann[a.ID]; dup || seen[a.ID] {
			return fmt.Errorf("annotation id %s is already used", a.ID)
		}
		seen[a.ID] = true
	}
	batch = slices.Clone(batch)
	slices.SortFunc(batch, CompareAnnotations)
	for _, a := range batch {
		s.j.noteAnn(a.ID, nil)
		x.addAnn(a)
	}
	s.Annotations = mergeSorted(s.Annotations, batch, CompareAnnotations)
	x.keep(s)
	return nil
}

// mergeSorted merges sorted add into sorted dst, from the back, moving each
// run of dst once.
func mergeSorted[T any](dst, add []T, compare func(a, b T) int) []T {
	if len(add) == 0 {
		return dst
	}
	n := len(dst)
	dst = slices.Grow(dst, len(add))[:n+len(add)]
	hi := n // dst[:hi] is what is left to place
	for j := len(add) - 1; j >= 0; j-- {
		at, _ := slices.BinarySearchFunc(dst[:hi], add[j], compare)
		copy(dst[at+j+1:], dst[at:hi])
		dst[at+j] = add[j]
		hi = at
	}
	return dst
}

// removeAnnAt removes the annotation at position i.
func (s *Set) removeAnnAt(i int) {
	if x := s.index(); x != nil {
		a := s.Annotations[i]
		s.j.noteAnn(a.ID, &a)
		x.removeAnn(a)
		s.Annotations = slices.Delete(s.Annotations, i, i+1)
		x.keep(s)
		return
	}
	s.Annotations = slices.Delete(s.Annotations, i, i+1)
}

// setAnnAt replaces the annotation at position i by a, which has its id;
// on an indexed set a moves to its place if its sort key changed.
func (s *Set) setAnnAt(i int, a Annotation) {
	x := s.index()
	if x == nil {
		s.Annotations[i] = a
		return
	}
	old := s.Annotations[i]
	s.j.noteAnn(old.ID, &old)
	x.removeAnn(old)
	x.addAnn(a)
	if keyOf(old) == keyOf(a) {
		s.Annotations[i] = a
		return
	}
	s.Annotations = slices.Delete(s.Annotations, i, i+1)
	at, _ := slices.BinarySearchFunc(s.Annotations, a, CompareAnnotations)
	s.Annotations = slices.Insert(s.Annotations, at, a)
	x.keep(s)
}

// insertSpeaker adds a speaker; on an indexed set, in its place. It refuses
// an id the set already has.
func (s *Set) insertSpeaker(sp Speaker) error {
	x := s.index()
	if x == nil {
		s.Speakers = append(s.Speakers, sp)
		return nil
	}
	if _, dup := x.spk[sp.ID]; dup {
		return fmt.Errorf("speaker id %s is already used", sp.ID)
	}
	s.j.noteSpeaker(sp.ID, nil)
	at, _ := slices.BinarySearchFunc(s.Speakers, sp, compareSpeakers)
	s.Speakers = slices.Insert(s.Speakers, at, sp)
	x.addSpeaker(sp)
	x.keep(s)
	return nil
}

func (s *Set) removeSpeakerAt(i int) {
	if x := s.index(); x != nil {
		sp := s.Speakers[i]
		s.j.noteSpeaker(sp.ID, &sp)
		x.removeSpeaker(sp)
		s.Speakers = slices.Delete(s.Speakers, i, i+1)
		x.keep(s)
		return
	}
	s.Speakers = slices.Delete(s.Speakers, i, i+1)
}

func (s *Set) renameSpeakerAt(i int, name string) {
	x := s.index()
	if x == nil {
		s.Speakers[i].Name = name
		return
	}
	old := s.Speakers[i]
	s.j.noteSpeaker(old.ID, &old)
	x.removeSpeaker(old)
	sp := Speaker{ID: old.ID, Name: name}
	x.addSpeaker(sp)
	s.Speakers = slices.Delete(s.Speakers, i, i+1)
	at, _ := slices.BinarySearchFunc(s.Speakers, sp, compareSpeakers)
	s.Speakers = slices.Insert(s.Speakers, at, sp)
	x.keep(s)
}

// insertOrphanAt puts an orphan at position i of s.Orphans.
func (s *Set) insertOrphanAt(i int, o Orphan) {
	x := s.index()
	if x != nil {
		s.j.noteOrphan(s, o.Annotation.ID, nil)
		x.addOrphan(o)
	}
	s.Orphans = slices.Insert(s.Orphans, i, o)
	if x != nil {
		x.keep(s)
	}
}

// removeOrphanAt removes orphan i into a new slice, as DeleteOrphan always
// has: a caller may still hold the old one.
func (s *Set) removeOrphanAt(i int) {
	x := s.index()
	if x != nil {
		o := s.Orphans[i]
		s.j.noteOrphan(s, o.Annotation.ID, &o)
		x.removeOrphan(o)
	}
	s.Orphans = append(s.Orphans[:i:i], s.Orphans[i+1:]...)
	if x != nil {
		x.keep(s)
	}
}

func (s *Set) setOrphanAt(i int, o Orphan) {
	if x := s.index(); x != nil {
		old := s.Orphans[i]
		s.j.noteOrphan(s, old.Annotation.ID, &old)
		x.removeOrphan(old)
		x.addOrphan(o)
	}
	s.Orphans[i] = o
}

// setApprox records an approximate placement's confidence.
func (s *Set) setApprox(id string, c float64) {
	if s.index() != nil {
		s.j.noteApprox(s, id)
	}
	if s.Approximate == nil {
		s.Approximate = make(map[string]float64)
	}
	s.Approximate[id] = c
}

// forgetApproximate drops an annotation's approximate placement, if any.
func (s *Set) forgetApproximate(id string) {
	if _, ok := s.Approximate[id]; !ok {
		return
	}
	if s.index() != nil {
		s.j.noteApprox(s, id)
	}
	delete(s.Approximate, id)
	if len(s.Approximate) == 0 {
		s.Approximate = nil
	}
}

// checkIndex compares the index with one built afresh; for tests.
func (s *Set) checkIndex() error {
	x := s.idx
	if x == nil {
		return nil
	}
	if !sameSlice(x.anns, s.Annotations) || !sameSlice(x.spks, s.Speakers) || !sameSlice(x.orphs, s.Orphans) {
		return fmt.Errorf("the index describes other slices")
	}
	if !slices.IsSortedFunc(s.Annotations, CompareAnnotations) || !slices.IsSortedFunc(s.Speakers, compareSpeakers) {
		return fmt.Errorf("the set is not sorted")
	}
	c := &Set{Annotations: slices.Clone(s.Annotations), Speakers: slices.Clone(s.Speakers), Orphans: slices.Clone(s.Orphans)}
	c.buildIndex()
	y := c.idx
	sortIDs := func(m map[string][]string) map[string][]string {
		out := make(map[string][]string, len(m))
		for k, v := range m {
			out[k] = slices.Sorted(slices.Values(v))
		}
		return out
	}
	switch {
	case !maps.Equal(x.ann, y.ann):
		return fmt.Errorf("annotation keys differ")
	case !maps.Equal(x.spans, y.spans):
		return fmt.Errorf("spans differ")
	case !maps.EqualFunc(x.uses, y.uses, func(a, b map[string]struct{}) bool { return maps.Equal(a, b) }):
		return fmt.Errorf("speaker uses differ")
	case !maps.Equal(x.orphanUses, y.orphanUses):
		return fmt.Errorf("orphan uses differ")
	case !maps.Equal(x.spk, y.spk):
		return fmt.Errorf("speakers differ")
	case !maps.EqualFunc(sortIDs(x.names), sortIDs(y.names), slices.Equal):
		return fmt.Errorf("speaker names differ")
	case !maps.EqualFunc(sortIDs(x.keys), sortIDs(y.keys), slices.Equal):
		return fmt.Errorf("speaker name keys differ")
	case !maps.EqualFunc(sortIDs(x.parts), sortIDs(y.parts), slices.Equal):
		return fmt.Errorf("speaker name parts differ")
	}
	for i, a := range s.Annotations {
		if x.annPos(s.Annotations, a.ID) != i {
			return fmt.Errorf("annotation %s is not found at %d", a.ID, i)
		}
	}
	for i, sp := range s.Speakers {
		if x.speakerPos(s.Speakers, sp.ID) != i {
			return fmt.Errorf("speaker %s is not found at %d", sp.ID, i)
		}
	}
	return nil
}
