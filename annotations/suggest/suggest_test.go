package suggest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

// suggested lists the suggestions of one type with at least the default
// confidence as "exact" or, with withSpeaker, "exact @ speaker".
func suggested(sugg []annotations.Suggestion, typ annotations.Type, withSpeaker bool) []string {
	var out []string
	for _, s := range sugg {
		if s.Annotation.Type != typ || s.Confidence < annotations.DefaultSuggestionConfidence {
			continue
		}
		x := s.Annotation.Exact
		if withSpeaker {
			x += " @ " + s.SpeakerName
		}
		out = append(out, x)
	}
	return out
}

type suggestCase struct {
	name     string
	text     string
	quotes   []string // "exact @ speaker"; nil: not checked, []string{}: none
	mentions []string // "exact @ speaker"
	claims   []string // "exact"
	forms    map[string]annotations.Form
}

func runSuggestCases(t *testing.T, cases []suggestCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			art := annotations.ArticleFromText("t", tc.text)
			sugg := Suggest(art)
			check := func(what string, got, want []string) {
				t.Helper()
				if want != nil && !slices.Equal(got, want) {
					t.Errorf("%s:\n got  %q\n want %q", what, got, want)
				}
			}
			check("quotes", suggested(sugg, annotations.Quote, true), tc.quotes)
			check("mentions", suggested(sugg, annotations.SpeakerMention, true), tc.mentions)
			check("claims", suggested(sugg, annotations.Claim, false), tc.claims)
			for exact, form := range tc.forms {
				found := false
				for _, s := range sugg {
					if s.Annotation.Type == annotations.Quote && s.Annotation.Exact == exact {
						found = true
						if s.Annotation.Form != form {
							t.Errorf("quote %q: form %s, want %s", exact, s.Annotation.Form, form)
						}
					}
				}
				if !found {
					t.Errorf("no quote %q", exact)
				}
			}
		})
	}
}

func TestSuggestDirectQuotes(t *testing.T) {
	runSuggestCases(t, []suggestCase{
		{name: "apostrophes are not marks",
			text:     "“We don't fix Harbor's roads like in the ’90s,” said Ana Ruiz. The voters’ patience is gone, she said.",
			quotes:   []string{"We don't fix Harbor's roads like in the ’90s, @ Ana Ruiz", "The voters’ patience is gone @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "plural possessive inside single marks",
			text:   "Ruiz said: ‘The voters’ money is gone.’",
			quotes: []string{"The voters’ money is gone. @ Ruiz"}},
		{name: "straight marks",
			text:   `"It's done," Ana Ruiz said. 'We'll see,' said Tom Berg.`,
			quotes: []string{"It's done, @ Ana Ruiz", "We'll see, @ Tom Berg"}},
		{name: "nested quotation belongs to the outer",
			text:   "“They told me, ‘no way,’ and left,” Ana Ruiz said.",
			quotes: []string{"They told me, ‘no way,’ and left, @ Ana Ruiz"}},
		{name: "multi-paragraph quotation",
			text:   "Ana Ruiz said: “First part.\n\n“Second part.\n\n“Third part.”\n\nThe end.",
			quotes: []string{"First part. @ Ana Ruiz", "Second part. @ Ana Ruiz", "Third part. @ Ana Ruiz"}},
		{name: "unclosed mark does not swallow the rest",
			text:   "Ruiz called the “plan a failure.\n\nLater, “It works,” Tom Berg said. “Really.”",
			quotes: []string{"It works, @ Tom Berg", "Really. @ Tom Berg"}},
		{name: "unclosed mark ends at its attribution",
			text:     "“Nobody asked us, said Ana Ruiz, who owns a bakery. She left.",
			quotes:   []string{"Nobody asked us, @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "scare quotes and titles",
			text:   "The so-called “smart” meters failed. She saw the film “Heat” twice. A group called “Save Our Parks” met.",
			quotes: []string{}},
		{name: "embedded post",
			text:     "The mayor posted:\n\nGreat news for the harbor today. — Ana Ruiz (@anaruiz) May 1, 2025\n",
			quotes:   []string{"Great news for the harbor today. @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "embedded post on its own line",
			text:   "Great news for the harbor today.\n— Ana Ruiz (@anaruiz) May 1, 2025\n",
			quotes: []string{"Great news for the harbor today. @ Ana Ruiz"}},
		{name: "embedded post in marks",
			text:   "“Great news for the harbor today.” — Ana Ruiz (@anaruiz) May 1, 2025\n",
			quotes: []string{"Great news for the harbor today. @ Ana Ruiz"}},
		{name: "guillemets and low-high marks",
			text:   "«We are ready,» said Ana Ruiz. „It is late“, said Tom Berg.",
			quotes: []string{"We are ready, @ Ana Ruiz", "It is late @ Tom Berg"}},
		{name: "quotation interrupted by its attribution",
			text:   "Ana Ruiz spoke first. “A thing,” she said, “and another.”",
			quotes: []string{"A thing, @ Ana Ruiz", "and another. @ Ana Ruiz"}},
		{name: "fragment in the reporter's sentence",
			text:     "Ana Ruiz pushed back, calling the lawsuit “ill conceived and badly drafted.”",
			quotes:   []string{"ill conceived and badly drafted. @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
	})
}

func TestSuggestScareQuotesHaveLowConfidence(t *testing.T) {
	art := annotations.ArticleFromText("t", "The so-called “smart” meters failed. She saw the film “Heat” twice.")
	for _, s := range Suggest(art) {
		if s.Annotation.Type == annotations.Quote && s.Confidence >= annotations.DefaultSuggestionConfidence {
			t.Errorf("%q: confidence %.2f, want below %.2f", s.Annotation.Exact, s.Confidence, annotations.DefaultSuggestionConfidence)
		}
	}
}

func TestSuggestSpeakers(t *testing.T) {
	runSuggestCases(t, []suggestCase{
		{name: "said X, title",
			text:     "“Go,” said Ana Ruiz, the mayor.",
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "X said before the quote",
			text:     "Ana Ruiz said, “Go now.”",
			quotes:   []string{"Go now. @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "colon",
			text:     "Ruiz: ‘We won’",
			quotes:   []string{"We won @ Ruiz"},
			mentions: []string{"Ruiz @ Ruiz"}},
		{name: "fullest form and shortest mention",
			text:     "Harbor Mayor Ana Ruiz opened the bridge.\n\nLater, “It is safe,” Ruiz said.",
			quotes:   []string{"It is safe, @ Ana Ruiz"},
			mentions: []string{"Ruiz @ Ana Ruiz"}},
		{name: "title before the name is not the mention",
			text:     "“It is safe,” Harbor Secretary of State Ana Ruiz said.",
			mentions: []string{"Ana Ruiz @ Ana Ruiz"}},
		{name: "appositive between name and verb",
			text:     "Ruiz, a Democrat who won in 2020, said the bridge is safe.",
			quotes:   []string{"the bridge is safe @ Ruiz"},
			mentions: []string{"Ruiz @ Ruiz"}},
		{name: "pronoun resolved, not marked",
			text:     "Tom Berg chairs the panel. He said the budget was cut.",
			quotes:   []string{"the budget was cut @ Tom Berg"},
			mentions: []string{}},
		{name: "pronoun takes the most recent person",
			text:     "Ana Ruiz spoke. Tom Berg chairs the panel. “It is over,” he said.",
			quotes:   []string{"It is over, @ Tom Berg"},
			mentions: []string{}},
		{name: "description as source",
			text:     "“The case is closed,” a federal judge wrote.",
			mentions: []string{"a federal judge @ a federal judge"}},
	})
}

func TestSuggestIndirectQuotes(t *testing.T) {
	runSuggestCases(t, []suggestCase{
		{name: "said that",
			text:     "Ana Ruiz said on Monday that the bridge would reopen in May.",
			quotes:   []string{"the bridge would reopen in May @ Ana Ruiz"},
			mentions: []string{"Ana Ruiz @ Ana Ruiz"},
			forms:    map[string]annotations.Form{"the bridge would reopen in May": annotations.Indirect}},
		{name: "said without that",
			text:   "Ana Ruiz says the bridge is safe.",
			quotes: []string{"the bridge is safe @ Ana Ruiz"}},
		{name: "told someone that",
			text:   "Tom Berg told reporters on Friday that the vote was delayed.",
			quotes: []string{"the vote was delayed @ Tom Berg"}},
		{name: "according to, after",
			text:     "The road will close for a week, according to the city engineer.",
			quotes:   []string{"The road will close for a week @ the city engineer"},
			mentions: []string{"the city engineer @ the city engineer"}},
		{name: "according to, before",
			text:   "According to Tom Berg, the road will close for a week.",
			quotes: []string{"the road will close for a week @ Tom Berg"}},
		{name: "reversed report",
			text:     "The bridge will reopen in May, officials said Tuesday.",
			quotes:   []string{"The bridge will reopen in May @ officials"},
			mentions: []string{"officials @ officials"}},
		{name: "no content clause",
			text:   "Ana Ruiz said in a statement.",
			quotes: []string{}},
		{name: "participle takes the subject",
			text:   "Ana Ruiz pushed back, saying the records were public.",
			quotes: []string{"the records were public @ Ana Ruiz"}},
		{name: "mixed with a fragment in marks",
			text:  "Ana Ruiz said the utility had ignored “repeated written warnings” from regulators.",
			forms: map[string]annotations.Form{"the utility had ignored “repeated written warnings” from regulators": annotations.Mixed, "repeated written warnings": annotations.Direct}},
		{name: "a report inside a report",
			text:     "According to court documents, the coalition argues that the agency ignored its own study.",
			quotes:   []string{"the coalition argues that the agency ignored its own study @ court documents", "the agency ignored its own study @ the coalition"},
			mentions: []string{"court documents @ court documents", "the coalition @ the coalition"},
			claims:   []string{"the agency ignored its own study"}},
		{name: "people for a body",
			text:     "Lawyers for the coalition said they expect a ruling in the spring.",
			quotes:   []string{"they expect a ruling in the spring @ Lawyers for the coalition"},
			mentions: []string{"Lawyers for the coalition @ Lawyers for the coalition"}},
		{name: "found needs that",
			text:   "Police found the car in the river. The audit found that 3 percent of the funds were missing.",
			quotes: []string{"3 percent of the funds were missing @ The audit"}},
		{name: "told someone without that, with a fragment in marks",
			text:  "Tom Berg told reporters the plan \"throws money at a problem.\"",
			forms: map[string]annotations.Form{"the plan \"throws money at a problem.\"": annotations.Mixed, "throws money at a problem.": annotations.Direct}},
		{name: "possessive source",
			text:     "Berg's office said in an email that he would offer an amendment.",
			quotes:   []string{"he would offer an amendment @ Berg's office"},
			mentions: []string{"Berg's office @ Berg's office"}},
		{name: "a speech verb as a noun",
			text:   "Many other states have begun reacting to the letter.",
			quotes: []string{}},
	})
}

func TestSuggestClaims(t *testing.T) {
	runSuggestCases(t, []suggestCase{
		{name: "vote with numbers",
			text:   "The council voted 7-2 to approve the budget.",
			claims: []string{"The council voted 7-2 to approve the budget"}},
		{name: "fine and money",
			text:   "The company was fined $5,000 by a judge last week.",
			claims: []string{"The company was fined $5,000 by a judge last week"}},
		{name: "prediction, intention, opinion, question",
			text:   "The mayor will propose a new budget next year. The council plans to vote in 2026. I think the plan is great. Did the city spend $4 million?",
			claims: []string{}},
		{name: "a noun that is also a modal",
			text:   "The committee voted 15-11 to advance a $2 billion plan.",
			claims: []string{"The committee voted 15-11 to advance a $2 billion plan"}},
		{name: "comparison",
			text:   "Ruiz earned more votes than Berg in the primary.",
			claims: []string{"Ruiz earned more votes than Berg in the primary"}},
		{name: "author biography",
			text:   "Ana Ruiz is a reporter for the Ledger. She joined the newsroom in 2019 after earning a bachelor's degree in 2018.",
			claims: []string{}},
		{name: "claim inside a quote",
			text:   "“We cut taxes by 12 percent in 2023,” said Ana Ruiz.",
			claims: []string{"We cut taxes by 12 percent in 2023"}},
	})
	art := annotations.ArticleFromText("t", "“We cut taxes by 12 percent in 2023,” said Ana Ruiz. The sky is blue, the mayor said.")
	for _, s := range Suggest(art) {
		if s.Annotation.Type == annotations.Claim {
			if !s.Annotation.Checkworthy || s.SpeakerName != "Ana Ruiz" {
				t.Errorf("claim %q: checkworthy %v speaker %q, want true and Ana Ruiz", s.Annotation.Exact, s.Annotation.Checkworthy, s.SpeakerName)
			}
		}
	}
}

func TestSuggestSortedAndDeterministic(t *testing.T) {
	text := "“We cut taxes by 12 percent in 2023,” said Ana Ruiz. Tom Berg said the vote was delayed.\n\nGreat day. — Ana Ruiz (@anaruiz) May 1, 2025"
	a := Suggest(annotations.ArticleFromText("t", text))
	b := Suggest(annotations.ArticleFromText("t", text))
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("two runs differ")
	}
	for i := 1; i < len(a); i++ {
		if annotations.CompareAnnotations(a[i-1].Annotation, a[i].Annotation) > 0 {
			t.Errorf("not sorted at %d: %v then %v", i, a[i-1].Annotation, a[i].Annotation)
		}
	}
	for _, s := range a {
		if s.Rule == "" || s.Confidence <= 0 || s.Confidence > 1 || s.Annotation.ID != "" || s.Annotation.Speaker != "" {
			t.Errorf("bad suggestion %+v", s)
		}
	}
}

func TestSuggestNoPanicOnOddText(t *testing.T) {
	for _, text := range []string{"", "“", "”", "\"", "'", "‘’", "“”", "a “b", "said", "said that", "according to", "— X (@x)", "\n\n“\n\n“", "😀 “👍🏽,” said Ana Ruiz.", "He said"} {
		art := annotations.ArticleFromText("t", text)
		for _, s := range Suggest(art) {
			if _, err := art.Span(s.Annotation.Start, s.Annotation.End); err != nil {
				t.Errorf("%q: %v", text, err)
			}
		}
	}
}

func TestSuggestionsToSet(t *testing.T) {
	text := "Harbor Mayor Ana Ruiz opened the bridge. “It is safe,” Ruiz said. “It cost $4 million,” she said.\n\nGreat day. — Ana Ruiz (@anaruiz) May 1, 2025"
	art := annotations.ArticleFromText("harbor", text)
	sugg := Suggest(art)
	s, err := annotations.SuggestionsToSet(art, FilterSuggestions(sugg, annotations.DefaultSuggestionConfidence), "suggester", time.Unix(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	back, err := annotations.Read(annotations.Write(s))
	if err != nil {
		t.Fatalf("the set does not read back: %v\n%s", err, annotations.Write(s))
	}
	if _, err := back.Anchor(art); err != nil {
		t.Fatal(err)
	}
	if len(s.Speakers) != 1 || s.Speakers[0].Name != "Ana Ruiz" {
		t.Errorf("speakers %v, want one, Ana Ruiz", s.Speakers)
	}
	for _, a := range s.Annotations {
		if a.Type != annotations.Claim && a.Speaker != s.Speakers[0].ID {
			t.Errorf("%s %q not attributed to Ana Ruiz", a.Type, a.Exact)
		}
	}
	// accepting one again is refused; a new one joins the same speaker
	if _, err := s.AcceptSuggestion(art, sugg[0]); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("accepting a duplicate: %v", err)
	}
	empty := annotations.NewSet(art, "me", time.Unix(0, 0))
	for _, sg := range sugg {
		if sg.Annotation.Type == annotations.SpeakerMention {
			a, err := empty.AcceptSuggestion(art, sg)
			if err != nil {
				t.Fatal(err)
			}
			if empty.SpeakerName(a.Speaker) != "Ana Ruiz" {
				t.Errorf("mention %q names %q", a.Exact, empty.SpeakerName(a.Speaker))
			}
		}
	}
	if len(empty.Speakers) != 1 {
		t.Errorf("speakers %v, want one", empty.Speakers)
	}
	other := annotations.ArticleFromText("other", "Other text.")
	if _, err := empty.AcceptSuggestion(other, sugg[0]); err == nil {
		t.Error("accepted a suggestion for another text")
	}
}

func BenchmarkSuggest(b *testing.B) {
	text := strings.Repeat("“We cut taxes by 12 percent in 2023,” said Ana Ruiz, the mayor. Tom Berg said the vote was delayed. "+
		"The council voted 7-2 on Monday.\n\n", 500)
	art := annotations.ArticleFromText("t", text)
	for b.Loop() {
		Suggest(art)
	}
}

// FuzzSuggest checks, on any text, that every suggestion is a valid span of
// the text and that the suggestions make a valid set.
func FuzzSuggest(f *testing.F) {
	for _, s := range []string{
		"“We don't,” said Ana Ruiz. ‘Fine,’ he said. \"Yes,\" she said.",
		"Ruiz said: “A.\n\n“B.\n\n“C.”",
		"“Nobody asked us, said Ana Ruiz.",
		"Great day. — Ana Ruiz (@anaruiz) May 1, 2025",
		"According to court documents, the coalition argues that the agency ignored its study.",
		"«We are ready,» said Ana Ruiz. „It is late“, said Tom Berg.",
		"The council voted 7-2 to approve a $2 billion plan, officials said Tuesday.",
		"😀 “👍🏽 e\u0301,” said Ana Ruiz.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		raw, err := annotations.Normalize([]byte(text))
		if err != nil || strings.TrimSpace(raw) == "" {
			return
		}
		art := annotations.ArticleFromText("fuzz", raw)
		sugg := Suggest(art)
		for _, s := range sugg {
			a := s.Annotation
			want, err := art.Span(a.Start, a.End)
			if err != nil {
				t.Fatalf("%+v: %v", s, err)
			}
			if want.Exact != a.Exact || want.Prefix != a.Prefix || want.Suffix != a.Suffix {
				t.Fatalf("%+v: text does not match the span", s)
			}
			if s.Confidence < 0 || s.Confidence > 1 || s.Rule == "" {
				t.Fatalf("%+v: bad confidence or rule", s)
			}
		}
		set, err := annotations.SuggestionsToSet(art, sugg, "fuzz", time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := annotations.Read(annotations.Write(set)); err != nil {
			t.Fatalf("the set does not read back: %v", err)
		}
	})
}
