package annotations

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"unicode/utf8"

	"quotemark/internal/fixture"
)

// goldArticle is the reference article, normalized.
func goldArticle(t testing.TB) *Article {
	t.Helper()
	a, err := NewArticle(fixture.GoldArticleID, fixture.Read(t, fixture.GoldArticleFile))
	if err != nil {
		t.Fatalf("NewArticle(gold): %v", err)
	}
	return a
}

func goldBytes(t testing.TB) []byte { return fixture.Read(t, fixture.GoldSetFile) }

// goldSet is the reference set, read and anchored on its article.
func goldSet(t testing.TB) (*Set, *Article) {
	t.Helper()
	s, err := Read(goldBytes(t))
	if err != nil {
		t.Fatalf("Read(gold): %v", err)
	}
	art := goldArticle(t)
	if _, err := s.Anchor(art); err != nil {
		t.Fatalf("Anchor(gold): %v", err)
	}
	return s, art
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "abc", "abc"},
		{"BOM dropped", "\uFEFFabc", "abc"},
		{"BOM only at the start", "a\uFEFFb", "a\uFEFFb"},
		{"one BOM only", "\uFEFF\uFEFFa", "\uFEFFa"},
		{"CRLF", "a\r\nb\r\n", "a\nb\n"},
		{"lone CR", "a\rb\r", "a\nb\n"},
		{"CR CRLF is two line ends", "a\r\r\nb", "a\n\nb"},
		{"LF CR is two line ends", "a\n\rb", "a\n\nb"},
		{"BOM and CRLF", "\uFEFFa\r\nb", "a\nb"},
		{"NFC composes", "e\u0301t\u00e9", "\u00e9t\u00e9"},
		{"NFC reorders marks", "a\u0301\u0323", "\u1ea1\u0301"},
		{"no precomposed form", "q\u0303", "q\u0303"},
		{"Hangul jamo compose", "\u1100\u1161", "\uac00"},
		{"no trimming or collapsing", "  a \t\n\n b  ", "  a \t\n\n b  "},
		{"curly quotes and emoji kept", "“x” ‘y’ 👩‍👩‍👧 😀", "“x” ‘y’ 👩‍👩‍👧 😀"},
		{"no HTML processing", "<p>&amp;</p>", "<p>&amp;</p>"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize([]byte(tt.in))
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeInvalidUTF8(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the error names the bad byte and its offset in the file
	}{
		{"stray continuation byte", "abc\x80def", "invalid byte 0x80 at byte 3"},
		{"0xff", "\xff", "invalid byte 0xff at byte 0"},
		{"offset counts the BOM", "\uFEFFab\xfe", "invalid byte 0xfe at byte 5"},
		{"offset counts CRs", "a\r\nb\r\n\xc3", "invalid byte 0xc3 at byte 6"},
		{"offset in bytes, not code points", "é😀\xe2\x80x", "invalid byte 0xe2 at byte 6"},
		{"truncated at the end", "ok \xe2\x80", "invalid byte 0xe2 at byte 3"},
		{"overlong encoding", "x\xc0\xaf", "invalid byte 0xc0 at byte 1"},
		{"encoded surrogate", "x\xed\xa0\x80", "invalid byte 0xed at byte 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize([]byte(tt.in))
			if err == nil {
				t.Fatalf("Normalize(%q) = %q, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), "not UTF-8") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Normalize(%q) error %q, want it to say not UTF-8 and %q", tt.in, err, tt.want)
			}
			if _, err := NewArticle("x", []byte(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewArticle(%q) error %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestNewArticleRefuses(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"spaces and line ends", []byte(" \t\r\n\n  \r"), "empty"},
		{"only a BOM", []byte("\uFEFF"), "empty"},
		{"BOM and white space", []byte("\uFEFF \n"), "empty"},
		{"NUL byte", []byte("some text\x00more"), "binary"},
		{"NUL byte offset", []byte("some text\x00more"), "U+0000 at byte 9"},
		{"escape character", []byte("a\x1b[0m"), "binary"},
		{"DEL", []byte("abc\x7f"), "binary"},
		{"PNG header", []byte("\x89PNG\r\n\x1a\n"), "not UTF-8"},
		{"over the limit", []byte(strings.Repeat("a", MaxArticleBytes+1)), "over the limit of 5.0 MB (5242880 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := NewArticle("x", tt.raw)
			if err == nil {
				t.Fatalf("NewArticle accepted %q (length %d)", Clip(string(tt.raw), 40), a.Length)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewArticle error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestNewArticleBinaryOffsetIsInTheFile(t *testing.T) {
	// The offset must point into the file the person has, not into the
	// normalized text, which lost the BOM and the CRs.
	raw := []byte("\uFEFFline one\r\nline two\r\n\x00")
	_, err := NewArticle("x", raw)
	if err == nil || !strings.Contains(err.Error(), "at byte 23") {
		t.Fatalf("NewArticle error %v, want the NUL's file offset 23", err)
	}
}

func TestNewArticleAcceptsTheLimit(t *testing.T) {
	raw := []byte(strings.Repeat("abcdefg\n", MaxArticleBytes/8))
	if len(raw) != MaxArticleBytes {
		t.Fatalf("test text is %d bytes", len(raw))
	}
	a, err := NewArticle("big", raw)
	if err != nil {
		t.Fatalf("NewArticle at exactly MaxArticleBytes: %v", err)
	}
	if a.Length != MaxArticleBytes {
		t.Errorf("Length %d, want %d", a.Length, MaxArticleBytes)
	}
}

func TestNewArticleAllowsTextControls(t *testing.T) {
	a, err := NewArticle("x", []byte("col1\tcol2\fpage two\r\nend"))
	if err != nil {
		t.Fatalf("NewArticle refused tab, form feed and CRLF: %v", err)
	}
	if a.Text != "col1\tcol2\fpage two\nend" {
		t.Errorf("Text %q", a.Text)
	}
}

func TestNewArticleGold(t *testing.T) {
	raw := fixture.Read(t, fixture.GoldArticleFile)
	a := goldArticle(t)
	if a.ID != fixture.GoldArticleID {
		t.Errorf("ID %q", a.ID)
	}
	if a.SHA256 != fixture.GoldSHA256 {
		t.Errorf("SHA256 %s, want the reference set's %s", a.SHA256, fixture.GoldSHA256)
	}
	if a.Length != fixture.GoldLength {
		t.Errorf("Length %d, want %d", a.Length, fixture.GoldLength)
	}
	if a.Title != "Secretary of State Delbert Hosemann" {
		t.Errorf("Title %q", a.Title)
	}
	if a.Length == len(raw) {
		t.Fatalf("the reference article should have multi-byte characters")
	}
	ref := a.Ref()
	if ref != (ArticleRef{ID: fixture.GoldArticleID, Title: a.Title, SHA256: fixture.GoldSHA256, Length: fixture.GoldLength}) {
		t.Errorf("Ref() = %+v", ref)
	}

	// The same text with a BOM, CRLF line ends and decomposed characters
	// is the same article.
	variant := "\uFEFF" + strings.ReplaceAll(string(raw), "\n", "\r\n")
	variant = strings.ReplaceAll(variant, "é", "e\u0301")
	b, err := NewArticle(fixture.GoldArticleID, []byte(variant))
	if err != nil {
		t.Fatal(err)
	}
	if b.SHA256 != fixture.GoldSHA256 || b.Length != fixture.GoldLength || b.Text != a.Text {
		t.Errorf("BOM+CRLF+NFD variant: sha256 %s length %d, want %s %d", b.SHA256, b.Length, fixture.GoldSHA256, fixture.GoldLength)
	}
}

func TestArticleHashAndLength(t *testing.T) {
	tests := []struct {
		raw    string
		text   string
		length int
	}{
		{"a", "a", 1},
		{"é", "é", 1},
		{"e\u0301", "é", 1},
		{"q\u0303", "q\u0303", 2},
		{"😀", "😀", 1},
		{"👩‍👩‍👧", "👩‍👩‍👧", 5},
		{"“a”\r\n", "“a”\n", 4},
		{"\uFEFFx\ry", "x\ny", 3},
	}
	for _, tt := range tests {
		a, err := NewArticle("x", []byte(tt.raw))
		if err != nil {
			t.Fatalf("NewArticle(%q): %v", tt.raw, err)
		}
		sum := sha256.Sum256([]byte(tt.text))
		if a.Text != tt.text || a.Length != tt.length || a.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("NewArticle(%q) = text %q length %d sha256 %s; want %q %d %x", tt.raw, a.Text, a.Length, a.SHA256, tt.text, tt.length, sum)
		}
		if a.Offsets().Len() != tt.length {
			t.Errorf("Offsets().Len() = %d", a.Offsets().Len())
		}
	}
	// A known digest, so that a wrong hash function or encoding cannot agree
	// with itself.
	if a := ArticleFromText("x", "abc"); a.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("sha256(abc) = %s", a.SHA256)
	}
}

func TestArticleOffsetsBuiltLazily(t *testing.T) {
	a := &Article{ID: "x", Text: "a😀b"}
	if got := a.Offsets().UTF16(2); got != 3 {
		t.Errorf("UTF16(2) = %d on an Article built without an index", got)
	}
	if a.Offsets() != a.Offsets() {
		t.Errorf("Offsets() rebuilt its index")
	}
}

func TestTitleOf(t *testing.T) {
	long := strings.Repeat("word ", 40) // 200 code points
	noSpaces := strings.Repeat("é", 130)
	tests := []struct {
		name, text, want string
	}{
		{"first line", "Title\nBody", "Title"},
		{"skips blank lines", "\n  \n\t\nTitle here\nBody", "Title here"},
		{"trims and collapses", "  Secretary  of\tState   \nx", "Secretary of State"},
		{"empty", "", ""},
		{"blank", " \n \n", ""},
		{"cut at a word", long, strings.TrimSpace(strings.Repeat("word ", 24)) + "…"},
		{"cut in code points", noSpaces, strings.Repeat("é", 120) + "…"},
		{"exactly 120", strings.Repeat("x", 120), strings.Repeat("x", 120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TitleOf(tt.text)
			if got != tt.want {
				t.Errorf("TitleOf(%q) = %q, want %q", Clip(tt.text, 40), got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > 121 {
				t.Errorf("title has %d code points", n)
			}
		})
	}
}

func TestArticleIDFromFilename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"000_ce1de57ff9e6a72c.txt", "000_ce1de57ff9e6a72c"},
		{"web/articles/000_ce1de57ff9e6a72c.txt", "000_ce1de57ff9e6a72c"},
		{`C:\Users\me\Story.txt`, "story"},
		{"My Article (2).txt", "my-article-2"},
		{"  spaces  .txt", "spaces"},
		{"Café Olé.txt", "caf-ol"},
		{"report.v2.txt", "report.v2"},
		{"notes.md", "notes.md"},
		{".txt", "article"},
		{"😀.txt", "article"},
		{"---.txt", "article"},
		{"", "article"},
	}
	for _, tt := range tests {
		got := ArticleIDFromFilename(tt.in)
		if got != tt.want {
			t.Errorf("ArticleIDFromFilename(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
				t.Errorf("ArticleIDFromFilename(%q) = %q has %q, not URL-safe", tt.in, got, r)
			}
		}
		if again := ArticleIDFromFilename(got); got != "article" && again != got {
			t.Errorf("id %q is not stable: %q", got, again)
		}
	}
}
