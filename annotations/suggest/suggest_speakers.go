package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"quotemark/annotations"
)

// npKind is what a noun phrase naming a source is.
type npKind int

const (
	npNone    npKind = iota
	npName           // a capitalized name: "Delbert Hosemann", "Federal Election Commission"
	npDesc           // a description: "a federal judge", "The letter", "officials"
	npPronoun        // he, she, they, …
)

// np is a source found in the text: the mention's span (the shortest span
// that names it) and, for pronouns, the pronoun.
type np struct {
	kind       npKind
	start, end int // code points of the mention
	text       string
	first      int // token index range of the whole phrase
	last       int
}

func (d *suggestDoc) npFrom(toks []sgTok, first, last int, kind npKind) np {
	if kind == npName {
		// Titles before a name are not part of it: the mention starts after
		// the last title word ("Mississippi Secretary of State Delbert
		// Hosemann" → "Delbert Hosemann"); an organization keeps its words.
		if !d.isOrg(toks[first : last+1]) {
			for k := last - 1; k >= first; k-- {
				if titleWords[toks[k].lo] {
					first = k + 1
					break
				}
			}
		}
		for first <= last && (toks[first].lo == "the" || toks[first].lo == "of") {
			first++
		}
	}
	if first > last {
		return np{}
	}
	s, e := toks[first].start, toks[last].end
	text := string(d.r[s:e])
	if kind == npName {
		text = stripPossessive(text)
		e = s + len([]rune(text))
	}
	return np{kind: kind, start: s, end: e, text: text, first: first, last: last}
}

func stripPossessive(s string) string {
	for _, p := range []string{"’s", "'s"} {
		if strings.HasSuffix(s, p) {
			return strings.TrimSuffix(s, p)
		}
	}
	return s
}

func (d *suggestDoc) isOrg(toks []sgTok) bool {
	for _, t := range toks {
		if orgWords[t.lo] {
			return true
		}
	}
	return false
}

// nameRun extends a run of capitalized words from token i in direction dir
// (+1 or -1), allowing "of", "the", "for", "on", "and" between capitals (an
// organization's name). It returns the last index of the run, or i-dir when
// toks[i] does not start one.
func nameRun(toks []sgTok, i, dir int) int {
	j := i
	last := i - dir
	for j >= 0 && j < len(toks) {
		t := toks[j]
		if t.capital() && !(nameStop[t.lo] && (dir > 0 && j == i || dir < 0)) {
			last = j
			if dir > 0 && (strings.HasSuffix(t.s, "’s") || strings.HasSuffix(t.s, "'s")) {
				break
			}
			j += dir
			continue
		}
		if (t.lo == "of" || t.lo == "for" || t.lo == "on" || t.lo == "and" || t.lo == "the") && last == j-dir {
			k := j + dir
			for k >= 0 && k < len(toks) && toks[k].lo == "the" {
				k += dir
			}
			if k >= 0 && k < len(toks) && toks[k].capital() && !nameStop[toks[k].lo] {
				j = k
				continue
			}
		}
		break
	}
	return last
}

// npForward reads a source starting at token i: a pronoun, a name or a
// description (a determiner and up to four lower-case words).
func (d *suggestDoc) npForward(toks []sgTok, i int) np {
	if i >= len(toks) || !toks[i].word {
		return np{}
	}
	t := toks[i]
	if pronouns[t.lo] {
		return np{kind: npPronoun, start: t.start, end: t.end, text: t.s, first: i, last: i}
	}
	if t.capital() && !nameStop[t.lo] {
		last := nameRun(toks, i, 1)
		if last >= i {
			return d.npFrom(toks, i, last, npName)
		}
	}
	// a bare plural, alone or after nouns: "officials", "court documents"
	for k := i; k < len(toks) && k <= i+2; k++ {
		w := toks[k]
		if !w.word || w.capital() && k > i || determiners[w.lo] || prepositions[w.lo] || auxVerbs[w.lo] || speechVerbs[w.lo] || pronouns[w.lo] {
			break
		}
		if strings.HasSuffix(w.lo, "s") && len(w.lo) > 3 && (k+1 >= len(toks) || !toks[k+1].word || !toks[k+1].capital() && !strings.HasSuffix(toks[k+1].lo, "s")) {
			if !t.capital() || k == i {
				return d.personOf(toks, np{kind: npDesc, start: t.start, end: w.end, text: string(d.r[t.start:w.end]), first: i, last: k}, 1)
			}
			break
		}
		if k > i && looksLikeVerb(toks, k) {
			break
		}
	}
	if determiners[t.lo] && t.lo != "that" {
		if i+1 < len(toks) && toks[i+1].capital() && !nameStop[toks[i+1].lo] {
			last := nameRun(toks, i+1, 1)
			if last > i {
				return d.npFrom(toks, i, last, npName)
			}
		}
		last := -1
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			w := toks[k]
			if k == i+1 && w.word && !w.capital() && !prepositions[w.lo] && !auxVerbs[w.lo] { // right after a determiner: not a verb
				last = k
				continue
			}
			if !w.word || w.capital() && !isNumberWord(w.lo) || prepositions[w.lo] || speechVerbs[w.lo] || auxVerbs[w.lo] || w.lo == "who" || w.lo == "that" {
				break
			}
			last = k
			if looksLikeVerb(toks, k) {
				last = k - 1
				break
			}
		}
		if last > i {
			return d.npFrom(toks, i, last, npDesc)
		}
	}
	return np{}
}

// npTitled is npForward, but it also reads a name after up to three
// lower-case title words ("union president Carl Jennings").
func (d *suggestDoc) npTitled(toks []sgTok, i int) np {
	for k := i; k < len(toks) && k < i+3; k++ {
		w := toks[k]
		if !w.word || w.capital() || pronouns[w.lo] || determiners[w.lo] || prepositions[w.lo] || speechVerbs[w.lo] || auxVerbs[w.lo] {
			break
		}
		if k+1 < len(toks) && toks[k+1].capital() && !nameStop[toks[k+1].lo] {
			if n := d.npForward(toks, k+1); n.kind == npName {
				return n
			}
		}
	}
	return d.npForward(toks, i)
}

// personNouns name people by their role; "lawyers for the coalition" is
// the lawyers, not the coalition.
var personNouns = sgWords(`lawyers lawyer attorneys attorney spokesman spokeswoman spokesperson officials official
	representatives representative members member leaders leader executives executive advocates supporters
	critics researchers scientists experts analysts staff employees workers aides aide`)

// personOf widens a description to the people it belongs to: reading
// back (dir -1), "lawyers for" before "the coalition"; reading forward
// (dir 1), "for the coalition" after "lawyers".
func (d *suggestDoc) personOf(toks []sgTok, n np, dir int) np {
	if n.kind == npNone {
		return n
	}
	if dir < 0 {
		j := n.first - 2
		if j >= 0 && (toks[j+1].lo == "for" || toks[j+1].lo == "of" || toks[j+1].lo == "at") && personNouns[toks[j].lo] {
			if j > 0 && determiners[toks[j-1].lo] && toks[j-1].lo != "that" {
				j--
			}
			return np{kind: npDesc, start: toks[j].start, end: n.end, text: string(d.r[toks[j].start:n.end]), first: j, last: n.last}
		}
		return n
	}
	k := n.last + 1
	if personNouns[toks[n.last].lo] && k+1 < len(toks) && (toks[k].lo == "for" || toks[k].lo == "of" || toks[k].lo == "at") {
		if m := d.npForward(toks, k+1); m.kind == npName || m.kind == npDesc {
			return np{kind: npDesc, start: n.start, end: m.end, text: string(d.r[n.start:m.end]), first: n.first, last: m.last}
		}
	}
	return n
}

// npBack reads a source that ends just before token k.
func (d *suggestDoc) npBack(toks []sgTok, k int) np {
	i := k - 1
	if i < 0 || !toks[i].word {
		return np{}
	}
	t := toks[i]
	if pronouns[t.lo] {
		return np{kind: npPronoun, start: t.start, end: t.end, text: t.s, first: i, last: i}
	}
	if t.capital() && !nameStop[t.lo] {
		first := nameRun(toks, i, -1)
		if first <= i {
			// a determiner before a name belongs to an organization
			return d.npFrom(toks, first, i, npName)
		}
	}
	// a description: a determiner within four words back
	for j := i; j >= 0 && j >= i-4; j-- {
		w := toks[j]
		if !w.word || prepositions[w.lo] && !determiners[w.lo] || speechVerbs[w.lo] || auxVerbs[w.lo] {
			break
		}
		if determiners[w.lo] && (w.lo != "that" || j == 0 && w.capital()) {
			if j < i {
				return d.personOf(toks, d.npFrom(toks, j, i, npDesc), -1)
			}
			break
		}
		// a possessive opens a description: "Halvorsen's office"
		if j < i && (strings.HasSuffix(w.lo, "’s") || strings.HasSuffix(w.lo, "'s")) {
			f := j
			if w.capital() {
				f = nameRun(toks, j, -1)
			}
			return np{kind: npDesc, start: toks[f].start, end: t.end, text: string(d.r[toks[f].start:t.end]), first: f, last: i}
		}
		if w.capital() && j < i {
			break
		}
	}
	// a bare plural: "officials said", "experts say", "Lawyers said"
	if strings.HasSuffix(t.lo, "s") && len(t.lo) > 3 && (!t.capital() || i == 0) && (i == 0 || !toks[i-1].word) {
		return np{kind: npDesc, start: t.start, end: t.end, text: t.s, first: i, last: i}
	}
	return np{}
}

var auxVerbs = sgWords(`is was were are be been being has have had will would can could should may might must did does do`)

// looksLikeVerb guesses whether the word at k is the verb after a subject.
func looksLikeVerb(toks []sgTok, k int) bool {
	w := toks[k].lo
	if auxVerbs[w] || speechVerbs[w] {
		return true
	}
	if k == 0 {
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "’s") && toks[k-1].word && !determiners[toks[k-1].lo] && !isAdjectiveLike(toks[k-1].lo)
}

func isAdjectiveLike(w string) bool {
	return strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ous")
}

// subject finds the subject of a sentence's tokens: leading conjunctions and
// an introductory phrase up to a comma are skipped.
func (d *suggestDoc) subject(toks []sgTok) np {
	i := 0
	for i < len(toks) && (toks[i].lo == "but" || toks[i].lo == "and" || toks[i].lo == "so" || toks[i].lo == "yet" || toks[i].lo == "still" || toks[i].lo == "however" || toks[i].lo == "," || toks[i].lo == "meanwhile") {
		i++
	}
	if i < len(toks) && prepositions[toks[i].lo] {
		for k := i; k < len(toks) && k < i+10; k++ {
			if toks[k].s == "," {
				i = k + 1
				break
			}
		}
	}
	n := d.npForward(toks, i)
	if n.kind == npNone {
		return n
	}
	// a title in lower case before the name: "Consumer advocate Rita Feld"
	if n.kind == npName {
		for k := n.last + 1; k < len(toks) && k <= n.last+3; k++ {
			w := toks[k]
			if w.capital() && !nameStop[w.lo] {
				if m := d.npForward(toks, k); m.kind == npName {
					n = m
				}
				break
			}
			if !w.word || w.capital() || looksLikeVerb(toks, k) || prepositions[w.lo] || determiners[w.lo] || pronouns[w.lo] {
				break
			}
		}
	}
	// the next word after the phrase (and an appositive) should be a verb
	k := n.last + 1
	if k < len(toks) && toks[k].s == "," {
		for k2 := k + 1; k2 < len(toks) && k2 < k+30; k2++ {
			if toks[k2].s == "," {
				k = k2 + 1
				break
			}
		}
	}
	if k < len(toks) && toks[k].word && !toks[k].capital() {
		return n
	}
	return np{}
}

// fullName is the fullest form in the article of a name mention: the
// longest run of capitalized words, without titles, that ends with the
// mention's words ("Hosemann" → "Delbert Hosemann").
func (d *suggestDoc) fullName(n np) string {
	if n.kind != npName {
		return n.text
	}
	key := strings.ToLower(n.text)
	if full, ok := d.full[key]; ok {
		return full
	}
	want := strings.Fields(key)
	if len(want) == 0 {
		return n.text
	}
	best, bestLen := n.text, len(want)
	for _, run := range d.nameRuns()[want[len(want)-1]] {
		words := strings.Fields(strings.ToLower(run))
		if len(words) <= bestLen || len(words) > 5 {
			continue
		}
		ok := true
		for k := range want {
			if words[len(words)-len(want)+k] != want[k] {
				ok = false
				break
			}
		}
		if ok {
			best, bestLen = run, len(words)
		}
	}
	d.full[key] = best
	return best
}

// nameRuns are the article's names of people (capitalized runs without
// titles), by their last word in lower case.
func (d *suggestDoc) nameRuns() map[string][]string {
	if d.runs != nil {
		return d.runs
	}
	d.runs = map[string][]string{}
	seen := map[string]bool{}
	toks := sgTokenize(d.r, 0, len(d.r))
	for i := 0; i < len(toks); i++ {
		if !toks[i].capital() || nameStop[toks[i].lo] {
			continue
		}
		last := nameRun(toks, i, 1)
		if last < i {
			continue
		}
		n := d.npFrom(toks, i, last, npName)
		if n.kind == npName && !d.isOrg(toks[n.first:n.last+1]) && !seen[n.text] {
			seen[n.text] = true
			words := strings.Fields(strings.ToLower(n.text))
			if len(words) > 0 {
				k := words[len(words)-1]
				d.runs[k] = append(d.runs[k], n.text)
			}
		}
		i = last
	}
	return d.runs
}

// isPerson guesses whether a source is a person rather than a body.
func (d *suggestDoc) isPerson(n np) bool {
	if n.kind != npName {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(n.text)) {
		if orgWords[w] {
			return false
		}
	}
	return len(strings.Fields(n.text)) <= 4
}

// resolve names the source of a pronoun at pos: the most recent fitting
// named source before it (a person for he, she, I, we).
func (d *suggestDoc) resolve(pronoun string, pos int) (string, bool) {
	wantPerson := pronoun != "it" && pronoun != "they"
	for k := len(d.subjects) - 1; k >= 0; k-- {
		s := d.subjects[k]
		if s.pos >= pos {
			continue
		}
		if wantPerson && !s.person {
			continue
		}
		return s.name, s.person
	}
	return "", false
}

// noteSubjects records the named subjects of every sentence, for pronouns.
func (d *suggestDoc) noteSubjects() {
	for _, s := range d.reporterSentences() {
		toks := sgTokenize(d.r, s[0], s[1])
		n := d.subject(toks)
		if n.kind == npName {
			d.subjects = append(d.subjects, namedAt{pos: n.start, name: d.fullName(n), person: d.isPerson(n)})
		}
	}
}

func (d *suggestDoc) addSubject(pos int, name string, person bool) {
	i := len(d.subjects)
	for i > 0 && d.subjects[i-1].pos > pos {
		i--
	}
	d.subjects = append(d.subjects, namedAt{})
	copy(d.subjects[i+1:], d.subjects[i:])
	d.subjects[i] = namedAt{pos: pos, name: name, person: person}
}

// reporterSentences splits the article into sentences, not inside quotes.
func (d *suggestDoc) reporterSentences() [][2]int {
	if d.sents == nil {
		d.sents = sgSentences(d.r, 0, len(d.r), func(i int) bool { return d.inQuote[i] })
	}
	return d.sents
}

func (d *suggestDoc) sentenceAt(pos int) [2]int {
	ss := d.reporterSentences()
	i := sort.Search(len(ss), func(i int) bool { return ss[i][1] > pos })
	if i < len(ss) && ss[i][0] <= pos {
		return ss[i]
	}
	return [2]int{pos, pos}
}

// source turns a phrase into a speaker name, resolving pronouns.
func (d *suggestDoc) source(n np) (name string, person, mention bool) {
	switch n.kind {
	case npPronoun:
		name, person = d.resolve(strings.ToLower(n.text), n.start)
		return name, person, false
	case npName:
		return d.fullName(n), d.isPerson(n), true
	case npDesc:
		return n.text, false, true
	}
	return "", false, false
}

// attributeDirect finds the source of each direct quote and its confidence,
// and makes the quote and mention suggestions.
func (d *suggestDoc) attributeDirect() {
	slices.SortStableFunc(d.quotes, func(a, b *directQuote) int { return cmp.Compare(a.open, b.open) })
	d.noteSubjects()
	var prev *directQuote
	prevLine := -1
	for qi, q := range d.quotes {
		line := d.lineOf(q.start)
		if !q.post {
			d.attributeOne(qi)
		}
		if q.speaker == "" && !q.adjacent {
			// a quotation that goes on after its attribution ("“A,” she
			// said. “B.”"), or into the next paragraph
			if prev != nil && prev.speaker != "" && (q.cont || line == prevLine && d.startsSentence(q)) {
				q.speaker, q.person, q.rule, q.conf = prev.speaker, prev.person, "speaker-previous-quote", 0.85
			}
		}
		if q.speaker == "" && q.conf >= annotations.DefaultSuggestionConfidence && d.startsSentence(q) {
			// a quotation standing alone: the most recent source
			if name, person := d.resolve("he", q.open); name != "" {
				q.speaker, q.person, q.rule = name, person, "speaker-most-recent"
			}
		}
		if q.speaker != "" {
			d.addSubject(q.open, q.speaker, q.person)
		}
		rule := "direct-quote-marks"
		switch {
		case q.post:
			rule = "direct-embedded-post"
		case q.unclosed:
			rule = "direct-unclosed"
		case q.close < 0 || q.cont:
			rule = "direct-multi-paragraph"
		}
		conf := q.conf
		d.add(annotations.Quote, q.start, q.end, q.speaker, conf, rule, func(a *annotations.Annotation) { a.Form = annotations.Direct })
		if q.mention[1] > q.mention[0] {
			d.add(annotations.SpeakerMention, q.mention[0], q.mention[1], q.speaker, conf, q.rule, nil)
		}
		prev, prevLine = q, line
	}
}

// lineOf is the number of the line (paragraph) holding pos.
func (d *suggestDoc) lineOf(pos int) int {
	if d.lines == nil {
		d.lines = []int{0}
		for i, c := range d.r {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	return sort.SearchInts(d.lines, pos+1) - 1
}

// startsSentence reports whether nothing but white space stands between the
// start of the quote's sentence and its opening mark.
func (d *suggestDoc) startsSentence(q *directQuote) bool {
	s := d.sentenceAt(q.open)
	p := q.open
	for p > s[0] && unicode.IsSpace(d.r[p-1]) {
		p--
	}
	return p <= s[0]
}

// scareWords before a quotation make it a scare quote or a title.
var scareWords = sgWords(`so-called dubbed titled entitled nicknamed film movie book song album show series play novel
	documentary podcast headline slogan hashtag program programme campaign bill term word phrase label magazine
	newspaper column episode opera poem exhibit exhibition`)

// attributeOne finds the source of the qi-th direct quote and how sure that
// is: an attribution next to its marks, or else, unless it looks like a
// scare quote or a title, the agent or subject of the reporter's sentence.
func (d *suggestDoc) attributeOne(qi int) {
	q := d.quotes[qi]
	c := d.contextOf(qi)
	if d.attributeAfter(q, c.after) || d.attributeBefore(q, c.before) {
		return
	}
	conf := fragmentConfidence(c)
	q.conf = conf
	if q.cont {
		q.conf = 0.85
	}
	if conf < 0.5 {
		return // a scare quote or a title has no source
	}
	d.attributeInSentence(q, c, conf)
}

// attributionWindow is how far from a quotation's marks, in code points,
// its attribution is looked for: windows of the sentence around them keep
// a sentence of many quotations linear.
const attributionWindow = 400

// quoteContext is the text of a direct quote's sentence that may
// attribute it.
type quoteContext struct {
	sent    [2]int  // the reporter's sentence
	before  []sgTok // the sentence before the opening mark, from the previous quotation in it on
	after   []sgTok // the sentence after the closing mark
	content []sgTok // the quoted text
}

func (d *suggestDoc) contextOf(qi int) quoteContext {
	q := d.quotes[qi]
	sent := d.sentenceAt(q.open)
	closeAt := q.close
	if closeAt < 0 {
		closeAt = q.end
	}
	c := quoteContext{
		sent:    sent,
		before:  sgTokenize(d.r, max(sent[0], q.open-attributionWindow), q.open),
		after:   sgTokenize(d.r, min(closeAt+1, sent[1]), min(sent[1], closeAt+1+attributionWindow)),
		content: sgTokenize(d.r, q.start, q.end),
	}
	if qi > 0 {
		if o := d.quotes[qi-1]; o.close >= sent[0] && o.close < q.open {
			c.before = sgTokenize(d.r, o.close+1, q.open)
		}
	}
	return c
}

// attribute makes the source n names, if any, the quote's speaker.
func (d *suggestDoc) attribute(q *directQuote, n np, rule string, conf float64, adjacent bool) bool {
	name, person, mention := d.source(n)
	if name == "" {
		return false
	}
	q.speaker, q.person, q.rule, q.conf, q.adjacent = name, person, rule, conf, adjacent
	if mention {
		q.mention = [2]int{n.start, n.end}
	}
	return true
}

// attributeAfter looks for the attribution right after the closing mark.
func (d *suggestDoc) attributeAfter(q *directQuote, after []sgTok) bool {
	a := after
	if len(a) > 0 && (a[0].s == "," || a[0].s == "—" || a[0].s == "–") {
		a = a[1:]
	}
	// “…,” X said / “…,” said X; “…,” union president X told
	if n := d.npTitled(a, 0); n.kind != npNone && n.last+1 < len(a) && speechVerbs[a[n.last+1].lo] {
		if d.attribute(q, n, "speaker-after-quote", 0.9, true) {
			return true
		}
	}
	if len(a) > 1 && speechVerbs[a[0].lo] {
		if n := d.npForward(a, 1); n.kind != npNone && d.attribute(q, n, "speaker-said-x", 0.9, true) {
			return true
		}
	}
	if len(after) > 0 && (after[0].s == "—" || after[0].s == "–") {
		if n := d.npForward(after, 1); n.kind == npName && d.attribute(q, n, "speaker-embedded-post", 0.85, true) {
			return true
		}
	}
	return false
}

// attributeBefore looks for the attribution right before the opening mark.
func (d *suggestDoc) attributeBefore(q *directQuote, before []sgTok) bool {
	b := before
	if len(b) > 0 && (b[len(b)-1].s == ":" || b[len(b)-1].s == ",") {
		colon := b[len(b)-1].s == ":"
		b = b[:len(b)-1]
		// X: ‘…’
		if colon {
			if n := d.npBack(b, len(b)); n.kind != npNone && n.first == 0 && d.attribute(q, n, "speaker-colon", 0.9, true) {
				return true
			}
		}
	}
	// X said, “…” / X said: “…”
	if len(b) > 0 && speechVerbs[b[len(b)-1].lo] {
		if n := d.npBackAppositive(b, len(b)-1); n.kind != npNone && d.attribute(q, n, "speaker-before-quote", 0.9, true) {
			return true
		}
	}
	// according to X, “…”
	for k := 0; k+2 < len(before); k++ {
		if before[k].lo == "according" && before[k+1].lo == "to" {
			if n := d.npForward(before, k+2); n.kind != npNone && d.attribute(q, n, "speaker-according-to", 0.85, true) {
				return true
			}
		}
	}
	return false
}

// fragmentConfidence is how likely a quotation with no attribution next to
// its marks, a fragment inside the reporter's sentence, is a quote rather
// than a scare quote or a title.
func fragmentConfidence(c quoteContext) float64 {
	words := 0
	for _, t := range c.content {
		if t.word {
			words++
		}
	}
	conf := 0.6
	if words <= 2 {
		conf = 0.3
	}
	if len(c.content) > 0 && strings.Contains(".,!?", c.content[len(c.content)-1].s) {
		conf = max(conf, 0.7)
	}
	if sgTitleCase(c.content) && words <= 8 {
		conf = 0.25
	}
	before := c.before
	if len(before) > 0 && scareWords[before[len(before)-1].lo] || len(before) > 1 && scareWords[before[len(before)-2].lo] && before[len(before)-1].lo != "said" {
		conf = 0.15
	}
	return conf
}

// attributeInSentence gives a fragment the source of the reporter's
// sentence: the agent of a passive sentence, or else its subject.
func (d *suggestDoc) attributeInSentence(q *directQuote, c quoteContext, conf float64) {
	// by X: the agent of a passive sentence ("was fined by a federal judge
	// for making “…”")
	before := c.before
	for k := 0; k+1 < len(before); k++ {
		if before[k].lo == "by" && k > 0 && hasPassive(before[:k]) {
			if n := d.npForward(before, k+1); n.kind != npNone && n.kind != npPronoun && d.attribute(q, n, "speaker-by-agent", conf, false) {
				return
			}
		}
	}
	sent := c.sent
	if n := d.subject(sgTokenize(d.r, sent[0], min(sent[1], sent[0]+attributionWindow))); n.kind != npNone && n.start < q.open {
		d.attribute(q, n, "speaker-subject", conf, false)
	}
}

// npBackAppositive reads the source before a speech verb at k, skipping an
// appositive between commas ("Hosemann, a Republican who …, said").
func (d *suggestDoc) npBackAppositive(toks []sgTok, k int) np {
	if k > 0 && toks[k-1].s == "," {
		for j := k - 2; j >= 0 && j >= k-30; j-- {
			if toks[j].s == "," {
				if n := d.npBack(toks, j); n.kind == npName || n.kind == npPronoun {
					return n
				}
				break
			}
		}
		return np{}
	}
	return d.npBack(toks, k)
}

func hasPassive(toks []sgTok) bool {
	for k := 0; k+1 < len(toks); k++ {
		switch toks[k].lo {
		case "was", "were", "been", "is", "are", "being":
			if strings.HasSuffix(toks[k+1].lo, "ed") || strings.HasSuffix(toks[k+1].lo, "en") {
				return true
			}
		}
	}
	return false
}

func sgTitleCase(toks []sgTok) bool {
	n := 0
	for _, t := range toks {
		if !t.word {
			if strings.Contains(".,!?", t.s) {
				return false
			}
			continue
		}
		r := []rune(t.s)
		if unicode.IsLower(r[0]) && !smallTitleWords[t.lo] {
			return false
		}
		n++
	}
	return n > 0
}

var smallTitleWords = sgWords(`a an the of and or in on at to for with by from as but nor`)
