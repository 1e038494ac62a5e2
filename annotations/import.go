package annotations

import (
	"fmt"

	"github.com/google/uuid"
)

// ImportSet reads a v1 file and binds it to the article: a set made on
// another version of the same article is re-anchored; a set for another
// article is refused. Nothing is returned but an error when the file breaks a
// rule.
func ImportSet(data []byte, art *Article) (*Set, *AnchorReport, error) {
	s, err := Read(data)
	if err != nil {
		return nil, nil, err
	}
	if s.Article.SHA256 != art.SHA256 && s.Article.ID != art.ID {
		return nil, nil, errAt("article", "this set is for article %q (%q), not %q", s.Article.ID, s.Article.Title, art.ID)
	}
	rep, err := s.Anchor(art)
	if err != nil {
		return nil, nil, err
	}
	return s, rep, nil
}

// UniqueID returns base, or base with the smallest suffix -2, -3 … that is
// not taken.
func UniqueID(base string, taken func(string) bool) string {
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// UniqueIDs hands out ids unique among those it has handed out: Next(base)
// is UniqueID(base, taken) with taken the ids handed out so far. It
// remembers the suffix each base reached, so that n ids from one base cost
// O(n) and not O(n²) probes: the ids it has given only ever grow, so a base's
// smallest free suffix never goes down. The zero value is ready to use.
type UniqueIDs struct {
	taken map[string]bool
	next  map[string]int // base → the suffix to try first
}

// Next returns base, or base with the smallest suffix -2, -3 … not handed
// out yet, and counts it as handed out.
func (u *UniqueIDs) Next(base string) string {
	if u.taken == nil {
		u.taken, u.next = make(map[string]bool), make(map[string]int)
	}
	id := base
	n, asked := u.next[base] // n is id's suffix; 1 is base itself
	if asked {
		id = fmt.Sprintf("%s-%d", base, n)
	} else {
		n = 1
	}
	for u.taken[id] {
		n++
		id = fmt.Sprintf("%s-%d", base, n)
	}
	u.taken[id], u.next[base] = true, n+1
	return id
}

// NewID returns a fresh id for a set, a speaker or an annotation.
func NewID() string { return uuid.NewString() }
