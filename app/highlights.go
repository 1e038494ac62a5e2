package app

import (
	"strconv"
	"strings"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// highlightName is the CSS highlight that paints a type (see app.css).
func highlightName(t annotations.Type) string { return "qm-" + string(t) }

// workspaceLayers are the article page's highlights, lowest first.
var workspaceLayers = []string{"qm-quote", "qm-speaker", "qm-claim", "qm-approximate",
	"qm-suggestion", "qm-suggestion-current", "qm-selected"}

// markOps collects changes to highlight layers, range by range, for marks in
// web/bridge.js: a change repaints the ranges it touched, not every span.
type markOps struct {
	offsets *annotations.Offsets
	b       strings.Builder
	n       int
	pending bool // a paint is scheduled
}

func (m *markOps) op(parts ...string) {
	if m.n == 0 {
		m.b.WriteByte('[')
	} else {
		m.b.WriteByte(',')
	}
	m.n++
	m.b.WriteByte('[')
	for i, p := range parts {
		if i > 0 {
			m.b.WriteByte(',')
		}
		m.b.WriteString(p)
	}
	m.b.WriteByte(']')
}

// reset drops every layer and starts the named ones, empty.
func (m *markOps) reset(names []string) {
	m.b.Reset()
	m.n = 0
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	m.op(`"reset"`, "["+strings.Join(quoted, ",")+"]")
}

// put places key's range on a layer, replacing the one it had; start and end
// are code points.
func (m *markOps) put(layer, key string, start, end int) {
	m.op(`"put"`, strconv.Quote(layer), strconv.Quote(key),
		strconv.Itoa(m.offsets.UTF16(start)), strconv.Itoa(m.offsets.UTF16(end)))
}

func (m *markOps) del(layer, key string) {
	m.op(`"del"`, strconv.Quote(layer), strconv.Quote(key))
}

func (m *markOps) clear(layer string) {
	m.op(`"clear"`, strconv.Quote(layer))
}

// take returns the JSON of the collected operations and starts afresh.
func (m *markOps) take() string {
	if m.n == 0 {
		return "[]"
	}
	m.b.WriteByte(']')
	out := m.b.String()
	m.b.Reset()
	m.n = 0
	return out
}

// schedule hands the collected changes to the page once the current
// render is done; ctx must outlive the event's element (see
// Workspace.page).
func (m *markOps) schedule(ctx goapp.Context) {
	if m.pending {
		return
	}
	m.pending = true
	ctx.Defer(func(goapp.Context) {
		m.pending = false
		paintMarks(textID, m.take())
	})
}

func (w *Workspace) schedulePaint(ctx goapp.Context) { w.marks.schedule(w.page(ctx)) }

// repaint paints the active set from scratch: on opening, on switching sets
// and after an import.
func (w *Workspace) repaint(ctx goapp.Context) {
	s := w.set()
	if w.art == nil || s == nil {
		return
	}
	w.marks.offsets = w.art.Offsets()
	w.marks.reset(workspaceLayers)
	for _, a := range s.Annotations {
		w.marks.put(highlightName(a.Type), a.ID, a.Start, a.End)
		if _, ok := s.Approximate[a.ID]; ok {
			w.marks.put("qm-approximate", a.ID, a.Start, a.End)
		}
	}
	w.markSelected()
	w.markAllSuggestions()
	w.schedulePaint(ctx)
}

// markChange moves the ranges a change touched.
func (w *Workspace) markChange(c *annotations.Change) {
	if w.art == nil {
		return
	}
	w.marks.offsets = w.art.Offsets()
	for _, ac := range c.Annotations {
		if b := ac.Before; b != nil && (ac.After == nil || ac.After.Type != b.Type) {
			w.marks.del(highlightName(b.Type), b.ID)
		}
		if a := ac.After; a != nil {
			w.marks.put(highlightName(a.Type), a.ID, a.Start, a.End)
		}
	}
	s := w.set()
	for _, ap := range c.Approximate {
		if a, ok := s.Annotation(ap.ID); ok && ap.HasAfter {
			w.marks.put("qm-approximate", a.ID, a.Start, a.End)
		} else {
			w.marks.del("qm-approximate", ap.ID)
		}
	}
	for _, ac := range c.Annotations {
		if a := ac.After; a != nil && a.ID == w.selected {
			w.marks.put("qm-selected", "selected", a.Start, a.End)
		}
	}
	w.markSuggestionChange(c)
}

// markSelected puts the selection's outline on the annotation selected now.
func (w *Workspace) markSelected() {
	if w.art == nil {
		return
	}
	w.marks.offsets = w.art.Offsets()
	if a, ok := w.set().Annotation(w.selected); ok {
		w.marks.put("qm-selected", "selected", a.Start, a.End)
	} else {
		w.marks.del("qm-selected", "selected")
	}
}
