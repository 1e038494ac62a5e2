package annotations

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

// walk returns every position step visits from from until it stops moving.
func walk(o *Offsets, from int, step func(*Offsets, int) int) []int {
	out := []int{from}
	for {
		next := step(o, from)
		if next == from {
			return out
		}
		out = append(out, next)
		from = next
	}
}

func TestNextPrevCharKeepCharactersWhole(t *testing.T) {
	cases := []struct {
		name, text string
		stops      []int // every position NextChar visits from 0
	}{
		{"ascii", "ab", []int{0, 1, 2}},
		{"combining marks", "q\u0303e\u0301\u0302x", []int{0, 2, 5, 6}},
		{"zwj emoji", "a\U0001F469\u200D\U0001F469\u200D\U0001F467b", []int{0, 1, 6, 7}},
		{"skin tone and variation selector", "\U0001F44D\U0001F3FD\u2764\uFE0F!", []int{0, 2, 4, 5}},
		{"flags pair from the left", "\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA\U0001F1EE", []int{0, 2, 4, 5}},
		{"crlf", "a\r\nb\rc", []int{0, 1, 3, 4, 5, 6}},
		{"zwj before a line break joins nothing", "a\u200D\nb", []int{0, 2, 3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := NewOffsets(c.text)
			if got := walk(o, 0, NextChar); !slices.Equal(got, c.stops) {
				t.Errorf("NextChar stops at %v, want %v", got, c.stops)
			}
			back := slices.Clone(c.stops)
			slices.Reverse(back)
			if got := walk(o, o.Len(), PrevChar); !slices.Equal(got, back) {
				t.Errorf("PrevChar stops at %v, want %v", got, back)
			}
		})
	}
}

func TestWordMoves(t *testing.T) {
	//                  0         1         2         3
	//                  0123456789012345678901234567890123456
	text := "“They can’t go,” Zoë said. 👩‍👩‍👧 ok"
	o := NewOffsets(text)
	// Word ends: "They" 1–5, "can’t" 6–11, "go" 12–14, "Zoë" 17–20,
	// "said" 21–25, then the emoji (5 code points at 27–32) is no word,
	// "ok" 33–35.
	if got, want := walk(o, 0, NextWordEnd), []int{0, 5, 11, 14, 20, 25, 35}; !slices.Equal(got, want) {
		t.Errorf("NextWordEnd stops at %v, want %v", got, want)
	}
	if got, want := walk(o, o.Len(), PrevWordStart), []int{35, 33, 21, 17, 12, 6, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("PrevWordStart stops at %v, want %v", got, want)
	}
	if got, want := walk(o, 0, NextWordStart), []int{0, 1, 6, 12, 17, 21, 33, 35}; !slices.Equal(got, want) {
		t.Errorf("NextWordStart stops at %v, want %v", got, want)
	}
	if got, want := walk(o, o.Len(), PrevWordEnd), []int{35, 25, 20, 14, 11, 5, 0}; !slices.Equal(got, want) {
		t.Errorf("PrevWordEnd stops at %v, want %v", got, want)
	}
	// A decomposed letter is one word with its mark.
	d := NewOffsets("Zoe\u0308 A\u030angstro\u0308m.")
	if got := NextWordEnd(d, 0); got != 4 {
		t.Errorf("NextWordEnd over a combining mark = %d, want 4", got)
	}
	if got := PrevWordStart(d, d.Len()); got != 5 {
		t.Errorf("PrevWordStart = %d, want 5", got)
	}
}

func TestSnapToWords(t *testing.T) {
	text := "“They can go jump,” Hosemann said."
	o := NewOffsets(text)
	cases := []struct{ start, end, wantStart, wantEnd int }{
		{3, 4, 1, 5},     // inside "They": the whole word
		{1, 5, 1, 5},     // already whole
		{0, 3, 0, 5},     // from the opening quote into "They"
		{8, 14, 6, 17},   // "n go ju" → "can go jump"
		{17, 18, 17, 18}, // the comma alone stays
		{23, 22, 20, 28}, // reversed ends inside "Hosemann"
	}
	for _, c := range cases {
		s, e := SnapToWords(o, c.start, c.end)
		if s != c.wantStart || e != c.wantEnd {
			t.Errorf("SnapToWords(%d, %d) = %d–%d %q, want %d–%d %q", c.start, c.end, s, e, o.Slice(s, e), c.wantStart, c.wantEnd, o.Slice(c.wantStart, c.wantEnd))
		}
	}
}

func TestParagraphs(t *testing.T) {
	// Paragraphs: "One line." 0–9; a blank line; "Second para\r\nthird"
	// 11–29 (a wrapped line stays in its paragraph); "Last" after a line of
	// spaces 33–37; "Sep" after U+2029 38–41.
	text := "One line.\n\nSecond para\r\nthird\n \u00a0\nLast\u2029Sep"
	o := NewOffsets(text)
	if s, e := ParagraphBounds(o, 3); s != 0 || e != 9 {
		t.Errorf("ParagraphBounds(3) = %d–%d, want 0–9", s, e)
	}
	if s, e := ParagraphBounds(o, 26); s != 11 || e != 29 {
		t.Errorf("ParagraphBounds(26) = %d–%d %q, want 11–29", s, e, o.Slice(s, e))
	}
	if s, e := ParagraphBounds(o, 10); s != 10 || e != 10 {
		t.Errorf("ParagraphBounds on the blank line = %d–%d, want 10–10", s, e)
	}
	if got, want := walk(o, 0, NextParagraphStart), []int{0, 11, 33, 38, 41}; !slices.Equal(got, want) {
		t.Errorf("NextParagraphStart stops at %v, want %v", got, want)
	}
	if got, want := walk(o, o.Len(), PrevParagraphStart), []int{41, 38, 33, 11, 0}; !slices.Equal(got, want) {
		t.Errorf("PrevParagraphStart stops at %v, want %v", got, want)
	}
	for _, c := range []struct {
		start, end int
		want       bool
	}{{0, 9, false}, {0, 10, false}, {0, 15, true}, {11, 29, false}, {12, 22, false}, {24, 35, true}, {33, 40, true}} {
		if got := SpansParagraphs(o, c.start, c.end); got != c.want {
			t.Errorf("SpansParagraphs(%d, %d) %q = %v, want %v", c.start, c.end, o.Slice(c.start, c.end), got, c.want)
		}
	}
}

func TestAddRefusesMentionOverParagraphs(t *testing.T) {
	art := ArticleFromText("paras", "He said it.\n\nDelbert\nHosemann agreed.\n")
	s := NewSet(art, "", time.Now())
	if _, err := s.Add(art, SpeakerMention, 3, 21); err == nil || !strings.Contains(err.Error(), "cannot span paragraphs") {
		t.Errorf("a mention over two paragraphs: err = %v, want it refused with the reason", err)
	}
	if len(s.Annotations) != 0 || len(s.Speakers) != 0 {
		t.Errorf("a refused mention changed the set: %d annotations, %d speakers", len(s.Annotations), len(s.Speakers))
	}
	if _, err := s.Add(art, Quote, 0, 21); err != nil {
		t.Errorf("a quote over two paragraphs is refused: %v", err)
	}
	if m, err := s.Add(art, SpeakerMention, 13, 29); err != nil || s.SpeakerName(m.Speaker) != "Delbert Hosemann" {
		t.Errorf("a name over a wrapped line: %v, speaker %q", err, s.SpeakerName(m.Speaker))
	}
}

func TestSentences(t *testing.T) {
	text := "Mr. Smith met Dr. J. Doe in the U.S. on Friday. “Go!” she said. It cost 3.5 million… Then what?\n\nNew para"
	o := NewOffsets(text)
	sentences := []string{
		"Mr. Smith met Dr. J. Doe in the U.S. on Friday.",
		"“Go!” she said.",
		"It cost 3.5 million…",
		"Then what?",
		"New para",
	}
	var got []string
	for at := 0; at < o.Len(); at = NextSentenceStart(o, at) {
		s, e := SentenceBounds(o, at)
		got = append(got, o.Slice(s, e))
	}
	if !slices.Equal(got, sentences) {
		t.Errorf("sentences:\n got %q\nwant %q", got, sentences)
	}
	// Inside a sentence, Home goes to its start, and again to the one before.
	said := NewOffsets(text)
	at := len([]rune("Mr. Smith met Dr. J. Doe in the U.S. on Friday. “Go!” she s"))
	s1 := PrevSentenceStart(said, at)
	if s1 != len([]rune("Mr. Smith met Dr. J. Doe in the U.S. on Friday. ")) {
		t.Errorf("PrevSentenceStart from inside the second sentence = %d", s1)
	}
	if s0 := PrevSentenceStart(said, s1); s0 != 0 {
		t.Errorf("PrevSentenceStart from the second sentence's start = %d, want 0", s0)
	}
	// At the end of a paragraph the caret is in its last sentence.
	end := len([]rune(text)) - len([]rune("\n\nNew para"))
	if s, e := SentenceBounds(o, end); o.Slice(s, e) != "Then what?" {
		t.Errorf("SentenceBounds at the paragraph's end = %q", o.Slice(s, e))
	}
}

func TestExtendSelection(t *testing.T) {
	text := "“They can go jump,” Hosemann said."
	o := NewOffsets(text)
	steps := []struct {
		from, to          int
		snap              bool
		caret, start, end int
	}{
		{3, 4, true, 5, 1, 5},     // from inside "They", a character right: the word
		{5, 4, true, 1, 1, 5},     // and back a character from its end: the anchor's word stays
		{3, 4, false, 4, 3, 4},    // with Alt: one character
		{12, 13, true, 13, 1, 13}, // to the start of "jump": white space, trimmed when tagged
		{13, 14, true, 17, 1, 17}, // into "jump": all of it
		{17, 18, true, 18, 1, 18}, // the comma is taken alone
	}
	for _, s := range steps {
		caret, start, end := ExtendSelection(o, 3, s.from, s.to, s.snap)
		if caret != s.caret || start != s.start || end != s.end {
			t.Errorf("ExtendSelection(anchor 3, %d→%d, snap %v) = caret %d, %d–%d %q; want caret %d, %d–%d %q",
				s.from, s.to, s.snap, caret, start, end, o.Slice(start, end), s.caret, s.start, s.end, o.Slice(s.start, s.end))
		}
	}
}

// BenchmarkCaretMoves: one caret move of each kind at random places of the
// long fixture text (about 50,000 words), as a key press makes it.
func BenchmarkCaretMoves(b *testing.B) {
	text, _ := fixture.LongText(goldArticle(b).Text)
	o := NewOffsets(text)
	rng := rand.New(rand.NewPCG(9, 9))
	at := make([]int, 4096)
	for i := range at {
		at[i] = rng.IntN(o.Len())
	}
	moves := []struct {
		name string
		move func(*Offsets, int) int
	}{
		{"char", NextChar},
		{"word", NextWordEnd},
		{"sentence", NextSentenceStart},
		{"sentence-back", PrevSentenceStart},
		{"paragraph", NextParagraphStart},
		{"paragraph-back", PrevParagraphStart},
	}
	for _, m := range moves {
		b.Run(m.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				m.move(o, at[i%len(at)])
				i++
			}
		})
	}
}

// A spacing mark (Devanagari's vowel sign aa, Mc) is part of its word for
// the caret and for anchoring alike: "नाम" is one word.
func TestSpacingMarkIsInItsWord(t *testing.T) {
	o := NewOffsets("नाम है")
	if got := NextWordEnd(o, 0); got != 3 {
		t.Errorf("the word नाम ends at %d, want 3", got)
	}
	for _, r := range "नाम" {
		if !isWordChar(r) {
			t.Errorf("%U is not a word character", r)
		}
	}
}
