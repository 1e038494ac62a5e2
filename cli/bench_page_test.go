package cli

// In-page timing for the browser benchmarks (browser_bench_test.go). Every
// figure is taken in the page: the clock starts at the timeStamp of the input
// event (keydown, mousedown, the file input's change) or at the navigation's
// time origin, and stops two animation frames after the change is visible,
// so that the harness's polling never adds to it.

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// benchJS installs window.__qmBench once per document:
//
//   - watch(cond, cb): calls cb(performance.now()) the first time cond() is
//     true, checked after every DOM mutation and on every animation frame.
//   - twoFrames(cb): cb(performance.now()) two animation frames later.
//   - arm(type, cond, filter): the next event of that type (captured on
//     window) starts the clock at its timeStamp; once cond() holds, two
//     frames later the clock stops. The result is in __qmBench.m.
//   - startFrames(sel) / stopFrames(): rAF intervals while the nearest
//     scrolling box of sel scrolls.
const benchJS = `(() => {
  if (window.__qmBench) return;
  const B = window.__qmBench = {};
  B.twoFrames = (cb) => requestAnimationFrame(() => requestAnimationFrame(() => cb(performance.now())));
  B.watch = (cond, cb) => {
    let done = false;
    const check = () => {
      if (done) return;
      let ok = false;
      try { ok = !!cond(); } catch (e) { ok = false; }
      if (ok) { done = true; mo.disconnect(); cb(performance.now()); }
    };
    const mo = new MutationObserver(check);
    mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    const frame = () => { if (!done) { check(); requestAnimationFrame(frame); } };
    requestAnimationFrame(frame);
    check();
  };
  B.arm = (type, cond, filter) => {
    const m = B.m = {t0: null, visible: null, t1: null, type};
    // The event may come to the page or to the article's frame, whose clock
    // starts later: its timeStamp is moved onto the page's clock.
    const fr = document.getElementById('article-frame');
    const wins = [window];
    if (fr && fr.contentWindow) wins.push(fr.contentWindow);
    const start = (e) => {
      if (m.t0 !== null || (filter && !filter(e))) return;
      const w = e.view || (e.target && e.target.ownerDocument && e.target.ownerDocument.defaultView) || window;
      m.t0 = e.timeStamp + (w.performance.timeOrigin - performance.timeOrigin);
      for (const w of wins) w.removeEventListener(type, start, true);
      B.watch(cond, (tv) => { m.visible = tv; B.twoFrames((t) => { m.t1 = t; }); });
    };
    for (const w of wins) w.addEventListener(type, start, true);
  };
  B.until = (cond, ms) => new Promise((ok, fail) => {
    const timer = setTimeout(() => ok(false), ms);
    B.watch(cond, () => { clearTimeout(timer); ok(true); });
  });
  B.scroller = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const oy = getComputedStyle(e).overflowY;
      if ((oy === 'auto' || oy === 'scroll') && e.scrollHeight > e.clientHeight + 1) return e;
    }
    const s = document.scrollingElement;
    return s && s.scrollHeight > s.clientHeight + 1 ? s : null;
  };
  B.startFrames = (sel) => {
    // The app's article text scrolls in its own frame.
    const fr = document.getElementById('article-frame');
    const inFrame = !document.querySelector(sel) && fr && fr.contentDocument && fr.contentDocument.querySelector(sel);
    let box, target, a, b;
    if (inFrame) {
      const d = fr.contentDocument;
      box = d.scrollingElement;
      target = d;
      if (box.scrollHeight <= box.clientHeight + 1) return null;
      const r = fr.getBoundingClientRect(), x = r.left + fr.clientLeft, y = r.top + fr.clientTop;
      a = b = {left: x, top: y, right: x + fr.clientWidth, bottom: y + fr.clientHeight};
    } else {
      box = B.scroller(sel);
      if (!box) return null;
      target = box === document.scrollingElement ? document : box;
      a = document.querySelector(sel).getBoundingClientRect();
      b = box === document.scrollingElement ? {left: 0, top: 0, right: innerWidth, bottom: innerHeight} : box.getBoundingClientRect();
    }
    const left = Math.max(a.left, b.left, 0), right = Math.min(a.right, b.right, innerWidth);
    const top = Math.max(a.top, b.top, 0), bottom = Math.min(a.bottom, b.bottom, innerHeight);
    if (right - left < 4 || bottom - top < 4) return null;
    const f = B.f = {ts: [], lastScroll: 0, on: true, box, target, top0: box.scrollTop};
    f.onScroll = () => { f.lastScroll = performance.now(); };
    target.addEventListener('scroll', f.onScroll, {passive: true});
    const loop = (t) => { if (!f.on) return; f.ts.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    return {X: (left + right) / 2, Y: (top + bottom) / 2, Room: box.scrollHeight - box.clientHeight - box.scrollTop};
  };
  B.stopFrames = () => {
    const f = B.f;
    f.on = false;
    f.target.removeEventListener('scroll', f.onScroll);
    const ts = f.ts.filter((t) => t <= f.lastScroll + 1);
    const iv = [];
    for (let i = 1; i < ts.length; i++) iv.push(ts[i] - ts[i - 1]);
    return {Intervals: iv, Moved: f.box.scrollTop - f.top0};
  };
})()`

// Expressions over the UI contract's hooks.
const (
	jsCount   = `Number(document.querySelector('ul[role=list][aria-label="Annotations"]')?.dataset.count ?? -1)`
	jsPainted = `Number((document.querySelector('#article-frame') ?? document.querySelector('#article-text'))?.dataset.painted ?? 0)`
	// jsSelected: one annotation is selected (its highlight, or its row).
	jsSelected     = `((` + jsHighlights + `.get('qm-selected')?.size ?? 0) === 1 || !!document.querySelector('ul[role=list][aria-label="Annotations"] li[role=listitem][aria-current="true"]'))`
	jsNoneSelected = `((` + jsHighlights + `.get('qm-selected')?.size ?? 0) === 0 && !document.querySelector('ul[role=list][aria-label="Annotations"] li[role=listitem][aria-current="true"]'))`
	jsSaved        = `document.querySelector('[data-save-state]')?.dataset.saveState === 'saved'`
)

// newBenchPage is newPage with a time limit for the whole run of one size
// (the harness's five minutes are too short for 10,000 annotations on a slow
// machine) and a close function, so that each browser context is gone
// before the next is opened.
func newBenchPage(tb testing.TB, base string, limit time.Duration) (*page, func()) {
	tb.Helper()
	bctx, err := startBrowser()
	if err != nil {
		tb.Fatal(err)
	}
	tab, cancelTab := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab); err != nil {
		cancelTab()
		tb.Fatalf("opening a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, limit)
	p := &page{tb: tb, ctx: ctx, tab: tab, base: base, downloads: tb.TempDir(), console: recordConsole(tab)}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		cancel()
		cancelTab()
		tb.Fatalf("setting the viewport: %v", err)
	}
	closed := false
	return p, func() {
		if !closed {
			closed = true
			cancel()
			cancelTab()
		}
	}
}

func (p *page) installBench() {
	p.tb.Helper()
	p.eval(benchJS, nil)
}

// num evaluates a numeric expression.
func (p *page) num(expr string) float64 {
	p.tb.Helper()
	var v float64
	p.eval(expr, &v)
	return v
}

// until waits for cond, watched in the page (one round trip when it comes
// soon), for at most timeout.
func (p *page) until(what, cond string, timeout time.Duration) {
	p.tb.Helper()
	p.installBench()
	deadline := time.Now().Add(timeout)
	var ok bool
	wait := min(timeout, 20*time.Second)
	if err := p.tryEval(fmt.Sprintf(`__qmBench.until(() => (%s), %d)`, cond, wait.Milliseconds()), &ok); err == nil && ok {
		return
	}
	if err := p.poll(cond, time.Until(deadline)); err != nil {
		p.fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// timing is one in-page measurement: from the event (or the navigation's
// start) to the change being visible, and to two frames after that.
type timing struct {
	Visible float64 // ms
	Frames  float64 // ms, the figure reported
}

// arm starts watching for the next event of type ev; cond is a JavaScript
// expression that is true once the change it causes is visible.
func (p *page) arm(ev, cond string) {
	p.tb.Helper()
	p.installBench()
	filter := "null"
	if ev == "change" {
		filter = `(e) => e.target && e.target.type === 'file'`
	}
	p.eval(fmt.Sprintf(`__qmBench.arm(%s, () => (%s), %s)`, jsString(ev), cond, filter), nil)
}

// measured waits for the armed measurement to finish.
func (p *page) measured(what string, timeout time.Duration) timing {
	p.tb.Helper()
	p.until(what, `window.__qmBench.m && window.__qmBench.m.t1 !== null`, timeout)
	var m struct{ T0, Visible, T1 float64 }
	p.eval(`({T0: __qmBench.m.t0, Visible: __qmBench.m.visible, T1: __qmBench.m.t1})`, &m)
	return timing{Visible: m.Visible - m.T0, Frames: m.T1 - m.T0}
}

// navTiming navigates (or reloads, when path is "") and measures from the
// start of the navigation until cond holds in the new document, plus two
// frames.
func (p *page) navTiming(what, path, cond string, timeout time.Duration) timing {
	p.tb.Helper()
	src := benchJS + `;
__qmBench.watch(() => (` + cond + `), (tv) => { window.__qmNav = {Visible: tv, T1: null}; __qmBench.twoFrames((t) => { window.__qmNav.T1 = t; }); });`
	res, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	if err != nil {
		p.fatalf("adding the navigation probe: %v", err)
	}
	defer func() {
		_, _ = chromedp.Call(p.ctx, cdppage.RemoveScriptToEvaluateOnNewDocument, cdppage.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: res.Identifier})
	}()
	if path == "" {
		p.reload()
	} else {
		p.goTo(path)
	}
	if err := p.poll(`window.__qmNav && window.__qmNav.T1 !== null`, timeout); err != nil {
		p.fatalf("waiting for %s (%s): %v", what, cond, err)
	}
	var m struct{ Visible, T1 float64 }
	p.eval(`window.__qmNav`, &m)
	return timing{Visible: m.Visible, Frames: m.T1}
}

// scrollFrames turns the mouse wheel over the element sel, steps times by dy
// pixels at about 60 events a second, and returns the intervals between
// animation frames while its scrolling box moved. ok is false when the box
// cannot scroll (say, an empty list).
func (p *page) scrollFrames(sel string, steps int, dy float64) (intervals []float64, ok bool) {
	p.tb.Helper()
	p.installBench()
	var at *struct{ X, Y, Room float64 }
	p.eval(fmt.Sprintf(`__qmBench.startFrames(%s)`, jsString(sel)), &at)
	if at == nil {
		return nil, false
	}
	if at.Room < dy {
		dy = -dy // at the end: scroll back up
	}
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y)); err != nil {
		p.fatalf("moving the mouse: %v", err)
	}
	start := time.Now()
	for i := range steps {
		if err := chromedp.Do(p.ctx, mouseWheel(at.X, at.Y, dy)); err != nil {
			p.fatalf("turning the wheel: %v", err)
		}
		time.Sleep(time.Until(start.Add(time.Duration(i+1) * 16 * time.Millisecond)))
	}
	time.Sleep(400 * time.Millisecond) // let a smooth scroll finish
	var res struct {
		Intervals []float64
		Moved     float64
	}
	p.eval(`__qmBench.stopFrames()`, &res)
	if math.Abs(res.Moved) < 1 {
		p.fatalf("%d turns of the mouse wheel over %s did not scroll it", steps, sel)
	}
	return res.Intervals, true
}

// median and p95 of samples (nearest rank); NaN when there are none.
func median(xs []float64) float64 { return quantile(xs, 0.5) }
func p95(xs []float64) float64    { return quantile(xs, 0.95) }

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if q == 0.5 && len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// conds joins JavaScript conditions with &&.
func conds(cs ...string) string {
	return "(" + strings.Join(cs, ") && (") + ")"
}
