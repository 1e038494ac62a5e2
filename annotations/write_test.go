package annotations

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

func TestWriteGoldByteForByte(t *testing.T) {
	gold := goldBytes(t)
	s, err := Read(gold)
	if err != nil {
		t.Fatal(err)
	}
	if got := Write(s); !bytes.Equal(got, gold) {
		t.Errorf("Write(Read(gold)) differs from gold:\n%s", firstDiff(got, gold))
	}
	// Anchoring on the unchanged text changes nothing either.
	anchored, _ := goldSet(t)
	if got := Write(anchored); !bytes.Equal(got, gold) {
		t.Errorf("Write after Anchor differs from gold:\n%s", firstDiff(got, gold))
	}
}

// firstDiff shows where two files part.
func firstDiff(got, want []byte) string {
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			return "line " + itoa(i+1) + ":\n got  " + gl[i] + "\n want " + wl[i]
		}
	}
	return "lengths " + itoa(len(got)) + " and " + itoa(len(want))
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestWriteIsDeterministic(t *testing.T) {
	s, _ := goldSet(t)
	want := Write(s)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		c := s.Clone()
		rng.Shuffle(len(c.Annotations), func(i, j int) { c.Annotations[i], c.Annotations[j] = c.Annotations[j], c.Annotations[i] })
		rng.Shuffle(len(c.Speakers), func(i, j int) { c.Speakers[i], c.Speakers[j] = c.Speakers[j], c.Speakers[i] })
		order := slicesOfIDs(c)
		if got := Write(c); !bytes.Equal(got, want) {
			t.Fatalf("shuffled set wrote different bytes:\n%s", firstDiff(got, want))
		}
		if !reflect.DeepEqual(order, slicesOfIDs(c)) {
			t.Fatalf("Write reordered the set it was given")
		}
	}
}

func slicesOfIDs(s *Set) []string {
	var ids []string
	for _, a := range s.Annotations {
		ids = append(ids, a.ID)
	}
	for _, sp := range s.Speakers {
		ids = append(ids, sp.ID)
	}
	return ids
}

func TestWriteSortOrder(t *testing.T) {
	art := ArticleFromText("x", "abcdefghij")
	s := NewSet(art, "", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	mk := func(id string, typ Type, start, end int) Annotation {
		a, _ := art.Span(start, end)
		a.ID, a.Type = id, typ
		if typ == Quote {
			a.Form = Direct
		}
		return a
	}
	s.Annotations = []Annotation{
		mk("00000000-0000-4000-8000-000000000005", Quote, 2, 5),
		mk("00000000-0000-4000-8000-000000000004", Claim, 2, 5),
		mk("00000000-0000-4000-8000-000000000003", Claim, 2, 5),
		mk("00000000-0000-4000-8000-000000000002", Quote, 2, 4),
		mk("00000000-0000-4000-8000-000000000001", Claim, 3, 4),
		mk("00000000-0000-4000-8000-000000000000", Quote, 0, 9),
	}
	s.Speakers = []Speaker{
		{ID: "00000000-0000-4000-8000-00000000000b", Name: "Bea"},
		{ID: "00000000-0000-4000-8000-00000000000a", Name: "Bea"},
		{ID: "00000000-0000-4000-8000-00000000000c", Name: "Al"},
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Read(Write(s))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range r.Annotations {
		got = append(got, a.ID[len(a.ID)-1:])
	}
	// start, then end, then type ("claim" < "quote"), then id.
	if strings.Join(got, "") != "023451" {
		t.Errorf("annotation order %v, want 0 2 3 4 5 1", got)
	}
	var names []string
	for _, sp := range r.Speakers {
		names = append(names, sp.Name+sp.ID[len(sp.ID)-1:])
	}
	if strings.Join(names, " ") != "Alc Beaa Beab" {
		t.Errorf("speaker order %v", names)
	}
}

// keysOf lists the keys of each JSON object in data in the order written,
// keyed by a path such as "", "article", "annotations[]".
func keysOf(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	keys := map[string][]string{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func(path string)
	walk = func(path string) {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		switch tok {
		case json.Delim('{'):
			var ks []string
			for dec.More() {
				k, _ := dec.Token()
				ks = append(ks, k.(string))
				walk(strings.TrimPrefix(path+"."+k.(string), "."))
			}
			dec.Token()
			keys[path] = append(keys[path], strings.Join(ks, ","))
		case json.Delim('['):
			for dec.More() {
				walk(path + "[]")
			}
			dec.Token()
		}
	}
	walk("")
	return keys
}

func TestWriteShape(t *testing.T) {
	keys := keysOf(t, goldBytes(t))
	if got := keys[""]; len(got) != 1 || got[0] != "format,version,id,annotator,created,modified,article,speakers,annotations" {
		t.Errorf("top-level keys %v", got)
	}
	if got := keys["article"]; got[0] != "id,title,sha256,length" {
		t.Errorf("article keys %v", got)
	}
	if got := keys["speakers[]"]; got[0] != "id,name" {
		t.Errorf("speaker keys %v", got)
	}
}

func TestWriteOmitsDefaults(t *testing.T) {
	art := ArticleFromText("x", "Hosemann said “no” & <b>yes</b>. It rained 3 inches.")
	s := NewSet(art, "me", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	text := art.Text
	at := func(sub string) int { return fixture.CPIndex(t, text, sub, 0) }
	add := func(typ Type, start, end int) Annotation {
		a, err := s.Add(art, typ, start, end)
		fixture.Must(t, err)
		return a
	}
	q := add(Quote, at("no"), at("”"))
	m := add(SpeakerMention, 0, at(" said"))
	c := add(Claim, at("It rained"), at("."+" It")+len(". It rained 3 inches"))
	q2 := add(Quote, at("yes"), at("</b>"))
	c2 := add(Claim, 0, at(". It"))
	fixture.Must(t, s.Update(q2.ID, func(a *Annotation) { a.Form, a.Note = Mixed, "odd" }))
	fixture.Must(t, s.Update(c2.ID, func(a *Annotation) { a.Checkworthy = true }))
	fixture.Must(t, s.Attribute(c2.ID, m.Speaker))
	data := Write(s)
	keys := keysOf(t, data)["annotations[]"]
	byID := map[string]string{}
	r, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range r.Annotations {
		byID[a.ID] = keys[i]
	}
	base := "id,type,start,end,exact,prefix,suffix"
	want := map[string]string{
		q.ID:  base,                          // direct, unattributed, no note
		m.ID:  base + ",speaker",             // a mention always has one
		c.ID:  base,                          // not checkworthy, no speaker
		q2.ID: base + ",form,note",           // mixed
		c2.ID: base + ",speaker,checkworthy", // attributed, checkworthy
	}
	for id, w := range want {
		if byID[id] != w {
			t.Errorf("annotation %s written with keys %s, want %s", id, byID[id], w)
		}
	}
	for _, absent := range []string{`"form": "direct"`, `"checkworthy": false`, `"note": ""`, `"speaker": ""`} {
		if bytes.Contains(data, []byte(absent)) {
			t.Errorf("Write wrote %s", absent)
		}
	}
}

func TestWriteNoHTMLEscaping(t *testing.T) {
	art := ArticleFromText("x", "He said <b>“fish & chips”</b> ‘twice’.")
	s := NewSet(art, "A & B <x>", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s.Article.Title = "<Title> & “more”"
	a, err := s.Add(art, Quote, fixture.CPIndex(t, art.Text, "<b>", 0), fixture.CPIndex(t, art.Text, " ‘", 0))
	fixture.Must(t, err)
	fixture.Must(t, s.Update(a.ID, func(a *Annotation) { a.Note = "<script>&amp;</script>" }))
	data := Write(s)
	for _, lit := range []string{
		`"exact": "<b>“fish & chips”</b>"`,
		`"annotator": "A & B <x>"`,
		`"title": "<Title> & “more”"`,
		`"note": "<script>&amp;</script>"`,
		`"suffix": " ‘twice’."`,
	} {
		if !bytes.Contains(data, []byte(lit)) {
			t.Errorf("Write did not write %s literally", lit)
		}
	}
	for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`, `\u201c`} {
		if bytes.Contains(data, []byte(esc)) {
			t.Errorf("Write escaped %s", esc)
		}
	}
}

func TestWriteLayout(t *testing.T) {
	art := ArticleFromText("x", "tab\there, line\nend")
	s := NewSet(art, "", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	data := Write(s)
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.HasSuffix(data, []byte("\n\n")) {
		t.Errorf("file does not end in exactly one newline")
	}
	if !bytes.Contains(data, []byte("\n  \"speakers\": [],\n  \"annotations\": []\n}")) {
		t.Errorf("empty lists not written as []:\n%s", data)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, data, "", "  "); err != nil {
		t.Fatal(err)
	}
	// json.Indent writes [] as []; the rest must already be two-space indented.
	if !bytes.Equal(indented.Bytes(), data) {
		t.Errorf("Write's layout is not two-space indentation:\n%s", data)
	}
	gold := goldBytes(t)
	indented.Reset()
	fixture.Must(t, json.Indent(&indented, gold, "", "  "))
	if !bytes.Equal(indented.Bytes(), gold) {
		t.Errorf("the reference file is not in Write's layout")
	}
}

func TestWriteTimestamps(t *testing.T) {
	art := ArticleFromText("x", "text")
	paris := time.FixedZone("CET", 3600)
	s := NewSet(art, "", time.Date(2026, 1, 2, 3, 4, 5, 0, paris))
	s.Modified = time.Date(2026, 1, 2, 5, 0, 0, 250_000_000, paris)
	data := Write(s)
	if !bytes.Contains(data, []byte(`"created": "2026-01-02T02:04:05Z"`)) ||
		!bytes.Contains(data, []byte(`"modified": "2026-01-02T04:00:00.25Z"`)) {
		t.Errorf("timestamps not written in UTC:\n%s", data)
	}
	r, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Modified.Equal(s.Modified) {
		t.Errorf("modified %v, want %v", r.Modified, s.Modified)
	}
}

func TestWriteLeavesOutOrphans(t *testing.T) {
	s, _ := goldSet(t)
	s.Orphans = []Orphan{{Annotation: s.Annotations[0], Reason: "test"}}
	if got := Write(s); !bytes.Equal(got, goldBytes(t)) {
		t.Errorf("orphans were written:\n%s", firstDiff(got, goldBytes(t)))
	}
}

// sameSet compares two sets field by field, times by instant.
func sameSet(t *testing.T, got, want *Set) {
	t.Helper()
	if !got.Created.Equal(want.Created) || !got.Modified.Equal(want.Modified) {
		t.Errorf("times %v %v, want %v %v", got.Created, got.Modified, want.Created, want.Modified)
	}
	g, w := *got, *want
	g.Created, g.Modified, w.Created, w.Modified = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if len(g.Orphans) == 0 && len(w.Orphans) == 0 {
		g.Orphans, w.Orphans = nil, nil
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("sets differ:\n got  %+v\n want %+v", g, w)
	}
}

func TestWriteThenRead(t *testing.T) {
	art := ArticleFromText("emoji", "👩‍👩‍👧 Ana Lima said: “I love 😀 q\u0303 <tags> & more.” Lima said so.\nThe bridge opened in 2024.")
	s := NewSet(art, "annotator “one”", time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
	text := art.Text
	m, err := s.Add(art, SpeakerMention, fixture.CPIndex(t, text, "Ana Lima", 0), fixture.CPIndex(t, text, " said:", 0))
	fixture.Must(t, err)
	q, err := s.Add(art, Quote, fixture.CPIndex(t, text, "I love", 0), fixture.CPIndex(t, text, "”", 0))
	fixture.Must(t, err)
	fixture.Must(t, s.Attribute(q.ID, m.Speaker))
	m2, err := s.Add(art, SpeakerMention, fixture.CPIndex(t, text, "Lima said so", 0), fixture.CPIndex(t, text, " said so", 0))
	fixture.Must(t, err)
	if m2.Speaker != m.Speaker {
		t.Errorf("second mention %q not linked to %q", s.SpeakerName(m2.Speaker), s.SpeakerName(m.Speaker))
	}
	c, err := s.Add(art, Claim, fixture.CPIndex(t, text, "The bridge", 0), art.Length-1)
	fixture.Must(t, err)
	fixture.Must(t, s.Update(c.ID, func(a *Annotation) { a.Checkworthy, a.Note = true, "year?" }))
	q2, err := s.Add(art, Quote, 0, 5) // the family emoji
	fixture.Must(t, err)
	fixture.Must(t, s.Update(q2.ID, func(a *Annotation) { a.Form = Indirect }))
	_, err = s.AddSpeaker("Nobody Quoted")
	fixture.Must(t, err)
	fixture.Must(t, s.Validate())

	data := Write(s)
	r, err := Read(data)
	if err != nil {
		t.Fatalf("Read(Write(s)): %v\n%s", err, data)
	}
	sameSet(t, r, s)
	if again := Write(r); !bytes.Equal(again, data) {
		t.Errorf("second write differs:\n%s", firstDiff(again, data))
	}
	if _, err := r.Anchor(art); err != nil {
		t.Errorf("the set does not anchor on its own article: %v", err)
	}
}
