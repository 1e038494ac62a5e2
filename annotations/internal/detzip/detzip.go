// Package detzip writes zip archives whose bytes depend only on their
// entries: every entry has the same timestamp and the same compression, so
// that the same content always gives the same zip (a corpus archive, a brat
// collection), which a person can checksum, diff or commit.
package detzip

import (
	"archive/zip"
	"bytes"
	"fmt"
	"time"
)

// Time is every entry's timestamp: the earliest a zip can say.
var Time = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Entry is one file of an archive. Name is a slash-separated path inside it.
type Entry struct {
	Name string
	Data []byte
}

// Write returns a zip holding the entries, deflated, in the order given: a
// caller that wants them sorted sorts them first (a corpus archive puts its
// manifest first).
func Write(entries []Entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, Modified: Time})
		if err != nil {
			return nil, fmt.Errorf("zip entry %s: %w", e.Name, err)
		}
		if _, err := w.Write(e.Data); err != nil {
			return nil, fmt.Errorf("zip entry %s: %w", e.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("closing the zip: %w", err)
	}
	return buf.Bytes(), nil
}
