package annotations

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"quotemark/internal/fixture"
)

func TestAnchorGold(t *testing.T) {
	s, err := Read(goldBytes(t))
	fixture.Must(t, err)
	art := goldArticle(t)
	rep, err := s.Anchor(art)
	fixture.Must(t, err)
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
		{"length", func(d doc) { d.obj("article")["length"] = fixture.GoldLength + 1 },
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
	art = ArticleFromText(fixture.GoldArticleID, text)
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
	moved, approx := 0, 0
	for _, a := range after.Annotations {
		old, _ := before.Annotation(a.ID)
		want, err := art.Span(a.Start, a.End)
		if err != nil || want.Exact != a.Exact || want.Prefix != a.Prefix || want.Suffix != a.Suffix {
			t.Errorf("%s at %d–%d: %q %q %q does not match the text %q %q %q", a.ID, a.Start, a.End, a.Prefix, a.Exact, a.Suffix, want.Prefix, want.Exact, want.Suffix)
		}
		how := rep.Placements[a.ID]
		if how != PlacedApproximately && a.Exact != old.Exact || a.Type != old.Type || a.Speaker != old.Speaker || a.Form != old.Form || a.Checkworthy != old.Checkworthy || a.Note != old.Note {
			t.Errorf("%s changed more than its place: %+v, was %+v", a.ID, a, old)
		}
		conf, ok := rep.Confidence[a.ID]
		if !ok || conf <= 0 || conf > 1 {
			t.Errorf("%s placed with confidence %v (%v)", a.ID, conf, ok)
		}
		switch how {
		case PlacedAtPosition:
			if a.Start != old.Start {
				t.Errorf("%s placed at its position but moved %d → %d", a.ID, old.Start, a.Start)
			}
		case PlacedBySearch:
			if a.Start != old.Start {
				moved++
			}
		case PlacedApproximately:
			approx++
			if c, ok := after.Approximate[a.ID]; !ok || c != conf || conf >= 1 {
				t.Errorf("%s placed approximately with confidence %v, the set records %v (%v)", a.ID, conf, c, ok)
			}
		default:
			t.Errorf("%s is placed but reported %q", a.ID, how)
		}
	}
	if moved != rep.Moved {
		t.Errorf("report counts %d moved, %d did", rep.Moved, moved)
	}
	if approx != rep.Approximate || approx != len(after.Approximate) {
		t.Errorf("report counts %d placed approximately, %d were, the set lists %d", rep.Approximate, approx, len(after.Approximate))
	}
	if len(rep.Confidence) != len(after.Annotations) {
		t.Errorf("%d confidences for %d placed", len(rep.Confidence), len(after.Annotations))
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
	at := fixture.CPIndex(t, text, old, 0)
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
	at := fixture.CPIndex(t, text, sentence, 0)
	delta := utf8.RuneCountInString(sentence)
	before, after, rep, art := reanchor(t, strings.Replace(text, sentence, "", 1))
	const quote = "fc044a1e-1212-586a-b488-00c65648c6cf" // "They can go jump…"
	const mention = "4d48bd0f-ca65-56d8-9701-7445b9675316"
	if rep.Placements[quote] != NotPlaced || rep.Orphaned != 2 || len(after.Orphans) != 2 || after.Orphans[0].Annotation.ID != quote {
		t.Fatalf("report %+v, orphans %+v", rep, after.Orphans)
	}
	if !strings.Contains(after.Orphans[0].Reason, "not found") {
		t.Errorf("reason %q", after.Orphans[0].Reason)
	}
	// The mention "Hosemann" in the deleted sentence occurs elsewhere, but
	// not in its old surroundings (the nearest to them, "…,” Hosemann said
	// in a statement in July", is already a mention of this set): a short
	// text is not placed without its context, so it is an orphan, not a
	// second mention of another "Hosemann".
	if rep.Placements[mention] != NotPlaced || after.Orphans[1].Annotation.ID != mention ||
		!strings.Contains(after.Orphans[1].Reason, "none in its old surroundings") {
		t.Errorf("mention %s, orphans %+v", rep.Placements[mention], after.Orphans)
	}
	for _, a := range after.Annotations {
		o, _ := before.Annotation(a.ID)
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
	start := fixture.CPIndex(t, art.Text, "Mississippi residents", 0)
	placed, err := after.PlaceOrphan(art, 0, start, start+len("Mississippi residents"))
	fixture.Must(t, err)
	if placed.ID != quote || placed.Speaker != hosemannID || placed.Form != Direct || placed.Exact != "Mississippi residents" || len(after.Orphans) != 1 {
		t.Errorf("placed %+v, orphans %v", placed, after.Orphans)
	}
	if a, ok := after.Annotation(quote); !ok || a != placed {
		t.Errorf("set holds %+v", a)
	}
	fixture.Must(t, after.Validate())
}

func TestAnchorPrefersAgreeingContext(t *testing.T) {
	oldArt := ArticleFromText("ctx", "Hosemann said no to the request of the commission. Kobach said yes to the request of the commission. Hosemann said maybe.")
	s := NewSet(oldArt, "", fixture.Now)
	start := fixture.CPIndex(t, oldArt.Text, "said", 1) // Kobach's
	a, err := s.Add(oldArt, Quote, start, start+4)
	fixture.Must(t, err)
	// Kobach's sentence moves first; the "said" nearest the old position is
	// now Hosemann's, but only Kobach's has the context.
	newArt := ArticleFromText("ctx", "Kobach said yes to the request of the commission. Hosemann said no to the request of the commission. Hosemann said maybe.")
	rep, err := s.Anchor(newArt)
	fixture.Must(t, err)
	got, _ := s.Annotation(a.ID)
	if got.Start != 7 || got.Prefix != "Kobach " || rep.Placements[a.ID] != PlacedBySearch {
		t.Errorf("placed at %d with prefix %q (%s), want Kobach's at 7", got.Start, got.Prefix, rep.Placements[a.ID])
	}
}

func TestAnchorDistrustsPositionWithOtherContext(t *testing.T) {
	// After the edit another "said" sits at the annotation's old position.
	// The old position is not enough: the context says where it went.
	oldArt := ArticleFromText("ctx", "Bob said yes. Al said no.")
	s := NewSet(oldArt, "", fixture.Now)
	start := fixture.CPIndex(t, oldArt.Text, "said", 1) // Al's, at 17
	a, err := s.Add(oldArt, Quote, start, start+4)
	fixture.Must(t, err)
	newArt := ArticleFromText("ctx", "Intro texts. Bob said yes. Al said no.")
	if newArt.Offsets().Slice(start, start+4) != "said" {
		t.Fatal("test text does not put Bob's said at the old position")
	}
	rep, err := s.Anchor(newArt)
	fixture.Must(t, err)
	got, _ := s.Annotation(a.ID)
	want := fixture.CPIndex(t, newArt.Text, "said", 1)
	if got.Start != want || got.Prefix != "Intro texts. Bob said yes. Al " || rep.Placements[a.ID] != PlacedBySearch || rep.Moved != 1 {
		t.Errorf("placed at %d with prefix %q (%s), want Al's at %d", got.Start, got.Prefix, rep.Placements[a.ID], want)
	}
}

func TestAnchorTieGoesToTheNearest(t *testing.T) {
	// Three copies of one sentence; the middle copy's "X" is annotated. An
	// intro moves them all and the word after every X changes, so no copy
	// agrees in full and all three agree equally: the one nearest the old
	// position wins, not the first.
	unit := "The same long sentence comes before X and the same one after it.\n"
	oldArt := ArticleFromText("tie", strings.Repeat(unit, 3))
	s := NewSet(oldArt, "", fixture.Now)
	start := fixture.CPIndex(t, oldArt.Text, "X", 1)
	a, err := s.Add(oldArt, Quote, start, start+1)
	fixture.Must(t, err)
	newText := "Intro. " + strings.ReplaceAll(strings.Repeat(unit, 3), "X and", "X but")
	rep, err := s.Anchor(ArticleFromText("tie", newText))
	fixture.Must(t, err)
	got, _ := s.Annotation(a.ID)
	if want := start + 7; got.Start != want || rep.Placements[a.ID] != PlacedBySearch || rep.Confidence[a.ID] >= 1 {
		t.Errorf("placed at %d (%s, %v), want the middle copy at %d", got.Start, rep.Placements[a.ID], rep.Confidence[a.ID], want)
	}
}

func TestAnchorWithEmojiAndCombiningMarks(t *testing.T) {
	oldText := "👩‍👩‍👧 said: “q\u0303uite 😀 right.” End."
	oldArt := ArticleFromText("e", oldText)
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, "q\u0303uite 😀 right.", 0)
	a, err := s.Add(oldArt, Quote, start, end)
	fixture.Must(t, err)
	newArt := ArticleFromText("e", "😀😀😀 Intro.\n"+oldText)
	rep, err := s.Anchor(newArt)
	fixture.Must(t, err)
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
	b := ArticleFromText(fixture.GoldArticleID, strings.Replace(text, first, "", 1))
	rep, err := s.Anchor(b)
	fixture.Must(t, err)
	if rep.Orphaned != 1 || len(s.Orphans) != 1 {
		t.Fatalf("first edit: %d orphans", len(s.Orphans))
	}
	c := ArticleFromText(fixture.GoldArticleID, strings.Replace(b.Text, second, "", 1))
	rep, err = s.Anchor(c)
	fixture.Must(t, err)
	// The quote is gone; the claim around it lost the quote's words and is
	// placed approximately.
	if rep.Orphaned != 1 || len(s.Orphans) != 2 || rep.Placements[goldClaim] != PlacedApproximately || s.Approximate[goldClaim] == 0 {
		t.Fatalf("second edit: report %+v, %d orphans", rep, len(s.Orphans))
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
	claim := "Kobach was fined $1,000 by a federal judge last week for making “patently misleading representations” about documents he took to a November meeting with Trump that relate to federal voting law"
	newArt := ArticleFromText(fixture.GoldArticleID, strings.Replace(text, claim, "Kobach made false claims", 1))
	_, err := s.Anchor(newArt)
	fixture.Must(t, err)
	// The claim, and the quote "patently misleading representations" and
	// the mention "a federal judge" inside it.
	if len(s.Orphans) != 3 {
		t.Fatalf("%d orphans", len(s.Orphans))
	}
	tests := []struct {
		name       string
		art        *Article
		i          int
		start, end int
		want       string
	}{
		{"no such orphan", newArt, 3, 0, 5, "no orphan 3"},
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
	if err := s.DeleteOrphan(3); err == nil {
		t.Errorf("DeleteOrphan(3) accepted")
	}
	fixture.Must(t, s.DeleteOrphan(0))
	fixture.Must(t, s.DeleteOrphan(0))
	fixture.Must(t, s.DeleteOrphan(0))
	if len(s.Orphans) != 0 || len(s.Annotations) != 31 {
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
	fixture.Must(t, s2.DeleteOrphan(1))
	if len(s2.Orphans) != 33 || s2.Orphans[0].Annotation.ID != ids[0] || s2.Orphans[1].Annotation.ID != ids[2] {
		t.Errorf("DeleteOrphan(1) removed the wrong one")
	}
}

func reanchorOnto(t *testing.T, s *Set, text string) (*Set, *Article) {
	t.Helper()
	art := ArticleFromText(s.Article.ID, text)
	c := s.Clone()
	_, err := c.Anchor(art)
	fixture.Must(t, err)
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
	fixture.Must(t, err)
	fixture.Must(t, s.MergeSpeakers(hosemannID, merged.ID))
	if got := s.Orphans[orphanQuote].Annotation.Speaker; got != merged.ID {
		t.Errorf("orphan still attributed to %q after the merge", got)
	}
	start := fixture.CPIndex(t, art.Text, "Mississippi residents", 0)
	placed, err := s.PlaceOrphan(art, orphanQuote, start, start+5)
	fixture.Must(t, err)
	if placed.Speaker != merged.ID {
		t.Errorf("placed orphan attributed to %q, want the merged speaker", s.SpeakerName(placed.Speaker))
	}
	fixture.Must(t, s.Validate())
}

func TestDeleteSpeakerNamedByOrphanedMention(t *testing.T) {
	art := ArticleFromText("x", "Dana Whitfield said “yes”. Then more text.")
	s := NewSet(art, "", fixture.Now)
	start, end := fixture.Span(t, art.Text, "Dana Whitfield", 0)
	m, err := s.Add(art, SpeakerMention, start, end)
	fixture.Must(t, err)
	start, end = fixture.Span(t, art.Text, "yes", 0)
	q, err := s.Add(art, Quote, start, end)
	fixture.Must(t, err)
	fixture.Must(t, s.Attribute(q.ID, m.Speaker))
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
		if o.Annotation.Type == SpeakerMention {
			fixture.Must(t, s2.DeleteOrphan(i))
			break
		}
	}
	fixture.Must(t, s2.DeleteSpeaker(m.Speaker))
	if s2.Orphans[0].Annotation.Speaker != "" {
		t.Errorf("orphaned quote still attributed to a deleted speaker")
	}
	start, end = fixture.Span(t, art2.Text, "no", 0)
	placed, err := s2.PlaceOrphan(art2, 0, start, end)
	fixture.Must(t, err)
	if placed.Speaker != "" {
		t.Errorf("placed %+v", placed)
	}
	fixture.Must(t, s2.Validate())
}

func TestAnchorRepeatedTextStaysInItsCopy(t *testing.T) {
	// Three identical copies: every exact text and its context occur three
	// times, and each annotation must stay in its own copy.
	gold, goldArt := goldSet(t)
	sep := "\n\n😀 ⁂ 👩‍👩‍👧\n\n"
	text := strings.Repeat(goldArt.Text+sep, 3)
	art := ArticleFromText("copies", text)
	s := NewSet(art, "", fixture.Now)
	s.Speakers = gold.Speakers
	step := goldArt.Length + utf8.RuneCountInString(sep)
	for c := range 3 {
		for _, g := range gold.Annotations {
			a, err := art.Span(c*step+g.Start, c*step+g.End)
			fixture.Must(t, err)
			a.ID = fmt.Sprintf("00000000-0000-4000-8000-%04d%08d", c, len(s.Annotations))
			a.Type, a.Speaker, a.Form, a.Checkworthy = g.Type, g.Speaker, g.Form, g.Checkworthy
			s.Annotations = append(s.Annotations, a)
		}
	}
	s.Sort()
	fixture.Must(t, s.Validate())
	before := s.Clone()
	intro := "Inserted. 😀\n"
	rep, err := s.Anchor(ArticleFromText("copies", intro+text))
	fixture.Must(t, err)
	delta := utf8.RuneCountInString(intro)
	if rep.Orphaned != 0 || rep.Moved != len(before.Annotations) {
		t.Errorf("report: %d moved, %d orphaned", rep.Moved, rep.Orphaned)
	}
	for _, a := range s.Annotations {
		old, _ := before.Annotation(a.ID)
		if a.Start != old.Start+delta {
			t.Errorf("%s (%q) went from %d to %d, want %d", a.ID, Clip(a.Exact, 40), old.Start, a.Start, old.Start+delta)
		}
	}
}

const (
	goldQuote = "fc044a1e-1212-586a-b488-00c65648c6cf" // "They can go jump in the Gulf of Mexico…"
	goldClaim = "b3c453ef-3f6a-50f2-8b4c-40f90b6fdc69" // "Kobach was fined $1,000…"
)

func TestAnchorRewordedQuoteIsPlacedApproximately(t *testing.T) {
	text := goldArticle(t).Text
	edited := strings.Replace(text, "Mississippi is a great state to launch", "Mississippi is a fine state to launch", 1)
	before, after, rep, _ := reanchor(t, edited)
	if rep.Orphaned != 0 || rep.Approximate != 1 || rep.Placements[goldQuote] != PlacedApproximately {
		t.Fatalf("report %+v", rep)
	}
	old, _ := before.Annotation(goldQuote)
	a, _ := after.Annotation(goldQuote)
	want := "They can go jump in the Gulf of Mexico and Mississippi is a fine state to launch from,"
	if a.Start != old.Start || a.Exact != want {
		t.Errorf("placed at %d: %q, want %d: %q", a.Start, a.Exact, old.Start, want)
	}
	if c := rep.Confidence[goldQuote]; c >= 1 || c < 0.9 || after.Approximate[goldQuote] != c {
		t.Errorf("confidence %v, the set records %v", c, after.Approximate[goldQuote])
	}
	// Everything else is found by its exact text; the mention right after
	// the quote keeps its place though its prefix changed.
	for id, p := range rep.Placements {
		if id != goldQuote && p == PlacedApproximately {
			t.Errorf("%s placed approximately", id)
		}
	}
	const mention = "4d48bd0f-ca65-56d8-9701-7445b9675316"
	m, _ := after.Annotation(mention)
	if old, _ := before.Annotation(mention); rep.Placements[mention] != PlacedBySearch || m.Start != old.Start-1 {
		t.Errorf("mention after the quote placed by %s at %d", rep.Placements[mention], m.Start)
	}

	// The user checks it.
	if err := after.ConfirmPlacement("00000000-0000-4000-8000-000000000000"); err == nil {
		t.Errorf("confirmed an unknown annotation")
	}
	fixture.Must(t, after.ConfirmPlacement(goldQuote))
	if after.Approximate != nil {
		t.Errorf("still approximate: %v", after.Approximate)
	}
	if err := after.ConfirmPlacement(goldQuote); err == nil || !strings.Contains(err.Error(), "not placed approximately") {
		t.Errorf("confirmed twice: %v", err)
	}
}

func TestAnchorRewordedFirstWord(t *testing.T) {
	text := goldArticle(t).Text
	edited := strings.Replace(text, "“They can go jump", "“You can go jump", 1)
	_, after, rep, _ := reanchor(t, edited)
	a, _ := after.Annotation(goldQuote)
	if rep.Placements[goldQuote] != PlacedApproximately || !strings.HasPrefix(a.Exact, "You can go jump") || !strings.HasSuffix(a.Exact, "launch from,") {
		t.Errorf("%s: %q", rep.Placements[goldQuote], a.Exact)
	}
}

func TestAnchorClaimLosingWordsIsApproximate(t *testing.T) {
	// Words cut from the middle of a long claim.
	text := goldArticle(t).Text
	edited := strings.Replace(text, " by a federal judge last week", "", 1)
	_, after, rep, _ := reanchor(t, edited)
	a, _ := after.Annotation(goldClaim)
	if rep.Placements[goldClaim] != PlacedApproximately || !strings.HasPrefix(a.Exact, "Kobach was fined $1,000 for making") || !strings.HasSuffix(a.Exact, "federal voting law") {
		t.Errorf("%s: %q", rep.Placements[goldClaim], a.Exact)
	}
	// The mention "a federal judge" was cut with them.
	if rep.Orphaned != 1 {
		t.Errorf("%d orphans: %+v", rep.Orphaned, after.Orphans)
	}
}

func TestAnchorLongQuoteInNewSurroundings(t *testing.T) {
	// The claim is moved to the end of the article: its exact text is there,
	// but nothing around it is. A long text is distinctive, so it is placed,
	// but approximately, so that someone looks.
	text := goldArticle(t).Text
	claim, _ := func() (Annotation, bool) { s, _ := goldSet(t); return s.Annotation(goldClaim) }()
	edited := strings.Replace(text, claim.Exact, "", 1) + "\n\nAppendix: " + claim.Exact
	_, after, rep, art := reanchor(t, edited)
	a, _ := after.Annotation(goldClaim)
	if rep.Placements[goldClaim] != PlacedApproximately || a.Exact != claim.Exact || a.End != art.Length {
		t.Errorf("%s at %d–%d", rep.Placements[goldClaim], a.Start, a.End)
	}
	if c := rep.Confidence[goldClaim]; c >= 0.8 || c < minConfidence {
		t.Errorf("confidence %v", c)
	}
}

func TestAnchorInsertionsAndDeletionsAround(t *testing.T) {
	// Sentences inserted and deleted between annotations, none annotated:
	// every annotation is found by its exact text, shifted.
	text := goldArticle(t).Text
	cut := "Hosemann touted the smooth election process last fall."
	if !strings.Contains(text, cut) {
		t.Fatalf("the reference article has no sentence %q to delete", cut)
	}
	edited := strings.Replace(text, cut, "", 1)
	edited = strings.Replace(edited, "\n\n", "\n\nA sentence with 😀 and q\u0303 was inserted here. ", 3)
	before, after, rep, _ := reanchor(t, edited)
	if rep.Orphaned != 0 {
		t.Errorf("%d orphans %+v, want every annotation placed", rep.Orphaned, after.Orphans)
	}
	// An annotation whose whole context survived the edits is placed
	// exactly; only those whose prefix or suffix an edit touched may be
	// marked approximate.
	for _, a := range before.Annotations {
		intact := strings.Contains(edited, a.Prefix+a.Exact+a.Suffix)
		if got := rep.Placements[a.ID]; intact && got != PlacedBySearch && got != PlacedAtPosition {
			t.Errorf("%s %q with its context intact was placed %s", a.Type, Clip(a.Exact, 40), got)
		}
		if b, ok := after.Annotation(a.ID); !ok || b.Exact != a.Exact {
			t.Errorf("%s %q is not on its words after the edit", a.Type, Clip(a.Exact, 40))
		}
	}
	if rep.Approximate == len(before.Annotations) {
		t.Errorf("every annotation marked approximate; the edits touch only a few contexts")
	}
}

func TestAnchorRepeatedPhraseFollowsItsContext(t *testing.T) {
	// The annotated occurrence is reworded; an identical copy of the old
	// wording remains elsewhere in other surroundings. The reworded one, in
	// the annotation's own surroundings, wins.
	phrase := "the new budget plan will surely work for everyone in town"
	oldText := "Ann Smith told the council on Monday that " + phrase + ". Nobody answered her.\n\n" +
		"Later that week, at the market, Bob Jones repeated that " + phrase + "."
	oldArt := ArticleFromText("rep", oldText)
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, phrase, 0)
	a, err := s.Add(oldArt, Quote, start, end)
	fixture.Must(t, err)
	newText := strings.Replace(oldText, "will surely work", "might work", 1)
	rep, err := s.Anchor(ArticleFromText("rep", newText))
	fixture.Must(t, err)
	got, _ := s.Annotation(a.ID)
	if got.Start != start || got.Exact != "the new budget plan might work for everyone in town" || rep.Placements[a.ID] != PlacedApproximately {
		t.Errorf("placed at %d: %q (%s)", got.Start, got.Exact, rep.Placements[a.ID])
	}
}

func TestAnchorShortTextWithoutContextIsOrphaned(t *testing.T) {
	oldArt := ArticleFromText("s", "The mayor, Dana Whitfield, said the budget was fine. Then we left.")
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, "Dana Whitfield", 0)
	m, err := s.Add(oldArt, SpeakerMention, start, end)
	fixture.Must(t, err)
	// Her sentence is gone; her name appears in an unrelated one.
	rep, err := s.Anchor(ArticleFromText("s", "Weather today: rain. Dana Whitfield Park is closed for repairs until May."))
	fixture.Must(t, err)
	if rep.Placements[m.ID] != NotPlaced || len(s.Orphans) != 1 || !strings.Contains(s.Orphans[0].Reason, "once in this version") {
		t.Errorf("%s, orphans %+v", rep.Placements[m.ID], s.Orphans)
	}
	// With half its context still there, it is found, for a person to
	// check.
	s2 := NewSet(oldArt, "", fixture.Now)
	m2, err := s2.Add(oldArt, SpeakerMention, start, end)
	fixture.Must(t, err)
	rep, err = s2.Anchor(ArticleFromText("s", "The mayor, Dana Whitfield, said nothing more. Then we left."))
	fixture.Must(t, err)
	if rep.Placements[m2.ID] != PlacedApproximately {
		t.Errorf("with its prefix: %s", rep.Placements[m2.ID])
	}
}

func TestAnchorNeverStacksTwoOfOneTypeOnASpan(t *testing.T) {
	// Two mentions of the same name with similar surroundings; one sentence
	// is deleted. Both mentions could claim the one left, but only one may
	// have it: the one whose context agrees more.
	oldText := "Dana Whitfield said on Monday that it was fine. Later, Dana Whitfield said on Tuesday that it was not."
	oldArt := ArticleFromText("c", oldText)
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, "Dana Whitfield", 0)
	first, err := s.Add(oldArt, SpeakerMention, start, end)
	fixture.Must(t, err)
	start, end = fixture.Span(t, oldArt.Text, "Dana Whitfield", 1)
	second, err := s.Add(oldArt, SpeakerMention, start, end)
	fixture.Must(t, err)
	rep, err := s.Anchor(ArticleFromText("c", "Later, Dana Whitfield said on Tuesday that it was not."))
	fixture.Must(t, err)
	if rep.Placements[second.ID] == NotPlaced || rep.Placements[first.ID] != NotPlaced || len(s.Annotations) != 1 {
		t.Errorf("first %s, second %s; orphans %+v", rep.Placements[first.ID], rep.Placements[second.ID], s.Orphans)
	}
	// Straight from the rule: the less confident of two placements on one
	// span becomes an orphan, unless they shared a span before.
	anns := []Annotation{{Type: SpeakerMention, Start: 0, End: 4}, {Type: SpeakerMention, Start: 10, End: 14}, {Type: SpeakerMention, Start: 10, End: 14}, {Type: Quote, Start: 20, End: 24}}
	results := []placing{{how: PlacedBySearch, start: 3, end: 7, conf: 0.7}, {how: PlacedBySearch, start: 3, end: 7, conf: 0.9},
		{how: PlacedBySearch, start: 3, end: 7, conf: 0.9}, {how: PlacedBySearch, start: 3, end: 7, conf: 0.95}}
	refuseCollisions(anns, results)
	if got := []Placement{results[0].how, results[1].how, results[2].how, results[3].how}; !slices.Equal(got, []Placement{NotPlaced, PlacedBySearch, PlacedBySearch, PlacedBySearch}) {
		t.Errorf("collisions resolved to %v", got)
	}
}

func TestAnchorApproximateWithEmojiAndCombiningMarks(t *testing.T) {
	oldText := "👩‍👩‍👧 said: “q\u0303uite 😀 right, said the word fox.” End of the story, told again."
	oldArt := ArticleFromText("e", oldText)
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, "q\u0303uite 😀 right, said the word fox", 0)
	a, err := s.Add(oldArt, Quote, start, end)
	fixture.Must(t, err)
	// The emoji changes, and the last word gains a combining mark: the
	// approximate match must not end between "x" and its tilde.
	newText := "👨‍👩‍👧 intro. " + strings.Replace(strings.Replace(oldText, "😀", "😃", 1), "fox", "box\u0303", 1)
	newArt := ArticleFromText("e", newText)
	rep, err := s.Anchor(newArt)
	fixture.Must(t, err)
	got, _ := s.Annotation(a.ID)
	want := "q\u0303uite 😃 right, said the word box\u0303"
	if rep.Placements[a.ID] != PlacedApproximately || got.Exact != want || newArt.Offsets().Slice(got.Start, got.End) != want {
		t.Errorf("%s: %q at %d–%d, want %q", rep.Placements[a.ID], got.Exact, got.Start, got.End, want)
	}
	fixture.Must(t, s.Validate())
}

func TestApproximateFollowsTheAnnotation(t *testing.T) {
	text := goldArticle(t).Text
	edited := strings.Replace(text, "Mississippi is a great state", "Mississippi is a fine state", 1)
	edited = strings.Replace(edited, " by a federal judge last week", " last week", 1)
	_, s, rep, _ := reanchor(t, edited)
	if rep.Approximate != 2 || len(s.Approximate) != 2 {
		t.Fatalf("report %+v", rep)
	}
	// Clone copies it.
	c := s.Clone()
	delete(c.Approximate, goldQuote)
	if _, ok := s.Approximate[goldQuote]; !ok {
		t.Errorf("Clone shares Approximate")
	}
	// The browser's storage record keeps it; the v1 file does not.
	data, err := MarshalStored(s)
	fixture.Must(t, err)
	back, err := UnmarshalStored(data)
	fixture.Must(t, err)
	if len(back.Approximate) != 2 || back.Approximate[goldQuote] != s.Approximate[goldQuote] {
		t.Errorf("stored and back: %v, was %v", back.Approximate, s.Approximate)
	}
	if bytes.Contains(Write(s), []byte("approximate")) {
		t.Errorf("the v1 file mentions approximate")
	}
	// Editing an annotation means someone looked at it; deleting it ends it.
	fixture.Must(t, s.Update(goldQuote, func(a *Annotation) { a.Note = "checked" }))
	if _, ok := s.Approximate[goldQuote]; ok {
		t.Errorf("Update kept the approximate mark")
	}
	fixture.Must(t, s.Delete(goldClaim))
	if s.Approximate != nil {
		t.Errorf("Delete kept the approximate mark: %v", s.Approximate)
	}
	// A stored record naming an unknown annotation or a bad confidence is
	// refused.
	for _, bad := range []string{`{"x":0.5}`, `{"` + goldQuote + `":1.5}`} {
		rec := strings.Replace(string(data), `"approximate":{`, `"approximate":`+bad+`,"unused":{`, 1)
		if _, err := UnmarshalStored([]byte(rec)); err == nil || !strings.Contains(err.Error(), "approximate") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

func TestAnchorAgainKeepsUnconfirmedApproximate(t *testing.T) {
	text := goldArticle(t).Text
	edited := strings.Replace(text, "Mississippi is a great state", "Mississippi is a fine state", 1)
	_, s, _, _ := reanchor(t, edited)
	c := s.Approximate[goldQuote]
	// Another edit elsewhere: the quote is found exactly now, but nobody
	// has checked it yet.
	rep, err := s.Anchor(ArticleFromText(fixture.GoldArticleID, "Intro.\n\n"+edited))
	fixture.Must(t, err)
	if rep.Placements[goldQuote] != PlacedBySearch || s.Approximate[goldQuote] != c {
		t.Errorf("%s, approximate %v", rep.Placements[goldQuote], s.Approximate)
	}
}

func TestAnchorMentionNeedsItsExactName(t *testing.T) {
	// The sentence with Ali Smith's mention is gone; Zoë Smith appears in
	// the same words. A mention on "Zoë Smith" would name someone else.
	oldArt := ArticleFromText("m", "The meeting ran late. Ali Smith said the plan would work. Nobody agreed.")
	s := NewSet(oldArt, "", fixture.Now)
	start, end := fixture.Span(t, oldArt.Text, "Ali Smith", 0)
	m, err := s.Add(oldArt, SpeakerMention, start, end)
	fixture.Must(t, err)
	rep, err := s.Anchor(ArticleFromText("m", "The meeting ran late. Zoë Smith said the plan would work. Nobody agreed."))
	fixture.Must(t, err)
	if rep.Placements[m.ID] != NotPlaced {
		got, _ := s.Annotation(m.ID)
		t.Errorf("mention placed on %q (%s)", got.Exact, rep.Placements[m.ID])
	}
}

// TestAnchorEditedArticle runs the benchmark's scenario at a fifth of its
// size: a generated article with sentences inserted, deleted and reworded.
func TestAnchorEditedArticle(t *testing.T) {
	c := generateEdited(t, 1, 10_000, 200)
	s := c.set.Clone()
	rep, err := s.Anchor(c.new)
	fixture.Must(t, err)
	q := measureAnchoring(c, s)
	silent := 0
	for _, a := range s.Annotations {
		if w, ok := c.want[a.ID]; (!ok || a.Start != w[0] || a.End != w[1]) && rep.Placements[a.ID] != PlacedApproximately {
			silent++
			t.Errorf("%s %q placed by %s at %d–%d, want %v", a.Type, a.Exact, rep.Placements[a.ID], a.Start, a.End, w)
		}
	}
	reworded := 0
	for id := range c.reworded {
		if _, ok := c.want[id]; ok {
			reworded++
			if rep.Placements[id] != PlacedApproximately {
				t.Errorf("%s, with a word changed, placed by %s", id, rep.Placements[id])
			}
		}
	}
	if q.correct < 196 || reworded == 0 || rep.Orphaned == 0 {
		t.Errorf("%+v of 200, %d reworded, report %d orphaned %d approximate", q, reworded, rep.Orphaned, rep.Approximate)
	}
	fixture.Must(t, s.Validate())
}
