package agreement

import (
	"slices"

	"quotemark/annotations"
)

// Comparing speakers by name follows the rule that makes one speaker of
// mentions whose names extend each other (annotations.SameSpeakerName):
// "Hosemann" in one set and "Delbert Hosemann" in another are one person.
// Between two sets that counts only when it is unambiguous both ways: the
// one speaker of b that a's name can name is b's speaker, and a's is the
// one speaker of a that b's name can name. A set with both "Delbert
// Hosemann" and "Mary Hosemann" leaves another set's "Hosemann" matched to
// neither.

// nameIndex finds, among one set's speakers, those a name can name: same
// key, a name extending it, or a name it extends. It reads maps by key, so
// matching every speaker of one set against another costs what the names
// hold, not the product of the two sets' sizes.
type nameIndex struct {
	ids    []string
	names  []string
	pos    map[string]int   // speaker id → position
	byKey  map[string][]int // name key → positions with that key
	byPart map[string][]int // key a name extends → positions of those names
}

func newNameIndex(speakers []annotations.Speaker) *nameIndex {
	x := &nameIndex{pos: make(map[string]int, len(speakers)), byKey: map[string][]int{}, byPart: map[string][]int{}}
	for _, sp := range speakers {
		if _, dup := x.pos[sp.ID]; dup {
			continue
		}
		i := len(x.ids)
		x.ids = append(x.ids, sp.ID)
		x.names = append(x.names, sp.Name)
		x.pos[sp.ID] = i
		if k := annotations.NameKey(sp.Name); k != "" {
			x.byKey[k] = append(x.byKey[k], i)
		}
		for _, p := range annotations.NameParts(sp.Name) {
			x.byPart[p] = append(x.byPart[p], i)
		}
	}
	return x
}

// matches are the positions of the speakers name can name, each once.
func (x *nameIndex) matches(name string) []int {
	k := annotations.NameKey(name)
	if k == "" {
		return nil
	}
	out := slices.Clone(x.byKey[k])
	add := func(ps []int) {
		for _, p := range ps {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	add(x.byPart[k])
	for _, p := range annotations.NameParts(name) {
		add(x.byKey[p])
	}
	// Extension counts between names only (annotations.IsNameLike).
	return slices.DeleteFunc(out, func(p int) bool { return !annotations.SameSpeakerName(x.names[p], name) })
}

// onlyMatch is the id of the one speaker name can name, or "".
func (x *nameIndex) onlyMatch(name string) string {
	if m := x.matches(name); len(m) == 1 {
		return x.ids[m[0]]
	}
	return ""
}

// sameByExtendedName reports whether speaker idA (named nameA) of the set
// indexed by a and speaker idB (nameB) of b's are one person by the name
// rule, unambiguously both ways.
func sameByExtendedName(a *nameIndex, idA, nameA string, b *nameIndex, idB, nameB string) bool {
	return b.onlyMatch(nameA) == idB && a.onlyMatch(nameB) == idA
}
