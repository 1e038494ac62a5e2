package suggest

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"quotemark/annotations"
)

// claimSource is a stretch of reported speech in which claims are looked
// for, with its speaker.
type claimSource struct {
	start, end int
	speaker    string
}

var (
	// modals and attitudes make a clause a prediction, an intention or an
	// opinion rather than a checkable fact, when in its main clause.
	claimModals = sgWords(`will would should could might must shall may can't won't wouldn't shouldn't believe believes
		think thinks feel feels hope hopes expect expects expected plan plans planned intend intends want wants
		wanted likely hopefully perhaps maybe seems seem going`)
	subordinators = sgWords(`that which who whom whose because if whether although though when while after before`)
	numberWords   = sgWords(`two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
		sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
		thousand thousands million millions billion billions trillion dozen dozens half percent third thirds quarter
		doubled tripled halved`)
	legalWords = sgWords(`ruled rules ruling fined fines sued sues suing filed files convicted sentenced charged
		indicted enacted enacts passed approved signed vetoed voted votes won lost elected ordered dismissed tossed
		overturned upheld struck appealed settled arrested pleaded acquitted banned blocked violated violates
		lawsuit lawsuits verdict indictment conviction settlement penalty penalties jury audit audited subpoena
		subpoenaed impeached resigned fired repealed certified reported recorded`)
	fraudWords = sgWords(`fraud fraudulent rigged illegal illegally unlawful unlawfully corruption corrupt bribery bribe
		embezzled embezzlement stole stolen misled misleading falsified forged laundering overcharged overcharging
		faulty ignored neglected concealed lied defrauded`)
	comparisonWords = sgWords(`first largest smallest highest lowest biggest record most fewest majority
		least only`)
	months = sgWords(`january february march april may june july august september october november december jan. feb.
		aug. sept. oct. nov. dec.`)
	bioWords = sgWords(`reporter editor editor-in-chief journalist correspondent columnist bachelor’s bachelor's bachelor degree
		graduated graduate newsroom joined native alumnus internship intern fellow`)
)

// findClaims suggests the reporter's sentences and the reported statements
// that assert a checkable fact.
func (d *suggestDoc) findClaims() {
	bio := d.bioLines()
	slices.SortFunc(d.indirect, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	inIndirect := func(s [2]int) bool {
		i := sort.Search(len(d.indirect), func(i int) bool { return d.indirect[i][0] >= s[0] })
		return i < len(d.indirect) && d.indirect[i][1] <= s[1]
	}
	// a sentence that reports a quotation: its claims are in the quotation
	quoted := func(s [2]int) bool {
		// the quotes are sorted and do not overlap: start at the first
		// that ends after the sentence starts
		i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].end > s[0] })
		for _, q := range d.quotes[i:] {
			if q.start >= s[1] {
				break
			}
			ov := min(q.end, s[1]) - max(q.start, s[0])
			if q.conf < annotations.DefaultSuggestionConfidence || ov <= 0 {
				continue
			}
			if q.adjacent || 2*ov > s[1]-s[0] {
				return true
			}
		}
		return false
	}
	for _, s := range d.reporterSentences() {
		if bio[d.lineOf(s[0])] || inIndirect(s) || quoted(s) {
			continue
		}
		d.claim(s[0], s[1], "", "claim")
	}
	for _, q := range d.quotes {
		if q.conf < annotations.DefaultSuggestionConfidence || !q.adjacent && !q.cont && q.rule != "speaker-previous-quote" {
			continue
		}
		for _, s := range sgSentences(d.r, q.start, q.end, nil) {
			d.claim(s[0], s[1], q.speaker, "claim-in-quote")
		}
	}
	// a report inside a report ("the coalition argues that X", according
	// to documents): the claim is the innermost content, by its speaker
	for i, c := range d.claimSources {
		inner := false
		for j, o := range d.claimSources {
			if j != i && o.start >= c.start && o.end <= c.end && (o.start != c.start || o.end != c.end) {
				inner = true
				break
			}
		}
		if !inner {
			d.claim(c.start, c.end, c.speaker, "claim-reported")
		}
	}
}

// claim suggests the span as a claim if it asserts something checkable.
func (d *suggestDoc) claim(start, end int, speaker, rule string) {
	start, end = d.trim(start, end)
	for end > start && strings.ContainsRune(".,;:!", d.r[end-1]) {
		end--
	}
	if end <= start || d.r[end-1] == '?' {
		return
	}
	toks := sgTokenize(d.r, start, end)
	if len(toks) < 4 {
		return
	}
	feats, checkworthy, kind := claimFeatures(toks)
	if feats == 0 {
		return
	}
	conf := min(0.9, 0.55+0.1*float64(feats-1))
	d.add(annotations.Claim, start, end, speaker, conf, rule+"-"+kind, func(a *annotations.Annotation) { a.Checkworthy = checkworthy })
}

// claimFeatures counts the kinds of checkable content in a clause: numbers,
// money, percentages, dates, legal and official outcomes, wrongdoing,
// comparisons. It returns 0 for a prediction, intention or opinion.
func claimFeatures(toks []sgTok) (n int, checkworthy bool, kind string) {
	for i, t := range toks {
		if subordinators[t.lo] {
			break
		}
		if claimModals[t.lo] || strings.HasSuffix(t.lo, "’ll") || strings.HasSuffix(t.lo, "'ll") {
			if t.lo == "may" && t.s == "May" {
				continue
			}
			// a noun, not a modal or an attitude: "a $2 billion plan"
			if i > 0 && (determiners[toks[i-1].lo] || isNumberWord(toks[i-1].lo) || sgDigit(toks[i-1].s) || strings.HasSuffix(toks[i-1].lo, "’s") || strings.HasSuffix(toks[i-1].lo, "'s")) {
				continue
			}
			return 0, false, ""
		}
	}
	has := map[string]bool{}
	for i, t := range toks {
		// a non-restrictive relative clause is background, not the assertion
		if (t.lo == "who" || t.lo == "which" || t.lo == "whose") && i > 0 && toks[i-1].s == "," {
			break
		}
		switch {
		case !t.word:
			if t.s == "%" || t.s == "$" || t.s == "€" || t.s == "£" {
				has["number"] = true
			}
		case strings.HasPrefix(t.s, "$"), sgDigit(t.s) && unicode.IsDigit([]rune(t.s)[0]):
			has["number"] = true
			if sgIsYear(t.s) {
				has["date"] = true
			}
		case isNumberWord(t.lo):
			has["number"] = true
		case months[t.lo] && i+1 < len(toks) && sgDigit(toks[i+1].s) && t.capital():
			has["date"] = true
		case legalWords[t.lo]:
			has["legal"] = true
		case fraudWords[t.lo]:
			has["fraud"] = true
		case comparisonWords[t.lo], t.lo == "than" && i > 0:
			has["comparison"] = true
		}
	}
	for _, k := range []string{"number", "date", "legal", "fraud", "comparison"} {
		if has[k] {
			n++
			if kind == "" {
				kind = k
			}
		}
	}
	checkworthy = has["number"] || has["date"] || has["legal"] || has["fraud"]
	return n, checkworthy, kind
}

func sgDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

func sgIsYear(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "’s"), "s")
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

func isNumberWord(w string) bool {
	for p := range strings.SplitSeq(w, "-") {
		if numberWords[p] {
			return true
		}
	}
	return false
}

// bioLines marks the lines that read as the author's biography: two or more
// words of a journalist's career.
func (d *suggestDoc) bioLines() map[int]bool {
	out := map[int]bool{}
	line, start := 0, 0
	for i := 0; i <= len(d.r); i++ {
		if i == len(d.r) || d.r[i] == '\n' {
			n := 0
			for _, t := range sgTokenize(d.r, start, i) {
				if bioWords[t.lo] {
					n++
				}
			}
			if n >= 2 {
				out[line] = true
			}
			line++
			start = i + 1
		}
	}
	return out
}
