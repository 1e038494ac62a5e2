package agreement

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

// sp describes one annotation of a hand-made set: its type, span and the
// name of its speaker ("" for none).
type sp struct {
	t          annotations.Type
	start, end int
	speaker    string
}

// handSet makes a valid set on art with the given annotations, in the order
// given (not sorted, so that tests can index them). Annotation ids are the
// same in every set made here, like copies of one set; speaker ids are new
// in every set, so speakers agree only by name or by mentions.
func handSet(t testing.TB, art *annotations.Article, annotator string, anns ...sp) *annotations.Set {
	t.Helper()
	s := annotations.NewSet(art, annotator, fixture.Now)
	for k, x := range anns {
		a, err := art.Span(x.start, x.end)
		if err != nil {
			t.Fatalf("%s: %v", annotator, err)
		}
		a.ID = fmt.Sprintf("00000000-0000-4000-8000-%012d", k)
		a.Type = x.t
		if x.t == annotations.Quote {
			a.Form = annotations.Direct
		}
		if x.speaker != "" {
			speaker, err := s.AddSpeaker(x.speaker)
			if err != nil {
				t.Fatal(err)
			}
			a.Speaker = speaker.ID
		}
		s.Annotations = append(s.Annotations, a)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("%s: %v", annotator, err)
	}
	return s
}

func mustCompare(t testing.TB, art *annotations.Article, sets ...*annotations.Set) *Comparison {
	t.Helper()
	c, err := Compare(art, sets)
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return c
}

// want is an expected figure: nil for undefined, or a float64.
func checkRatio(t *testing.T, what string, got *float64, want any) {
	t.Helper()
	switch w := want.(type) {
	case nil:
		if got != nil {
			t.Errorf("%s = %v, want undefined", what, *got)
		}
	case float64:
		if got == nil {
			t.Errorf("%s is undefined, want %v", what, w)
		} else if math.Abs(*got-w) > 1e-12 {
			t.Errorf("%s = %v, want %v", what, *got, w)
		}
	default:
		t.Fatalf("bad want %T", want)
	}
}

// checkScore checks m, |A|, |B| and the three ratios (precision, recall,
// F1), each nil or a float64.
func checkScore(t *testing.T, what string, got Score, m, a, b int, p, r, f1 any) {
	t.Helper()
	if got.Matches != m || got.A != a || got.B != b {
		t.Errorf("%s: m=%d |A|=%d |B|=%d, want %d %d %d", what, got.Matches, got.A, got.B, m, a, b)
	}
	checkRatio(t, what+" precision", got.Precision, p)
	checkRatio(t, what+" recall", got.Recall, r)
	checkRatio(t, what+" F1", got.F1, f1)
}

func TestCompareEmptySets(t *testing.T) {
	art := annotations.ArticleFromText("t", "ab cd ef gh")
	c := mustCompare(t, art, handSet(t, art, "a"), handSet(t, art, "b"))
	if len(c.Pairs) != 1 || c.Pairs[0].A != 0 || c.Pairs[0].B != 1 {
		t.Fatalf("pairs %+v", c.Pairs)
	}
	p := c.Pairs[0]
	for _, k := range []string{"quote", "speaker", "claim", "all"} {
		f, ok := p.Types[k]
		if !ok {
			t.Fatalf("no figures for %q", k)
		}
		checkScore(t, k+" exact", f.Exact, 0, 0, 0, nil, nil, nil)
		checkScore(t, k+" overlap", f.Overlap, 0, 0, 0, nil, nil, nil)
		checkRatio(t, k+" kappa", f.Kappa, nil) // expected agreement 1: nothing covered
		if f.HasKappa != (k != AllTypes) {
			t.Errorf("%s: HasKappa %v", k, f.HasKappa)
		}
		if k != AllTypes {
			checkRatio(t, k+" alpha", c.Alpha[k], nil)
		}
	}
	if p.Attribution.Pairs != 0 || p.Attribution.Agree != 0 || p.Attribution.Rate != nil {
		t.Errorf("attribution %+v", p.Attribution)
	}
	if len(c.Sets) != 2 || c.Sets[0].Annotator != "a" || c.Sets[1].Counts[annotations.Quote] != 0 || len(c.Sets[1].Counts) != 3 {
		t.Errorf("sets %+v", c.Sets)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"precision":null`, `"recall":null`, `"f1":null`, `"kappa":null`, `"rate":null`,
		`"alpha":{"quote":null,"speaker":null,"claim":null}`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("JSON lacks %s:\n%s", s, b)
		}
	}
}

func TestCompareIdenticalSets(t *testing.T) {
	gold, art := gold.Set(t)
	other := gold.Clone()
	other.ID, other.Annotator = "11111111-2222-4333-8444-555555555555", "copy"
	c := mustCompare(t, art, gold, other)
	p := c.Pairs[0]
	// The gold set has 14 quotes, 7 speaker mentions and 13 claims.
	for k, n := range map[string]int{"quote": 14, "speaker": 7, "claim": 13, "all": 34} {
		f := p.Types[k]
		checkScore(t, k+" exact", f.Exact, n, n, n, 1.0, 1.0, 1.0)
		checkScore(t, k+" overlap", f.Overlap, n, n, n, 1.0, 1.0, 1.0)
		if k != AllTypes {
			checkRatio(t, k+" kappa", f.Kappa, 1.0)
			checkRatio(t, k+" alpha", c.Alpha[k], 1.0)
		}
	}
	// Every quote of the gold set is attributed.
	if a := p.Attribution; a.Pairs != 14 || a.Agree != 14 {
		t.Errorf("attribution %+v", a)
	}
	checkRatio(t, "attribution rate", p.Attribution.Rate, 1.0)
	if c.Sets[0].Counts[annotations.Quote] != 14 || c.Sets[1].Counts[annotations.SpeakerMention] != 7 || c.Sets[1].Counts[annotations.Claim] != 13 || c.Sets[1].Annotator != "copy" {
		t.Errorf("sets %+v", c.Sets)
	}
}

// A text of 30 code points without white space, so that units are code
// points.
const letters30 = "abcdefghijklmnopqrstuvwxyzABCD"

func TestCompareNestedAndOverlapping(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	// A: a quote 0–20 with a quote 5–10 nested in it. B: 5–10 and 8–25.
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 20, ""}, sp{annotations.Quote, 5, 10, ""})
	b := handSet(t, art, "b", sp{annotations.Quote, 5, 10, ""}, sp{annotations.Quote, 8, 25, ""})
	// Candidate pairs by overlap: A0–B1 12, A0–B0 5, A1–B0 5, A1–B1 2.
	// Greedy: A0–B1, then A0–B0 (A0 taken), then A1–B0.
	if got, want := MatchOverlap(a.Annotations, b.Annotations), [][2]int{{0, 1}, {1, 0}}; !slices.Equal(got, want) {
		t.Errorf("MatchOverlap = %v, want %v", got, want)
	}
	if got, want := MatchExact(a.Annotations, b.Annotations), [][2]int{{1, 0}}; !slices.Equal(got, want) {
		t.Errorf("MatchExact = %v, want %v", got, want)
	}
	c := mustCompare(t, art, a, b)
	q := c.Pairs[0].Types["quote"]
	checkScore(t, "exact", q.Exact, 1, 2, 2, 0.5, 0.5, 0.5)
	checkScore(t, "overlap", q.Overlap, 2, 2, 2, 1.0, 1.0, 1.0)
	// Units: 30. A covers 0–20 (20 units, the nested span adds none), B
	// covers 5–25 (20). Both: 5–20 (15); neither: 20–30 minus 20–25 and
	// 0–5 = 25–30 (5). Agreement 20/30. E = a·b + (N−a)(N−b) = 400 + 100.
	// kappa = (30·20 − 500)/(900 − 500) = 100/400.
	checkRatio(t, "kappa", q.Kappa, 0.25)
	// Alpha: n = 60 values, n1 = 40, n0 = 20; units covered by one set
	// (0–5, 20–25) are 10, each adding k(m−k) = 1.
	// alpha = 1 − 59·10/(1·20·40) = 1 − 590/800.
	checkRatio(t, "alpha", c.Alpha["quote"], 1-590.0/800)
	// No claims or mentions: their figures are undefined, "all" is the quotes'.
	checkScore(t, "claim overlap", c.Pairs[0].Types["claim"].Overlap, 0, 0, 0, nil, nil, nil)
	checkScore(t, "all overlap", c.Pairs[0].Types[AllTypes].Overlap, 2, 2, 2, 1.0, 1.0, 1.0)
}

func TestCompareDuplicateSpans(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	// A marked the quote 0–5 twice; B once. Matching is one to one.
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 5, "X"}, sp{annotations.Quote, 0, 5, "X"})
	b := handSet(t, art, "b", sp{annotations.Quote, 0, 5, "X"})
	if got, want := MatchExact(a.Annotations, b.Annotations), [][2]int{{0, 0}}; !slices.Equal(got, want) {
		t.Errorf("MatchExact = %v, want %v", got, want)
	}
	if got, want := MatchOverlap(a.Annotations, b.Annotations), [][2]int{{0, 0}}; !slices.Equal(got, want) {
		t.Errorf("MatchOverlap = %v, want %v", got, want)
	}
	p := mustCompare(t, art, a, b).Pairs[0]
	// P = 1/1, R = 1/2, F1 = 2/3.
	checkScore(t, "exact", p.Types["quote"].Exact, 1, 2, 1, 1.0, 0.5, 2.0/3)
	checkScore(t, "overlap", p.Types["quote"].Overlap, 1, 2, 1, 1.0, 0.5, 2.0/3)
	// Both cover exactly 0–5: kappa 1, duplicates cover a unit once.
	checkRatio(t, "kappa", p.Types["quote"].Kappa, 1.0)
	if a := p.Attribution; a.Pairs != 1 || a.Agree != 1 {
		t.Errorf("attribution %+v", a)
	}
}

func TestCompareThreeSets(t *testing.T) {
	// "ab cd ef gh": 11 code points, 8 units a b c d e f g h (the spaces
	// at 2, 5 and 8 are not units).
	art := annotations.ArticleFromText("t", "ab cd ef gh")
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 5, ""}) // "ab cd": a b c d
	b := handSet(t, art, "b", sp{annotations.Quote, 0, 3, ""}) // "ab ": a b (the space is no unit)
	c := handSet(t, art, "c", sp{annotations.Quote, 6, 8, ""}) // "ef": e f
	cmp := mustCompare(t, art, a, b, c)
	if len(cmp.Pairs) != 3 {
		t.Fatalf("%d pairs, want 3", len(cmp.Pairs))
	}
	want := []struct {
		a, b    int
		overlap int
		kappa   float64
	}{
		// A–B: N=8, a=4, b=2, both 2, neither 4: agree 6. E = 4·2 + 4·6 = 32.
		// kappa = (8·6 − 32)/(64 − 32) = 16/32.
		{0, 1, 1, 0.5},
		// A–C: a=4, c=2, both 0, neither 2: agree 2. E = 4·2 + 4·6 = 32.
		// kappa = (16 − 32)/32.
		{0, 2, 0, -0.5},
		// B–C: b=2, c=2, both 0, neither 4: agree 4. E = 2·2 + 6·6 = 40.
		// kappa = (32 − 40)/(64 − 40) = −8/24.
		{1, 2, 0, -1.0 / 3},
	}
	for k, w := range want {
		p := cmp.Pairs[k]
		if p.A != w.a || p.B != w.b {
			t.Errorf("pair %d is %d–%d, want %d–%d", k, p.A, p.B, w.a, w.b)
		}
		if m := p.Types["quote"].Overlap.Matches; m != w.overlap {
			t.Errorf("pair %d–%d: %d overlap matches, want %d", w.a, w.b, m, w.overlap)
		}
		checkRatio(t, fmt.Sprintf("pair %d–%d kappa", w.a, w.b), p.Types["quote"].Kappa, w.kappa)
	}
	// Alpha over three sets: units covered by k sets: a b: 2; c d e f: 1;
	// g h: 0. n = 24, n1 = 2·2 + 4·1 = 8, n0 = 16; Σ k(m−k) = 2·(2·1) +
	// 4·(1·2) = 12. alpha = 1 − 23·12/(2·16·8) = 1 − 276/256.
	checkRatio(t, "alpha", cmp.Alpha["quote"], 1-276.0/256)
	// Two of the three: alpha = 1 − 15·2/(1·10·6) (see TestAlphaByHand).
	checkRatio(t, "alpha A, B", mustCompare(t, art, a, b).Alpha["quote"], 0.5)
}

func TestCompareRenamedSpeaker(t *testing.T) {
	art := annotations.ArticleFromText("t", fixture.NamesText)
	q0, q1 := fixture.Span(t, art.Text, "Delbert Hosemann said no", 0)
	m0, m1 := fixture.Span(t, art.Text, "Hosemann", 1) // "Hosemann said it twice"
	quote := func(name string) sp { return sp{annotations.Quote, q0 + 17, q1, name} }
	mention := func(name string) sp { return sp{annotations.SpeakerMention, m0, m1, name} }
	a := handSet(t, art, "a", quote("Delbert Hosemann"), mention("Delbert Hosemann"))
	for _, tc := range []struct {
		name  string
		b     *annotations.Set
		agree int
	}{
		// Renamed, with a matching mention: the mention ties the names.
		{"renamed", handSet(t, art, "b", quote("D. Hosemann"), mention("D. Hosemann")), 1},
		// The same name up to case and white space: agrees without mentions.
		{"case", handSet(t, art, "b", quote("delbert  HOSEMANN")), 1},
		// Renamed, and no mention to tie it: disagrees.
		{"renamed without mention", handSet(t, art, "b", quote("D. Hosemann")), 0},
		// Another person, whose mention matches nothing of A's.
		{"other", handSet(t, art, "b", quote("Kris Kobach"), sp{annotations.SpeakerMention, m0 + 30, m1 + 30, "Kris Kobach"}), 0},
	} {
		p := mustCompare(t, art, a, tc.b).Pairs[0]
		if p.Attribution.Pairs != 1 || p.Attribution.Agree != tc.agree {
			t.Errorf("%s: attribution %+v, want 1 pair, %d agreeing", tc.name, p.Attribution, tc.agree)
		}
		d := Disagreements(a, tc.b)
		speakerDiffers := slices.ContainsFunc(d, func(d Disagreement) bool { return d.Kind == SpeakerDiffers })
		if speakerDiffers != (tc.agree == 0) {
			t.Errorf("%s: disagreements %+v", tc.name, d)
		}
	}
	// A quote attributed in one set only is not an attribution pair.
	b := handSet(t, art, "b", quote(""), mention("Delbert Hosemann"))
	if p := mustCompare(t, art, a, b).Pairs[0]; p.Attribution.Pairs != 0 || p.Attribution.Rate != nil {
		t.Errorf("one side unattributed: %+v", p.Attribution)
	}
}

func TestCompareRefusesOtherTexts(t *testing.T) {
	art := annotations.ArticleFromText("one", "ab cd ef gh")
	other := annotations.ArticleFromText("two", "ab cd ef gX")
	a, b := handSet(t, art, "alice", sp{annotations.Quote, 0, 2, ""}), handSet(t, other, "bob")
	_, err := Compare(art, []*annotations.Set{a, b})
	if err == nil {
		t.Fatal("Compare accepted sets of two texts")
	}
	for _, s := range []string{`set 0 (annotator "alice")`, `set 1 (annotator "bob")`, `article "one"`, `article "two"`, art.SHA256, other.SHA256} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error lacks %q: %v", s, err)
		}
	}
	// Sets of one text, compared on another.
	_, err = Compare(other, []*annotations.Set{a, a.Clone()})
	if err == nil || !strings.Contains(err.Error(), "not for the text given") || !strings.Contains(err.Error(), other.SHA256) {
		t.Errorf("Compare on another text: %v", err)
	}
	if _, err := Compare(art, []*annotations.Set{a}); err == nil {
		t.Error("Compare accepted one set")
	}
	// A span past the text, in a set claiming the right sha256.
	bad := a.Clone()
	bad.Annotations[0].End = 99
	if _, err := Compare(art, []*annotations.Set{a, bad}); err == nil || !strings.Contains(err.Error(), "set 1") {
		t.Errorf("a span outside the text: %v", err)
	}
}

func TestMatchOverlapTieBreaking(t *testing.T) {
	art := annotations.ArticleFromText("t", letters30)
	for _, tc := range []struct {
		name string
		a, b []sp
		want [][2]int
	}{
		{"longest overlap first", []sp{{annotations.Quote, 0, 10, ""}, {annotations.Quote, 8, 20, ""}}, []sp{{annotations.Quote, 5, 12, ""}},
			[][2]int{{0, 0}}}, // A0–B0 5 beats A1–B0 4
		{"then A's start", []sp{{annotations.Quote, 5, 15, ""}, {annotations.Quote, 0, 10, ""}}, []sp{{annotations.Quote, 5, 10, ""}},
			[][2]int{{1, 0}}}, // both overlap by 5; A1 starts first
		{"then A's end", []sp{{annotations.Quote, 0, 12, ""}, {annotations.Quote, 0, 10, ""}}, []sp{{annotations.Quote, 5, 10, ""}},
			[][2]int{{1, 0}}},
		{"then B's start", []sp{{annotations.Quote, 5, 15, ""}}, []sp{{annotations.Quote, 10, 20, ""}, {annotations.Quote, 0, 10, ""}},
			[][2]int{{0, 1}}},
		{"then B's end", []sp{{annotations.Quote, 0, 10, ""}}, []sp{{annotations.Quote, 5, 12, ""}, {annotations.Quote, 5, 10, ""}},
			[][2]int{{0, 1}}},
		{"then index", []sp{{annotations.Quote, 0, 10, ""}}, []sp{{annotations.Quote, 0, 10, ""}, {annotations.Quote, 0, 10, ""}},
			[][2]int{{0, 0}}},
		{"greedy, not maximum", []sp{{annotations.Quote, 0, 10, ""}, {annotations.Quote, 8, 12, ""}}, []sp{{annotations.Quote, 2, 11, ""}, {annotations.Quote, 0, 3, ""}},
			[][2]int{{0, 0}}}, // A0–B0 8 first; then A1–B0 taken, A0–B1 taken: one match, not two
		{"types never match", []sp{{annotations.Quote, 0, 10, ""}}, []sp{{annotations.Claim, 0, 10, ""}}, nil},
		{"touching spans do not overlap", []sp{{annotations.Claim, 0, 10, ""}}, []sp{{annotations.Claim, 10, 20, ""}}, nil},
	} {
		a, b := handSet(t, art, "a", tc.a...), handSet(t, art, "b", tc.b...)
		if got := MatchOverlap(a.Annotations, b.Annotations); !slices.Equal(got, tc.want) {
			t.Errorf("%s: MatchOverlap = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// naiveMatchOverlap is the greedy matching by comparing every pair.
func naiveMatchOverlap(a, b []annotations.Annotation) [][2]int {
	type cand struct{ i, j, ov int }
	var cands []cand
	for i, x := range a {
		for j, y := range b {
			if ov := min(x.End, y.End) - max(x.Start, y.Start); x.Type == y.Type && ov > 0 {
				cands = append(cands, cand{i, j, ov})
			}
		}
	}
	less := func(p, q cand) bool {
		k1 := []int{-p.ov, a[p.i].Start, a[p.i].End, b[p.j].Start, b[p.j].End, p.i, p.j}
		k2 := []int{-q.ov, a[q.i].Start, a[q.i].End, b[q.j].Start, b[q.j].End, q.i, q.j}
		return slices.Compare(k1, k2) < 0
	}
	slices.SortFunc(cands, func(p, q cand) int {
		if less(p, q) {
			return -1
		}
		if less(q, p) {
			return 1
		}
		return 0
	})
	usedA, usedB := map[int]bool{}, map[int]bool{}
	var out [][2]int
	for _, c := range cands {
		if !usedA[c.i] && !usedB[c.j] {
			usedA[c.i], usedB[c.j] = true, true
			out = append(out, [2]int{c.i, c.j})
		}
	}
	slices.SortFunc(out, func(p, q [2]int) int { return p[0] - q[0] })
	return out
}

func randomAnnotations(rng *rand.Rand, n, length, maxLen int) []annotations.Annotation {
	anns := make([]annotations.Annotation, n)
	for k := range anns {
		start := rng.IntN(length - 1)
		anns[k] = annotations.Annotation{Type: annotations.Types[rng.IntN(3)], Start: start, End: start + 1 + rng.IntN(min(maxLen, length-start))}
	}
	return anns
}

func TestMatchOverlapAgreesWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		a := randomAnnotations(rng, rng.IntN(25), 60, 15)
		b := randomAnnotations(rng, rng.IntN(25), 60, 15)
		got, want := MatchOverlap(a, b), naiveMatchOverlap(a, b)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: MatchOverlap = %v, want %v\na=%v\nb=%v", round, got, want, a, b)
		}
		// Exact matches are one to one and only of equal spans.
		seenA, seenB := map[int]bool{}, map[int]bool{}
		for _, p := range MatchExact(a, b) {
			x, y := a[p[0]], b[p[1]]
			if seenA[p[0]] || seenB[p[1]] || x.Type != y.Type || x.Start != y.Start || x.End != y.End {
				t.Fatalf("round %d: bad exact pair %v: %v %v", round, p, x, y)
			}
			seenA[p[0]], seenB[p[1]] = true, true
		}
	}
}

func TestComparisonJSON(t *testing.T) {
	art := annotations.ArticleFromText("t", "ab cd ef gh")
	a := handSet(t, art, "a", sp{annotations.Quote, 0, 5, "X"}, sp{annotations.Claim, 0, 2, ""})
	b := handSet(t, art, "b", sp{annotations.Quote, 0, 3, "x"})
	c := mustCompare(t, art, a, b)
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	pair := got["pairs"].([]any)[0].(map[string]any)
	types := pair["types"].(map[string]any)
	quote := types["quote"].(map[string]any)
	if quote["kappa"] != 0.5 || quote["exact"].(map[string]any)["f1"] != 0.0 || quote["overlap"].(map[string]any)["f1"] != 1.0 {
		t.Errorf("types.quote = %v", quote)
	}
	if _, ok := types["all"].(map[string]any)["kappa"]; ok {
		t.Errorf("types.all has a kappa: %v", types["all"])
	}
	if k, ok := types["claim"].(map[string]any)["kappa"]; !ok || k != 0.0 {
		// A covers a b (2 of 8), B nothing: E = 0·2 + 8·6 = 48, agree 6:
		// kappa = (48 − 48)/(64 − 48) = 0.
		t.Errorf("types.claim.kappa = %v (present %v), want 0", k, ok)
	}
	claimOverlap := types["claim"].(map[string]any)["overlap"].(map[string]any)
	if claimOverlap["precision"] != nil || claimOverlap["recall"] != 0.0 || claimOverlap["a"] != 1.0 || claimOverlap["b"] != 0.0 {
		t.Errorf("types.claim.overlap = %v", claimOverlap)
	}
	if pair["a"] != 0.0 || pair["b"] != 1.0 {
		t.Errorf("pair a, b = %v, %v", pair["a"], pair["b"])
	}
	if at := pair["attribution"].(map[string]any); at["pairs"] != 1.0 || at["agree"] != 1.0 || at["rate"] != 1.0 {
		t.Errorf("attribution = %v", at)
	}
	if al := got["alpha"].(map[string]any); al["quote"] != 0.5 || len(al) != 3 {
		t.Errorf("alpha = %v", al)
	}
	set0 := got["sets"].([]any)[0].(map[string]any)
	if set0["id"] != a.ID || set0["annotator"] != "a" || set0["counts"].(map[string]any)["claim"] != 1.0 {
		t.Errorf("sets[0] = %v", set0)
	}
	// Key order is fixed: types in the order quote, speaker, claim, all.
	s := string(data)
	if i, j, k, l := strings.Index(s, `"quote":{`), strings.Index(s, `"speaker":{`), strings.Index(s, `"claim":{`), strings.Index(s, `"all":{`); !(i < j && j < k && k < l) {
		t.Errorf("types out of order: %s", s)
	}
}

// A perturbed copy of the reference set, made by hand
// (internal/fixture/testdata/000_ce1de57ff9e6a72c.perturbed.quotemark.json):
//
//   - quote 691–778 ends at 777, without its comma (boundaries);
//   - quote 1887–2082 is attributed to Delbert Hosemann, not Kris Kobach (speaker);
//   - a new indirect quote 3765–3802 “the smooth election process last fall” (only in B);
//   - claim 983–1214 ends at 1071, after “this week” (boundaries);
//   - claim 3821–3853 is deleted (only in A);
//   - the mention 2900–2908 “Hosemann” is deleted (only in A);
//   - the mention 1673–1688 “a federal judge” is 1675–1688 “federal judge” (boundaries);
//   - the speaker “Presidential Advisory Commission on Election Integrity” is
//     renamed “Election Integrity Commission”, with a new id: its quotes'
//     attribution still agrees through the mention “The letter”.

func perturbedSet(t testing.TB, art *annotations.Article) *annotations.Set {
	t.Helper()
	s, err := annotations.Read(fixture.Read(t, fixture.PerturbedSetFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Anchor(art); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCompareGoldWithPerturbed(t *testing.T) {
	gold, art := gold.Set(t)
	pert := perturbedSet(t, art)
	c := mustCompare(t, art, gold, pert)
	p := c.Pairs[0]
	// quote: 14 in A, 15 in B; exact 13 (not 691–778), overlap 14.
	checkScore(t, "quote exact", p.Types["quote"].Exact, 13, 14, 15, 13.0/15, 13.0/14, 26.0/29)
	checkScore(t, "quote overlap", p.Types["quote"].Overlap, 14, 14, 15, 14.0/15, 1.0, 28.0/29)
	// speaker: 7 and 6; exact 5 (not 2900, not 1673), overlap 6.
	checkScore(t, "speaker exact", p.Types["speaker"].Exact, 5, 7, 6, 5.0/6, 5.0/7, 10.0/13)
	checkScore(t, "speaker overlap", p.Types["speaker"].Overlap, 6, 7, 6, 1.0, 6.0/7, 12.0/13)
	// claim: 13 and 12; exact 11 (not 983, not 3821), overlap 12.
	checkScore(t, "claim exact", p.Types["claim"].Exact, 11, 13, 12, 11.0/12, 11.0/13, 22.0/25)
	checkScore(t, "claim overlap", p.Types["claim"].Overlap, 12, 13, 12, 1.0, 12.0/13, 24.0/25)
	// all: 34 and 33; exact 29, overlap 32.
	checkScore(t, "all exact", p.Types[AllTypes].Exact, 29, 34, 33, 29.0/33, 29.0/34, 58.0/67)
	checkScore(t, "all overlap", p.Types[AllTypes].Overlap, 32, 34, 33, 32.0/33, 32.0/34, 64.0/67)
	// 14 matched quote pairs, all attributed; 1887–2082 disagrees; the
	// renamed commission's two quotes agree through “The letter”.
	if a := p.Attribution; a.Pairs != 14 || a.Agree != 13 {
		t.Errorf("attribution %+v, want 13 of 14", a)
	}
	// Kappa and alpha: checked against the per-code-point definitions.
	for _, ty := range annotations.Types {
		want := naiveKappa(art.Text, gold, pert, ty)
		checkRatio(t, string(ty)+" kappa", p.Types[string(ty)].Kappa, want)
		if *p.Types[string(ty)].Kappa <= 0.8 || *p.Types[string(ty)].Kappa >= 1 {
			t.Errorf("%s kappa %v is not between 0.8 and 1", ty, *p.Types[string(ty)].Kappa)
		}
		checkRatio(t, string(ty)+" alpha", c.Alpha[string(ty)], naiveAlpha(art.Text, []*annotations.Set{gold, pert}, ty))
	}
	for _, ty := range []string{"quote", "speaker", "claim", "all"} {
		f := p.Types[ty]
		t.Logf("%-8s exact P %s R %s F1 %s  overlap P %s R %s F1 %s  kappa %s  alpha %s", ty,
			FormatRatio(f.Exact.Precision), FormatRatio(f.Exact.Recall), FormatRatio(f.Exact.F1),
			FormatRatio(f.Overlap.Precision), FormatRatio(f.Overlap.Recall), FormatRatio(f.Overlap.F1),
			FormatRatio(f.Kappa), FormatRatio(c.Alpha[ty]))
	}
	// The same numbers, either way round: precision and recall swap.
	r := mustCompare(t, art, pert, gold).Pairs[0]
	if *r.Types[AllTypes].Overlap.Precision != *p.Types[AllTypes].Overlap.Recall || *r.Types["quote"].Kappa != *p.Types["quote"].Kappa {
		t.Errorf("swapping the sets: %+v", r.Types[AllTypes])
	}
}

// BenchmarkCompare compares two sets of 1,000 annotations each on a text of
// over 300,000 code points: the reference set's annotations on every other
// copy of its article in the long text, and a perturbed copy of them.
func BenchmarkCompare(b *testing.B) {
	text, starts := fixture.LongText(string(fixture.Read(b, fixture.GoldArticleFile)))
	art := annotations.ArticleFromText("long", text)
	gold, _ := gold.Set(b)
	pert, _ := annotations.Read(fixture.Read(b, fixture.PerturbedSetFile))
	build := func(src *annotations.Set) *annotations.Set {
		s := annotations.NewSet(art, src.Annotator, fixture.Now)
		s.Speakers = src.Speakers
		for c := 0; len(s.Annotations) < 1000; c++ {
			base := starts[2*c]
			for _, g := range src.Annotations {
				if len(s.Annotations) == 1000 {
					break
				}
				a, err := art.Span(base+g.Start, base+g.End)
				if err != nil {
					b.Fatal(err)
				}
				a.ID = fmt.Sprintf("%08x-0000-4000-8000-%012x", c, len(s.Annotations))
				a.Type, a.Speaker, a.Form, a.Checkworthy = g.Type, g.Speaker, g.Form, g.Checkworthy
				s.Annotations = append(s.Annotations, a)
			}
		}
		s.Sort()
		if err := s.Validate(); err != nil {
			b.Fatal(err)
		}
		return s
	}
	sa, sb := build(gold), build(pert)
	sets := []*annotations.Set{sa, sb}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compare(art, sets); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(art.Length), "codepoints")
	b.ReportMetric(float64(len(sa.Annotations)+len(sb.Annotations)), "annotations")
}
