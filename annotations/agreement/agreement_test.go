package agreement

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"quotemark/annotations"
	"quotemark/internal/fixture"
)

// naiveCoverage is, for each code point, whether a span of type t covers it.
func naiveCoverage(text string, s *annotations.Set, t annotations.Type) []bool {
	n := len([]rune(text))
	cov := make([]bool, n)
	for _, a := range s.Annotations {
		if a.Type == t {
			for i := a.Start; i < a.End; i++ {
				cov[i] = true
			}
		}
	}
	return cov
}

// naiveKappa is Cohen's kappa straight from its definition, unit by unit.
func naiveKappa(text string, a, b *annotations.Set, t annotations.Type) any {
	ca, cb := naiveCoverage(text, a, t), naiveCoverage(text, b, t)
	var n, agree, pa, pb float64
	for i, r := range []rune(text) {
		if unicode.IsSpace(r) {
			continue
		}
		n++
		if ca[i] == cb[i] {
			agree++
		}
		if ca[i] {
			pa++
		}
		if cb[i] {
			pb++
		}
	}
	po := agree / n
	pe := (pa/n)*(pb/n) + (1-pa/n)*(1-pb/n)
	if pe == 1 {
		return nil
	}
	return (po - pe) / (1 - pe)
}

// naiveAlpha is Krippendorff's alpha from the coincidence matrix, unit by
// unit.
func naiveAlpha(text string, sets []*annotations.Set, t annotations.Type) any {
	covs := make([][]bool, len(sets))
	for i, s := range sets {
		covs[i] = naiveCoverage(text, s, t)
	}
	m := float64(len(sets))
	var o [2][2]float64
	for i, r := range []rune(text) {
		if unicode.IsSpace(r) {
			continue
		}
		var vals []int
		for _, c := range covs {
			v := 0
			if c[i] {
				v = 1
			}
			vals = append(vals, v)
		}
		for x := range vals {
			for y := range vals {
				if x != y {
					o[vals[x]][vals[y]] += 1 / (m - 1)
				}
			}
		}
	}
	n0, n1 := o[0][0]+o[0][1], o[1][0]+o[1][1]
	n := n0 + n1
	if n0 == 0 || n1 == 0 {
		return nil
	}
	return 1 - (n-1)*(o[0][1]+o[1][0])/(2*n0*n1)
}

func TestKappaByHand(t *testing.T) {
	// "ab cd ef gh": units a b c d e f g h.
	art := annotations.ArticleFromText("t", "ab cd ef gh")
	u := newUnitIndex(art.Text)
	if u.total() != 8 || u.in(0, 5) != 4 || u.in(2, 3) != 0 || u.in(-3, 99) != 8 {
		t.Fatalf("units: total %d, in(0,5) %d", u.total(), u.in(0, 5))
	}
	for _, tc := range []struct {
		name string
		a, b []sp
		want any
	}{
		// a=4 (a b c d), b=2 (a b), both 2, neither 4; agree 6.
		// p_o = 6/8, p_e = (4·2 + 4·6)/64 = 1/2; kappa = (3/4 − 1/2)/(1/2).
		{"nested", []sp{{annotations.Claim, 0, 5, ""}}, []sp{{annotations.Claim, 0, 3, ""}}, 0.5},
		// Identical coverage from different spans: 0–5 vs 0–2 and 3–5.
		{"same units", []sp{{annotations.Claim, 0, 5, ""}}, []sp{{annotations.Claim, 0, 2, ""}, {annotations.Claim, 3, 5, ""}}, 1.0},
		// a=4, b=4 (c d e f), both 2, neither 2: agree 4; p_o = 1/2,
		// p_e = (16 + 16)/64 = 1/2: kappa 0.
		{"chance", []sp{{annotations.Claim, 0, 5, ""}}, []sp{{annotations.Claim, 3, 8, ""}}, 0.0},
		// Disjoint halves: agree 0, p_e = (16+16)/64: kappa = −1/2 / 1/2.
		{"opposite", []sp{{annotations.Claim, 0, 5, ""}}, []sp{{annotations.Claim, 6, 11, ""}}, -1.0},
		// One covers everything, the other nothing: p_e = 0, p_o = 0.
		{"all and nothing", []sp{{annotations.Claim, 0, 11, ""}}, nil, 0.0},
		// Both cover every unit (spaces left out do not matter): p_e = 1.
		{"both everything", []sp{{annotations.Claim, 0, 2, ""}, {annotations.Claim, 3, 11, ""}}, []sp{{annotations.Claim, 0, 11, ""}}, nil},
		// Spans over spaces only cover no units: p_e = 1.
		{"spaces only", []sp{{annotations.Claim, 2, 3, ""}}, []sp{{annotations.Claim, 5, 6, ""}}, nil},
		{"neither", nil, nil, nil},
	} {
		a, b := handSet(t, art, "a", tc.a...), handSet(t, art, "b", tc.b...)
		got := u.cohenKappa(coverage(a.Annotations, annotations.Claim), coverage(b.Annotations, annotations.Claim))
		checkRatio(t, tc.name, got, tc.want)
		checkRatio(t, tc.name+" (naive)", got, naiveKappa(art.Text, a, b, annotations.Claim))
	}
}

func TestAlphaByHand(t *testing.T) {
	art := annotations.ArticleFromText("t", "ab cd ef gh")
	u := newUnitIndex(art.Text)
	alpha := func(sets ...[]sp) *float64 {
		var covs [][]interval
		for _, s := range sets {
			covs = append(covs, coverage(handSet(t, art, "x", s...).Annotations, annotations.Quote))
		}
		return u.krippendorffAlpha(covs)
	}
	// Two sets: A a b c d, B a b. Coincidences: a b give o11 = 2·2/1... per
	// unit (1,1) adds 2 to o11, (1,0) adds 1 to o10 and o01, (0,0) 2 to o00:
	// o11 = 4, o10 = o01 = 2, o00 = 8; n1 = 6, n0 = 10, n = 16.
	// alpha = 1 − (n−1)(o01+o10)/(2·n0·n1) = 1 − 15·4/120.
	checkRatio(t, "two sets", alpha([]sp{{annotations.Quote, 0, 5, ""}}, []sp{{annotations.Quote, 0, 3, ""}}), 0.5)
	// Perfect agreement.
	checkRatio(t, "same", alpha([]sp{{annotations.Quote, 0, 5, ""}}, []sp{{annotations.Quote, 0, 5, ""}}, []sp{{annotations.Quote, 0, 5, ""}}), 1.0)
	// A single value throughout: undefined, whether nothing or everything.
	checkRatio(t, "nothing", alpha(nil, nil, nil), nil)
	checkRatio(t, "everything", alpha([]sp{{annotations.Quote, 0, 11, ""}}, []sp{{annotations.Quote, 0, 11, ""}}), nil)
	checkRatio(t, "one set", alpha([]sp{{annotations.Quote, 0, 5, ""}}), nil)
	// Three sets, one covering a b, one c d, one nothing: per unit
	// k(m−k): a b c d: 1·2 each = 8; n = 24, n1 = 4, n0 = 20.
	// alpha = 1 − 23·8/(2·20·4) = 1 − 184/160.
	checkRatio(t, "three sets", alpha([]sp{{annotations.Quote, 0, 2, ""}}, []sp{{annotations.Quote, 3, 5, ""}}, nil), 1-184.0/160)
}

func TestAgreementAgreesWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	text := strings.Repeat("ab cd\nef 😀 gh ", 6)
	art := annotations.ArticleFromText("t", text)
	for round := range 200 {
		var sets []*annotations.Set
		for range 2 + rng.IntN(3) {
			s := annotations.NewSet(art, "r", fixture.Now)
			s.Annotations = randomAnnotations(rng, rng.IntN(8), art.Length, 20)
			sets = append(sets, s)
		}
		u := newUnitIndex(art.Text)
		for _, ty := range annotations.Types {
			var covs [][]interval
			for _, s := range sets {
				covs = append(covs, coverage(s.Annotations, ty))
			}
			checkRatio(t, "kappa", u.cohenKappa(covs[0], covs[1]), naiveKappa(text, sets[0], sets[1], ty))
			got, want := u.krippendorffAlpha(covs), naiveAlpha(text, sets, ty)
			if (got == nil) != (want == nil) || got != nil && abs(*got-want.(float64)) > 1e-9 {
				t.Fatalf("round %d %s: alpha %v, want %v", round, ty, got, want)
			}
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestCoverageMergesSpans(t *testing.T) {
	anns := []annotations.Annotation{
		{Type: annotations.Quote, Start: 10, End: 20}, {Type: annotations.Quote, Start: 0, End: 5}, {Type: annotations.Quote, Start: 5, End: 7},
		{Type: annotations.Quote, Start: 12, End: 15}, {Type: annotations.Claim, Start: 6, End: 30}, {Type: annotations.Quote, Start: 19, End: 22},
	}
	got := coverage(anns, annotations.Quote)
	want := []interval{{0, 7}, {10, 22}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("coverage = %v, want %v", got, want)
	}
}
