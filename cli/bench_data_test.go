package cli

// The benchmark's annotation sets, made natively with the domain package
// (NewSet, Add, Write only) and imported through the UI.

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

// benchSpec is one annotation to make: a type and a span in code points.
type benchSpec struct {
	typ        annotations.Type
	start, end int
}

// benchNames are the real names of longArticle's speakers: mentions of them,
// whole and by surname, are the sets' speaker annotations.
var benchNames = []string{"Delbert Hosemann", "Zoë Ångström", "Maria Núñez"}

// benchSpecs spreads n annotations over the whole article body: about one in
// eight a speaker mention (a real name, whole or its surname, as many as the
// text has), the others quotes and claims in turn, 3 to 12 words long,
// starting at evenly spaced words. No two have the same span.
func benchSpecs(art *annotations.Article, n int) []benchSpec {
	body := strings.Index(art.Text, "\n\n")
	o := art.Offsets()
	cp := func(b int) int { return o.FromByte(b, false) }

	var mentions []benchSpec
	for _, name := range benchNames {
		surname := name[strings.LastIndex(name, " ")+1:]
		for _, m := range regexp.MustCompile(regexp.QuoteMeta(name)).FindAllStringIndex(art.Text[body:], -1) {
			s, e := body+m[0], body+m[1]
			mentions = append(mentions,
				benchSpec{annotations.SpeakerMention, cp(s), cp(e)},
				benchSpec{annotations.SpeakerMention, cp(e - len(surname)), cp(e)})
		}
	}
	slices.SortFunc(mentions, func(a, b benchSpec) int { return cmp.Or(a.start-b.start, a.end-b.end) })
	words := regexp.MustCompile(`\pL+`).FindAllStringIndex(art.Text[body:], -1)

	taken := map[[2]int]bool{}
	var specs []benchSpec
	nm := min(n/8, len(mentions))
	for i := range nm {
		m := mentions[i*len(mentions)/nm]
		if !taken[[2]int{m.start, m.end}] {
			taken[[2]int{m.start, m.end}] = true
			specs = append(specs, m)
		}
	}
	for i := 0; len(specs) < n; i++ {
		k := len(specs) - nm // one more quote or claim
		w := (k * len(words) / max(1, n-nm)) % len(words)
		typ := annotations.Quote
		if k%2 == 1 {
			typ = annotations.Claim
		}
		for length := 3 + k*7%10; ; length++ {
			last := min(w+length-1, len(words)-1)
			sp := [2]int{cp(body + words[w][0]), cp(body + words[last][1])}
			if !taken[sp] {
				taken[sp] = true
				specs = append(specs, benchSpec{typ, sp[0], sp[1]})
				break
			}
			if last == len(words)-1 {
				w = (w + 1) % len(words)
				length = 2
			}
		}
	}
	return specs
}

// benchSet makes a set of the specs.
func benchSet(tb testing.TB, art *annotations.Article, annotator string, specs []benchSpec) *annotations.Set {
	tb.Helper()
	s := annotations.NewSet(art, annotator, time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	for _, sp := range specs {
		if _, err := s.Add(art, sp.typ, sp.start, sp.end); err != nil {
			tb.Fatalf("adding %s %d–%d: %v", sp.typ, sp.start, sp.end, err)
		}
	}
	if len(s.Annotations) != len(specs) {
		tb.Fatalf("the set has %d annotations, want %d", len(s.Annotations), len(specs))
	}
	return s
}

// secondAnnotatorSpecs derives another annotator's specs: of every 20, one
// is left out, one ends a word earlier (or later), one is a claim instead of
// a quote and one new span is added, so that the compare view has
// disagreements of several kinds all over the text.
func secondAnnotatorSpecs(art *annotations.Article, specs []benchSpec) []benchSpec {
	taken := map[[2]int]bool{}
	for _, sp := range specs {
		taken[[2]int{sp.start, sp.end}] = true
	}
	words := regexp.MustCompile(`\pL+`)
	o := art.Offsets()
	var out []benchSpec
	for i, sp := range specs {
		switch i % 20 {
		case 3: // left out
			continue
		case 7: // boundaries: one word shorter, or longer
			exact := o.Slice(sp.start, sp.end)
			ws := words.FindAllStringIndex(exact, -1)
			if sp.typ != annotations.SpeakerMention && len(ws) > 2 {
				end := sp.start + len([]rune(exact[:ws[len(ws)-2][1]]))
				if !taken[[2]int{sp.start, end}] {
					taken[[2]int{sp.start, end}] = true
					sp.end = end
				}
			}
		case 11: // another type
			if sp.typ == annotations.Quote {
				sp.typ = annotations.Claim
			}
		case 15: // an extra span nobody else marked: the next 4 words
			rest := o.Slice(sp.end, min(o.Len(), sp.end+200))
			if ws := words.FindAllStringIndex(rest, 5); len(ws) == 5 {
				start := sp.end + len([]rune(rest[:ws[1][0]]))
				end := sp.end + len([]rune(rest[:ws[4][1]]))
				if !taken[[2]int{start, end}] {
					taken[[2]int{start, end}] = true
					out = append(out, benchSpec{annotations.Claim, start, end})
				}
			}
		}
		out = append(out, sp)
	}
	return out
}

// writeBenchSet writes s as a .quotemark.json file in dir.
func writeBenchSet(tb testing.TB, dir, name string, s *annotations.Set) string {
	tb.Helper()
	return writeSet(tb, dir, fmt.Sprintf("%s.quotemark.json", name), s)
}
