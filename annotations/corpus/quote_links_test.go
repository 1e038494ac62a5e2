package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestQuoteLinks(t *testing.T) {
	const base = "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from."
	tests := []struct {
		name      string
		a, b      string
		linked    bool
		identical bool
		contained bool
		sim       float64 // checked when linked
	}{
		{"identical", base, base, true, true, false, 1},
		{"identical but for white space", base, strings.ReplaceAll(base, " Gulf", "\n Gulf"), true, true, false, 1},
		{"case and punctuation only", base, "they can go jump in the gulf of Mexico, and Mississippi is a great State to launch from!", true, false, false, 1},
		{"one changed word", base, "They can go jump in the Gulf of Mexico and Mississippi is a fine state to launch from.", true, false, false, 17.0 / 18},
		{"one dropped word", base, "They can go jump in the Gulf of Mexico and Mississippi is a state to launch from.", true, false, false, 34.0 / 35},
		{"contained in a longer quote", "Mississippi is a great state to launch from", "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from, and we will not send anything.", true, false, true, 16.0 / 32},
		{"contained with a changed word", "the Gulf of Mexico and Mississippi is a grand state to launch from", base + " We will not send them anything at all.", true, false, true, 24.0 / 39},
		{"unrelated", base, "Mississippi elections are not rigged, and we will show it to anyone who asks.", false, false, false, 0},
		{"same topic, other words", "The letter asks for names, birth dates and party affiliation of every voter.", "Every voter's party affiliation is not something we will hand over to the commission.", false, false, false, 0},
		{"too short to be contained", "launch from", base, false, false, false, 0},
		{"scattered words are not contained", "Mississippi is a great state", "Mississippi, the official said, is in a way a really great and proud state.", false, false, false, 0},
		{"one word is not a quote to link", "rigged", "rigged", false, false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := BuildCorpus([]CorpusEntry{quoteArticle(t, "a", "Hosemann", tt.a), quoteArticle(t, "b", "Delbert Hosemann", tt.b)})
			if !tt.linked {
				if len(c.Links) != 0 {
					t.Errorf("linked: %+v", c.Links)
				}
				return
			}
			if len(c.Links) != 1 {
				t.Fatalf("%d links; want 1", len(c.Links))
			}
			l := c.Links[0]
			if l.Identical != tt.identical || l.Contained != tt.contained || fmt.Sprintf("%.4f", l.Similarity) != fmt.Sprintf("%.4f", tt.sim) {
				t.Errorf("identical %v contained %v similarity %.4f; want %v %v %.4f", l.Identical, l.Contained, l.Similarity, tt.identical, tt.contained, tt.sim)
			}
			if len(l.Quotes) != 2 || l.Quotes[0].ArticleID != "a" || l.Quotes[1].ArticleID != "b" || l.Quotes[0].Exact != tt.a {
				t.Errorf("quotes %+v", l.Quotes)
			}
			if !slices.Equal(l.Diff, DiffWords(tt.a, tt.b)) {
				t.Errorf("diff %q; want DiffWords of the two", l.Diff)
			}
			if q := c.Speakers[0].Quotes; len(c.Speakers) != 1 || !slices.Equal(q[0].Links, []int{0}) || !slices.Equal(q[1].Links, []int{0}) {
				t.Errorf("the quotes do not point at their link: %+v", c.Speakers)
			}
		})
	}
}

// TestQuoteLinksSameArticle: a quote repeated within one article is not a
// link; across three articles it is one link of three quotes.
func TestQuoteLinksSameArticle(t *testing.T) {
	const q = "We are not going to release that information to anyone."
	c := BuildCorpus([]CorpusEntry{quoteArticle(t, "a", "X", q, q)})
	if len(c.Links) != 0 {
		t.Errorf("linked within one article: %+v", c.Links)
	}
	c = BuildCorpus([]CorpusEntry{
		quoteArticle(t, "a", "X", "Something else entirely was said here today.", q),
		quoteArticle(t, "b", "X", "We are not going to release this information to anyone."),
		quoteArticle(t, "c", "X", q),
	})
	if len(c.Links) != 1 {
		t.Fatalf("%d links; want 1: %+v", len(c.Links), c.Links)
	}
	l := c.Links[0]
	var arts []string
	for _, r := range l.Quotes {
		arts = append(arts, r.ArticleID)
	}
	// Quotes[1] is the quote most like Quotes[0]: article c's, word for word.
	if !slices.Equal(arts, []string{"a", "c", "b"}) || l.Identical || l.Similarity != 1 {
		t.Errorf("link over articles %q identical %v similarity %v; want a c b, false, 1", arts, l.Identical, l.Similarity)
	}
}

// TestQuoteLinksScale: linking some hundreds of quotes of many articles,
// random news-like words and one shared by five, is quick and finds the shared ones.
func TestQuoteLinksScale(t *testing.T) {
	// Words of news text: a few very common ones, and many rarer ones.
	common := strings.Fields("the of and to a in that is for it we will not")
	rare := strings.Fields("state voters data election commission court law federal request privacy letter public office county clerk ballot fraud report secretary governor party record number birth date security information process integrity system citizens residents rights")
	for i := range 600 {
		rare = append(rare, fmt.Sprintf("word%03d", i))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var entries []CorpusEntry
	shared := "Mississippi is a great state to launch from and we will not comply with this request"
	n := 0
	for a := range 20 {
		var quotes []string
		for k := range 20 {
			var w []string
			for range 8 + rng.IntN(40) {
				if rng.IntN(3) == 0 {
					w = append(w, common[rng.IntN(len(common))])
				} else {
					w = append(w, rare[rng.IntN(len(rare))])
				}
			}
			quotes = append(quotes, fmt.Sprintf("Quote %d of %d: %s.", k, a, strings.Join(w, " ")))
		}
		if a%4 == 0 {
			quotes = append(quotes, shared)
		}
		n += len(quotes)
		entries = append(entries, quoteArticle(t, fmt.Sprintf("a%02d", a), "X", quotes...))
	}
	start := time.Now()
	c := BuildCorpus(entries)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("BuildCorpus of %d quotes took %v", n, d)
	}
	l, i := linkOf(c, shared)
	if len(c.Links) != 1 || i < 0 || len(l.Quotes) != 5 || !l.Identical {
		t.Errorf("the shared quote: link %d %+v; want one identical link of 5 quotes", i, l)
	}
}
