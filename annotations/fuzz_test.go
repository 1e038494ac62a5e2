package annotations

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"quotemark/internal/fixture"

	"golang.org/x/text/unicode/norm"
)

// Under plain `go test` these run their seeds only. To search for bugs:
//
//	go test ./annotations -run '^$' -fuzz FuzzRead -fuzztime 30s

func FuzzRead(f *testing.F) {
	f.Add(goldBytes(f))
	f.Add([]byte(minimal))
	for _, c := range readCases {
		f.Add(c.data(f))
	}
	s, art := goldSet(f)
	c := s.Clone()
	a, _ := c.Add(art, Quote, 0, 10)
	_ = c.Update(a.ID, func(a *Annotation) { a.Note, a.Form = "<&> “x”\u2028\x00", Mixed })
	c.Modified = c.Modified.Add(1500)
	f.Add(Write(c))
	f.Add([]byte(`{"version": 2}`))
	f.Add([]byte(`{"format": "quotemark/annotations", "version": 1, "id": "9a41dc10-0636-56af-bd5f-355ed6ba5ebc"}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read(data)
		if err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %q is a %T, not a *FormatError", err, err)
			}
			if s != nil {
				t.Fatalf("Read returned a set with its error")
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Read accepted a set that does not validate: %v", err)
		}
		written := Write(s)
		s2, err := Read(written)
		if err != nil {
			t.Fatalf("Read refused what Write wrote from an accepted file: %v\n%s", err, written)
		}
		if again := Write(s2); !bytes.Equal(again, written) {
			t.Fatalf("write, read, write is not stable:\n%s", firstDiff(again, written))
		}
		if !s2.Created.Equal(s.Created) || !s2.Modified.Equal(s.Modified) || s2.ID != s.ID ||
			len(s2.Annotations) != len(s.Annotations) || len(s2.Speakers) != len(s.Speakers) {
			t.Fatalf("the set changed on a round trip")
		}
		for i := range s.Annotations {
			if s.Annotations[i] != s2.Annotations[i] {
				t.Fatalf("annotation %d changed: %+v → %+v", i, s.Annotations[i], s2.Annotations[i])
			}
		}
	})
}

func FuzzOffsets(f *testing.F) {
	f.Add(mixedText, 3, 9)
	f.Add("👩‍👩‍👧", 2, 3)
	f.Add("a😀b", 1, 2)
	f.Add("q\u0303", 1, 2)
	f.Add("“curly” ‘quotes’\r\nCRLF", 0, 40)
	f.Add("", 0, 0)
	f.Add("\xff\xfe broken", 1, 5)
	f.Add("👍🏽 🇩🇪 1\ufe0f\u20e3 🏴\U000E0067\U000E0062\U000E007F", 4, 5)
	f.Add(goldArticle(f).Text, 1000, 1100)

	f.Fuzz(func(t *testing.T, s string, i, j int) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		o := NewOffsets(s)
		runes := []rune(s)
		n := len(runes)
		if o.Len() != n || o.UTF16Len() != len(utf16.Encode(runes)) {
			t.Fatalf("Len %d UTF16Len %d for %d code points", o.Len(), o.UTF16Len(), n)
		}
		if o.Byte(0) != 0 || o.UTF16(0) != 0 || o.Byte(n) != len(s) {
			t.Fatalf("ends: Byte(0) %d UTF16(0) %d Byte(n) %d", o.Byte(0), o.UTF16(0), o.Byte(n))
		}
		for k := 0; k < n; k++ {
			db, du := o.Byte(k+1)-o.Byte(k), o.UTF16(k+1)-o.UTF16(k)
			if db != utf8.RuneLen(runes[k]) || du != utf16.RuneLen(runes[k]) {
				t.Fatalf("code point %d (%U): %d bytes, %d UTF-16 units", k, runes[k], db, du)
			}
		}
		for k := 0; k <= n; k++ {
			for _, up := range []bool{false, true} {
				if o.FromUTF16(o.UTF16(k), up) != k || o.FromByte(o.Byte(k), up) != k {
					t.Fatalf("round trip of %d fails", k)
				}
			}
		}
		prevDown, prevUp := 0, 0
		for u := 0; u <= o.UTF16Len(); u++ {
			down, up := o.FromUTF16(u, false), o.FromUTF16(u, true)
			if down < prevDown || up < prevUp || down > up || up-down > 1 || o.UTF16(down) > u || o.UTF16(up) < u {
				t.Fatalf("UTF-16 offset %d: %d..%d after %d..%d", u, down, up, prevDown, prevUp)
			}
			prevDown, prevUp = down, up
		}
		for b := 0; b <= len(s); b++ {
			down, up := o.FromByte(b, false), o.FromByte(b, true)
			if down > up || o.Byte(down) > b || o.Byte(up) < b || (down == up) != (o.Byte(down) == b) {
				t.Fatalf("byte %d: %d..%d", b, down, up)
			}
		}

		start, end, ok := o.TrimSpan(i, j)
		if !ok {
			if start != end {
				t.Fatalf("TrimSpan(%d, %d) not ok but %d–%d", i, j, start, end)
			}
			return
		}
		if start < 0 || end > n || start >= end {
			t.Fatalf("TrimSpan(%d, %d) = %d–%d outside 0–%d", i, j, start, end, n)
		}
		if start > 0 && (isExtending(o.RuneAt(start)) || o.RuneAt(start-1) == zwj) {
			t.Fatalf("TrimSpan(%d, %d) = %d–%d starts inside a cluster", i, j, start, end)
		}
		if end < n && (isExtending(o.RuneAt(end)) || o.RuneAt(end-1) == zwj) {
			t.Fatalf("TrimSpan(%d, %d) = %d–%d ends inside a cluster", i, j, start, end)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	f.Add(fixture.Read(f, fixture.GoldArticleFile))
	f.Add([]byte(mixedText))
	f.Add([]byte("\uFEFFa\r\nb\rc\r\r\n"))
	f.Add([]byte("e\u0301 a\u0301\u0323 q\u0303 \u1100\u1161"))
	f.Add([]byte("\u0301\u0301 leading marks"))
	f.Add([]byte("\r\u0301"))
	f.Add([]byte("\uFEFF\uFEFFtwo marks"))
	f.Add([]byte("ok\xffbad"))
	f.Add([]byte{})
	f.Add([]byte("\x00"))

	f.Fuzz(func(t *testing.T, raw []byte) {
		n, err := Normalize(raw)
		if !utf8.Valid(raw) {
			if err == nil {
				t.Fatalf("invalid UTF-8 accepted")
			}
			if want := fmt.Sprintf("at byte %d", invalidAt(raw)); !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q, want %q", err, want)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid UTF-8 refused: %v", err)
		}
		if !utf8.ValidString(n) || strings.ContainsRune(n, '\r') || !norm.NFC.IsNormalString(n) {
			t.Fatalf("Normalize(%q) = %q is not normalized", raw, n)
		}
		again, err := Normalize([]byte(n))
		if err != nil {
			t.Fatal(err)
		}
		// Normalization is idempotent, except that each pass drops one leading
		// byte-order mark, as the format says: a text that still starts with
		// one after normalizing began with two.
		want := n
		if strings.HasPrefix(n, "\uFEFF") {
			want = n[len("\uFEFF"):]
			if !bytes.HasPrefix(raw, []byte("\uFEFF\uFEFF")) {
				t.Fatalf("Normalize(%q) = %q starts with a BOM the input had not", raw, n)
			}
		}
		if again != want {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", raw, n, again)
		}
		if a, err := NewArticle("fuzz", raw); err == nil {
			if a.Text != n || a.Length != utf8.RuneCountInString(n) || a.Offsets().Len() != a.Length {
				t.Fatalf("NewArticle disagrees with Normalize")
			}
		}
	})
}

// invalidAt is the offset of the first byte that is not UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// FuzzImportSet re-anchors a set file onto a changed text: the reference
// article with a piece cut out at a place and another put in. Whatever
// ImportSet accepts lies on the changed text (its text at Start..End is
// Exact, with the context there), keeps every annotation of the file,
// placed or orphaned, and survives Write and Read.
//
//	go test ./annotations -run '^$' -fuzz '^FuzzImportSet$' -fuzztime 30s
func FuzzImportSet(f *testing.F) {
	art := goldArticle(f)
	f.Add(goldBytes(f), 0, 0, "A new first line, inserted.\n")
	f.Add(goldBytes(f), 1000, 120, "")
	f.Add(goldBytes(f), 275, 8, "Hoseman")
	f.Add(goldBytes(f), 2000, 600, "“We will not,” he said. 😀")
	f.Add(fixture.Read(f, fixture.PerturbedSetFile), 0, 0, "")
	f.Add(fixture.Read(f, fixture.PerturbedSetFile), 3000, 1, "\r\n")
	f.Add([]byte(minimal), 0, 4428, "Another text altogether.")

	f.Fuzz(func(t *testing.T, data []byte, at, cut int, insert string) {
		runes := []rune(art.Text)
		at = max(0, min(at, len(runes)))
		cut = max(0, min(cut, len(runes)-at))
		changed, err := NewArticle(art.ID, []byte(string(runes[:at])+insert+string(runes[at+cut:])))
		if err != nil {
			return
		}
		s, rep, err := ImportSet(data, changed)
		if err != nil {
			if s != nil || rep != nil {
				t.Fatalf("a set came with the error %v", err)
			}
			return
		}
		read, err := Read(data)
		if err != nil {
			t.Fatalf("ImportSet accepted what Read refuses: %v", err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("the set does not validate: %v", err)
		}
		if s.Article.SHA256 != changed.SHA256 || s.Article.Length != changed.Length {
			t.Fatalf("the set is bound to %+v, not the changed text", s.Article)
		}
		if n := len(s.Annotations) + len(s.Orphans); n != len(read.Annotations) {
			t.Fatalf("%d annotations placed and %d orphaned of the file's %d", len(s.Annotations), len(s.Orphans), len(read.Annotations))
		}
		o := changed.Offsets()
		for _, a := range s.Annotations {
			span, err := changed.Span(a.Start, a.End)
			if err != nil || o.Slice(a.Start, a.End) != a.Exact || span.Prefix != a.Prefix || span.Suffix != a.Suffix {
				t.Fatalf("annotation %s at %d–%d %q does not lie on the changed text (%v)", a.ID, a.Start, a.End, a.Exact, err)
			}
		}
		written := Write(s)
		back, err := Read(written)
		if err != nil {
			t.Fatalf("Read refused what Write wrote: %v", err)
		}
		if again := Write(back); !bytes.Equal(again, written) {
			t.Fatalf("write, read, write is not stable:\n%s", firstDiff(again, written))
		}
	})
}
