package scan

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// Members must split exactly as encoding/json reads: strings holding
// brackets, quotes, backslashes and commas, nesting, white space everywhere.
func TestJSONMembersSplitsAsEncodingJSON(t *testing.T) {
	for _, doc := range []string{
		`{}`, ` { } `, `[]`, `[ ]`,
		`{"a":1,"b":"x"}`,
		` {"a" : [1, 2, {"c": "]}"}] , "b\"q": "he said \"}\" then \\", "e": null, "f": -1.5e+3, "g": true}` + "\n",
		`[{"x":"[{"},"a,b",[[]],{},"\\",0]`,
		`{"é\u00e9": "✓ 🎉", "k\n": {"deep": [[[{"z": "\\\""}]]]}}`,
	} {
		t.Run(doc, func(t *testing.T) {
			var wantObj map[string]json.RawMessage
			var wantArr []json.RawMessage
			open := byte('{')
			if json.Unmarshal([]byte(doc), &wantObj) != nil {
				open = '['
				if err := json.Unmarshal([]byte(doc), &wantArr); err != nil {
					t.Fatalf("test document is not JSON: %v", err)
				}
			}
			gotObj := map[string]json.RawMessage{}
			var gotArr []json.RawMessage
			ok := Members([]byte(doc), open, func(key, value []byte) bool {
				if open == '[' {
					gotArr = append(gotArr, value)
					return true
				}
				var k string
				if err := json.Unmarshal(key, &k); err != nil {
					t.Errorf("key %s: %v", key, err)
				}
				gotObj[k] = value
				return true
			})
			if !ok {
				t.Fatal("refused valid JSON")
			}
			if open == '{' && !reflect.DeepEqual(compact(t, gotObj), compact(t, wantObj)) {
				t.Errorf("members %v, want %v", gotObj, wantObj)
			}
			if open == '[' && fmt.Sprint(compactAll(t, gotArr)) != fmt.Sprint(compactAll(t, wantArr)) {
				t.Errorf("elements %s, want %s", gotArr, wantArr)
			}
		})
	}
}

func compact(t *testing.T, m map[string]json.RawMessage) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = compactAll(t, []json.RawMessage{v})[0]
	}
	return out
}

func compactAll(t *testing.T, vs []json.RawMessage) []string {
	var out []string
	for _, v := range vs {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			t.Fatalf("member %s is not a whole JSON value: %v", v, err)
		}
		b, _ := json.Marshal(x)
		out = append(out, string(b))
	}
	return out
}

// On what is not an object or array of the kind asked, or is cut short, it
// reports false instead of reading past the end.
func TestJSONMembersRefusesBrokenInput(t *testing.T) {
	for _, doc := range []string{``, `{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,}x`, `{"a":"1}`, `[1,2`, `{"a":1}}`, `"x"`, `{a:1}`, `[` + "\x00"} {
		open := byte('{')
		if len(doc) > 0 && doc[0] == '[' {
			open = '['
		}
		if Members([]byte(doc), open, func(_, _ []byte) bool { return true }) {
			t.Errorf("%q was split as if it were whole", doc)
		}
	}
}

// PlainString takes only strings it reads exactly as encoding/json does,
// and leaves the rest (escapes, bad UTF-8, not a string) to it.
func TestPlainJSONString(t *testing.T) {
	for raw, plain := range map[string]bool{
		`""`: true, `"abc"`: true, `"Zoë 😀 “q”"`: true,
		`"a\"b"`: false, `"a\\b"`: false, `"\u00e9"`: false, "\"bad \xff\"": false,
		"\"tab\tin\"": false, `"x`: false, `x"`: false, `12`: false, `null`: false, `"`: false,
	} {
		got, ok := PlainString([]byte(raw))
		if ok != plain {
			t.Errorf("%q: plain %v, want %v", raw, ok, plain)
			continue
		}
		var want string
		if err := json.Unmarshal([]byte(raw), &want); ok && (err != nil || got != want) {
			t.Errorf("%q: read %q, encoding/json: %q, %v", raw, got, want, err)
		}
	}
}
