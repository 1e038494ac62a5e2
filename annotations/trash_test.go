package annotations

import (
	"strings"
	"testing"
	"time"
)

func TestTrashItemSaysWhatGoes(t *testing.T) {
	deleted := time.Date(2026, 11, 12, 14, 3, 7, 0, time.UTC)
	art := &TrashItem{Kind: TrashArticle, ArticleID: "mayor", Title: "Mayor resigns", Deleted: deleted,
		Sets: []TrashedSet{{"s1", "Ana", 30}, {"s2", "Bob", 14}, {"s3", "", 1}}}
	if got, want := art.Question(), "Delete “Mayor resigns” and its 3 annotation sets (45 annotations)? It goes to the Trash, where you can restore it."; got != want {
		t.Errorf("article question:\n got %q\nwant %q", got, want)
	}
	set := &TrashItem{Kind: TrashSet, ArticleID: "mayor", Title: "Mayor resigns", Deleted: deleted, Sets: []TrashedSet{{"s1", "Ana", 1}}}
	if got, want := set.Summary(), "the set “Ana” (1 annotation) of “Mayor resigns”"; got != want {
		t.Errorf("set summary: %q, want %q", got, want)
	}
	if got, want := art.PurgeQuestion(), "Delete “Mayor resigns” and its 3 annotation sets (45 annotations) for good? This cannot be undone."; got != want {
		t.Errorf("purge question:\n got %q\nwant %q", got, want)
	}
	art.Hidden = true
	if got := art.PurgeQuestion(); !strings.Contains(got, "returns to the library without these sets") {
		t.Errorf("purge question of a seed article: %q", got)
	}
	bare := &TrashItem{Kind: TrashArticle, ArticleID: "x", Title: "T", Deleted: deleted}
	if got := bare.Summary(); got != "“T”, which has no annotation sets" {
		t.Errorf("article without sets: %q", got)
	}
}

func TestTrashItemRoundTrip(t *testing.T) {
	item := &TrashItem{Kind: TrashSet, ArticleID: "a", Title: "T", Deleted: time.Date(2026, 11, 12, 14, 3, 7, 5, time.FixedZone("X", 3600)),
		Sets:    []TrashedSet{{"s1", "Ana", 1}},
		Records: []StoredRecord{{"rec/a/s1/h", `{"id":"s1"}`}, {"rec/a/s1/a/x", "{\"note\":\"\\u0000 é\"}"}}}
	data, err := MarshalTrash(item)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalTrash(data)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Deleted.Equal(item.Deleted) || back.Deleted.Location() != time.UTC || len(back.Records) != 2 || back.Records[1] != item.Records[1] {
		t.Errorf("round trip: %+v", back)
	}
	for name, bad := range map[string]string{
		"kind":    `{"kind":"x","article":"a","deleted":"2026-11-12T14:03:07Z"}`,
		"article": `{"kind":"set","deleted":"2026-11-12T14:03:07Z","sets":[{"id":"s"}]}`,
		"time":    `{"kind":"article","article":"a"}`,
		"sets":    `{"kind":"set","article":"a","deleted":"2026-11-12T14:03:07Z","sets":[]}`,
		"records": `{"kind":"article","article":"a","deleted":"2026-11-12T14:03:07Z","records":[{"key":"trash/x","value":""}]}`,
		"json":    `{"kind":`,
	} {
		if _, err := UnmarshalTrash([]byte(bad)); err == nil {
			t.Errorf("%s: a bad item reads", name)
		}
	}
}

func TestTrashedSetFromRecords(t *testing.T) {
	art := ArticleFromText("a", "He said: “We will win.”")
	s := NewSet(art, "Ana", time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC))
	if _, err := s.Add(art, Quote, 10, 22); err != nil {
		t.Fatal(err)
	}
	if sum := SummarizeSetRecords(s.ID, SetRecords(s)); sum.Label(s.Modified) != SetLabel(s, s.Modified) || !sum.Modified.Equal(s.Modified) {
		t.Errorf("the summary from records reads %+v: %q, the set %q", sum, sum.Label(s.Modified), SetLabel(s, s.Modified))
	}
	got := TrashedSetFromRecords(s.ID, SetRecords(s))
	if got != TrashedSetOf(s) || got.Annotations != 1 || got.Annotator != "Ana" {
		t.Errorf("from records %+v, from the set %+v", got, TrashedSetOf(s))
	}
	damaged := TrashedSetFromRecords("d", []Record{{Key: "h", Value: []byte("{")}, {Key: "a/1", Value: []byte("x")}})
	if damaged.ID != "d" || damaged.Annotations != 1 || !strings.Contains(SetName(&Set{}), "no annotator") {
		t.Errorf("damaged: %+v", damaged)
	}
}
