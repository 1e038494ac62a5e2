package annotations

import (
	"strings"
	"unicode"
)

// Text boundaries: where a caret moving by character, word, sentence or
// paragraph stops, and how a selection snaps to whole words. They are the
// rules a keyboard selection follows (the article page's caret), so they are
// the format's business: every position is in code points and never splits
// a character from its combining marks, an emoji sequence or a CR LF.
//
// A word is a run of letters, digits and marks; an apostrophe (' or ’)
// between two of them belongs to the word ("Trump’s", "don't"). A sentence
// ends after . ! ? or … (and any closing quotes or brackets) before white
// space, unless the word before a period is a known abbreviation ("Mr.",
// "Dr.", "U.S.") or an initial ("J."), or the next word starts with a
// lower-case letter. A paragraph is a run of text between line breaks;
// blank lines belong to no paragraph.

// NextChar is the position after the character at cp: a base with its
// combining marks and variation selectors, an emoji joined by ZWJ, a pair of
// regional indicators (a flag) or CR LF count as one.
func NextChar(o *Offsets, cp int) int {
	n := o.Len()
	if cp >= n {
		return n
	}
	r := o.RuneAt(cp)
	cp++
	if r == '\r' && cp < n && o.RuneAt(cp) == '\n' {
		return cp + 1
	}
	if isRegional(r) && cp < n && isRegional(o.RuneAt(cp)) {
		cp++
	}
	for cp < n {
		switch next := o.RuneAt(cp); {
		case o.RuneAt(cp-1) == zwj && !isLineBreak(next):
			cp++
		case isExtending(next):
			cp++
		default:
			return cp
		}
	}
	return cp
}

// PrevChar is the position before the character that ends at cp (see
// NextChar).
func PrevChar(o *Offsets, cp int) int {
	if cp <= 0 {
		return 0
	}
	cp = min(cp, o.Len())
	// Step back to a position no character spans, then walk forward: the
	// rules for what joins are simplest read left to right.
	start := cp - 1
	for start > 0 && !charStartsAt(o, start) {
		start--
	}
	prev := start
	for at := start; at < cp; at = NextChar(o, at) {
		prev = at
	}
	return prev
}

// charStartsAt reports whether a character (as NextChar counts them) can
// start at cp: it is not a mark, a joined emoji, the LF of a CR LF or the
// second of a flag's regional indicators. Regional indicators pair from the
// left, so an odd run is settled by counting.
func charStartsAt(o *Offsets, cp int) bool {
	if cp <= 0 || cp >= o.Len() {
		return true
	}
	r, before := o.RuneAt(cp), o.RuneAt(cp-1)
	switch {
	case isExtending(r), before == zwj && !isLineBreak(r), r == '\n' && before == '\r':
		return false
	case isRegional(r) && isRegional(before):
		run := 0
		for i := cp - 1; i >= 0 && isRegional(o.RuneAt(i)); i-- {
			run++
		}
		return run%2 == 0
	}
	return true
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

func isLineBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == '\v' || r == '\f'
}

// isWordChar reports whether r is part of a word: a letter, a digit or a
// mark.
func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Nl, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// inWord reports whether the code point at cp is part of a word.
func inWord(o *Offsets, cp int) bool {
	if cp < 0 || cp >= o.Len() {
		return false
	}
	r := o.RuneAt(cp)
	if isWordChar(r) || r == zwj || (r >= 0xFE00 && r <= 0xFE0F) {
		return true
	}
	return isApostrophe(r) && cp > 0 && cp+1 < o.Len() && isWordChar(o.RuneAt(cp-1)) && isWordChar(o.RuneAt(cp+1))
}

// NextWordEnd is the end of the word at or after cp: what Ctrl+→ moves to.
// With no word after cp it is the end of the text.
func NextWordEnd(o *Offsets, cp int) int {
	n := o.Len()
	cp = max(0, cp)
	for cp < n && !inWord(o, cp) {
		cp = NextChar(o, cp)
	}
	for cp < n && inWord(o, cp) {
		cp = NextChar(o, cp)
	}
	return min(cp, n)
}

// PrevWordStart is the start of the word before or around cp: what Ctrl+←
// moves to. With no word before cp it is 0.
func PrevWordStart(o *Offsets, cp int) int {
	cp = min(cp, o.Len())
	for cp > 0 && !inWord(o, cp-1) {
		cp = PrevChar(o, cp)
	}
	for cp > 0 && inWord(o, cp-1) {
		cp = PrevChar(o, cp)
	}
	return max(cp, 0)
}

// NextWordStart is the start of the first word that starts after cp, or
// the end of the text.
func NextWordStart(o *Offsets, cp int) int {
	n := o.Len()
	cp = max(0, cp)
	for cp < n && inWord(o, cp) {
		cp = NextChar(o, cp)
	}
	for cp < n && !inWord(o, cp) {
		cp = NextChar(o, cp)
	}
	return min(cp, n)
}

// PrevWordEnd is the end of the last word that ends before cp, or 0.
func PrevWordEnd(o *Offsets, cp int) int {
	cp = min(cp, o.Len())
	for cp > 0 && inWord(o, cp-1) {
		cp = PrevChar(o, cp)
	}
	for cp > 0 && !inWord(o, cp-1) {
		cp = PrevChar(o, cp)
	}
	return max(cp, 0)
}

// SnapToWords widens start–end so that neither end cuts a word: an end
// inside a word moves out to that word's edge. Ends between words, or next
// to punctuation, stay where they are.
func SnapToWords(o *Offsets, start, end int) (int, int) {
	start, end = o.clamp(start), o.clamp(end)
	if start > end {
		start, end = end, start
	}
	for start > 0 && inWord(o, start-1) && inWord(o, start) {
		start = PrevChar(o, start)
	}
	for end < o.Len() && end > 0 && inWord(o, end-1) && inWord(o, end) {
		end = NextChar(o, end)
	}
	return start, end
}

// lineBounds is the line holding cp, without its line break.
func lineBounds(o *Offsets, cp int) (start, end int) {
	start, end = cp, cp
	for start > 0 && !isLineBreak(o.RuneAt(start-1)) {
		start--
	}
	for end < o.Len() && !isLineBreak(o.RuneAt(end)) {
		end++
	}
	return start, end
}

// breakBefore is the length of the line break that ends at cp (2 for CR
// LF), or 0.
func breakBefore(o *Offsets, cp int) int {
	switch {
	case cp >= 2 && o.RuneAt(cp-1) == '\n' && o.RuneAt(cp-2) == '\r':
		return 2
	case cp >= 1 && isLineBreak(o.RuneAt(cp-1)):
		return 1
	}
	return 0
}

// breakAt is the length of the line break that starts at cp, or 0.
func breakAt(o *Offsets, cp int) int {
	switch {
	case cp+1 < o.Len() && o.RuneAt(cp) == '\r' && o.RuneAt(cp+1) == '\n':
		return 2
	case cp < o.Len() && isLineBreak(o.RuneAt(cp)):
		return 1
	}
	return 0
}

func isBlankLine(o *Offsets, start, end int) bool { return isBlank(o.Slice(start, end)) }

// ParagraphBounds is the paragraph holding cp: the run of lines that are
// not blank around cp's line. A single line break (a wrapped line) stays
// inside a paragraph; a blank line or U+2029 ends it. On a blank line it is
// the empty span at cp.
func ParagraphBounds(o *Offsets, cp int) (start, end int) {
	cp = o.clamp(cp)
	start, end = lineBounds(o, cp)
	if isBlankLine(o, start, end) {
		return cp, cp
	}
	for start > 0 && o.RuneAt(start-1) != '\u2029' {
		n := breakBefore(o, start)
		ls, le := lineBounds(o, start-n)
		if isBlankLine(o, ls, le) {
			break
		}
		start = ls
	}
	for end < o.Len() && o.RuneAt(end) != '\u2029' {
		n := breakAt(o, end)
		ls, le := lineBounds(o, end+n)
		if isBlankLine(o, ls, le) {
			break
		}
		end = le
	}
	return start, end
}

// NextParagraphStart is the start of the first paragraph after the one
// holding cp (blank lines are skipped), or the end of the text.
func NextParagraphStart(o *Offsets, cp int) int {
	_, end := ParagraphBounds(o, cp)
	for end < o.Len() && unicode.IsSpace(o.RuneAt(end)) {
		end++
	}
	return end
}

// PrevParagraphStart is the start of the paragraph holding cp when cp is
// past its start, else the start of the paragraph before it.
func PrevParagraphStart(o *Offsets, cp int) int { return prevUnitStart(o, cp, ParagraphBounds) }

// SpansParagraphs reports whether start–end, white space at its ends
// aside, runs from one paragraph into another (see ParagraphBounds).
func SpansParagraphs(o *Offsets, start, end int) bool {
	start, end, ok := o.TrimSpan(start, end)
	if !ok {
		return false
	}
	_, pEnd := ParagraphBounds(o, start)
	return end > pEnd
}

// abbreviations are the words a period after which does not end a
// sentence, lower-cased without the period.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "lt": true, "col": true,
	"sgt": true, "capt": true, "mt": true, "no": true, "vs": true, "etc": true, "inc": true, "co": true,
	"corp": true, "ltd": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "e.g": true, "i.e": true, "u.s": true, "u.k": true, "a.m": true, "p.m": true,
}

func isSentenceEnd(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	return r == '"' || r == '\'' || r == '”' || r == '’' || r == '»' || r == ')' || r == ']' || unicode.Is(unicode.Pf, r) || unicode.Is(unicode.Pe, r)
}

// sentenceEndAt reports whether a sentence ends right after the terminator
// at cp, and returns the position after its closing quotes and brackets.
func sentenceEndAt(o *Offsets, cp int) (int, bool) {
	n := o.Len()
	r := o.RuneAt(cp)
	if !isSentenceEnd(r) {
		return 0, false
	}
	end := cp + 1
	for end < n && (isSentenceEnd(o.RuneAt(end)) || isCloser(o.RuneAt(end))) {
		end++
	}
	if end < n && !unicode.IsSpace(o.RuneAt(end)) {
		return 0, false // "3.5", "U.S.", "Yahoo!Mail"
	}
	// A terminator before a lower-case word ends no sentence (“Go!” she
	// said); nor does the period of an abbreviation or an initial.
	if r == '.' {
		w := cp
		for w > 0 && (isWordChar(o.RuneAt(w-1)) || o.RuneAt(w-1) == '.') {
			w--
		}
		word := strings.ToLower(o.Slice(w, cp))
		if abbreviations[word] || len([]rune(word)) == 1 && unicode.IsUpper(o.RuneAt(w)) {
			return 0, false
		}
	}
	next := end
	for next < n && unicode.IsSpace(o.RuneAt(next)) && !isLineBreak(o.RuneAt(next)) {
		next++
	}
	if next < n && unicode.IsLower(o.RuneAt(next)) {
		return 0, false
	}
	return end, true
}

// SentenceBounds is the sentence holding cp, without the white space
// around it. A sentence never crosses a paragraph's end. A caret right after
// a sentence's end is in the sentence that follows.
func SentenceBounds(o *Offsets, cp int) (start, end int) {
	cp = o.clamp(cp)
	pStart, pEnd := ParagraphBounds(o, cp)
	start, end = pStart, pEnd
	// Back from cp to the end of the sentence before, then on to this
	// one's end: the cost is the sentence's, not the paragraph's.
	for i := cp - 1; i >= pStart; i-- {
		if e, ok := sentenceEndAt(o, i); ok && e <= cp {
			start = e
			break
		}
	}
	for i := start; i < pEnd; i++ {
		if e, ok := sentenceEndAt(o, i); ok && e > cp {
			end = e
			break
		}
	}
	if start == cp && cp == pEnd && cp > pStart {
		return SentenceBounds(o, cp-1) // at the paragraph's end: its last sentence
	}
	for start < end && unicode.IsSpace(o.RuneAt(start)) {
		start++
	}
	for end > start && unicode.IsSpace(o.RuneAt(end-1)) {
		end--
	}
	return start, end
}

// NextSentenceStart is the start of the first sentence after the one
// holding cp, or the end of the text.
func NextSentenceStart(o *Offsets, cp int) int {
	n := o.Len()
	_, end := SentenceBounds(o, cp)
	end = max(end, cp)
	for end < n && unicode.IsSpace(o.RuneAt(end)) {
		end++
	}
	if end <= cp && end < n {
		return NextSentenceStart(o, NextChar(o, end))
	}
	return end
}

// PrevSentenceStart is the start of the sentence holding cp when cp is past
// its start, else the start of the sentence before it.
func PrevSentenceStart(o *Offsets, cp int) int { return prevUnitStart(o, cp, SentenceBounds) }

// prevUnitStart is the start of the unit (sentence or paragraph, as bounds
// finds them) holding cp when cp is past its start, else the start of the
// unit before it, white space between them skipped.
func prevUnitStart(o *Offsets, cp int, bounds func(*Offsets, int) (int, int)) int {
	cp = o.clamp(cp)
	if start, _ := bounds(o, cp); start < cp {
		return start
	}
	for cp > 0 && unicode.IsSpace(o.RuneAt(cp-1)) {
		cp--
	}
	if cp == 0 {
		return 0
	}
	start, _ := bounds(o, cp-1)
	return start
}

// ExtendSelection is a keyboard selection after its caret moved from from
// to to, the selection having started at anchor. With snap (the default;
// Alt turns it off), a caret that lands inside a word goes on to the word's
// edge in the direction it moved (so Shift+→ takes a word at a time and
// Shift+← gives one back), and the anchor's end takes the whole word it is
// in. It returns the new caret and the selection start–end.
func ExtendSelection(o *Offsets, anchor, from, to int, snap bool) (caret, start, end int) {
	anchor, to = o.clamp(anchor), o.clamp(to)
	if !snap {
		return to, min(anchor, to), max(anchor, to)
	}
	if ws, we := SnapToWords(o, to, to); ws < to {
		if to > from {
			to = we
		} else {
			to = ws
		}
	}
	as, ae := SnapToWords(o, anchor, anchor)
	if to >= anchor {
		return to, as, to
	}
	return to, to, ae
}
