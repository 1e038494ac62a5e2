package suggest

import (
	"regexp"
	"strings"
	"unicode"
)

// directQuote is a quotation found by its marks: the span strictly between
// them, and what attributes it.
type directQuote struct {
	start, end  int  // the quoted text
	open, close int  // positions of the marks; close is -1 when the quotation runs on into the next paragraph
	cont        bool // continues a quotation of the previous paragraph
	unclosed    bool // its opening mark is never closed
	post        bool // an embedded post, without marks
	speaker     string
	person      bool
	mention     [2]int // span of the speaker mention, or {0, 0}
	rule        string // speaker rule
	conf        float64
	adjacent    bool // attributed by a speech verb or colon next to the marks
}

// maxRetries bounds how often scanLine looks again after an unclosed mark
// in one paragraph.
const maxRetries = 16

// markClass says which marks pair up.
type markClass int

const (
	noMark markClass = iota
	doubleMark
	singleMark
	guillemet
	lowMark // „ closed by “ or ”
)

type openMark struct {
	pos   int
	class markClass
}

// findDirect pairs quotation marks, line by line (a line is a paragraph).
func (d *suggestDoc) findDirect() {
	r := d.r
	lineStart := 0
	var prev *directQuote // an unclosed quotation of the previous paragraph
	for lineStart <= len(r) {
		lineEnd := lineStart
		for lineEnd < len(r) && r[lineEnd] != '\n' {
			lineEnd++
		}
		if strings.TrimSpace(string(r[lineStart:lineEnd])) != "" {
			prev = d.scanLine(lineStart, lineEnd, prev, 0)
		}
		lineStart = lineEnd + 1
	}
	for _, q := range d.quotes {
		// the last code point before the closing mark may end a sentence
		for i := q.open; i < q.end-1 && i < len(d.inQuote); i++ {
			if i >= 0 {
				d.inQuote[i] = true
			}
		}
	}
}

// scanLine finds the quotations of one paragraph. cont is the quotation the
// previous paragraph left open, if any; it returns the one this paragraph
// leaves open for the next, if the next opens with the same mark.
//
// Each unclosed mark makes it look again after the mark (retry counts
// them); past maxRetries in one paragraph, the rest of the paragraph is
// left alone, so that text full of stray marks costs linear time.
func (d *suggestDoc) scanLine(from, to int, cont *directQuote, retry int) *directQuote {
	r := d.r
	first := from
	for first < to && unicode.IsSpace(r[first]) {
		first++
	}
	if cont != nil && !(first < to && sgOpens(r, first, to) != noMark) {
		cont = nil
	}
	if retry > maxRetries {
		return nil
	}
	var found []*directQuote
	var stack []openMark
	i := from
	for i < to {
		c := r[i]
		kind, class := d.markAt(i, from, to, stack)
		switch kind {
		case 1: // opens
			stack = append(stack, openMark{i, class})
		case 2: // closes
			k := len(stack) - 1
			for k >= 0 && !sgCloses(stack[k].class, c) {
				k--
			}
			if k < 0 {
				break
			}
			o := stack[k]
			stack = stack[:k]
			if k == 0 {
				q := &directQuote{start: o.pos + 1, end: i, open: o.pos, close: i}
				if o.pos == first && cont != nil {
					q.cont = true
					q.speaker, q.person = cont.speaker, cont.person
				}
				if strings.TrimSpace(string(r[q.start:q.end])) != "" {
					found = append(found, q)
				}
			}
		}
		i++
	}
	var next *directQuote
	if len(stack) > 0 {
		o := stack[0]
		// A quotation that runs on: the next paragraph opens with a mark of
		// the same kind.
		ns := to + 1
		for ns < len(r) && unicode.IsSpace(r[ns]) {
			ns++
		}
		if ns < len(r) && sgOpens(r, ns, len(r)) == o.class && o.class != noMark {
			q := &directQuote{start: o.pos + 1, end: to, open: o.pos, close: -1, cont: o.pos == first && cont != nil}
			if strings.TrimSpace(string(r[q.start:q.end])) != "" {
				found = append(found, q)
				next = q
			}
		} else {
			// An unclosed mark swallows nothing: the quotation ends at its
			// attribution ("“Nobody asked us, said Quinn"), or at the end of
			// the paragraph when it opens a sentence; then look again after it.
			keep := found[:0]
			for _, q := range found {
				if q.open < o.pos {
					keep = append(keep, q)
				}
			}
			d.quotes = append(d.quotes, keep...)
			if end := d.unclosedEnd(o.pos, to); end > o.pos+1 {
				d.quotes = append(d.quotes, &directQuote{start: o.pos + 1, end: end, open: o.pos, close: end - 1, unclosed: true})
				if end < to {
					return d.scanLine(end, to, nil, retry+1)
				}
				return nil
			}
			return d.scanLine(o.pos+1, to, nil, retry+1)
		}
	}
	d.quotes = append(d.quotes, found...)
	return next
}

// unclosedEnd is where the quotation of an opening mark at open that is
// never closed ends: after the comma before its attribution, or at the end
// of the paragraph (to) if the mark opens a sentence; open when neither.
func (d *suggestDoc) unclosedEnd(open, to int) int {
	toks := sgTokenize(d.r, open+1, min(to, open+1+600)) // the attribution is near
	if len(toks) > 120 {
		toks = toks[:120]
	}
	for c := 0; c+1 < len(toks); c++ {
		if toks[c].s != "," {
			continue
		}
		if speechVerbs[toks[c+1].lo] {
			return toks[c].end
		}
		if n := d.npForward(toks, c+1); n.kind != npNone && n.last+1 < len(toks) && speechVerbs[toks[n.last+1].lo] {
			return toks[c].end
		}
	}
	p := open - 1
	for p >= 0 && (d.r[p] == ' ' || d.r[p] == '\t') {
		p--
	}
	if p < 0 || d.r[p] == '\n' || strings.ContainsRune(".!?:", d.r[p]) {
		return to
	}
	return open
}

// sgOpens returns the class of the mark at i if it can open a quotation.
func sgOpens(r []rune, i, to int) markClass {
	switch r[i] {
	case '“', '"':
		return doubleMark
	case '‘', '\'':
		if i+1 < to && unicode.IsDigit(r[i+1]) {
			return noMark
		}
		return singleMark
	case '«':
		return guillemet
	case '„':
		return lowMark
	}
	return noMark
}

func sgCloses(open markClass, c rune) bool {
	switch open {
	case doubleMark:
		return c == '”' || c == '"'
	case singleMark:
		return c == '’' || c == '\''
	case guillemet:
		return c == '»'
	case lowMark:
		return c == '“' || c == '”'
	}
	return false
}

// markAt classifies the code point at i: 0 not a mark (or an apostrophe), 1
// opens, 2 closes.
func (d *suggestDoc) markAt(i, from, to int, stack []openMark) (int, markClass) {
	r := d.r
	c := r[i]
	var p, n rune = ' ', ' '
	if i > from {
		p = r[i-1]
	}
	if i+1 < to {
		n = r[i+1]
	}
	open := func(cl markClass) bool {
		for _, o := range stack {
			if o.class == cl {
				return true
			}
		}
		return false
	}
	leftEdge := unicode.IsSpace(p) || strings.ContainsRune("([{—–-/:", p) || i == from || isOpenMark(p)
	rightEdge := unicode.IsSpace(n) || unicode.IsPunct(n) || i+1 >= to
	switch c {
	case '“':
		if open(lowMark) && len(stack) > 0 && stack[len(stack)-1].class == lowMark {
			return 2, lowMark
		}
		return 1, doubleMark
	case '”':
		return 2, doubleMark
	case '„':
		return 1, lowMark
	case '«':
		return 1, guillemet
	case '»':
		return 2, guillemet
	case '"':
		if sgWordRune(p) && sgWordRune(n) {
			return 0, noMark
		}
		if open(doubleMark) && (!leftEdge || rightEdge) {
			return 2, doubleMark
		}
		if leftEdge && !unicode.IsSpace(n) {
			return 1, doubleMark
		}
		return 0, noMark
	case '‘', '’', '\'':
		if unicode.IsLetter(p) && unicode.IsLetter(n) { // don't, Harbor's
			return 0, noMark
		}
		if unicode.IsDigit(n) && (leftEdge || c == '‘') { // the ’90s, '90s
			return 0, noMark
		}
		if c == '‘' || c == '\'' && leftEdge && !unicode.IsSpace(n) {
			if c == '\'' && sgElision(d.r, i+1, to) {
				return 0, noMark
			}
			if c == '‘' && unicode.IsLetter(p) {
				return 0, noMark
			}
			return 1, singleMark
		}
		if c == '’' && leftEdge { // ’em, ’tis
			return 0, noMark
		}
		// closing, or the apostrophe of a plural possessive (voters’)
		if !open(singleMark) {
			return 0, noMark
		}
		if (p == 's' || p == 'S') && unicode.IsSpace(n) && possessiveFollows(r, i+1, to) {
			return 0, noMark
		}
		return 2, singleMark
	}
	return 0, noMark
}

// elision reports a word that starts with an apostrophe ('em, 'tis).
func sgElision(r []rune, i, to int) bool {
	j := i
	for j < to && unicode.IsLetter(r[j]) {
		j++
	}
	switch strings.ToLower(string(r[i:j])) {
	case "em", "tis", "twas", "cause", "n", "til", "bout", "round":
		return true
	}
	return false
}

// possessiveFollows reports whether the word after a plural's apostrophe
// is a lower-case word that is not a speech verb: "voters’ rights", not
// "voters’ said".
func possessiveFollows(r []rune, i, to int) bool {
	for i < to && r[i] == ' ' {
		i++
	}
	j := i
	for j < to && unicode.IsLetter(r[j]) {
		j++
	}
	if j == i || !unicode.IsLower(r[i]) {
		return false
	}
	w := string(r[i:j])
	return !speechVerbs[w] && !pronouns[w]
}

// embeddedPost is a line that ends an embedded social media post:
// "— Name (@handle) date", after the post's text on the same line or alone.
var embeddedPost = regexp.MustCompile(`(?:^|\s)[—–-]{1,2}\s*([\p{Lu}][^()\n—–]{0,60}?)\s*\((@\w{1,30})\)\s*(.*)$`)

// findEmbeddedPosts makes a direct quote of each embedded post.
func (d *suggestDoc) findEmbeddedPosts() {
	r := d.r
	lineStart := 0
	prevStart, prevEnd := -1, -1
	for lineStart <= len(r) {
		lineEnd := lineStart
		for lineEnd < len(r) && r[lineEnd] != '\n' {
			lineEnd++
		}
		line := string(r[lineStart:lineEnd])
		if m := embeddedPost.FindStringSubmatchIndex(line); m != nil {
			cp := func(b int) int { return lineStart + len([]rune(line[:b])) }
			dash := m[0]
			for dash < len(line) && (line[dash] == ' ' || line[dash] == '\t') {
				dash++
			}
			qs, qe := lineStart, cp(dash)
			if strings.TrimSpace(line[:dash]) == "" && prevStart >= 0 {
				qs, qe = prevStart, prevEnd
			}
			qs, qe = d.trim(qs, qe)
			if qe > qs && !d.coveredByQuote(qs, qe) {
				ns, ne := cp(m[2]), cp(m[3])
				ns, ne = d.trim(ns, ne)
				name := string(r[ns:ne])
				d.quotes = append(d.quotes, &directQuote{start: qs, end: qe, open: qs, close: qe, post: true,
					speaker: name, person: true, mention: [2]int{ns, ne}, rule: "speaker-embedded-post", conf: 0.85, adjacent: true})
			}
		}
		if strings.TrimSpace(line) != "" {
			prevStart, prevEnd = lineStart, lineEnd
		}
		lineStart = lineEnd + 1
	}
}

// coveredByQuote reports whether a quotation in marks overlaps s–e (the
// marks included): a post quoted in marks is that quotation.
func (d *suggestDoc) coveredByQuote(s, e int) bool {
	for _, q := range d.quotes {
		if q.open < e && s <= max(q.close, q.end) {
			return true
		}
	}
	return false
}
