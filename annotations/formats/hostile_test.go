package formats

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/internal/fixture/gold"
)

// hostileCase is a file made to break a reader: what it is (desc, a line
// of the catalogue of refused inputs), the format it is read as, and what
// the error must say: the problem and the place.
type hostileCase struct {
	desc   string
	format string
	input  input
	want   []string
}

// input is a case's file: small ones are literal (and seed the fuzz
// targets), large ones are made when the case runs.
type input struct {
	literal string
	make    func() []byte
}

func (in input) bytes() []byte {
	if in.make != nil {
		return in.make()
	}
	return []byte(in.literal)
}

func lit(s string) input { return input{literal: s} }

func gen(make func() []byte) input { return input{make: make} }

// repeat is s n times, joined by sep.
func repeat(s string, n int, sep string) string {
	return strings.TrimSuffix(strings.Repeat(s+sep, n), sep)
}

// hostileCases are the inputs the readers must refuse, each with the
// message that names what is wrong and where. The article is the reference
// article (4428 code points); "Hosemann" is at 275–283.
func hostileCases(art *annotations.Article) []hostileCase {
	text := strings.TrimSpace(string(marshalJSON(art.Text, false)))
	jsonl := func(spans string) string { return `{"text":` + text + `,"spans":[` + spans + `]}` + "\n" }
	doccano := func(entities string) string { return `{"text":` + text + `,"entities":[` + entities + `]}` + "\n" }
	ls := func(value string) string {
		return `[{"data":{"text":` + text + `},"annotations":[{"result":[{"id":"r1","type":"labels","value":{` + value + `}}]}]}]`
	}
	w3c := func(selector string) string {
		return `[{"type":"Annotation","target":{"source":"x","selector":` + selector + `}}]`
	}
	const set = `{"format":"quotemark/annotations","version":1,"id":"9a41dc10-0636-56af-bd5f-355ed6ba5ebc","annotator":"a",` +
		`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z",` +
		`"article":{"id":"000_ce1de57ff9e6a72c","title":"t","sha256":"1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165","length":4428},` +
		`"speakers":[],"annotations":[%s]}`
	quote := `{"id":"5f1d7a5e-0c67-4c3e-9c7f-000000000001","type":"quote","start":275,"end":283,"exact":"Hosemann","prefix":"","suffix":"","note":%s}`
	csv := strings.Join(csvHeader, ",") + "\r\n"
	overImport := gen(func() []byte { return bytes.Repeat([]byte(" "), annotations.MaxImportBytes+1) })
	longLine := strings.Repeat("x", annotations.MaxLineBytes)
	otherText := func(c string, n int) string { return `{"text":"` + strings.Repeat(c, n) + `"}` + "\n" }

	return []hostileCase{
		// brat: offsets are checked against the article before anything
		// is built for them.
		{"brat: a fragment ends near the integer limit", "brat",
			lit("T1\tQuote 0 5;9223372036854775800 9223372036854775807\tx y\n"),
			[]string{"brat standoff: line 1: T1", "span 0–9223372036854775807", "longer than the article's 4428"}},
		{"brat: a gap of a billion code points between fragments", "brat",
			lit("T1\tQuote 0 5;1000000005 1000000010\tHello world\n"),
			[]string{"line 1: T1", "span 0–1000000010", "longer than the article"}},
		{"brat: an offset past the integer limit", "brat",
			lit("T1\tQuote 0 99999999999999999999\tx\n"),
			[]string{"line 1: T1", `offset "99999999999999999999" is not a whole number`}},
		{"brat: a negative offset", "brat", lit("T1\tQuote -3 5\tx\n"),
			[]string{"line 1: T1", `offset "-3" is not a whole number of at least 0`}},
		{"brat: a span without offsets", "brat", lit("T1\tQuote\tx\n"),
			[]string{"line 1: T1", `offsets "" are not START END`}},
		{"brat: offsets that end in a semicolon", "brat", lit("T1\tQuote 0 5;\tx\n"),
			[]string{"line 1: T1", `offsets "" are not START END`}},
		{"brat: fragments that overlap", "brat", lit("T1\tQuote 0 5;3 8\tx\n"),
			[]string{"line 1: T1", "fragment 3–8", "before the one it follows"}},
		{"brat: a line over MaxLineBytes", "brat", gen(func() []byte { return []byte("T1\tQuote 0 5\tx\nT2\tQuote 0 5\t" + longLine + "\n") }),
			[]string{"line 2", "longer than 16777216 bytes", "MaxLineBytes"}},
		{"brat: a relation line of a million fields", "brat",
			gen(func() []byte {
				return []byte("T1\tQuote 0 5\tx\nR1\tAttribution Arg1:T1 Arg2:T1" + strings.Repeat(" x", 1_000_000) + "\n")
			}),
			[]string{"line 2: R1", "is not TYPE Arg1:T… Arg2:T…"}},
		{"brat: bytes that are not UTF-8", "brat", lit("T1\tQuote 0 5\tMr\xff\n"),
			[]string{"line 1", "not UTF-8: invalid byte 0xff at byte 15"}},
		{"brat: a NUL in a span's text", "brat", lit("T1\tQuote 0 5\tab\x00cd\n"),
			[]string{"line 1: T1", "control character"}},
		{"brat: more than MaxAnnotations spans", "brat",
			gen(func() []byte {
				var b strings.Builder
				for i := 1; i <= annotations.MaxAnnotations+1; i++ {
					fmt.Fprintf(&b, "T%d\tQuote 0 5\tx\n", i)
				}
				return []byte(b.String())
			}),
			[]string{"line 50001", "more than 50000 annotations", "MaxAnnotations"}},
		{"brat: one T id twice", "brat", lit("T1\tQuote 0 5\tx\nT1\tQuote 6 9\ty\n"),
			[]string{"line 2", "T1 is defined twice"}},
		{"brat: a NUL line", "brat", lit("\x00\n"),
			[]string{"line 1", "is not a brat annotation line"}},

		// CSV.
		{"CSV: a NUL in a text cell", "csv", lit(csv + ",,,,quote,275,283,Hose\x00mann,,,,\r\n"),
			[]string{"CSV: line 2, column text", "U+0000"}},
		{"CSV: a control character in a note", "csv", lit(csv + ",,,,quote,275,283,Hosemann,,,,bell\a\r\n"),
			[]string{"line 2, column note", "U+0007"}},
		{"CSV: a row of a million commas", "csv", gen(func() []byte { return []byte(csv + strings.Repeat(",", 1_000_000) + "\r\n") }),
			[]string{"CSV: line 2", "has 1000001 fields, the header 12"}},
		{"CSV: a header of a million commas", "csv", gen(func() []byte { return []byte(strings.Repeat(",", 1_000_000) + "\r\n") }),
			[]string{"CSV: line 1", "has 1000001 fields, the header 12"}},
		{"CSV: a wide row after blank lines", "csv", gen(func() []byte { return []byte(csv + "\r\n\r\n" + strings.Repeat(",", 100) + "\r\n") }),
			[]string{"CSV: line 4", "has 101 fields"}},
		{"CSV: a start past the integer limit", "csv", lit(csv + ",,,,quote,99999999999999999999,283,Hosemann,,,,\r\n"),
			[]string{"line 2, column start", "is not a whole number"}},
		{"CSV: rows of eleven articles", "csv",
			gen(func() []byte {
				var b strings.Builder
				b.WriteString(csv)
				for i := range 11 {
					fmt.Fprintf(&b, "a%d,,,,quote,275,283,Hosemann,,,,\r\n", i)
				}
				return []byte(b.String())
			}),
			[]string{"line 3", "rows of more than 10 articles (a0, a1,", "a9, …)"}},
		{"CSV: more than MaxSets set ids", "csv",
			gen(func() []byte {
				var b strings.Builder
				b.WriteString(csv)
				for i := range annotations.MaxSets + 1 {
					fmt.Fprintf(&b, "a,s%d,,,,,,,,,,\r\n", i)
				}
				return []byte(b.String())
			}),
			[]string{"line 1002, column set_id", "more than 1000 sets", "MaxSets"}},
		{"CSV: more than MaxAnnotations rows", "csv",
			gen(func() []byte {
				var b strings.Builder
				b.WriteString(csv)
				for range annotations.MaxAnnotations + 1 {
					b.WriteString(",,,,quote,,,x,,,,\r\n")
				}
				return []byte(b.String())
			}),
			[]string{"line 50002", "more than 50000 annotations", "MaxAnnotations"}},
		{"CSV: bytes that are not UTF-8", "csv", lit(csv + ",,,,quote,275,283,Hose\xffmann,,,,\r\n"),
			[]string{"CSV: line 2", "not UTF-8: invalid byte 0xff"}},

		// JSONL: a key twice and a lone surrogate change what encoding/json
		// reads without a word.
		{"JSONL: a key twice (\"start\":275,\"start\":1)", "jsonl", lit(jsonl(`{"start":275,"start":1,"end":283,"label":"SPEAKER"}`)),
			[]string{"JSONL: line 1.spans[0].start: columns 4548 and 4560", `the key "start" appears twice`}},
		{"JSONL: a key twice, once spelt with an escape", "jsonl", lit(jsonl(`{"start":275,"\u0073tart":1,"end":283,"label":"SPEAKER"}`)),
			[]string{"line 1.spans[0].start", "appears twice"}},
		{"JSONL: a key twice in meta, where nothing reads it", "jsonl", lit(`{"text":"x","meta":{"note":1,"note":2}}` + "\n"),
			[]string{"line 1.meta.note", "appears twice"}},
		{"JSONL: an escaped lone surrogate in the text", "jsonl", lit(`{"text":"Hose\ud800mann","spans":[]}` + "\n"),
			[]string{"line 1.text: column 14", `\ud800 is the first half of a UTF-16 surrogate pair`, "U+FFFD"}},
		{"JSONL: a lone low surrogate in a label", "jsonl", lit(jsonl(`{"start":275,"end":283,"label":"SPEAKER\udc00"}`)),
			[]string{"line 1.spans[0].label", `\udc00 is the second half`}},
		{"JSONL: a line over MaxLineBytes", "jsonl", gen(func() []byte { return []byte(`{"text":"` + longLine + "\"}\n") }),
			[]string{"JSONL: line 1", "MaxLineBytes"}},
		{"JSONL: a text over MaxTextBytes", "jsonl", gen(func() []byte { return []byte(otherText("y", annotations.MaxTextBytes+1)) }),
			[]string{"line 1.text", "over the limit of 5242880", "MaxTextBytes"}},
		{"JSONL: texts other than the article's over MaxTextBytes together", "jsonl",
			gen(func() []byte { return []byte(otherText("y", 3<<20) + otherText("z", 3<<20)) }),
			[]string{"line 2.text", "other than the article's", "MaxTextBytes"}},
		{"JSONL: more than MaxSets lines", "jsonl", gen(func() []byte { return []byte(strings.Repeat(otherText("y", 1), annotations.MaxSets+1)) }),
			[]string{"line 1001", "more than 1000 sets", "MaxSets"}},
		{"JSONL: a span end near the integer limit", "jsonl", lit(jsonl(`{"start":0,"end":9223372036854775807,"label":"QUOTE"}`)),
			[]string{"line 1.spans[0].end", "whole number of at least 0, not 9223372036854775807"}},
		{"JSONL: spans as an object", "jsonl", lit(`{"text":"x","spans":{"start":0}}` + "\n"),
			[]string{"line 1.spans", "must be an array, not an object"}},

		// doccano.
		{"doccano: a key twice (\"start_offset\":275,\"start_offset\":1)", "doccano",
			lit(doccano(`{"id":1,"label":"Speaker","start_offset":275,"start_offset":1,"end_offset":283}`)),
			[]string{"doccano: line 1.entities[0].start_offset", "appears twice"}},
		{"doccano: a key twice in the quotemark key", "doccano",
			lit(`{"text":"x","entities":[],"quotemark":{"annotations":[{"entity":1,"note":"a","note":"b"}]}}` + "\n"),
			[]string{"line 1.quotemark.annotations[0].note", "appears twice"}},
		{"doccano: an escaped lone surrogate in the text", "doccano", lit(`{"text":"ab\udbffc","entities":[]}` + "\n"),
			[]string{"line 1.text", `\udbff`, "lone surrogate"}},
		{"doccano: an entity end near the integer limit", "doccano",
			lit(doccano(`{"id":1,"label":"Quote","start_offset":0,"end_offset":9223372036854775807}`)),
			[]string{"line 1.entities[0].end_offset", "whole number of at least 0"}},
		{"doccano: an offset past the text", "doccano",
			lit(doccano(`{"id":1,"label":"Quote","start_offset":0,"end_offset":1099511627776}`)),
			[]string{"line 1.entities[0]", "past the text's length"}},
		{"doccano: a sequence label that is not [start, end, label]", "doccano", lit(`{"text":"abc","label":[[0,1]]}` + "\n"),
			[]string{"line 1.label[0]", "must be [start, end, label]"}},
		{"doccano: a line over MaxLineBytes", "doccano", gen(func() []byte { return []byte(`{"text":"` + longLine + "\",\"entities\":[]}\n") }),
			[]string{"doccano: line 1", "MaxLineBytes"}},

		// Label Studio.
		{"Label Studio: a key twice in a region", "labelstudio", lit(ls(`"start":275,"start":1,"end":283,"labels":["Speaker"]`)),
			[]string{"Label Studio: [0].annotations[0].result[0].value.start: columns 4610 and 4622", "appears twice"}},
		{"Label Studio: an escaped lone surrogate in the text", "labelstudio", lit(`[{"data":{"text":"a\ud83d b"},"annotations":[]}]`),
			[]string{"[0].data.text", `\ud83d`, "lone surrogate"}},
		{"Label Studio: a region with a thousand labels", "labelstudio",
			gen(func() []byte {
				return []byte(ls(`"start":275,"end":283,"labels":[` + repeat(`"Quote"`, 1000, ",") + `]`))
			}),
			[]string{"[0].annotations[0].result[0].value.labels", "a region has one label", "…]"}},
		{"Label Studio: a span end near the integer limit", "labelstudio", lit(ls(`"start":0,"end":9223372036854775807,"labels":["Quote"]`)),
			[]string{"[0].annotations[0].result[0].value.end", "whole number of at least 0"}},
		{"Label Studio: more than MaxSets annotations", "labelstudio",
			gen(func() []byte {
				return []byte(`[{"data":{"text":"x"},"annotations":[` + repeat(`{}`, annotations.MaxSets+1, ",") + `]}]`)
			}),
			[]string{"[0].annotations[1000]", "more than 1000 sets", "MaxSets"}},
		{"Label Studio: a text over MaxTextBytes", "labelstudio",
			gen(func() []byte {
				return []byte(`{"data":{"text":"` + strings.Repeat("y", annotations.MaxTextBytes+1) + `"}}`)
			}),
			[]string{"task.data.text", "MaxTextBytes"}},

		// W3C.
		{"W3C: a key twice in a selector", "w3c", lit(w3c(`{"type":"TextQuoteSelector","exact":"Hosemann","exact":"Mann"}`)),
			[]string{"W3C Web Annotation: [0].target.selector.exact", "appears twice"}},
		{"W3C: a key twice among a million others", "w3c",
			gen(func() []byte {
				var b strings.Builder
				b.WriteString(`{"type":"Annotation",`)
				for i := range 1_000_000 {
					fmt.Fprintf(&b, `"k%d":0,`, i)
				}
				b.WriteString(`"k7":1}`)
				return []byte(b.String())
			}),
			[]string{"W3C Web Annotation: k7", `the key "k7" appears twice`}},
		{"W3C: an escaped lone surrogate in exact", "w3c", lit(w3c(`{"type":"TextQuoteSelector","exact":"Hose\uDC00mann"}`)),
			[]string{"[0].target.selector.exact", `\udc00`, "lone surrogate"}},
		{"W3C: a page of a million items that says it holds one", "w3c",
			gen(func() []byte {
				return []byte(`{"type":"AnnotationCollection","total":1,"first":{"items":[` + repeat("0", 1_000_000, ",") + `]}}`)
			}),
			[]string{"W3C Web Annotation: total", "says it holds 1 annotations, but its page has 1000000"}},
		{"W3C: more than MaxSpeakers speakers", "w3c",
			gen(func() []byte {
				var b strings.Builder
				b.WriteString(`{"type":"AnnotationCollection","quotemark:speakers":[`)
				for i := range annotations.MaxSpeakers + 1 {
					if i > 0 {
						b.WriteString(",")
					}
					fmt.Fprintf(&b, `{"id":"s%d","name":"N"}`, i)
				}
				b.WriteString(`]}`)
				return []byte(b.String())
			}),
			[]string{"quotemark:speakers[10000]", "more than 10000 speakers", "MaxSpeakers"}},
		{"W3C: more than MaxAnnotations annotations", "w3c",
			gen(func() []byte {
				return []byte("[" + repeat(`{"target":{"selector":{"type":"TextQuoteSelector","exact":"x"}}}`, annotations.MaxAnnotations+1, ",") + "]")
			}),
			[]string{"W3C Web Annotation: [50000]", "more than 50000 annotations", "MaxAnnotations"}},
		{"W3C: a position past 2^40", "w3c", lit(w3c(`{"type":"TextPositionSelector","start":0,"end":1099511627777}`)),
			[]string{"[0].target.selector[0].end", "whole number of at least 0"}},
		{"W3C: an array of a million zeros", "w3c", gen(func() []byte { return []byte("[" + repeat("0", 1_000_000, ",") + "]") }),
			[]string{"W3C Web Annotation: [0]", "must be a JSON object, not a number"}},
		{"W3C: nesting deeper than a JSON reader goes", "w3c",
			gen(func() []byte { return []byte(strings.Repeat("[", 20_000) + strings.Repeat("]", 20_000)) }),
			[]string{"W3C Web Annotation", "not valid JSON", "exceeded max depth"}},

		// quotemark's own format, read by the core.
		{"quotemark: an escaped lone surrogate in a note", "quotemark", lit(fmt.Sprintf(set, fmt.Sprintf(quote, `"a\ud800b"`))),
			[]string{"annotations[0].note: column 479", `\ud800`, "lone surrogate"}},
		{"quotemark: a key twice", "quotemark",
			lit(fmt.Sprintf(set, strings.Replace(fmt.Sprintf(quote, `""`), `"start":275`, `"start":275,"start":1`, 1))),
			[]string{"annotations[0].start", "appears twice"}},
		{"quotemark: more than MaxAnnotations annotations", "quotemark",
			gen(func() []byte { return []byte(fmt.Sprintf(set, repeat("0", annotations.MaxAnnotations+1, ","))) }),
			[]string{"annotations", "more than 50000", "MaxAnnotations"}},
		{"quotemark: an annotation of a thousand fields", "quotemark",
			gen(func() []byte {
				var b strings.Builder
				for i := range 1000 {
					fmt.Fprintf(&b, `"f%d":0,`, i)
				}
				return []byte(fmt.Sprintf(set, "{"+strings.TrimSuffix(b.String(), ",")+"}"))
			}),
			[]string{"annotations[0]", "has more than 64 fields"}},

		// Any format: a file over MaxImportBytes is refused before it is read.
		{"quotemark: a file over MaxImportBytes", "quotemark", overImport, []string{"over the limit of 32.0 MB (33554432 bytes, MaxImportBytes)"}},
		{"W3C: a file over MaxImportBytes", "w3c", overImport, []string{"W3C Web Annotation", "MaxImportBytes"}},
		{"brat: a file over MaxImportBytes", "brat", overImport, []string{"brat standoff", "MaxImportBytes"}},
		{"CSV: a file over MaxImportBytes", "csv", overImport, []string{"CSV", "MaxImportBytes"}},
		{"JSONL: a file over MaxImportBytes", "jsonl", overImport, []string{"JSONL", "MaxImportBytes"}},
		{"Label Studio: a file over MaxImportBytes", "labelstudio", overImport, []string{"Label Studio", "MaxImportBytes"}},
		{"doccano: a file over MaxImportBytes", "doccano", overImport, []string{"doccano", "MaxImportBytes"}},
	}
}

// TestHostileInputs feeds every reader files made to break it: each is
// refused, with a message that names the problem and the place, and no
// reader panics or returns part of a set. go test -run TestHostileInputs -v
// prints the catalogue: each input, then its message.
func TestHostileInputs(t *testing.T) {
	_, art := gold.Set(t)
	cases := hostileCases(art)
	if len(cases) < 40 {
		t.Errorf("%d cases", len(cases))
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.desc] {
			t.Errorf("two cases are called %q", tc.desc)
		}
		seen[tc.desc] = true
		t.Run(tc.desc, func(t *testing.T) {
			data := tc.input.bytes()
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panic: %v", p)
				}
			}()
			sets, reports, err := Import(tc.format, data, art)
			if err == nil {
				t.Fatalf("accepted: %d sets", len(sets))
			}
			if sets != nil || reports != nil {
				t.Errorf("sets came with the error")
			}
			var ie *ImportError
			var fe *annotations.FormatError
			if !errors.As(err, &ie) && !errors.As(err, &fe) {
				t.Errorf("%T is neither an *ImportError nor a *FormatError", err)
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("the message lacks %q:\n%s", w, annotations.Clip(msg, 400))
				}
			}
			t.Logf("%s → %s", tc.desc, annotations.Clip(msg, 300))
			// Detection reads the same file first, in the browser and
			// the command line: it must not break on it either.
			_, _, _, _ = ImportAny(data, "upload", art)
		})
	}
}

// TestDetectRefusesAFileOverTheLimit: detection says so before it looks.
func TestDetectRefusesAFileOverTheLimit(t *testing.T) {
	_, err := DetectFormat(bytes.Repeat([]byte("{"), annotations.MaxImportBytes+1), "big.json")
	if err == nil || !strings.Contains(err.Error(), "big.json: the file is 32.0 MB") || !strings.Contains(err.Error(), "MaxImportBytes") {
		t.Errorf("%v", err)
	}
}

// TestHostileInputsCostLittle: a reader keeps the file and what it builds
// from it, not a tree of it, so that no input near or over MaxImportBytes
// takes more than about four times the limit, the file included. Before,
// "[0,0,0,…]" read as W3C cost thirty times the file.
func TestHostileInputsCostLittle(t *testing.T) {
	_, art := gold.Set(t)
	n := annotations.MaxImportBytes - 64
	for _, tc := range []struct {
		desc, format string
		data         func() []byte
	}{
		{"zeros in an array", "w3c", func() []byte { return []byte("[" + repeat("0", n/2-1, ",") + "]") }},
		{"empty arrays in an array", "labelstudio", func() []byte { return []byte("[" + repeat("[]", n/3-1, ",") + "]") }},
		{"empty objects in an array", "w3c", func() []byte { return []byte("[" + repeat("{}", n/3-1, ",") + "]") }},
		{"an object of distinct keys", "w3c", func() []byte {
			var b bytes.Buffer
			b.WriteString("{")
			for i := 0; b.Len() < n-20; i++ {
				fmt.Fprintf(&b, `"%x":0,`, i)
			}
			b.WriteString(`"type":"x"}`)
			return b.Bytes()
		}},
		{"results that all want a region", "labelstudio", func() []byte {
			return []byte(`[{"data":{"text":"x"},"annotations":[{"result":[` + repeat(`{"type":"choices"}`, n/19-10, ",") + `]}]}]`)
		}},
		{"lines of a number", "jsonl", func() []byte { return bytes.Repeat([]byte("1\n"), n/2) }},
		{"blank lines", "doccano", func() []byte { return bytes.Repeat([]byte("\n"), n) }},
		{"blank lines", "brat", func() []byte { return bytes.Repeat([]byte("\r\n"), n/2) }},
		{"a row of commas", "csv", func() []byte { return []byte(strings.Join(csvHeader, ",") + "\n" + strings.Repeat(",", n-100)) }},
		{"tags of one letter", "w3c", func() []byte {
			return []byte(`{"target":{"selector":{"type":"TextQuoteSelector","exact":"x"}},"tags":[` + repeat(`"x"`, n/4-20, ",") + `]}`)
		}},
		{"notes of one letter on one span", "brat", func() []byte {
			return []byte("T1\tQuote 275 283\tHosemann\n" + strings.Repeat("#1\tAnnotatorNotes T1\tx\n", n/24))
		}},
		{"annotations up to MaxAnnotations", "jsonl", func() []byte {
			return []byte(jsonlOf(art, repeat(`{"start":275,"end":283,"label":"SPEAKER"}`, annotations.MaxAnnotations, ",")))
		}},
		{"a file three times the limit", "jsonl", func() []byte { return bytes.Repeat([]byte("{}\n"), n) }},
	} {
		data := tc.data()
		var err error
		extra := peakDuring(func() { _, _, err = Import(tc.format, data, art) })
		t.Logf("%s, %s: %d bytes; %d more at the peak: %v", tc.format, tc.desc, len(data), extra, annotations.Clip(fmt.Sprint(err), 100))
		if limit := 4*annotations.MaxImportBytes - min(len(data), annotations.MaxImportBytes); extra > uint64(limit) {
			t.Errorf("%s, %s: %d bytes at the peak beside the file, over %d", tc.format, tc.desc, extra, limit)
		}
	}
}

func jsonlOf(art *annotations.Article, spans string) string {
	return `{"text":` + strings.TrimSpace(string(marshalJSON(art.Text, false))) + `,"spans":[` + spans + `]}` + "\n"
}

// peakDuring is how far the heap grew at most while fn ran, sampled; the
// garbage the collector has not yet taken counts, as it is memory taken.
func peakDuring(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: sample[0].Name}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(100 * time.Microsecond):
			}
		}
	}()
	fn()
	close(done)
	<-stopped
	metrics.Read(sample)
	p := max(peak.Load(), sample[0].Value.Uint64())
	if p < base {
		return 0
	}
	return p - base
}
