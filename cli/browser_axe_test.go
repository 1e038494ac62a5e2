package cli

// Accessibility checks with axe-core (issue 11). axe-core comes from the npm
// registry, pinned in package.json and package-lock.json at the repository
// root; `make axe` (run by make test) installs it into node_modules.

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeScriptPath is axe-core's browser bundle, from the repository root (the
// tests run there, see TestMain).
var axeScriptPath = filepath.Join("node_modules", "axe-core", "axe.min.js")

var axeScript struct {
	once sync.Once
	text string
	err  error
}

// loadAxeScript reads axe.min.js once for the run. A missing file fails the
// test with the command that installs it: the check must not pass by not
// running.
func loadAxeScript(tb testing.TB) string {
	tb.Helper()
	axeScript.once.Do(func() {
		b, err := os.ReadFile(axeScriptPath)
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("%s is missing: install axe-core with `make axe` (or `npm ci --no-audit --no-fund` at the repository root)", axeScriptPath)
		} else if err != nil {
			err = fmt.Errorf("reading axe-core: %w", err)
		}
		axeScript.text, axeScript.err = string(b), err
	})
	if axeScript.err != nil {
		tb.Fatal(axeScript.err)
	}
	return axeScript.text
}

// useAxe makes every document the tab loads from now on, the article's frame
// included, carry axe-core. The server's Content-Security-Policy forbids
// inline scripts and eval, but a script the DevTools protocol adds to new
// documents is not the page's and CSP does not govern it. Call it before the
// first goTo.
func (p *page) useAxe() {
	p.tb.Helper()
	src := loadAxeScript(p.tb)
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		p.fatalf("adding axe-core to the tab's documents: %v", err)
	}
}

// axeViolation is what axe reports of one broken rule.
type axeViolation struct {
	ID     string
	Impact string
	Help   string
	Nodes  []struct {
		Target  []any // selectors; a nested list for an element inside a frame
		Summary string
	}
}

// axeViolations runs every axe-core rule its defaults enable (none turned
// off, every impact, frames included) on the page as it is, and returns one
// line per violation and element: rule id, impact, target and axe's summary.
func (p *page) axeViolations() []string {
	p.tb.Helper()
	var have bool
	p.eval(`typeof window.axe === 'object' && Array.from(document.querySelectorAll('iframe')).every(f => !f.contentWindow || typeof f.contentWindow.axe === 'object')`, &have)
	if !have {
		p.fatalf("axe-core is not in the page or one of its frames: call useAxe before opening the page")
	}
	var vs []axeViolation
	p.eval(`axe.run(document, {resultTypes: ['violations'], iframes: true}).then(r => r.violations.map(v => ({
  ID: v.id, Impact: v.impact || '', Help: v.help,
  Nodes: v.nodes.map(n => ({Target: n.target, Summary: n.failureSummary || ''})),
})))`, &vs)
	var out []string
	for _, v := range vs {
		for _, n := range v.Nodes {
			out = append(out, fmt.Sprintf("%s (%s) at %v: %s\n    %s", v.ID, v.Impact, n.Target, v.Help,
				strings.ReplaceAll(strings.TrimSpace(n.Summary), "\n", "\n    ")))
		}
	}
	return out
}

// checkNoAxeViolations fails the test with each violation axe finds on the
// page; where names the page and its state.
func (p *page) checkNoAxeViolations(where string) {
	p.tb.Helper()
	if vs := p.axeViolations(); len(vs) > 0 {
		p.tb.Errorf("axe-core finds %d violations on %s:\n  %s", len(vs), where, strings.Join(vs, "\n  "))
	}
}

// emulateColorScheme makes the tab prefer a light or dark colour scheme, as
// the system setting does.
func (p *page) emulateColorScheme(scheme string) {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		p.fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
}

// TestBrowserAxe: axe-core finds no violation on any page of the app, in the
// light and in the dark colour scheme: the library, the article page after
// tagging a quote and its speaker, the same page reviewing suggestions, the
// compare view of two sets and the corpus page.
func TestBrowserAxe(t *testing.T) {
	loadAxeScript(t) // fail at once, before any browser work, when axe-core is missing
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			art := seedArticleText(t, seedArticle)
			p := newPage(t, "")
			p.useAxe()
			p.emulateColorScheme(scheme)
			p.openLibrary()
			p.checkColorScheme(scheme, "document")
			p.checkNoAxeViolations("the library (" + scheme + ")")

			p.openArticle(seedArticle)
			tagHosemannQuote(p, art)
			p.waitSaved("true")
			p.checkColorScheme(scheme, jsArticleWin+".document")
			p.checkColourContrast(scheme)
			p.checkNoAxeViolations("the article page with a quote and its speaker (" + scheme + ")")
			p.checkAxeSeesTheFrame()

			p.clickButton("Suggest")
			p.waitFor("the suggestions", `(document.querySelector('`+selSuggestProgress+`')||{dataset:{}}).dataset.pending > 0`, waitTimeout)
			p.checkNoAxeViolations("the article page reviewing suggestions (" + scheme + ")")

			// Two annotators' sets of the first seed article, the gold set and
			// one derived from it, on a fresh page (a fresh IndexedDB).
			gold := readGold(t)
			second := writeSet(t, t.TempDir(), "second.quotemark.json", secondAnnotator(t, gold, art))
			q := newPage(t, "")
			q.useAxe()
			q.emulateColorScheme(scheme)
			q.openArticle(seedArticle)
			q.importGold(gold)
			q.chooseFile(selImport, second)
			q.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
			q.waitSaved("true")
			q.click(selCompareLink)
			q.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > 0 && document.querySelector('#article-frame[data-ready="true"]') !== null`, selDecisions), bootTimeout)
			q.checkNoAxeViolations("the compare view of two sets (" + scheme + ")")

			q.goTo("/corpus")
			q.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)
			q.checkNoAxeViolations("the corpus page (" + scheme + ")")
		})
	}
}

// checkColorScheme checks that the body of doc (a JavaScript expression for
// a document) is drawn in the scheme: a dark background and light text in
// the dark one, the other way round in the light one.
func (p *page) checkColorScheme(scheme, doc string) {
	p.tb.Helper()
	var lum struct{ Background, Text float64 }
	p.eval(`(() => {
  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const l = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(`+doc+`.body);
  return {Background: l(s.backgroundColor), Text: l(s.color)};
})()`, &lum)
	dark := lum.Background < 0.05 && lum.Text > 0.5
	light := lum.Background > 0.8 && lum.Text < 0.05
	if scheme == "dark" && !dark || scheme == "light" && !light {
		p.tb.Errorf("in the %s scheme the body of %s has background luminance %.3f and text luminance %.3f", scheme, doc, lum.Background, lum.Text)
	}
}

// checkAxeSeesTheFrame shows that axeViolations checks the article's frame
// too: a nameless button put into the frame is reported, inside the frame.
func (p *page) checkAxeSeesTheFrame() {
	p.tb.Helper()
	p.eval(jsArticleWin+`.document.body.append(Object.assign(`+jsArticleWin+`.document.createElement('button'), {id: 'axe-probe'}))`, nil)
	vs := p.axeViolations()
	p.eval(jsArticleWin+`.document.getElementById('axe-probe').remove()`, nil)
	for _, v := range vs {
		if strings.HasPrefix(v, "button-name ") && strings.Contains(v, "#article-frame") && strings.Contains(v, "#axe-probe") {
			return
		}
	}
	p.tb.Errorf("a nameless button in the article's frame is not reported; axe-core reports:\n  %s", strings.Join(vs, "\n  "))
}

// The colour pairs app.css promises (axe-core cannot see the highlights of
// the article's frame, which are CSS Custom Highlights, nor the borders of
// controls): text on each background it sits on at 4.5:1, the lines that
// show a control or a mark at 3:1.
var (
	textColourPairs = [][2]string{
		{"ink", "paper"}, {"ink", "panel"}, {"ink", "control"}, {"muted", "paper"}, {"muted", "panel"}, {"muted", "current"}, {"muted", "hover"},
		{"ink", "quote"}, {"speaker-ink", "speaker"}, {"selected-ink", "selected"}, {"ink", "suggest-current"},
		{"ink", "agreed"}, {"ink", "only-a"}, {"ink", "only-b"}, {"ink", "boundaries"}, {"ink", "deleted"}, {"ink", "inserted"},
		{"quote-ink", "panel"}, {"quote-ink", "current"}, {"quote-ink", "hover"}, {"speaker-ink", "panel"}, {"speaker-ink", "current"},
		{"claim-ink", "panel"}, {"claim-ink", "current"}, {"claim-ink", "hover"}, {"alert", "alert-bg"}, {"alert", "panel"}, {"alert", "control"},
		{"ink", "quote-bg"}, {"ink", "speaker-bg"}, {"ink", "claim-bg"}, {"ink", "suggest-bg"}, {"ink", "notice-bg"}, {"ink", "pressed"},
	}
	lineColourPairs = [][2]string{
		{"control-line", "panel"}, {"control-line", "paper"}, {"control-line", "control"}, {"focus", "panel"}, {"focus", "paper"}, {"focus", "current"},
		{"claim", "paper"}, {"suggest", "paper"}, {"differs", "paper"}, {"selected-line", "current"}, {"boundaries-line", "boundaries"},
	}
)

// checkColourContrast reads app.css's colours as the article's frame has
// them in the scheme now in force and checks every promised pair.
func (p *page) checkColourContrast(scheme string) {
	p.tb.Helper()
	var names []string
	for _, pairs := range [][][2]string{textColourPairs, lineColourPairs} {
		for _, pair := range pairs {
			names = append(names, pair[0], pair[1])
		}
	}
	var colours map[string]string
	p.eval(`(() => { const s = getComputedStyle(`+jsArticleWin+`.document.documentElement);
  return Object.fromEntries(`+jsonStrings(names)+`.map(n => [n, s.getPropertyValue('--' + n).trim()])); })()`, &colours)
	check := func(pairs [][2]string, min float64) {
		for _, pair := range pairs {
			fg, err1 := parseHexColour(colours[pair[0]])
			bg, err2 := parseHexColour(colours[pair[1]])
			if err := errors.Join(err1, err2); err != nil {
				p.tb.Errorf("%s scheme: --%s or --%s: %v", scheme, pair[0], pair[1], err)
				continue
			}
			if r := contrastRatio(fg, bg); r < min {
				p.tb.Errorf("%s scheme: --%s %s on --%s %s has contrast %.2f:1, want at least %.1f:1", scheme, pair[0], colours[pair[0]], pair[1], colours[pair[1]], r, min)
			}
		}
	}
	check(textColourPairs, 4.5)
	check(lineColourPairs, 3)
}

func jsonStrings(ss []string) string {
	quoted := make([]string, len(ss))
	for i, s := range ss {
		quoted[i] = jsString(s)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// parseHexColour reads #rrggbb.
func parseHexColour(s string) ([3]float64, error) {
	var c [3]float64
	var r, g, b uint8
	if n, err := fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b); err != nil || n != 3 || len(s) != 7 {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	return [3]float64{float64(r), float64(g), float64(b)}, nil
}

// contrastRatio is WCAG 2's contrast of two sRGB colours.
func contrastRatio(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.03928 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
