package detzip

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
)

// TestWriteIsDeterministic: the same entries give the same bytes, in the
// order given, each with the fixed timestamp and its data.
func TestWriteIsDeterministic(t *testing.T) {
	entries := []Entry{{"b/second.txt", []byte("two")}, {"a/first.txt", []byte("one")}}
	first, err := Write(entries)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Write(entries)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("the same entries gave two different zips")
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(entries) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(entries))
	}
	for i, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != entries[i].Name || !bytes.Equal(data, entries[i].Data) || !f.Modified.Equal(Time) || f.Method != zip.Deflate {
			t.Errorf("entry %d: %s %q %v method %d; want %s %q %v deflated", i, f.Name, data, f.Modified, f.Method, entries[i].Name, entries[i].Data, Time)
		}
	}
}
