package cli

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

// TestBrowserExportBratZip: a person tags a quote and its speaker with the
// mouse, picks brat in the Export menu and clicks Export: one zip comes
// down, a brat collection folder with the .ann (the quote, its form, the
// mention and the attribution), the article's text and both conf files.
func TestBrowserExportBratZip(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	quote, mention := tagHosemannQuote(p, art)

	p.chooseOption(selExportFormat, "brat")
	p.clickButton("Export")
	data := p.waitDownload(seedArticle + ".brat.zip")

	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the brat download is not a zip: %v", err)
	}
	entries := map[string]string{}
	var names []string
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
		entries[f.Name] = string(b)
	}
	dir := seedArticle + "/"
	want := []string{dir + seedArticle + ".ann", dir + seedArticle + ".txt", dir + "annotation.conf", dir + "visual.conf"} // sorted by name
	if !slices.Equal(names, want) {
		t.Fatalf("the zip holds %q, want %q", names, want)
	}
	wantAnn := fmt.Sprintf("T1\tQuote %d %d\t%s\nA1\tForm T1 direct\nT2\tSpeaker %d %d\t%s\nR1\tAttribution Arg1:T1 Arg2:T2\n",
		quote.start, quote.end, quote.exact, mention.start, mention.end, mention.exact)
	if got := entries[dir+seedArticle+".ann"]; got != wantAnn {
		t.Errorf("the .ann is\n%s\nwant\n%s", got, wantAnn)
	}
	if entries[dir+seedArticle+".txt"] != art.Text {
		t.Error("the .txt is not the article's text")
	}
	for _, decl := range []string{"\nQuote\n", "\nSpeaker\n", "\nAttribution\t", "\nForm\t"} {
		if !strings.Contains(entries[dir+"annotation.conf"], decl) {
			t.Errorf("annotation.conf does not declare %q", strings.TrimSpace(decl))
		}
	}
	for _, label := range []string{"\nQuote | ", "\nSpeaker | ", "\nAttribution | "} {
		if !strings.Contains(entries[dir+"visual.conf"], label) {
			t.Errorf("visual.conf gives no label %q", strings.TrimSpace(label))
		}
	}
	p.waitFor("the notice naming the zip", fmt.Sprintf(`Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes(%s))`, jsString(seedArticle+".brat.zip")), waitTimeout)
}
