package suggest

import (
	"strings"

	"quotemark/annotations"
)

// sayAdverbs may stand between a source and its speech verb ("he also said").
var sayAdverbs = sgWords(`also later then previously repeatedly again publicly recently often once further earlier
	privately separately last`)

// findIndirect finds reported speech without marks: a speech verb with its
// source and a content clause. The span is the content clause, without the
// verb, the source and a leading "that".
func (d *suggestDoc) findIndirect() {
	for _, s := range d.reporterSentences() {
		toks := sgTokenize(d.r, s[0], s[1])
		end := s[1]
		for end > s[0] && strings.ContainsRune(".!", d.r[end-1]) {
			end--
		}
		// "according to X" first: it may frame a report of its own ("…
		// found that …, according to the court")
		for k := 0; k+1 < len(toks); k++ {
			if toks[k].lo == "according" && toks[k+1].lo == "to" && !d.inQuote[toks[k].start] {
				d.accordingTo(toks, k, s, end)
				break
			}
		}
		for k := 0; k < len(toks); k++ {
			t := toks[k]
			if d.inQuote[t.start] {
				continue
			}
			if !indirectVerbs[t.lo] {
				continue
			}
			if next := d.indirectAt(toks, k, s, end); next > k {
				k = next
			}
		}
	}
}

// indirectAt handles the speech verb toks[k]; it returns the index of the
// last token used, or k when it made nothing.
func (d *suggestDoc) indirectAt(toks []sgTok, k int, sent [2]int, end int) int {
	t := toks[k]
	// the source
	var src np
	rule := "speaker-before-verb"
	switch {
	case strings.HasSuffix(t.lo, "ing") || k > 0 && toks[k-1].lo == "to":
		src, rule = d.subject(toks), "speaker-subject"
	default:
		v := k
		if v > 0 && (sayAdverbs[toks[v-1].lo] || strings.HasSuffix(toks[v-1].lo, "ly")) {
			v-- // "he also said", "who publicly stated"
		}
		if v > 0 && toks[v-1].lo == "who" {
			v-- // "Terry McAuliffe, a Democrat, who stated"
		}
		src = d.npBackAppositive(toks, v)
	}
	if src.kind == npNone {
		return k // no source, no report ("other states have begun")
	}
	// a reversed report: "The bridge will open Monday, officials said."
	if src.kind != npNone && src.first > 0 && toks[src.first-1].s == "," && reportTail(toks[k+1:]) {
		cs, ce := sent[0], toks[src.first-1].start
		return d.makeIndirect(cs, ce, src, "indirect-reversed", 0.55, "speaker-after-clause", k)
	}
	if k+1 < len(toks) && toks[k].lo != "saying" && toks[k+1].s == "," || k+1 >= len(toks) {
		return k
	}
	// the content: after "that" within a few words, or right after the verb
	start := -1
	that := false
	for j := k + 1; j < len(toks) && j <= k+10; j++ {
		if !toks[j].word {
			break
		}
		if toks[j].lo == "that" {
			start, that = j+1, true
			break
		}
	}
	if start < 0 {
		if thatVerbs[t.lo] {
			return k
		}
		if objectVerbs[t.lo] {
			// "told reporters the plan …", "told me it was over"
			o := toks[k+1]
			if !(objectWords[o.lo] || !o.capital() && strings.HasSuffix(o.lo, "s") && len(o.lo) > 3) || k+2 >= len(toks) {
				return k
			}
			f := toks[k+2]
			if !f.word || !(determiners[f.lo] || pronouns[f.lo] || f.capital() || sgDigit(f.s)) {
				return k
			}
			k++
		}
		f := toks[k+1]
		if !f.word || prepositions[f.lo] && !determiners[f.lo] || f.lo == "to" || f.lo == "so" || speechVerbs[f.lo] || isOpenMark([]rune(f.s)[0]) {
			return k
		}
		// "said X" with X a name and no clause: an attribution, not a report
		if n := d.npForward(toks, k+1); n.kind == npName && (n.last+1 >= len(toks) || !toks[n.last+1].word) {
			return k
		}
		start = k + 1
	}
	if start >= len(toks) {
		return k
	}
	cs := toks[start].start
	// stop before a trailing ", according to …" or ", X said"
	ce := end
	for j := start; j+1 < len(toks); j++ {
		if toks[j].s == "," && (toks[j+1].lo == "according" || indirectVerbs[toks[min(j+2, len(toks)-1)].lo] && j+2 == len(toks)-1) {
			ce = toks[j].start
			break
		}
	}
	conf := 0.6
	if that {
		conf = 0.7
	}
	return d.makeIndirect(cs, ce, src, "indirect-said-that", conf, rule, len(toks))
}

// objectWords are the objects of "told" that may come before the content
// without "that".
var objectWords = sgWords(`me us him her them you reporters journalists lawmakers officials`)

// timeWords may follow the speech verb of a reversed report ("officials
// said Tuesday").
var timeWords = sgWords(`today yesterday tonight monday tuesday wednesday thursday friday saturday sunday last this
	earlier later recently`)

// reportTail reports whether the words after a speech verb end its
// sentence without a clause of their own: nothing, or a time or a
// prepositional phrase ("said Tuesday", "said in a statement").
func reportTail(toks []sgTok) bool {
	if len(toks) > 0 && (toks[len(toks)-1].s == "." || toks[len(toks)-1].s == "!") {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return true
	}
	if len(toks) > 8 || !(timeWords[toks[0].lo] || prepositions[toks[0].lo]) {
		return false
	}
	for _, t := range toks {
		if !t.word || t.lo == "that" {
			return false
		}
	}
	return true
}

// accordingTo handles "according to X, …" and "…, according to X".
func (d *suggestDoc) accordingTo(toks []sgTok, k int, sent [2]int, end int) int {
	src := d.npForward(toks, k+2)
	if src.kind == npNone {
		return k
	}
	// "according to figures released by the health department": the agent
	for j := src.last + 1; j+1 < len(toks) && toks[j].word && j < src.last+6; j++ {
		if toks[j].lo == "by" {
			if n := d.npForward(toks, j+1); n.kind != npNone && n.kind != npPronoun {
				src = n
			}
			break
		}
	}
	// the content may report speech of its own ("the coalition argues
	// that …"): the scan goes on after the source
	if k > 0 && toks[k-1].s == "," {
		return d.makeIndirect(sent[0], toks[k-1].start, src, "indirect-according-to", 0.65, "speaker-according-to", src.last)
	}
	for j := src.last + 1; j < len(toks); j++ {
		if toks[j].s == "," && j+1 < len(toks) {
			return d.makeIndirect(toks[j+1].start, end, src, "indirect-according-to", 0.65, "speaker-according-to", j)
		}
	}
	return k
}

// makeIndirect suggests the content clause cs–ce as an indirect quote of
// src, with its speaker mention; next is returned for the caller's loop.
func (d *suggestDoc) makeIndirect(cs, ce int, src np, rule string, conf float64, speakerRule string, next int) int {
	cs, ce = d.trim(cs, ce)
	for ce > cs && strings.ContainsRune(",;:", d.r[ce-1]) {
		ce--
	}
	words := sgTokenize(d.r, cs, ce)
	n := 0
	for _, t := range words {
		if t.word {
			n++
		}
	}
	if n < 3 {
		return next
	}
	form := annotations.Indirect
	inside := 0
	for i := cs; i < ce; i++ {
		if d.inQuote[i] {
			inside++
		}
	}
	switch {
	case d.inQuote[cs] || isOpenMark(d.r[cs]) && inside > 0:
		return next // a direct quote with its attribution
	case inside > 0:
		form = annotations.Mixed
	}
	name, person, mention := d.source(src)
	if src.kind == npDesc && speakerRule == "speaker-subject" {
		mention = true
	}
	d.add(annotations.Quote, cs, ce, name, conf, rule, func(a *annotations.Annotation) { a.Form = form })
	if mention && name != "" {
		d.add(annotations.SpeakerMention, src.start, src.end, name, conf, speakerRule, nil)
	}
	if name != "" {
		d.addSubject(src.start, name, person)
	}
	d.indirect = append(d.indirect, [2]int{cs, ce})
	d.claimSources = append(d.claimSources, claimSource{cs, ce, name})
	return next
}
