package annotations

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAnchorGold(t *testing.T) {
	s, err := Read(goldBytes(t))
	must(t, err)
	art := goldArticle(t)
	rep, err := s.Anchor(art)
	must(t, err)
	if rep.Reanchored || rep.Moved != 0 || rep.Orphaned != 0 || len(rep.Placements) != 34 {
		t.Errorf("report %+v", rep)
	}
	for id, p := range rep.Placements {
		if p != PlacedAtPosition {
			t.Errorf("%s placed by %s", id, p)
		}
	}
	if !bytes.Equal(Write(s), goldBytes(t)) {
		t.Errorf("anchoring on the same text changed the set")
	}
}

func TestAnchorRefusesTamperedSpans(t *testing.T) {
	// The sha256 matches the text, so every span must match it exactly.
	tests := []struct {
		name string
		edit func(d doc)
		want string
	}{
		{"exact", func(d doc) {
			d.ann(4)["exact"] = strings.Replace(d.ann(4)["exact"].(string), "Mexico", "Mexicx", 1)
		}, `annotations[4].exact: "They can go jump in the Gulf of Mexicx a…" does not match the article's text at 691–778, which is "They can go jump in the Gulf of Mexico a…"`},
		{"exact shifted by one", func(d doc) {
			a := d.ann(5)
			a["start"], a["end"] = 781, 789
		}, "annotations[5].exact:"},
		{"prefix", func(d doc) { d.ann(0)["prefix"] = "curity numbers and birthdates.\n" },
			`annotations[0].prefix: "curity numbers and birthdates.\n" does not match the 32 code points before 275`},
		{"suffix", func(d doc) { d.ann(33)["suffix"] = "" },
			`annotations[33].suffix: "" does not match the`},
		{"suffix with a changed quote mark", func(d doc) {
			d.ann(4)["suffix"] = strings.Replace(d.ann(4)["suffix"].(string), "”", "\"", 1)
		}, "annotations[4].suffix:"},
		{"length", func(d doc) { d.obj("article")["length"] = goldLength + 1 },
			"article.length: is 4429 but the text with that sha256 has 4428 code points"},
	}
	art := goldArticle(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := goldDoc(t)
			tt.edit(d)
			s, err := Read(d.encode(t))
			if err != nil {
				t.Fatalf("Read refused what only Anchor can check: %v", err)
			}
			before := snapshot(s)
			rep, err := s.Anchor(art)
			if err == nil {
				t.Fatalf("Anchor accepted a tampered set: %+v", rep)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n %q\nwant it to start with\n %q", err, tt.want)
			}
			if rep != nil {
				t.Errorf("a report with the error")
			}
			if snapshot(s) != before {
				t.Errorf("a refused Anchor changed the set")
			}
		})
	}
}

// reanchor anchors a copy of the reference set onto text and checks what
// holds whatever the edit: nothing is dropped, every placed annotation's
// exact is the text at its span with fresh context, the counts match, and the
// result is a valid set that writes, reads and anchors again.
func reanchor(t *testing.T, text string) (before, after *Set, rep *AnchorReport, art *Article) {
	t.Helper()
	before, _ = goldSet(t)
	after = before.Clone()
	art = ArticleFromText(goldArticleID, text)
	rep, err := after.Anchor(art)
	if err != nil {
		t.Fatalf("Anchor: %v", err)
	}
	if !rep.Reanchored {
		t.Errorf("Reanchored is false")
	}
	if after.Article != art.Ref() {
		t.Errorf("article %+v, want %+v", after.Article, art.Ref())
	}
	if len(after.Annotations)+len(after.Orphans) != len(before.Annotations) || len(rep.Placements) != len(before.Annotations) {
		t.Fatalf("%d placed + %d orphans, %d placements, from %d", len(after.Annotations), len(after.Orphans), len(rep.Placements), len(before.Annotations))
	}
	if rep.Orphaned != len(after.Orphans) {
		t.Errorf("report counts %d orphans, the set has %d", rep.Orphaned, len(after.Orphans))
	}
	moved := 0
	for _, a := range after.Annotations {
		old, _ := before.Annotation(a.ID)
		want, err := art.Span(a.Start, a.End)
		if err != nil || want.Exact != a.Exact || want.Prefix != a.Prefix || want.Suffix != a.Suffix {
			t.Errorf("%s at %d–%d: %q %q %q does not match the text %q %q %q", a.ID, a.Start, a.End, a.Prefix, a.Exact, a.Suffix, want.Prefix, want.Exact, want.Suffix)
		}
		if a.Exact != old.Exact || a.Type != old.Type || a.Speaker != old.Speaker || a.Form != old.Form || a.Checkworthy != old.Checkworthy || a.Note != old.Note {
			t.Errorf("%s changed more than its place: %+v, was %+v", a.ID, a, old)
		}
		switch rep.Placements[a.ID] {
		case PlacedAtPosition:
			if a.Start != old.Start {
				t.Errorf("%s placed at its position but moved %d → %d", a.ID, old.Start, a.Start)
			}
		case PlacedBySearch:
			if a.Start != old.Start {
				moved++
			}
		default:
			t.Errorf("%s is placed but reported %q", a.ID, rep.Placements[a.ID])
		}
	}
	if moved != rep.Moved {
		t.Errorf("report counts %d moved, %d did", rep.Moved, moved)
	}
	for _, o := range after.Orphans {
		old, ok := before.Annotation(o.Annotation.ID)
		if !ok || o.Annotation != old || o.Reason == "" || rep.Placements[old.ID] != NotPlaced {
			t.Errorf("orphan %+v", o)
		}
	}
	if err := after.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	r, err := Read(Write(after))
	if err != nil {
		t.Fatalf("Read(Write(re-anchored)): %v", err)
	}
	if rep2, err := r.Anchor(art); err != nil || rep2.Reanchored {
		t.Errorf("re-anchored set does not anchor on its new text: %v", err)
	}
	return before, after, rep, art
}

func TestAnchorSentencesInsertedBefore(t *testing.T) {
	text := goldArticle(t).Text
	intro := "Editor’s note: this story was updated. 😀 Two sentences were added.\n\n"
	delta := utf8.RuneCountInString(intro)
	before, after, rep, _ := reanchor(t, intro+text)
	if rep.Orphaned != 0 || rep.Moved != 34 {
		t.Errorf("report %+v", rep)
	}
	for _, a := range after.Annotations {
		old, _ := before.Annotation(a.ID)
		if a.Start != old.Start+delta || a.End != old.End+delta {
			t.Errorf("%s at %d–%d, want %d–%d", a.ID, a.Start, a.End, old.Start+delta, old.End+delta)
		}
		if rep.Placements[a.ID] != PlacedBySearch {
			t.Errorf("%s placed by %s", a.ID, rep.Placements[a.ID])
		}
	}
}

func TestAnchorWordChangedElsewhere(t *testing.T) {
	text := goldArticle(t).Text
	old := "He has gone to great lengths"
	if strings.Count(text, old) != 1 {
		t.Fatal("reference article changed")
	}
	edited := strings.Replace(text, old, "He has gone to considerable lengths", 1)
	at := cpIndex(t, text, old, 0)
	before, after, rep, _ := reanchor(t, edited)
	if rep.Orphaned != 0 {
		t.Errorf("%d orphans", rep.Orphaned)
	}
	shifted := 0
	for _, a := range after.Annotations {
		o, _ := before.Annotation(a.ID)
		switch {
		case o.Start < at:
			if a.Start != o.Start || rep.Placements[a.ID] != PlacedAtPosition {
				t.Errorf("%s before the edit moved to %d (%s)", a.ID, a.Start, rep.Placements[a.ID])
			}
		default:
			shifted++
			if a.Start != o.Start+7 || rep.Placements[a.ID] != PlacedBySearch {
				t.Errorf("%s after the edit at %d (%s), want %d", a.ID, a.Start, rep.Placements[a.ID], o.Start+7)
			}
		}
	}
	if shifted != rep.Moved || shifted != 17 {
		t.Errorf("%d shifted, %d reported moved", shifted, rep.Moved)
	}
	// The claim ending just before the edit keeps its place; its suffix is
	// the new text's.
	claim, _ := after.Annotation("cab013f8-71f2-5215-a3e5-89bf1c1a78e3")
	if claim.End != 2246 || !strings.Contains(claim.Suffix, "considerable") {
		t.Errorf("claim before the edit: %d–%d suffix %q", claim.Start, claim.End, claim.Suffix)
	}
}

func TestAnchorAnnotatedSentenceDeleted(t *testing.T) {
	text := goldArticle(t).Text
	sentence := "“They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,” Hosemann said in a statement on Friday. "
	if strings.Count(text, sentence) != 1 {
		t.Fatal("reference article changed")
	}
	at := cpIndex(t, text, sentence, 0)
	delta := utf8.RuneCountInString(sentence)
	before, after, rep, art := reanchor(t, strings.Replace(text, sentence, "", 1))
	const quote = "fc044a1e-1212-586a-b488-00c65648c6cf" // "They can go jump…"
	const mention = "4d48bd0f-ca65-56d8-9701-7445b9675316"
	if rep.Placements[quote] != NotPlaced || rep.Orphaned != 1 || len(after.Orphans) != 1 || after.Orphans[0].Annotation.ID != quote {
		t.Fatalf("report %+v, orphans %+v", rep, after.Orphans)
	}
	if !strings.Contains(after.Orphans[0].Reason, "not found") {
		t.Errorf("reason %q", after.Orphans[0].Reason)
	}
	// The mention "Hosemann" in the deleted sentence occurs elsewhere, so it
	// is placed on another "Hosemann".
	if m, ok := after.Annotation(mention); !ok || m.Exact != "Hosemann" || rep.Placements[mention] != PlacedBySearch {
		t.Errorf("mention %+v %s", m, rep.Placements[mention])
	}
	for _, a := range after.Annotations {
		o, _ := before.Annotation(a.ID)
		if a.ID == mention {
			continue
		}
		want := o.Start
		if o.Start > at {
			want -= delta
		}
		if a.Start != want {
			t.Errorf("%s at %d, want %d", a.ID, a.Start, want)
		}
	}
	// The orphan is kept across a write in memory, not in the file.
	if bytes.Contains(Write(after), []byte(quote)) {
		t.Errorf("the orphan was written")
	}
	// PlaceOrphan puts it back on a span of the new text.
	start := cpIndex(t, art.Text, "Mississippi residents", 0)
	placed, err := after.PlaceOrphan(art, 0, start, start+len("Mississippi residents"))
	must(t, err)
	if placed.ID != quote || placed.Speaker != hosemannID || placed.Form != Direct || placed.Exact != "Mississippi residents" || len(after.Orphans) != 0 {
		t.Errorf("placed %+v, orphans %v", placed, after.Orphans)
	}
	if a, ok := after.Annotation(quote); !ok || a != placed {
		t.Errorf("set holds %+v", a)
	}
	must(t, after.Validate())
}

func TestAnchorPrefersAgreeingContext(t *testing.T) {
	oldArt := ArticleFromText("ctx", "Hosemann said no. Kobach said yes. Hosemann said maybe.")
	s := NewSet(oldArt, "", testNow)
	start := cpIndex(t, oldArt.Text, "said", 1) // Kobach's
	a, err := s.Add(oldArt, Quote, start, start+4)
	must(t, err)
	// Kobach's sentence moves first; the "said" nearest the old position is
	// now Hosemann's, but only Kobach's has the context.
	newArt := ArticleFromText("ctx", "Kobach said yes. Hosemann said no. Hosemann said maybe.")
	rep, err := s.Anchor(newArt)
	must(t, err)
	got, _ := s.Annotation(a.ID)
	if got.Start != 7 || got.Prefix != "Kobach " || rep.Placements[a.ID] != PlacedBySearch {
		t.Errorf("placed at %d with prefix %q (%s), want Kobach's at 7", got.Start, got.Prefix, rep.Placements[a.ID])
	}
}

func TestAnchorDistrustsPositionWithOtherContext(t *testing.T) {
	// After the edit another "said" sits at the annotation's old position.
	// The old position is not enough: the context says where it went.
	oldArt := ArticleFromText("ctx", "Bob said yes. Al said no.")
	s := NewSet(oldArt, "", testNow)
	start := cpIndex(t, oldArt.Text, "said", 1) // Al's, at 17
	a, err := s.Add(oldArt, Quote, start, start+4)
	must(t, err)
	newArt := ArticleFromText("ctx", "Intro texts. Bob said yes. Al said no.")
	if newArt.Offsets().Slice(start, start+4) != "said" {
		t.Fatal("test text does not put Bob's said at the old position")
	}
	rep, err := s.Anchor(newArt)
	must(t, err)
	got, _ := s.Annotation(a.ID)
	want := cpIndex(t, newArt.Text, "said", 1)
	if got.Start != want || got.Prefix != "Intro texts. Bob said yes. Al " || rep.Placements[a.ID] != PlacedBySearch || rep.Moved != 1 {
		t.Errorf("placed at %d with prefix %q (%s), want Al's at %d", got.Start, got.Prefix, rep.Placements[a.ID], want)
	}
}

func TestAnchorTieGoesToTheNearest(t *testing.T) {
	// "X" at 8 with prefix "abcdefg " and suffix " def". In the new text
	// the X at 3, 6 and 9 each agree on one code point (the space before),
	// so the one nearest the old position wins: 9, not the first.
	oldArt := ArticleFromText("tie", "abcdefg X def")
	s := NewSet(oldArt, "", testNow)
	a, err := s.Add(oldArt, Quote, 8, 9)
	must(t, err)
	rep, err := s.Anchor(ArticleFromText("tie", "X, X, X, X"))
	must(t, err)
	got, _ := s.Annotation(a.ID)
	if got.Start != 9 || rep.Placements[a.ID] != PlacedBySearch {
		t.Errorf("placed at %d (%s), want the nearest tie at 9", got.Start, rep.Placements[a.ID])
	}
}

func TestAnchorWithEmojiAndCombiningMarks(t *testing.T) {
	oldText := "👩‍👩‍👧 said: “q\u0303uite 😀 right.” End."
	oldArt := ArticleFromText("e", oldText)
	s := NewSet(oldArt, "", testNow)
	start, end := span(t, oldArt, "q\u0303uite 😀 right.", 0)
	a, err := s.Add(oldArt, Quote, start, end)
	must(t, err)
	newArt := ArticleFromText("e", "😀😀😀 Intro.\n"+oldText)
	rep, err := s.Anchor(newArt)
	must(t, err)
	got, _ := s.Annotation(a.ID)
	if got.Start != start+11 || newArt.Offsets().Slice(got.Start, got.End) != a.Exact || rep.Moved != 1 {
		t.Errorf("placed at %d–%d, want %d", got.Start, got.End, start+11)
	}
}

func TestAnchorKeepsEarlierOrphans(t *testing.T) {
	s, _ := goldSet(t)
	text := goldArticle(t).Text
	first := "“They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,”"
	second := "“patently misleading representations”"
	b := ArticleFromText(goldArticleID, strings.Replace(text, first, "", 1))
	rep, err := s.Anchor(b)
	must(t, err)
	if rep.Orphaned != 1 || len(s.Orphans) != 1 {
		t.Fatalf("first edit: %d orphans", len(s.Orphans))
	}
	c := ArticleFromText(goldArticleID, strings.Replace(b.Text, second, "", 1))
	rep, err = s.Anchor(c)
	must(t, err)
	// The quote and the claim around it are gone.
	if rep.Orphaned != 2 || len(s.Orphans) != 3 {
		t.Fatalf("second edit: report %d, %d orphans", rep.Orphaned, len(s.Orphans))
	}
	if len(s.Annotations)+len(s.Orphans) != 34 {
		t.Errorf("%d annotations and %d orphans", len(s.Annotations), len(s.Orphans))
	}
}

func TestAnchorTruncatedText(t *testing.T) {
	text := goldArticle(t).Text
	r := []rune(text)
	_, after, rep, _ := reanchor(t, string(r[:2000]))
	if rep.Orphaned == 0 {
		t.Errorf("nothing orphaned")
	}
	for _, a := range after.Annotations {
		if a.End > 2000 {
			t.Errorf("%s at %d–%d past the new end", a.ID, a.Start, a.End)
		}
	}
}

func TestAnchorUnrelatedText(t *testing.T) {
	_, after, rep, _ := reanchor(t, "Nothing of the original is left here.")
	if rep.Orphaned != 34 || len(after.Annotations) != 0 {
		t.Errorf("report %+v", rep)
	}
}

func TestPlaceOrphanRefuses(t *testing.T) {
	s, _ := goldSet(t)
	text := goldArticle(t).Text
	newArt := ArticleFromText(goldArticleID, strings.Replace(text, "patently misleading representations", "false claims", 1))
	_, err := s.Anchor(newArt)
	must(t, err)
	// The quote "patently misleading representations" and the claim
	// around it.
	if len(s.Orphans) != 2 {
		t.Fatalf("%d orphans", len(s.Orphans))
	}
	tests := []struct {
		name       string
		art        *Article
		i          int
		start, end int
		want       string
	}{
		{"no such orphan", newArt, 2, 0, 5, "no orphan 2"},
		{"negative index", newArt, -1, 0, 5, "no orphan -1"},
		{"old text", goldArticle(t), 0, 0, 5, "another version"},
		{"empty span", newArt, 0, 5, 5, "not inside"},
		{"past the end", newArt, 0, 5, newArt.Length + 1, "not inside"},
	}
	for _, tt := range tests {
		before := snapshot(s)
		if _, err := s.PlaceOrphan(tt.art, tt.i, tt.start, tt.end); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
		if snapshot(s) != before {
			t.Errorf("%s: a refused PlaceOrphan changed the set", tt.name)
		}
	}
	if err := s.DeleteOrphan(2); err == nil {
		t.Errorf("DeleteOrphan(2) accepted")
	}
	must(t, s.DeleteOrphan(0))
	must(t, s.DeleteOrphan(0))
	if len(s.Orphans) != 0 || len(s.Annotations) != 32 {
		t.Errorf("after DeleteOrphan: %d orphans, %d annotations", len(s.Orphans), len(s.Annotations))
	}
	if err := s.DeleteOrphan(0); err == nil {
		t.Errorf("DeleteOrphan on none accepted")
	}
}

func TestDeleteOrphanKeepsTheOthers(t *testing.T) {
	s, _ := goldSet(t)
	s2, _ := reanchorOnto(t, s, "Nothing left.")
	ids := []string{s2.Orphans[0].Annotation.ID, s2.Orphans[1].Annotation.ID, s2.Orphans[2].Annotation.ID}
	must(t, s2.DeleteOrphan(1))
	if len(s2.Orphans) != 33 || s2.Orphans[0].Annotation.ID != ids[0] || s2.Orphans[1].Annotation.ID != ids[2] {
		t.Errorf("DeleteOrphan(1) removed the wrong one")
	}
}

func reanchorOnto(t *testing.T, s *Set, text string) (*Set, *Article) {
	t.Helper()
	art := ArticleFromText(s.Article.ID, text)
	c := s.Clone()
	_, err := c.Anchor(art)
	must(t, err)
	return c, art
}

// Orphans keep their speakers through speaker operations, so that placing
// them again keeps the attribution.
func TestSpeakerOperationsReachOrphans(t *testing.T) {
	s, _ := goldSet(t)
	text := goldArticle(t).Text
	sentence := "“They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,” Hosemann said"
	s, art := reanchorOnto(t, s, strings.Replace(text, sentence, "Hosemann", 1))
	orphanQuote := -1
	for i, o := range s.Orphans {
		if o.Annotation.Type == Quote {
			orphanQuote = i
		}
	}
	if orphanQuote < 0 {
		t.Fatalf("orphans %+v", s.Orphans)
	}

	// Merging Hosemann into a new speaker moves the orphan's attribution.
	merged, err := s.AddSpeaker("Delbert Hosemann (Secretary of State)")
	must(t, err)
	must(t, s.MergeSpeakers(hosemannID, merged.ID))
	if got := s.Orphans[orphanQuote].Annotation.Speaker; got != merged.ID {
		t.Errorf("orphan still attributed to %q after the merge", got)
	}
	start := cpIndex(t, art.Text, "Mississippi residents", 0)
	placed, err := s.PlaceOrphan(art, orphanQuote, start, start+5)
	must(t, err)
	if placed.Speaker != merged.ID {
		t.Errorf("placed orphan attributed to %q, want the merged speaker", s.SpeakerName(placed.Speaker))
	}
	must(t, s.Validate())
}

func TestDeleteSpeakerNamedByOrphanedMention(t *testing.T) {
	art := ArticleFromText("x", "Dana Whitfield said “yes”. Then more text.")
	s := NewSet(art, "", testNow)
	start, end := span(t, art, "Dana Whitfield", 0)
	m, err := s.Add(art, Mention, start, end)
	must(t, err)
	start, end = span(t, art, "yes", 0)
	q, err := s.Add(art, Quote, start, end)
	must(t, err)
	must(t, s.Attribute(q.ID, m.Speaker))
	s2, art2 := reanchorOnto(t, s, "Someone else said “no”. Then more text.")
	if len(s2.Orphans) != 2 {
		t.Fatalf("orphans %+v", s2.Orphans)
	}
	// The speaker is named only by an orphaned mention: deleting it would
	// leave a mention that can never be placed again.
	before := snapshot(s2)
	if err := s2.DeleteSpeaker(m.Speaker); err == nil || !strings.Contains(err.Error(), "mention") {
		t.Errorf("DeleteSpeaker: %v", err)
	}
	if snapshot(s2) != before {
		t.Errorf("a refused DeleteSpeaker changed the set")
	}
	// Once the mention orphan is gone, the speaker can go, and the orphaned
	// quote becomes unattributed as an annotation would.
	for i, o := range s2.Orphans {
		if o.Annotation.Type == Mention {
			must(t, s2.DeleteOrphan(i))
			break
		}
	}
	must(t, s2.DeleteSpeaker(m.Speaker))
	if s2.Orphans[0].Annotation.Speaker != "" {
		t.Errorf("orphaned quote still attributed to a deleted speaker")
	}
	start, end = span(t, art2, "no", 0)
	placed, err := s2.PlaceOrphan(art2, 0, start, end)
	must(t, err)
	if placed.Speaker != "" {
		t.Errorf("placed %+v", placed)
	}
	must(t, s2.Validate())
}

func TestAnchorRepeatedTextStaysInItsCopy(t *testing.T) {
	// Three identical copies: every exact text and its context occur three
	// times, and each annotation must stay in its own copy.
	gold, goldArt := goldSet(t)
	sep := "\n\n😀 ⁂ 👩‍👩‍👧\n\n"
	text := strings.Repeat(goldArt.Text+sep, 3)
	art := ArticleFromText("copies", text)
	s := NewSet(art, "", testNow)
	s.Speakers = gold.Speakers
	step := goldArt.Length + utf8.RuneCountInString(sep)
	for c := range 3 {
		for _, g := range gold.Annotations {
			a, err := art.Span(c*step+g.Start, c*step+g.End)
			must(t, err)
			a.ID = fmt.Sprintf("00000000-0000-4000-8000-%04d%08d", c, len(s.Annotations))
			a.Type, a.Speaker, a.Form, a.Checkworthy = g.Type, g.Speaker, g.Form, g.Checkworthy
			s.Annotations = append(s.Annotations, a)
		}
	}
	s.sort()
	must(t, s.Validate())
	before := s.Clone()
	intro := "Inserted. 😀\n"
	rep, err := s.Anchor(ArticleFromText("copies", intro+text))
	must(t, err)
	delta := utf8.RuneCountInString(intro)
	if rep.Orphaned != 0 || rep.Moved != len(before.Annotations) {
		t.Errorf("report: %d moved, %d orphaned", rep.Moved, rep.Orphaned)
	}
	for _, a := range s.Annotations {
		old, _ := before.Annotation(a.ID)
		if a.Start != old.Start+delta {
			t.Errorf("%s (%q) went from %d to %d, want %d", a.ID, clip(a.Exact), old.Start, a.Start, old.Start+delta)
		}
	}
}
