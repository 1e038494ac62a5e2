package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

var mergeCmd = &command{
	name:    "merge",
	args:    "[-min-agree K] [-article ARTICLE.txt] -o OUT.json SET.json SET.json [SET.json ...]",
	summary: "write the spans annotation sets agree on, as a new set",
	help: `
Writes to -o a new annotation set (annotator "adjudicated") with the spans
that at least K of the sets share exactly (same type, start and end) and
attribute to the same speaker; by default K is the number of sets, so all
must agree. Speakers are unified across the sets by name (ignoring case and
white space) and by speaker mentions the sets share, so a renamed speaker
still agrees; a span's other fields (form, checkworthy, note) come from the
first set, in the order given, that has it.

What the sets disagree on is left out: spans too few sets have, spans whose
boundaries differ, and spans the sets attribute to different speakers. It
reports on standard error how many such disagreements remain; resolve them
in the browser's compare view.

The sets must have been made on one text (equal article.sha256); the text is
read from -article, or else found among the seed articles built into
quotemark.

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or a
refused input (not a valid set, sets of different texts, no text), with the
reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		minAgree := fs.Int("min-agree", 0, "take spans at least `K` sets share (default: all of them)")
		article := fs.String("article", "", "the sets' text, `ARTICLE.txt` (default: the seed article with the sets' sha256)")
		out := fs.String("o", "", "write the merged set to `OUT.json` (required)")
		return func(ctx context.Context, env *cmdEnv) error {
			if *out == "" {
				return usagef("-o OUT.json is required")
			}
			if len(env.args) < 2 {
				return usagef("merge needs at least two sets, got %d", len(env.args))
			}
			if *minAgree < 0 || *minAgree > len(env.args) {
				return usagef("-min-agree %d is not between 1 and %d, the number of sets", *minAgree, len(env.args))
			}
			for _, p := range env.args {
				if sameFile(p, *out) {
					return usagef("-o %s is one of the sets; write the merged set to a new file", *out)
				}
			}
			art, sets, err := loadSets(env.args, *article)
			if err != nil {
				return err
			}
			adj, err := agreement.Adjudicate(art, sets, *minAgree)
			if err != nil {
				return refusef("%v", err)
			}
			none := make([]int, len(adj.Decisions))
			for i := range none {
				none[i] = agreement.NoChoice
			}
			merged, err := adj.Build(none, time.Now())
			if err != nil {
				return err
			}
			if err := writeFileAtomic(*out, annotations.Write(merged)); err != nil {
				return fmt.Errorf("writing the merged set: %w", err)
			}
			agree := fmt.Sprintf("all %d sets", len(sets))
			switch {
			case adj.MinAgree < len(sets):
				agree = fmt.Sprintf("at least %d of the %d sets", adj.MinAgree, len(sets))
			case len(sets) == 2:
				agree = "both sets"
			}
			fmt.Fprintf(env.stderr, "quotemark merge: wrote %s: %d annotations that %s share, %d speakers\n",
				*out, len(merged.Annotations), agree, len(merged.Speakers))
			fmt.Fprintf(env.stderr, "quotemark merge: %s\n", disagreementsLeft(adj, env.args))
			return nil
		}
	},
}

// disagreementsLeft says how many decisions remain, by kind.
func disagreementsLeft(adj *agreement.Adjudication, paths []string) string {
	if len(adj.Decisions) == 0 {
		return "no disagreements remain"
	}
	n := map[agreement.DisagreementKind]int{}
	for _, d := range adj.Decisions {
		n[d.Kind]++
	}
	var parts []string
	add := func(k int, what string) {
		if k > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", k, what))
		}
	}
	if len(paths) == 2 {
		add(n[agreement.OnlyA], "only in "+paths[0])
		add(n[agreement.OnlyB], "only in "+paths[1])
	} else {
		add(n[agreement.OnlyA]+n[agreement.OnlyB], "in too few sets")
	}
	add(n[agreement.Boundaries], "with different boundaries")
	add(n[agreement.SpeakerDiffers], "with different speakers")
	word := "disagreements remain"
	if len(adj.Decisions) == 1 {
		word = "disagreement remains"
	}
	return fmt.Sprintf("%d %s, left out (%s); resolve them in the browser's compare view", len(adj.Decisions), word, strings.Join(parts, ", "))
}

// sameFile reports whether two paths name one file (or would).
func sameFile(a, b string) bool {
	if ia, err := os.Stat(a); err == nil {
		if ib, err := os.Stat(b); err == nil {
			return os.SameFile(ia, ib)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
