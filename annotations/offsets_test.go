package annotations

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// mixedText has what breaks naive offsets: characters outside the BMP (a ZWJ
// family, a plain emoji, a skin tone, a flag), a combining mark with no
// precomposed form, curly quotes and CRLF line ends.
const mixedText = "“Hello,” said 👩‍👩‍👧 q\u0303uietly.\r\n‘😀’ — 👍🏽 🇩🇪 café\r\nend"

func normalized(t testing.TB, raw string) string {
	t.Helper()
	s, err := Normalize([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkOffsets compares every conversion with one computed independently
// from []rune and utf16.Encode.
func checkOffsets(t *testing.T, text string) {
	t.Helper()
	o := NewOffsets(text)
	runes := []rune(text)
	if o.Len() != len(runes) {
		t.Fatalf("Len() = %d, want %d", o.Len(), len(runes))
	}
	if want := len(utf16.Encode(runes)); o.UTF16Len() != want {
		t.Fatalf("UTF16Len() = %d, want %d", o.UTF16Len(), want)
	}
	for i := 0; i <= len(runes); i++ {
		wantByte := len(string(runes[:i]))
		wantU := len(utf16.Encode(runes[:i]))
		if got := o.Byte(i); got != wantByte {
			t.Fatalf("Byte(%d) = %d, want %d", i, got, wantByte)
		}
		if got := o.UTF16(i); got != wantU {
			t.Fatalf("UTF16(%d) = %d, want %d", i, got, wantU)
		}
		for _, up := range []bool{false, true} {
			if got := o.FromUTF16(wantU, up); got != i {
				t.Fatalf("FromUTF16(%d, %v) = %d, want %d", wantU, up, got, i)
			}
			if got := o.FromByte(wantByte, up); got != i {
				t.Fatalf("FromByte(%d, %v) = %d, want %d", wantByte, up, got, i)
			}
		}
		if i < len(runes) {
			if got := o.RuneAt(i); got != runes[i] {
				t.Fatalf("RuneAt(%d) = %q, want %q", i, got, runes[i])
			}
			if got := o.Slice(i, i+1); got != string(runes[i]) {
				t.Fatalf("Slice(%d, %d) = %q", i, i+1, got)
			}
		}
	}
	if got := o.Slice(0, len(runes)); got != text {
		t.Fatalf("Slice(0, Len) = %q", got)
	}
}

func TestOffsetsMixedText(t *testing.T) {
	text := normalized(t, mixedText)
	if strings.ContainsRune(text, '\r') {
		t.Fatal("normalized text kept a CR")
	}
	checkOffsets(t, text)
}

func TestOffsetsGoldArticle(t *testing.T) {
	checkOffsets(t, goldArticle(t).Text)
}

func TestOffsetsKnownValues(t *testing.T) {
	// a 😀 b: the emoji is one code point, two UTF-16 units, four bytes.
	o := NewOffsets("a😀b")
	want := []struct{ cp, u16, b int }{{0, 0, 0}, {1, 1, 1}, {2, 3, 5}, {3, 4, 6}}
	for _, w := range want {
		if o.UTF16(w.cp) != w.u16 || o.Byte(w.cp) != w.b {
			t.Errorf("cp %d: UTF16 %d Byte %d, want %d %d", w.cp, o.UTF16(w.cp), o.Byte(w.cp), w.u16, w.b)
		}
	}
	// The family emoji: 5 code points (3 people, 2 ZWJ), 8 UTF-16 units,
	// 18 bytes.
	f := NewOffsets("👩‍👩‍👧")
	if f.Len() != 5 || f.UTF16Len() != 8 || f.Byte(5) != 18 {
		t.Errorf("family: Len %d UTF16Len %d bytes %d, want 5 8 18", f.Len(), f.UTF16Len(), f.Byte(5))
	}
	// Curly quotes are one code point and one UTF-16 unit but three bytes.
	q := NewOffsets("“x”")
	if q.Len() != 3 || q.UTF16Len() != 3 || q.Byte(2) != 4 || q.Byte(3) != 7 {
		t.Errorf("curly quotes: Len %d UTF16Len %d Byte(2) %d Byte(3) %d", q.Len(), q.UTF16Len(), q.Byte(2), q.Byte(3))
	}
	// A combining mark is a code point of its own.
	m := NewOffsets("q\u0303x")
	if m.Len() != 3 || m.UTF16(2) != 2 || m.Byte(2) != 3 || m.RuneAt(1) != '\u0303' {
		t.Errorf("q+tilde: Len %d UTF16(2) %d Byte(2) %d", m.Len(), m.UTF16(2), m.Byte(2))
	}
}

func TestOffsetsCRLFInput(t *testing.T) {
	// Offsets are in the normalized text: a CRLF counts as one code point.
	a, err := NewArticle("x", []byte("ab\r\n😀c\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	o := a.Offsets()
	if a.Length != 6 || o.UTF16Len() != 7 {
		t.Fatalf("Length %d UTF16Len %d, want 6 7", a.Length, o.UTF16Len())
	}
	if got := o.FromUTF16(5, false); got != 4 || o.RuneAt(got) != 'c' {
		t.Errorf("UTF-16 offset 5 is code point %d (%q), want 4 'c'", got, o.RuneAt(got))
	}
	if o.Slice(2, 3) != "\n" {
		t.Errorf("code point 2 is %q, want the line end", o.Slice(2, 3))
	}
}

func TestFromUTF16InsideSurrogatePair(t *testing.T) {
	o := NewOffsets("a😀b👩‍👧")
	// UTF-16: a=0, 😀=1..2, b=3, 👩=4..5, ZWJ=6, 👧=7..8, end=9.
	tests := []struct {
		u        int
		down, up int
	}{
		{2, 1, 2}, // between 😀's surrogates
		{5, 3, 4}, // between 👩's surrogates
		{8, 5, 6}, // between 👧's surrogates
		{1, 1, 1}, // boundaries are exact
		{3, 2, 2},
		{9, 6, 6},
		{-3, 0, 0}, // clamped
		{100, 6, 6},
	}
	for _, tt := range tests {
		if got := o.FromUTF16(tt.u, false); got != tt.down {
			t.Errorf("FromUTF16(%d, down) = %d, want %d", tt.u, got, tt.down)
		}
		if got := o.FromUTF16(tt.u, true); got != tt.up {
			t.Errorf("FromUTF16(%d, up) = %d, want %d", tt.u, got, tt.up)
		}
	}
}

func TestFromByteInsideCharacter(t *testing.T) {
	o := NewOffsets("a😀“")
	// bytes: a=0, 😀=1..4, “=5..7, end=8.
	for b := 2; b <= 4; b++ {
		if o.FromByte(b, false) != 1 || o.FromByte(b, true) != 2 {
			t.Errorf("byte %d: down %d up %d, want 1 2", b, o.FromByte(b, false), o.FromByte(b, true))
		}
	}
	for b := 6; b <= 7; b++ {
		if o.FromByte(b, false) != 2 || o.FromByte(b, true) != 3 {
			t.Errorf("byte %d: down %d up %d, want 2 3", b, o.FromByte(b, false), o.FromByte(b, true))
		}
	}
}

func TestOffsetsClamp(t *testing.T) {
	o := NewOffsets("a😀")
	if o.Byte(-1) != 0 || o.Byte(99) != 5 || o.UTF16(-1) != 0 || o.UTF16(99) != 3 {
		t.Errorf("clamping: Byte(-1) %d Byte(99) %d UTF16(-1) %d UTF16(99) %d", o.Byte(-1), o.Byte(99), o.UTF16(-1), o.UTF16(99))
	}
	if o.Slice(-5, 99) != "a😀" {
		t.Errorf("Slice(-5, 99) = %q", o.Slice(-5, 99))
	}
	e := NewOffsets("")
	if e.Len() != 0 || e.UTF16Len() != 0 || e.FromUTF16(3, true) != 0 || e.Slice(0, 0) != "" {
		t.Errorf("empty text: Len %d UTF16Len %d", e.Len(), e.UTF16Len())
	}
}

// TestFromUTF16RoundTrip is the property the browser relies on: every code
// point offset survives a trip through UTF-16, and every UTF-16 offset lands
// on the code point boundary at or around it.
func TestFromUTF16RoundTrip(t *testing.T) {
	texts := []string{
		normalized(t, mixedText),
		goldArticle(t).Text,
		strings.Repeat("😀", 50),
		"\U0010FFFF\uFFFF\U00010000\uD7FF\uE000",
	}
	for _, text := range texts {
		o := NewOffsets(text)
		for i := 0; i <= o.Len(); i++ {
			for _, up := range []bool{false, true} {
				if got := o.FromUTF16(o.UTF16(i), up); got != i {
					t.Fatalf("%q: FromUTF16(UTF16(%d), %v) = %d", Clip(text, 40), i, up, got)
				}
				if got := o.FromByte(o.Byte(i), up); got != i {
					t.Fatalf("%q: FromByte(Byte(%d), %v) = %d", Clip(text, 40), i, up, got)
				}
			}
		}
		for u := 0; u <= o.UTF16Len(); u++ {
			down, up := o.FromUTF16(u, false), o.FromUTF16(u, true)
			if !(o.UTF16(down) <= u && u <= o.UTF16(up)) || up-down > 1 {
				t.Fatalf("%q: UTF-16 offset %d rounds to %d..%d (UTF-16 %d..%d)", Clip(text, 40), u, down, up, o.UTF16(down), o.UTF16(up))
			}
			if (down == up) != (o.UTF16(down) == u) {
				t.Fatalf("%q: UTF-16 offset %d: down %d up %d", Clip(text, 40), u, down, up)
			}
		}
	}
}

func TestTrimSpan(t *testing.T) {
	// Positions are in code points of these texts.
	tests := []struct {
		name       string
		text       string
		start, end int
		want       string // the trimmed span's text
		ok         bool
	}{
		{"spaces around", "  said  ", 0, 8, "said", true},
		{"line ends and tabs", "\n\tHosemann\n\n", 0, 12, "Hosemann", true},
		{"no-break space", "\u00a0x\u00a0", 0, 3, "x", true},
		{"only white space", "a \n\t b", 1, 5, "", false},
		{"empty", "abc", 1, 1, "", false},
		{"reversed", "  ab  ", 6, 0, "ab", true},
		{"clamped", "ab", -4, 40, "ab", true},
		{"curly quotes kept", " “x” ", 0, 5, "“x”", true},

		{"end before a combining mark", "q\u0303x", 0, 1, "q\u0303", true},
		{"start on a combining mark", "aq\u0303x", 2, 4, "q\u0303x", true},
		{"several marks", "a\u0323\u0302\u0303b", 0, 2, "a\u0323\u0302\u0303", true},
		{"start on the second of two marks", "xa\u0323\u0302b", 3, 5, "a\u0323\u0302b", true},
		{"enclosing keycap", "1\ufe0f\u20e3 x", 0, 1, "1\ufe0f\u20e3", true},

		{"skin tone: end before it", "👍🏽 ok", 0, 1, "👍🏽", true},
		{"skin tone: start on it", "a👍🏽", 2, 3, "👍🏽", true},
		{"variation selector", "❤\ufe0f!", 0, 1, "❤\ufe0f", true},

		// 👩‍👩‍👧 is 👩 ZWJ 👩 ZWJ 👧: code points 0..4.
		{"ZWJ: end after the first person", "👩‍👩‍👧 x", 0, 1, "👩‍👩‍👧", true},
		{"ZWJ: end after a joiner", "👩‍👩‍👧 x", 0, 2, "👩‍👩‍👧", true},
		{"ZWJ: end after the second person", "👩‍👩‍👧 x", 0, 3, "👩‍👩‍👧", true},
		{"ZWJ: start on a joiner", "x 👩‍👩‍👧", 3, 7, "👩‍👩‍👧", true},
		{"ZWJ: start on the second person", "x 👩‍👩‍👧", 4, 7, "👩‍👩‍👧", true},
		{"ZWJ: start on the last person", "x 👩‍👩‍👧", 6, 7, "👩‍👩‍👧", true},
		{"ZWJ: both ends inside", "x 👩‍👩‍👧 y", 4, 5, "👩‍👩‍👧", true},
		{"ZWJ with skin tones", "👩🏽‍👧🏿!", 3, 4, "👩🏽‍👧🏿", true},
		{"tag sequence flag", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F.", 0, 1, "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F", true},

		{"neighbours untouched", "ab😀cd", 1, 3, "b😀", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := NewOffsets(tt.text)
			start, end, ok := o.TrimSpan(tt.start, tt.end)
			if ok != tt.ok {
				t.Fatalf("TrimSpan(%d, %d) ok = %v, want %v", tt.start, tt.end, ok, tt.ok)
			}
			if !ok {
				if start != end {
					t.Errorf("not ok but span %d–%d", start, end)
				}
				return
			}
			if got := o.Slice(start, end); got != tt.want {
				t.Errorf("TrimSpan(%d, %d) = %d–%d %q, want %q", tt.start, tt.end, start, end, got, tt.want)
			}
			if s2, e2, _ := o.TrimSpan(start, end); s2 != start || e2 != end {
				t.Errorf("TrimSpan is not idempotent: %d–%d then %d–%d", start, end, s2, e2)
			}
		})
	}
}

// TestTrimSpanNeverSplits checks every span of a mixed text: a trimmed span
// never starts on an extending character or right after a joiner, and never
// ends right before an extending character or right after a joiner.
func TestTrimSpanNeverSplits(t *testing.T) {
	text := normalized(t, mixedText+" 👩🏽‍👧🏿 1\ufe0f\u20e3 a\u0323\u0302")
	o := NewOffsets(text)
	for i := 0; i <= o.Len(); i++ {
		for j := 0; j <= o.Len(); j++ {
			s, e, ok := o.TrimSpan(i, j)
			if !ok {
				continue
			}
			if s > min(i, j) && !isSpaceRun(o, min(i, j), s) || e < max(i, j) && !isSpaceRun(o, e, max(i, j)) {
				t.Fatalf("TrimSpan(%d, %d) = %d–%d dropped more than white space", i, j, s, e)
			}
			if s > 0 && (isExtending(o.RuneAt(s)) || o.RuneAt(s-1) == zwj) {
				t.Fatalf("TrimSpan(%d, %d) = %d–%d starts inside a cluster: %q|%q", i, j, s, e, o.Slice(s-1, s), o.Slice(s, s+1))
			}
			if e < o.Len() && (isExtending(o.RuneAt(e)) || o.RuneAt(e-1) == zwj) {
				t.Fatalf("TrimSpan(%d, %d) = %d–%d ends inside a cluster: %q|%q", i, j, s, e, o.Slice(e-1, e), o.Slice(e, e+1))
			}
		}
	}
}

// isSpaceRun reports whether code points from..to are all white space.
func isSpaceRun(o *Offsets, from, to int) bool {
	for i := from; i < to; i++ {
		if r := o.RuneAt(i); !strings.ContainsRune(" \t\n\u00a0\u2003", r) {
			return false
		}
	}
	return true
}

func TestRuneAtEnd(t *testing.T) {
	o := NewOffsets("ab")
	if r := o.RuneAt(2); r != utf8.RuneError {
		t.Errorf("RuneAt(Len) = %q, want RuneError", r)
	}
}
