package agreement

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"quotemark/annotations"
)

// Option is one candidate of a Decision.
type Option struct {
	Annotation annotations.Annotation // the candidate; its Speaker is an id of Adjudication.Speakers
	Speaker    string                 // the speaker's name, "" for none
	Sets       []int                  // the input sets that have this candidate, ascending
}

// Decision is a disagreement an adjudicator resolves by choosing one of the
// options or none.
type Decision struct {
	// Kind is only-a or only-b for a span that only some sets have (with
	// more than two sets: only-a when set 0 has it; Options[0].Sets tells
	// which), boundaries for overlapping candidates of one type with
	// different spans, speaker for one span with different speakers.
	Kind       DisagreementKind
	Type       annotations.Type
	Start, End int      // the extent of the options (code points)
	Options    []Option // ordered by the first set that has each: with two sets, A's option comes first
}

// OptionOfSet is the option input set k holds in this decision, or NoChoice
// when that set has nothing here: what "take set k's version" picks.
func (d Decision) OptionOfSet(k int) int {
	for j, o := range d.Options {
		if slices.Contains(o.Sets, k) {
			return j
		}
	}
	return NoChoice
}

// Adjudication is the automatic part of building a reference set from two or
// more sets: what enough of them agree on, and the decisions left to a
// person.
type Adjudication struct {
	Agreed    []annotations.Annotation // spans at least MinAgree sets share exactly and agree on the speaker, sorted
	Decisions []Decision               // sorted by Start, End, Type
	Speakers  []annotations.Speaker    // the result's speakers, unified across the sets
	MinAgree  int
	article   annotations.ArticleRef
}

// NoChoice is the choice of no option in Build.
const NoChoice = -1

// Adjudicate sorts the sets' annotations into agreed spans and decisions.
// minAgree is how many sets must share a span exactly (type, start and end)
// and agree on its speaker for it to be agreed; 0 means all of them.
//
// Speakers are unified across the sets: speakers whose names are equal
// ignoring case and white space are one speaker, and so are speakers of two
// sets whose names extend one another unambiguously ("Hosemann" and
// "Delbert Hosemann", see speaker_names.go) and speakers whose mentions are
// overlap-matched between two sets (a renamed speaker), unless either of
// the last two would make one of two different speakers of a set the same
// as the other. A unified speaker keeps the id it has in the first set (in
// the order given) that has it, and the fullest of its names.
//
// Every candidate span is one annotation of one or more sets with a unified
// speaker; it takes its other fields (form, checkworthy, note) from the
// first set that has it. A span with exactly one speaker that at least
// minAgree sets agree on is agreed, and the other speakers given to that
// span are outvoted. The remaining candidates are grouped into decisions the
// way MatchOverlap pairs spans: candidates of one type are joined in order
// of overlap length, longest first, as long as no set has two candidates in
// the same decision. With two sets this gives one decision per disagreement
// Disagreements lists, except where the speakers agree only by a mention
// that would join two speakers of one set.
//
// Annotation ids are the sets' own, made unique across the adjudication.
func Adjudicate(art *annotations.Article, sets []*annotations.Set, minAgree int) (*Adjudication, error) {
	if len(sets) < 2 {
		return nil, fmt.Errorf("adjudicating needs at least two sets, not %d", len(sets))
	}
	if err := checkComparable(art, sets); err != nil {
		return nil, err
	}
	for i, s := range sets {
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", setLabel(i, s), err)
		}
	}
	if minAgree == 0 {
		minAgree = len(sets)
	}
	if minAgree < 1 || minAgree > len(sets) {
		return nil, fmt.Errorf("the number of sets that must agree, %d, is not between 1 and %d (the number of sets)", minAgree, len(sets))
	}
	speakers, speakerOf := unifySpeakers(sets)
	names := map[string]string{}
	for _, sp := range speakers {
		names[sp.ID] = sp.Name
	}

	type spanKey struct {
		t          annotations.Type
		start, end int
	}
	type variantKey struct {
		spanKey
		speaker string
	}
	byVariant := map[variantKey]*candidate{}
	var keys []spanKey // in order of first appearance
	byKey := map[spanKey][]*candidate{}
	for i, s := range sets {
		for _, a := range s.Annotations {
			k := variantKey{spanKey{a.Type, a.Start, a.End}, speakerOf(i, a.Speaker)}
			c := byVariant[k]
			if c == nil {
				span, err := art.Span(a.Start, a.End)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", setLabel(i, s), err)
				}
				ann := a
				ann.Exact, ann.Prefix, ann.Suffix = span.Exact, span.Prefix, span.Suffix
				ann.Speaker = k.speaker
				c = &candidate{ann: ann, speaker: names[k.speaker]}
				byVariant[k] = c
				if byKey[k.spanKey] == nil {
					keys = append(keys, k.spanKey)
				}
				byKey[k.spanKey] = append(byKey[k.spanKey], c)
			}
			if n := len(c.sets); n == 0 || c.sets[n-1] != i { // a set's duplicates count once
				c.sets = append(c.sets, i)
			}
		}
	}

	adj := &Adjudication{Speakers: speakers, MinAgree: minAgree, article: sets[0].Article, Agreed: []annotations.Annotation{}, Decisions: []Decision{}}
	var open []*candidate
	for _, k := range keys {
		var winners []*candidate
		for _, c := range byKey[k] {
			if len(c.sets) >= minAgree {
				winners = append(winners, c)
			}
		}
		if len(winners) == 1 {
			adj.Agreed = append(adj.Agreed, winners[0].ann)
			continue
		}
		open = append(open, byKey[k]...)
	}
	slices.SortFunc(adj.Agreed, annotations.CompareAnnotations)
	adj.Decisions = decide(open, len(sets))
	adj.uniqueIDs()
	return adj, nil
}

type candidate struct {
	ann     annotations.Annotation
	speaker string // name
	sets    []int
}

// decide groups the open candidates into decisions: see Adjudicate.
func decide(open []*candidate, nsets int) []Decision {
	slices.SortFunc(open, func(p, q *candidate) int {
		return cmp.Or(cmp.Compare(p.sets[0], q.sets[0]), annotations.CompareAnnotations(p.ann, q.ann),
			cmp.Compare(p.speaker, q.speaker))
	})
	// Union-find whose root is a group's smallest index.
	parent := make([]int, len(open))
	for i := range open {
		parent[i] = i
	}
	if nsets == 2 {
		pairOff(open, parent)
	} else {
		joinOverlapping(open, parent, nsets)
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	groups := map[int][]*candidate{}
	var roots []int
	for i, c := range open {
		r := find(i)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], c)
	}
	decisions := make([]Decision, 0, len(roots))
	for _, r := range roots {
		g := groups[r] // in the order of open: by first set, then span
		first := g[0].ann
		d := Decision{Type: first.Type, Start: first.Start, End: first.End}
		sameSpan := true
		for _, c := range g {
			d.Start, d.End = min(d.Start, c.ann.Start), max(d.End, c.ann.End)
			sameSpan = sameSpan && c.ann.Start == first.Start && c.ann.End == first.End
			d.Options = append(d.Options, Option{Annotation: c.ann, Speaker: c.speaker, Sets: slices.Clone(c.sets)})
		}
		switch {
		case len(g) == 1 && g[0].sets[0] == 0:
			d.Kind = OnlyA
		case len(g) == 1:
			d.Kind = OnlyB
		case sameSpan:
			d.Kind = SpeakerDiffers
		default:
			d.Kind = Boundaries
		}
		decisions = append(decisions, d)
	}
	slices.SortStableFunc(decisions, func(p, q Decision) int {
		return cmp.Or(cmp.Compare(p.Start, q.Start), cmp.Compare(p.End, q.End), cmp.Compare(p.Type, q.Type),
			cmp.Compare(p.Options[0].Sets[0], q.Options[0].Sets[0]))
	})
	return decisions
}

// joinOverlapping groups the open candidates of any number of sets: every
// overlapping pair of one type, in the order of the overlap matching, joins
// two groups that have no set in common.
func joinOverlapping(open []*candidate, parent []int, nsets int) {
	anns := make([]annotations.Annotation, len(open))
	for i, c := range open {
		anns[i] = c.ann
	}
	pairs := overlapCandidates(anns, anns, func(p, q int) bool { return p < q })
	has := make([][]bool, len(open)) // has[root][k]: the group holds a candidate of set k
	for i, c := range open {
		has[i] = make([]bool, nsets)
		for _, s := range c.sets {
			has[i][s] = true
		}
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for _, pr := range pairs {
		rp, rq := find(pr.i), find(pr.j)
		if rp == rq || !disjoint(has[rp], has[rq]) {
			continue
		}
		rp, rq = min(rp, rq), max(rp, rq)
		parent[rq] = rp
		for s, ok := range has[rq] {
			has[rp][s] = has[rp][s] || ok
		}
	}
}

// pairOff groups the open candidates of two sets as joinOverlapping does,
// without listing the overlapping pairs, of which nested or chained spans
// have millions. A candidate both sets have joins nothing (the sets are all
// it could share), and one set's candidate joins at most one of the
// other's: the groups are the overlap matching (MatchOverlap) of the
// candidates only set 0 has, which come first in open, with those only set
// 1 has, in the same order of pairs.
func pairOff(open []*candidate, parent []int) {
	var only [2][]int // indexes in open
	var anns [2][]annotations.Annotation
	for k := range anns {
		anns[k] = make([]annotations.Annotation, 0, len(open))
	}
	for i, c := range open {
		if len(c.sets) == 1 {
			k := c.sets[0]
			only[k], anns[k] = append(only[k], i), append(anns[k], c.ann)
		}
	}
	for _, p := range MatchOverlap(anns[0], anns[1]) {
		parent[only[1][p[1]]] = only[0][p[0]]
	}
}

func disjoint(a, b []bool) bool {
	for i := range a {
		if a[i] && b[i] {
			return false
		}
	}
	return true
}

// uniqueIDs gives a new id to an annotation whose id an earlier agreed
// annotation or option has (sets copied from one another share ids).
func (a *Adjudication) uniqueIDs() {
	seen := map[string]bool{}
	fix := func(ann *annotations.Annotation) {
		if seen[ann.ID] || !annotations.IsUUID(ann.ID) {
			ann.ID = annotations.NewID()
		}
		seen[ann.ID] = true
	}
	for i := range a.Agreed {
		fix(&a.Agreed[i])
	}
	for i := range a.Decisions {
		for j := range a.Decisions[i].Options {
			fix(&a.Decisions[i].Options[j].Annotation)
		}
	}
}

// unifySpeakers unifies the sets' speakers (see Adjudicate). It returns the
// unified speakers, sorted like a set's, and the unified id of set i's
// speaker id ("" for "").
func unifySpeakers(sets []*annotations.Set) ([]annotations.Speaker, func(i int, id string) string) {
	u := newSpeakerUnion(sets)
	u.joinByName()
	u.joinByExtendedName()
	u.joinByMentions()
	return u.unified()
}

// speakerUnion groups the speakers of several sets that are one person:
// those with the same name (folded), and those whose mentions the sets tag
// at overlapping spans, as long as a group keeps one speaker per set.
type speakerUnion struct {
	sets   []*annotations.Set
	nodes  []speakerNode
	index  map[speakerKey]int
	parent []int
	has    [][]bool // has[root][k]: the group holds a speaker of set k
}

type speakerNode struct {
	set int
	sp  annotations.Speaker
}

type speakerKey struct {
	set int
	id  string
}

func newSpeakerUnion(sets []*annotations.Set) *speakerUnion {
	u := &speakerUnion{sets: sets, index: map[speakerKey]int{}}
	for i, s := range sets {
		for _, sp := range s.Speakers {
			if _, dup := u.index[speakerKey{i, sp.ID}]; !dup {
				u.index[speakerKey{i, sp.ID}] = len(u.nodes)
				u.nodes = append(u.nodes, speakerNode{i, sp})
			}
		}
	}
	u.parent = make([]int, len(u.nodes))
	u.has = make([][]bool, len(u.nodes))
	for n := range u.nodes {
		u.parent[n] = n
		u.has[n] = make([]bool, len(sets))
		u.has[n][u.nodes[n].set] = true
	}
	return u
}

func (u *speakerUnion) nodeOf(set int, id string) (int, bool) {
	n, ok := u.index[speakerKey{set, id}]
	return n, ok
}

func (u *speakerUnion) find(n int) int {
	if u.parent[n] != n {
		u.parent[n] = u.find(u.parent[n])
	}
	return u.parent[n]
}

// join puts p's and q's groups together; with onePerSet, not when both
// already hold a speaker of the same set.
func (u *speakerUnion) join(p, q int, onePerSet bool) {
	rp, rq := u.find(p), u.find(q)
	if rp == rq || onePerSet && !disjoint(u.has[rp], u.has[rq]) {
		return
	}
	rp, rq = min(rp, rq), max(rp, rq) // the root is the first node: the first set's speaker
	u.parent[rq] = rp
	for s, ok := range u.has[rq] {
		u.has[rp][s] = u.has[rp][s] || ok
	}
}

// joinByName groups speakers whose names fold to the same, even two of one
// set.
func (u *speakerUnion) joinByName() {
	byName := map[string]int{}
	for n, nd := range u.nodes {
		name := annotations.FoldName(nd.sp.Name)
		if first, ok := byName[name]; ok {
			u.join(first, n, false)
		} else {
			byName[name] = n
		}
	}
}

// joinByExtendedName groups, between two sets, speakers whose names extend
// one another unambiguously ("Hosemann" and "Delbert Hosemann", see
// speaker_names.go), as long as a group keeps one speaker per set.
func (u *speakerUnion) joinByExtendedName() {
	nodesOf := make([][]int, len(u.sets)) // per set, its nodes in order
	for n, nd := range u.nodes {
		nodesOf[nd.set] = append(nodesOf[nd.set], n)
	}
	index := make([]*nameIndex, len(u.sets))
	for i, s := range u.sets {
		index[i] = newNameIndex(s.Speakers)
	}
	for i := range u.sets {
		for j := i + 1; j < len(u.sets); j++ {
			for _, p := range nodesOf[i] {
				sp := u.nodes[p].sp
				idB := index[j].onlyMatch(sp.Name)
				if idB == "" {
					continue
				}
				q, ok := u.nodeOf(j, idB)
				if ok && index[i].onlyMatch(u.nodes[q].sp.Name) == sp.ID {
					u.join(p, q, true)
				}
			}
		}
	}
}

// joinByMentions groups the speakers of speaker mentions that two sets tag
// at overlapping spans.
func (u *speakerUnion) joinByMentions() {
	for i := range u.sets {
		for j := i + 1; j < len(u.sets); j++ {
			a, b := u.sets[i].Annotations, u.sets[j].Annotations
			for _, p := range MatchOverlap(a, b) {
				x, y := a[p[0]], b[p[1]]
				if x.Type != annotations.SpeakerMention || y.Type != annotations.SpeakerMention {
					continue
				}
				nx, okx := u.nodeOf(i, x.Speaker)
				ny, oky := u.nodeOf(j, y.Speaker)
				if okx && oky {
					u.join(nx, ny, true)
				}
			}
		}
	}
}

// unified gives each group one speaker, with its root's id (a new id when
// two sets gave one id to different people) and the fullest name in the
// group (the most key words; the first set's among equals), and maps each
// set's speaker id to its group's.
func (u *speakerUnion) unified() ([]annotations.Speaker, func(i int, id string) string) {
	ids := make([]string, len(u.nodes))  // unified id of each root
	fullest := make([]int, len(u.nodes)) // per root, the node with its fullest name
	words := func(n int) int { return len(strings.Fields(annotations.NameKey(u.nodes[n].sp.Name))) }
	for n := range u.nodes {
		fullest[n] = n
	}
	for n := range u.nodes {
		if r := u.find(n); r != n && words(n) > words(fullest[r]) {
			fullest[r] = n
		}
	}
	used := map[string]bool{}
	var speakers []annotations.Speaker
	for n, nd := range u.nodes {
		if u.find(n) != n {
			continue
		}
		id := nd.sp.ID
		if used[id] {
			id = annotations.NewID()
		}
		used[id] = true
		ids[n] = id
		speakers = append(speakers, annotations.Speaker{ID: id, Name: u.nodes[fullest[n]].sp.Name})
	}
	slices.SortFunc(speakers, func(a, b annotations.Speaker) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return speakers, func(i int, id string) string {
		if n, ok := u.nodeOf(i, id); ok {
			return ids[u.find(n)]
		}
		return ""
	}
}

// Build makes the adjudicated set: the agreed annotations and, for each
// decision, the option choices[i] picks (an index of Decisions[i].Options),
// or nothing for NoChoice. The set is new (a new id, annotator "adjudicated",
// created and modified now), keeps only the speakers its annotations use,
// and is valid.
func (a *Adjudication) Build(choices []int, now time.Time) (*annotations.Set, error) {
	if len(choices) != len(a.Decisions) {
		return nil, fmt.Errorf("%d choices for %d decisions", len(choices), len(a.Decisions))
	}
	anns := slices.Clone(a.Agreed)
	for i, c := range choices {
		if c == NoChoice {
			continue
		}
		if c < 0 || c >= len(a.Decisions[i].Options) {
			return nil, fmt.Errorf("decision %d: choice %d is neither an option (0 to %d) nor NoChoice", i, c, len(a.Decisions[i].Options)-1)
		}
		anns = append(anns, a.Decisions[i].Options[c].Annotation)
	}
	used := map[string]bool{}
	for _, ann := range anns {
		used[ann.Speaker] = true
	}
	speakers := []annotations.Speaker{}
	for _, sp := range a.Speakers {
		if used[sp.ID] {
			speakers = append(speakers, sp)
		}
	}
	now = now.UTC().Truncate(time.Second)
	s := &annotations.Set{ID: annotations.NewID(), Annotator: "adjudicated", Created: now, Modified: now,
		Article: a.article, Speakers: speakers, Annotations: anns}
	s.Sort()
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("the adjudicated set is not valid: %w", err)
	}
	return s, nil
}
