package suggest

import (
	"strings"
	"unicode"
)

// sgTok is a word or a punctuation mark of the article, by code points.
type sgTok struct {
	s          string
	lo         string // lower case
	start, end int
	word       bool
}

func (t sgTok) capital() bool {
	if !t.word {
		return false
	}
	for _, c := range t.s {
		return unicode.IsUpper(c)
	}
	return false
}

func isApos(c rune) bool { return c == '\'' || c == '’' }

// abbreviations keep their full stop inside the word and do not end a
// sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true, "lt": true,
	"col": true, "gen": true, "sgt": true, "capt": true, "prof": true, "rev": true, "st": true, "jr": true,
	"sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true,
	"dec": true, "no": true, "vs": true, "etc": true, "gen.": true, "atty": true, "supt": true, "del": true,
	"mt": true, "ft": true, "ave": true, "dept": true, "est": true, "approx": true, "e.g": true, "i.e": true,
}

// tokenize splits r[from:to] into words (letters and digits, with inner
// apostrophes, hyphens, dots and commas of numbers, and the full stop of an
// abbreviation or initial) and single punctuation marks.
func sgTokenize(r []rune, from, to int) []sgTok {
	var toks []sgTok
	i := from
	for i < to {
		c := r[i]
		if unicode.IsSpace(c) {
			i++
			continue
		}
		if !sgWordRune(c) && !(c == '$' && i+1 < to && unicode.IsDigit(r[i+1])) {
			toks = append(toks, sgTok{s: string(c), lo: string(c), start: i, end: i + 1})
			i++
			continue
		}
		j := i + 1
		for j < to {
			c := r[j]
			if sgWordRune(c) {
				j++
				continue
			}
			// inner joiners: don't, Twenty-two, 1,000, 1.8, U.S
			if (isApos(c) || c == '-' || c == '.' || c == ',' || c == '‐') && j+1 < to && sgWordRune(r[j+1]) {
				if c == ',' && !(unicode.IsDigit(r[j-1]) && unicode.IsDigit(r[j+1])) {
					break
				}
				if c == '.' && !(unicode.IsDigit(r[j-1]) && unicode.IsDigit(r[j+1]) || j-i <= 2 && unicode.IsLetter(r[j+1]) && (j+2 >= to || r[j+2] == '.')) {
					break
				}
				j += 2
				continue
			}
			break
		}
		// the apostrophe of a plural possessive: "the nurses’ union"
		if j+2 < to && isApos(r[j]) && (r[j-1] == 's' || r[j-1] == 'S') && r[j+1] == ' ' && unicode.IsLower(r[j+2]) && possessiveFollows(r, j+1, to) {
			j++
		}
		w := string(r[i:j])
		// the full stop of an abbreviation, an initial or U.S.
		if j < to && r[j] == '.' {
			lw := strings.ToLower(w)
			if abbreviations[lw] || len([]rune(w)) == 1 && unicode.IsUpper(r[i]) || strings.Contains(w, ".") {
				j++
				w = string(r[i:j])
			}
		}
		toks = append(toks, sgTok{s: w, lo: strings.ToLower(w), start: i, end: j, word: true})
		i = j
	}
	return toks
}

func sgWordRune(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

// isOpenMark and isCloseMark are quotation marks that may open or close a
// quote (the straight ones both).
func isOpenMark(c rune) bool  { return strings.ContainsRune("“‘«„\"'", c) }
func isCloseMark(c rune) bool { return strings.ContainsRune("”’»“\"'", c) }

// sentences splits r[from:to] into sentences: at line breaks and after . ! ?
// (and any closing marks) followed by white space and a capital, a digit or
// an opening mark, except after an abbreviation or an initial. Positions for
// which skip is true never split (the inside of a quote).
func sgSentences(r []rune, from, to int, skip func(int) bool) [][2]int {
	var out [][2]int
	start := from
	emit := func(end int) {
		s, e := start, end
		for s < e && unicode.IsSpace(r[s]) {
			s++
		}
		for e > s && unicode.IsSpace(r[e-1]) {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
	}
	for i := from; i < to; i++ {
		c := r[i]
		if c == '\n' {
			emit(i)
			start = i + 1
			continue
		}
		if skip != nil && skip(i) {
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < to && isCloseMark(r[j]) && r[j] != '“' {
			j++
		}
		if j >= to {
			continue
		}
		if !unicode.IsSpace(r[j]) || r[j] == '\n' {
			continue
		}
		k := j
		for k < to && unicode.IsSpace(r[k]) && r[k] != '\n' {
			k++
		}
		if k >= to || r[k] == '\n' {
			continue
		}
		if !(unicode.IsUpper(r[k]) || unicode.IsDigit(r[k]) || isOpenMark(r[k])) {
			continue
		}
		if c == '.' && endsWithAbbreviation(r, from, i) {
			continue
		}
		emit(j)
		start = j
	}
	emit(to)
	return out
}

// endsWithAbbreviation reports whether the full stop at i ends an
// abbreviation or an initial ("Sen.", "J.", "U.S.").
func endsWithAbbreviation(r []rune, from, i int) bool {
	s := i
	for s > from && (unicode.IsLetter(r[s-1]) || r[s-1] == '.') {
		s--
	}
	w := strings.ToLower(string(r[s:i]))
	if w == "" {
		return false
	}
	if abbreviations[w] {
		return true
	}
	rs := []rune(string(r[s:i]))
	if len(rs) == 1 && unicode.IsUpper(rs[0]) {
		return true
	}
	return strings.Contains(w, ".") && len(rs) <= 5 // U.S, D.C
}

// Word lists of the rules. They are English function words and news
// conventions, not names from any one article.
var (
	// speechVerbs attribute a quote next to them.
	speechVerbs = sgWords(`said says say saying told tells tell telling stated states state announced announces
		added adds argued argues claimed claims warned warns wrote writes asked asks explained explains noted notes
		insisted insists replied replies responded responds recalled recalls declared declares acknowledged acknowledges
		admitted admits alleged alleges contended contends maintained maintains testified testifies tweeted tweets
		posted posts urged urges suggested suggests predicted predicts vowed vows promised promises conceded concedes
		countered counters complained complains asserted asserts emphasized emphasizes stressed stresses assured assures
		assure reported reports confirmed confirms denied denies agreed agrees observed observes remarked remarks
		concluded concludes continued continues cautioned cautions pointed added explained wrote texted emailed
		announcing arguing claiming warning adding noting insisting explaining writing`)
	// indirectVerbs introduce a reported content clause.
	indirectVerbs = sgWords(`said says say saying told tells tell stated states announced announces added adds argued
		argues claimed claims warned warns explained explains noted notes insisted insists acknowledged acknowledges
		admitted admits alleged alleges contended contends maintained maintains testified testifies reported reports
		confirmed confirms denied denies predicted predicts suggested suggests wrote writes assured assures assure
		informed informs reminded reminds believes believed argued declared declares conceded concedes asserted
		asserts emphasized stressed claiming arguing warning adding noting insisting estimated estimates found finds
		concluded concludes`)
	// thatVerbs report content only with "that" ("found that …", not
	// "found the body").
	thatVerbs = sgWords(`estimated estimates found finds concluded concludes believes believed`)
	// objectVerbs take an object before their "that" (told reporters that).
	objectVerbs = sgWords(`told tells tell assured assures assure informed informs reminded reminds warned warns
		convinced notified`)
	pronouns     = sgWords(`he she they it we i`)
	determiners  = sgWords(`a an the this that these those its his her their our my`)
	prepositions = sgWords(`in on at to for with by from of about during after before since last this earlier later
		late early over under into through`)
	// titleWords come before a name and are not part of it.
	titleWords = sgWords(`secretary state president sen. senator rep. representative gov. governor mayor judge
		justice dr. mr. mrs. ms. attorney general chief officer director commissioner chairman chairwoman chair
		spokesman spokeswoman spokesperson prof. professor rev. lt. col. gen. sgt. capt. councilman councilwoman
		sheriff deputy former vice minister prime speaker leader assemblyman assemblywoman congressman congresswoman
		superintendent ceo executive u.s. lieutenant treasurer auditor pastor coach dean manager founder
		chancellor ambassador detective officer inspector trooper commander sergeant captain representative
		delegate del. atty. supt. sister brother father rabbi imam pope king queen prince princess lord lady sir
		dame mister madam madame candidate nominee host author economist analyst`)
	// nameStop are capitalized words that start sentences but name no one.
	nameStop = sgWords(`the a an this that these those but and or so yet if when while as at in on of for to by
		with from after before since during it he she they we i you his her their our its there here what who
		why how where which monday tuesday wednesday thursday friday saturday sunday january february march april
		may june july august september october november december some many most all several few each every both
		no none other another such not everyone everybody nobody someone somebody anyone`)
	orgWords = sgWords(`commission department court office committee council agency association institute
		university party board bureau police ministry company foundation center service administration
		legislature senate house campaign group coalition union network times post news journal press
		government inc. corp. co. authority organization`)
)

func sgWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
