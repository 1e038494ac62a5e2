package annotations

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"quotemark/internal/fixture"

	"golang.org/x/text/unicode/norm"
)

func BenchmarkRead(b *testing.B) {
	data := goldBytes(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	s, _ := goldSet(b)
	b.SetBytes(int64(len(Write(s))))
	b.ReportAllocs()
	for b.Loop() {
		Write(s)
	}
}

func BenchmarkNewOffsets(b *testing.B) {
	text, _ := fixture.LongText(goldArticle(b).Text)
	b.SetBytes(int64(len(text)))
	b.ReportMetric(float64(utf8.RuneCountInString(text)), "codepoints")
	b.ReportAllocs()
	for b.Loop() {
		NewOffsets(text)
	}
}

func BenchmarkOffsets(b *testing.B) {
	text, _ := fixture.LongText(goldArticle(b).Text)
	o := NewOffsets(text)
	rng := rand.New(rand.NewPCG(1, 1))
	cps := make([]int, 4096)
	units := make([]int, 4096)
	bytesAt := make([]int, 4096)
	for i := range cps {
		cps[i] = rng.IntN(o.Len() + 1)
		units[i] = rng.IntN(o.UTF16Len() + 1)
		bytesAt[i] = rng.IntN(len(text) + 1)
	}
	b.Run("UTF16", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.UTF16(cps[i&4095])
			i++
		}
	})
	b.Run("Byte", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.Byte(cps[i&4095])
			i++
		}
	})
	b.Run("FromUTF16", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.FromUTF16(units[i&4095], i&1 == 0)
			i++
		}
	})
	b.Run("FromByte", func(b *testing.B) {
		i := 0
		for b.Loop() {
			o.FromByte(bytesAt[i&4095], i&1 == 0)
			i++
		}
	})
	b.Run("TrimSpan", func(b *testing.B) {
		i := 0
		for b.Loop() {
			c := cps[i&4095]
			o.TrimSpan(c, c+50)
			i++
		}
	})
}

// BenchmarkAnchor re-anchors about 1,000 annotations (the reference set's,
// on 30 copies of its article inside the long text) onto an edited text: a
// paragraph inserted at the start, so that everything moves, a word changed
// in the middle, and an annotated quote cut from every copy, so that its
// annotations become orphans. Every exact text occurs once per copy, so
// each annotation is chosen among dozens of occurrences by its context.
func BenchmarkAnchor(b *testing.B) {
	text, starts := fixture.LongText(goldArticle(b).Text)
	art := ArticleFromText("long", text)
	gold, _ := goldSet(b)
	set := NewSet(art, "bench", fixture.Now)
	set.Speakers = gold.Speakers
	for c := 0; len(set.Annotations) < 1000; c++ {
		base := starts[2*c] // every other copy
		for _, g := range gold.Annotations {
			a, err := art.Span(base+g.Start, base+g.End)
			if err != nil || a.Exact != g.Exact {
				b.Fatalf("copy %d: %q at %d is not %q", c, a.Exact, base+g.Start, g.Exact)
			}
			a.ID = fmt.Sprintf("%08x-0000-4000-8000-%012x", c, len(set.Annotations))
			a.Type, a.Speaker, a.Form, a.Checkworthy = g.Type, g.Speaker, g.Form, g.Checkworthy
			set.Annotations = append(set.Annotations, a)
		}
	}
	set.Sort()
	if err := set.Validate(); err != nil {
		b.Fatal(err)
	}
	if rep, err := set.Clone().Anchor(art); err != nil || rep.Reanchored {
		b.Fatalf("set does not anchor on its own text: %v", err)
	}
	edited := "A new first paragraph, with an emoji 😀.\n\n" + text
	mid := len(edited) / 2
	edited = edited[:mid] + strings.Replace(edited[mid:], "great lengths", "considerable lengths", 1)
	edited = strings.ReplaceAll(edited, "jump in the Gulf of Mexico", "jump")
	newArt := ArticleFromText("long", edited)

	var rep *AnchorReport
	b.ReportAllocs()
	for b.Loop() {
		s := set.Clone()
		var err error
		if rep, err = s.Anchor(newArt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(set.Annotations)), "annotations")
	b.ReportMetric(float64(rep.Moved), "moved")
	b.ReportMetric(float64(rep.Orphaned), "orphaned")
}

// editedCorpus is a generated article, a set on it, the article after
// sentences were inserted, deleted and reworded, and where each annotation
// belongs in the edited text.
type editedCorpus struct {
	set      *Set
	old, new *Article
	want     map[string][2]int // annotation id → span in the new text; absent: its sentence was deleted
	reworded map[string]bool   // a word inside the annotation changed
	words    int
}

type genSentence struct {
	para  bool // starts a paragraph
	text  []rune
	words [][2]int // spans of words that may be reworded
	anns  []genAnn
}

type genAnn struct {
	id         string
	typ        Type
	start, end int // in the sentence
	speaker    string
}

// generateEdited builds the corpus deterministically: about `words` words
// of news-like text from a small vocabulary (so phrases and names recur),
// with curly quotes, emoji and combining marks, and n annotations (quotes,
// speaker mentions, claims). The edit deletes 4% of the sentences, inserts
// new ones after 4% and changes one word in 6%.
func generateEdited(tb testing.TB, seed uint64, words, n int) *editedCorpus {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 11))
	vocab := strings.Fields(`the of and to a in that is was he for it with as his on be at by
		had are but from or have an they which one you were her all she there would their we him
		been has when who will more no if out so said what up its about into than them can only
		other new some could time these two may then do first any my now such like our over man
		me even most made after also did many before must through back years where much your way
		well down should because each just those people how too little state good very make world
		still own see men work long get here between both life being under never day same another
		know while last might us great old year off come since against go came right used take
		three council budget mayor election voters court judge ruling federal county city school
		police tax plan report data records office campaign vote law bill senate house policy
		café naïve São q̃uick rôle façade 😀 👩‍👩‍👧 🇩🇪 Zoë élan`)
	// Longer words, as news has them, drawn evenly.
	long := strings.Fields(`administration investigation commissioner legislature department
		spokeswoman spokesman representatives documentation information registration
		requirements constitutional responsibility municipal infrastructure transportation
		development environmental agriculture unemployment healthcare education immigration
		prosecutors attorney-general governor’s lawmakers Republicans Democrats independent
		committee testimony hearings subpoena compliance settlement negotiations agreement
		announcement statement interview correspondence allegations misleading presidential
		primaries candidates campaigns fundraising contributions expenditures households
		residents neighbourhoods communities businesses employers employees contractors
		Mississippi Kansas Washington Jackson Topeka Gulfport Wichita université naïveté`)
	first := []string{"Dana", "Ali", "Maria", "John", "Wei", "Fatima", "Luis", "Anna", "Kofi", "Zoë", "Renée", "Jürgen"}
	last := []string{"Whitfield", "Hosemann", "Kobach", "Okafor", "García", "Nguyen", "Søren", "Smith", "Dubois", "Tanaka"}
	type person struct{ name, id string }
	var people []person
	for i := range 24 {
		people = append(people, person{first[i%len(first)] + " " + last[(i*7)%len(last)], fmt.Sprintf("5e000000-0000-4000-8000-%012d", i)})
	}
	zipf := func() string { // small ranks are common
		if rng.IntN(4) == 0 {
			return long[rng.IntN(len(long))]
		}
		return vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64()*rng.Float64())]
	}
	annID := 0
	newID := func() string { annID++; return fmt.Sprintf("a0000000-0000-4000-8000-%012d", annID) }
	// phrase appends k vocabulary words to r, recording their spans.
	phrase := func(s *genSentence, k int, capital bool) {
		for i := range k {
			if i > 0 {
				s.text = append(s.text, ' ')
			}
			w := []rune(zipf())
			if capital && i == 0 {
				w[0] = unicode.ToUpper(w[0])
			}
			s.words = append(s.words, [2]int{len(s.text), len(s.text) + len(w)})
			s.text = append(s.text, w...)
		}
	}
	sentence := func() genSentence {
		s := genSentence{para: rng.IntN(4) == 0}
		switch rng.IntN(3) {
		case 0: // “…,” Name said.
			s.text = append(s.text, '“')
			q0 := len(s.text)
			phrase(&s, 6+rng.IntN(14), true)
			q1 := len(s.text)
			s.text = append(s.text, []rune(",” ")...)
			p := people[rng.IntN(len(people))]
			n0 := len(s.text)
			s.text = append(s.text, []rune(p.name)...)
			n1 := len(s.text)
			s.text = append(s.text, []rune(" said.")...)
			s.anns = append(s.anns, genAnn{typ: Quote, start: q0, end: q1, speaker: p.id}, genAnn{typ: SpeakerMention, start: n0, end: n1, speaker: p.id})
		case 1: // Name said that ….
			p := people[rng.IntN(len(people))]
			s.text = append(s.text, []rune(p.name)...)
			n1 := len(s.text)
			s.text = append(s.text, []rune(" told reporters that ")...)
			q0 := len(s.text)
			phrase(&s, 5+rng.IntN(12), false)
			q1 := len(s.text)
			s.text = append(s.text, '.')
			s.anns = append(s.anns, genAnn{typ: SpeakerMention, start: 0, end: n1, speaker: p.id}, genAnn{typ: Quote, start: q0, end: q1, speaker: p.id})
		default: // a claim
			phrase(&s, 8+rng.IntN(18), true)
			s.anns = append(s.anns, genAnn{typ: Claim, start: 0, end: len(s.text)})
			s.text = append(s.text, '.')
		}
		return s
	}
	var doc []genSentence
	total := 0
	for total < words {
		s := sentence()
		total += len(strings.Fields(string(s.text)))
		doc = append(doc, s)
	}
	// Keep n annotations, spread evenly.
	var all []*genAnn
	for i := range doc {
		for j := range doc[i].anns {
			all = append(all, &doc[i].anns[j])
		}
	}
	if len(all) < n {
		tb.Fatalf("only %d annotations to choose from", len(all))
	}
	keep := make(map[*genAnn]bool)
	for i := range n {
		a := all[i*len(all)/n]
		a.id = newID()
		keep[a] = true
	}
	for i := range doc {
		doc[i].anns = slices.DeleteFunc(doc[i].anns, func(a genAnn) bool { return a.id == "" })
	}
	// render joins sentences into paragraphs and returns the text and
	// every kept annotation's absolute span.
	render := func(doc []genSentence) (string, map[string][2]int, map[string]genAnn) {
		var sb []rune
		spans := make(map[string][2]int)
		anns := make(map[string]genAnn)
		for i, s := range doc {
			if i > 0 {
				if s.para {
					sb = append(sb, '\n', '\n')
				} else {
					sb = append(sb, ' ')
				}
			}
			for _, a := range s.anns {
				spans[a.id] = [2]int{len(sb) + a.start, len(sb) + a.end}
				anns[a.id] = a
			}
			sb = append(sb, s.text...)
		}
		return string(sb), spans, anns
	}
	oldText, oldSpans, anns := render(doc)
	if !norm.NFC.IsNormalString(oldText) {
		tb.Fatal("generated text is not NFC")
	}
	oldArt := ArticleFromText("generated", oldText)
	set := NewSet(oldArt, "bench", fixture.Now)
	for _, p := range people {
		set.Speakers = append(set.Speakers, Speaker{ID: p.id, Name: p.name})
	}
	for id, sp := range oldSpans {
		a, err := oldArt.Span(sp[0], sp[1])
		if err != nil {
			tb.Fatal(err)
		}
		g := anns[id]
		a.ID, a.Type, a.Speaker = id, g.typ, g.speaker
		if g.typ == Quote {
			a.Form = Direct
		}
		set.Annotations = append(set.Annotations, a)
	}
	set.Sort()
	if err := set.Validate(); err != nil {
		tb.Fatal(err)
	}

	// The edit.
	reworded := make(map[string]bool)
	var edited []genSentence
	for _, s := range doc {
		r := rng.Float64()
		switch {
		case r < 0.04:
			continue // deleted
		case r < 0.10 && len(s.words) > 0:
			w := s.words[rng.IntN(len(s.words))]
			old := string(s.text[w[0]:w[1]])
			repl := []rune(zipf())
			for string(repl) == strings.ToLower(old) || len(repl) < 2 {
				repl = []rune(zipf())
			}
			if unicode.IsUpper([]rune(old)[0]) {
				repl[0] = unicode.ToUpper(repl[0])
			}
			d := len(repl) - (w[1] - w[0])
			s.text = slices.Concat(s.text[:w[0]:w[0]], repl, s.text[w[1]:])
			s.anns = slices.Clone(s.anns)
			for i, a := range s.anns {
				switch {
				case a.start <= w[0] && w[1] <= a.end:
					s.anns[i].end += d
					reworded[a.id] = true
				case w[1] <= a.start:
					s.anns[i].start += d
					s.anns[i].end += d
				}
			}
		}
		edited = append(edited, s)
		if rng.Float64() < 0.04 {
			ins := sentence()
			ins.anns = nil
			edited = append(edited, ins)
		}
	}
	newText, newSpans, _ := render(edited)
	return &editedCorpus{set: set, old: oldArt, new: ArticleFromText("generated", newText), want: newSpans, reworded: reworded, words: total}
}

// anchorQuality compares a re-anchored set with where each annotation
// belongs: correct (on its span, or an orphan when its sentence is gone),
// misplaced (on other text, or placed when its sentence is gone), lost (an
// orphan though its text is there) and inexact (overlapping its span, not on
// it).
type anchorQuality struct{ correct, misplaced, lost, inexact int }

func measureAnchoring(c *editedCorpus, s *Set) anchorQuality {
	var q anchorQuality
	for _, o := range s.Orphans {
		if _, ok := c.want[o.Annotation.ID]; ok {
			q.lost++
		} else {
			q.correct++
		}
	}
	for _, a := range s.Annotations {
		w, ok := c.want[a.ID]
		switch {
		case !ok:
			q.misplaced++
		case a.Start == w[0] && a.End == w[1]:
			q.correct++
		case a.Start < w[1] && w[0] < a.End:
			q.inexact++
		default:
			q.misplaced++
		}
	}
	return q
}

// BenchmarkAnchorEdited re-anchors a 1,000-annotation set onto a generated
// 50,000-word article after sentences were inserted, deleted and reworded,
// and reports how many annotations landed where they belong.
func BenchmarkAnchorEdited(b *testing.B) {
	c := generateEdited(b, 2026, 50_000, 1000)
	var s *Set
	var rep *AnchorReport
	b.ReportAllocs()
	for b.Loop() {
		s = c.set.Clone()
		var err error
		if rep, err = s.Anchor(c.new); err != nil {
			b.Fatal(err)
		}
	}
	q := measureAnchoring(c, s)
	b.ReportMetric(float64(c.new.Length), "codepoints")
	b.ReportMetric(100*float64(q.correct)/float64(len(c.set.Annotations)), "%correct")
	b.ReportMetric(float64(q.misplaced), "misplaced")
	b.ReportMetric(float64(q.lost), "lost")
	b.ReportMetric(float64(q.inexact), "inexact")
	b.ReportMetric(float64(rep.Approximate), "approximate")
	b.ReportMetric(float64(rep.Orphaned), "orphaned")
}
