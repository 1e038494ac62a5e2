package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/suggest"
)

var suggestCmd = &command{
	name:    "suggest",
	args:    "[-min-confidence X] [-annotator NAME] [-list] ARTICLE.txt",
	summary: "write suggested quotes, speaker mentions and claims of an article as a set",
	help: `
Runs the rule-based suggester on an article and writes the suggestions with
at least -min-confidence as an annotation set on standard output
("quotemark suggest ARTICLE.txt > SET.json"): direct quotes by their
quotation marks, indirect quotes by their speech verbs, the speaker mention
at each attribution, and factual claims with checkable content. Speakers are
named by their fullest form in the article, and quotes and claims are
attributed to them. The suggester is deterministic and downloads nothing.

With -list it prints the suggestions instead, one a line: type, start, end,
confidence, rule, speaker and text.

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or an
article that cannot be read, with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		minConf := minConfidenceFlag(fs)
		annotator := fs.String("annotator", "suggester", "the set's annotator `NAME`")
		list := fs.Bool("list", false, "print the suggestions as a table instead of a set")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) != 1 {
				return usagef("suggest needs one article, got %d arguments", len(env.args))
			}
			art, err := readArticle(env.args[0])
			if err != nil {
				return refusef("%v", err)
			}
			sugg := suggest.FilterSuggestions(suggest.Suggest(art), *minConf)
			if *list {
				tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
				for _, s := range sugg {
					a := s.Annotation
					typ := string(a.Type)
					if a.Type == annotations.Quote {
						typ += "/" + string(a.Form)
					}
					if a.Checkworthy {
						typ += "/checkworthy"
					}
					fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%s\t%s\t%q\n", typ, a.Start, a.End, s.Confidence, s.Rule, s.SpeakerName, a.Exact)
				}
				return tw.Flush()
			}
			set, err := annotations.SuggestionsToSet(art, sugg, *annotator, time.Now())
			if err != nil {
				return fmt.Errorf("making the set: %w", err)
			}
			_, err = env.stdout.Write(annotations.Write(set))
			return err
		}
	},
}

// minConfidenceFlag defines -min-confidence, shared by suggest and eval.
func minConfidenceFlag(fs *flag.FlagSet) *float64 {
	minConf := annotations.DefaultSuggestionConfidence
	fs.Func("min-confidence", "keep suggestions with at least confidence `X` (0 to 1, default 0.5)", func(v string) error {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x < 0 || x > 1 {
			return fmt.Errorf("%q is not a number from 0 to 1", v)
		}
		minConf = x
		return nil
	})
	return &minConf
}
