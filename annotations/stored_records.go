package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"quotemark/annotations/internal/scan"
)

// Record is one stored piece of a set; Key is relative to the set ("h",
// "a/<id>", "s/<id>", "o/<id>").
//
// The browser stores a set as one record per entity so that a step writes
// records of its own size (ChangeRecords), in one transaction, rather than
// the whole set. The header "h" holds the set's id, annotator, times and
// article, and the order of the orphans (which are addressed by position);
// "a/<id>" an annotation with its approximate confidence when it has one;
// "s/<id>" a speaker; "o/<id>" an orphan with its reason.
type Record struct {
	Key   string
	Value []byte
}

// Record key prefixes.
const (
	headerKey       = "h"
	annotationPfx   = "a/"
	speakerPfx      = "s/"
	orphanPfx       = "o/"
	recordKeyFormat = `"h", "a/<id>", "s/<id>" or "o/<id>"`
)

type recHeader struct {
	ID        string     `json:"id"`
	Annotator string     `json:"annotator"`
	Created   string     `json:"created"`
	Modified  string     `json:"modified"`
	Article   recArticle `json:"article"`
	Orphans   []string   `json:"orphans,omitempty"` // orphan ids, in the set's order
}

type recArticle struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
	Length int    `json:"length"`
}

type recAnnotation struct {
	ID          string   `json:"id"`
	Type        Type     `json:"type"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Exact       string   `json:"exact"`
	Prefix      string   `json:"prefix"`
	Suffix      string   `json:"suffix"`
	Speaker     string   `json:"speaker,omitempty"`
	Form        Form     `json:"form,omitempty"`
	Checkworthy bool     `json:"checkworthy,omitempty"`
	Note        string   `json:"note,omitempty"`
	Approximate *float64 `json:"approximate,omitempty"` // a pointer: 0 is a confidence
}

type recSpeaker struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SetRecords is every record of the set, the header first.
func SetRecords(s *Set) []Record {
	recs := make([]Record, 0, 1+len(s.Speakers)+len(s.Annotations)+len(s.Orphans))
	recs = append(recs, headerRecord(s))
	for _, sp := range s.Speakers {
		recs = append(recs, speakerRecord(sp))
	}
	for _, a := range s.Annotations {
		recs = append(recs, annotationRecord(s, a))
	}
	for _, o := range s.Orphans {
		recs = append(recs, orphanRecord(o))
	}
	return recs
}

// ChangeRecords is, after c was applied to s, the records to put and the
// keys to delete. The header is always put: Modified changes with every
// step. It costs what c holds.
func ChangeRecords(s *Set, c *Change) (puts []Record, dels []string) {
	puts = append(puts, headerRecord(s))
	done := make(map[string]bool, len(c.Annotations))
	putAnnotation := func(id string) {
		if done[id] {
			return
		}
		done[id] = true
		if i := s.AnnotationPos(id); i >= 0 {
			puts = append(puts, annotationRecord(s, s.Annotations[i]))
		} else {
			dels = append(dels, annotationPfx+id)
		}
	}
	for _, e := range c.Annotations {
		putAnnotation(annChangeID(e))
	}
	for _, e := range c.Approximate {
		putAnnotation(e.ID)
	}
	for _, e := range c.Speakers {
		id := spkChangeID(e)
		if i := s.SpeakerPos(id); i >= 0 {
			puts = append(puts, speakerRecord(s.Speakers[i]))
		} else {
			dels = append(dels, speakerPfx+id)
		}
	}
	if len(c.Orphans) > 0 {
		pos := orphanPositions(s.Orphans)
		for _, e := range c.Orphans {
			id := orphanChangeID(e)
			if i, ok := pos[id]; ok {
				puts = append(puts, orphanRecord(s.Orphans[i]))
			} else {
				dels = append(dels, orphanPfx+id)
			}
		}
	}
	return puts, dels
}

func headerRecord(s *Set) Record {
	h := recHeader{
		ID: s.ID, Annotator: s.Annotator, Created: FormatTime(s.Created), Modified: FormatTime(s.Modified),
		Article: recArticle(s.Article),
	}
	for _, o := range s.Orphans {
		h.Orphans = append(h.Orphans, o.Annotation.ID)
	}
	return Record{headerKey, marshalRecord(h)}
}

func annotationRecord(s *Set, a Annotation) Record {
	r := recAnnotation{ID: a.ID, Type: a.Type, Start: a.Start, End: a.End, Exact: a.Exact, Prefix: a.Prefix,
		Suffix: a.Suffix, Speaker: a.Speaker, Form: a.Form, Checkworthy: a.Checkworthy, Note: a.Note}
	if c, ok := s.Approximate[a.ID]; ok {
		r.Approximate = &c
	}
	return Record{annotationPfx + a.ID, marshalRecord(r)}
}

func speakerRecord(sp Speaker) Record {
	return Record{speakerPfx + sp.ID, marshalRecord(recSpeaker(sp))}
}

func orphanRecord(o Orphan) Record {
	return Record{orphanPfx + o.Annotation.ID, marshalRecord(toStoredOrphan(o))}
}

func marshalRecord(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as Write: the text stays readable
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("encoding a record: %v", err)) // plain strings, numbers and bools always encode
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// SetFromRecords rebuilds a set from its records, in any order, in one
// pass; then the whole set is checked as Read and UnmarshalStored check it.
// An error names the record's key and the rule.
func SetFromRecords(recs []Record) (*Set, error) {
	s := &Set{Speakers: []Speaker{}, Annotations: []Annotation{}}
	var head *recHeader
	seen := make(map[string]bool, len(recs))
	orphans := map[string]Orphan{}
	approx := map[string]float64{}
	for _, r := range recs {
		if seen[r.Key] {
			return nil, fmt.Errorf("record %s: appears twice", r.Key)
		}
		seen[r.Key] = true
		kind, id := r.Key, ""
		if i := strings.IndexByte(r.Key, '/'); i >= 0 && i+1 < len(r.Key) {
			kind, id = r.Key[:i+1], r.Key[i+1:]
		}
		bad := func(format string, args ...any) error {
			return fmt.Errorf("record %s: %s", r.Key, fmt.Sprintf(format, args...))
		}
		switch kind {
		case headerKey:
			var h recHeader
			if err := decodeRecord(r.Value, &h); err != nil {
				return nil, bad("%v", err)
			}
			head = &h
		case annotationPfx:
			v, err := decodeAnnotationRecord(r.Value)
			if err != nil {
				return nil, bad("%v", err)
			}
			if v.ID != id {
				return nil, bad("holds annotation %q", v.ID)
			}
			if v.Approximate != nil {
				if c := *v.Approximate; !(c >= 0 && c <= 1) {
					return nil, bad("approximate confidence %v is not from 0 to 1", c)
				}
				approx[id] = *v.Approximate
			}
			s.Annotations = append(s.Annotations, Annotation{ID: v.ID, Type: v.Type, Start: v.Start, End: v.End,
				Exact: v.Exact, Prefix: v.Prefix, Suffix: v.Suffix, Speaker: v.Speaker, Form: v.Form,
				Checkworthy: v.Checkworthy, Note: v.Note})
		case speakerPfx:
			var v recSpeaker
			if err := decodeRecord(r.Value, &v); err != nil {
				return nil, bad("%v", err)
			}
			if v.ID != id {
				return nil, bad("holds speaker %q", v.ID)
			}
			s.Speakers = append(s.Speakers, Speaker(v))
		case orphanPfx:
			var v storedOrphan
			if err := decodeRecord(r.Value, &v); err != nil {
				return nil, bad("%v", err)
			}
			if v.ID != id {
				return nil, bad("holds orphan %q", v.ID)
			}
			orphans[id] = fromStoredOrphan(v)
		default:
			return nil, fmt.Errorf("record %q: not a key of a set's record (%s)", r.Key, recordKeyFormat)
		}
	}
	if head == nil {
		return nil, fmt.Errorf("record %s: is missing; every set has a header", headerKey)
	}
	s.ID, s.Annotator, s.Article = head.ID, head.Annotator, ArticleRef(head.Article)
	var err error
	if s.Created, err = parseUTC(head.Created); err != nil {
		return nil, fmt.Errorf("record %s: created: %w", headerKey, err)
	}
	if s.Modified, err = parseUTC(head.Modified); err != nil {
		return nil, fmt.Errorf("record %s: modified: %w", headerKey, err)
	}
	for _, id := range head.Orphans {
		o, ok := orphans[id]
		if !ok {
			return nil, fmt.Errorf("record %s: lists orphan %s, which has no record", headerKey, id)
		}
		delete(orphans, id) // a second listing finds none
		s.Orphans = append(s.Orphans, o)
	}
	for id := range orphans {
		return nil, fmt.Errorf("record %s%s: the header does not list this orphan", orphanPfx, id)
	}
	s.Sort()
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("record %s: %w", recordOf(s, err), err)
	}
	if err := checkApproximate(s, approx); err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	if len(approx) > 0 {
		s.Approximate = approx
	}
	return s, nil
}

// decodeRecord decodes one record's value, refusing fields it does not
// know and anything after the value.
func decodeRecord(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not a valid record: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("not a valid record: data after the value")
	}
	return nil
}

// decodeAnnotationRecord is decodeRecord for the records a set has most of:
// it reads the usual shape (the keys as written, strings without escapes,
// whole numbers, booleans) from the JSON directly, and hands anything else
// to decodeRecord, so the result and every error are decodeRecord's. Opening
// 2,000 annotations spent most of its Go time in encoding/json's reflection.
func decodeAnnotationRecord(data []byte) (recAnnotation, error) {
	var r recAnnotation
	if !json.Valid(data) || !scan.Members(data, '{', func(key, value []byte) bool {
		return r.setPlain(string(key), value)
	}) {
		r = recAnnotation{}
		err := decodeRecord(data, &r)
		return r, err
	}
	return r, nil
}

// setPlain sets the field named by the quoted key from a plain value, or
// reports false.
func (r *recAnnotation) setPlain(key string, value []byte) bool {
	str := func(dst *string) bool {
		v, ok := scan.PlainString(value)
		*dst = v
		return ok
	}
	num := func(dst *int) bool {
		v, err := integer(value, "")
		*dst = v
		return err == nil
	}
	switch key {
	case `"id"`:
		return str(&r.ID)
	case `"type"`:
		return str((*string)(&r.Type))
	case `"start"`:
		return num(&r.Start)
	case `"end"`:
		return num(&r.End)
	case `"exact"`:
		return str(&r.Exact)
	case `"prefix"`:
		return str(&r.Prefix)
	case `"suffix"`:
		return str(&r.Suffix)
	case `"speaker"`:
		return str(&r.Speaker)
	case `"form"`:
		return str((*string)(&r.Form))
	case `"note"`:
		return str(&r.Note)
	case `"checkworthy"`:
		r.Checkworthy = string(value) == "true"
		return string(value) == "true" || string(value) == "false"
	}
	return false // approximate, an unknown key, another spelling: decodeRecord
}

var pathIndex = regexp.MustCompile(`^(annotations|speakers)\[([0-9]+)\]`)

// recordOf is the key of the record a Validate error is about.
func recordOf(s *Set, err error) string {
	var fe *FormatError
	if errors.As(err, &fe) {
		if m := pathIndex.FindStringSubmatch(fe.Path); m != nil {
			i, _ := strconv.Atoi(m[2])
			if m[1] == "annotations" && i < len(s.Annotations) {
				return annotationPfx + s.Annotations[i].ID
			}
			if m[1] == "speakers" && i < len(s.Speakers) {
				return speakerPfx + s.Speakers[i].ID
			}
		}
	}
	return headerKey
}

// parseUTC reads a time as Read does: RFC 3339, in UTC, ending in Z.
func parseUTC(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil || !timePattern.MatchString(v) {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 timestamp", v)
	}
	if _, offset := t.Zone(); offset != 0 {
		return time.Time{}, fmt.Errorf("%q is not in UTC (it must end in Z)", v)
	}
	return t, nil
}

// RecordsOf is, for record keys of the set ("h", "a/<id>", "s/<id>",
// "o/<id>"), the records to put for those the set holds now and the keys to
// delete for those it does not: what storage needs to hold those pieces as
// the set has them. Keys of no kind of record are left out. It costs what
// keys holds, plus a pass over the orphans when one is asked for.
func RecordsOf(s *Set, keys []string) (puts []Record, dels []string) {
	var orphans map[string]int
	for _, k := range keys {
		kind, id := splitRecordKey(k)
		switch kind {
		case headerKey:
			puts = append(puts, headerRecord(s))
		case annotationPfx:
			if i := s.AnnotationPos(id); i >= 0 {
				puts = append(puts, annotationRecord(s, s.Annotations[i]))
			} else {
				dels = append(dels, k)
			}
		case speakerPfx:
			if i := s.SpeakerPos(id); i >= 0 {
				puts = append(puts, speakerRecord(s.Speakers[i]))
			} else {
				dels = append(dels, k)
			}
		case orphanPfx:
			if orphans == nil {
				orphans = orphanPositions(s.Orphans)
			}
			if i, ok := orphans[id]; ok {
				puts = append(puts, orphanRecord(s.Orphans[i]))
			} else {
				dels = append(dels, k)
			}
		}
	}
	return puts, dels
}

// splitRecordKey is a record key's kind (headerKey or a prefix) and id.
func splitRecordKey(key string) (kind, id string) {
	if i := strings.IndexByte(key, '/'); i >= 0 && i+1 < len(key) {
		return key[:i+1], key[i+1:]
	}
	return key, ""
}

// ApplyRecords takes the set to what another writer of it stored: puts are
// records as SetRecords and ChangeRecords make them, dels the keys of the
// records it removed. Orphans change only with the header, which holds
// their order, and the header must be this set's. It is one step, returned
// for the views to follow, but not one this history can take back: a step
// kept for undo or redo was taken from states the other writer may have
// changed since, so when the records change anything those steps are
// dropped. It costs what the records hold, plus a pass over the orphans
// when they change. On error the set is as it was.
func (h *History) ApplyRecords(puts []Record, dels []string) (*Change, error) {
	s := h.set
	if s.j != nil {
		return nil, errors.New("a change of this set is already running")
	}
	s.index()
	a := recordsApply{s: s, c: &Change{ModifiedBefore: s.Modified, ModifiedAfter: s.Modified},
		seen: make(map[string]bool, len(puts)+len(dels)), orphanPuts: map[string]Orphan{}, orphanDels: map[string]bool{}}
	for _, r := range puts {
		if err := a.put(r); err != nil {
			return nil, err
		}
	}
	for _, k := range dels {
		if err := a.del(k); err != nil {
			return nil, err
		}
	}
	if err := a.orphans(); err != nil {
		return nil, err
	}
	c := a.c
	if c.Empty() && c.ModifiedAfter.Equal(c.ModifiedBefore) {
		return c, nil
	}
	s.applyStates(c, true)
	if err := s.validateChange(c); err != nil {
		s.applyStates(c, false)
		return nil, fmt.Errorf("the stored records would make an invalid set: %w", err)
	}
	if !c.Empty() {
		clear(h.undo)
		clear(h.redo)
		h.undo, h.redo, h.lastMerge = h.undo[:0], h.redo[:0], ""
	}
	return c, nil
}

// recordsApply gathers, record by record, the change ApplyRecords makes.
type recordsApply struct {
	s          *Set
	c          *Change
	seen       map[string]bool
	head       *recHeader
	orphanPuts map[string]Orphan
	orphanDels map[string]bool
}

func (a *recordsApply) put(r Record) error {
	if a.seen[r.Key] {
		return fmt.Errorf("record %s: appears twice", r.Key)
	}
	a.seen[r.Key] = true
	bad := func(format string, args ...any) error {
		return fmt.Errorf("record %s: %s", r.Key, fmt.Sprintf(format, args...))
	}
	s := a.s
	kind, id := splitRecordKey(r.Key)
	switch kind {
	case headerKey:
		var h recHeader
		if err := decodeRecord(r.Value, &h); err != nil {
			return bad("%v", err)
		}
		if h.ID != s.ID || h.Annotator != s.Annotator || h.Created != FormatTime(s.Created) || ArticleRef(h.Article) != s.Article {
			return bad("is the header of another set or article (set %s)", h.ID)
		}
		modified, err := parseUTC(h.Modified)
		if err != nil {
			return bad("modified: %v", err)
		}
		a.head, a.c.ModifiedAfter = &h, modified
	case annotationPfx:
		v, err := decodeAnnotationRecord(r.Value)
		if err != nil {
			return bad("%v", err)
		}
		if v.ID != id {
			return bad("holds annotation %q", v.ID)
		}
		after := Annotation{ID: v.ID, Type: v.Type, Start: v.Start, End: v.End, Exact: v.Exact, Prefix: v.Prefix,
			Suffix: v.Suffix, Speaker: v.Speaker, Form: v.Form, Checkworthy: v.Checkworthy, Note: v.Note}
		var before *Annotation
		if i := s.AnnotationPos(id); i >= 0 {
			before = clonePtr(&s.Annotations[i])
		}
		if !samePtr(before, &after) {
			a.c.Annotations = append(a.c.Annotations, AnnotationChange{before, &after})
		}
		old, had := s.Approximate[id]
		switch {
		case v.Approximate != nil && !(*v.Approximate >= 0 && *v.Approximate <= 1):
			return bad("approximate confidence %v is not from 0 to 1", *v.Approximate)
		case v.Approximate != nil && (!had || old != *v.Approximate):
			a.c.Approximate = append(a.c.Approximate, ApproximateChange{id, old, *v.Approximate, had, true})
		case v.Approximate == nil && had:
			a.c.Approximate = append(a.c.Approximate, ApproximateChange{id, old, 0, true, false})
		}
	case speakerPfx:
		var v recSpeaker
		if err := decodeRecord(r.Value, &v); err != nil {
			return bad("%v", err)
		}
		if v.ID != id {
			return bad("holds speaker %q", v.ID)
		}
		after := Speaker(v)
		var before *Speaker
		if i := s.SpeakerPos(id); i >= 0 {
			before = clonePtr(&s.Speakers[i])
		}
		if !samePtr(before, &after) {
			a.c.Speakers = append(a.c.Speakers, SpeakerChange{before, &after})
		}
	case orphanPfx:
		var v storedOrphan
		if err := decodeRecord(r.Value, &v); err != nil {
			return bad("%v", err)
		}
		if v.ID != id {
			return bad("holds orphan %q", v.ID)
		}
		a.orphanPuts[id] = fromStoredOrphan(v)
	default:
		return fmt.Errorf("record %q: not a key of a set's record (%s)", r.Key, recordKeyFormat)
	}
	return nil
}

func (a *recordsApply) del(key string) error {
	if a.seen[key] {
		return fmt.Errorf("record %s: is both put and deleted", key)
	}
	a.seen[key] = true
	s := a.s
	kind, id := splitRecordKey(key)
	switch kind {
	case annotationPfx:
		if i := s.AnnotationPos(id); i >= 0 {
			a.c.Annotations = append(a.c.Annotations, AnnotationChange{clonePtr(&s.Annotations[i]), nil})
		}
		if old, had := s.Approximate[id]; had {
			a.c.Approximate = append(a.c.Approximate, ApproximateChange{id, old, 0, true, false})
		}
	case speakerPfx:
		if i := s.SpeakerPos(id); i >= 0 {
			a.c.Speakers = append(a.c.Speakers, SpeakerChange{clonePtr(&s.Speakers[i]), nil})
		}
	case orphanPfx:
		a.orphanDels[id] = true
	case headerKey:
		return fmt.Errorf("record %s: a set's header is never deleted", key)
	default:
		return fmt.Errorf("record %q: not a key of a set's record (%s)", key, recordKeyFormat)
	}
	return nil
}

// orphans works out, from the header's list, each orphan's state and place.
func (a *recordsApply) orphans() error {
	if a.head == nil {
		if len(a.orphanPuts) > 0 || len(a.orphanDels) > 0 {
			return fmt.Errorf("records: orphans change only with the header %s, which holds their order", headerKey)
		}
		return nil
	}
	s := a.s
	cur := orphanPositions(s.Orphans)
	target := make([]Orphan, 0, len(a.head.Orphans))
	for _, id := range a.head.Orphans {
		if o, ok := a.orphanPuts[id]; ok {
			target = append(target, o)
			delete(a.orphanPuts, id) // a second listing finds none
			continue
		}
		i, ok := cur[id]
		if !ok || a.orphanDels[id] {
			return fmt.Errorf("record %s: lists orphan %s, which has no record", headerKey, id)
		}
		target = append(target, s.Orphans[i])
	}
	for id := range a.orphanPuts {
		return fmt.Errorf("record %s%s: the header does not list this orphan", orphanPfx, id)
	}
	after := orphanPositions(target)
	// The orphans that stay as they are keep their places relative to one
	// another, as every step leaves them (see applyOrphanStates); only when
	// they do not is every orphan that moved a part of the step.
	same := func(o Orphan) bool { j, ok := after[o.Annotation.ID]; return ok && target[j] == o }
	var kept, keptAfter []string
	for _, o := range s.Orphans {
		if same(o) {
			kept = append(kept, o.Annotation.ID)
		}
	}
	for _, o := range target {
		if i, ok := cur[o.Annotation.ID]; ok && s.Orphans[i] == o {
			keptAfter = append(keptAfter, o.Annotation.ID)
		}
	}
	reordered := !slices.Equal(kept, keptAfter)
	for i, o := range s.Orphans {
		j, ok := after[o.Annotation.ID]
		switch {
		case !ok:
			a.c.Orphans = append(a.c.Orphans, OrphanChange{clonePtr(&o), nil, i, -1})
		case o != target[j] || reordered && i != j:
			a.c.Orphans = append(a.c.Orphans, OrphanChange{clonePtr(&o), clonePtr(&target[j]), i, j})
		}
	}
	for j, o := range target {
		if _, ok := cur[o.Annotation.ID]; !ok {
			a.c.Orphans = append(a.c.Orphans, OrphanChange{nil, clonePtr(&o), -1, j})
		}
	}
	return nil
}

// Rebase puts the records keys of mine on top of stored, as another tab's
// newer version of the set: a History of stored with those records applied,
// and the keys it applied. When keys hold an orphan, the header and every
// orphan of both sets go with them: orphans keep the order the header
// holds, so one tab's orphans are taken together, never mixed with the
// other's.
func Rebase(stored, mine *Set, keys []string) (*History, []string, error) {
	if slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, orphanPfx) }) {
		keys = withOrphans(keys, mine, stored)
	}
	next := NewHistory(stored)
	puts, dels := RecordsOf(mine, keys)
	if _, err := next.ApplyRecords(puts, dels); err != nil {
		return nil, keys, err
	}
	return next, keys, nil
}

func withOrphans(keys []string, mine, stored *Set) []string {
	seen := make(map[string]bool, len(keys))
	out := slices.Clone(keys)
	for _, k := range out {
		seen[k] = true
	}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	add(headerKey)
	for _, set := range []*Set{mine, stored} {
		for _, o := range set.Orphans {
			add(orphanPfx + o.Annotation.ID)
		}
	}
	return out
}
