package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

// quoteTag is an annotation to make on an article by finding its text.
type quoteTag struct {
	typ     annotations.Type
	exact   string
	nth     int // which occurrence, from 0
	speaker string
}

func tagArticle(t *testing.T, art *annotations.Article, tags ...quoteTag) *annotations.Set {
	t.Helper()
	s := annotations.NewSet(art, "test", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	for _, g := range tags {
		from := 0
		for n := g.nth; ; n-- {
			i := strings.Index(art.Text[from:], g.exact)
			if i < 0 {
				t.Fatalf("%q (occurrence %d) is not in article %s", g.exact, g.nth, art.ID)
			}
			if n == 0 {
				from += i
				break
			}
			from += i + 1
		}
		start := len([]rune(art.Text[:from]))
		a, err := s.Add(art, g.typ, start, start+len([]rune(g.exact)))
		if err != nil {
			t.Fatal(err)
		}
		if g.speaker != "" && g.typ != annotations.SpeakerMention {
			sp, err := s.AddSpeaker(g.speaker)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Attribute(a.ID, sp.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s
}

// secondSeedSet is a set on the second seed article, whose Hosemann is
// named "Hosemann".
func secondSeedSet(t *testing.T) *annotations.Set {
	art := loadArticle(t, otherArticlePath)
	return tagArticle(t, art,
		quoteTag{typ: annotations.SpeakerMention, exact: "Hosemann", nth: 1},
		quoteTag{typ: annotations.Quote, exact: "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.", speaker: "Hosemann"},
		quoteTag{typ: annotations.Quote, exact: "Mississippi residents should celebrate Independence Day and our state’s right to protect the privacy of our citizens by conducting our own electoral processes.", speaker: "Hosemann"},
		quoteTag{typ: annotations.SpeakerMention, exact: "Terry McAuliffe"},
		quoteTag{typ: annotations.Quote, exact: "he has no intention of honoring the request", nth: 1, speaker: "Terry McAuliffe"},
		quoteTag{typ: annotations.Quote, exact: "Our Office has not received any correspondence"},
	)
}

const launchDiff = "000_ce1de57ff9e6a72c → 001_d82527d5600d2d18: They can go jump in the Gulf of Mexico and Mississippi is a great [-state-]{+State+} to launch [-from,-]{+from.+}"

func TestQuotesSeedArticles(t *testing.T) {
	dir := t.TempDir()
	second := writeSetFile(t, dir, "001.json", secondSeedSet(t))
	code, out, errOut := runCLI("quotes", goldSetPath, second)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Quotes across 2 articles\n",
		"  Delbert Hosemann\n    names: Delbert Hosemann; Hosemann\n    12 quotes: 10 in 000_ce1de57ff9e6a72c, 2 in 001_d82527d5600d2d18\n",
		"  Terry McAuliffe\n    names: Terry McAuliffe\n    1 quote: 1 in 001_d82527d5600d2d18\n",
		"Q3 [691–778] “They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,”  (linked: L1)\n",
		"\n(no speaker)\n  001_d82527d5600d2d18\n",
		"Quotes in more than one article (2):\n",
		"\nL1: same words, differing in case or punctuation\n  Q3 000_ce1de57ff9e6a72c [691–778] Delbert Hosemann: “They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,”\n",
		"001_d82527d5600d2d18 [1244–1331] Delbert Hosemann: “They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.”\n",
		"  " + launchDiff + "\n",
		"\nL2: identical\n",
		"  000_ce1de57ff9e6a72c → 001_d82527d5600d2d18: no differences\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "\nL") != 2 {
		t.Errorf("want two links:\n%s", out)
	}

	code, md, errOut := runCLI("quotes", "-format", "markdown", goldSetPath, second)
	if code != 0 {
		t.Fatalf("markdown: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"# Quotes across 2 articles\n",
		"| Delbert Hosemann | Delbert Hosemann; Hosemann | 12 | 10 in 000\\_ce1de57ff9e6a72c, 2 in 001\\_d82527d5600d2d18 |",
		"### L1: same words, differing in case or punctuation\n",
		"Mississippi is a great ~~state~~ **State** to launch ~~from,~~ **from.**\n",
	} {
		want = strings.ReplaceAll(want, `\_`, "_") // mdCell does not escape underscores
		if !strings.Contains(md, want) {
			t.Errorf("the markdown lacks %q:\n%s", want, md)
		}
	}

	code, js, errOut := runCLI("quotes", "-format", "json", goldSetPath, second)
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var got quotesJSON
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, js)
	}
	if len(got.Articles) != 2 || len(got.Speakers) != 5 || got.Speakers[0].Key != "delbert hosemann" || len(got.Unattributed) != 1 || len(got.Links) != 2 {
		t.Fatalf("json: %+v", got)
	}
	l := got.Links[0]
	if l.Identical || l.Similarity != 1 || len(l.Quotes) != 2 || l.Quotes[1].Speaker != "Delbert Hosemann" ||
		len(l.Diff) != 4 || l.Diff[1] != (wordDiffJSON{"changed", "state", "State"}) || l.Diff[3] != (wordDiffJSON{"changed", "from,", "from."}) {
		t.Errorf("json link: %+v", l)
	}
}

// TestQuotesArticlesFolder: a set on a text that is not a seed article is
// refused, naming it, until -articles gives the folder of its text.
func TestQuotesArticlesFolder(t *testing.T) {
	dir := t.TempDir()
	arts := filepath.Join(dir, "articles")
	if err := os.Mkdir(arts, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Local paper\n\n“They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from!” the secretary said.\n"
	if err := os.WriteFile(filepath.Join(arts, "local.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(arts, "notes.txt"), []byte("\x00\x01binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	art := annotations.ArticleFromText("local", text)
	local := writeSetFile(t, dir, "local.json", tagArticle(t, art,
		quoteTag{typ: annotations.Quote, exact: "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from!", speaker: "Secretary Delbert Hosemann"}))

	code, _, errOut := runCLI("quotes", goldSetPath, local)
	if code != 2 || !strings.Contains(errOut, local+": the text of its article \"local\"") || !strings.Contains(errOut, "-articles DIR") {
		t.Errorf("without -articles: exit %d, %q; want 2 naming %s", code, errOut, local)
	}
	code, out, errOut := runCLI("quotes", "-articles", arts, goldSetPath, local)
	if code != 0 {
		t.Fatalf("with -articles: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "skipping article "+filepath.Join(arts, "notes.txt")) {
		t.Errorf("the binary file is not reported: %q", errOut)
	}
	for _, want := range []string{
		"names: Delbert Hosemann; Secretary Delbert Hosemann\n",
		"000_ce1de57ff9e6a72c → local: They can go jump in the Gulf of Mexico and Mississippi is a great state to launch [-from,-]{+from!+}\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

func TestQuotesRefusals(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format":"nope"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no set", []string{"quotes"}, "quotes needs at least one set"},
		{"bad format", []string{"quotes", "-format", "html", goldSetPath}, `-format "html" is not text, markdown or json`},
		{"invalid set", []string{"quotes", goldSetPath, bad}, bad + " is not a valid annotation set"},
		{"missing file", []string{"quotes", filepath.Join(dir, "none.json")}, "reading the set"},
		{"two sets of one article", []string{"quotes", goldSetPath, perturbedSetPath}, "are both sets of article \"000_ce1de57ff9e6a72c\""},
		{"missing folder", []string{"quotes", "-articles", filepath.Join(dir, "none"), goldSetPath}, "reading article folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(tt.args...)
			if code != 2 || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errOut, tt.want)
			}
		})
	}
}
