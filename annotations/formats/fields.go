package formats

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"quotemark/annotations/internal/scan"
)

// fields reads typed values out of a JSON object, naming the place of what
// is wrong.
type fields struct {
	format, place string
	raw           jsonValue // the object
	// index holds the members of an object of up to maxIndexed members,
	// found on the first look, so that reading ten fields of an annotation
	// goes through it once; a larger object is looked through each time,
	// so that indexing it cannot cost more than it.
	index   []member
	indexed bool
}

type member struct{ key, value []byte }

const maxIndexed = 32

func fieldsOf(format, place string, v jsonValue) (*fields, error) {
	if v.kind() != '{' {
		return nil, importErr(format, place, "must be a JSON object, not %s", jsonKind(v))
	}
	return &fields{format: format, place: place, raw: v}, nil
}

// emptyFields is the object a missing member reads as.
func emptyFields(format, place string) *fields {
	return &fields{format: format, place: place, raw: jsonValue("{}")}
}

func (f *fields) sub(k string) string {
	if f.place == "" {
		return k
	}
	return f.place + "." + k
}

// get is member k's value, nil when the object has none. decodeJSON
// refused a key twice, so the first is the only one.
func (f *fields) get(k string) jsonValue {
	if !f.indexed {
		f.indexed = true
		var index []member
		scan.Members(f.raw, '{', func(key, value []byte) bool {
			if len(index) == maxIndexed {
				index = nil
				return false
			}
			index = append(index, member{key, value})
			return true
		})
		f.index = index
	}
	if f.index != nil {
		for _, m := range f.index {
			if keyIs(m.key, k) {
				return m.value
			}
		}
		return nil
	}
	var found jsonValue
	scan.Members(f.raw, '{', func(key, value []byte) bool {
		if keyIs(key, k) {
			found = value
			return false
		}
		return true
	})
	return found
}

// keyIs reports whether the quoted key is k.
func keyIs(quoted []byte, k string) bool {
	if len(quoted) == len(k)+2 && string(quoted[1:len(quoted)-1]) == k {
		return true
	}
	if bytes.IndexByte(quoted, '\\') < 0 {
		return false
	}
	s, ok := jsonValue(quoted).str()
	return ok && s == k
}

// present reports whether member k is there, null included.
func (f *fields) present(k string) bool { return f.get(k) != nil }

func (f *fields) has(k string) bool { return !f.get(k).missing() }

func (f *fields) str(k string, required bool) (string, error) {
	v := f.get(k)
	if v.missing() {
		if required {
			return "", importErr(f.format, f.sub(k), "is missing")
		}
		return "", nil
	}
	s, ok := v.str()
	if !ok {
		return "", importErr(f.format, f.sub(k), "must be a string, not %s", jsonKind(v))
	}
	return s, nil
}

func (f *fields) integer(k string, required bool) (int, bool, error) {
	return integerValue(f.format, f.sub(k), f.get(k), required)
}

// integerValue reads an offset or count: a whole number from 0 to 2^40.
func integerValue(format, place string, v jsonValue, required bool) (int, bool, error) {
	if v.missing() {
		if required {
			return 0, false, importErr(format, place, "is missing")
		}
		return 0, false, nil
	}
	switch v.kind() {
	case '"', '{', '[', 't', 'f':
		return 0, false, importErr(format, place, "must be a whole number, not %s", jsonKind(v))
	}
	i, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil || i < 0 || i > 1<<40 {
		return 0, false, importErr(format, place, "must be a whole number of at least 0, not %s", v)
	}
	return int(i), true, nil
}

func (f *fields) boolean(k string) (bool, error) {
	v := f.get(k)
	switch {
	case v.missing():
		return false, nil
	case string(v) == "true":
		return true, nil
	case string(v) == "false":
		return false, nil
	}
	return false, importErr(f.format, f.sub(k), "must be true or false, not %s", jsonKind(v))
}

// array is member k, which must be an array; nil when it is missing.
func (f *fields) array(k string, required bool) (jsonValue, error) {
	v := f.get(k)
	if v.missing() {
		if required {
			return nil, importErr(f.format, f.sub(k), "is missing")
		}
		return nil, nil
	}
	if v.kind() != '[' {
		return nil, importErr(f.format, f.sub(k), "must be an array, not %s", jsonKind(v))
	}
	return v, nil
}

// each calls fn with the fields of each element of array k, which must
// all be objects, named place[i].
func (f *fields) each(k string, required bool, fn func(i int, ef *fields) error) error {
	list, err := f.array(k, required)
	if err != nil {
		return err
	}
	return eachElement(list, func(i int, e jsonValue) error {
		ef, err := fieldsOf(f.format, f.sub(k)+"["+strconv.Itoa(i)+"]", e)
		if err != nil {
			return err
		}
		return fn(i, ef)
	})
}

func (f *fields) object(k string) (*fields, error) {
	v := f.get(k)
	if v.missing() {
		return emptyFields(f.format, f.sub(k)), nil
	}
	return fieldsOf(f.format, f.sub(k), v)
}

func (f *fields) time(k string) (time.Time, error) {
	s, err := f.str(k, false)
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, ok := parseTime(s)
	if !ok {
		return time.Time{}, importErr(f.format, f.sub(k), "%q is not an RFC 3339 timestamp", s)
	}
	return t, nil
}

// parseTime reads a timestamp in RFC 3339 (any offset, turned to UTC).
func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
