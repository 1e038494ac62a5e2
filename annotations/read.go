package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"time"

	"quotemark/annotations/internal/scan"
)

// FormatError is a broken rule of the format and where it is broken.
type FormatError struct {
	Path string // e.g. "annotations[3]" or "article.sha256"; "" for the file
	Msg  string
}

func (e *FormatError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

func errAt(path, format string, args ...any) *FormatError {
	return &FormatError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// The limits on what the readers take in, this package's Read and the
// readers of package formats alike (README, Limits). Each is checked as the
// input is read, before anything is built from what is over it, and the
// error names it; with them no file costs more than about four times
// MaxImportBytes to read or to refuse, the file included.
const (
	// MaxImportBytes is the largest file Read and an import take: a
	// quotemark set, or a file of another tool's format. A set of 10,000
	// annotations is about 4 MB as quotemark JSON and 14 MB as W3C.
	MaxImportBytes = 32 << 20
	// MaxLineBytes is the longest line of a JSONL, doccano or brat file:
	// room for a text of MaxArticleBytes written by a JSON writer that
	// escapes all but ASCII (\u0436, six bytes for two), and its spans.
	MaxLineBytes = 16 << 20
	// MaxTextBytes is the most text a file may carry beside its
	// annotations (JSONL, Label Studio and doccano carry the article's):
	// one text, and the texts other than the article's together. It is the
	// limit on an article file.
	MaxTextBytes = MaxArticleBytes
	// MaxAnnotations is the most annotations one file holds, its sets
	// together: five times the largest set quotemark is measured with.
	MaxAnnotations = 50_000
	// MaxSpeakers is the most speakers the sets of one file list.
	MaxSpeakers = 10_000
	// MaxSets is the most sets one file holds.
	MaxSets = 1_000
)

// CheckImportSize refuses a file over MaxImportBytes, so that a caller can
// refuse it before reading it.
func CheckImportSize(n int) error {
	if n > MaxImportBytes {
		return errAt("", "the file is %s (%d bytes), over the limit of %s (%d bytes, MaxImportBytes)", humanBytes(n), n, humanBytes(MaxImportBytes), MaxImportBytes)
	}
	return nil
}

// ReadAtMost reads f whole within limit: a regular file whose size is over
// it is refused by check before anything is read, and no more than one byte
// past limit is read of anything else (a pipe, a file that grew, a zip entry
// that understates its size), so that a file of any size costs at most the
// limit. check says what is over, as CheckImportSize does.
func ReadAtMost(f fs.File, limit int, check func(n int) error) ([]byte, error) {
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if err := check(int(min(st.Size(), math.MaxInt))); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if err := check(len(data)); err != nil {
		return nil, err
	}
	return data, nil
}

// maxFields bounds the members Read splits an object into: a v1 object has
// at most ten, and a map of a million would cost many times the file.
const maxFields = 64

// Read decodes and checks a v1 annotation set. It refuses, with a
// *FormatError naming the rule and the place, anything the format does not
// allow: unknown or duplicate keys, wrong types, missing fields, a newer
// version, bad ids and timestamps, spans outside the article, dangling speaker
// references, escaped lone surrogates, and a file over MaxImportBytes,
// MaxAnnotations or MaxSpeakers. Whether the spans match an article's text
// is Anchor's job.
func Read(data []byte) (*Set, error) {
	if err := CheckImportSize(len(data)); err != nil {
		return nil, err
	}
	if err := CheckJSONSyntax(data); err != nil {
		return nil, err
	}
	top, err := object(data, "")
	if err != nil {
		return nil, err
	}
	// Version first, so a newer file is refused for what it is.
	if raw, ok := top.fields["version"]; ok {
		if v, err := integer(raw, "version"); err == nil && v > FormatVersion {
			return nil, errAt("version", "version %d is newer than this quotemark reads (%d); update quotemark", v, FormatVersion)
		}
	}
	if err := top.only("format", "version", "id", "annotator", "created", "modified", "article", "speakers", "annotations"); err != nil {
		return nil, err
	}
	s := &Set{}
	var format string
	var version int
	var articleRaw json.RawMessage
	var speakersRaw, annotationsRaw []json.RawMessage
	err = errors.Join(
		top.str("format", &format, true),
		top.integer("version", &version),
		top.str("id", &s.ID, true),
		top.str("annotator", &s.Annotator, true),
		top.time("created", &s.Created),
		top.time("modified", &s.Modified),
		top.raw("article", &articleRaw),
		top.array("speakers", &speakersRaw, MaxSpeakers, "MaxSpeakers"),
		top.array("annotations", &annotationsRaw, MaxAnnotations, "MaxAnnotations"),
	)
	if err != nil {
		return nil, firstError(err)
	}
	if format != FormatName {
		return nil, errAt("format", "is %q, expected %q", format, FormatName)
	}
	if version != FormatVersion {
		return nil, errAt("version", "is %d, expected %d", version, FormatVersion)
	}
	art, err := object(articleRaw, "article")
	if err != nil {
		return nil, err
	}
	if err := art.only("id", "title", "sha256", "length"); err != nil {
		return nil, err
	}
	if err := firstError(errors.Join(
		art.str("id", &s.Article.ID, true),
		art.str("title", &s.Article.Title, true),
		art.str("sha256", &s.Article.SHA256, true),
		art.integer("length", &s.Article.Length),
	)); err != nil {
		return nil, err
	}
	s.Speakers = make([]Speaker, 0, len(speakersRaw))
	for i, raw := range speakersRaw {
		path := fmt.Sprintf("speakers[%d]", i)
		o, err := object(raw, path)
		if err != nil {
			return nil, err
		}
		var sp Speaker
		if err := firstError(errors.Join(o.only("id", "name"), o.str("id", &sp.ID, true), o.str("name", &sp.Name, true))); err != nil {
			return nil, err
		}
		s.Speakers = append(s.Speakers, sp)
	}
	s.Annotations = make([]Annotation, 0, len(annotationsRaw))
	for i, raw := range annotationsRaw {
		a, err := readAnnotation(raw, fmt.Sprintf("annotations[%d]", i))
		if err != nil {
			return nil, err
		}
		s.Annotations = append(s.Annotations, a)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.Sort()
	return s, nil
}

func readAnnotation(raw json.RawMessage, path string) (Annotation, error) {
	var a Annotation
	o, err := object(raw, path)
	if err != nil {
		return a, err
	}
	var typ string
	if err := o.str("type", &typ, true); err != nil {
		return a, err
	}
	a.Type = Type(typ)
	own := map[Type][]string{
		Quote:          {"speaker", "form"},
		SpeakerMention: {"speaker"},
		Claim:          {"speaker", "checkworthy"},
	}
	fields, ok := own[a.Type]
	if !ok {
		return a, errAt(path+".type", "%q is not an annotation type (quote, speaker or claim)", typ)
	}
	allowed := append([]string{"id", "type", "start", "end", "exact", "prefix", "suffix", "note"}, fields...)
	if err := o.only(allowed...); err != nil {
		if fe, ok := err.(*FormatError); ok {
			fe.Msg += " on a " + typ
		}
		return a, err
	}
	var form string
	err = errors.Join(
		o.str("id", &a.ID, true),
		o.integer("start", &a.Start),
		o.integer("end", &a.End),
		o.str("exact", &a.Exact, true),
		o.str("prefix", &a.Prefix, true),
		o.str("suffix", &a.Suffix, true),
		o.str("speaker", &a.Speaker, a.Type == SpeakerMention),
		o.str("form", &form, false),
		o.boolean("checkworthy", &a.Checkworthy),
		o.str("note", &a.Note, false),
	)
	if err != nil {
		return a, firstError(err)
	}
	// An absent field means none or the default; an empty string is neither
	// a speakers[].id nor a form.
	if _, ok := o.fields["speaker"]; ok && a.Speaker == "" {
		if a.Type == SpeakerMention {
			return a, errAt(o.sub("speaker"), "is empty; a speaker mention must name one of speakers")
		}
		return a, errAt(o.sub("speaker"), "is empty; leave the field out for none")
	}
	if _, ok := o.fields["form"]; ok && form == "" {
		return a, errAt(o.sub("form"), "is empty; leave the field out for direct")
	}
	if a.Type == Quote {
		a.Form = Direct
		if form != "" {
			a.Form = Form(form)
		}
	}
	return a, nil
}

// Validate checks every rule of the format that does not need the article's
// text. Operations on a set keep it valid; Read calls this on what it decoded.
func (s *Set) Validate() error {
	if !IsUUID(s.ID) {
		return errAt("id", "%q is not a UUID", s.ID)
	}
	if !s.Modified.IsZero() && s.Modified.Before(s.Created) {
		return errAt("modified", "is before created")
	}
	if s.Article.ID == "" {
		return errAt("article.id", "is empty")
	}
	if !sha256Pattern.MatchString(s.Article.SHA256) {
		return errAt("article.sha256", "%q is not 64 lowercase hex digits", s.Article.SHA256)
	}
	if s.Article.Length < 0 {
		return errAt("article.length", "is negative")
	}
	speakers := make(map[string]bool, len(s.Speakers))
	for i, sp := range s.Speakers {
		path := fmt.Sprintf("speakers[%d]", i)
		if !IsUUID(sp.ID) {
			return errAt(path+".id", "%q is not a UUID", sp.ID)
		}
		if speakers[sp.ID] {
			return errAt(path+".id", "%s is used by another speaker", sp.ID)
		}
		speakers[sp.ID] = true
		if isBlank(sp.Name) {
			return errAt(path+".name", "is empty")
		}
	}
	ids := make(map[string]bool, len(s.Annotations))
	for i, a := range s.Annotations {
		path := fmt.Sprintf("annotations[%d]", i)
		if !IsUUID(a.ID) {
			return errAt(path+".id", "%q is not a UUID", a.ID)
		}
		if ids[a.ID] {
			return errAt(path+".id", "%s is used by another annotation", a.ID)
		}
		ids[a.ID] = true
		if err := validateAnnotation(a, s.Article.Length, speakers); err != nil {
			err.Path = path + err.Path
			return err
		}
	}
	return nil
}

// validateAnnotation returns an error whose Path is relative (".field" or "").
func validateAnnotation(a Annotation, length int, speakers map[string]bool) *FormatError {
	return validateAnnotationWith(a, length, func(id string) bool { return speakers[id] })
}

// validateAnnotationWith is validateAnnotation asking hasSpeaker, so that an
// indexed set need not list its speakers to check one annotation.
func validateAnnotationWith(a Annotation, length int, hasSpeaker func(id string) bool) *FormatError {
	switch a.Type {
	case Quote, SpeakerMention, Claim:
	default:
		return errAt(".type", "%q is not an annotation type (quote, speaker or claim)", a.Type)
	}
	switch {
	case a.Start < 0:
		return errAt("", "start %d is negative", a.Start)
	case a.End <= a.Start:
		return errAt("", "end %d is not after start %d", a.End, a.Start)
	case a.End > length:
		return errAt("", "end %d is past the article's length %d", a.End, length)
	}
	if n := runeCount(a.Exact); n != a.End-a.Start {
		return errAt(".exact", "has %d code points but the span %d–%d has %d", n, a.Start, a.End, a.End-a.Start)
	}
	if n := runeCount(a.Prefix); n > ContextLen {
		return errAt(".prefix", "has %d code points, more than %d", n, ContextLen)
	}
	if n := runeCount(a.Suffix); n > ContextLen {
		return errAt(".suffix", "has %d code points, more than %d", n, ContextLen)
	}
	if a.Type == SpeakerMention && a.Speaker == "" {
		return errAt(".speaker", "is required on a speaker mention")
	}
	if a.Speaker != "" && !hasSpeaker(a.Speaker) {
		return errAt(".speaker", "%s is not in speakers", a.Speaker)
	}
	if a.Type == Quote {
		switch a.Form {
		case "", Direct, Indirect, Mixed:
		default:
			return errAt(".form", "%q is not a quote form (direct, indirect or mixed)", a.Form)
		}
	} else if a.Form != "" {
		return errAt(".form", "is only allowed on a quote")
	}
	if a.Type != Claim && a.Checkworthy {
		return errAt(".checkworthy", "is only allowed on a claim")
	}
	return nil
}

var (
	uuidPattern   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
	intPattern    = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	timePattern   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$`)
)

// IsUUID is uuidPattern checked by hand: a History step checks the id of
// every annotation it adds, and accepting thousands of suggestions is one
// step.
func IsUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// CheckJSONSyntax reports malformed JSON with its line and column.
func CheckJSONSyntax(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errAt("", "the file is empty")
	}
	// encoding/json would quietly turn invalid UTF-8 in strings into U+FFFD,
	// changing the file's text; refuse it instead.
	if i := scan.InvalidUTF8At(data); i >= 0 {
		line, col := scan.LineCol(data, i)
		return errAt("", "the file is not UTF-8: invalid byte 0x%02x at byte %d (line %d, column %d)", data[i], i, line, col)
	}
	if json.Valid(data) {
		// One scan; the decoder below only names the place of an error.
		// Duplicate keys are object's to find, with their path.
		if f := scan.CheckJSON(data, false); f != nil {
			return errAt(f.Path, "%s: %s", f.Where(data), f.Msg)
		}
		return nil
	}
	var v json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&v)
	if err == nil {
		end := int(dec.InputOffset())
		rest := data[end:]
		if trimmed := bytes.TrimLeft(rest, " \t\r\n"); len(trimmed) > 0 {
			line, col := scan.LineCol(data, end+len(rest)-len(trimmed))
			return errAt("", "line %d, column %d: unexpected data after the top-level object", line, col)
		}
		return nil
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		// Offset counts the bytes read, the offending one included.
		line, col := scan.LineCol(data, int(syn.Offset)-1)
		return errAt("", "not valid JSON: line %d, column %d: %s", line, col, syn.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errAt("", "not valid JSON: the file ends in the middle of a value")
	}
	return errAt("", "not valid JSON: %v", err)
}

// jsonObject is one decoded JSON object with its path, for error messages.
type jsonObject struct {
	path   string
	fields map[string]json.RawMessage
	order  []string
}

// object splits a JSON object of a file CheckJSONSyntax passed into its
// fields, each a slice of raw, refusing a key that appears twice.
func object(raw json.RawMessage, path string) (*jsonObject, error) {
	notObject := func() error {
		if path == "" {
			return errAt("", "the file must be a JSON object, not %s", describe(raw))
		}
		return errAt(path, "must be a JSON object, not %s", describe(raw))
	}
	o := &jsonObject{path: path, fields: map[string]json.RawMessage{}}
	var memberErr error
	ok := scan.Members(raw, '{', func(quoted, value []byte) bool {
		k, plain := scan.PlainString(quoted)
		if !plain {
			if err := json.Unmarshal(quoted, &k); err != nil {
				memberErr = errAt(path, "key %s: %v", quoted, err)
				return false
			}
		}
		if _, dup := o.fields[k]; dup {
			memberErr = errAt(o.sub(k), "appears twice")
			return false
		}
		if len(o.order) == maxFields {
			memberErr = errAt(path, "has more than %d fields; a v1 object has at most ten", maxFields)
			return false
		}
		o.fields[k] = value
		o.order = append(o.order, k)
		return true
	})
	if memberErr != nil {
		return nil, memberErr
	}
	if !ok {
		return nil, notObject()
	}
	return o, nil
}

func (o *jsonObject) sub(k string) string {
	if o.path == "" {
		return k
	}
	return o.path + "." + k
}

// only refuses keys outside allowed.
func (o *jsonObject) only(allowed ...string) error {
	for _, k := range o.order {
		known := false
		for _, a := range allowed {
			known = known || a == k
		}
		if !known {
			return errAt(o.path, "unknown field %q", k)
		}
	}
	return nil
}

func (o *jsonObject) get(k string, required bool) (json.RawMessage, error) {
	raw, ok := o.fields[k]
	if !ok {
		if required {
			return nil, errAt(o.sub(k), "is missing")
		}
		return nil, nil
	}
	if string(raw) == "null" {
		return nil, errAt(o.sub(k), "is null")
	}
	return raw, nil
}

func (o *jsonObject) str(k string, dst *string, required bool) error {
	raw, err := o.get(k, required)
	if raw == nil {
		return err
	}
	if v, ok := scan.PlainString(raw); ok {
		*dst = v
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return errAt(o.sub(k), "must be a string, not %s", describe(raw))
	}
	return nil
}

func (o *jsonObject) integer(k string, dst *int) error {
	raw, err := o.get(k, true)
	if raw == nil {
		return err
	}
	v, err := integer(raw, o.sub(k))
	*dst = v
	return err
}

func integer(raw json.RawMessage, path string) (int, error) {
	if !intPattern.Match(raw) {
		return 0, errAt(path, "must be a whole number, not %s", describe(raw))
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil {
		return 0, errAt(path, "%s is out of range", raw)
	}
	return v, nil
}

func (o *jsonObject) boolean(k string, dst *bool) error {
	raw, err := o.get(k, false)
	if raw == nil {
		return err
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return errAt(o.sub(k), "must be true or false, not %s", describe(raw))
	}
	return nil
}

func (o *jsonObject) time(k string, dst *time.Time) error {
	var s string
	if err := o.str(k, &s, true); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return errAt(o.sub(k), "%q is not an RFC 3339 timestamp", s)
	}
	if _, offset := t.Zone(); offset != 0 || s[len(s)-1] != 'Z' {
		return errAt(o.sub(k), "%q is not in UTC (it must end in Z)", s)
	}
	// time.Parse also takes forms RFC 3339 does not allow, such as a comma
	// before the fraction of a second.
	if !timePattern.MatchString(s) {
		return errAt(o.sub(k), "%q is not an RFC 3339 timestamp", s)
	}
	*dst = t
	return nil
}

func (o *jsonObject) raw(k string, dst *json.RawMessage) error {
	raw, err := o.get(k, true)
	*dst = raw
	return err
}

// array splits an array of at most limit elements, named by limitName in
// the error, so that a long array of nothing costs no more than the limit.
func (o *jsonObject) array(k string, dst *[]json.RawMessage, limit int, limitName string) error {
	raw, err := o.get(k, true)
	if raw == nil {
		return err
	}
	var elems []json.RawMessage
	over := false
	if !scan.Members(raw, '[', func(_, value []byte) bool {
		if over = len(elems) == limit; over {
			return false
		}
		elems = append(elems, value)
		return true
	}) {
		if over {
			return errAt(o.sub(k), "holds more than %d, the limit (%s)", limit, limitName)
		}
		return errAt(o.sub(k), "must be an array, not %s", describe(raw))
	}
	*dst = elems
	return nil
}

func describe(raw json.RawMessage) string {
	switch {
	case len(raw) == 0:
		return "nothing"
	case raw[0] == '"':
		return "a string"
	case raw[0] == '{':
		return "an object"
	case raw[0] == '[':
		return "an array"
	case raw[0] == 't' || raw[0] == 'f':
		return "a boolean"
	case raw[0] == 'n':
		return "null"
	}
	return string(raw)
}

// firstError keeps the first of joined errors, so a message names one rule.
func firstError(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := j.Unwrap(); len(errs) > 0 {
			return errs[0]
		}
	}
	return err
}
