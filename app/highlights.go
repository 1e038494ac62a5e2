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
	paintHighlights(textID, highlightSpans(w.art.Offsets(), s, w.selected))
}

// highlightSpans encodes the spans as {"qm-quote":[s,e,...],...}.
func highlightSpans(o *annotations.Offsets, s *annotations.Set, selected string) string {
	lists := map[string]*strings.Builder{}
	add := func(name string, a annotations.Annotation) {
		b := lists[name]
		if b == nil {
			b = &strings.Builder{}
			lists[name] = b
		} else {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(o.UTF16(a.Start)))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(o.UTF16(a.End)))
	}
	for _, a := range s.Annotations {
		add(highlightName(a.Type), a)
		if a.ID == selected {
			add("qm-selected", a)
		}
	}
	var out strings.Builder
	out.WriteByte('{')
	first := true
	for name, b := range lists {
		if !first {
			out.WriteByte(',')
		}
		first = false
		out.WriteString(strconv.Quote(name))
		out.WriteString(":[")
		out.WriteString(b.String())
		out.WriteByte(']')
	}
	out.WriteByte('}')
	return out.String()
}
