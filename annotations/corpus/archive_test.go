package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/internal/detzip"
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

// withArchiveLimits lowers ReadArchive's and WriteArchive's limits for one
// test, so that a limit is passed without gigabytes.
func withArchiveLimits(t *testing.T, entry, total int64) {
	t.Helper()
	old := archiveLimits
	archiveLimits.entry, archiveLimits.total = entry, total
	t.Cleanup(func() { archiveLimits = old })
}

// inflatedSize is what an archive's entries declare they inflate to.
func inflatedSize(t *testing.T, data []byte) (total, largest int64) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	fixture.Must(t, err)
	for _, f := range zr.File {
		total += int64(f.UncompressedSize64)
		largest = max(largest, int64(f.UncompressedSize64))
	}
	return total, largest
}

// understate copies an archive with the entry name declaring it inflates to
// n bytes (its compressed bytes and CRC as they were), as a crafted zip may.
func understate(t *testing.T, data []byte, name string, n uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	fixture.Must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		fh := f.FileHeader
		if f.Name == name {
			fh.UncompressedSize64 = n
		}
		raw, err := f.OpenRaw()
		fixture.Must(t, err)
		w, err := zw.CreateRaw(&fh)
		fixture.Must(t, err)
		_, err = io.Copy(w, raw)
		fixture.Must(t, err)
	}
	fixture.Must(t, zw.Close())
	return buf.Bytes()
}

// overlap copies an archive with an entry added whose central directory
// record points at the local header and data of the entry target, as an
// overlapping zip bomb's entries do.
func overlap(t *testing.T, data []byte, target string) []byte {
	t.Helper()
	const added = "sets/zzz.txt"
	withAdded := rezip(t, data, func(_ string, b []byte) []byte { return b }, [2]string{added, "x"})
	// Central directory records: signature PK\x01\x02, the name's length at
	// 28, the local header's offset at 42, the name at 46.
	offsets := map[string]int{}
	for i := 0; i+46 <= len(withAdded); i++ {
		if string(withAdded[i:i+4]) != "PK\x01\x02" {
			continue
		}
		n := int(binary.LittleEndian.Uint16(withAdded[i+28:]))
		offsets[string(withAdded[i+46:i+46+n])] = i
	}
	at, ok := offsets[target]
	if !ok {
		t.Fatalf("no central directory record of %s", target)
	}
	out := slices.Clone(withAdded)
	copy(out[offsets[added]+42:offsets[added]+46], withAdded[at+42:at+46])
	return out
}

// TestReadArchiveLimits: archives that would inflate past the limits on one
// entry or on the whole, declared or not, and entries sharing their data,
// are refused with an error naming the limit, before the memory is spent.
func TestReadArchiveLimits(t *testing.T) {
	articles, sets := archiveCorpus(t)
	data, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	const goldPath = "sets/000_ce1de57ff9e6a72c/9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json"
	total, _ := inflatedSize(t, data)
	goldSize := int64(len(entry(t, data, goldPath)))
	manifestSize := int64(len(entry(t, data, "manifest.json")))
	if goldSize <= manifestSize {
		t.Fatalf("the test wants the reference set (%d bytes) larger than the manifest (%d)", goldSize, manifestSize)
	}
	// A set as large as the entry limit allows, padded with white space
	// (valid JSON): honest sizes, over the total once it is counted.
	padded := rezip(t, data, func(name string, b []byte) []byte {
		if name == goldPath {
			return append(slices.Clone(b), bytes.Repeat([]byte(" "), int(goldSize))...)
		}
		return b
	})
	tests := []struct {
		desc         string
		data         []byte
		entry, total int64
		want         string
	}{
		{"the archive file itself over the total limit", data, MaxArchiveEntryBytes, int64(len(data)) - 1,
			fmt.Sprintf("the archive is %d bytes, over the limit of %d bytes on a corpus archive", len(data), len(data)-1)},
		{"entries declaring more than the total limit together", data, MaxArchiveEntryBytes, total - 1,
			fmt.Sprintf("over the limit of %d bytes on a corpus archive's inflated size", total-1)},
		{"a set declaring more than the limit on one entry", data, goldSize - 1, MaxArchiveBytes,
			fmt.Sprintf("%s: inflates to %d bytes, over the limit of %d bytes on one entry", goldPath, goldSize, goldSize-1)},
		{"a set understating its size, stopped by the zip's own check", understate(t, data, goldPath, 10), MaxArchiveEntryBytes, MaxArchiveBytes,
			goldPath + ": zip: not a valid zip file"},
		{"an article understating its size", understate(t, data, "articles/edited.txt", 10), MaxArchiveEntryBytes, MaxArchiveBytes,
			"articles/edited.txt: zip: not a valid zip file"},
		{"an entry sharing another's data", overlap(t, data, "articles/edited.txt"), MaxArchiveEntryBytes, MaxArchiveBytes,
			"articles/edited.txt and sets/zzz.txt share their data (overlapping zip entries)"},
		{"an entry sharing the manifest's data", overlap(t, data, "manifest.json"), MaxArchiveEntryBytes, MaxArchiveBytes,
			"share their data (overlapping zip entries)"},
		{"a padded set within every limit", padded, 2 * goldSize, 2 * total, ""},
		{"a padded set over the entry limit", padded, 2*goldSize - 1, 2 * total,
			fmt.Sprintf("over the limit of %d bytes on one entry", 2*goldSize-1)},
		{"a padded set over the total limit", padded, 2 * goldSize, total + goldSize - 1,
			fmt.Sprintf("over the limit of %d bytes on a corpus archive's inflated size", total+goldSize-1)},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			withArchiveLimits(t, tt.entry, tt.total)
			arts, sets, err := ReadArchive(tt.data)
			if tt.want == "" {
				if err != nil || len(arts) != 3 || len(sets) != 3 {
					t.Errorf("%d articles, %d sets, %v; want the whole corpus", len(arts), len(sets), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
			if arts != nil || sets != nil {
				t.Errorf("half-returned %d articles, %d sets", len(arts), len(sets))
			}
		})
	}
}

// endless is a reader that never ends, as a decompressor of a crafted
// stream might be.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestReadAtMost: the bytes actually inflated are counted, whatever the zip
// declares, against the entry's limit and what is left of the total.
func TestReadAtMost(t *testing.T) {
	withArchiveLimits(t, 100, 1000)
	for _, tt := range []struct {
		desc        string
		src         io.Reader
		limit, left int64
		n           int
		want        string
	}{
		{"within both", bytes.NewReader(make([]byte, 50)), 100, 1000, 50, ""},
		{"exactly the entry limit", bytes.NewReader(make([]byte, 100)), 100, 1000, 100, ""},
		{"one byte over the entry limit", bytes.NewReader(make([]byte, 101)), 100, 1000, 0, "over the limit of 100 bytes on one entry"},
		{"an endless entry", endless{}, 100, 1000, 0, "over the limit of 100 bytes on one entry"},
		{"exactly what is left of the total", bytes.NewReader(make([]byte, 30)), 100, 30, 30, ""},
		{"over what is left of the total", bytes.NewReader(make([]byte, 31)), 100, 30, 0, "over the limit of 1000 bytes on a corpus archive's inflated size"},
		{"an endless entry near the end of the total", endless{}, 100, 30, 0, "over the limit of 1000 bytes on a corpus archive's inflated size"},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			b, err := readAtMost(tt.src, tt.limit, tt.left)
			if tt.want == "" {
				if err != nil || len(b) != tt.n {
					t.Errorf("%d bytes, %v; want %d", len(b), err, tt.n)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || b != nil {
				t.Errorf("%d bytes, %v; want an error containing %q", len(b), err, tt.want)
			}
		})
	}
}

// TestWriteArchiveLimits: a corpus that ReadArchive would refuse is refused
// when it is written, naming the limit.
func TestWriteArchiveLimits(t *testing.T) {
	articles, sets := archiveCorpus(t)
	data, err := WriteArchive(articles, sets)
	fixture.Must(t, err)
	total, largest := inflatedSize(t, data)
	for _, tt := range []struct {
		desc         string
		entry, total int64
		want         string
	}{
		{"at the limits", largest, total, ""},
		{"a set over the entry limit", largest - 1, total, fmt.Sprintf("over the limit of %d bytes on one entry of a corpus archive", largest-1)},
		{"the corpus over the total limit", largest, total - 1, fmt.Sprintf("over the limit of %d bytes on a corpus archive's inflated size", total-1)},
	} {
		t.Run(tt.desc, func(t *testing.T) {
			withArchiveLimits(t, tt.entry, tt.total)
			got, err := WriteArchive(articles, sets)
			if tt.want == "" {
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("%v; want the same archive", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestIsArchive(t *testing.T) {
	data, err := WriteArchive(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	brat, err := detzip.Write([]detzip.Entry{{Name: "corpus/t.ann", Data: []byte("T1\tQuote 0 1\tx\n")}, {Name: "corpus/manifest.json", Data: []byte("{}")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		desc string
		data []byte
		want bool
	}{{"an archive", data, true}, {"a brat folder", brat, false}, {"not a zip", []byte("PK"), false}} {
		if got := IsArchive(tc.data); got != tc.want {
			t.Errorf("%s: IsArchive = %v", tc.desc, got)
		}
	}
}
