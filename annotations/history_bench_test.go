package annotations

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// benchSet is a set of n annotations on an article with room for many
// more, built directly (as Read would) so that building it costs little.
func benchSet(tb testing.TB, n int) (*Set, *Article) {
	tb.Helper()
	var sb strings.Builder
	const sentences = 20_000
	for i := range sentences {
		fmt.Fprintf(&sb, "Speaker%d said “quote number %d is here” today. ", i%50, i)
	}
	art := ArticleFromText("bench", sb.String())
	s := NewSet(art, "bench", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	rng := rand.New(rand.NewPCG(7, 7))
	for i := range 50 {
		s.Speakers = append(s.Speakers, Speaker{ID: uuidFrom(rng), Name: fmt.Sprintf("Speaker%d", i)})
	}
	o := art.Offsets()
	text := []rune(art.Text)
	_ = text
	pos := 0
	for i := range n {
		// each annotation its own sentence, the even ones for later tagging
		sent := 2 * i % sentences
		start := sentStart(art, sent)
		a, err := art.Span(start, start+8)
		if err != nil {
			tb.Fatal(err)
		}
		a.ID = uuidFrom(rng)
		a.Type = Types[i%3]
		switch a.Type {
		case Quote:
			a.Form = Direct
			a.Speaker = s.Speakers[i%50].ID
		case Mention:
			a.Speaker = s.Speakers[i%50].ID
		}
		s.Annotations = append(s.Annotations, a)
		pos = start
	}
	_ = o
	_ = pos
	s.sort()
	if err := s.Validate(); err != nil {
		tb.Fatal(err)
	}
	return s, art
}

var sentStarts = map[string][]int{}

// sentStart is where sentence i of the bench article starts, in code points.
func sentStart(art *Article, i int) int {
	starts, ok := sentStarts[art.SHA256]
	if !ok {
		r := []rune(art.Text)
		starts = []int{0}
		for j := 0; j+1 < len(r); j++ {
			if r[j] == '.' && r[j+1] == ' ' {
				starts = append(starts, j+2)
			}
		}
		sentStarts[art.SHA256] = starts
	}
	return starts[i]
}

func uuidFrom(rng *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	u, _ := uuid.FromBytes(b[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

var benchSizes = []int{0, 250, 2000, 10000}
