package cli

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"quotemark/annotations"
)

// TestBrowserHarness checks the harness itself on a static page that has
// nothing of the app (testdata/browser/harness.html): a drag selects exactly
// the span it measured, past an emoji and combining marks and below the fold;
// keys arrive with their modifiers; a chosen file reaches the page; a download
// lands in the folder; the IndexedDB snapshot sees the page's records. When
// this passes and an app test fails, the app is what to look at.
func TestBrowserHarness(t *testing.T) {
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join("cli", "testdata", "browser"))))
	t.Cleanup(srv.Close)
	p := newPage(t, srv.URL)

	art, err := annotations.NewArticle("harness", []byte(unicodeArticleRaw))
	if err != nil {
		t.Fatal(err)
	}
	p.goTo("/harness.html#" + url.PathEscape(art.Text))
	p.waitFor("the harness page", `document.querySelector('#article-text[data-ready="true"]')`, waitTimeout)
	var text string
	p.eval(`document.querySelector('#article-text').textContent`, &text)
	if text != art.Text {
		t.Fatalf("the page shows %q, want %q", text, art.Text)
	}

	// Drags, below the fold (the harness scrolls with the wheel) and after
	// the emoji, so UTF-16 and code point offsets differ.
	for _, exact := range []string{"Zoë Ångström", "Café q̃ is open,", "line"} {
		s := findSpan(t, art, exact)
		p.dragSelect("#article-text", s.u16Start, s.u16End)
	}

	// A click puts the caret at the character clicked.
	s := findSpan(t, art, "said")
	p.clickText("#article-text", s.u16Start+1)
	var caret struct {
		Collapsed bool
		Offset    int
	}
	p.eval(`(() => { const s = getSelection(); return {Collapsed: s.isCollapsed, Offset: s.anchorOffset}; })()`, &caret)
	if !caret.Collapsed || caret.Offset < s.u16Start+1 || caret.Offset > s.u16Start+2 {
		t.Errorf("after a click on the 2nd letter of %q the selection is %+v, want a caret at %d or %d", "said", caret, s.u16Start+1, s.u16Start+2)
	}

	p.press("q")
	p.pressEscape()
	p.pressDelete()
	p.pressUndo()
	p.pressRedo()
	p.selectOption(`select[aria-label="Type"]`, "claim")
	var events []string
	p.eval(`window.events`, &events)
	want := []string{"key q", "key Escape", "key Delete", "key ctrl+z", "key ctrl+shift+Z", "change claim"}
	if !slices.Equal(events, want) {
		t.Errorf("the page saw %q, want %q", events, want)
	}

	file := filepath.Join(t.TempDir(), "chosen.txt")
	if err := os.WriteFile(file, []byte("chosen “text”"), 0o644); err != nil {
		t.Fatal(err)
	}
	p.chooseFile(`input[type=file][aria-label="Open article"]`, file)
	p.waitFor("the chosen file's text", `document.querySelector('#file-result').textContent === "chosen.txt:chosen “text”"`, waitTimeout)

	p.clickButton("Export")
	if got := string(p.waitDownload("harness.quotemark.json")); got != art.Text {
		t.Errorf("the download holds %q, want %q", got, art.Text)
	}

	want1 := `{"harness/kv":[["article",{"text":` + jsString(art.Text) + `}]]}`
	if got := p.idbSnapshot(); got != want1 {
		t.Errorf("IndexedDB snapshot %s, want %s", got, want1)
	}
}
