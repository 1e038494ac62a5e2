package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DecodeStrict decodes one JSON value, refusing unknown fields and
// anything after it, and what encoding/json would otherwise change without
// a word: a key twice in an object, an escaped lone surrogate.
func DecodeStrict(data []byte, v any) error {
	if json.Valid(data) {
		if f := CheckJSON(data, true); f != nil {
			if f.Path == "" {
				return fmt.Errorf("%s: %s", f.Where(data), f.Msg)
			}
			return fmt.Errorf("%s: %s: %s", f.Path, f.Where(data), f.Msg)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more data after the JSON value")
	}
	return nil
}
