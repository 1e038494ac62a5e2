package formats

import (
	"encoding/json"
	"strings"
	"time"
)

// fields reads typed values out of a decoded JSON object, naming the place
// of what is wrong.
type fields struct {
	format, place string
	obj           map[string]any
}

func fieldsOf(format, place string, v any) (*fields, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, importErr(format, place, "must be a JSON object, not %s", jsonKind(v))
	}
	return &fields{format, place, obj}, nil
}

func (f *fields) sub(k string) string {
	if f.place == "" {
		return k
	}
	return f.place + "." + k
}

func (f *fields) has(k string) bool {
	v, ok := f.obj[k]
	return ok && v != nil
}

func (f *fields) str(k string, required bool) (string, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return "", importErr(f.format, f.sub(k), "is missing")
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", importErr(f.format, f.sub(k), "must be a string, not %s", jsonKind(v))
	}
	return s, nil
}

func (f *fields) integer(k string, required bool) (int, bool, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return 0, false, importErr(f.format, f.sub(k), "is missing")
		}
		return 0, false, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, false, importErr(f.format, f.sub(k), "must be a whole number, not %s", jsonKind(v))
	}
	i, err := n.Int64()
	if err != nil || i < 0 || i > 1<<40 {
		return 0, false, importErr(f.format, f.sub(k), "must be a whole number of at least 0, not %s", n)
	}
	return int(i), true, nil
}

func (f *fields) boolean(k string) (bool, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		return false, nil
	}
	b, ok := v.(bool)
	if !ok {
		return false, importErr(f.format, f.sub(k), "must be true or false, not %s", jsonKind(v))
	}
	return b, nil
}

func (f *fields) array(k string, required bool) ([]any, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		if required {
			return nil, importErr(f.format, f.sub(k), "is missing")
		}
		return nil, nil
	}
	a, ok := v.([]any)
	if !ok {
		return nil, importErr(f.format, f.sub(k), "must be an array, not %s", jsonKind(v))
	}
	return a, nil
}

func (f *fields) object(k string) (*fields, error) {
	v, ok := f.obj[k]
	if !ok || v == nil {
		return &fields{f.format, f.sub(k), map[string]any{}}, nil
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
