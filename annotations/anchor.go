package annotations

import (
	"cmp"
	"fmt"
	"index/suffixarray"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Placement says how re-anchoring placed one annotation.
type Placement string

// How an annotation was placed on a text.
const (
	PlacedAtPosition    Placement = "position"    // the stored offsets still hold the exact text
	PlacedBySearch      Placement = "search"      // found elsewhere by its exact text and context
	PlacedApproximately Placement = "approximate" // the text or its surroundings differ: a person should check it
	NotPlaced           Placement = "orphan"      // kept as an orphan
)

// AnchorReport tells what Anchor did with each annotation.
type AnchorReport struct {
	Reanchored  bool // the set was made on another version of the text
	Placements  map[string]Placement
	Confidence  map[string]float64 // placed annotations only: 1 = exact text in full context
	Moved       int                // placed by search at another position
	Approximate int                // placed approximately; see Set.Approximate
	Orphaned    int
}

// How re-anchoring weighs the evidence; see Anchor.
const (
	maxErrorRate  = 1.0 / 3 // edits approximate matching allows, per code point of the quote
	minConfidence = 0.6     // a placement scoring less is refused
	minContext    = 0.7     // context agreement an exact hit needs to count as found, and a short quote always
	strongContext = 0.8     // context agreement below which a placement is approximate, for a person to check
	shortQuote    = ContextLen
	searchWindow  = 4096 // code points either side of the expected position searched first
	maxScored     = 48   // candidates scored per annotation and stage
)

// Bounds on the work of re-anchoring one annotation, so that a long text,
// or a text that occurs thousands of times, takes milliseconds and not a
// second; see Anchor. They are variables only for the tests, which lower
// them to try the bounded ways on small texts.
var (
	// A text longer than this (in code points) is given a suffix array:
	// looking each annotation's text up in it costs microseconds where
	// scanning costs milliseconds.
	indexedText = 1 << 20
	// An annotation's text occurring more often than this does not have
	// every occurrence scored.
	listedHits = 4096
	// Approximate matching over the whole text is done when it costs at
	// most this many code points times 64-bit blocks, a few milliseconds;
	// beyond, only where pieces of the quote occur.
	fullScanCells = 1 << 20
)

// How re-anchoring finds the places worth matching approximately when the
// whole text costs too much.
const (
	seedLen    = 12 // code points of a piece looked up exactly
	seedHits   = 32 // a piece occurring more often tells too little to follow
	seedPieces = 64 // pieces looked up per annotation at most
)

// Anchor binds a set that Read accepted to an article's text. When the
// set's sha256 matches the text, every span must match the text exactly, or
// the set is refused. When it does not, each annotation is re-anchored from
// exact, prefix and suffix; annotations that cannot be placed become orphans,
// kept and reported, never dropped. On error the set is unchanged.
//
// Re-anchoring tries, in order:
//
//  1. the stored position, when the text there is exact and the prefix and
//     suffix agree in full;
//  2. the exact text elsewhere. The expected position is the old one moved
//     as far as the annotation before it moved, so that text inserted
//     above moves the expectation along; an occurrence there or nearest it
//     with prefix and suffix in full is taken at once. Otherwise every
//     occurrence is scored on its context and the best taken, if its
//     context agrees at least 0.7 (minContext);
//  3. approximate matching: bit-parallel approximate string matching over
//     code points (Myers' algorithm, blocked beyond 64; see approx.go) with
//     at most a third of the quote's length in edits, near the expected
//     position first and then in the whole text; exact occurrences whose
//     context was too weak for step 2 compete. Edges are tidied (no split
//     words where the quote had whole ones, no split characters) and the
//     best match by confidence taken if it passes the rules below.
//
// Context agreement: for prefix and suffix each, the mean of their
// similarity (1 − edits/length, white space runs counting as one space) and
// the share that agrees unbroken outwards from the span; the two sides
// combine as the mean of their length-weighted mean and the better side, so
// that one side agreeing in full counts for more than both by halves.
// Confidence: the quote's 1 − edits/length and the context agreement,
// weighted by length (the quote's, at least 32, against the contexts'), so
// that a long quote is its own evidence and a short one depends on its
// context. Among candidates the most confident wins, with a bonus of up to
// 0.1 for nearness to the expected position; a tie goes to the nearest.
//
// The rule for weak matches: a placement is refused, leaving an orphan,
// when its confidence is under 0.6, or when the quote is shorter than 32
// code points (the length of its context) and its context agrees less than
// 0.7. A short text such as a name or "said" recurs, and an occurrence in
// other surroundings is a guess: a mention whose sentence was deleted
// becomes an orphan, not a mention of the same name three paragraphs away.
// A long quote is distinctive on its own; found in new surroundings it is
// placed, but approximately. A speaker mention is only ever placed on its
// exact text: other text would name someone else. Two annotations of one
// type are never re-anchored onto the same span unless they shared one
// before: the less confident becomes an orphan.
//
// Placements on text that differs from exact, or whose context agrees less
// than 0.8, are PlacedApproximately: they are listed in s.Approximate with
// their confidence until the user confirms them (see ConfirmPlacement), so
// that a wrong placement is never silent. Measured by BenchmarkAnchorEdited.
//
// The work per annotation is bounded, so that a 5 MB text, or a text that
// occurs thousands of times, costs milliseconds an annotation and not
// seconds (BenchmarkWorstAnchor…). A text longer than a million code
// points is looked up in a suffix array rather than scanned. Of a text that
// occurs more than 4,096 times, the occurrences scored are those found with
// the longest parts of the prefix before them or of the suffix after them
// that still leave at most 4,096, and the nearest. Approximate matching
// over the whole text is done only where it costs about a million code
// points times 64-code-point blocks or less; beyond, it is done where
// pieces of 12 code points of the quote occur exactly (of a short quote,
// also of its context), those with the most pieces first. On a news
// article none of this applies, and placements are those of searching
// everything.
func (s *Set) Anchor(art *Article) (*AnchorReport, error) {
	if s.j != nil {
		// Re-anchoring rewrites the whole set and its article: it is where
		// a session starts, not a step to undo.
		return nil, fmt.Errorf("a set cannot be re-anchored as a step of its history")
	}
	rep := &AnchorReport{
		Placements: make(map[string]Placement, len(s.Annotations)),
		Confidence: make(map[string]float64, len(s.Annotations)),
	}
	if s.Article.SHA256 == art.SHA256 {
		if s.Article.Length != art.Length {
			return nil, errAt("article.length", "is %d but the text with that sha256 has %d code points", s.Article.Length, art.Length)
		}
		for i, a := range s.Annotations {
			if err := checkSpan(art, a); err != nil {
				err.Path = fmt.Sprintf("annotations[%d]%s", i, err.Path)
				return nil, err
			}
			rep.Placements[a.ID] = PlacedAtPosition
			rep.Confidence[a.ID] = 1
		}
		return rep, nil
	}
	rep.Reanchored = true
	an := newAnchorer(art)
	order := make([]int, len(s.Annotations))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return CompareAnnotations(s.Annotations[i], s.Annotations[j])
	})
	results := make([]placing, len(s.Annotations))
	delta := 0 // how far the annotation before moved
	for _, i := range order {
		a := s.Annotations[i]
		r := an.place(a, a.Start+delta)
		results[i] = r
		if r.how != NotPlaced && r.ctx >= minContext {
			delta = r.start - a.Start
		}
	}
	refuseCollisions(s.Annotations, results)

	placed := make([]Annotation, 0, len(s.Annotations))
	orphans := append([]Orphan(nil), s.Orphans...)
	approx := make(map[string]float64)
	for _, a := range s.Annotations {
		if c, ok := s.Approximate[a.ID]; ok {
			approx[a.ID] = c // not yet confirmed on the text before
		}
	}
	for i, a := range s.Annotations {
		r := results[i]
		rep.Placements[a.ID] = r.how
		if r.how == NotPlaced {
			orphans = append(orphans, Orphan{Annotation: a, Reason: r.reason})
			delete(approx, a.ID)
			rep.Orphaned++
			continue
		}
		span, _ := art.Span(r.start, r.end)
		switch r.how {
		case PlacedBySearch:
			rep.Moved++
		case PlacedApproximately:
			rep.Approximate++
			if old, ok := approx[a.ID]; !ok || r.conf < old {
				approx[a.ID] = r.conf
			}
		}
		rep.Confidence[a.ID] = r.conf
		a.Start, a.End, a.Exact, a.Prefix, a.Suffix = span.Start, span.End, span.Exact, span.Prefix, span.Suffix
		placed = append(placed, a)
	}
	s.Article = art.Ref()
	s.Annotations = placed
	s.Orphans = orphans
	s.Approximate = nil
	if len(approx) > 0 {
		s.Approximate = approx
	}
	s.Sort()
	if s.idx != nil {
		s.buildIndex()
	}
	return rep, nil
}

// ConfirmPlacement records that the user checked an annotation placed
// approximately: it is no longer listed in s.Approximate.
func (s *Set) ConfirmPlacement(id string) error {
	if s.AnnotationPos(id) < 0 {
		return fmt.Errorf("no annotation %s", id)
	}
	if _, ok := s.Approximate[id]; !ok {
		return fmt.Errorf("annotation %s was not placed approximately", id)
	}
	s.forgetApproximate(id)
	return nil
}

// checkSpan verifies that an annotation's exact, prefix and suffix are the
// article's text around its span.
func checkSpan(art *Article, a Annotation) *FormatError {
	want, err := art.Span(a.Start, a.End)
	if err != nil {
		return errAt("", "%v", err)
	}
	switch {
	case want.Exact != a.Exact:
		return errAt(".exact", "%q does not match the article's text at %d–%d, which is %q", Clip(a.Exact, 40), a.Start, a.End, Clip(want.Exact, 40))
	case want.Prefix != a.Prefix:
		return errAt(".prefix", "%q does not match the %d code points before %d, which are %q", a.Prefix, runeCount(want.Prefix), a.Start, want.Prefix)
	case want.Suffix != a.Suffix:
		return errAt(".suffix", "%q does not match the %d code points after %d, which are %q", a.Suffix, runeCount(want.Suffix), a.End, want.Suffix)
	}
	return nil
}

// placing is where re-anchoring puts one annotation.
type placing struct {
	how        Placement
	start, end int
	conf, ctx  float64 // confidence, and how well the context alone agrees
	reason     string  // for an orphan
}

// anchorMatch is one possible place for an annotation.
type anchorMatch struct {
	start, end, errors int
	conf, ctx          float64
}

// target is an annotation being re-anchored.
type target struct {
	Annotation
	m                     int // code points in exact
	exact, prefix, suffix []rune
	expected              int
	before, after         *contextMatcher // built on first need
}

// anchorer re-anchors annotations onto one text. Its code point slices are
// built on first need: most annotations are found by their exact text.
type anchorer struct {
	o     *Offsets
	text  string
	runes []rune
	st    *symbols
	sa    *suffixarray.Index
	found map[string]foundText // exact text → where it occurs
}

func newAnchorer(art *Article) *anchorer {
	return &anchorer{o: art.Offsets(), text: art.Text}
}

func (an *anchorer) codePoints() []rune {
	if an.runes == nil {
		an.runes = []rune(an.text)
	}
	return an.runes
}

func (an *anchorer) index() *suffixarray.Index {
	if an.sa == nil {
		an.sa = suffixarray.New([]byte(an.text))
	}
	return an.sa
}

func (an *anchorer) symbols() *symbols {
	if an.st == nil {
		an.st = newSymbols(an.codePoints())
	}
	return an.st
}

// place finds where annotation a belongs, expecting it at expected.
func (an *anchorer) place(a Annotation, expected int) placing {
	if a.Exact == "" {
		return placing{how: NotPlaced, reason: "it has no text"}
	}
	n := an.o.Len()
	t := &target{Annotation: a, m: runeCount(a.Exact), expected: max(0, min(expected, n))}
	// 1. The stored position, then the expected one, then exact
	// occurrences near it: a full match there beats any further away.
	if an.fullAt(t, a.Start) {
		return placing{how: PlacedAtPosition, start: a.Start, end: a.Start + t.m, conf: 1, ctx: 1}
	}
	if an.fullAt(t, t.expected) {
		return placing{how: PlacedBySearch, start: t.expected, end: t.expected + t.m, conf: 1, ctx: 1}
	}
	if at, ok := an.nearestFull(t); ok {
		how := PlacedBySearch
		if at == a.Start {
			how = PlacedAtPosition
		}
		return placing{how: how, start: at, end: at + t.m, conf: 1, ctx: 1}
	}
	t.exact, t.prefix, t.suffix = []rune(a.Exact), []rune(a.Prefix), []rune(a.Suffix)
	// 2. Every exact occurrence, by context.
	best, hits := an.bestExact(t)
	if hits > 0 && best.ctx >= minContext && an.acceptable(t, best) {
		how := PlacedBySearch
		switch {
		case best.ctx < strongContext:
			how = PlacedApproximately
		case best.start == a.Start:
			how = PlacedAtPosition
		}
		return placing{how: how, start: best.start, end: best.end, conf: roundConf(best.conf), ctx: best.ctx}
	}
	// 3. Approximately; exact occurrences with a weak context compete. A
	// speaker mention is its name: on other text it would name someone
	// else ("Ali Smith" is not "Zoë Smith"), so it is placed on its exact
	// text or not at all.
	var approx anchorMatch
	found := false
	if a.Type != SpeakerMention {
		approx, found = an.approximate(t)
	}
	if hits > 0 && (!found || an.better(t, best, approx)) {
		approx, found = best, true
	}
	if found && an.acceptable(t, approx) {
		return placing{how: PlacedApproximately, start: approx.start, end: approx.end, conf: roundConf(approx.conf), ctx: approx.ctx}
	}
	switch {
	case hits > 0 && t.m < shortQuote:
		return placing{how: NotPlaced, reason: fmt.Sprintf("its text occurs %s in this version of the article, none in its old surroundings", times(hits))}
	case found:
		return placing{how: NotPlaced, reason: fmt.Sprintf("its text was not found in this version of the article; the closest match, %q at %d–%d, agrees only %.0f%%",
			Clip(an.o.Slice(approx.start, approx.end), 40), approx.start, approx.end, 100*approx.conf)}
	}
	return placing{how: NotPlaced, reason: "its text was not found in this version of the article"}
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func roundConf(c float64) float64 { return math.Round(c*1000) / 1000 }

// acceptable applies the threshold and the rule for weak matches, and
// refuses a span a mention or any annotation could not have.
func (an *anchorer) acceptable(t *target, c anchorMatch) bool {
	if c.conf < minConfidence || t.m < shortQuote && c.ctx < minContext {
		return false
	}
	if c.errors == 0 {
		return true
	}
	return t.Type != SpeakerMention && !isBlank(an.o.Slice(c.start, c.end))
}

// better orders candidates: by confidence with a small bonus for being
// near the expected position (up to nearBonus, nothing from nearRange code
// points away), so that of two places with about equally agreeing context
// the nearer wins; then nearer; then earlier.
func (an *anchorer) better(t *target, c, d anchorMatch) bool {
	dc, dd := iabs(c.start-t.expected), iabs(d.start-t.expected)
	if rc, rd := c.conf+nearness(dc), d.conf+nearness(dd); rc != rd {
		return rc > rd
	}
	if dc != dd {
		return dc < dd
	}
	return c.start < d.start
}

const (
	nearBonus = 0.1
	nearRange = 10_000
)

func nearness(dist int) float64 {
	return nearBonus * max(0, 1-float64(dist)/nearRange)
}

func iabs(x int) int { return max(x, -x) }

// fullAt reports whether the exact text sits at code point cp with the
// prefix before it and the suffix after it.
func (an *anchorer) fullAt(t *target, cp int) bool {
	if cp < 0 || cp+t.m > an.o.Len() {
		return false
	}
	b, e := an.o.Byte(cp), an.o.Byte(cp+t.m)
	return an.text[b:e] == t.Exact && strings.HasSuffix(an.text[:b], t.Prefix) && strings.HasPrefix(an.text[e:], t.Suffix)
}

// exactHits calls f with the code point offset and byte offset of every
// occurrence of the exact text that starts in lo..hi (code points).
func (an *anchorer) exactHits(t *target, lo, hi int, f func(cp, b int)) {
	from, to := an.o.Byte(lo), an.o.Byte(hi+t.m)
	text := an.text[:to]
	for from < to {
		i := strings.Index(text[from:], t.Exact)
		if i < 0 {
			return
		}
		b := from + i
		f(an.o.FromByte(b, false), b)
		_, size := utf8.DecodeRuneInString(text[b:])
		from = b + size
	}
}

// nearestFull finds the occurrence with full context nearest the expected
// position within searchWindow of it.
func (an *anchorer) nearestFull(t *target) (int, bool) {
	best, found := 0, false
	an.exactHits(t, t.expected-searchWindow, t.expected+searchWindow, func(cp, b int) {
		e := b + len(t.Exact)
		if strings.HasSuffix(an.text[:b], t.Prefix) && strings.HasPrefix(an.text[e:], t.Suffix) &&
			(!found || iabs(cp-t.expected) < iabs(best-t.expected)) {
			best, found = cp, true
		}
	})
	return best, found
}

// occurrence is where an annotation's exact text occurs (code point and
// byte offsets), with how many code points of its context agree next to it.
type occurrence struct{ cp, b, agree int }

// occurrences lists where a text occurs, in order (nil when more than
// listedHits times), and how many times. A set repeats texts (a name,
// "said"), so each is looked for once.
func (an *anchorer) occurrences(t *target) ([]occurrence, int) {
	if o, ok := an.found[t.Exact]; ok {
		return o.hits, o.count
	}
	var hits []occurrence
	count := 0
	if an.o.Len() <= indexedText {
		an.exactHits(t, 0, an.o.Len(), func(cp, b int) {
			hits = append(hits, occurrence{cp: cp, b: b})
		})
		count = len(hits)
	} else {
		// Scanning a long text for every annotation would cost more than
		// the suffix array costs once.
		pos := an.index().Lookup([]byte(t.Exact), listedHits+1)
		count = len(pos)
		if count > listedHits {
			count = len(an.index().Lookup([]byte(t.Exact), -1))
		} else {
			slices.Sort(pos)
			for _, b := range pos {
				hits = append(hits, occurrence{cp: an.o.FromByte(b, false), b: b})
			}
		}
	}
	if count > listedHits {
		hits = nil
	}
	if an.found == nil {
		an.found = make(map[string]foundText)
	}
	an.found[t.Exact] = foundText{hits, count}
	return hits, count
}

type foundText struct {
	hits  []occurrence
	count int
}

// agreement counts the code points of the prefix that end the text before
// byte b and of the suffix that follow the exact text there.
func (an *anchorer) agreement(t *target, b int) int {
	return commonSuffix(an.text[:b], t.Prefix) + commonPrefix(an.text[b+len(t.Exact):], t.Suffix)
}

// bestExact scores the exact occurrences by their context and returns the
// best, with how many there are. When there are many, those whose context
// agrees most next to the span and those nearest the expected position are
// scored.
func (an *anchorer) bestExact(t *target) (anchorMatch, int) {
	listed, count := an.occurrences(t)
	if count == 0 {
		return anchorMatch{}, 0
	}
	var picked []occurrence
	switch {
	case listed == nil:
		// Thousands of occurrences: scoring the context of each, for every
		// annotation with this text, would take seconds.
		picked = append(an.agreeingHits(t, maxScored/2), an.nearestHits(t, maxScored/2)...)
	case count <= maxScored:
		picked = an.withAgreement(t, listed)
	default:
		hits := an.withAgreement(t, listed)
		slices.SortFunc(hits, func(x, y occurrence) int {
			return cmp.Or(cmp.Compare(y.agree, x.agree), cmp.Compare(iabs(x.cp-t.expected), iabs(y.cp-t.expected)))
		})
		picked = slices.Clone(hits[:maxScored/2])
		slices.SortFunc(hits, func(x, y occurrence) int { return cmp.Compare(iabs(x.cp-t.expected), iabs(y.cp-t.expected)) })
		picked = append(picked, hits[:maxScored/2]...)
	}
	var best anchorMatch
	for i, h := range picked {
		c := an.score(t, h.cp, h.cp+t.m, 0)
		if i == 0 || an.better(t, c, best) {
			best = c
		}
	}
	return best, count
}

// withAgreement is a copy of hits with their context's agreement.
func (an *anchorer) withAgreement(t *target, hits []occurrence) []occurrence {
	out := make([]occurrence, len(hits))
	for i, h := range hits {
		h.agree = an.agreement(t, h.b)
		out[i] = h
	}
	return out
}

// agreeingHits returns, of a text that occurs more than listedHits times,
// the (at most) n occurrences whose context agrees most next to them, then
// nearest the expected position. It looks up the text with as much of its
// prefix before it, and with as much of its suffix after it, as leaves at
// most listedHits occurrences each: an occurrence found by neither agrees on
// fewer code points than the least that are looked up, so unless thousands
// agree that far, the best are among those found.
func (an *anchorer) agreeingHits(t *target, n int) []occurrence {
	seen := make(map[int]bool)
	var hits []occurrence
	add := func(b int) {
		if !seen[b] {
			seen[b] = true
			hits = append(hits, occurrence{cp: an.o.FromByte(b, false), b: b, agree: an.agreement(t, b)})
		}
	}
	if i := an.leastListed(len(t.prefix), func(i int) string { return string(t.prefix[len(t.prefix)-i:]) + t.Exact }); i > 0 {
		before := string(t.prefix[len(t.prefix)-i:])
		for _, b := range an.index().Lookup([]byte(before+t.Exact), listedHits) {
			add(b + len(before))
		}
	}
	if j := an.leastListed(len(t.suffix), func(j int) string { return t.Exact + string(t.suffix[:j]) }); j > 0 {
		for _, b := range an.index().Lookup([]byte(t.Exact+string(t.suffix[:j])), listedHits) {
			add(b)
		}
	}
	slices.SortFunc(hits, func(x, y occurrence) int {
		return cmp.Or(cmp.Compare(y.agree, x.agree), cmp.Compare(iabs(x.cp-t.expected), iabs(y.cp-t.expected)), cmp.Compare(x.cp, y.cp))
	})
	return hits[:min(n, len(hits))]
}

// leastListed returns the least i in 1..most for which text(i) occurs at
// most listedHits times (most when none does), or 0 when most is 0. The
// occurrences only thin out as i grows.
func (an *anchorer) leastListed(most int, text func(i int) string) int {
	if most == 0 {
		return 0
	}
	lo, hi := 1, most
	for lo < hi {
		mid := (lo + hi) / 2
		if len(an.index().Lookup([]byte(text(mid)), listedHits+1)) <= listedHits {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// nearestHits returns the n occurrences nearest the expected position (of
// a text that occurs more than n times), looking ever further out.
func (an *anchorer) nearestHits(t *target, n int) []occurrence {
	for r := searchWindow; ; r *= 2 {
		var hits []occurrence
		an.exactHits(t, t.expected-r, t.expected+r, func(cp, b int) {
			hits = append(hits, occurrence{cp: cp, b: b})
		})
		if len(hits) >= n || t.expected-r <= 0 && t.expected+r >= an.o.Len() {
			slices.SortFunc(hits, func(x, y occurrence) int {
				return cmp.Or(cmp.Compare(iabs(x.cp-t.expected), iabs(y.cp-t.expected)), cmp.Compare(x.cp, y.cp))
			})
			return hits[:min(n, len(hits))]
		}
	}
}

// score rates a candidate span with a given number of edits from exact.
func (an *anchorer) score(t *target, start, end, errors int) anchorMatch {
	runes := an.codePoints()
	if t.before == nil {
		t.before, t.after = newContextMatcher(t.prefix, true), newContextMatcher(t.suffix, false)
	}
	p, wp := t.before.agreement(runes[max(0, start-ContextLen):start])
	s, ws := t.after.agreement(runes[end:min(len(runes), end+ContextLen)])
	q := 1 - float64(errors)/float64(t.m)
	wq := float64(max(t.m, ContextLen))
	// The context's agreement is the mean of the sides' (weighted by their
	// length) and the better side's: a context that agrees in full on one
	// side tells more than one agreeing by halves on both, which is what a
	// recurring phrase ("…,” Name said.") looks like.
	ctx, w := 1.0, wp+ws
	if w > 0 {
		better := p
		if wp == 0 || ws > 0 && s > p {
			better = s
		}
		ctx = ((wp*p+ws*s)/w + better) / 2
	}
	return anchorMatch{start: start, end: end, errors: errors, conf: (wq*q + w*ctx) / (wq + w), ctx: ctx}
}

// approximate finds the best approximate match: near the expected position
// when one there has a context that agrees well, else in the whole text.
func (an *anchorer) approximate(t *target) (anchorMatch, bool) {
	k := int(float64(t.m) * maxErrorRate)
	if k < 1 {
		return anchorMatch{}, false
	}
	st := an.symbols()
	pat := newBitPattern(st, t.exact)
	rev := slices.Clone(t.exact)
	slices.Reverse(rev)
	revPat := newBitPattern(st, rev)
	n := len(st.sym)
	lo, hi := max(0, t.expected-searchWindow), min(n, t.expected+t.m+searchWindow)
	best, ok := an.approxIn(t, pat, revPat, lo, hi, k, maxScored)
	if ok && best.ctx >= strongContext && an.acceptable(t, best) || lo == 0 && hi == n {
		return best, ok
	}
	if n*(k/wordBits+1) <= fullScanCells {
		return an.approxIn(t, pat, revPat, 0, n, k, maxScored)
	}
	// A window holds one place the quote may be: fewer of the ends around
	// it are worth scoring than in the whole text.
	for _, w := range an.seedWindows(t, k, lo, hi) {
		if c, found := an.approxIn(t, pat, revPat, w[0], w[1], k, maxScored/6); found && (!ok || an.better(t, c, best)) {
			best, ok = c, true
		}
	}
	return best, ok
}

// seedWindows returns the stretches of text outside lo..hi worth matching
// the quote against when the whole text costs too much: where pieces of
// seedLen code points of the quote occur exactly, and, for a short quote,
// pieces of its context next to it (a short quote is placed only where its
// context agrees). A match with few edits keeps most of its pieces whole.
// Occurrences that put the quote's start within 2k of the first make one
// stretch; those with the most pieces come first, then the nearest, up to
// fullScanCells of work and down to half the pieces of the first.
func (an *anchorer) seedWindows(t *target, k, lo, hi int) [][2]int {
	type seed struct{ start, piece int } // where the quote would start
	var seeds []seed
	pieces := 0
	look := func(piece []rune, offset int) {
		pieces++
		pos := an.index().Lookup([]byte(string(piece)), seedHits+1)
		if len(pos) > seedHits {
			return
		}
		for _, b := range pos {
			seeds = append(seeds, seed{an.o.FromByte(b, false) - offset, pieces})
		}
	}
	if m := t.m; m >= seedLen {
		step := max(seedLen, (m-seedLen)/(seedPieces-1))
		for off := 0; off+seedLen <= m; off += step {
			look(t.exact[off:off+seedLen], off)
		}
		if (m-seedLen)%step != 0 {
			look(t.exact[m-seedLen:], m-seedLen)
		}
	}
	if t.m < shortQuote {
		for i := 1; i <= 2 && i*seedLen <= len(t.prefix); i++ {
			p := len(t.prefix) - i*seedLen
			look(t.prefix[p:p+seedLen], -i*seedLen)
		}
		for i := 0; i < 2 && (i+1)*seedLen <= len(t.suffix); i++ {
			look(t.suffix[i*seedLen:(i+1)*seedLen], t.m+i*seedLen)
		}
	}
	slices.SortFunc(seeds, func(x, y seed) int { return cmp.Compare(x.start, y.start) })
	type window struct{ lo, hi, support int }
	var windows []window
	n := an.o.Len()
	for i := 0; i < len(seeds); {
		// A match's pieces put its start within k either way of where it
		// is: stretches of at most 2k keep a run of repeated text from
		// making one window of the whole text.
		j, found := i+1, map[int]bool{seeds[i].piece: true}
		for ; j < len(seeds) && seeds[j].start-seeds[i].start <= 2*k; j++ {
			found[seeds[j].piece] = true
		}
		// Slack of a piece either side: a short quote's context may have
		// shifted by an edit or two, and tidying moves edges by a word.
		w := window{max(0, seeds[i].start-k-seedLen), min(n, seeds[j-1].start+t.m+k+seedLen), len(found)}
		if w.lo < w.hi && (w.lo < lo || w.hi > hi) {
			windows = append(windows, w)
		}
		i = j
	}
	slices.SortFunc(windows, func(x, y window) int {
		return cmp.Or(cmp.Compare(y.support, x.support),
			cmp.Compare(iabs(x.lo-t.expected), iabs(y.lo-t.expected)), cmp.Compare(x.lo, y.lo))
	})
	var out [][2]int
	cells, blocks := 0, k/wordBits+1
	for _, w := range windows {
		// A stretch with less than half the pieces of the best is where a
		// phrase of the quote recurs, not where the quote is.
		if cells += (w.hi - w.lo) * blocks; len(out) > 0 && (cells > fullScanCells || 2*w.support < windows[0].support) {
			break
		}
		out = append(out, [2]int{w.lo, w.hi})
	}
	return out
}

// approxIn finds the best approximate match inside code points lo..hi,
// scoring at most most of the ends where matches may be.
func (an *anchorer) approxIn(t *target, pat, rev *bitPattern, lo, hi, k, most int) (anchorMatch, bool) {
	type end struct{ at, errors int }
	var ends []end
	pat.searchEnds(an.st.sym, lo, hi, k, func(at, errors int) {
		ends = append(ends, end{at, errors})
	})
	// A match shows as a run of ends around the best one: keep the local
	// minima, and in each run the end after which most of the suffix
	// follows, for each code point more than edits: the fewest edits may
	// drop a changed word at the quote's end.
	var minima []end
	runes := an.codePoints()
	runStart := 0
	for i, e := range ends {
		if i > 0 && ends[i-1].at == e.at-1 && ends[i-1].errors < e.errors ||
			i+1 < len(ends) && ends[i+1].at == e.at+1 && ends[i+1].errors < e.errors {
		} else {
			minima = append(minima, e)
		}
		if i+1 < len(ends) && ends[i+1].at == e.at+1 {
			continue // the run goes on
		}
		best, bestVal := -1, 0
		for j := runStart; j <= i; j++ {
			if v := agreeAfter(runes, ends[j].at, t.suffix) - ends[j].errors; best < 0 || v > bestVal {
				best, bestVal = j, v
			}
		}
		if last := minima[len(minima)-1]; last != ends[best] {
			minima = append(minima, ends[best])
		}
		runStart = i + 1
	}
	if len(minima) == 0 {
		return anchorMatch{}, false
	}
	if len(minima) > most {
		byErrors := slices.Clone(minima)
		slices.SortFunc(byErrors, func(x, y end) int {
			return cmp.Or(cmp.Compare(x.errors, y.errors), cmp.Compare(iabs(x.at-t.expected), iabs(y.at-t.expected)))
		})
		slices.SortFunc(minima, func(x, y end) int { return cmp.Compare(iabs(x.at-t.expected), iabs(y.at-t.expected)) })
		minima = append(byErrors[:most/2], minima[:most/2]...)
	}
	var best anchorMatch
	found := false
	for _, e := range minima {
		start, errors := an.matchStart(t, rev, lo, e.at, k)
		if s, stop := an.tidySpan(t, start, e.at); s != start || stop != e.at {
			start = s
			errors = rev.distancesBack(an.st.sym, start, stop)[stop-start]
			e.at = stop
		}
		c := an.score(t, start, e.at, errors)
		if !found || an.better(t, c, best) {
			best, found = c, true
		}
	}
	return best, found
}

// matchStart finds where a match ending at end starts, and with how many
// edits: of the starts within the budget, one not at white space unless the
// quote starts with it; then the one with the fewest edits less code points
// of the prefix before it, so that a changed first word is not dropped to
// save an edit or two; then the one whose length is nearest the quote's.
func (an *anchorer) matchStart(t *target, rev *bitPattern, lo, end, k int) (int, int) {
	from := max(lo, end-t.m-k)
	d := rev.distancesBack(an.st.sym, from, end)
	runes := an.codePoints()
	spaceOK := unicode.IsSpace(t.exact[0])
	best, bestErrors, bestKey := end-1, d[1], [3]int{2, 0, 0}
	for n := 1; n < len(d); n++ {
		if d[n] > k {
			continue
		}
		start := end - n
		key := [3]int{0, d[n] - agreeBefore(runes, start, t.prefix), iabs(n - t.m)}
		if !spaceOK && unicode.IsSpace(runes[start]) {
			key[0] = 1
		}
		if cmp.Compare(key[0], bestKey[0]) < 0 || key[0] == bestKey[0] && (key[1] < bestKey[1] || key[1] == bestKey[1] && key[2] < bestKey[2]) {
			best, bestErrors, bestKey = start, d[n], key
		}
	}
	return best, bestErrors
}

// agreeBefore counts the code points before start that end the prefix.
func agreeBefore(runes []rune, start int, prefix []rune) int {
	n := 0
	for n < len(prefix) && n < start && prefix[len(prefix)-1-n] == runes[start-1-n] {
		n++
	}
	return n
}

// agreeAfter counts the code points from end on that start the suffix.
func agreeAfter(runes []rune, end int, suffix []rune) int {
	n := 0
	for n < len(suffix) && end+n < len(runes) && suffix[n] == runes[end+n] {
		n++
	}
	return n
}

// tidySpan gives an approximate match the edges the quote had: where the
// quote began (ended) with a word character, leading (trailing) punctuation
// and space are dropped; where it began (ended) at a word's edge, a match
// that cuts a word is widened to the whole word; and a character is never
// split from its combining marks or an emoji sequence. Edit distance alone
// would rather cut "Had" to "d" than count two insertions.
func (an *anchorer) tidySpan(t *target, start, end int) (int, int) {
	runes := an.codePoints()
	first, last := t.exact[0], t.exact[len(t.exact)-1]
	if isWordChar(first) {
		for s := start; s < end && s-start < ContextLen; s++ {
			if isWordChar(runes[s]) {
				start = s
				break
			}
		}
	}
	if isWordChar(last) {
		for e := end; e > start && end-e < ContextLen; e-- {
			if isWordChar(runes[e-1]) {
				end = e
				break
			}
		}
	}
	if isWordChar(first) && (len(t.prefix) == 0 || !isWordChar(t.prefix[len(t.prefix)-1])) {
		for s := start; s > 0 && start-s < ContextLen && isWordChar(runes[s-1]); s-- {
			start = s - 1
		}
	}
	if isWordChar(last) && (len(t.suffix) == 0 || !isWordChar(t.suffix[0])) {
		for e := end; e < len(runes) && e-end < ContextLen && isWordChar(runes[e]); e++ {
			end = e + 1
		}
	}
	for start > 0 && (isExtending(runes[start]) || runes[start-1] == zwj) {
		start--
	}
	for end < len(runes) && (isExtending(runes[end]) || runes[end-1] == zwj) {
		end++
	}
	return start, end
}

// refuseCollisions makes orphans of annotations re-anchored onto the span
// of another of the same type that was elsewhere before; the more
// confident placement keeps it.
func refuseCollisions(anns []Annotation, results []placing) {
	type key struct {
		typ        Type
		start, end int
	}
	idx := make([]int, 0, len(anns))
	for i, r := range results {
		if r.how != NotPlaced {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(results[j].conf, results[i].conf),
			cmp.Compare(iabs(results[i].start-anns[i].Start), iabs(results[j].start-anns[j].Start)))
	})
	taken := make(map[key]int, len(idx))
	for _, i := range idx {
		k := key{anns[i].Type, results[i].start, results[i].end}
		j, ok := taken[k]
		if !ok {
			taken[k] = i
			continue
		}
		if anns[j].Start == anns[i].Start && anns[j].End == anns[i].End {
			continue // they shared a span before
		}
		results[i] = placing{how: NotPlaced, reason: fmt.Sprintf("its text was found only where another %s of this set already is (%d–%d)", anns[i].Type, results[j].start, results[j].end)}
	}
}

// commonSuffix counts the code points at the end of a that end b too.
func commonSuffix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeLastRuneInString(a)
		rb, sb := utf8.DecodeLastRuneInString(b)
		if ra != rb {
			break
		}
		a, b, n = a[:len(a)-sa], b[:len(b)-sb], n+1
	}
	return n
}

// commonPrefix counts the code points at the start of a that start b too.
func commonPrefix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			break
		}
		a, b, n = a[sa:], b[sb:], n+1
	}
	return n
}

// PlaceOrphan anchors orphan i on the span start–end, keeping its type,
// speaker and fields, and removes it from the orphans.
func (s *Set) PlaceOrphan(art *Article, i, start, end int) (Annotation, error) {
	if i < 0 || i >= len(s.Orphans) {
		return Annotation{}, fmt.Errorf("no orphan %d", i)
	}
	if art.SHA256 != s.Article.SHA256 {
		return Annotation{}, fmt.Errorf("the set is for another version of article %q", s.Article.ID)
	}
	span, err := art.Span(start, end)
	if err != nil {
		return Annotation{}, err
	}
	a := s.Orphans[i].Annotation
	a.Start, a.End, a.Exact, a.Prefix, a.Suffix = span.Start, span.End, span.Exact, span.Prefix, span.Suffix
	if a.Speaker != "" && s.SpeakerPos(a.Speaker) < 0 {
		a.Speaker = ""
	}
	if err := validateAnnotationWith(a, s.Article.Length, s.hasSpeaker()); err != nil {
		return Annotation{}, err
	}
	if s.AnnotationPos(a.ID) >= 0 {
		return Annotation{}, fmt.Errorf("orphan %d has the id of annotation %s, which is in the set", i, a.ID)
	}
	if err := s.insertAnn(a); err != nil {
		return Annotation{}, err
	}
	s.removeOrphanAt(i)
	s.resort()
	return a, nil
}

// DeleteOrphan discards orphan i.
func (s *Set) DeleteOrphan(i int) error {
	if i < 0 || i >= len(s.Orphans) {
		return fmt.Errorf("no orphan %d", i)
	}
	s.removeOrphanAt(i)
	return nil
}
