package formats

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"quotemark/annotations"
	"quotemark/annotations/internal/detzip"
)

// unzip returns a zip's entries by name, in the zip's order, checking that
// every entry has the fixed timestamp.
func unzip(t *testing.T, data []byte) (names []string, entries map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the export is not a zip: %v", err)
	}
	entries = map[string][]byte{}
	for _, f := range zr.File {
		if !f.Modified.Equal(detzip.Time) {
			t.Errorf("%s: timestamp %v, want the fixed %v", f.Name, f.Modified, detzip.Time)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		entries[f.Name] = b
	}
	return names, entries
}

// TestBratZipEntries: the brat zip is one collection folder named after the
// article, holding the .ann, the .txt and both conf files, sorted by name,
// with the bytes Export gives.
func TestBratZipEntries(t *testing.T) {
	s, art := richFixture(t)
	zf, err := ExportZip("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	if zf.Name != "rich_article.brat.zip" || zf.MIME != "application/zip" {
		t.Errorf("the zip is %q (%s), want rich_article.brat.zip (application/zip)", zf.Name, zf.MIME)
	}
	names, entries := unzip(t, zf.Data)
	want := []string{"rich_article/annotation.conf", "rich_article/rich_article.ann", "rich_article/rich_article.txt", "rich_article/visual.conf"}
	if !slices.Equal(names, want) {
		t.Fatalf("the zip holds %q, want %q", names, want)
	}
	files, err := Export("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if got := entries["rich_article/"+f.Name]; !bytes.Equal(got, f.Data) {
			t.Errorf("%s in the zip differs from Export's", f.Name)
		}
	}
	if string(entries["rich_article/rich_article.txt"]) != art.Text {
		t.Error("the .txt is not the article's text")
	}

	// Two sets: a folder each inside the collection, each with its confs.
	zf, err = ExportZip("brat", art, []*annotations.Set{s, s})
	if err != nil {
		t.Fatal(err)
	}
	names, _ = unzip(t, zf.Data)
	if len(names) != 8 || !slices.IsSorted(names) {
		t.Fatalf("two sets: the zip holds %q, want 8 entries sorted", names)
	}
	for _, n := range names {
		if !strings.HasPrefix(n, "rich_article/ana-l-er-") {
			t.Errorf("two sets: %s is not in a set's folder", n)
		}
	}
}

// TestBratZipDeterministic: the same set gives the same bytes, whenever and
// in whatever order its annotations were made; another set other bytes.
func TestBratZipDeterministic(t *testing.T) {
	s, art := richFixture(t)
	first, err := ExportZip("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := s.Clone()
	slices.Reverse(shuffled.Annotations)
	again, err := ExportZip("brat", art, []*annotations.Set{shuffled})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Data, again.Data) {
		t.Error("the same set, its annotations in another order, gives another zip")
	}
	changed := s.Clone()
	changed.Annotations = changed.Annotations[1:]
	other, err := ExportZip("brat", art, []*annotations.Set{changed})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(first.Data, other.Data) {
		t.Error("a set without one annotation gives the same zip")
	}
}

// bratConfSections reads a brat .conf file into its sections: each line's
// first field (a type), and for annotation.conf the rest of the line (its
// arguments), by section name.
func bratConfSections(conf string) map[string]map[string]string {
	sections := map[string]map[string]string{}
	section := ""
	for _, line := range strings.Split(conf, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			sections[section] = map[string]string{}
		default:
			name, rest, _ := strings.Cut(line, "\t")
			if label, _, ok := strings.Cut(name, " | "); ok { // visual.conf [labels]
				name = label
			}
			sections[section][strings.TrimSpace(name)] = rest
		}
	}
	return sections
}

// TestBratZipConfsDeclareWhatTheAnnUses: every label, relation and
// attribute (and attribute value) the .ann uses is declared in the zip's
// annotation.conf for the types it is used on, and visual.conf labels each.
func TestBratZipConfsDeclareWhatTheAnnUses(t *testing.T) {
	s, art := richFixture(t)
	zf, err := ExportZip("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	_, entries := unzip(t, zf.Data)
	conf := bratConfSections(string(entries["rich_article/annotation.conf"]))
	visual := bratConfSections(string(entries["rich_article/visual.conf"]))
	ann := string(entries["rich_article/rich_article.ann"])
	labelOf := map[string]string{} // T id → its entity type
	used := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(ann, "\n"), "\n") {
		id, rest, _ := strings.Cut(line, "\t")
		f := strings.Fields(rest)
		switch id[0] {
		case 'T':
			labelOf[id] = f[0]
			used["T"] = true
			if _, ok := conf["entities"][f[0]]; !ok {
				t.Errorf("%s: entity %q is not declared in annotation.conf", line, f[0])
			}
		case 'R':
			used["R"] = true
			args, ok := conf["relations"][f[0]]
			if !ok {
				t.Errorf("%s: relation %q is not declared in annotation.conf", line, f[0])
				continue
			}
			for _, arg := range f[1:] {
				role, target, _ := strings.Cut(arg, ":")
				if !strings.Contains(args, role+":") || !bratConfAllows(args, role, labelOf[target]) {
					t.Errorf("%s: annotation.conf's %s %q does not allow %s on a %s", line, f[0], args, role, labelOf[target])
				}
			}
		case 'A':
			used["A"] = true
			decl, ok := conf["attributes"][f[0]]
			if !ok {
				t.Errorf("%s: attribute %q is not declared in annotation.conf", line, f[0])
				continue
			}
			if !bratConfAllows(decl, "Arg", labelOf[f[1]]) {
				t.Errorf("%s: annotation.conf's %s %q does not allow a %s", line, f[0], decl, labelOf[f[1]])
			}
			if len(f) == 3 && !bratConfAllows(decl, "Value", f[2]) {
				t.Errorf("%s: annotation.conf's %s %q has no value %q", line, f[0], decl, f[2])
			}
		case '#':
			used["#"] = true
		}
		if id[0] == 'T' || id[0] == 'R' || id[0] == 'A' {
			if _, ok := visual["labels"][f[0]]; !ok {
				t.Errorf("%s: visual.conf has no label for %q", line, f[0])
			}
		}
	}
	for _, kind := range []string{"T", "R", "A", "#"} {
		if !used[kind] {
			t.Errorf("the fixture's .ann has no %s line, so the test checks none", kind)
		}
	}
	for _, typ := range []string{"Quote", "Speaker", "Claim"} {
		if _, ok := visual["drawing"][typ]; !ok {
			t.Errorf("visual.conf gives %s no colour", typ)
		}
	}
}

// bratConfAllows says whether an annotation.conf declaration such as
// "Arg1:Quote|Claim, Arg2:Speaker" lets role take value.
func bratConfAllows(decl, role, value string) bool {
	for _, part := range strings.Split(decl, ",") {
		r, values, ok := strings.Cut(strings.TrimSpace(part), ":")
		if ok && r == role && slices.Contains(strings.Split(values, "|"), value) {
			return true
		}
	}
	return false
}

// TestBratZipRoundTrip: the .ann and .txt taken out of the zip import back
// as the set, placed exactly where they were.
func TestBratZipRoundTrip(t *testing.T) {
	s, art := richFixture(t)
	zf, err := ExportZip("brat", art, []*annotations.Set{s})
	if err != nil {
		t.Fatal(err)
	}
	_, entries := unzip(t, zf.Data)
	text, err := annotations.NewArticle("rich_article", entries["rich_article/rich_article.txt"])
	if err != nil {
		t.Fatal(err)
	}
	if text.SHA256 != art.SHA256 {
		t.Fatalf("the zip's .txt is another text (sha256 %.12s…, want %.12s…)", text.SHA256, art.SHA256)
	}
	sets, reports, err := Import("brat", entries["rich_article/rich_article.ann"], text)
	if err != nil {
		t.Fatal(err)
	}
	compareSets(t, "brat zip", s, sets[0], formatKeeps["brat"])
	for id, p := range reports[0].Placements {
		if p != annotations.PlacedAtPosition {
			t.Errorf("annotation %s was placed by %s, not at its position", id, p)
		}
	}
}

// TestExportDownload: a browser downloads brat as one zip, every other
// format as Export's files.
func TestExportDownload(t *testing.T) {
	s, art := richFixture(t)
	for _, f := range ExportFormats() {
		got, err := ExportDownload(f.Name, art, []*annotations.Set{s})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "brat" {
			if len(got) != 1 || got[0].Name != "rich_article.brat.zip" {
				t.Errorf("brat downloads as %v, want one rich_article.brat.zip", fileNames(got))
			}
			continue
		}
		want, err := Export(f.Name, art, []*annotations.Set{s})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(fileNames(got), fileNames(want)) {
			t.Errorf("%s downloads as %v, want Export's %v", f.Name, fileNames(got), fileNames(want))
		}
	}
}
