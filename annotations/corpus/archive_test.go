package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/internal/fixture"
	"quotemark/internal/fixture/gold"
)

// archiveCorpus is two articles and three sets: the reference article with
// its reference set and a second annotator's set that was re-anchored onto a
// changed text and so has orphans and approximate placements, and an
// article with emoji, combining marks and CRLF line ends with one set.
func archiveCorpus(t *testing.T) ([]*annotations.Article, []*annotations.Set) {
	t.Helper()
	gold, goldArt := gold.Set(t)

	// The second set is the reference set re-anchored onto an edited
	// version of the article: a quote cut (orphans) and a word changed in
	// another (approximate).
	text := goldArt.Text
	edited := strings.Replace(text, "“patently misleading representations”", "", 1)
	edited = strings.Replace(edited, "Mississippi is a great state", "Mississippi is a fine state", 1)
	editedArt, err := annotations.NewArticle("edited", []byte(edited))
	fixture.Must(t, err)
	second := gold.Clone()
	second.ID = "6b0c1e52-5f5e-4d7c-9a0e-2f4d1c3b9a01"
	second.Annotator = "second"
	rep, err := second.Anchor(editedArt)
	fixture.Must(t, err)
	if rep.Orphaned == 0 || rep.Approximate == 0 {
		t.Fatalf("the edit gave %d orphans, %d approximate", rep.Orphaned, rep.Approximate)
	}

	raw := []byte("\uFEFFA headline 😀\r\nShe said: “q\u0303uite right, 👩‍👩‍👧.”\r\nThe end.\r")
	emojiArt, err := annotations.NewArticle("emoji-crlf", raw)
	fixture.Must(t, err)
	third := annotations.NewSet(emojiArt, "third", fixture.Now)
	start, end := fixture.Span(t, emojiArt.Text, "q\u0303uite right, 👩‍👩‍👧.", 0)
	q, err := third.Add(emojiArt, annotations.Quote, start, end)
	fixture.Must(t, err)
	fixture.Must(t, third.Update(q.ID, func(a *annotations.Annotation) { a.Note = "emoji ✓" }))
	return []*annotations.Article{emojiArt, goldArt, editedArt}, []*annotations.Set{gold, second, third}
}

func TestArchiveRoundTrip(t *testing.T) {
	articles, sets := archiveCorpus(t)
	data, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	gotArts, gotSets, err := ReadArchive(data)
	fixture.Must(t, err)

	if len(gotArts) != 3 || len(gotSets) != 3 {
		t.Fatalf("%d articles, %d sets", len(gotArts), len(gotSets))
	}
	wantArts := slices.Clone(articles)
	slices.SortFunc(wantArts, func(a, b *annotations.Article) int { return strings.Compare(a.ID, b.ID) })
	for i, a := range gotArts {
		w := wantArts[i]
		if a.ID != w.ID || a.Text != w.Text || a.SHA256 != w.SHA256 || a.Length != w.Length || a.Title != w.Title {
			t.Errorf("article %d: %q %q %s %d, want %q %q %s %d", i, a.ID, a.Title, a.SHA256, a.Length, w.ID, w.Title, w.SHA256, w.Length)
		}
	}
	if emoji := gotArts[2]; emoji.ID != "emoji-crlf" || emoji.Text != "A headline 😀\nShe said: “q\u0303uite right, 👩‍👩‍👧.”\nThe end.\n" {
		t.Errorf("emoji article %s: %q", emoji.ID, emoji.Text)
	}
	byID := map[string]*annotations.Set{}
	for _, s := range gotSets {
		byID[s.ID] = s
	}
	for _, w := range sets {
		g := byID[w.ID]
		if g == nil {
			t.Fatalf("set %s missing", w.ID)
		}
		if !bytes.Equal(annotations.Write(g), annotations.Write(w)) {
			t.Errorf("set %s changed:\n%s\nwant\n%s", w.ID, annotations.Write(g), annotations.Write(w))
		}
		if !reflect.DeepEqual(g.Orphans, w.Orphans) {
			t.Errorf("set %s orphans %+v, want %+v", w.ID, g.Orphans, w.Orphans)
		}
		if !maps.Equal(g.Approximate, w.Approximate) {
			t.Errorf("set %s approximate %v, want %v", w.ID, g.Approximate, w.Approximate)
		}
	}
	// Each set anchors on its article as it is.
	for _, s := range gotSets {
		i := slices.IndexFunc(gotArts, func(a *annotations.Article) bool { return a.SHA256 == s.Article.SHA256 })
		if i < 0 {
			t.Fatalf("set %s has no article", s.ID)
		}
		if rep, err := s.Clone().Anchor(gotArts[i]); err != nil || rep.Reanchored {
			t.Errorf("set %s does not anchor on %s: %v", s.ID, gotArts[i].ID, err)
		}
	}

	// The same corpus, in any order, gives the same bytes; and writing what
	// was read gives them again.
	slices.Reverse(articles)
	slices.Reverse(sets)
	again, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	if !bytes.Equal(again, data) {
		t.Errorf("the archive depends on the order of its inputs")
	}
	again, err = WriteArchive(gotArts, gotSets)
	fixture.Must(t, err)
	if !bytes.Equal(again, data) {
		t.Errorf("writing what was read changed the archive")
	}
}

func TestArchiveLayout(t *testing.T) {
	articles, sets := archiveCorpus(t)
	data, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	fixture.Must(t, err)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(archiveTime) {
			t.Errorf("%s: timestamp %v", f.Name, f.Modified)
		}
	}
	want := []string{
		"manifest.json",
		"articles/000_ce1de57ff9e6a72c.txt",
		"articles/edited.txt",
		"articles/emoji-crlf.txt",
		"sets/000_ce1de57ff9e6a72c/9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json",
		"sets/edited/6b0c1e52-5f5e-4d7c-9a0e-2f4d1c3b9a01.extra.json",
		"sets/edited/6b0c1e52-5f5e-4d7c-9a0e-2f4d1c3b9a01.quotemark.json",
		"sets/emoji-crlf/" + sets[2].ID + ".quotemark.json",
	}
	slices.Sort(want[1:])
	if !slices.Equal(names, want) {
		t.Errorf("entries\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	var m map[string]any
	fixture.Must(t, json.Unmarshal(entry(t, data, "manifest.json"), &m))
	if m["format"] != "quotemark/archive" || m["version"] != 1.0 || len(m["articles"].([]any)) != 3 || len(m["sets"].([]any)) != 3 {
		t.Errorf("manifest %v", m)
	}
	// The set files are the v1 files, byte for byte.
	if got := entry(t, data, "sets/000_ce1de57ff9e6a72c/9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json"); !bytes.Equal(got, fixture.Read(t, fixture.GoldSetFile)) {
		t.Errorf("the reference set is not its v1 file")
	}
}

func entry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	fixture.Must(t, err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			fixture.Must(t, err)
			b, err := io.ReadAll(rc)
			fixture.Must(t, err)
			return b
		}
	}
	t.Fatalf("no entry %s", name)
	return nil
}

// rezip rewrites an archive's entries, in order, through edit, which may
// change an entry's data or drop it (nil), and appends extra entries.
func rezip(t *testing.T, data []byte, edit func(name string, b []byte) []byte, extra ...[2]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	fixture.Must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	write := func(name string, b []byte) {
		w, err := zw.Create(name)
		fixture.Must(t, err)
		_, err = w.Write(b)
		fixture.Must(t, err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		fixture.Must(t, err)
		b, err := io.ReadAll(rc)
		fixture.Must(t, err)
		if b = edit(f.Name, b); b != nil {
			write(f.Name, b)
		}
	}
	for _, e := range extra {
		write(e[0], []byte(e[1]))
	}
	fixture.Must(t, zw.Close())
	return buf.Bytes()
}

func TestReadArchiveRefuses(t *testing.T) {
	articles, sets := archiveCorpus(t)
	data, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	const goldPath = "sets/000_ce1de57ff9e6a72c/9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json"
	const extraPath = "sets/edited/6b0c1e52-5f5e-4d7c-9a0e-2f4d1c3b9a01.extra.json"
	replaceIn := func(target, old, new string) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name == target {
				if !bytes.Contains(b, []byte(old)) {
					t.Fatalf("%s does not contain %q", name, old)
				}
				return bytes.Replace(b, []byte(old), []byte(new), 1)
			}
			return b
		}
	}
	drop := func(target string) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name == target {
				return nil
			}
			return b
		}
	}
	keep := func(_ string, b []byte) []byte { return b }
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("PK nothing"), "not a corpus archive"},
		{"no manifest", rezip(t, data, drop("manifest.json")), "manifest.json: missing"},
		{"other format", rezip(t, data, replaceIn("manifest.json", `"quotemark/archive"`, `"other"`)), `manifest.json: format is "other"`},
		{"newer version", rezip(t, data, replaceIn("manifest.json", `"version": 1`, `"version": 2`)), "manifest.json: version 2 is newer"},
		{"unknown manifest field", rezip(t, data, replaceIn("manifest.json", `"version": 1,`, `"version": 1, "extra": true,`)), `manifest.json: json: unknown field "extra"`},
		{"listed file missing", rezip(t, data, drop("articles/edited.txt")), "articles/edited.txt: listed in manifest.json but not in the archive"},
		{"entry not listed", rezip(t, data, keep, [2]string{"notes.txt", "hello"}), "notes.txt: not listed in manifest.json"},
		{"entry twice", rezip(t, data, keep, [2]string{"articles/edited.txt", "again"}), "articles/edited.txt: the archive holds this entry twice"},
		{"article text changed", rezip(t, data, replaceIn("articles/edited.txt", "Hosemann", "Hoseman")), "articles/edited.txt: the text has sha256"},
		{"article not normalized", rezip(t, data, replaceIn("articles/emoji-crlf.txt", "\n", "\r\n")), "articles/emoji-crlf.txt: the text is not normalized"},
		{"article id a path", rezip(t, data, replaceIn("manifest.json", `"id": "edited"`, `"id": "../edited"`)), `manifest.json: articles[1]: id "../edited" cannot name a file`},
		{"set broken", rezip(t, data, replaceIn(goldPath, `"type": "claim"`, `"type": "fact"`)), goldPath + ": annotations["},
		{"set span off its text", rezip(t, data, replaceIn(goldPath, `"start": 691`, `"start": 692`)), goldPath + ": annotations["},
		{"set under another article", rezip(t, data, func(name string, b []byte) []byte {
			switch name {
			case goldPath:
				return nil // moved, below
			case "manifest.json":
				b = bytes.ReplaceAll(b, []byte("sets/000_ce1de57ff9e6a72c/"), []byte("sets/edited/"))
				return bytes.Replace(b, []byte(`"article": "000_ce1de57ff9e6a72c"`), []byte(`"article": "edited"`), 1)
			}
			return b
		}, [2]string{strings.Replace(goldPath, "000_ce1de57ff9e6a72c", "edited", 1), string(fixture.Read(t, fixture.GoldSetFile))}), "the set is for a text with sha256"},
		{"orphan broken", rezip(t, data, replaceIn(extraPath, `"type": "quote"`, `"type": "fact"`)), extraPath + ": orphans["},
		{"unknown extra field", rezip(t, data, replaceIn(extraPath, `"orphans"`, `"orphanz"`)), extraPath + `: json: unknown field "orphanz"`},
		{"approximate for no annotation", rezip(t, data, replaceIn(extraPath, `"approximate": {`, `"approximate": {"00000000-0000-4000-8000-000000000000": 0.5,`)), extraPath + ": approximate: 00000000-0000-4000-8000-000000000000 is not an annotation"},
		{"counts differ", rezip(t, data, replaceIn("manifest.json", fmt.Sprintf(`"orphans": %d`, len(sets[1].Orphans)), `"orphans": 9`)), "orphans and"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, sets, err := ReadArchive(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
			if arts != nil || sets != nil {
				t.Errorf("half-returned %d articles, %d sets", len(arts), len(sets))
			}
		})
	}
}

func TestWriteArchiveRefuses(t *testing.T) {
	articles, sets := archiveCorpus(t)
	gold := articles[1]
	other := annotations.ArticleFromText("other", "Another text.")
	dupID := annotations.ArticleFromText(gold.ID, "Not the same text.")
	badID := annotations.ArticleFromText("a/b", "Some text.")
	tampered := sets[0].Clone()
	tampered.Annotations[0].Exact = "x" + tampered.Annotations[0].Exact[1:]
	clone := sets[2].Clone()
	tests := []struct {
		name     string
		articles []*annotations.Article
		sets     []*annotations.Set
		want     string
	}{
		{"article missing", []*annotations.Article{other}, sets[:1], "whose text is not among the articles"},
		{"same id twice", []*annotations.Article{gold, dupID}, nil, `article "000_ce1de57ff9e6a72c" is given twice`},
		{"same text twice", []*annotations.Article{gold, annotations.ArticleFromText("copy", gold.Text)}, nil, "have the same text"},
		{"id not a file name", []*annotations.Article{badID}, nil, `article "a/b": an article id in an archive`},
		{"span off its text", articles, []*annotations.Set{tampered}, "does not match the text of article"},
		{"set twice", articles, []*annotations.Set{sets[2], clone}, "is given twice"},
	}
	for _, tt := range tests {
		if _, err := WriteArchive(tt.articles, tt.sets); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	// Empty is a valid corpus.
	data, err := WriteArchive(nil, nil)
	fixture.Must(t, err)
	arts, ss, err := ReadArchive(data)
	if err != nil || len(arts) != 0 || len(ss) != 0 {
		t.Errorf("empty archive: %v %v %v", arts, ss, err)
	}
}
