package annotations

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Deleting a set or an article moves what it removes to a trash item: every
// stored record the deletion took, verbatim, with what a person needs to
// recognize it (the article's title, each set's name and annotation count,
// when it went). Restoring puts the records back as they were; nothing is
// rebuilt, so a restore gives back exactly what was deleted, damaged
// records included.

// TrashKind is what a trash item holds.
type TrashKind string

// The kinds of trash items.
const (
	TrashSet     TrashKind = "set"     // one annotation set of an article
	TrashArticle TrashKind = "article" // an article with all its sets
)

// TrashedSet is what a trash item says of one set it holds.
type TrashedSet struct {
	ID          string `json:"id"`
	Annotator   string `json:"annotator"`
	Annotations int    `json:"annotations"`
}

// StoredRecord is one record of browser storage as it was stored: its
// whole key and its value.
type StoredRecord struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TrashItem is one deletion, kept so that it can be undone.
type TrashItem struct {
	Kind      TrashKind      `json:"kind"`
	ArticleID string         `json:"article"`
	Title     string         `json:"title"`
	Deleted   time.Time      `json:"deleted"`
	Sets      []TrashedSet   `json:"sets"`
	Records   []StoredRecord `json:"records"`
	// Hidden is set for an article the server ships (a seed article): its
	// text is not the browser's to delete, so deleting hides it.
	Hidden bool `json:"hidden,omitempty"`
}

// TrashedSetOf is what a trash item says of a set.
func TrashedSetOf(s *Set) TrashedSet {
	return TrashedSet{ID: s.ID, Annotator: s.Annotator, Annotations: len(s.Annotations)}
}

// TrashedSetFromRecords is what a trash item says of a set from its records
// (keys relative to the set), as SummarizeSetRecords reads them.
func TrashedSetFromRecords(setID string, recs []Record) TrashedSet {
	s := SummarizeSetRecords(setID, recs)
	return TrashedSet{ID: s.ID, Annotator: s.Annotator, Annotations: s.Annotations}
}

// SetSummary is what a list of sets shows of one without reading it whole.
type SetSummary struct {
	ID          string
	Annotator   string
	Modified    time.Time
	Annotations int
}

// SummarizeSetRecords reads a set's summary from its records (keys relative
// to the set): annotator and date modified from its header, the number of
// annotation records. Only the header's value is read, so the annotation
// records may come without values. A set whose header does not read is
// still counted, so that a damaged set can be listed, deleted and restored
// like any other.
func SummarizeSetRecords(setID string, recs []Record) SetSummary {
	out := SetSummary{ID: setID}
	for _, r := range recs {
		switch kind, _ := splitRecordKey(r.Key); kind {
		case headerKey:
			var h recHeader
			if json.Unmarshal(r.Value, &h) == nil {
				out.Annotator = h.Annotator
				out.Modified, _ = parseUTC(h.Modified)
			}
		case annotationPfx:
			out.Annotations++
		}
	}
	return out
}

// Label is the summary's line in a list of sets, as SetLabel writes it.
func (s SetSummary) Label(now time.Time) string {
	return shownAnnotator(s.Annotator) + " — " + FormatShortTime(s.Modified, now) + " — " + CountOf(s.Annotations, "annotation")
}

// AnnotationCount is the number of annotations in the item's sets.
func (t *TrashItem) AnnotationCount() int {
	n := 0
	for _, s := range t.Sets {
		n += s.Annotations
	}
	return n
}

// Summary says what the item holds: "“Title” and its 3 annotation sets (45
// annotations)" or "the set “Ana” (33 annotations) of “Title”".
func (t *TrashItem) Summary() string {
	title := "“" + ShownName(t.Title) + "”"
	if t.Kind == TrashSet && len(t.Sets) == 1 {
		s := t.Sets[0]
		name := "the set with no annotator"
		if !isBlank(s.Annotator) {
			name = "the set “" + ShownName(s.Annotator) + "”"
		}
		return fmt.Sprintf("%s (%s) of %s", name, CountOf(s.Annotations, "annotation"), title)
	}
	if len(t.Sets) == 0 {
		return title + ", which has no annotation sets"
	}
	return fmt.Sprintf("%s and its %s (%s)", title, CountOf(len(t.Sets), "annotation set"), CountOf(t.AnnotationCount(), "annotation"))
}

// Question is the confirmation a deletion asks: "Delete “Title” and its 3
// annotation sets (45 annotations)?". What goes can be restored from the
// Trash, and the question says so.
func (t *TrashItem) Question() string {
	return "Delete " + t.Summary() + "? It goes to the Trash, where you can restore it."
}

// PurgeQuestion is the confirmation of deleting the item for good. An
// article the app ships cannot be deleted, only hidden: purging its item
// deletes its sets and brings it back without them, and the question says
// so.
func (t *TrashItem) PurgeQuestion() string {
	q := "Delete " + t.Summary() + " for good? This cannot be undone."
	if t.Hidden {
		q += " The article itself comes with the app: it returns to the library without these sets."
	}
	return q
}

// Done is the notice once the item is deleted.
func (t *TrashItem) Done() string {
	s := t.Summary()
	return "Deleted " + s + "."
}

// MarshalTrash is a trash item as stored.
func MarshalTrash(t *TrashItem) ([]byte, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	c := *t
	c.Deleted = c.Deleted.UTC()
	return json.Marshal(&c)
}

// UnmarshalTrash reads a stored trash item back.
func UnmarshalTrash(data []byte) (*TrashItem, error) {
	var t TrashItem
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("the trash item does not read: %w", err)
	}
	if err := t.validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *TrashItem) validate() error {
	switch {
	case t.Kind != TrashSet && t.Kind != TrashArticle:
		return fmt.Errorf("the trash item is of kind %q, not %q or %q", t.Kind, TrashSet, TrashArticle)
	case t.ArticleID == "":
		return errors.New("the trash item names no article")
	case t.Deleted.IsZero():
		return errors.New("the trash item has no deletion time")
	case t.Kind == TrashSet && len(t.Sets) != 1:
		return fmt.Errorf("the trash item of a set holds %d sets", len(t.Sets))
	}
	for _, r := range t.Records {
		if r.Key == "" || strings.HasPrefix(r.Key, "trash/") {
			return fmt.Errorf("the trash item holds a record under %q, which no deletion removes", r.Key)
		}
	}
	return nil
}
