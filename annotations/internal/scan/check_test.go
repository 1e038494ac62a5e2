package scan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// CheckJSON finds what encoding/json would read without a word but
// change: a key twice in an object, an escaped lone surrogate; it names
// the path and the place, and passes everything else.
func TestCheckJSON(t *testing.T) {
	many := func(last string) string {
		var b strings.Builder
		b.WriteString(`{"list":[{},{`)
		for i := range 40 {
			fmt.Fprintf(&b, `"k%02d":%d,`, i, i)
		}
		b.WriteString(last + `}]}`)
		return b.String()
	}
	for _, tc := range []struct {
		doc   string
		keys  bool
		path  string // "" and msg "" for no fault
		msg   string
		where string
	}{
		{`{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}`, true, "", "", ""},
		{`{"s":"\ud83d\ude00 \u00e9 \\ud800 \"q\""}`, true, "", "", ""},
		{`{"a":1,"A":2,"a ":3,"\u00e9":4,"é ":5}`, true, "", "", ""},
		{many(`"k40":40`), true, "", "", ""},
		{`{"a":1,"a":1}`, false, "", "", ""},
		{`{"a":1,"a":2}`, true, "a", `the key "a" appears twice`, "columns 2 and 8"},
		{`{"start":275,"\u0073tart":1}`, true, "start", `the key "start" appears twice`, "columns 2 and 14"},
		{`{"é":1,"\u00e9":2}`, true, "é", "appears twice", ""},
		{"{\"x\":[{\"a\":1},\n{\"b\":2,\"b\":3}]}", true, "x[1].b", `the key "b" appears twice`, "line 2, column 2 and line 2, column 8"},
		{many(`"k07":1`), true, "list[1].k07", `the key "k07" appears twice`, ""},
		{many(`"k07":1,"k03":2`), true, "list[1].k07", `the key "k07" appears twice`, ""},
		{`{"t":"a\ud800b"}`, false, "t", `\ud800 is the first half`, "column 8"},
		{`["ok","\udc00"]`, true, "[1]", `\udc00 is the second half`, "column 8"},
		{`{"t":"\ud800\u0041"}`, true, "t", `\ud800 is the first half`, ""},
		{`{"t":"\ud800\ud800"}`, true, "t", `\ud800 is the first half`, ""},
		{`{"a":{"\uDBFF":1}}`, true, "a", `a key: \udbff`, ""},
		{`"\ud800"`, true, "", `\ud800`, "column 2"},
	} {
		f := CheckJSON([]byte(tc.doc), tc.keys)
		if !json.Valid([]byte(tc.doc)) {
			t.Fatalf("%s is not JSON", tc.doc)
		}
		if tc.msg == "" {
			if f != nil {
				t.Errorf("%s: fault %+v", tc.doc, f)
			}
			continue
		}
		if f == nil {
			t.Errorf("%s: no fault, want %s", tc.doc, tc.msg)
			continue
		}
		if f.Path != tc.path || !strings.Contains(f.Msg, tc.msg) {
			t.Errorf("%s: %q: %s; want %q: …%s…", tc.doc, f.Path, f.Msg, tc.path, tc.msg)
		}
		if w := f.Where([]byte(tc.doc)); tc.where != "" && w != tc.where {
			t.Errorf("%s: where %q, want %q", tc.doc, w, tc.where)
		}
	}
}

// What CheckJSON passes, encoding/json reads the same way however it is
// spelt: its check is no looser than the decoder is strict.
func TestCheckJSONAgreesWithDecoding(t *testing.T) {
	for _, doc := range []string{
		`{"a":"\ud83d\ude00","b":"\u00e9"}`,
		`{"\u0061":1,"b":2}`,
		`[{"x":1},{"x":2}]`,
	} {
		if f := CheckJSON([]byte(doc), true); f != nil {
			t.Errorf("%s: %+v", doc, f)
		}
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil || strings.Contains(fmt.Sprint(v), "\uFFFD") {
			t.Errorf("%s: %v %v", doc, v, err)
		}
	}
}

func TestLine(t *testing.T) {
	data := "one\r\ntwo\n\nthree"
	var got []string
	for from := 0; from < len(data); {
		line, next, ok := Line(data, from, 5)
		if !ok {
			t.Fatalf("refused %q", data[from:])
		}
		got = append(got, line)
		from = next
	}
	if fmt.Sprint(got) != "[one two  three]" {
		t.Errorf("%q", got)
	}
	if _, _, ok := Line([]byte("toolong\nx"), 0, 5); ok {
		t.Error("a line over max was read")
	}
	if line, next, ok := Line([]byte("12345\r\n"), 0, 5); !ok || string(line) != "12345" || next != 7 {
		t.Errorf("%q %d %v", line, next, ok)
	}
}

// DecodeStrict refuses what CheckJSON finds, naming the path and the place.
func TestDecodeStrictRefusesWhatJSONWouldChange(t *testing.T) {
	var v struct {
		A string `json:"a"`
	}
	for doc, want := range map[string]string{
		`{"a":"x","a":"y"}`:    `a: columns 2 and 10: the key "a" appears twice`,
		`{"a":"\ud800"}`:       `a: column 7: \ud800 is the first half`,
		`{"a":"\ud83d\ude00"}`: "",
	} {
		err := DecodeStrict([]byte(doc), &v)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: %v, want %q", doc, err, want)
		}
	}
}
