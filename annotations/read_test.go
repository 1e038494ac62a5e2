package annotations

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"quotemark/internal/fixture"
)

// doc is a decoded annotation file that a test edits before encoding it
// again; numbers stay json.Number so that nothing is rounded.
type doc map[string]any

func goldDoc(t testing.TB) doc {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(goldBytes(t)))
	dec.UseNumber()
	var d doc
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

func (d doc) obj(key string) doc { return doc(d[key].(map[string]any)) }

func (d doc) item(key string, i int) doc { return doc(d[key].([]any)[i].(map[string]any)) }

func (d doc) ann(i int) doc { return d.item("annotations", i) }

func (d doc) speaker(i int) doc { return d.item("speakers", i) }

func (d doc) encode(t testing.TB) []byte {
	t.Helper()
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Ids of the reference set used below.
const (
	hosemannID = "76ee634c-f2a0-501f-8f74-abf1c05af3e9"
	kobachID   = "7768a958-a65f-5165-bd29-62d69ea5c221"
	judgeID    = "f1908782-e4fe-5d9d-811d-00a4d871ea11"
	ann0ID     = "9d586fad-3333-5f62-8599-8651ad636506" // mention "Hosemann" at 275–283
)

type readCase struct {
	name string
	data func(t testing.TB) []byte
	path string // the FormatError's Path
	msg  string // what the message must contain
}

// edited is the reference file changed by f.
func edited(f func(d doc)) func(t testing.TB) []byte {
	return func(t testing.TB) []byte {
		d := goldDoc(t)
		f(d)
		return d.encode(t)
	}
}

// replaced is the reference file with one exact piece of text replaced.
func replaced(old, new string) func(t testing.TB) []byte {
	return func(t testing.TB) []byte {
		g := goldBytes(t)
		if bytes.Count(g, []byte(old)) != 1 {
			t.Fatalf("%q does not occur exactly once in the reference file", old)
		}
		return bytes.Replace(g, []byte(old), []byte(new), 1)
	}
}

func literal(s string) func(t testing.TB) []byte {
	return func(testing.TB) []byte { return []byte(s) }
}

// minimal is a small valid file; tests splice into it.
const minimal = `{
  "format": "quotemark/annotations",
  "version": 1,
  "id": "9a41dc10-0636-56af-bd5f-355ed6ba5ebc",
  "annotator": "",
  "created": "2026-11-22T00:00:00Z",
  "modified": "2026-11-22T00:00:00Z",
  "article": {
    "id": "a",
    "title": "",
    "sha256": "1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165",
    "length": 10
  },
  "speakers": [],
  "annotations": []
}
`

var readCases = []readCase{
	// Spans.
	{"end past the article", edited(func(d doc) { d.ann(0)["end"] = 5120 }),
		"annotations[0]", "end 5120 is past the article's length 4428"},
	{"negative start", edited(func(d doc) { d.ann(3)["start"] = -1 }),
		"annotations[3]", "start -1 is negative"},
	{"end before start", edited(func(d doc) { d.ann(2)["end"] = 441 }),
		"annotations[2]", "end 441 is not after start 441"},
	{"exact length mismatch", edited(func(d doc) { d.ann(0)["exact"] = "Hoseman" }),
		"annotations[0].exact", "has 7 code points but the span 275–283 has 8"},
	{"exact counted in code points, not UTF-16", edited(func(d doc) { d.ann(0)["exact"] = "Hosema😀" }),
		"annotations[0].exact", "has 7 code points"},
	{"prefix over 32", edited(func(d doc) { d.ann(5)["prefix"] = strings.Repeat("x", 33) }),
		"annotations[5].prefix", "has 33 code points, more than 32"},
	{"suffix over 32", edited(func(d doc) { d.ann(6)["suffix"] = strings.Repeat("é", 33) }),
		"annotations[6].suffix", "has 33 code points, more than 32"},

	// Unknown, duplicate, missing and null fields.
	{"unknown top-level field", edited(func(d doc) { d["comment"] = "hi" }),
		"", `unknown field "comment"`},
	{"unknown article field", edited(func(d doc) { d.obj("article")["url"] = "https://x" }),
		"article", `unknown field "url"`},
	{"unknown speaker field", edited(func(d doc) { d.speaker(1)["aliases"] = []any{} }),
		"speakers[1]", `unknown field "aliases"`},
	{"unknown annotation field", edited(func(d doc) { d.ann(4)["color"] = "red" }),
		"annotations[4]", `unknown field "color" on a quote`},
	{"duplicate top-level key", replaced(`"annotator": "reference",`, `"annotator": "reference", "annotator": "x",`),
		"annotator", "appears twice"},
	{"duplicate annotation key", replaced(`"start": 275,`, `"start": 275, "start": 275,`),
		"annotations[0].start", "appears twice"},
	{"duplicate article key", replaced(`"length": 4428`, `"length": 4428, "length": 4428`),
		"article.length", "appears twice"},
	{"missing created", edited(func(d doc) { delete(d, "created") }), "created", "is missing"},
	{"missing format", edited(func(d doc) { delete(d, "format") }), "format", "is missing"},
	{"missing speakers", edited(func(d doc) { delete(d, "speakers") }), "speakers", "is missing"},
	{"missing article sha256", edited(func(d doc) { delete(d.obj("article"), "sha256") }), "article.sha256", "is missing"},
	{"missing speaker name", edited(func(d doc) { delete(d.speaker(2), "name") }), "speakers[2].name", "is missing"},
	{"missing exact", edited(func(d doc) { delete(d.ann(1), "exact") }), "annotations[1].exact", "is missing"},
	{"missing prefix", edited(func(d doc) { delete(d.ann(1), "prefix") }), "annotations[1].prefix", "is missing"},
	{"missing end", edited(func(d doc) { delete(d.ann(7), "end") }), "annotations[7].end", "is missing"},
	{"missing type", edited(func(d doc) { delete(d.ann(7), "type") }), "annotations[7].type", "is missing"},
	{"null annotator", edited(func(d doc) { d["annotator"] = nil }), "annotator", "is null"},
	{"null annotations", edited(func(d doc) { d["annotations"] = nil }), "annotations", "is null"},
	{"null note", edited(func(d doc) { d.ann(3)["note"] = nil }), "annotations[3].note", "is null"},
	{"null speaker", edited(func(d doc) { d.ann(4)["speaker"] = nil }), "annotations[4].speaker", "is null"},
	{"null checkworthy", edited(func(d doc) { d.ann(7)["checkworthy"] = nil }), "annotations[7].checkworthy", "is null"},

	// Wrong JSON types.
	{"start as a string", edited(func(d doc) { d.ann(0)["start"] = "275" }),
		"annotations[0].start", "must be a whole number, not a string"},
	{"start as a fraction", edited(func(d doc) { d.ann(0)["start"] = json.Number("275.5") }),
		"annotations[0].start", "must be a whole number, not 275.5"},
	{"start with an exponent", edited(func(d doc) { d.ann(0)["start"] = json.Number("2.75e2") }),
		"annotations[0].start", "must be a whole number"},
	{"start out of range", edited(func(d doc) { d.ann(0)["start"] = json.Number("99999999999999999999") }),
		"annotations[0].start", "is out of range"},
	{"length as a boolean", edited(func(d doc) { d.obj("article")["length"] = true }),
		"article.length", "must be a whole number, not a boolean"},
	{"version as a string", edited(func(d doc) { d["version"] = "1" }),
		"version", "must be a whole number, not a string"},
	{"checkworthy as a string", edited(func(d doc) { d.ann(7)["checkworthy"] = "yes" }),
		"annotations[7].checkworthy", "must be true or false, not a string"},
	{"name as a number", edited(func(d doc) { d.speaker(0)["name"] = 5 }),
		"speakers[0].name", "must be a string, not 5"},
	{"exact as an array", edited(func(d doc) { d.ann(0)["exact"] = []any{"Hosemann"} }),
		"annotations[0].exact", "must be a string, not an array"},
	{"speakers as an object", edited(func(d doc) { d["speakers"] = map[string]any{} }),
		"speakers", "must be an array, not an object"},
	{"article as an array", edited(func(d doc) { d["article"] = []any{} }),
		"article", "must be a JSON object, not an array"},
	{"annotation as a string", edited(func(d doc) { d["annotations"].([]any)[0] = "x" }),
		"annotations[0]", "must be a JSON object, not a string"},
	{"type as a number", edited(func(d doc) { d.ann(0)["type"] = 1 }),
		"annotations[0].type", "must be a string, not 1"},
	{"file is an array", literal(`[]`), "", "the file must be a JSON object"},
	{"file is a string", literal(`"quotemark"`), "", "the file must be a JSON object"},

	// Ids.
	{"bad set id", edited(func(d doc) { d["id"] = "not-a-uuid" }), "id", `"not-a-uuid" is not a UUID`},
	{"empty set id", edited(func(d doc) { d["id"] = "" }), "id", `"" is not a UUID`},
	{"bad speaker id", edited(func(d doc) { d.speaker(2)["id"] = "c4389a4d-bc29-586f-8ed1-9a45c862e35" }),
		"speakers[2].id", "is not a UUID"},
	{"bad annotation id", edited(func(d doc) { d.ann(9)["id"] = "{fd75602f-53f0-5cba-913a-9756c4c162af}" }),
		"annotations[9].id", "is not a UUID"},
	{"duplicate annotation ids", edited(func(d doc) { d.ann(8)["id"] = ann0ID }),
		"annotations[8].id", ann0ID + " is used by another annotation"},
	{"duplicate speaker ids", edited(func(d doc) { d.speaker(3)["id"] = kobachID }),
		"speakers[3].id", kobachID + " is used by another speaker"},

	// Article block.
	{"uppercase sha256", edited(func(d doc) { d.obj("article")["sha256"] = strings.ToUpper(fixture.GoldSHA256) }),
		"article.sha256", "is not 64 lowercase hex digits"},
	{"short sha256", edited(func(d doc) { d.obj("article")["sha256"] = fixture.GoldSHA256[:63] }),
		"article.sha256", "is not 64 lowercase hex digits"},
	{"sha256 not hex", edited(func(d doc) { d.obj("article")["sha256"] = strings.Repeat("g", 64) }),
		"article.sha256", "is not 64 lowercase hex digits"},
	{"empty article id", edited(func(d doc) { d.obj("article")["id"] = "" }), "article.id", "is empty"},
	{"negative length", edited(func(d doc) { d.obj("article")["length"] = -1 }), "article.length", "is negative"},

	// Timestamps.
	{"timestamp with an offset", edited(func(d doc) { d["created"] = "2026-11-22T01:00:00+01:00" }),
		"created", "is not in UTC"},
	{"timestamp with a zero offset", edited(func(d doc) { d["modified"] = "2026-11-22T00:00:00+00:00" }),
		"modified", "is not in UTC (it must end in Z)"},
	{"date only", edited(func(d doc) { d["created"] = "2026-11-22" }),
		"created", `"2026-11-22" is not an RFC 3339 timestamp`},
	{"space instead of T", edited(func(d doc) { d["created"] = "2026-11-22 00:00:00Z" }),
		"created", "is not an RFC 3339 timestamp"},
	{"no such day", edited(func(d doc) { d["created"] = "2026-02-30T00:00:00Z" }),
		"created", "is not an RFC 3339 timestamp"},
	{"comma fraction", edited(func(d doc) { d["created"] = "2026-11-22T00:00:00,5Z" }),
		"created", "is not an RFC 3339 timestamp"},
	{"Unix time", edited(func(d doc) { d["created"] = 1795305600 }),
		"created", "must be a string, not 1795305600"},
	{"modified before created", edited(func(d doc) { d["modified"] = "2026-11-21T23:59:59Z" }),
		"modified", "is before created"},

	// Format and version.
	{"version 2", edited(func(d doc) { d["version"] = 2 }),
		"version", "version 2 is newer than this quotemark reads (1)"},
	{"version 2 with new fields", edited(func(d doc) {
		d["version"] = 2
		d["relations"] = []any{}
		d.ann(0)["confidence"] = 0.5
	}), "version", "newer than this quotemark reads"},
	{"version 0", edited(func(d doc) { d["version"] = 0 }), "version", "is 0, expected 1"},
	{"wrong format", edited(func(d doc) { d["format"] = "hypothesis" }),
		"format", `is "hypothesis", expected "quotemark/annotations"`},

	// Types and their own fields.
	{"bad type", edited(func(d doc) { d.ann(0)["type"] = "mention" }),
		"annotations[0].type", `"mention" is not an annotation type (quote, speaker or claim)`},
	{"form on a claim", edited(func(d doc) { d.ann(3)["form"] = "direct" }),
		"annotations[3]", `unknown field "form" on a claim`},
	{"form on a mention", edited(func(d doc) { d.ann(0)["form"] = "direct" }),
		"annotations[0]", `unknown field "form" on a speaker`},
	{"checkworthy on a quote", edited(func(d doc) { d.ann(4)["checkworthy"] = false }),
		"annotations[4]", `unknown field "checkworthy" on a quote`},
	{"checkworthy on a mention", edited(func(d doc) { d.ann(5)["checkworthy"] = true }),
		"annotations[5]", `unknown field "checkworthy" on a speaker`},
	{"bad form", edited(func(d doc) { d.ann(1)["form"] = "paraphrase" }),
		"annotations[1].form", `"paraphrase" is not a quote form (direct, indirect or mixed)`},
	{"empty form", edited(func(d doc) { d.ann(1)["form"] = "" }),
		"annotations[1].form", "is empty"},
	{"mention without speaker", edited(func(d doc) { delete(d.ann(0), "speaker") }),
		"annotations[0].speaker", "is missing"},
	{"mention with an empty speaker", edited(func(d doc) { d.ann(0)["speaker"] = "" }),
		"annotations[0].speaker", "is empty"},
	{"quote with an empty speaker", edited(func(d doc) { d.ann(4)["speaker"] = "" }),
		"annotations[4].speaker", "is empty"},
	{"dangling speaker", edited(func(d doc) { d.ann(4)["speaker"] = "00000000-0000-4000-8000-000000000000" }),
		"annotations[4].speaker", "00000000-0000-4000-8000-000000000000 is not in speakers"},
	{"dangling mention", edited(func(d doc) {
		d["speakers"] = d["speakers"].([]any)[1:] // drop Delbert Hosemann
	}), "annotations[0].speaker", hosemannID + " is not in speakers"},
	{"blank speaker name", edited(func(d doc) { d.speaker(0)["name"] = " \n" }), "speakers[0].name", "is empty"},

	// Syntax.
	{"empty file", literal(""), "", "the file is empty"},
	{"white space only", literal(" \n\t\n"), "", "the file is empty"},
	{"missing comma", literal("{\n  \"format\": \"quotemark/annotations\",\n  \"version\": 1\n  \"id\": \"x\"\n}"),
		"", "not valid JSON: line 4, column 3"},
	{"trailing comma", literal("{\n  \"version\": 1,\n}"),
		"", "not valid JSON: line 3, column 1"},
	{"single quotes", literal("{'format': 1}"),
		"", "not valid JSON: line 1, column 2"},
	{"cut short", func(t testing.TB) []byte { g := goldBytes(t); return g[:len(g)/2] },
		"", "not valid JSON: the file ends in the middle of a value"},
	{"trailing object", func(t testing.TB) []byte { return append(goldBytes(t), "{}\n"...) },
		"", "line 380, column 1: unexpected data after the top-level object"},
	{"trailing garbage", func(t testing.TB) []byte { return append(goldBytes(t), "  x"...) },
		"", "line 380, column 3: unexpected data after the top-level object"},
	{"two objects on a line", literal(minimal[:len(minimal)-1] + " {}"),
		"", "line 16, column 3: unexpected data after the top-level object"},
	{"byte-order mark", func(t testing.TB) []byte { return append([]byte("\uFEFF"), goldBytes(t)...) },
		"", "not valid JSON: line 1, column 1"},
	{"invalid UTF-8", func(t testing.TB) []byte {
		g := goldBytes(t)
		i := bytes.Index(g, []byte(`"annotator": "reference"`)) + len(`"annotator": "re`)
		return append(append(g[:i:i], 0xff), g[i+1:]...)
	}, "", "not UTF-8: invalid byte 0xff at byte 121 (line 5, column 19)"},
}

func TestReadRefuses(t *testing.T) {
	names := map[string]bool{}
	for _, tt := range readCases {
		if names[tt.name] {
			t.Fatalf("two cases named %q", tt.name)
		}
		names[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data(t)
			s, err := Read(data)
			if err == nil {
				t.Fatalf("Read accepted the file:\n%s", Clip(string(data), 40))
			}
			if s != nil {
				t.Errorf("Read returned a set with its error")
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("error %q is a %T, not a *FormatError", err, err)
			}
			if fe.Path != tt.path {
				t.Errorf("error %q: path %q, want %q", err, fe.Path, tt.path)
			}
			msg := err.Error()
			if tt.path != "" && !strings.HasPrefix(msg, tt.path+": ") {
				t.Errorf("error %q does not start with its place %q", msg, tt.path)
			}
			if !strings.Contains(msg, tt.msg) {
				t.Errorf("error %q, want it to contain %q", msg, tt.msg)
			}
		})
	}
}

func TestReadSpecExampleMessage(t *testing.T) {
	// The message the format's documentation gives as its example.
	_, err := Read(edited(func(d doc) { d.ann(0)["end"] = 5120 })(t))
	if err == nil || err.Error() != "annotations[0]: end 5120 is past the article's length 4428" {
		t.Errorf("got %v", err)
	}
}

func TestReadNewerVersionMessage(t *testing.T) {
	_, err := Read(edited(func(d doc) { d["version"] = 7 })(t))
	if err == nil || err.Error() != "version: version 7 is newer than this quotemark reads (1); update quotemark" {
		t.Errorf("got %v", err)
	}
}

func TestReadGold(t *testing.T) {
	s, err := Read(goldBytes(t))
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "9a41dc10-0636-56af-bd5f-355ed6ba5ebc" || s.Annotator != "reference" {
		t.Errorf("id %q annotator %q", s.ID, s.Annotator)
	}
	want := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	if !s.Created.Equal(want) || !s.Modified.Equal(want) || s.Created.Location() != time.UTC {
		t.Errorf("created %v modified %v", s.Created, s.Modified)
	}
	if s.Article != (ArticleRef{ID: fixture.GoldArticleID, Title: "Secretary of State Delbert Hosemann", SHA256: fixture.GoldSHA256, Length: fixture.GoldLength}) {
		t.Errorf("article %+v", s.Article)
	}
	if len(s.Speakers) != 4 || len(s.Annotations) != 34 || s.Orphans != nil {
		t.Fatalf("%d speakers, %d annotations, %d orphans", len(s.Speakers), len(s.Annotations), len(s.Orphans))
	}
	counts := map[Type]int{}
	for _, a := range s.Annotations {
		counts[a.Type]++
		switch a.Type {
		case Quote:
			if a.Form != Direct && a.Form != Indirect && a.Form != Mixed {
				t.Errorf("quote %s has form %q", a.ID, a.Form)
			}
			if a.Checkworthy {
				t.Errorf("quote %s is checkworthy", a.ID)
			}
		case SpeakerMention, Claim:
			if a.Form != "" {
				t.Errorf("%s %s has form %q", a.Type, a.ID, a.Form)
			}
		}
	}
	if counts[Quote] != 14 || counts[SpeakerMention] != 7 || counts[Claim] != 13 {
		t.Errorf("counts %v", counts)
	}

	// Field by field, one of each type.
	if a, _ := s.Annotation("fc044a1e-1212-586a-b488-00c65648c6cf"); a != (Annotation{
		ID: "fc044a1e-1212-586a-b488-00c65648c6cf", Type: Quote, Start: 691, End: 778,
		Exact:   "They can go jump in the Gulf of Mexico and Mississippi is a great state to launch from,",
		Prefix:  "agues\u00a0in bucking the request.\n\n“", // a no-break space
		Suffix:  "” Hosemann said in a statement o",
		Speaker: hosemannID, Form: Direct,
	}) {
		t.Errorf("quote: %+v", a)
	}
	if a, _ := s.Annotation("e7328b0c-8b17-5b39-9dbc-4e748b3a7e05"); a.Form != Indirect {
		t.Errorf("indirect quote read as %q", a.Form)
	}
	if a, _ := s.Annotation("4d48bd0f-ca65-56d8-9701-7445b9675316"); a.Type != SpeakerMention || a.Speaker != hosemannID || a.Start != 780 || a.End != 788 {
		t.Errorf("mention: %+v", a)
	}
	if a, _ := s.Annotation("b3c453ef-3f6a-50f2-8b4c-40f90b6fdc69"); a.Type != Claim || !a.Checkworthy || a.Speaker != "" || a.Start != 1646 {
		t.Errorf("claim: %+v", a)
	}
	if sp, ok := s.Speaker(judgeID); !ok || sp.Name != "a federal judge" {
		t.Errorf("speaker %v %v", sp, ok)
	}
	if s.SpeakerName(kobachID) != "Kris Kobach" || s.SpeakerName("") != "" || s.SpeakerName("nope") != "" {
		t.Errorf("SpeakerName")
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestReadAccepts(t *testing.T) {
	tests := []struct {
		name  string
		data  func(t testing.TB) []byte
		check func(t *testing.T, s *Set)
	}{
		{"minimal", literal(minimal), func(t *testing.T, s *Set) {
			if s.Annotator != "" || len(s.Speakers) != 0 || len(s.Annotations) != 0 || s.Article.Title != "" {
				t.Errorf("%+v", s)
			}
		}},
		{"keys in any order", edited(func(d doc) {}), nil},
		{"fractional seconds", edited(func(d doc) { d["modified"] = "2026-11-22T10:00:00.123456789Z" }), func(t *testing.T, s *Set) {
			if s.Modified.Nanosecond() != 123456789 {
				t.Errorf("modified %v", s.Modified)
			}
		}},
		{"explicit defaults", edited(func(d doc) {
			d.ann(4)["form"] = "direct"
			d.ann(3)["checkworthy"] = false
			d.ann(3)["note"] = ""
		}), func(t *testing.T, s *Set) {
			if a := s.Annotations[4]; a.Form != Direct {
				t.Errorf("form %q", a.Form)
			}
		}},
		{"mixed form and a note", edited(func(d doc) {
			d.ann(4)["form"] = "mixed"
			d.ann(4)["note"] = "check <this> & “that”"
		}), func(t *testing.T, s *Set) {
			if a := s.Annotations[4]; a.Form != Mixed || a.Note != "check <this> & “that”" {
				t.Errorf("%+v", a)
			}
		}},
		{"unattributed quote", edited(func(d doc) { delete(d.ann(4), "speaker") }), func(t *testing.T, s *Set) {
			if s.Annotations[4].Speaker != "" {
				t.Errorf("speaker %q", s.Annotations[4].Speaker)
			}
		}},
		{"claim with a speaker", edited(func(d doc) { d.ann(3)["speaker"] = kobachID }), nil},
		{"32 emoji of context", edited(func(d doc) {
			d.ann(0)["prefix"] = strings.Repeat("😀", 32) // 64 UTF-16 units, 128 bytes
			d.ann(0)["suffix"] = strings.Repeat("👩‍👧", 10) + "xx"
		}), nil},
		{"uppercase UUID", edited(func(d doc) { d["id"] = "9A41DC10-0636-56AF-BD5F-355ED6BA5EBC" }), nil},
		{"escaped characters", edited(func(d doc) { d["annotator"] = "tab\there \u2028 \"quoted\"" }), func(t *testing.T, s *Set) {
			if s.Annotator != "tab\there \u2028 \"quoted\"" {
				t.Errorf("annotator %q", s.Annotator)
			}
		}},
		{"span at the end of the article", edited(func(d doc) {
			a := d.ann(33)
			a["start"], a["end"], a["exact"] = fixture.GoldLength-1, fixture.GoldLength, "x"
		}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Read(tt.data(t))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
}

func TestReadSortsInTheFormatsOrder(t *testing.T) {
	d := goldDoc(t)
	anns := d["annotations"].([]any)
	for i, j := 0, len(anns)-1; i < j; i, j = i+1, j-1 {
		anns[i], anns[j] = anns[j], anns[i]
	}
	sp := d["speakers"].([]any)
	sp[0], sp[3] = sp[3], sp[0]
	s, err := Read(d.encode(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(s.Annotations); i++ {
		if CompareAnnotations(s.Annotations[i-1], s.Annotations[i]) >= 0 {
			t.Fatalf("annotations %d and %d out of order", i-1, i)
		}
	}
	if s.Speakers[0].Name != "Delbert Hosemann" || s.Speakers[3].Name != "a federal judge" {
		t.Errorf("speakers %v", s.Speakers)
	}
}

func TestReadErrorUsesFileOrder(t *testing.T) {
	// The reader names the annotation by its place in the file, even though
	// it sorts what it accepts.
	d := goldDoc(t)
	anns := d["annotations"].([]any)
	anns[0], anns[33] = anns[33], anns[0]
	d.ann(33)["exact"] = "x"
	_, err := Read(d.encode(t))
	if err == nil || !strings.HasPrefix(err.Error(), "annotations[33].exact:") {
		t.Errorf("got %v", err)
	}
}
