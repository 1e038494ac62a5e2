package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"quotemark/annotations"
	"quotemark/annotations/agreement"
)

var compareCmd = &command{
	name:    "compare",
	args:    "[-format text|markdown|json] [-min-f1 X] [-article ARTICLE.txt] SET.json SET.json [SET.json ...]",
	summary: "print agreement figures of annotation sets of one article",
	help: `
Compares two or more annotation sets made on one article. For every pair of
sets A, B (in the order given) and every type (quote, speaker mention,
claim, and all three together), it prints exact and overlap matching
scores: m spans of B match spans of A one to one; precision m/|B|, recall
m/|A|, F1 2m/(|A|+|B|), so A is the reference. Overlap matching pairs spans
of one type that share a character. Per type it also prints Cohen's kappa
on the article's non-space characters, and per pair the attribution
agreement of the matched quotes that both sets attribute. Across all the
sets it prints Krippendorff's alpha per type. A figure with nothing to
measure is undefined: — in text and markdown, null in JSON.

The sets must have been made on one text (equal article.sha256). The text is
read from -article, or else found among the seed articles built into
quotemark; for any other article, pass -article.

With -min-f1 X it exits 1, after printing, when any pair's overlap F1 over
all types is below X. An undefined F1 (neither set of the pair has any
annotation) counts as below X: an empty delivery never passes the gate.

Exit status: 0 done; 1 a pair is below -min-f1; 2 a wrong command line, or
a refused input (not a valid set, sets of different texts, no text to
compare on), with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		format := fs.String("format", "text", "print the figures as `text`, markdown or json")
		article := fs.String("article", "", "compare on the text in `ARTICLE.txt` (default: the seed article with the sets' sha256)")
		minF1 := -1.0
		fs.Func("min-f1", "exit 1 when a pair's overlap F1 over all types is below `X` (0 to 1; undefined counts as below)", func(v string) error {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 || x > 1 {
				return fmt.Errorf("%q is not a number from 0 to 1", v)
			}
			minF1 = x
			return nil
		})
		return func(ctx context.Context, env *cmdEnv) error {
			switch *format {
			case "text", "markdown", "json":
			default:
				return usagef("-format %q is not text, markdown or json", *format)
			}
			if len(env.args) < 2 {
				return usagef("compare needs at least two sets, got %d", len(env.args))
			}
			art, sets, err := loadSets(env.args, *article)
			if err != nil {
				return err
			}
			c, err := agreement.Compare(art, sets)
			if err != nil {
				return refusef("%v", err)
			}
			switch *format {
			case "json":
				err = printCompareJSON(env.stdout, c)
			case "markdown":
				err = printCompareMarkdown(env.stdout, art, env.args, c)
			default:
				err = printCompareText(env.stdout, art, env.args, c)
			}
			if err != nil {
				return fmt.Errorf("writing the figures: %w", err)
			}
			if minF1 >= 0 {
				return checkMinF1(c, env.args, minF1)
			}
			return nil
		}
	},
}

// loadSets reads the set files and the text they were made on: -article, or
// else the seed article with their sha256. Each set must be valid and anchor
// on the text. A file that is refused is named, with the reason.
func loadSets(paths []string, articlePath string) (*annotations.Article, []*annotations.Set, error) {
	sets := make([]*annotations.Set, len(paths))
	for i, p := range paths {
		data, err := readSetFile(p)
		if err != nil {
			return nil, nil, refusef("reading the set: %v", err)
		}
		if sets[i], err = annotations.Read(data); err != nil {
			return nil, nil, refusef("%s is not a valid annotation set: %v", p, err)
		}
	}
	first := sets[0].Article
	for i, s := range sets[1:] {
		if s.Article.SHA256 != first.SHA256 {
			return nil, nil, refusef("%s and %s are for different texts: %s is for article %q (sha256 %s), %s for article %q (sha256 %s); sets are comparable only when made on the same text",
				paths[0], paths[i+1], paths[0], first.ID, first.SHA256, paths[i+1], s.Article.ID, s.Article.SHA256)
		}
	}
	var art *annotations.Article
	if articlePath != "" {
		raw, err := readArticleText(articlePath)
		if err != nil {
			return nil, nil, refusef("reading the article: %v", err)
		}
		if art, err = annotations.NewArticle(annotations.ArticleIDFromFilename(articlePath), raw); err != nil {
			return nil, nil, refusef("%s: %v", articlePath, err)
		}
		if art.SHA256 != first.SHA256 {
			return nil, nil, refusef("%s is not the text the sets were made on: the sets are for article %q (sha256 %s), %s has sha256 %s",
				articlePath, first.ID, first.SHA256, articlePath, art.SHA256)
		}
		art.ID = first.ID // the sets' label for it, not the file's name
	} else if art = seedArticleBySHA256(first.SHA256); art == nil {
		return nil, nil, refusef("the sets are for article %q (sha256 %s), which is not a seed article; pass the text they were made on with -article ARTICLE.txt",
			first.ID, first.SHA256)
	}
	for i, s := range sets {
		if _, err := s.Anchor(art); err != nil {
			return nil, nil, refusef("%s does not fit the text of article %q: %v", paths[i], first.ID, err)
		}
	}
	return art, sets, nil
}

func printCompareJSON(w io.Writer, c *agreement.Comparison) error {
	data, err := c.MarshalJSON()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// typeLabels name the rows of a pair's table.
var typeLabels = []struct{ key, label string }{
	{string(annotations.Quote), "quote"},
	{string(annotations.SpeakerMention), "speaker"},
	{string(annotations.Claim), "claim"},
	{agreement.AllTypes, "all"},
}

// figureRow is a pair's figures for one type, as printed: A, B, then exact
// matches, P, R, F1, overlap matches, P, R, F1, kappa ("" for all).
func figureRow(f agreement.TypeFigures) []string {
	r := agreement.FormatRatio
	kappa := ""
	if f.HasKappa {
		kappa = r(f.Kappa)
	}
	return []string{strconv.Itoa(f.Exact.A), strconv.Itoa(f.Exact.B),
		strconv.Itoa(f.Exact.Matches), r(f.Exact.Precision), r(f.Exact.Recall), r(f.Exact.F1),
		strconv.Itoa(f.Overlap.Matches), r(f.Overlap.Precision), r(f.Overlap.Recall), r(f.Overlap.F1), kappa}
}

var figureColumns = []string{"A", "B", "exact", "P", "R", "F1", "overlap", "P", "R", "F1", "kappa"}

func attributionLine(a agreement.AttributionFigures) string {
	if a.Pairs == 0 {
		return fmt.Sprintf("attribution: no matched quote pair attributed in both sets (%s)", agreement.FormatRatio(a.Rate))
	}
	return fmt.Sprintf("attribution: %d of %d matched quote pairs attributed in both sets agree (%s)", a.Agree, a.Pairs, agreement.FormatRatio(a.Rate))
}

func countsLine(s agreement.SetSummary) string {
	return fmt.Sprintf("%d quotes, %d speaker mentions, %d claims",
		s.Counts[annotations.Quote], s.Counts[annotations.SpeakerMention], s.Counts[annotations.Claim])
}

func printCompareText(w io.Writer, art *annotations.Article, paths []string, c *agreement.Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Article %s: %s (%d code points, sha256 %s)\n\nSets:\n", art.ID, art.Title, art.Length, art.SHA256)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for i, s := range c.Sets {
		annotator := s.Annotator
		if annotator == "" {
			annotator = "(no annotator)"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\n", i, paths[i], annotator, countsLine(s))
	}
	tw.Flush()
	for _, p := range c.Pairs {
		fmt.Fprintf(&b, "\nA = %d %s, B = %d %s\n", p.A, paths[p.A], p.B, paths[p.B])
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
		// Right-aligned numbers; the labels, padded, stay on the left.
		fmt.Fprintf(tw, "  %-7s\t%s\t\n", "type", strings.Join(figureColumns, "\t"))
		for _, t := range typeLabels {
			fmt.Fprintf(tw, "  %-7s\t%s\t\n", t.label, strings.Join(figureRow(p.Types[t.key]), "\t"))
		}
		tw.Flush()
		fmt.Fprintf(&b, "  %s\n", attributionLine(p.Attribution))
	}
	fmt.Fprintf(&b, "\nKrippendorff's alpha over the %d sets: quote %s, speaker %s, claim %s\n", len(c.Sets),
		agreement.FormatRatio(c.Alpha["quote"]), agreement.FormatRatio(c.Alpha["speaker"]), agreement.FormatRatio(c.Alpha["claim"]))
	b.WriteString("\nexact, overlap: spans matched one to one; P = matches/B, R = matches/A,\nF1 = 2·matches/(A+B); — is undefined.\n")
	text := b.String()
	for strings.Contains(text, " \n") { // the padding of an empty last cell
		text = strings.ReplaceAll(text, " \n", "\n")
	}
	_, err := io.WriteString(w, text)
	return err
}

// mdCell escapes text for a markdown table cell.
func mdCell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
	return s
}

func printCompareMarkdown(w io.Writer, art *annotations.Article, paths []string, c *agreement.Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Agreement on %s\n\n%s (%d code points, sha256 `%s`)\n\n", mdCell(art.ID), mdCell(art.Title), art.Length, art.SHA256)
	b.WriteString("## Sets\n\n| # | file | annotator | quotes | speaker mentions | claims |\n|---:|---|---|---:|---:|---:|\n")
	for i, s := range c.Sets {
		fmt.Fprintf(&b, "| %d | `%s` | %s | %d | %d | %d |\n", i, mdCell(paths[i]), mdCell(s.Annotator),
			s.Counts[annotations.Quote], s.Counts[annotations.SpeakerMention], s.Counts[annotations.Claim])
	}
	for _, p := range c.Pairs {
		fmt.Fprintf(&b, "\n## A = %d `%s`, B = %d `%s`\n\n", p.A, mdCell(paths[p.A]), p.B, mdCell(paths[p.B]))
		fmt.Fprintf(&b, "| type | %s |\n|---|%s\n", strings.Join(figureColumns, " | "), strings.Repeat("---:|", len(figureColumns)))
		for _, t := range typeLabels {
			fmt.Fprintf(&b, "| %s | %s |\n", t.label, strings.Join(figureRow(p.Types[t.key]), " | "))
		}
		fmt.Fprintf(&b, "\n%s%s.\n", strings.ToUpper(attributionLine(p.Attribution)[:1]), attributionLine(p.Attribution)[1:])
	}
	fmt.Fprintf(&b, "\n## Krippendorff's alpha over the %d sets\n\n| quote | speaker | claim |\n|---:|---:|---:|\n| %s | %s | %s |\n", len(c.Sets),
		agreement.FormatRatio(c.Alpha["quote"]), agreement.FormatRatio(c.Alpha["speaker"]), agreement.FormatRatio(c.Alpha["claim"]))
	b.WriteString("\nexact, overlap: spans matched one to one; P = matches/B, R = matches/A, F1 = 2·matches/(A+B); — is undefined.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// checkMinF1 fails when a pair's overlap F1 over all types is below min or
// undefined.
func checkMinF1(c *agreement.Comparison, paths []string, min float64) error {
	var below []string
	for _, p := range c.Pairs {
		f1 := p.Types[agreement.AllTypes].Overlap.F1
		if f1 != nil && *f1 >= min {
			continue
		}
		why := agreement.FormatRatio(f1)
		if f1 == nil {
			why = "undefined (neither set has an annotation)"
		}
		below = append(below, fmt.Sprintf("  %d %s vs %d %s: %s", p.A, paths[p.A], p.B, paths[p.B], why))
	}
	if len(below) == 0 {
		return nil
	}
	return fmt.Errorf("overlap F1 over all types is below -min-f1 %s for %d of %d pairs:\n%s",
		strconv.FormatFloat(min, 'f', -1, 64), len(below), len(c.Pairs), strings.Join(below, "\n"))
}
