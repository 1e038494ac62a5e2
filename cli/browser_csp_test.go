package cli

import (
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// cspRecorder runs in every new document of the tab before its scripts and
// records each Content-Security-Policy violation in the top window's
// __cspViolations.
const cspRecorder = `(() => {
  let top = window;
  try { if (window.top.document) top = window.top; } catch (_) {}
  top.__cspViolations = top.__cspViolations || [];
  document.addEventListener('securitypolicyviolation', (e) => {
    top.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || '') + ' in ' + location.href);
  });
})()`

// cspMessages are the browser's console lines about the policy: Chromium
// writes one for every violation, in the article's frame too, where no
// listener of the page is in place before the frame's first content.
func (p *page) cspMessages() []string {
	p.console.mu.Lock()
	defer p.console.mu.Unlock()
	var out []string
	for _, m := range p.console.msgs {
		if strings.Contains(m, "Content Security Policy") {
			out = append(out, m)
		}
	}
	return out
}

func (p *page) cspViolations() []string {
	p.tb.Helper()
	var v []string
	p.eval(`window.__cspViolations || []`, &v)
	return v
}

// TestBrowserUnderCSP: under the server's Content-Security-Policy and
// headers the app boots, lists the library, opens an article in its frame,
// tags a quote and its speaker with the mouse and keys, exports the set and
// shows the corpus page, with no violation in any document. Then, to show
// the policy is in force and the checks would see a violation, an inline
// script injected into the page and into the article's frame is refused.
func TestBrowserUnderCSP(t *testing.T) {
	p := newPage(t, "")
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder}); err != nil {
		t.Fatalf("installing the violation recorder: %v", err)
	}
	art := seedArticleText(t, seedArticle)

	p.openLibrary()
	var headers struct{ CSP, Nosniff, Referrer string }
	p.eval(`fetch('/', {cache: 'no-store'}).then(r => ({
	  CSP: r.headers.get('content-security-policy') || '',
	  Nosniff: r.headers.get('x-content-type-options') || '',
	  Referrer: r.headers.get('referrer-policy') || ''}))`, &headers)
	if !strings.Contains(headers.CSP, "'wasm-unsafe-eval'") || !strings.Contains(headers.CSP, "frame-ancestors 'none'") ||
		headers.Nosniff != "nosniff" || headers.Referrer != "no-referrer" {
		p.fatalf("the page's headers as the browser gets them: %+v", headers)
	}

	p.openArticle(seedArticle)
	p.checkArticleText(art)
	tagHosemannQuote(p, art)
	p.waitHighlights(map[string]int{"qm-quote": 1, "qm-speaker": 1, "qm-claim": 0})
	// The frame's text has the page's styles (an inline <style> bridge.js
	// puts there): the quote's highlight colour is defined.
	var styled bool
	p.eval(jsArticleWin+`.document.querySelector('style') !== null && getComputedStyle(`+jsArticleWin+`.document.querySelector('`+selText+`')).whiteSpace !== 'normal'`, &styled)
	if !styled {
		t.Errorf("the article's frame lost the page's styles")
	}
	checkSameSet(t, p.export(seedArticle), expectedHosemannSet(t, art))

	p.goTo("/corpus")
	p.waitFor("the corpus page", `document.querySelector('main.corpus-page[data-ready="true"]') !== null`, bootTimeout)

	if v, m := p.cspViolations(), p.cspMessages(); len(v) > 0 || len(m) > 0 {
		p.fatalf("the app broke its own Content-Security-Policy:\nevents: %q\nconsole: %q", v, m)
	}

	// The policy is in force, in the page and in the article's frame, and
	// both checks see a violation.
	p.openArticle(seedArticle)
	var ran bool
	p.eval(`(() => {
	  const s = document.createElement('script');
	  s.textContent = 'window.__injected = true';
	  document.head.append(s);
	  return window.__injected === true;
	})()`, &ran)
	if ran {
		t.Errorf("an inline script injected into the page ran")
	}
	p.eval(`(() => {
	  const d = document.getElementById('article-frame').contentDocument;
	  const s = d.createElement('script');
	  s.textContent = 'window.parent.__frameInjected = true';
	  d.head.append(s);
	  return window.__frameInjected === true;
	})()`, &ran)
	if ran {
		t.Errorf("an inline script injected into the article's frame ran")
	}
	p.waitFor("the page's violation recorded", `(window.__cspViolations || []).some(v => v.startsWith('script-src'))`, waitTimeout)
	for deadline := time.Now().Add(waitTimeout); len(p.cspMessages()) < 2 && time.Now().Before(deadline); {
		time.Sleep(pollEvery)
	}
	if m := p.cspMessages(); len(m) < 2 {
		t.Errorf("the console shows %d policy violations after injecting two scripts: %q", len(m), m)
	}
}
