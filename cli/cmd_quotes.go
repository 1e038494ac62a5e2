package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
)

var quotesCmd = &command{
	name:    "quotes",
	args:    "[-format text|markdown|json] [-articles DIR]... SET.json [SET.json ...]",
	summary: "list the speakers and quotes of several articles and the quotes they share",
	help: `
Reads one annotation set per article and prints what the browser's corpus
page shows: every speaker across the articles, one row per person (matched
by name: equal names ignoring case and punctuation, or one name ending the
other as whole words, "Hosemann" and "Delbert Hosemann"), with the names
used and the number of quotes in each article; each speaker's quotes by
article, with their spans in code points; and the quotes that occur in more
than one article, word for word or nearly (case, punctuation, a changed or
dropped word, or one inside a longer one), with their differences word by
word. In text, a difference reads [-removed-]{+added+}; in markdown,
~~removed~~ **added**; JSON gives the steps.

Each set's text is found by its article.sha256 among the .txt files in the
-articles folders, then among the seed articles built into quotemark. A set
whose text is not found is refused, by name; so is a set that is not valid
or does not fit its text, and a second set of an article already given
(the quotes of one article are compared with those of others, not between
annotators: see "quotemark compare" for that).

Exit status: 0 done; 1 writing failed; 2 a wrong command line, or a refused
input, with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		format := fs.String("format", "text", "print the table as `text`, markdown or json")
		var dirs stringList
		fs.Var(&dirs, "articles", "find the sets' texts among the .txt files in `DIR` (repeatable), before the seed articles")
		return func(ctx context.Context, env *cmdEnv) error {
			switch *format {
			case "text", "markdown", "json":
			default:
				return usagef("-format %q is not text, markdown or json", *format)
			}
			if len(env.args) == 0 {
				return usagef("quotes needs at least one set")
			}
			entries, err := loadCorpusEntries(env, env.args, dirs)
			if err != nil {
				return err
			}
			c := corpus.BuildCorpus(entries)
			r := newQuotesReport(entries, env.args, c)
			var out []byte
			switch *format {
			case "json":
				out, err = r.json()
			case "markdown":
				out = r.markdown()
			default:
				out = r.text()
			}
			if err == nil {
				_, err = env.stdout.Write(out)
			}
			if err != nil {
				return fmt.Errorf("writing the table: %w", err)
			}
			return nil
		}
	},
}

// loadCorpusEntries reads the sets and finds each one's text: among the .txt
// files in dirs, then among the seed articles. Articles are labelled by the
// id their set gives them.
func loadCorpusEntries(env *cmdEnv, paths, dirs []string) ([]corpus.CorpusEntry, error) {
	var library []*annotations.Article
	for _, dir := range dirs {
		arts, err := readArticleFolder(env, "quotes", dir)
		if err != nil {
			return nil, refusef("%v", err)
		}
		library = append(library, arts...)
	}
	where := "the seed articles built into quotemark; give the folder of its text with -articles DIR"
	if len(dirs) > 0 {
		where = "the .txt files in " + strings.Join(dirs, ", ") + " or the seed articles built into quotemark"
	}
	var entries []corpus.CorpusEntry
	bySHA := map[string]int{}
	for _, p := range paths {
		data, err := readSetFile(p)
		if err != nil {
			return nil, refusef("reading the set: %v", err)
		}
		s, err := annotations.Read(data)
		if err != nil {
			return nil, refusef("%s is not a valid annotation set: %v", p, err)
		}
		if i, ok := bySHA[s.Article.SHA256]; ok {
			return nil, refusef("%s and %s are both sets of article %q (sha256 %s); give one set per article (to compare annotators, use quotemark compare)",
				paths[i], p, s.Article.ID, s.Article.SHA256)
		}
		var art *annotations.Article
		if i := slices.IndexFunc(library, func(a *annotations.Article) bool { return a.SHA256 == s.Article.SHA256 }); i >= 0 {
			art = annotations.ArticleFromText(library[i].ID, library[i].Text)
		} else if art = seedArticleBySHA256(s.Article.SHA256); art == nil {
			return nil, refusef("%s: the text of its article %q (sha256 %s) is not found among %s",
				p, s.Article.ID, s.Article.SHA256, where)
		}
		if s.Article.ID != "" {
			art.ID = s.Article.ID // the set's label for it, which the browser shows too
		}
		art.ID = annotations.UniqueID(art.ID, func(id string) bool {
			return slices.ContainsFunc(entries, func(e corpus.CorpusEntry) bool { return e.Article.ID == id })
		})
		if _, err := s.Anchor(art); err != nil {
			return nil, refusef("%s does not fit the text of article %q: %v", p, art.ID, err)
		}
		bySHA[s.Article.SHA256] = len(entries)
		entries = append(entries, corpus.CorpusEntry{Article: art, Set: s})
	}
	return entries, nil
}

// quotesReport is the corpus with what printing it needs: the articles in
// order with their set files, and each quote's speaker.
type quotesReport struct {
	entries []corpus.CorpusEntry
	paths   []string
	c       *corpus.Corpus
	speaker map[[2]string]string // article id, annotation id → speaker row name
	number  map[[2]string]int    // article id, annotation id → quote number, from 1, in the listing
}

func newQuotesReport(entries []corpus.CorpusEntry, paths []string, c *corpus.Corpus) *quotesReport {
	r := &quotesReport{entries: entries, paths: paths, c: c, speaker: map[[2]string]string{}, number: map[[2]string]int{}}
	n := 0
	for _, s := range c.Speakers {
		for _, q := range s.Quotes {
			n++
			r.speaker[[2]string{q.ArticleID, q.Annotation.ID}] = s.Name
			r.number[[2]string{q.ArticleID, q.Annotation.ID}] = n
		}
	}
	for _, q := range c.Unattributed {
		n++
		r.number[[2]string{q.ArticleID, q.Annotation.ID}] = n
	}
	return r
}

// byArticle splits quotes, in article order, into runs of one article.
func byArticle(qs []corpus.CorpusQuote) [][]corpus.CorpusQuote {
	var runs [][]corpus.CorpusQuote
	for i, q := range qs {
		if i == 0 || q.ArticleID != qs[i-1].ArticleID {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], q)
	}
	return runs
}

// perArticle is "3 in A, 1 in B".
func perArticle(qs []corpus.CorpusQuote) string {
	var parts []string
	for _, run := range byArticle(qs) {
		parts = append(parts, fmt.Sprintf("%d in %s", len(run), run[0].ArticleID))
	}
	return strings.Join(parts, ", ")
}

func quoteForm(a annotations.Annotation) string {
	if a.Form == "" || a.Form == annotations.Direct {
		return ""
	}
	return " (" + string(a.Form) + ")"
}

func linkLabels(links []int) string {
	var s []string
	for _, l := range links {
		s = append(s, fmt.Sprintf("L%d", l+1))
	}
	return strings.Join(s, ", ")
}

// linkKind says how a link's first two quotes relate.
func linkKind(l corpus.QuoteLink) string {
	pct := fmt.Sprintf("%.0f%%", 100*l.Similarity)
	switch {
	case l.Identical:
		return "identical"
	case l.Contained:
		return "one inside the other (" + pct + " alike)"
	case l.Similarity == 1:
		return "same words, differing in case or punctuation"
	default:
		return "nearly the same words (" + pct + " alike)"
	}
}

// noDifference reports a diff of equal texts.
func noDifference(d []corpus.WordDiff) bool {
	return len(d) == 0 || len(d) == 1 && d[0].Op == corpus.DiffSame
}

// diffText renders word differences as [-removed-]{+added+}.
func diffText(d []corpus.WordDiff) string {
	if noDifference(d) {
		return "no differences"
	}
	var parts []string
	for _, w := range d {
		switch w.Op {
		case corpus.DiffSame:
			parts = append(parts, w.A)
		case corpus.DiffRemoved:
			parts = append(parts, "[-"+w.A+"-]")
		case corpus.DiffAdded:
			parts = append(parts, "{+"+w.B+"+}")
		default:
			parts = append(parts, "[-"+w.A+"-]{+"+w.B+"+}")
		}
	}
	return strings.Join(parts, " ")
}

// diffMarkdown renders word differences as ~~removed~~ **added**.
func diffMarkdown(d []corpus.WordDiff) string {
	if noDifference(d) {
		return "no differences"
	}
	var parts []string
	for _, w := range d {
		if w.A != "" && w.Op != corpus.DiffSame {
			parts = append(parts, "~~"+mdText(w.A)+"~~")
		}
		switch w.Op {
		case corpus.DiffSame:
			parts = append(parts, mdText(w.A))
		case corpus.DiffAdded, corpus.DiffChanged:
			parts = append(parts, "**"+mdText(w.B)+"**")
		}
	}
	return strings.Join(parts, " ")
}

// mdText escapes text for markdown inline use.
func mdText(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "[", `\[`, "]", `\]`, "|", `\|`, "<", `\<`, "\n", " ").Replace(s)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (r *quotesReport) ref(q corpus.QuoteRef) (annotations.Annotation, string) {
	for _, e := range r.entries {
		if e.Article.ID == q.ArticleID {
			a, _ := e.Set.Annotation(q.AnnotationID)
			return a, r.speaker[[2]string{q.ArticleID, q.AnnotationID}]
		}
	}
	return annotations.Annotation{}, ""
}

func (r *quotesReport) text() []byte {
	var b strings.Builder
	c := r.c
	fmt.Fprintf(&b, "Quotes across %s\n\n", annotations.CountOf(len(r.entries), "article"))
	for i, e := range r.entries {
		fmt.Fprintf(&b, "  %s  %s  (%s, %s)\n", e.Article.ID, e.Article.Title, r.paths[i], annotations.CountOf(quoteCount(e.Set), "quote"))
	}

	fmt.Fprintf(&b, "\nSpeakers (%d):\n", len(c.Speakers))
	for _, s := range c.Speakers {
		fmt.Fprintf(&b, "  %s\n    names: %s\n    %s", s.Name, strings.Join(s.Names, "; "), annotations.CountOf(len(s.Quotes), "quote"))
		if len(s.Quotes) > 0 {
			fmt.Fprintf(&b, ": %s", perArticle(s.Quotes))
		}
		b.WriteString("\n")
	}

	printQuotes := func(qs []corpus.CorpusQuote) {
		for _, run := range byArticle(qs) {
			fmt.Fprintf(&b, "  %s\n", run[0].ArticleID)
			for _, q := range run {
				a := q.Annotation
				fmt.Fprintf(&b, "    Q%d [%d–%d]%s “%s”", r.number[[2]string{q.ArticleID, a.ID}], a.Start, a.End, quoteForm(a), oneLine(a.Exact))
				if len(q.Links) > 0 {
					fmt.Fprintf(&b, "  (linked: %s)", linkLabels(q.Links))
				}
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("\nQuotes by speaker:\n")
	for _, s := range c.Speakers {
		if len(s.Quotes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", s.Name)
		printQuotes(s.Quotes)
	}
	if len(c.Unattributed) > 0 {
		b.WriteString("\n(no speaker)\n")
		printQuotes(c.Unattributed)
	}

	fmt.Fprintf(&b, "\nQuotes in more than one article (%d):\n", len(c.Links))
	if len(c.Links) == 0 {
		b.WriteString("  none\n")
	}
	for i, l := range c.Links {
		fmt.Fprintf(&b, "\nL%d: %s\n", i+1, linkKind(l))
		for _, q := range l.Quotes {
			a, sp := r.ref(q)
			if sp == "" {
				sp = "no speaker"
			}
			fmt.Fprintf(&b, "  Q%d %s [%d–%d] %s: “%s”\n", r.number[[2]string{q.ArticleID, q.AnnotationID}], q.ArticleID, a.Start, a.End, sp, oneLine(q.Exact))
		}
		for k, q := range l.Quotes[1:] {
			d := l.Diff
			if k > 0 {
				d = corpus.DiffWords(l.Quotes[0].Exact, q.Exact)
			}
			fmt.Fprintf(&b, "  %s → %s: %s\n", l.Quotes[0].ArticleID, q.ArticleID, diffText(d))
		}
	}
	return []byte(b.String())
}

func quoteCount(s *annotations.Set) int {
	n := 0
	for _, a := range s.Annotations {
		if a.Type == annotations.Quote {
			n++
		}
	}
	return n
}

func (r *quotesReport) markdown() []byte {
	var b strings.Builder
	c := r.c
	fmt.Fprintf(&b, "# Quotes across %s\n\n| article | title | set | quotes |\n|---|---|---|---:|\n", annotations.CountOf(len(r.entries), "article"))
	for i, e := range r.entries {
		fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", mdCell(e.Article.ID), mdCell(e.Article.Title), mdCell(r.paths[i]), quoteCount(e.Set))
	}
	b.WriteString("\n## Speakers\n\n| speaker | names used | quotes | by article |\n|---|---|---:|---|\n")
	for _, s := range c.Speakers {
		fmt.Fprintf(&b, "| %s | %s | %d | %s |\n", mdCell(s.Name), mdCell(strings.Join(s.Names, "; ")), len(s.Quotes), mdCell(perArticle(s.Quotes)))
	}
	printQuotes := func(qs []corpus.CorpusQuote) {
		b.WriteString("| # | article | span | quote | form | linked |\n|---:|---|---|---|---|---|\n")
		for _, q := range qs {
			a := q.Annotation
			fmt.Fprintf(&b, "| Q%d | %s | %d–%d | %s | %s | %s |\n", r.number[[2]string{q.ArticleID, a.ID}], mdCell(q.ArticleID), a.Start, a.End, mdText(oneLine(a.Exact)), a.Form, linkLabels(q.Links))
		}
	}
	b.WriteString("\n## Quotes by speaker\n")
	for _, s := range c.Speakers {
		if len(s.Quotes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", mdText(s.Name))
		printQuotes(s.Quotes)
	}
	if len(c.Unattributed) > 0 {
		b.WriteString("\n### (no speaker)\n\n")
		printQuotes(c.Unattributed)
	}
	fmt.Fprintf(&b, "\n## Quotes in more than one article (%d)\n", len(c.Links))
	if len(c.Links) == 0 {
		b.WriteString("\nNone.\n")
	}
	for i, l := range c.Links {
		fmt.Fprintf(&b, "\n### L%d: %s\n\n", i+1, linkKind(l))
		for _, q := range l.Quotes {
			a, sp := r.ref(q)
			if sp == "" {
				sp = "no speaker"
			}
			fmt.Fprintf(&b, "- Q%d %s %d–%d, %s: %s\n", r.number[[2]string{q.ArticleID, q.AnnotationID}], mdText(q.ArticleID), a.Start, a.End, mdText(sp), mdText(oneLine(q.Exact)))
		}
		for k, q := range l.Quotes[1:] {
			d := l.Diff
			if k > 0 {
				d = corpus.DiffWords(l.Quotes[0].Exact, q.Exact)
			}
			fmt.Fprintf(&b, "\n%s → %s: %s\n", mdText(l.Quotes[0].ArticleID), mdText(q.ArticleID), diffMarkdown(d))
		}
	}
	return []byte(b.String())
}

// The JSON form of the table.
type (
	quotesJSON struct {
		Articles     []quotesArticleJSON `json:"articles"`
		Speakers     []quotesSpeakerJSON `json:"speakers"`
		Unattributed []quoteJSON         `json:"unattributed"`
		Links        []quoteLinkJSON     `json:"links"`
	}
	quotesArticleJSON struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		SHA256 string `json:"sha256"`
		Set    string `json:"set"`
		SetID  string `json:"set_id"`
	}
	quotesSpeakerJSON struct {
		Key    string      `json:"key"`
		Name   string      `json:"name"`
		Names  []string    `json:"names"`
		Quotes []quoteJSON `json:"quotes"`
	}
	quoteJSON struct {
		Article    string `json:"article"`
		Annotation string `json:"annotation"`
		Start      int    `json:"start"`
		End        int    `json:"end"`
		Exact      string `json:"exact"`
		Form       string `json:"form"`
		Links      []int  `json:"links"`
	}
	quoteLinkJSON struct {
		Quotes     []quoteRefJSON `json:"quotes"`
		Identical  bool           `json:"identical"`
		Contained  bool           `json:"contained"`
		Similarity float64        `json:"similarity"`
		Diff       []wordDiffJSON `json:"diff"`
	}
	quoteRefJSON struct {
		Article    string `json:"article"`
		Annotation string `json:"annotation"`
		Speaker    string `json:"speaker"`
		Exact      string `json:"exact"`
	}
	wordDiffJSON struct {
		Op string `json:"op"`
		A  string `json:"a"`
		B  string `json:"b"`
	}
)

func quotesToJSON(qs []corpus.CorpusQuote) []quoteJSON {
	out := []quoteJSON{}
	for _, q := range qs {
		a := q.Annotation
		out = append(out, quoteJSON{Article: q.ArticleID, Annotation: a.ID, Start: a.Start, End: a.End, Exact: a.Exact, Form: string(a.Form), Links: append([]int{}, q.Links...)})
	}
	return out
}

func (r *quotesReport) json() ([]byte, error) {
	j := quotesJSON{Articles: []quotesArticleJSON{}, Speakers: []quotesSpeakerJSON{}, Unattributed: quotesToJSON(r.c.Unattributed), Links: []quoteLinkJSON{}}
	for i, e := range r.entries {
		j.Articles = append(j.Articles, quotesArticleJSON{ID: e.Article.ID, Title: e.Article.Title, SHA256: e.Article.SHA256, Set: r.paths[i], SetID: e.Set.ID})
	}
	for _, s := range r.c.Speakers {
		j.Speakers = append(j.Speakers, quotesSpeakerJSON{Key: s.Key, Name: s.Name, Names: s.Names, Quotes: quotesToJSON(s.Quotes)})
	}
	for _, l := range r.c.Links {
		lj := quoteLinkJSON{Identical: l.Identical, Contained: l.Contained, Similarity: l.Similarity, Diff: []wordDiffJSON{}}
		for _, q := range l.Quotes {
			lj.Quotes = append(lj.Quotes, quoteRefJSON{Article: q.ArticleID, Annotation: q.AnnotationID, Speaker: r.speaker[[2]string{q.ArticleID, q.AnnotationID}], Exact: q.Exact})
		}
		for _, d := range l.Diff {
			lj.Diff = append(lj.Diff, wordDiffJSON{Op: d.Op, A: d.A, B: d.B})
		}
		j.Links = append(j.Links, lj)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
