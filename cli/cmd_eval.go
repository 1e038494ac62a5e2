package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
	"quotemark/annotations/suggest"
)

// The article of the gold set and the suggester's aims on it (issue 5).
const (
	evalGoldArticle = "web/articles/000_ce1de57ff9e6a72c.txt"
	evalGoldSet     = "internal/fixture/testdata/000_ce1de57ff9e6a72c.quotemark.json"
	evalOwnDir      = "cli/testdata/suggest"
)

// evalAim is a figure the suggester should reach on the gold article.
type evalAim struct {
	row, measure string // row label, "exact F1", "overlap F1" or "attribution"
	min          float64
}

var evalAims = []evalAim{
	{"quote direct", "exact F1", 0.95},
	{"quote all", "overlap F1", 0.8},
	{"speaker", "overlap F1", 0.8},
	{"attribution", "attribution", 0.9},
	{"claim", "overlap F1", 0.6},
}

var evalCmd = &command{
	name:    "eval",
	args:    "[-min-confidence X] [-v] [ARTICLE.txt EXPECTED.json ...]",
	summary: "measure the suggester against reference annotation sets",
	help: `
Runs the suggester (as "quotemark suggest" does, with -min-confidence) on
each article and compares its set with the expected set, using the figures
of "quotemark compare" with the expected set as A: exact and overlap
precision, recall and F1 per type, quotes also split by form (direct;
indirect and mixed), and attribution agreement of the matched quotes.

Without arguments it evaluates the first seed article against its reference
set (` + evalGoldSet + `), with the aims of the suggester on it, and
then each article of ` + evalOwnDir + `/*.txt against its
.quotemark.json. Run it from the repository's root ("make eval").

With -v it also lists, per type, the expected spans the suggester missed
and the spans it suggested that are not expected (by overlap).

Exit status: 0 done (aims missed are reported, not failed); 1 evaluation
failed; 2 a wrong command line or an unreadable input.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		minConf := minConfidenceFlag(fs)
		verbose := fs.Bool("v", false, "list missed and unexpected spans")
		return func(ctx context.Context, env *cmdEnv) error {
			pairs := env.args
			aims := false
			if len(pairs) == 0 {
				own, err := filepath.Glob(filepath.Join(evalOwnDir, "*.txt"))
				if err != nil {
					return err
				}
				pairs = []string{evalGoldArticle, evalGoldSet}
				for _, p := range own {
					pairs = append(pairs, p, strings.TrimSuffix(p, ".txt")+".quotemark.json")
				}
				aims = true
			}
			if len(pairs)%2 != 0 {
				return usagef("eval needs pairs of ARTICLE.txt EXPECTED.json, got %d arguments", len(pairs))
			}
			for i := 0; i < len(pairs); i += 2 {
				art, err := readArticle(pairs[i])
				if err != nil {
					return refusef("%v", err)
				}
				data, err := readSetFile(pairs[i+1])
				if err != nil {
					return refusef("reading the expected set: %v", err)
				}
				want, err := annotations.Read(data)
				if err != nil {
					return refusef("%s is not a valid annotation set: %v", pairs[i+1], err)
				}
				if _, err := want.Anchor(art); err != nil {
					return refusef("%s does not fit %s: %v", pairs[i+1], pairs[i], err)
				}
				art.ID = want.Article.ID
				res, err := evaluateSuggester(art, want, *minConf)
				if err != nil {
					return err
				}
				if i > 0 {
					fmt.Fprintln(env.stdout)
				}
				printEval(env.stdout, pairs[i], pairs[i+1], res, aims && i == 0)
				if *verbose {
					printEvalDiff(env.stdout, want, res.got)
				}
			}
			return nil
		}
	},
}

// evalRow is one line of an evaluation: exact and overlap scores.
type evalRow struct {
	label          string
	exact, overlap agreement.Score
}

type evalResult struct {
	rows        []evalRow
	attribution agreement.AttributionFigures
	got         *annotations.Set
}

func (r *evalResult) row(label string) evalRow {
	for _, x := range r.rows {
		if x.label == label {
			return x
		}
	}
	return evalRow{}
}

// figure returns an aim's figure, nil when undefined.
func (r *evalResult) figure(a evalAim) *float64 {
	switch a.measure {
	case "attribution":
		return r.attribution.Rate
	case "exact F1":
		return r.row(a.row).exact.F1
	}
	return r.row(a.row).overlap.F1
}

// evaluateSuggester compares the suggester's set on art with want.
func evaluateSuggester(art *annotations.Article, want *annotations.Set, minConf float64) (*evalResult, error) {
	sugg := suggest.FilterSuggestions(suggest.Suggest(art), minConf)
	got, err := annotations.SuggestionsToSet(art, sugg, "suggester", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return nil, fmt.Errorf("making the suggested set: %w", err)
	}
	got.Article.ID = want.Article.ID
	c, err := agreement.Compare(art, []*annotations.Set{want, got})
	if err != nil {
		return nil, err
	}
	p := c.Pairs[0]
	res := &evalResult{attribution: p.Attribution, got: got}
	direct := func(a annotations.Annotation) bool {
		return a.Type == annotations.Quote && (a.Form == annotations.Direct || a.Form == "")
	}
	indirect := func(a annotations.Annotation) bool { return a.Type == annotations.Quote && !direct(a) }
	for _, split := range []struct {
		label string
		keep  func(annotations.Annotation) bool
	}{{"quote direct", direct}, {"quote indirect/mixed", indirect}} {
		cs, err := agreement.Compare(art, []*annotations.Set{only(want, split.keep), only(got, split.keep)})
		if err != nil {
			return nil, err
		}
		f := cs.Pairs[0].Types[string(annotations.Quote)]
		res.rows = append(res.rows, evalRow{split.label, f.Exact, f.Overlap})
	}
	for _, t := range []struct{ key, label string }{
		{string(annotations.Quote), "quote all"}, {string(annotations.SpeakerMention), "speaker"},
		{string(annotations.Claim), "claim"}, {agreement.AllTypes, "all"},
	} {
		f := p.Types[t.key]
		res.rows = append(res.rows, evalRow{t.label, f.Exact, f.Overlap})
	}
	return res, nil
}

// only is a copy of s with the annotations keep accepts.
func only(s *annotations.Set, keep func(annotations.Annotation) bool) *annotations.Set {
	c := s.Clone()
	c.Annotations = c.Annotations[:0]
	for _, a := range s.Annotations {
		if keep(a) {
			c.Annotations = append(c.Annotations, a)
		}
	}
	return c
}

func printEval(w io.Writer, articlePath, setPath string, res *evalResult, withAims bool) {
	fmt.Fprintf(w, "%s vs suggester (expected: %s)\n", articlePath, setPath)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  %-20s\texpected\tsuggested\texact\tP\tR\tF1\toverlap\tP\tR\tF1\t\n", "type")
	r := agreement.FormatRatio
	for _, x := range res.rows {
		fmt.Fprintf(tw, "  %-20s\t%d\t%d\t%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", x.label, x.exact.A, x.exact.B,
			x.exact.Matches, r(x.exact.Precision), r(x.exact.Recall), r(x.exact.F1),
			x.overlap.Matches, r(x.overlap.Precision), r(x.overlap.Recall), r(x.overlap.F1))
	}
	tw.Flush()
	fmt.Fprintf(w, "  %s\n", attributionLine(res.attribution))
	if !withAims {
		return
	}
	fmt.Fprintln(w, "  aims:")
	for _, a := range evalAims {
		f := res.figure(a)
		mark := "met"
		if f == nil || *f < a.min {
			mark = "NOT MET"
		}
		label := a.row + " " + a.measure
		if a.measure == "attribution" {
			label = "attribution agreement"
		}
		fmt.Fprintf(w, "    %-28s %s (aim ≥ %.2f) %s\n", label, r(f), a.min, mark)
	}
}

// printEvalDiff lists what the overlap matching left unpaired on each side.
func printEvalDiff(w io.Writer, want, got *annotations.Set) {
	pairs := agreement.MatchOverlap(want.Annotations, got.Annotations)
	usedA, usedB := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		usedA[p[0]], usedB[p[1]] = true, true
	}
	show := func(prefix string, s *annotations.Set, i int) {
		a := s.Annotations[i]
		kind := string(a.Type)
		if a.Type == annotations.Quote {
			kind += "/" + string(a.Form)
		}
		fmt.Fprintf(w, "  %s %-15s %5d–%-5d %-24s %q\n", prefix, kind, a.Start, a.End, s.SpeakerName(a.Speaker), a.Exact)
	}
	for i := range want.Annotations {
		if !usedA[i] {
			show("missed    ", want, i)
		}
	}
	for j := range got.Annotations {
		if !usedB[j] {
			show("unexpected", got, j)
		}
	}
	for _, p := range pairs {
		x, y := want.Annotations[p[0]], got.Annotations[p[1]]
		if x.Start != y.Start || x.End != y.End {
			fmt.Fprintf(w, "  boundary   %-15s want %q\n                             got  %q\n", x.Type, x.Exact, y.Exact)
		}
		if x.Type == annotations.Quote && x.Speaker != "" && y.Speaker != "" && !strings.EqualFold(want.SpeakerName(x.Speaker), got.SpeakerName(y.Speaker)) {
			fmt.Fprintf(w, "  speaker    %q: want %q, got %q\n", x.Exact, want.SpeakerName(x.Speaker), got.SpeakerName(y.Speaker))
		}
	}
}
