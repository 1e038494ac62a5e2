package app

import (
	"strings"
	"testing"
)

// Records cross into JavaScript joined with NUL, split back there; a record
// holding a NUL itself must go the other way, never be cut in two.
func TestJoinRecords(t *testing.T) {
	recs := []storeRecord{{"rec/a/s/h", `{"id":"s"}`}, {"rec/a/s/a/1", `{"note":"é \u0000 😀"}`}, {"rec/a/s/a/2", ""}}
	keys, values, ok := joinRecords(recs)
	if !ok {
		t.Fatal("refused records without a NUL")
	}
	ks, vs := strings.Split(keys, "\x00"), strings.Split(values, "\x00")
	if len(ks) != len(recs) || len(vs) != len(recs) {
		t.Fatalf("%d records split back into %d keys and %d values", len(recs), len(ks), len(vs))
	}
	for i, r := range recs {
		if ks[i] != r.Key || vs[i] != r.Value {
			t.Errorf("record %d came back as %q = %q, want %q = %q", i, ks[i], vs[i], r.Key, r.Value)
		}
	}
	if _, _, ok := joinRecords(append(recs, storeRecord{"k", "text with a \x00 in it"})); ok {
		t.Error("joined a value holding a NUL")
	}
}
