package annotations

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// Write encodes a set in the v1 format: keys in the spec's order, annotations
// and speakers sorted, two-space indentation, a final newline and optional
// fields left out when empty or default, so the same set always gives the same
// bytes. Orphans are not part of the format and are not written.
func Write(s *Set) []byte {
	c := s.Clone()
	c.Sort()
	w := &jsonWriter{}
	w.raw("{\n")
	w.field(1, "format", w.str(FormatName), true)
	w.field(1, "version", strconv.Itoa(FormatVersion), true)
	w.field(1, "id", w.str(c.ID), true)
	w.field(1, "annotator", w.str(c.Annotator), true)
	w.field(1, "created", w.str(FormatTime(c.Created)), true)
	w.field(1, "modified", w.str(FormatTime(c.Modified)), true)
	w.key(1, "article")
	w.raw("{\n")
	w.field(2, "id", w.str(c.Article.ID), true)
	w.field(2, "title", w.str(c.Article.Title), true)
	w.field(2, "sha256", w.str(c.Article.SHA256), true)
	w.field(2, "length", strconv.Itoa(c.Article.Length), false)
	w.raw("  },\n")
	w.key(1, "speakers")
	w.list(1, len(c.Speakers), func(i int) {
		sp := c.Speakers[i]
		w.field(3, "id", w.str(sp.ID), true)
		w.field(3, "name", w.str(sp.Name), false)
	})
	w.raw(",\n")
	w.key(1, "annotations")
	w.list(1, len(c.Annotations), func(i int) {
		a := c.Annotations[i]
		type kv struct{ k, v string }
		fields := []kv{
			{"id", w.str(a.ID)}, {"type", w.str(string(a.Type))},
			{"start", strconv.Itoa(a.Start)}, {"end", strconv.Itoa(a.End)},
			{"exact", w.str(a.Exact)}, {"prefix", w.str(a.Prefix)}, {"suffix", w.str(a.Suffix)},
		}
		if a.Speaker != "" {
			fields = append(fields, kv{"speaker", w.str(a.Speaker)})
		}
		if a.Type == Quote && a.Form != "" && a.Form != Direct {
			fields = append(fields, kv{"form", w.str(string(a.Form))})
		}
		if a.Type == Claim && a.Checkworthy {
			fields = append(fields, kv{"checkworthy", "true"})
		}
		if a.Note != "" {
			fields = append(fields, kv{"note", w.str(a.Note)})
		}
		for j, f := range fields {
			w.field(3, f.k, f.v, j < len(fields)-1)
		}
	})
	w.raw("\n}\n")
	return w.buf.Bytes()
}

func FormatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

type jsonWriter struct {
	buf bytes.Buffer
	tmp bytes.Buffer
	enc *json.Encoder
}

func (w *jsonWriter) raw(s string) { w.buf.WriteString(s) }

func (w *jsonWriter) indent(level int) {
	for range level {
		w.buf.WriteString("  ")
	}
}

func (w *jsonWriter) key(level int, k string) {
	w.indent(level)
	w.buf.WriteString(w.str(k))
	w.buf.WriteString(": ")
}

func (w *jsonWriter) field(level int, k, v string, comma bool) {
	w.key(level, k)
	w.buf.WriteString(v)
	if comma {
		w.buf.WriteByte(',')
	}
	w.buf.WriteByte('\n')
}

// list writes an array of objects whose fields item writes at level+2.
func (w *jsonWriter) list(level, n int, item func(i int)) {
	if n == 0 {
		w.raw("[]")
		return
	}
	w.raw("[\n")
	for i := range n {
		w.indent(level + 1)
		w.raw("{\n")
		item(i)
		w.indent(level + 1)
		w.raw("}")
		if i < n-1 {
			w.raw(",")
		}
		w.raw("\n")
	}
	w.indent(level)
	w.raw("]")
}

// str encodes a JSON string without HTML escaping, so curly quotes, <, > and
// & stay readable in diffs.
func (w *jsonWriter) str(s string) string {
	if w.enc == nil {
		w.enc = json.NewEncoder(&w.tmp)
		w.enc.SetEscapeHTML(false)
	}
	w.tmp.Reset()
	_ = w.enc.Encode(s) // a string always encodes
	return string(bytes.TrimSuffix(w.tmp.Bytes(), []byte("\n")))
}
