package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quotemark/annotations"
)

const (
	corpusText01 = "The senator said the vote was rigged. Later the mayor said that nothing was wrong.\n"
	corpusText02 = "\"We will win,\" he said, \"and nobody will stop us.\" Officials denied it.\n"
	corpusMap    = "Source=speaker,Content=quote,Cue=-"
)

// bratSpan is a brat text-bound line for the nth (from 1) occurrence of
// each phrase in text, its fragments joined by ";".
func bratSpan(t *testing.T, text, id, label string, phrases ...string) string {
	t.Helper()
	var places, words []string
	for _, p := range phrases {
		n := 1
		if i := strings.LastIndex(p, "#"); i > 0 {
			fmt.Sscan(p[i+1:], &n)
			p = p[:i]
		}
		at := -1
		for k := 0; k < n; k++ {
			i := strings.Index(text[at+1:], p)
			if i < 0 {
				t.Fatalf("%q not %d times in the text", p, n)
			}
			at += 1 + i
		}
		places = append(places, fmt.Sprintf("%d %d", at, at+len(p)))
		words = append(words, p)
	}
	return fmt.Sprintf("%s\t%s %s\t%s\n", id, label, strings.Join(places, ";"), strings.Join(words, " "))
}

// writeCorpusFixture writes a brat collection of two texts by two
// annotators each, text01 as ANNOTATOR/TEXT.ann and text02 as
// TEXT.ANNOTATOR.ann, with the texts in their own folder; it returns the
// folder of the .ann files and that of the texts.
func writeCorpusFixture(t *testing.T) (annDir, textDir string) {
	t.Helper()
	root := t.TempDir()
	annDir, textDir = filepath.Join(root, "ann"), filepath.Join(root, "texts")
	write := func(p, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(textDir, "text01.txt"), corpusText01)
	write(filepath.Join(textDir, "text02.txt"), corpusText02)
	write(filepath.Join(annDir, "annotation.conf"), "[entities]\nSource\nCue\nContent\n[relations]\n[events]\nAttribution\tSource:Source, Cue:Cue, Content:Content\n[attributes]\n")
	s := func(id, label string, phrases ...string) string {
		return bratSpan(t, corpusText01, id, label, phrases...)
	}
	write(filepath.Join(annDir, "annA", "text01.ann"),
		s("T1", "Source", "The senator")+s("T2", "Cue", "said")+s("T3", "Content", "the vote was rigged")+s("T4", "Attribution", "said")+
			"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"+
			s("T5", "Source", "the mayor")+s("T6", "Cue", "said#2")+s("T7", "Content", "nothing was wrong")+s("T8", "Attribution", "said#2")+
			"E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n")
	write(filepath.Join(annDir, "annB", "text01.ann"),
		s("T1", "Source", "The senator")+s("T2", "Content", "vote was rigged")+s("T3", "Attribution", "said")+
			"E1\tAttribution:T3 Source:T1 Content:T2\n")
	s = func(id, label string, phrases ...string) string {
		return bratSpan(t, corpusText02, id, label, phrases...)
	}
	write(filepath.Join(annDir, "text02.alice.ann"),
		s("T1", "Source", "he")+s("T2", "Cue", "said")+s("T3", "Content", "We will win", "and nobody will stop us")+s("T4", "Attribution", "said")+
			"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n")
	write(filepath.Join(annDir, "text02.bob.ann"),
		s("T1", "Source", "he")+s("T2", "Content", "We will win")+s("T3", "Attribution", "said")+
			"E1\tAttribution:T3 Source:T1 Content:T2\n")
	return annDir, textDir
}

// readCorpusSet reads an output set.
func readCorpusSet(t *testing.T, out, article, annotator string) *annotations.Set {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "sets", article, annotator+".quotemark.json"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := annotations.Read(data)
	if err != nil {
		t.Fatalf("%s/%s: %v", article, annotator, err)
	}
	return s
}

// spans lists a set's annotations as "type start-end exact", with the
// speaker's name on quotes.
func spans(s *annotations.Set) []string {
	names := map[string]string{}
	for _, sp := range s.Speakers {
		names[sp.ID] = sp.Name
	}
	var out []string
	for _, a := range s.Annotations {
		line := fmt.Sprintf("%s %d-%d %q", a.Type, a.Start, a.End, a.Exact)
		if a.Type != annotations.SpeakerMention && a.Speaker != "" {
			line += " by " + names[a.Speaker]
		}
		out = append(out, line)
	}
	return out
}

func TestImportCorpusFolder(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	out := filepath.Join(t.TempDir(), "imported")
	code, stdout, stderr := runCLI("import", "-from", "brat", "-articles", textDir, "-map", corpusMap, "-o", out, annDir)
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	for _, want := range []string{"text01", "annA", "annB", "alice", "bob", "Content", "imported as quote", "Cue", "left out", "wrote " + out + ": 2 text(s), 4 set(s)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the summary lacks %q:\n%s", want, stdout)
		}
	}
	// alice's quote in two fragments is split; both mark the pronoun "he".
	for _, row := range []string{"text01 annA 4 4 0 0 0 0 0 annA/text01.ann", "text02 alice 3 3 0 0 0 1 1 text02.alice.ann", "text02 bob 2 2 0 0 0 0 1 text02.bob.ann"} {
		found := false
		for _, line := range strings.Split(stdout, "\n") {
			found = found || strings.Join(strings.Fields(line), " ") == row
		}
		if !found {
			t.Errorf("the summary lacks the row %q:\n%s", row, stdout)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(out, "articles", "text01.txt")); string(got) != corpusText01 {
		t.Errorf("articles/text01.txt = %q", got)
	}
	want := map[string][]string{
		"text01/annA":  {`speaker 0-11 "The senator"`, `quote 17-36 "the vote was rigged" by The senator`, `speaker 44-53 "the mayor"`, `quote 64-81 "nothing was wrong" by the mayor`},
		"text01/annB":  {`speaker 0-11 "The senator"`, `quote 21-36 "vote was rigged" by The senator`},
		"text02/alice": {`quote 1-12 "We will win" by he`, `speaker 15-17 "he"`, `quote 25-48 "and nobody will stop us" by he`},
		"text02/bob":   {`quote 1-12 "We will win" by he`, `speaker 15-17 "he"`},
	}
	for key, w := range want {
		article, annotator, _ := strings.Cut(key, "/")
		s := readCorpusSet(t, out, article, annotator)
		if s.Annotator != annotator {
			t.Errorf("%s: annotator %q", key, s.Annotator)
		}
		if got := spans(s); strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", key, got, w)
		}
	}

	// compare and merge work on the output as it is.
	sets := func(article string, annotators ...string) []string {
		var p []string
		for _, a := range annotators {
			p = append(p, filepath.Join(out, "sets", article, a+".quotemark.json"))
		}
		return p
	}
	text01 := filepath.Join(out, "articles", "text01.txt")
	code, stdout, stderr = runCLI(append([]string{"compare", "-article", text01}, sets("text01", "annA", "annB")...)...)
	if code != 0 {
		t.Fatalf("compare: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// annA's quote of the senator and annB's overlap but differ at the
	// start; both mark the senator alike; annB misses the mayor.
	wantRows := map[string]string{
		"quote":   "quote 2 1 0 0.000 0.000 0.000 1 1.000 0.500 0.667",
		"speaker": "speaker 2 1 1 1.000 0.500 0.667 1 1.000 0.500 0.667",
	}
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) >= 11 && wantRows[f[0]] != "" {
			if got := strings.Join(f[:11], " "); got != wantRows[f[0]] {
				t.Errorf("compare, %s: got %q, want %q", f[0], got, wantRows[f[0]])
			}
			delete(wantRows, f[0])
		}
	}
	if len(wantRows) > 0 || !strings.Contains(stdout, "attribution: 1 of 1 matched quote pairs attributed in both sets agree") {
		t.Errorf("compare lacks rows %v or the attribution:\n%s", wantRows, stdout)
	}
	merged := filepath.Join(t.TempDir(), "merged.json")
	code, stdout, stderr = runCLI(append([]string{"merge", "-article", text01, "-o", merged}, sets("text01", "annA", "annB")...)...)
	if code != 0 {
		t.Fatalf("merge: exit %d\n%s\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	m, err := annotations.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := spans(m); len(got) != 1 || got[0] != `speaker 0-11 "The senator"` {
		t.Errorf("merged: %q, want only the senator, the one span both agree on", got)
	}
}

func TestImportCorpusRefusesUnmappedLabels(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	bob := filepath.Join(annDir, "text02.bob.ann")
	f, err := os.OpenFile(bob, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, bratSpan(t, corpusText02, "T9", "Frame", "Officials"))
	f.Close()
	out := filepath.Join(t.TempDir(), "imported")
	code, stdout, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir)
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s\n%s", code, stdout, stderr)
	}
	// The table counts every file's labels, not only the refused file's.
	for _, want := range []string{"labels without a type in " + bob, "Source                    5  speaker", "Cue                       3  -", "Frame                     1  ?",
		"-map 'Source=speaker,Cue=-,Content=quote,Frame=?'", "nothing was written"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("OUTDIR: %v, want none", err)
	}
}

func TestImportCorpusRefusesMissingText(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	if err := os.Remove(filepath.Join(textDir, "text02.txt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "imported")
	code, stdout, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir)
	if code != 2 || !strings.Contains(stderr, filepath.Join(annDir, "text02.alice.ann")+": its text "+filepath.Join(textDir, "text02.txt")) {
		t.Fatalf("exit %d, want 2 naming the .ann and its text\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("OUTDIR: %v, want none", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// Without -articles, each text is beside its .ann files.
func TestImportCorpusTextsBeside(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	for _, dst := range []string{"annA/text01.txt", "annB/text01.txt", "text02.txt"} {
		data, err := os.ReadFile(filepath.Join(textDir, filepath.Base(dst)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(annDir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "imported")
	if code, stdout, stderr := runCLI("import", "-map", corpusMap, "-o", out, annDir); code != 0 || !strings.Contains(stdout, "2 text(s), 4 set(s)") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if s := readCorpusSet(t, out, "text02", "bob"); len(s.Annotations) != 2 {
		t.Errorf("bob: %q", spans(s))
	}
}

func TestImportCorpusOutputFolder(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	out := filepath.Join(t.TempDir(), "imported")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(out, "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir)
	if code != 2 || !strings.Contains(stderr, "holds files and is not an earlier import") {
		t.Fatalf("a foreign OUTDIR: exit %d\n%s", code, stderr)
	}
	if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
		t.Fatalf("the folder's file: %q %v", data, err)
	}
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir); code != 0 {
		t.Fatalf("an empty OUTDIR: exit %d\n%s", code, stderr)
	}
	// A rerun, after bob's file is gone, replaces the earlier output whole.
	if err := os.Remove(filepath.Join(annDir, "text02.bob.ann")); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir); code != 0 || !strings.Contains(stdout, "2 text(s), 3 set(s)") {
		t.Fatalf("a rerun: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "sets", "text02", "bob.quotemark.json")); !os.IsNotExist(err) {
		t.Errorf("bob's set from the earlier import: %v, want gone", err)
	}
	readCorpusSet(t, out, "text02", "alice")
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("beside OUTDIR: %v, want only it", entries)
	}
}

func TestImportCorpusAnnotatorPatternAndBadFile(t *testing.T) {
	annDir, textDir := writeCorpusFixture(t)
	out := filepath.Join(t.TempDir(), "imported")
	// A pattern of the project's own: only the dotted layout, and with the
	// annotator first, so annA/text01.ann does not match it.
	code, _, stderr := runCLI("import", "-articles", textDir, "-map", corpusMap, "-annotator-pattern", `^(?P<text>[^/.]+)\.(?P<annotator>[^/.]+)\.ann$`, "-o", out, annDir)
	if code != 2 || !strings.Contains(stderr, "annA/text01.ann: the annotator pattern does not match its path") {
		t.Fatalf("exit %d, want 2 naming the path it does not match\n%s", code, stderr)
	}
	if code, _, stderr := runCLI("import", "-annotator-pattern", `(?P<annotator>.*)`, "-o", out, annDir); code != 2 || !strings.Contains(stderr, "no group (?P<text>") {
		t.Fatalf("a pattern without text: exit %d\n%s", code, stderr)
	}
	bad := filepath.Join(annDir, "annB", "text01.ann")
	if err := os.WriteFile(bad, []byte("T1\tSource 0 999\tThe senator\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI("import", "-articles", textDir, "-map", corpusMap, "-o", out, annDir)
	if code != 2 || !strings.Contains(stderr, bad+": ") {
		t.Fatalf("a bad file: exit %d, want 2 naming it\n%s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("OUTDIR: %v, want none", err)
	}
}
