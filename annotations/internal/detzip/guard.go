package detzip

import (
	"archive/zip"
	"cmp"
	"fmt"
	"slices"
)

// CheckEntries refuses a zip, before anything is inflated, whose entries
// declare more than maxTotal bytes together, or whose compressed data runs
// past the end of the size bytes of the zip or overlaps another entry's: in
// a well-formed zip every entry has data of its own, and entries that share
// it (an "overlapping" zip bomb) let a small zip inflate to gigabytes
// without any one entry looking large. What is read afterwards is bounded
// by the declared sizes, which archive/zip holds each entry to. kind names
// the zip in the messages ("a corpus archive").
func CheckEntries(files []*zip.File, size, maxTotal int64, kind string) error {
	var declared uint64
	for _, f := range files {
		declared += min(f.UncompressedSize64, uint64(maxTotal)+1) // cannot wrap
		if declared > uint64(maxTotal) {
			return fmt.Errorf("the entries inflate to more than %d bytes together (from %s on), over the limit of %d bytes on %s's inflated size",
				maxTotal, f.Name, maxTotal, kind)
		}
	}
	type span struct {
		start, end int64
		name       string
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if f.CompressedSize64 > uint64(size) || off+int64(f.CompressedSize64) > size {
			return fmt.Errorf("%s: its data runs past the end of the archive", f.Name)
		}
		spans = append(spans, span{off, off + int64(f.CompressedSize64), f.Name})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	var last span // the span reaching furthest so far
	for i, s := range spans {
		if i > 0 && s.start < last.end {
			return fmt.Errorf("%s and %s share their data (overlapping zip entries); refused", last.name, s.name)
		}
		if i == 0 || s.end > last.end {
			last = s
		}
	}
	return nil
}
