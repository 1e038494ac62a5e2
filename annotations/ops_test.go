package annotations

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

func newNamesSet(t *testing.T) (*Set, *Article) {
	t.Helper()
	art := ArticleFromText("names", fixture.NamesText)
	return NewSet(art, "tester", fixture.Now), art
}

func addAt(t *testing.T, s *Set, art *Article, typ Type, sub string, n int) Annotation {
	t.Helper()
	start, end := fixture.Span(t, art.Text, sub, n)
	a, err := s.Add(art, typ, start, end)
	if err != nil {
		t.Fatalf("Add(%s %q): %v", typ, sub, err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("after Add(%s %q): Validate: %v", typ, sub, err)
	}
	return a
}

// snapshot is everything about a set, for checking that a refused operation
// changed nothing.
func snapshot(s *Set) string {
	return string(Write(s)) + fmt.Sprintf("%#v", s.Orphans) + fmt.Sprintf("%#v%#v", s.Speakers, s.Annotations)
}

func TestNewSet(t *testing.T) {
	art := goldArticle(t)
	s := NewSet(art, "me", time.Date(2026, 1, 1, 12, 0, 0, 999, time.FixedZone("X", -3600)))
	if !IsUUID(s.ID) || s.Annotator != "me" || s.Article != art.Ref() {
		t.Errorf("%+v", s)
	}
	want := time.Date(2026, 1, 1, 13, 0, 0, 0, time.UTC)
	if !s.Created.Equal(want) || !s.Modified.Equal(want) || s.Created.Location() != time.UTC {
		t.Errorf("created %v modified %v, want %v", s.Created, s.Modified, want)
	}
	if s.Speakers == nil || s.Annotations == nil || len(s.Speakers)+len(s.Annotations) != 0 {
		t.Errorf("lists %v %v", s.Speakers, s.Annotations)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("a new set is invalid: %v", err)
	}
	if other := NewSet(art, "me", fixture.Now); other.ID == s.ID {
		t.Errorf("two sets got the same id")
	}
}

func TestSpanMatchesGold(t *testing.T) {
	s, art := goldSet(t)
	for i, a := range s.Annotations {
		got, err := art.Span(a.Start, a.End)
		if err != nil {
			t.Fatal(err)
		}
		if got.Exact != a.Exact || got.Prefix != a.Prefix || got.Suffix != a.Suffix {
			t.Errorf("annotations[%d]: Span gives %q %q %q, the reference %q %q %q", i, got.Prefix, got.Exact, got.Suffix, a.Prefix, a.Exact, a.Suffix)
		}
	}
	for _, bad := range [][2]int{{-1, 3}, {5, 5}, {6, 5}, {0, fixture.GoldLength + 1}} {
		if _, err := art.Span(bad[0], bad[1]); err == nil {
			t.Errorf("Span(%d, %d) accepted", bad[0], bad[1])
		}
	}
	if a, err := art.Span(0, fixture.GoldLength); err != nil || a.Prefix != "" || a.Suffix != "" || a.Exact != art.Text {
		t.Errorf("Span of the whole text: %v %q %q", err, a.Prefix, a.Suffix)
	}
}

func TestAddEachType(t *testing.T) {
	s, art := newNamesSet(t)
	q := addAt(t, s, art, Quote, "Fine,", 0)
	if q.Type != Quote || q.Form != Direct || q.Speaker != "" || q.Checkworthy || q.Exact != "Fine," || !IsUUID(q.ID) {
		t.Errorf("quote %+v", q)
	}
	if q.Prefix != "Kobach said so. Kobach agreed. “" || q.Suffix != "” said Dana Whitfield 👩‍👩‍👧." {
		t.Errorf("quote context %q %q", q.Prefix, q.Suffix)
	}
	c := addAt(t, s, art, Claim, "Hosemann said it twice", 0)
	if c.Type != Claim || c.Form != "" || c.Speaker != "" || c.Checkworthy {
		t.Errorf("claim %+v", c)
	}
	m := addAt(t, s, art, SpeakerMention, "Dana Whitfield", 0)
	if m.Type != SpeakerMention || m.Form != "" || m.Speaker == "" || s.SpeakerName(m.Speaker) != "Dana Whitfield" {
		t.Errorf("mention %+v speaker %q", m, s.SpeakerName(m.Speaker))
	}
	for _, a := range []Annotation{q, c, m} {
		if got, ok := s.Annotation(a.ID); !ok || got != a {
			t.Errorf("the set holds %+v, Add returned %+v", got, a)
		}
	}
	for i := 1; i < len(s.Annotations); i++ {
		if CompareAnnotations(s.Annotations[i-1], s.Annotations[i]) > 0 {
			t.Errorf("annotations not sorted after Add")
		}
	}
}

func TestAddMentionLinksSpeakers(t *testing.T) {
	s, art := newNamesSet(t)
	full := addAt(t, s, art, SpeakerMention, "Delbert Hosemann", 0)
	tests := []struct {
		sub     string
		n       int
		speaker string // name of the speaker the mention must name
		created bool
	}{
		{"Hosemann", 1, "Delbert Hosemann", false},    // ends with it as a whole word
		{"HOSEMANN", 0, "Delbert Hosemann", false},    // case is ignored
		{"HOSEMANN,", 0, "Delbert Hosemann", false},   // so is punctuation around it
		{"Mann", 0, "Mann", true},                     // not a whole word of "Hosemann"
		{"Kris\nKobach", 0, "Kris Kobach", true},      // white space collapsed
		{"Kobach", 1, "Kris Kobach", false},           // the speaker just created
		{"Dana Whitfield", 0, "Dana Whitfield", true}, // no such speaker yet
		{"Dana", 0, "Dana", true},                     // a first name is not an ending
	}
	for _, tt := range tests {
		before := len(s.Speakers)
		m := addAt(t, s, art, SpeakerMention, tt.sub, tt.n)
		if got := s.SpeakerName(m.Speaker); got != tt.speaker {
			t.Errorf("mention %q names %q, want %q", tt.sub, got, tt.speaker)
		}
		if created := len(s.Speakers) > before; created != tt.created {
			t.Errorf("mention %q: created a speaker = %v, want %v", tt.sub, created, tt.created)
		}
	}
	if got := s.SpeakerName(full.Speaker); got != "Delbert Hosemann" {
		t.Errorf("first mention names %q", got)
	}
	if len(s.Speakers) != 5 {
		t.Errorf("%d speakers: %v", len(s.Speakers), s.Speakers)
	}
}

func TestSpeakerForMentionPrefersExactName(t *testing.T) {
	s, _ := newNamesSet(t)
	long, _ := s.AddSpeaker("Delbert Hosemann")
	short, _ := s.AddSpeaker("Hosemann")
	if got := s.SpeakerForMention("hosemann"); got.ID != short.ID {
		t.Errorf("mention matched %q, want the exact name", got.Name)
	}
	if got := s.SpeakerForMention("  Delbert\tHosemann "); got.ID != long.ID {
		t.Errorf("mention matched %q", got.Name)
	}
	if len(s.Speakers) != 2 {
		t.Errorf("SpeakerForMention created a speaker: %v", s.Speakers)
	}
}

func TestAddMentionGold(t *testing.T) {
	s, art := goldSet(t)
	// "Hosemann" at a place the reference set does not mark.
	i := strings.Index(art.Text, "Hosemann has said")
	if i < 0 {
		i = strings.LastIndex(art.Text, "Hosemann")
	}
	start := art.Offsets().FromByte(i, false)
	before := len(s.Speakers)
	m, err := s.Add(art, SpeakerMention, start, start+len("Hosemann"))
	fixture.Must(t, err)
	if m.Speaker != hosemannID || len(s.Speakers) != before {
		t.Errorf("mention linked to %q, %d speakers", s.SpeakerName(m.Speaker), len(s.Speakers))
	}
	// "mann", the end of "Hosemann", is not the whole word.
	m2, err := s.Add(art, SpeakerMention, start+4, start+8)
	fixture.Must(t, err)
	if m2.Speaker == hosemannID || s.SpeakerName(m2.Speaker) != "mann" {
		t.Errorf("\"mann\" linked to %q", s.SpeakerName(m2.Speaker))
	}
	fixture.Must(t, s.Validate())
}

func TestAddRefuses(t *testing.T) {
	s, art := newNamesSet(t)
	addAt(t, s, art, SpeakerMention, "Delbert Hosemann", 0)
	other := ArticleFromText("names", fixture.NamesText+" More.")
	blankStart, blankEnd := fixture.Span(t, art.Text, ". Hosemann", 0)
	blankStart++ // the space after the full stop
	blankEnd = blankStart + 1
	quoteStart, quoteEnd := fixture.Span(t, art.Text, "“", 0)
	tests := []struct {
		name       string
		art        *Article
		typ        Type
		start, end int
		want       string
	}{
		{"another text", other, Quote, 0, 5, "another version"},
		{"negative start", art, Quote, -1, 5, "not inside the article"},
		{"empty span", art, Claim, 5, 5, "not inside the article"},
		{"reversed span", art, Claim, 6, 5, "not inside the article"},
		{"past the end", art, Claim, 0, art.Length + 1, "not inside the article"},
		{"unknown type", art, Type("note"), 0, 5, "not an annotation type"},
		{"mention of white space", art, SpeakerMention, blankStart, blankEnd, "name"},
		{"mention of a quotation mark", art, SpeakerMention, quoteStart, quoteEnd, "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(s)
			a, err := s.Add(tt.art, tt.typ, tt.start, tt.end)
			if err == nil {
				t.Fatalf("Add accepted: %+v", a)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			if snapshot(s) != before {
				t.Errorf("a refused Add changed the set")
			}
			fixture.Must(t, s.Validate())
		})
	}
}

func TestAddRefusesADuplicateTag(t *testing.T) {
	s, art := goldSet(t)
	q, _ := s.Annotation("fc044a1e-1212-586a-b488-00c65648c6cf")
	before := snapshot(s)
	if _, err := s.Add(art, Quote, q.Start, q.End); err == nil || !strings.Contains(err.Error(), "already a quote at 691–778") {
		t.Errorf("second quote on the same span: %v", err)
	}
	if snapshot(s) != before {
		t.Errorf("a refused Add changed the set")
	}
	// Another type on the same span, or the same type on another span, is
	// fine: the reference set has a claim and a quote on one span.
	if _, err := s.Add(art, Claim, q.Start, q.End); err != nil {
		t.Errorf("claim on a quote's span: %v", err)
	}
	if _, err := s.Add(art, Quote, q.Start, q.End-1); err != nil {
		t.Errorf("quote on a shorter span: %v", err)
	}
	fixture.Must(t, s.Validate())
}

func TestAddWithEmoji(t *testing.T) {
	text := strings.Repeat("😀", 40) + " “Quote 👩‍👩‍👧 q\u0303 here” " + strings.Repeat("👍🏽", 20)
	art := ArticleFromText("emoji", text)
	s := NewSet(art, "", fixture.Now)
	start, end := fixture.Span(t, art.Text, "Quote 👩‍👩‍👧 q\u0303 here", 0)
	q, err := s.Add(art, Quote, start, end)
	fixture.Must(t, err)
	if start != 42 || end-start != 19 {
		t.Fatalf("span %d–%d", start, end)
	}
	if q.Exact != "Quote 👩‍👩‍👧 q\u0303 here" {
		t.Errorf("exact %q", q.Exact)
	}
	if q.Prefix != strings.Repeat("😀", 30)+" “" || len([]rune(q.Prefix)) != ContextLen {
		t.Errorf("prefix %q: %d code points", q.Prefix, len([]rune(q.Prefix)))
	}
	if q.Suffix != "” "+strings.Repeat("👍🏽", 15) {
		t.Errorf("suffix %q", q.Suffix)
	}
	// The browser's UTF-16 selection of the same words.
	o := art.Offsets()
	if o.UTF16(start) != 82 || o.FromUTF16(o.UTF16(end), false) != end {
		t.Errorf("UTF-16 start %d", o.UTF16(start))
	}
	fixture.Must(t, s.Validate())
	r, err := Read(Write(s))
	fixture.Must(t, err)
	if _, err := r.Anchor(art); err != nil {
		t.Errorf("emoji set does not anchor: %v", err)
	}
}

func TestUpdate(t *testing.T) {
	s, art := newNamesSet(t)
	q := addAt(t, s, art, Quote, "Fine,", 0)
	c := addAt(t, s, art, Claim, "Mann said yes", 0)
	sp, _ := s.AddSpeaker("Dana Whitfield")

	// A quote's own fields.
	fixture.Must(t, s.Update(q.ID, func(a *Annotation) { a.Form, a.Speaker, a.Note = Indirect, sp.ID, "paraphrased?" }))
	got, _ := s.Annotation(q.ID)
	if got.Form != Indirect || got.Speaker != sp.ID || got.Note != "paraphrased?" {
		t.Errorf("updated quote %+v", got)
	}

	// Quote to claim: the form goes, the speaker and note stay.
	fixture.Must(t, s.Update(q.ID, func(a *Annotation) { a.Type, a.Checkworthy = Claim, true }))
	got, _ = s.Annotation(q.ID)
	if got.Type != Claim || got.Form != "" || !got.Checkworthy || got.Speaker != sp.ID || got.Note != "paraphrased?" {
		t.Errorf("quote turned claim %+v", got)
	}

	// Claim to quote: checkworthy goes, form defaults to direct.
	fixture.Must(t, s.Update(q.ID, func(a *Annotation) { a.Type = Quote }))
	got, _ = s.Annotation(q.ID)
	if got.Type != Quote || got.Checkworthy || got.Form != Direct {
		t.Errorf("claim turned quote %+v", got)
	}

	// Quote to mention: form goes, speaker stays.
	fixture.Must(t, s.Update(q.ID, func(a *Annotation) { a.Type = SpeakerMention }))
	got, _ = s.Annotation(q.ID)
	if got.Type != SpeakerMention || got.Form != "" || got.Checkworthy || got.Speaker != sp.ID {
		t.Errorf("quote turned mention %+v", got)
	}

	// An unattributed claim turned mention gets the speaker it names.
	fixture.Must(t, s.Update(c.ID, func(a *Annotation) { a.Type, a.Checkworthy = SpeakerMention, true }))
	got, _ = s.Annotation(c.ID)
	if got.Type != SpeakerMention || got.Checkworthy || s.SpeakerName(got.Speaker) != "Mann said yes" {
		t.Errorf("claim turned mention %+v (%q)", got, s.SpeakerName(got.Speaker))
	}

	// The span and id cannot be changed through Update.
	fixture.Must(t, s.Update(c.ID, func(a *Annotation) { a.ID, a.Start, a.End, a.Exact, a.Prefix, a.Suffix = "x", 0, 1, "D", "", "" }))
	if after, ok := s.Annotation(c.ID); !ok || after.Start != c.Start || after.End != c.End || after.Exact != c.Exact || after.Prefix != c.Prefix || after.Suffix != c.Suffix {
		t.Errorf("Update moved the span: %+v", after)
	}
	fixture.Must(t, s.Validate())
}

func TestUpdateRefuses(t *testing.T) {
	s, art := newNamesSet(t)
	q := addAt(t, s, art, Quote, "Fine,", 0)
	m := addAt(t, s, art, SpeakerMention, "Mann", 0)
	tests := []struct {
		name   string
		id     string
		change func(a *Annotation)
		want   string
	}{
		{"unknown id", "nope", func(a *Annotation) {}, "no annotation nope"},
		{"bad form", q.ID, func(a *Annotation) { a.Form = "loud" }, `annotation.form: "loud" is not a quote form`},
		{"bad type", q.ID, func(a *Annotation) { a.Type = "note" }, `annotation.type: "note" is not an annotation type`},
		{"dangling speaker", q.ID, func(a *Annotation) { a.Speaker = "00000000-0000-4000-8000-000000000000" }, "annotation.speaker: 00000000-0000-4000-8000-000000000000 is not in speakers"},
		{"dangling mention", m.ID, func(a *Annotation) { a.Speaker = "00000000-0000-4000-8000-000000000000" }, "is not in speakers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(s)
			err := s.Update(tt.id, tt.change)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if snapshot(s) != before {
				t.Errorf("a refused Update changed the set")
			}
		})
	}
}

func TestUpdateMentionOfNoName(t *testing.T) {
	s, art := newNamesSet(t)
	start, end := fixture.Span(t, art.Text, "“", 0)
	c, err := s.Add(art, Claim, start, end)
	fixture.Must(t, err)
	before := snapshot(s)
	if err := s.Update(c.ID, func(a *Annotation) { a.Type = SpeakerMention }); err == nil {
		t.Errorf("a mention of %q was accepted", c.Exact)
	}
	if snapshot(s) != before {
		t.Errorf("a refused Update changed the set")
	}
	fixture.Must(t, s.Validate())
}

func TestDelete(t *testing.T) {
	s, _ := goldSet(t)
	id := s.Annotations[5].ID
	n := len(s.Annotations)
	fixture.Must(t, s.Delete(id))
	if _, ok := s.Annotation(id); ok || len(s.Annotations) != n-1 {
		t.Errorf("annotation still there")
	}
	if err := s.Delete(id); err == nil || !strings.Contains(err.Error(), "no annotation") {
		t.Errorf("second Delete: %v", err)
	}
	if len(s.Speakers) != 4 {
		t.Errorf("Delete touched the speakers")
	}
	fixture.Must(t, s.Validate())
}

func TestAttribute(t *testing.T) {
	s, _ := goldSet(t)
	quote := "fc044a1e-1212-586a-b488-00c65648c6cf"   // attributed to Hosemann
	claim := "b3c453ef-3f6a-50f2-8b4c-40f90b6fdc69"   // the article's own
	mention := "4d48bd0f-ca65-56d8-9701-7445b9675316" // names Hosemann

	fixture.Must(t, s.Attribute(claim, judgeID))
	if a, _ := s.Annotation(claim); a.Speaker != judgeID || !a.Checkworthy {
		t.Errorf("attributed claim %+v", a)
	}
	fixture.Must(t, s.Attribute(quote, ""))
	if a, _ := s.Annotation(quote); a.Speaker != "" || a.Form != Direct {
		t.Errorf("unattributed quote %+v", a)
	}
	fixture.Must(t, s.Attribute(mention, kobachID))
	if a, _ := s.Annotation(mention); a.Speaker != kobachID {
		t.Errorf("mention %+v", a)
	}
	before := snapshot(s)
	for _, tt := range []struct{ id, speaker, want string }{
		{mention, "", "must name a speaker"},
		{quote, "00000000-0000-4000-8000-000000000000", "no speaker"},
		{"nope", kobachID, "no annotation"},
	} {
		if err := s.Attribute(tt.id, tt.speaker); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Attribute(%s, %q): %v, want %q", tt.id, tt.speaker, err, tt.want)
		}
	}
	if snapshot(s) != before {
		t.Errorf("a refused Attribute changed the set")
	}
	fixture.Must(t, s.Validate())
}

func TestAddSpeaker(t *testing.T) {
	s, _ := newNamesSet(t)
	a, err := s.AddSpeaker("  Dana \n Whitfield ")
	fixture.Must(t, err)
	if a.Name != "Dana Whitfield" || !IsUUID(a.ID) {
		t.Errorf("speaker %+v", a)
	}
	b, err := s.AddSpeaker("dana whitfield")
	fixture.Must(t, err)
	if b != a || len(s.Speakers) != 1 {
		t.Errorf("same name added twice: %v", s.Speakers)
	}
	c, _ := s.AddSpeaker("Al")
	if s.Speakers[0] != c {
		t.Errorf("speakers not sorted: %v", s.Speakers)
	}
	for _, blank := range []string{"", " ", "\n\t"} {
		if _, err := s.AddSpeaker(blank); err == nil {
			t.Errorf("AddSpeaker(%q) accepted", blank)
		}
	}
	if len(s.Speakers) != 2 {
		t.Errorf("speakers %v", s.Speakers)
	}
	fixture.Must(t, s.Validate())
}

func TestRenameSpeaker(t *testing.T) {
	s, _ := goldSet(t)
	fixture.Must(t, s.RenameSpeaker(judgeID, "  Judge\tJulie Robinson "))
	if s.SpeakerName(judgeID) != "Judge Julie Robinson" {
		t.Errorf("name %q", s.SpeakerName(judgeID))
	}
	var names []string
	for _, sp := range s.Speakers {
		names = append(names, sp.Name)
	}
	if strings.Join(names, "|") != "Delbert Hosemann|Judge Julie Robinson|Kris Kobach|Presidential Advisory Commission on Election Integrity" {
		t.Errorf("speakers not re-sorted: %v", names)
	}
	before := snapshot(s)
	if err := s.RenameSpeaker(judgeID, " "); err == nil {
		t.Errorf("blank name accepted")
	}
	if err := s.RenameSpeaker("nope", "X"); err == nil || !strings.Contains(err.Error(), "no speaker") {
		t.Errorf("unknown speaker: %v", err)
	}
	if snapshot(s) != before {
		t.Errorf("a refused rename changed the set")
	}
	fixture.Must(t, s.Validate())
}

func TestMergeSpeakers(t *testing.T) {
	s, _ := goldSet(t)
	count := func(id string) (n int) {
		for _, a := range s.Annotations {
			if a.Speaker == id {
				n++
			}
		}
		return n
	}
	judge, kobach := count(judgeID), count(kobachID)
	if judge == 0 || kobach == 0 {
		t.Fatal("reference set changed")
	}
	fixture.Must(t, s.MergeSpeakers(judgeID, kobachID))
	if _, ok := s.Speaker(judgeID); ok || count(judgeID) != 0 || count(kobachID) != judge+kobach || len(s.Speakers) != 3 {
		t.Errorf("after merge: %d and %d, speakers %v", count(judgeID), count(kobachID), s.Speakers)
	}
	before := snapshot(s)
	for _, tt := range []struct{ from, into, want string }{
		{kobachID, kobachID, "itself"},
		{judgeID, kobachID, "no speaker"},
		{kobachID, judgeID, "no speaker"},
	} {
		if err := s.MergeSpeakers(tt.from, tt.into); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("MergeSpeakers(%s, %s): %v, want %q", tt.from, tt.into, err, tt.want)
		}
	}
	if snapshot(s) != before {
		t.Errorf("a refused merge changed the set")
	}
	fixture.Must(t, s.Validate())
}

func TestDeleteSpeaker(t *testing.T) {
	s, art := goldSet(t)
	// Kobach is named by no mention: his quote becomes unattributed.
	fixture.Must(t, s.DeleteSpeaker(kobachID))
	if _, ok := s.Speaker(kobachID); ok {
		t.Errorf("speaker still there")
	}
	for _, a := range s.Annotations {
		if a.Speaker == kobachID {
			t.Errorf("%s still attributed to the deleted speaker", a.ID)
		}
	}
	before := snapshot(s)
	err := s.DeleteSpeaker(hosemannID)
	if err == nil || !strings.Contains(err.Error(), `"Delbert Hosemann" is named by a mention at 275–283`) {
		t.Errorf("deleting a named speaker: %v", err)
	}
	if err := s.DeleteSpeaker(kobachID); err == nil {
		t.Errorf("deleting twice accepted")
	}
	if snapshot(s) != before {
		t.Errorf("a refused delete changed the set")
	}
	fixture.Must(t, s.Validate())
	if _, err := s.Anchor(art); err != nil {
		t.Error(err)
	}
}

func TestAt(t *testing.T) {
	s, _ := goldSet(t)
	ids := func(cp int) string {
		var out []string
		for _, a := range s.At(cp) {
			out = append(out, fmt.Sprintf("%s %d–%d", a.Type, a.Start, a.End))
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		cp   int
		want string
	}{
		{0, ""},
		{274, ""},
		{275, "speaker 275–283"},
		{282, "speaker 275–283"},
		{283, ""},
		// a quote and a mention inside a claim: innermost first
		{1711, "quote 1711–1746, claim 1646–1838"},
		{1680, "speaker 1673–1688, claim 1646–1838"},
		{1646, "claim 1646–1838"},
		// a claim and a quote on the same span
		{2344, "claim 2344–2402, quote 2344–2402"},
		// claim 3196–3317 inside quote 3196–3318
		{3316, "claim 3196–3317, quote 3196–3318"},
		{3317, "quote 3196–3318"},
		{-1, ""},
		{fixture.GoldLength, ""},
	}
	for _, tt := range tests {
		if got := ids(tt.cp); got != tt.want {
			t.Errorf("At(%d) = %s, want %s", tt.cp, got, tt.want)
		}
	}
}

// TestOperationsKeepSetValid runs random operations, valid and not, on the
// reference set: after each, the set is valid, and a refused operation has
// changed nothing.
func TestOperationsKeepSetValid(t *testing.T) {
	s, art := goldSet(t)
	o := art.Offsets()
	rng := rand.New(rand.NewPCG(7, 11))
	speakerID := func() string {
		if len(s.Speakers) == 0 || rng.IntN(10) == 0 {
			return "00000000-0000-4000-8000-000000000000"
		}
		return s.Speakers[rng.IntN(len(s.Speakers))].ID
	}
	annID := func() string {
		if len(s.Annotations) == 0 || rng.IntN(10) == 0 {
			return "nope"
		}
		return s.Annotations[rng.IntN(len(s.Annotations))].ID
	}
	types := []Type{Quote, SpeakerMention, Claim, Quote, SpeakerMention, Claim, "bogus"}
	forms := []Form{Direct, Indirect, Mixed, "", "loud"}
	for step := range 2000 {
		before := s.Clone()
		var err error
		var what string
		switch rng.IntN(9) {
		case 0, 1, 2:
			start := rng.IntN(o.Len())
			end := start + 1 + rng.IntN(40)
			if rng.IntN(3) == 0 { // short spans: single characters, white space, punctuation
				end = start + 1 + rng.IntN(2)
			}
			if rng.IntN(2) == 0 {
				start, end, _ = o.TrimSpan(start, end)
			}
			typ := types[rng.IntN(len(types))]
			what = fmt.Sprintf("Add(%s, %d, %d)", typ, start, end)
			_, err = s.Add(art, typ, start, end)
		case 3:
			typ, form, cw, note := types[rng.IntN(len(types))], forms[rng.IntN(len(forms))], rng.IntN(2) == 0, fmt.Sprint(step)
			sp := ""
			if rng.IntN(2) == 0 {
				sp = speakerID()
			}
			what = fmt.Sprintf("Update(%s %q %v %q)", typ, form, cw, sp)
			err = s.Update(annID(), func(a *Annotation) { a.Type, a.Form, a.Checkworthy, a.Note, a.Speaker = typ, form, cw, note, sp })
		case 4:
			what = "Delete"
			err = s.Delete(annID())
		case 5:
			sp := ""
			if rng.IntN(3) > 0 {
				sp = speakerID()
			}
			what = "Attribute"
			err = s.Attribute(annID(), sp)
		case 6:
			what = "AddSpeaker/RenameSpeaker"
			if rng.IntN(2) == 0 {
				_, err = s.AddSpeaker([]string{"", "Someone", "someone ", "Another One"}[rng.IntN(4)])
			} else {
				err = s.RenameSpeaker(speakerID(), []string{"", "Renamed", "Zed"}[rng.IntN(3)])
			}
		case 7:
			what = "MergeSpeakers"
			err = s.MergeSpeakers(speakerID(), speakerID())
		case 8:
			what = "DeleteSpeaker"
			err = s.DeleteSpeaker(speakerID())
		}
		if verr := s.Validate(); verr != nil {
			t.Fatalf("step %d: %s left the set invalid: %v (its error: %v)", step, what, verr, err)
		}
		if err != nil && !reflect.DeepEqual(s, before) {
			t.Fatalf("step %d: %s failed (%v) but changed the set", step, what, err)
		}
		for i := 1; i < len(s.Annotations); i++ {
			if CompareAnnotations(s.Annotations[i-1], s.Annotations[i]) > 0 {
				t.Fatalf("step %d: %s left the annotations unsorted", step, what)
			}
		}
	}
	// What the operations built is a valid file and anchors on the text.
	r, err := Read(Write(s))
	if err != nil {
		t.Fatalf("Read(Write(s)): %v", err)
	}
	if _, err := r.Anchor(art); err != nil {
		t.Errorf("Anchor: %v", err)
	}
	if !bytes.Equal(Write(r), Write(s)) {
		t.Errorf("write, read, write differs")
	}
}
