package annotations

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"quotemark/internal/fixture"
)

func recordMap(recs []Record) map[string][]byte {
	m := make(map[string][]byte, len(recs))
	for _, r := range recs {
		m[r.Key] = r.Value
	}
	return m
}

func recordsOf(m map[string][]byte, rng *rand.Rand) []Record {
	recs := make([]Record, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		recs = append(recs, Record{k, m[k]})
	}
	if rng != nil {
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	}
	return recs
}

func TestSetRecordsRoundTrip(t *testing.T) {
	h, _, _ := editedGold(t)
	s := h.Set()
	recs := SetRecords(s)
	if recs[0].Key != "h" || len(recs) != 1+len(s.Speakers)+len(s.Annotations)+len(s.Orphans) {
		t.Fatalf("%d records, the first %q", len(recs), recs[0].Key)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	got, err := SetFromRecords(recs)
	fixture.Must(t, err)
	if !bytes.Equal(Write(got), Write(s)) {
		t.Errorf("Write differs:\n%s", firstDiff(Write(got), Write(s)))
	}
	if fullState(got) != fullState(s) {
		t.Errorf("orphans or approximate placements differ:\n%s", firstDiff([]byte(fullState(got)), []byte(fullState(s))))
	}
	if len(got.Orphans) != 6 || len(got.Approximate) != 3 || got.Approximate[s.Annotations[2].ID] != 0 {
		t.Errorf("%d orphans, approximate %v", len(got.Orphans), got.Approximate)
	}
	// The same through the gold set and an empty one.
	for _, s := range []*Set{s.Clone(), NewSet(goldArticle(t), "me", fixture.Now)} {
		s.Orphans, s.Approximate = nil, nil
		got, err := SetFromRecords(SetRecords(s))
		fixture.Must(t, err)
		if !bytes.Equal(Write(got), Write(s)) || len(got.Orphans) != 0 || got.Approximate != nil {
			t.Errorf("round trip of a set without orphans")
		}
	}
}

func TestSetFromRecordsRefuses(t *testing.T) {
	h, _, _ := editedGold(t)
	s := h.Set()
	a := s.Annotations[4]
	sp := s.Speakers[0]
	o := s.Orphans[0].Annotation.ID
	edit := func(key string, f func(v string) string) func(m map[string][]byte) {
		return func(m map[string][]byte) { m[key] = []byte(f(string(m[key]))) }
	}
	tests := []struct {
		name, want string
		change     func(m map[string][]byte)
	}{
		{"no header", "record h: is missing", func(m map[string][]byte) { delete(m, "h") }},
		{"unknown field", "record a/" + a.ID + `: not a valid record: json: unknown field "colour"`,
			edit("a/"+a.ID, func(v string) string { return strings.Replace(v, "{", `{"colour":"red",`, 1) })},
		{"unknown header field", `record h: not a valid record: json: unknown field "version"`,
			edit("h", func(v string) string { return strings.Replace(v, "{", `{"version":2,`, 1) })},
		{"trailing data", "record s/" + sp.ID + ": not a valid record: data after the value",
			edit("s/"+sp.ID, func(v string) string { return v + "{}" })},
		{"not JSON", "record s/" + sp.ID + ": not a valid record", edit("s/"+sp.ID, func(string) string { return "nope" })},
		{"id not the key's", "record a/" + a.ID + ": holds annotation",
			edit("a/"+a.ID, func(v string) string { return strings.Replace(v, a.ID, s.Annotations[5].ID, 1) })},
		{"unknown key", `record "x/1": not a key`, func(m map[string][]byte) { m["x/1"] = []byte("{}") }},
		{"header-like key", `record "h/1": not a key`, func(m map[string][]byte) { m["h/1"] = []byte("{}") }},
		{"broken annotation", "record a/" + a.ID + ": annotations[",
			edit("a/"+a.ID, func(v string) string { return strings.Replace(v, `"end":`, `"end":9`, 1) })},
		{"dangling speaker", "record a/", func(m map[string][]byte) { delete(m, "s/"+hosemannID) }},
		{"blank speaker", "record s/" + sp.ID + ": speakers[",
			edit("s/"+sp.ID, func(v string) string { return strings.Replace(v, sp.Name, " ", 1) })},
		{"bad time", "record h: created:", edit("h", func(v string) string { return strings.Replace(v, "Z\"", "+01:00\"", 1) })},
		{"bad confidence", "record a/" + s.Annotations[1].ID + ": approximate confidence 2",
			edit("a/"+s.Annotations[1].ID, func(v string) string { return strings.Replace(v, `"approximate":0.7`, `"approximate":2`, 1) })},
		{"orphan not listed", "record o/" + o + ": the header does not list",
			edit("h", func(v string) string { return strings.Replace(v, `"`+o+`",`, "", 1) })},
		{"orphan missing", "record h: lists orphan " + o, func(m map[string][]byte) { delete(m, "o/"+o) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := recordMap(SetRecords(s))
			tt.change(m)
			_, err := SetFromRecords(recordsOf(m, nil))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	dup := append(SetRecords(s), SetRecords(s)[1])
	if _, err := SetFromRecords(dup); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Errorf("a record twice: %v", err)
	}
}

// TestChangeRecordsFollowHistory applies the records of every step of
// random edits, undos and redos to a map of records, as the browser's store
// would, and checks that the map always reads back as the History's set.
func TestChangeRecordsFollowHistory(t *testing.T) {
	for seed := range uint64(testSeeds) {
		e := newEditor(t, 100+seed)
		store := recordMap(SetRecords(e.h.Set()))
		rng := rand.New(rand.NewPCG(seed, 9))
		for n := range 300 {
			what, c := e.step(n)
			if c == nil {
				continue // refused, or nothing to undo or redo: nothing to write
			}
			puts, dels := ChangeRecords(e.h.Set(), c)
			if len(puts) == 0 || puts[0].Key != "h" {
				t.Fatalf("step %d (%s): the header is not put", n, what)
			}
			for _, k := range dels {
				if _, ok := store[k]; !ok {
					t.Fatalf("step %d (%s): deletes %s, which is not stored", n, what, k)
				}
				delete(store, k)
			}
			for _, r := range puts {
				store[r.Key] = r.Value
			}
			if n%7 != 0 && n < 290 {
				continue
			}
			got, err := SetFromRecords(recordsOf(store, rng))
			if err != nil {
				t.Fatalf("seed %d step %d (%s): %v", seed, n, what, err)
			}
			if fullState(got) != fullState(e.h.Set()) {
				t.Fatalf("seed %d step %d (%s): the stored records differ from the set:\n%s", seed, n, what,
					firstDiff([]byte(fullState(got)), []byte(fullState(e.h.Set()))))
			}
		}
		if want := recordMap(SetRecords(e.h.Set())); !maps.EqualFunc(store, want, bytes.Equal) {
			t.Errorf("seed %d: the store holds %d records, the set %d, or values differ", seed, len(store), len(want))
		}
	}
}

func TestChangeRecordsAreTheStepsSize(t *testing.T) {
	h, art, _ := editedGold(t)
	c, err := h.Apply(func(s *Set) error { _, err := s.Add(art, Claim, 0, 5); return err })
	fixture.Must(t, err)
	puts, dels := ChangeRecords(h.Set(), c)
	if len(puts) != 2 || len(dels) != 0 || !strings.HasPrefix(puts[1].Key, "a/") {
		t.Errorf("puts %v dels %v", keys(puts), dels)
	}
	c, err = h.Apply(func(s *Set) error { return s.MergeSpeakers(kobachID, hosemannID) })
	fixture.Must(t, err)
	puts, dels = ChangeRecords(h.Set(), c)
	if len(dels) != 1 || dels[0] != "s/"+kobachID || len(puts) != 1+len(c.Annotations)+len(c.Orphans) {
		t.Errorf("merge: puts %v dels %v", keys(puts), dels)
	}
	c, _ = h.Undo()
	puts, dels = ChangeRecords(h.Set(), c)
	if len(dels) != 0 || !slices.Contains(keys(puts), "s/"+kobachID) {
		t.Errorf("undo of the merge: puts %v dels %v", keys(puts), dels)
	}
}

func keys(recs []Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Key)
	}
	return out
}

// The stored format of a set is unchanged for sets kept before records.
func TestMarshalStoredStillRoundTrips(t *testing.T) {
	h, _, _ := editedGold(t)
	data, err := MarshalStored(h.Set())
	fixture.Must(t, err)
	got, err := UnmarshalStored(data)
	fixture.Must(t, err)
	if fullState(got) != fullState(h.Set()) {
		t.Errorf("%s", fmt.Sprint(firstDiff([]byte(fullState(got)), []byte(fullState(h.Set())))))
	}
}

// The fast reading of annotation records gives what decodeRecord gives, value
// and error, on records as written and on every odd shape.
func TestDecodeAnnotationRecordMatchesDecodeRecord(t *testing.T) {
	for _, data := range []string{
		`{"id":"a1","type":"quote","start":3,"end":10,"exact":"Zoë 😀","prefix":"","suffix":" said","speaker":"s1","form":"direct"}`,
		`{"id":"a1","type":"claim","start":0,"end":1,"exact":"x","prefix":"","suffix":"","checkworthy":true,"note":"a \"quoted\" note\nline two"}`,
		`{"id":"a1","type":"claim","start":0,"end":1,"exact":"x","prefix":"","suffix":"","checkworthy":false}`,
		`{"id":"a1","type":"quote","start":0,"end":1,"exact":"x","prefix":"","suffix":"","approximate":0.5}`,
		` { "id" : "a1" , "start" : -0 , "end" : 12 } `,
		`{"ID":"a1","START":4}`,
		`{"id":"a1","start":4,"start":5}`,
		`{"id":"a1","start":1.5}`,
		`{"id":"a1","start":1e2}`,
		`{"id":"a1","start":99999999999999999999}`,
		`{"id":"a1","start":"4"}`,
		`{"id":null,"start":null}`,
		`{"id":"a1","checkworthy":"true"}`,
		`{"id":"a1","unknown":1}`,
		`{"id":"a1"} x`,
		`{"id":"a1",}`,
		`["id"]`,
		`{"id":"\u0061\ud800"}`,
		"{\"id\":\"bad \xff\"}",
		``,
	} {
		var want recAnnotation
		wantErr := decodeRecord([]byte(data), &want)
		got, err := decodeAnnotationRecord([]byte(data))
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v, decodeRecord: %v", data, err, wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read %+v, decodeRecord: %+v", data, got, want)
		}
	}
}
