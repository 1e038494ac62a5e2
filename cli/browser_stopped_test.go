package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const selStopped = `#qm-stopped[role=alertdialog][data-go-exited="true"]`

// TestBrowserFailuresInActionsAreReported: a panic in an action on user
// input (here the bridge failing under a key press, and under an import)
// is reported as an alert, changes nothing, and the app goes on working.
func TestBrowserFailuresInActionsAreReported(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	quote := spanAt(art, 691, 778)

	// The selection the Q key reads throws: the tag fails, and says so.
	var ok bool
	p.eval(`(() => { window.__realSelection = quotemark.selection; quotemark.selection = () => { throw new Error('selection broke'); }; return true; })()`, &ok)
	p.tag(quote, "q")
	p.waitAlert("selection broke")
	p.waitItems(0)
	p.eval(`(() => { quotemark.selection = window.__realSelection; return true; })()`, &ok)

	// A file the bridge hands over in a shape Go cannot copy: the import
	// fails, and says so.
	p.eval(`(() => { window.__realReadFile = quotemark.readFile; quotemark.readFile = async (f) => ({ name: f.name, size: f.size, bytes: 'not bytes' }); return true; })()`, &ok)
	path := filepath.Join(t.TempDir(), "gold.quotemark.json")
	data, err := os.ReadFile(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p.chooseFile(selImport, path)
	p.waitAlert("could not be read")
	p.eval(`(() => { quotemark.readFile = window.__realReadFile; return true; })()`, &ok)

	// The program is alive: the same tag works now, and is saved.
	p.pressEscape()
	p.tag(quote, "q")
	p.waitItem("quote", quote)
	p.waitSaved("")
	if p.stopped() {
		p.fatalf("the app says it stopped after failures it recovered from")
	}
}

// TestBrowserGoExitIsShown: when the Go program ends (a panic outside every
// recovered path, made here by a test hook), the page says at once that the
// app has stopped, that the changes before are saved, and offers a reload,
// which brings the work back.
func TestBrowserGoExitIsShown(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	p := newPage(t, "")
	p.openArticle(seedArticle)
	tagHosemannQuote(p, art)
	p.waitSaved("")

	var ok bool
	p.eval(`(__qmTestEndGo(), true)`, &ok)
	p.waitFor("the notice that the app stopped", `document.querySelector('`+selStopped+`')`, waitTimeout)
	var text string
	p.eval(`document.querySelector('`+selStopped+`').textContent`, &text)
	for _, want := range []string{"stopped working", "Every change made before it stopped is saved", "Reload"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice says %q, which does not say %q", text, want)
		}
	}
	p.clickButton("Reload")
	p.waitArticleReady(seedArticle)
	p.waitItems(2)
	if p.stopped() {
		p.fatalf("after the reload the page still says the app stopped")
	}
}

// stopped tells whether the page shows that the app's program ended.
func (p *page) stopped() bool {
	p.tb.Helper()
	var yes bool
	p.eval(`!!document.querySelector('`+selStopped+`')`, &yes)
	return yes
}
