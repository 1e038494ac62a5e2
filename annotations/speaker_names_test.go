package annotations

import (
	"fmt"
	"strings"
	"testing"

	"quotemark/internal/fixture"
)

func TestNameRule(t *testing.T) {
	tests := []struct {
		a, b            string
		same, aExtendsB bool
	}{
		{"Delbert Hosemann", "Hosemann", true, true},
		{"delbert  HOSEMANN", "Hosemann,", true, true},      // folded
		{"Delbert Hosemann", "Mr. Hosemann", true, true},    // a leading title is not part of the key
		{"Mr. Hosemann", "Hosemann", true, false},           // equal keys: neither extends the other
		{"Hosemann", "Ann", false, false},                   // whole words only
		{"Delbert Hosemann", "Mann", false, false},          // whole words only
		{"Delbert Hosemann", "Delbert", false, false},       // a first name is not an ending
		{"Delbert Hosemann Jr.", "Hosemann", false, false},  // nor a word in the middle
		{"Delbert Hosemann", "Mary Hosemann", false, false}, // one extends neither
		{"Mr.", "Mr.", true, false},                         // titles alone stay a name
		{"Mr.", "Hosemann", false, false},
		{"", "", false, false},
		{"Gov. Tate Reeves", "Reeves", true, true},
		{"Lawyers for the coalition", "the coalition", false, false}, // a description is not a name
		{"The Coalition", "the coalition", true, false},              // equal keys still match
	}
	for _, tt := range tests {
		if got := SameSpeakerName(tt.a, tt.b); got != tt.same {
			t.Errorf("SameSpeakerName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
		if got := SameSpeakerName(tt.b, tt.a); got != tt.same {
			t.Errorf("SameSpeakerName(%q, %q) = %v, want %v (the rule is symmetric)", tt.b, tt.a, got, tt.same)
		}
		if got := NameExtends(tt.a, tt.b); got != tt.aExtendsB {
			t.Errorf("NameExtends(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.aExtendsB)
		}
	}
	if got := NameKey("  Mrs.  Dana   WHITFIELD "); got != "dana whitfield" {
		t.Errorf("NameKey = %q", got)
	}
}

// speakersText names two people who share a surname, and Hosemann several
// ways, in an order where the short name comes first.
const speakersText = "Hosemann spoke first. Then Delbert Hosemann spoke. Mr. Hosemann agreed. " +
	"Mary Hosemann did not. Hosemann left. Ann stayed."

// tagMentions tags each (text, occurrence) as a speaker mention, through a
// History when h is not nil (an indexed set) or on the plain set.
func tagMentions(t *testing.T, s *Set, h *History, art *Article, mentions ...string) []Annotation {
	t.Helper()
	var out []Annotation
	for _, m := range mentions {
		sub, n, _ := strings.Cut(m, "#")
		k := 0
		if n != "" {
			fmt.Sscan(n, &k)
		}
		start, end := fixture.Span(t, art.Text, sub, k)
		var a Annotation
		var err error
		if h != nil {
			_, err = h.Apply(func(s *Set) error { a, err = s.Add(art, SpeakerMention, start, end); return err })
			if err == nil {
				err = h.Set().checkIndex()
			}
		} else {
			a, err = s.Add(art, SpeakerMention, start, end)
		}
		if err != nil {
			t.Fatalf("tagging %q: %v", m, err)
		}
		out = append(out, a)
	}
	return out
}

func TestMentionsThatExtendEachOtherAreOneSpeaker(t *testing.T) {
	for _, indexed := range []bool{false, true} {
		t.Run(fmt.Sprintf("indexed=%v", indexed), func(t *testing.T) {
			art := ArticleFromText("speakers", speakersText)
			s := NewSet(art, "tester", fixture.Now)
			var h *History
			if indexed {
				h = NewHistory(s)
				s = h.Set()
			}
			name := func(a Annotation) string { return h.setOr(s).SpeakerName(a.Speaker) }

			// The short name first, then the full one: one speaker, with the
			// full name; then a title and the short name again join it.
			ms := tagMentions(t, s, h, art, "Hosemann#0", "Delbert Hosemann", "Mr. Hosemann")
			if ms[0].Speaker != ms[1].Speaker || ms[1].Speaker != ms[2].Speaker {
				t.Fatalf("Hosemann, Delbert Hosemann and Mr. Hosemann are speakers %q, %q, %q; want one", name(ms[0]), name(ms[1]), name(ms[2]))
			}
			if got := h.setOr(s).SpeakerName(ms[0].Speaker); got != "Delbert Hosemann" {
				t.Errorf("the speaker is named %q, want the fuller name Delbert Hosemann", got)
			}
			if n := len(h.setOr(s).Speakers); n != 1 {
				t.Errorf("%d speakers, want 1: %v", n, h.setOr(s).Speakers)
			}

			// Another Hosemann: a name that extends neither is a new speaker.
			mary := tagMentions(t, s, h, art, "Mary Hosemann")[0]
			if mary.Speaker == ms[0].Speaker {
				t.Fatalf("Mary Hosemann joined Delbert Hosemann")
			}
			// Now "Hosemann" could be either: the nearest mention before it
			// decides (Mary Hosemann's).
			later := tagMentions(t, s, h, art, "Hosemann#4")[0]
			if later.Speaker != mary.Speaker {
				t.Errorf("the Hosemann after Mary Hosemann names %q, want Mary Hosemann (nearest before)", name(later))
			}
			// With no place to go by, an ambiguous name is a new speaker, not
			// the first in order.
			before := len(h.setOr(s).Speakers)
			sp := h.setOr(s).SpeakerForMention("Hosemann")
			if sp.ID == mary.Speaker || sp.ID == ms[0].Speaker || len(h.setOr(s).Speakers) != before+1 {
				t.Errorf("an ambiguous Hosemann at no place named %q; want a new speaker", sp.Name)
			}
			// Words are whole: "Ann" is not Hosemann.
			ann := tagMentions(t, s, h, art, "Ann")[0]
			if ann.Speaker == ms[0].Speaker || ann.Speaker == mary.Speaker || name(ann) != "Ann" {
				t.Errorf("Ann names %q", name(ann))
			}
		})
	}
}

// TestDescriptionsDoNotJoinByExtension: "the coalition" and "Lawyers for
// the coalition" are two speakers, in either order: only names are
// extended.
func TestDescriptionsDoNotJoinByExtension(t *testing.T) {
	const text = "the coalition sued. Lawyers for the coalition spoke. Lawyers for the coalition again; the coalition too."
	art := ArticleFromText("d", text)
	s := NewSet(art, "tester", fixture.Now)
	ms := tagMentions(t, s, nil, art, "the coalition#0", "Lawyers for the coalition#0")
	h := NewHistory(NewSet(art, "tester", fixture.Now))
	hs := tagMentions(t, nil, h, art, "Lawyers for the coalition#1", "the coalition#3")
	if ms[0].Speaker == ms[1].Speaker || hs[0].Speaker == hs[1].Speaker {
		t.Errorf("a description joined a longer name: %v / %v", s.Speakers, h.Set().Speakers)
	}
}

// setOr is the History's set, or s without one.
func (h *History) setOr(s *Set) *Set {
	if h == nil {
		return s
	}
	return h.Set()
}

// TestExtendingMentionRenamesInOneStep: the step that tags the fuller name
// records the speaker's new name, so that saving the change and undoing it
// keep the stored speaker right.
func TestExtendingMentionRenamesInOneStep(t *testing.T) {
	art := ArticleFromText("speakers", speakersText)
	h := NewHistory(NewSet(art, "tester", fixture.Now))
	tagMentions(t, nil, h, art, "Hosemann#0")
	start, end := fixture.Span(t, art.Text, "Delbert Hosemann", 0)
	c, err := h.Apply(func(s *Set) error { _, err := s.Add(art, SpeakerMention, start, end); return err })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Speakers) != 1 || c.Speakers[0].Before == nil || c.Speakers[0].After == nil ||
		c.Speakers[0].Before.Name != "Hosemann" || c.Speakers[0].After.Name != "Delbert Hosemann" {
		t.Fatalf("the change's speakers are %+v, want Hosemann renamed Delbert Hosemann", c.Speakers)
	}
	if _, ok := h.Undo(); !ok {
		t.Fatal("nothing to undo")
	}
	if got := h.Set().Speakers; len(got) != 1 || got[0].Name != "Hosemann" {
		t.Errorf("after undo the speakers are %v, want Hosemann back", got)
	}
	fixture.Must(t, h.Set().checkIndex())
}

// BenchmarkMentionAmongManySpeakers tags a mention on a set of 10,000
// speakers: the look-up reads the index (by folded name, key and the keys a
// name extends), so it costs the same at any number of speakers.
func BenchmarkMentionAmongManySpeakers(b *testing.B) {
	var text strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&text, "Person%d Surname%d spoke. ", i, i)
	}
	text.WriteString("Surname5000 again.")
	art := ArticleFromText("many", text.String())
	s := NewSet(art, "tester", fixture.Now)
	for i := range 10000 {
		if _, err := s.AddSpeaker(fmt.Sprintf("Person%d Surname%d", i, i)); err != nil {
			b.Fatal(err)
		}
	}
	h := NewHistory(s)
	start := strings.LastIndex(art.Text, "Surname5000") // ASCII: bytes are code points
	b.ResetTimer()
	for b.Loop() {
		c, err := h.Apply(func(s *Set) error {
			a, err := s.Add(art, SpeakerMention, start, start+len("Surname5000"))
			if err == nil && h.Set().SpeakerName(a.Speaker) != "Person5000 Surname5000" {
				err = fmt.Errorf("the mention names %q", h.Set().SpeakerName(a.Speaker))
			}
			return err
		})
		if err != nil || c == nil {
			b.Fatal(err)
		}
		h.Undo()
	}
}
