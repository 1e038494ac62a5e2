package corpus

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

// tag is one annotation to make by finding its text: the occurrence-th
// (0-based) occurrence of exact, with a speaker ("" for none; for a mention
// the speaker is the one the mention names).
type tag struct {
	typ        annotations.Type
	exact      string
	occurrence int
	speaker    string
	form       annotations.Form
}

// tagSet makes a set on art with the tags, made as the browser makes them:
// Add, then Attribute or Update.
func tagSet(t testing.TB, art *annotations.Article, annotator string, tags ...tag) *annotations.Set {
	t.Helper()
	s := annotations.NewSet(art, annotator, fixture.Now)
	for _, g := range tags {
		start := fixture.CPIndex(t, art.Text, g.exact, g.occurrence)
		a, err := s.Add(art, g.typ, start, start+len([]rune(g.exact)))
		if err != nil {
			t.Fatalf("%s: tagging %q: %v", annotator, g.exact, err)
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
		if g.form != "" {
			if err := s.Update(a.ID, func(a *annotations.Annotation) { a.Form = g.form }); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("%s: %v", annotator, err)
	}
	return s
}

// seed1Set is a set on the second seed article. Its Hosemann is named
// "Hosemann" (the mention made him), the first article's "Delbert
// Hosemann".
func seed1Set(t testing.TB) (*annotations.Set, *annotations.Article) {
	t.Helper()
	art, err := annotations.NewArticle(fixture.SeedArticle1ID, fixture.Read(t, fixture.SeedArticle1File))
	if err != nil {
		t.Fatal(err)
	}
	s := tagSet(t, art, "test",
		tag{typ: annotations.SpeakerMention, exact: "Hosemann", occurrence: 1},
		tag{typ: annotations.Quote, exact: "he has no intention of honoring the request from President Donald Trump’s election integrity commission to release voter registration information", speaker: "Hosemann", form: annotations.Indirect},
		tag{typ: annotations.Quote, exact: "Our Office has not received any correspondence from the Presidential Advisory Commission on Election Integrity. A copy of such correspondence to another Secretary of State has been forwarded to us. As all of you may remember, I fought in federal court to protect Mississippi voters’ rights for their privacy and won,", speaker: "Hosemann"},
		tag{typ: annotations.SpeakerMention, exact: "Kris Kobach"},
		tag{typ: annotations.Quote, exact: "a letter will be sent to all 50 states and the District of Columbia requesting publicly available data from state voter rolls and asking officials for suggestions on how to improve the integrity of elections", speaker: "Kris Kobach", form: annotations.Indirect},
		tag{typ: annotations.Quote, exact: "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from.", speaker: "Hosemann"},
		tag{typ: annotations.SpeakerMention, exact: "Terry McAuliffe"},
		tag{typ: annotations.Quote, exact: "he has no intention of honoring the request", occurrence: 1, speaker: "Terry McAuliffe", form: annotations.Indirect},
		tag{typ: annotations.Quote, exact: "Gov statement on request from @realDonaldTrump elections commission: pic.twitter.com/xkmCs2IbBP", speaker: "Terry McAuliffe"},
		tag{typ: annotations.Quote, exact: "Mississippi residents should celebrate Independence Day and our state’s right to protect the privacy of our citizens by conducting our own electoral processes.", speaker: "Hosemann"},
	)
	return s, art
}

func seedCorpus(t testing.TB) *Corpus {
	t.Helper()
	gold, art0 := gold.Set(t)
	s1, art1 := seed1Set(t)
	return BuildCorpus([]CorpusEntry{{art0, gold}, {art1, s1}})
}

func speakerRow(t testing.TB, c *Corpus, key string) CorpusSpeaker {
	t.Helper()
	r, ok := c.Speaker(key)
	if !ok {
		var keys []string
		for _, s := range c.Speakers {
			keys = append(keys, s.Key)
		}
		t.Fatalf("no speaker row %q; rows: %q", key, keys)
	}
	return r
}

func linkOf(c *Corpus, exact string) (QuoteLink, int) {
	for i, l := range c.Links {
		for _, q := range l.Quotes {
			if q.Exact == exact {
				return l, i
			}
		}
	}
	return QuoteLink{}, -1
}

// TestBuildCorpusSeedArticles: the two seed articles quote Hosemann's
// "great state to launch from" line, one with "state" and a comma, the other
// with "State" and a full stop. The corpus has Hosemann once, under both
// names, with his quotes of both articles, and links the two lines with their
// differences word by word.
func TestBuildCorpusSeedArticles(t *testing.T) {
	c := seedCorpus(t)

	h := speakerRow(t, c, "delbert hosemann")
	if h.Name != "Delbert Hosemann" || !slices.Equal(h.Names, []string{"Delbert Hosemann", "Hosemann"}) {
		t.Errorf("Hosemann's row: name %q, names %q; want Delbert Hosemann, [Delbert Hosemann Hosemann]", h.Name, h.Names)
	}
	perArticle := map[string]int{}
	for _, q := range h.Quotes {
		perArticle[q.ArticleID]++
	}
	if perArticle[fixture.GoldArticleID] != 10 || perArticle[fixture.SeedArticle1ID] != 4 {
		t.Errorf("Hosemann's quotes per article: %v; want 10 in %s, 4 in %s", perArticle, fixture.GoldArticleID, fixture.SeedArticle1ID)
	}
	if !slices.IsSortedFunc(h.Quotes, c.compareQuotes) || h.Quotes[0].ArticleID != fixture.GoldArticleID {
		t.Errorf("Hosemann's quotes are not in article then text order")
	}
	if c.Speakers[0].Key != "delbert hosemann" {
		t.Errorf("first row %q; want the speaker with the most quotes, delbert hosemann", c.Speakers[0].Key)
	}
	k := speakerRow(t, c, "kris kobach")
	if len(k.Quotes) != 2 || len(k.Names) != 1 {
		t.Errorf("Kobach's row: %d quotes, names %q; want 2 quotes (one per article), one name", len(k.Quotes), k.Names)
	}
	speakerRow(t, c, "terry mcauliffe")
	speakerRow(t, c, "a federal judge")
	if len(c.Speakers) != 5 {
		t.Errorf("%d speaker rows; want 5", len(c.Speakers))
	}
	if len(c.Unattributed) != 0 {
		t.Errorf("unattributed quotes: %v", c.Unattributed)
	}

	launch0 := "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,"
	launch1 := "They can go jump in the Gulf of Mexico and Mississippi is a great State to launch from."
	l, li := linkOf(c, launch0)
	if li < 0 {
		t.Fatalf("the launch line is not linked; links: %+v", c.Links)
	}
	if len(l.Quotes) != 2 || l.Quotes[0].ArticleID != fixture.GoldArticleID || l.Quotes[1].ArticleID != fixture.SeedArticle1ID || l.Quotes[1].Exact != launch1 {
		t.Errorf("the launch link's quotes: %+v", l.Quotes)
	}
	if l.Identical || l.Contained || l.Similarity != 1 {
		t.Errorf("the launch link: identical %v, contained %v, similarity %v; want false, false, 1", l.Identical, l.Contained, l.Similarity)
	}
	want := []WordDiff{
		{"same", "They can go jump in the Gulf of Mexico and Mississippi is a great", "They can go jump in the Gulf of Mexico and Mississippi is a great"},
		{"changed", "state", "State"},
		{"same", "to launch", "to launch"},
		{"changed", "from,", "from."},
	}
	if !slices.Equal(l.Diff, want) {
		t.Errorf("the launch link's diff:\n got %q\nwant %q", l.Diff, want)
	}
	for _, q := range h.Quotes {
		if q.Annotation.Exact == launch0 || q.Annotation.Exact == launch1 {
			if !slices.Equal(q.Links, []int{li}) {
				t.Errorf("quote %q: links %v; want [%d]", q.Annotation.Exact, q.Links, li)
			}
		}
	}

	// The Independence Day line is word for word the same in both.
	indep := "Mississippi residents should celebrate Independence Day and our state’s right to protect the privacy of our citizens by conducting our own electoral processes."
	if l, i := linkOf(c, indep); i < 0 || !l.Identical || l.Similarity != 1 || len(l.Diff) != 1 || l.Diff[0].Op != DiffSame {
		t.Errorf("the Independence Day line: link %d %+v; want an identical link", i, l)
	}
	// Nothing else is shared: "he has no intention …" of Hosemann and of
	// McAuliffe are in one article, the first article's Hosemann quotes are
	// not in the second.
	if len(c.Links) != 2 {
		t.Errorf("%d links; want 2: %+v", len(c.Links), c.Links)
	}
	for _, l := range c.Links {
		if l.Quotes[0].ArticleID == l.Quotes[1].ArticleID {
			t.Errorf("link within one article: %+v", l)
		}
	}
}

// TestBuildCorpusDeterministic: building twice gives the same corpus.
func TestBuildCorpusDeterministic(t *testing.T) {
	a, b := seedCorpus(t), seedCorpus(t)
	// The second seed set's ids are new each time: compare without them.
	describe := func(c *Corpus) string {
		var sb strings.Builder
		for _, s := range c.Speakers {
			fmt.Fprintf(&sb, "%s %s %q\n", s.Key, s.Name, s.Names)
			for _, q := range s.Quotes {
				fmt.Fprintf(&sb, "  %s %d %d %v\n", q.ArticleID, q.Annotation.Start, q.Annotation.End, q.Links)
			}
		}
		for _, l := range c.Links {
			fmt.Fprintf(&sb, "%v %v %v %q\n", l.Identical, l.Similarity, l.Contained, l.Diff)
		}
		return sb.String()
	}
	if describe(a) != describe(b) {
		t.Errorf("two builds differ:\n%s\n%s", describe(a), describe(b))
	}
}

// quoteArticle makes an article of the given paragraphs and a set on it
// with each paragraph a quote by speaker.
func quoteArticle(t testing.TB, id, speaker string, quotes ...string) CorpusEntry {
	t.Helper()
	art := annotations.ArticleFromText(id, "Title of "+id+"\n\n"+strings.Join(quotes, "\n\n")+"\n")
	var tags []tag
	for i, q := range quotes {
		tags = append(tags, tag{typ: annotations.Quote, exact: q, occurrence: strings.Count(strings.Join(quotes[:i], "\n"), q), speaker: speaker})
	}
	return CorpusEntry{art, tagSet(t, art, "test", tags...)}
}

func TestCorpusSpeakerMatching(t *testing.T) {
	tests := []struct {
		name  string
		names []string // one article each
		want  [][]string
	}{
		{"equal folded names", []string{"Delbert Hosemann", "delbert  HOSEMANN", "Delbert Hosemann,"},
			[][]string{{"Delbert Hosemann", "Delbert Hosemann,", "delbert HOSEMANN"}}},
		{"surname ends full name", []string{"Hosemann", "Delbert Hosemann"},
			[][]string{{"Delbert Hosemann", "Hosemann"}}},
		{"longer chains", []string{"Hosemann", "Secretary of State Delbert Hosemann", "Delbert Hosemann"},
			[][]string{{"Delbert Hosemann", "Hosemann", "Secretary of State Delbert Hosemann"}}},
		{"not inside a word", []string{"Mann", "Hosemann"},
			[][]string{{"Hosemann"}, {"Mann"}}},
		{"not a first name", []string{"Delbert", "Delbert Hosemann"},
			[][]string{{"Delbert"}, {"Delbert Hosemann"}}},
		{"ambiguous surname joins neither", []string{"Smith", "Jane Smith", "John Smith"},
			[][]string{{"Jane Smith"}, {"John Smith"}, {"Smith"}}},
		{"surname of one person among several", []string{"Smith", "Jane Smith", "Jane Smith", "Kobach"},
			[][]string{{"Jane Smith", "Smith"}, {"Kobach"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var entries []CorpusEntry
			for i, n := range tt.names {
				entries = append(entries, quoteArticle(t, fmt.Sprintf("a%d", i), n, fmt.Sprintf("Quote number %d of the test.", i)))
			}
			c := BuildCorpus(entries)
			var got [][]string
			total := 0
			for _, s := range c.Speakers {
				got = append(got, s.Names)
				total += len(s.Quotes)
				if s.Key != annotations.FoldName(s.Name) {
					t.Errorf("row %q: key %q", s.Name, s.Key)
				}
			}
			slices.SortFunc(got, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows %q; want %q", got, tt.want)
			}
			if total != len(tt.names) {
				t.Errorf("%d quotes in rows; want %d", total, len(tt.names))
			}
		})
	}
}

func TestCorpusMergeSpeakers(t *testing.T) {
	c := BuildCorpus([]CorpusEntry{
		quoteArticle(t, "a", "Gov. Terry McAuliffe", "We will not hand over the data of Virginia voters."),
		quoteArticle(t, "b", "Virginia's governor", "Virginia will not comply with this request at all.", "It is a political stunt."),
		quoteArticle(t, "c", "McAuliffe", "We will not hand over the data of Virginia voters to anyone, not now and not ever."),
	})
	if len(c.Speakers) != 2 {
		t.Fatalf("%d rows; want 2", len(c.Speakers))
	}
	before := fmt.Sprint(c.Speakers)
	m, err := c.MergeSpeakers("virginia's governor", "gov. terry mcauliffe")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.Speakers) != before {
		t.Errorf("MergeSpeakers changed the corpus it was called on")
	}
	if len(m.Speakers) != 1 {
		t.Fatalf("%d rows after the merge; want 1", len(m.Speakers))
	}
	r := m.Speakers[0]
	if r.Key != "gov. terry mcauliffe" || r.Name != "Gov. Terry McAuliffe" || !slices.Equal(r.Names, []string{"Gov. Terry McAuliffe", "McAuliffe", "Virginia's governor"}) {
		t.Errorf("merged row: key %q name %q names %q", r.Key, r.Name, r.Names)
	}
	var order []string
	for _, q := range r.Quotes {
		order = append(order, q.ArticleID)
	}
	if !slices.Equal(order, []string{"a", "b", "b", "c"}) {
		t.Errorf("merged quotes' articles %q; want a b b c", order)
	}
	if len(m.Links) != 1 || !m.Links[0].Contained {
		t.Errorf("links after the merge: %+v; want the one containment link", m.Links)
	}
	for _, tt := range []struct{ from, into string }{
		{"nobody", "gov. terry mcauliffe"},
		{"gov. terry mcauliffe", "nobody"},
		{"gov. terry mcauliffe", "gov. terry mcauliffe"},
	} {
		if _, err := c.MergeSpeakers(tt.from, tt.into); err == nil {
			t.Errorf("MergeSpeakers(%q, %q) succeeded", tt.from, tt.into)
		}
	}
}

func TestBuildCorpusUnattributedAndEmpty(t *testing.T) {
	art := annotations.ArticleFromText("x", "Title\n\n\"It is what it is and we will see,\" someone said.\n")
	s := tagSet(t, art, "test", tag{typ: annotations.Quote, exact: "It is what it is and we will see,"})
	c := BuildCorpus([]CorpusEntry{{art, s}, {nil, nil}})
	if len(c.Speakers) != 0 || len(c.Unattributed) != 1 || c.Unattributed[0].ArticleTitle != "Title" {
		t.Errorf("corpus %+v; want one unattributed quote", c)
	}
	if c := BuildCorpus(nil); len(c.Speakers)+len(c.Links)+len(c.Unattributed) != 0 {
		t.Errorf("empty corpus %+v", c)
	}
}

// mergeSpeakersDeep is MergeSpeakers as it was: it copies the whole corpus
// deeply, then merges and sorts the copy. The tests hold the new one to its
// results.
func mergeSpeakersDeep(c *Corpus, fromKey, intoKey string) *Corpus {
	cloneQuotes := func(qs []CorpusQuote) []CorpusQuote {
		qs = slices.Clone(qs)
		for i := range qs {
			qs[i].Links = slices.Clone(qs[i].Links)
		}
		return qs
	}
	out := &Corpus{
		Speakers:     slices.Clone(c.Speakers),
		Links:        slices.Clone(c.Links),
		Unattributed: cloneQuotes(c.Unattributed),
		articleOrder: c.articleOrder,
	}
	for i := range out.Speakers {
		out.Speakers[i].Names = slices.Clone(out.Speakers[i].Names)
		out.Speakers[i].Quotes = cloneQuotes(out.Speakers[i].Quotes)
	}
	for i := range out.Links {
		out.Links[i].Quotes = slices.Clone(out.Links[i].Quotes)
		out.Links[i].Diff = slices.Clone(out.Links[i].Diff)
	}
	from := slices.IndexFunc(out.Speakers, func(s CorpusSpeaker) bool { return s.Key == fromKey })
	into := slices.IndexFunc(out.Speakers, func(s CorpusSpeaker) bool { return s.Key == intoKey })
	r := &out.Speakers[into]
	r.Names = append(r.Names, out.Speakers[from].Names...)
	r.Quotes = append(r.Quotes, out.Speakers[from].Quotes...)
	slices.SortStableFunc(r.Quotes, c.compareQuotes)
	r.finish()
	out.Speakers = slices.Delete(out.Speakers, from, from+1)
	out.sortSpeakers()
	return out
}

// manySpeakersEntries makes articles quoting speakers distinct people each
// (no name ends another), every speaker quoted quotesEach times across the
// articles, perArticle speakers an article. Every quote has words of its
// own, so none is linked, but for every tenth speaker's first quote, which
// the next article repeats word for word.
func manySpeakersEntries(tb testing.TB, speakers, quotesEach, perArticle int) []CorpusEntry {
	tb.Helper()
	var entries []CorpusEntry
	n := 0
	for first := 0; first < speakers; first += perArticle {
		for round := range quotesEach {
			id := fmt.Sprintf("art%04d-%02d", first, round)
			var text strings.Builder
			text.WriteString("Title of " + id + "\n\n")
			type q struct{ exact, speaker string }
			var qs []q
			for sp := first; sp < min(first+perArticle, speakers); sp++ {
				exact := fmt.Sprintf("Speaker%04d said words%06d and more%06d then some%06d.", sp, n, n, n)
				if sp%10 == 0 && round == 1 {
					exact = fmt.Sprintf("Speaker%04d said words%06d and more%06d then some%06d.", sp, n-perArticle, n-perArticle, n-perArticle)
				}
				n++
				qs = append(qs, q{exact, fmt.Sprintf("Person%04d Surname%04d", sp, sp)})
				text.WriteString(exact + "\n\n")
			}
			art := annotations.ArticleFromText(id, text.String())
			s := annotations.NewSet(art, "bench", fixture.Now)
			for _, x := range qs {
				start := strings.Index(art.Text, x.exact)
				if start < 0 {
					tb.Fatalf("no %q in %s", x.exact, id)
				}
				start = len([]rune(art.Text[:start]))
				a, err := s.Add(art, annotations.Quote, start, start+len([]rune(x.exact)))
				if err != nil {
					tb.Fatal(err)
				}
				sp, err := s.AddSpeaker(x.speaker)
				if err != nil {
					tb.Fatal(err)
				}
				if err := s.Attribute(a.ID, sp.ID); err != nil {
					tb.Fatal(err)
				}
			}
			entries = append(entries, CorpusEntry{art, s})
		}
	}
	return entries
}

// TestCorpusMergeSharesAndMatchesDeepCopy: a merge leaves the corpus it was
// called on as it was built, though the copy shares its rows; and it gives
// what merging a deep copy gave, merge after merge, on the seed articles and
// on many speakers.
func TestCorpusMergeSharesAndMatchesDeepCopy(t *testing.T) {
	seed := func() []CorpusEntry {
		gold, art0 := gold.Set(t)
		s1, art1 := seed1Set(t)
		return []CorpusEntry{{art0, gold}, {art1, s1}}
	}
	for _, tt := range []struct {
		name    string
		entries []CorpusEntry
		merges  [][2]string
	}{
		{"seed articles", seed(), [][2]string{
			{"kris kobach", "delbert hosemann"},
			{"terry mcauliffe", "a federal judge"},
			{"delbert hosemann", "a federal judge"},
		}},
		// The first row's names fill three of a slice of four: a merge that
		// appended to it would write where the next merge writes too.
		{"names with room to grow", []CorpusEntry{
			quoteArticle(t, "a", "Hosemann", "We will not hand over the data of Mississippi voters.", "Go jump in the Gulf."),
			quoteArticle(t, "b", "Secretary of State Delbert Hosemann", "It is a political stunt and nothing more."),
			quoteArticle(t, "c", "Delbert Hosemann", "Our office has received nothing at all."),
			quoteArticle(t, "d", "Kris Kobach", "A letter will be sent to all the states."),
			quoteArticle(t, "e", "Terry McAuliffe", "Virginia will not comply with this request at all.", "We will not hand over the data of Virginia voters."),
		}, [][2]string{{"kris kobach", "terry mcauliffe"}}},
		{"many speakers", manySpeakersEntries(t, 60, 3, 7), [][2]string{
			{"person0003 surname0003", "person0040 surname0040"},
			{"person0040 surname0040", "person0010 surname0010"}, // a row with a link into one without
			{"person0059 surname0059", "person0000 surname0000"},
			{"person0001 surname0001", "person0002 surname0002"},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := BuildCorpus(tt.entries)
			var chain []*Corpus // every corpus of the chain, each with its fresh twin
			var twins []*Corpus
			cur, twin := c, BuildCorpus(tt.entries)
			for _, m := range tt.merges {
				if _, ok := cur.Speaker(m[0]); !ok {
					t.Fatalf("no row %q to merge", m[0])
				}
				next, err := cur.MergeSpeakers(m[0], m[1])
				if err != nil {
					t.Fatal(err)
				}
				want := mergeSpeakersDeep(twin, m[0], m[1])
				if !reflect.DeepEqual(next, want) {
					t.Errorf("merging %q into %q:\n got %s\nwant %s", m[0], m[1], describeRows(next), describeRows(want))
				}
				if !slices.IsSortedFunc(next.Speakers, compareCorpusSpeakers) {
					t.Errorf("rows out of order after merging %q into %q", m[0], m[1])
				}
				chain, twins = append(chain, cur), append(twins, twin)
				cur, twin = next, want
			}
			chain, twins = append(chain, cur), append(twins, twin)
			// Merge everything into the first row from the original too:
			// the copies must not write into arrays the others share.
			fresh := BuildCorpus(tt.entries)
			var merged []*Corpus
			for _, s := range c.Speakers[1:] {
				m, err := c.MergeSpeakers(s.Key, c.Speakers[0].Key)
				if err != nil {
					t.Fatal(err)
				}
				merged = append(merged, m)
			}
			for i, s := range c.Speakers[1:] {
				if want := mergeSpeakersDeep(fresh, s.Key, c.Speakers[0].Key); !reflect.DeepEqual(merged[i], want) {
					t.Errorf("merging %q into %q, then others into it from the same corpus:\n got %s\nwant %s", s.Key, c.Speakers[0].Key, describeRows(merged[i]), describeRows(want))
				}
			}
			if !reflect.DeepEqual(c, fresh) {
				t.Errorf("the merges changed the corpus they started from")
			}
			if tt.name == "many speakers" && len(c.Links) == 0 {
				t.Errorf("no links: the test wants rows with linked quotes")
			}
			for i := range chain {
				if !reflect.DeepEqual(chain[i], twins[i]) {
					t.Errorf("corpus %d of the chain changed after later merges", i)
				}
			}
		})
	}
}

func describeRows(c *Corpus) string {
	var sb strings.Builder
	for _, s := range c.Speakers {
		fmt.Fprintf(&sb, "\n  %s %q %q %d quotes", s.Key, s.Name, s.Names, len(s.Quotes))
	}
	return sb.String()
}

// BenchmarkCorpusMergeSpeakers merges two rows of a corpus of 1,000 speakers
// with 10 quotes each: MergeSpeakers against the deep copy it used to make.
func BenchmarkCorpusMergeSpeakers(b *testing.B) {
	c := BuildCorpus(manySpeakersEntries(b, 1000, 10, 50))
	if len(c.Speakers) != 1000 {
		b.Fatalf("%d rows; want 1000", len(c.Speakers))
	}
	from, into := c.Speakers[700].Key, c.Speakers[300].Key
	b.Run("shared", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.MergeSpeakers(from, into); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deep-copy", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mergeSpeakersDeep(c, from, into)
		}
	})
}
