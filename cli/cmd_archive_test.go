package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
)

func TestArchiveCLIRoundTrip(t *testing.T) {
	dir := t.TempDir()
	archivePath := filepath.Join(dir, "corpus.zip")
	// Two sets on the first seed article, found among the seed articles
	// built into quotemark.
	_, stderr := wantExit(t, []string{"archive", "-o", archivePath, goldSetPath, perturbedSetPath}, 0)
	if stderr != "quotemark archive: wrote "+archivePath+": 1 article, 2 sets\n" {
		t.Errorf("stderr %q", stderr)
	}
	data, err := os.ReadFile(archivePath)
	if err != nil {
		t.Fatal(err)
	}
	arts, sets, err := corpus.ReadArchive(data)
	if err != nil || len(arts) != 1 || len(sets) != 2 || arts[0].ID != "000_ce1de57ff9e6a72c" {
		t.Fatalf("the archive holds %d articles, %d sets: %v", len(arts), len(sets), err)
	}
	// The same sets give the same bytes.
	again := filepath.Join(dir, "again.zip")
	wantExit(t, []string{"archive", "-o", again, perturbedSetPath, goldSetPath}, 0)
	if b, _ := os.ReadFile(again); !bytes.Equal(b, data) {
		t.Errorf("archiving the same sets again gave other bytes")
	}

	out := filepath.Join(dir, "out")
	_, stderr = wantExit(t, []string{"unarchive", archivePath, out}, 0)
	if !strings.Contains(stderr, "wrote 1 article and 2 sets to "+out) {
		t.Errorf("stderr %q", stderr)
	}
	text, err := os.ReadFile(filepath.Join(out, "articles", "000_ce1de57ff9e6a72c.txt"))
	if err != nil || string(text) != loadArticle(t, goldArticlePath).Text {
		t.Errorf("article text: %v", err)
	}
	gold, _ := os.ReadFile(goldSetPath)
	got, err := os.ReadFile(filepath.Join(out, "sets", "000_ce1de57ff9e6a72c", "9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json"))
	if err != nil || !bytes.Equal(got, gold) {
		t.Errorf("the reference set did not come back byte for byte: %v", err)
	}

	// Again into the same folder: refused, nothing touched, until -force.
	setFile := filepath.Join(out, "sets", "000_ce1de57ff9e6a72c", "9a41dc10-0636-56af-bd5f-355ed6ba5ebc.quotemark.json")
	if err := os.WriteFile(setFile, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr = wantExit(t, []string{"unarchive", archivePath, out}, 2)
	if !strings.Contains(stderr, "exists (3 of the 3 files do); use -force to overwrite") {
		t.Errorf("stderr %q", stderr)
	}
	if b, _ := os.ReadFile(setFile); string(b) != "edited by hand" {
		t.Errorf("a refused unarchive overwrote %s", setFile)
	}
	wantExit(t, []string{"unarchive", "-force", archivePath, out}, 0)
	if b, _ := os.ReadFile(setFile); !bytes.Equal(b, gold) {
		t.Errorf("-force did not overwrite %s", setFile)
	}
}

func TestArchiveCLIWithArticleFolder(t *testing.T) {
	dir := t.TempDir()
	articles := filepath.Join(dir, "articles")
	if err := os.Mkdir(articles, 0o755); err != nil {
		t.Fatal(err)
	}
	// An article with a byte-order mark, CRLF line ends and emoji, and a
	// set made on it; and a file that is not an article.
	raw := "\uFEFFHeadline 😀\r\nShe said: “q\u0303uite right, 👩‍👩‍👧.”\r\n"
	writeFile(t, filepath.Join(articles, "Emoji Story.txt"), raw)
	writeFile(t, filepath.Join(articles, "binary.txt"), "\x00\x01")
	art, err := annotations.NewArticle("emoji-story", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	s := annotations.NewSet(art, "cli", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	text := []rune(art.Text)
	start := strings.Index(string(text), "q\u0303uite")
	start = len([]rune(string(text)[:start]))
	if _, err := s.Add(art, annotations.Quote, start, start+len([]rune("q\u0303uite right, 👩‍👩‍👧."))); err != nil {
		t.Fatal(err)
	}
	setPath := writeSetFile(t, dir, "emoji.quotemark.json", s)

	archivePath := filepath.Join(dir, "corpus.zip")
	_, stderr := wantExit(t, []string{"archive", "-o", archivePath, "-articles", articles, setPath}, 0)
	if !strings.Contains(stderr, "skipping article "+filepath.Join(articles, "binary.txt")) || !strings.Contains(stderr, "1 article, 1 set") {
		t.Errorf("stderr %q", stderr)
	}
	out := filepath.Join(dir, "out")
	wantExit(t, []string{"unarchive", archivePath, out}, 0)
	b, err := os.ReadFile(filepath.Join(out, "articles", "emoji-story.txt"))
	if err != nil || string(b) != "Headline 😀\nShe said: “q\u0303uite right, 👩‍👩‍👧.”\n" {
		t.Errorf("article %q: %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(out, "sets", "emoji-story", s.ID+".quotemark.json")); err != nil {
		t.Error(err)
	}

	// The gold set's text is not in that folder: refused, naming the set,
	// and nothing written.
	none := filepath.Join(dir, "none.zip")
	_, stderr = wantExit(t, []string{"archive", "-o", none, "-articles", articles, setPath, goldSetPath}, 2)
	if !strings.Contains(stderr, goldSetPath+": the text of its article \"000_ce1de57ff9e6a72c\"") || !strings.Contains(stderr, "is not found among the .txt files in "+articles) {
		t.Errorf("stderr %q", stderr)
	}
	if _, err := os.Stat(none); err == nil {
		t.Errorf("a refused archive was written")
	}
}

func TestArchiveCLIRefuses(t *testing.T) {
	dir := t.TempDir()
	archivePath := filepath.Join(dir, "c.zip")
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, `{"format": "quotemark/annotations"}`)
	notZip := filepath.Join(dir, "not.zip")
	writeFile(t, notZip, "not a zip")
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"archive", goldSetPath}, 2, "-o CORPUS.zip is required"},
		{[]string{"archive", "-o", archivePath}, 2, "archive needs at least one set"},
		{[]string{"archive", "-o", goldSetPath, goldSetPath}, 2, "is one of the sets"},
		{[]string{"archive", "-o", archivePath, bad}, 2, bad + " is not a valid annotation set"},
		{[]string{"archive", "-o", archivePath, filepath.Join(dir, "missing.json")}, 2, "reading the set"},
		{[]string{"archive", "-o", archivePath, goldSetPath, goldSetPath}, 2, "are the same set"},
		{[]string{"archive", "-o", archivePath, "-articles", filepath.Join(dir, "nowhere"), goldSetPath}, 2, "reading article folder"},
		{[]string{"unarchive", archivePath}, 2, "unarchive needs CORPUS.zip and DIR"},
		{[]string{"unarchive", notZip, dir}, 2, notZip + ": not a corpus archive"},
		{[]string{"unarchive", filepath.Join(dir, "missing.zip"), dir}, 2, "reading the archive"},
		{[]string{"help", "archive"}, 0, ""},
	} {
		_, stderr := wantExit(t, tc.args, tc.code)
		if !strings.Contains(stderr, tc.stderr) {
			t.Errorf("quotemark %q: stderr %q, want %q", tc.args, stderr, tc.stderr)
		}
	}
	if _, err := os.Stat(archivePath); err == nil {
		t.Errorf("a refused archive was written")
	}
	stdout, _ := wantExit(t, []string{"help"}, 0)
	if !strings.Contains(stdout, "archive") || !strings.Contains(stdout, "unarchive") {
		t.Errorf("help lacks archive and unarchive:\n%s", stdout)
	}
}
