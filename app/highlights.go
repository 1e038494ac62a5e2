package app

import (
	"strconv"
	"strings"

	"quotemark/annotations"
)

// highlightName is the CSS highlight that paints a type (see app.css).
func highlightName(t annotations.Type) string { return "qm-" + string(t) }

// paint hands every span of the active set, in UTF-16 units, to the CSS
// Custom Highlight API. The text itself stays one plain text node, so a
// change costs one repaint, not a re-render of the article.
func (w *Workspace) paint() {
	s := w.set()
	if w.art == nil || s == nil {
		return
	}
	h := newHighlights(w.art.Offsets(), "qm-quote", "qm-speaker", "qm-claim", "qm-approximate",
		"qm-suggestion", "qm-suggestion-current", "qm-selected")
	w.paintSuggestions(h)
	for _, a := range s.Annotations {
		h.add(highlightName(a.Type), a.Start, a.End)
		if _, ok := s.Approximate[a.ID]; ok {
			h.add("qm-approximate", a.Start, a.End)
		}
		if a.ID == w.selected {
			h.add("qm-selected", a.Start, a.End)
		}
	}
	paintHighlights(textID, h.json())
}

// highlights collects code point spans per highlight name and encodes them
// in UTF-16 units for web/bridge.js. Names are painted in the order given,
// later ones on top.
type highlights struct {
	offsets *annotations.Offsets
	names   []string
	spans   map[string][]int
}

func newHighlights(o *annotations.Offsets, names ...string) *highlights {
	return &highlights{offsets: o, names: names, spans: map[string][]int{}}
}

func (h *highlights) add(name string, start, end int) {
	h.spans[name] = append(h.spans[name], h.offsets.UTF16(start), h.offsets.UTF16(end))
}

// json encodes {"name":[s,e,...],...} with every name present, in order.
func (h *highlights) json() string {
	var b strings.Builder
	b.WriteByte('{')
	for i, name := range h.names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(name))
		b.WriteString(":[")
		for j, v := range h.spans[name] {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(v))
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.String()
}
