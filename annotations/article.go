package annotations

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"quotemark/annotations/internal/scan"

	"golang.org/x/text/unicode/norm"
)

// MaxArticleBytes is the largest article file the library accepts.
const MaxArticleBytes = 5 << 20

// Article is a normalized article text with what the format records of it.
type Article struct {
	ID     string
	Title  string
	Text   string // normalized: no BOM, LF line ends, NFC
	SHA256 string // lowercase hex of Text's UTF-8 bytes
	Length int    // in code points
	index  *Offsets
}

// NewArticle normalizes raw file bytes into an Article. It refuses what a
// person should be told about: invalid UTF-8 (with its byte offset), binary
// content, an empty text and a file over MaxArticleBytes.
func NewArticle(id string, raw []byte) (*Article, error) {
	if err := CheckArticleSize(len(raw)); err != nil {
		return nil, err
	}
	text, err := Normalize(raw)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the file is empty")
	}
	// Look in the file, not the normalized text, so that the offset is the
	// one a person finds in the file (a BOM and CRs shift it otherwise).
	if i := bytes.IndexFunc(raw, func(r rune) bool { return r != '\r' && isBinaryControl(r) }); i >= 0 {
		return nil, fmt.Errorf("the file looks binary, not text: control character %U at byte %d", rune(raw[i]), i)
	}
	return ArticleFromText(id, text), nil
}

// CheckArticleSize refuses an article file over MaxArticleBytes, so that the
// browser need not read it.
func CheckArticleSize(n int) error {
	if n > MaxArticleBytes {
		return fmt.Errorf("the file is %s (%d bytes), over the limit of %s (%d bytes)", humanBytes(n), n, humanBytes(MaxArticleBytes), MaxArticleBytes)
	}
	return nil
}

// ArticleFromText wraps an already normalized text.
func ArticleFromText(id, text string) *Article {
	sum := sha256.Sum256([]byte(text))
	a := &Article{ID: id, Text: text, SHA256: hex.EncodeToString(sum[:])}
	a.index = NewOffsets(text)
	a.Length = a.index.Len()
	a.Title = TitleOf(text)
	return a
}

// Offsets returns the article's offset index, built once.
func (a *Article) Offsets() *Offsets {
	if a.index == nil {
		a.index = NewOffsets(a.Text)
	}
	return a.index
}

// Ref is the article block a set records.
func (a *Article) Ref() ArticleRef {
	return ArticleRef{ID: a.ID, Title: a.Title, SHA256: a.SHA256, Length: a.Length}
}

// Normalize applies the format's normalization: strict UTF-8, no leading
// byte-order mark, CRLF and lone CR to LF, Unicode NFC.
func Normalize(raw []byte) (string, error) {
	if i := scan.InvalidUTF8At(raw); i >= 0 {
		return "", fmt.Errorf("the file is not UTF-8: invalid byte 0x%02x at byte %d", raw[i], i)
	}
	raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
	s := string(raw)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return norm.NFC.String(s), nil
}

// isBinaryControl reports control characters that do not occur in text files.
func isBinaryControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' && r != '\f' || r == 0x7f
}

// TitleOf is the first non-blank line, trimmed and cut to 120 code points.
func TitleOf(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if r := []rune(line); len(r) > 120 {
			cut := string(r[:120])
			if i := strings.LastIndexByte(cut, ' '); i > 60 {
				cut = cut[:i]
			}
			return cut + "…"
		}
		return line
	}
	return ""
}

// ArticleIDFromFilename makes a stable, URL-safe id from a file name.
func ArticleIDFromFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSuffix(name, ".txt")
	var b strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_' || r == '.':
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-.")
	if id == "" {
		id = "article"
	}
	return id
}

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
