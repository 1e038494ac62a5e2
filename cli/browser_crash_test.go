package cli

// Crash safety: a browser killed right after a change keeps every change
// before it, and what it keeps reads back. These tests run a Chromium of
// their own on a profile folder that outlives it, kill it with SIGKILL (and
// every helper process of that profile with it, as a crash of the whole
// browser would), and start a new one on the same folder.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"quotemark/annotations"
	"quotemark/annotations/suggest"

	"github.com/chromedp/chromedp"
)

// crashBrowser is a Chromium on a profile folder that survives it.
type crashBrowser struct {
	tb          testing.TB
	exe         string
	profile     string
	base        string
	allocCancel context.CancelFunc
	tabCancel   context.CancelFunc
	tab         context.Context
}

func newCrashBrowser(tb testing.TB) *crashBrowser {
	tb.Helper()
	base, err := appServer()
	if err != nil {
		tb.Fatal(err)
	}
	exe, err := chromiumPath()
	if err != nil {
		tb.Fatal(err)
	}
	b := &crashBrowser{tb: tb, exe: exe, profile: filepath.Join(tb.TempDir(), "profile"), base: base}
	tb.Cleanup(b.stop)
	return b
}

// start starts Chromium on the profile and returns its first tab.
func (b *crashBrowser) start() *page {
	b.tb.Helper()
	// A profile left by a killed browser is not a reason to ask anything:
	// start as a person's browser would after a crash.
	opts := browserOptions(b.exe, b.profile,
		chromedp.Flag("disable-session-crashed-bubble", true),
		chromedp.Flag("hide-crash-restore-bubble", true),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, tabCancel := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(tab); err != nil {
		tabCancel()
		allocCancel()
		b.tb.Fatalf("starting %s on %s: %v", b.exe, b.profile, err)
	}
	b.allocCancel, b.tabCancel, b.tab = allocCancel, tabCancel, tab
	return attachPage(b.tb, tab, b.base, b.tb.TempDir())
}

// kill ends the browser with SIGKILL, and then every process still running
// on its profile (the storage, network and renderer helpers, which a
// killed main process leaves to die on their own), so that nothing gets
// to finish what it was writing.
func (b *crashBrowser) kill() {
	b.tb.Helper()
	proc := chromedp.FromContext(b.tab).Browser.Process()
	if proc == nil {
		b.tb.Fatal("the browser has no process to kill")
	}
	if err := proc.Signal(syscall.SIGKILL); err != nil {
		b.tb.Fatalf("killing the browser: %v", err)
	}
	killProfileProcesses(b.profile)
	b.stop()
}

// stop lets the allocator reap the browser; after kill it is gone already.
func (b *crashBrowser) stop() {
	if b.tabCancel != nil {
		b.tabCancel()
		b.allocCancel()
		b.tabCancel, b.allocCancel = nil, nil
	}
	killProfileProcesses(b.profile)
}

// killProfileProcesses kills, with SIGKILL, the processes whose command
// line names the profile folder, until none is left.
func killProfileProcesses(profile string) {
	flag := "--user-data-dir=" + profile
	deadline := time.Now().Add(5 * time.Second)
	for quiet := 0; quiet < 3 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		found := 0
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == os.Getpid() {
				continue
			}
			cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			if err != nil || !slices.Contains(strings.Split(string(cmdline), "\x00"), flag) {
				continue
			}
			if syscall.Kill(pid, syscall.SIGKILL) == nil {
				found++
			}
		}
		if found == 0 {
			quiet++
		} else {
			quiet = 0
		}
	}
}

// distinctWords are n words of the article, each found once in its text,
// at least six letters long, in text order and apart from one another and
// from the spans to avoid, for tags that overlap nothing.
func distinctWords(tb testing.TB, art *annotations.Article, n int, avoid ...span) []span {
	tb.Helper()
	var out []span
	words := strings.FieldsFunc(art.Text, func(r rune) bool { return !unicode.IsLetter(r) })
	lastEnd := -1
	for _, w := range words {
		if len([]rune(w)) < 6 || strings.Count(art.Text, w) != 1 {
			continue
		}
		s := findSpan(tb, art, w)
		if s.start <= lastEnd+20 || slices.ContainsFunc(avoid, func(a span) bool { return s.start < a.end+20 && a.start < s.end+20 }) {
			continue
		}
		out = append(out, s)
		lastEnd = s.end
		if len(out) == n {
			return out
		}
	}
	tb.Fatalf("the article has %d words for distinct tags, the test needs %d", len(out), n)
	return nil
}

// reopen starts the browser again on its profile, opens the article and
// returns what it lists, failing when a stored set does not read back.
func (b *crashBrowser) reopen(articleID string) (*page, []string) {
	b.tb.Helper()
	p := b.start()
	p.openArticle(articleID)
	var alerts []string
	p.eval(`Array.from(document.querySelectorAll('`+selAlert+`'), e => e.textContent.trim()).filter(Boolean)`, &alerts)
	for _, a := range alerts {
		if strings.Contains(a, "could not be read") || strings.Contains(a, "does not fit") {
			p.fatalf("after the crash a stored set does not read back: %s", a)
		}
	}
	return p, itemKeys(p.listItems())
}

// checkSurvived checks that after a crash the list is what it was after the
// change before the last (before) or after the last (after): the change in
// flight may be lost, never one before it. It returns how many annotations
// of before are missing.
func checkSurvived(tb testing.TB, what string, got, before, after []string) int {
	tb.Helper()
	switch {
	case slices.Equal(got, after):
		tb.Logf("killed right after %s: everything kept, the change in flight too", what)
		return 0
	case slices.Equal(got, before):
		tb.Logf("killed right after %s: everything before it kept, the change in flight lost", what)
		return 0
	}
	lost := 0
	for _, k := range before {
		if !slices.Contains(got, k) && slices.Contains(after, k) {
			lost++
		}
	}
	tb.Errorf("killed right after %s, the browser kept:\n  %q\nwant what was there before it:\n  %q\nor after it:\n  %q", what, got, before, after)
	return lost
}

// TestBrowserCrashLosesAtMostTheChangeInFlight kills the browser right after
// a tag, a delete, an undo and an accept-all, each after other quick
// changes, and reopens the profile each time.
func TestBrowserCrashLosesAtMostTheChangeInFlight(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	words := distinctWords(t, art, 13)
	b := newCrashBrowser(t)
	p := b.start()
	p.openArticle(seedArticle)
	lostTotal := 0

	// Ten quick tags, the browser killed right after the tenth key press.
	// The page's main thread is kept busy, as a large set's rendering keeps
	// it: a write must not wait for it to be stored.
	busyMainThread(p)
	var states [][]string
	for i, w := range words[:10] {
		p.tag(w, "c")
		if i < 9 {
			p.waitItem("claim", w)
			states = append(states, itemKeys(p.listItems()))
		}
	}
	b.kill()
	after := keysAfter(t, art, states[len(states)-1], func(s *annotations.Set) error {
		_, err := s.Add(art, annotations.Claim, words[9].start, words[9].end)
		return err
	})
	p, got := b.reopen(seedArticle)
	lostTotal += checkSurvived(t, "the tenth of ten quick tags", got, states[len(states)-1], after)

	// A tag, then Delete on another annotation.
	p.tag(words[10], "c")
	p.waitItem("claim", words[10])
	before := itemKeys(p.listItems())
	victim := p.listItems()[0]
	p.selectItem(victim)
	p.pressDelete()
	b.kill()
	after = slices.DeleteFunc(slices.Clone(before), func(k string) bool { return k == victim.key() })
	p, got = b.reopen(seedArticle)
	lostTotal += checkSurvived(t, "Delete", got, before, after)

	// Two tags, then Ctrl+Z, which takes back the second.
	p.tag(words[11], "c")
	p.waitItem("claim", words[11])
	withFirst := itemKeys(p.listItems())
	p.tag(words[12], "c")
	p.waitItem("claim", words[12])
	before = itemKeys(p.listItems())
	p.pressUndo()
	b.kill()
	p, got = b.reopen(seedArticle)
	lostTotal += checkSurvived(t, "Ctrl+Z", got, before, withFirst)

	// The word the undo took back tagged again (already there if the kill
	// lost the undo), then Accept all of the suggestions.
	p.pressEscape()
	p.tag(words[12], "c")
	p.waitItem("claim", words[12])
	before = itemKeys(p.listItems())
	p.clickButton("Suggest")
	p.waitFor("the suggestions", `document.querySelector('`+selSuggestProgress+`')`, waitTimeout)
	accepted := keysAfter(t, art, before, func(s *annotations.Set) error {
		_, err := s.AcceptSuggestions(art, annotations.PendingSuggestions(s, suggest.Suggest(art), nil), 0.8)
		return err
	})
	p.clickButton("Accept all above")
	b.kill()
	p, got = b.reopen(seedArticle)
	lostTotal += checkSurvived(t, "Accept all", got, before, accepted)
	t.Logf("annotations lost to the kills beyond the change in flight: %d", lostTotal)
}

// keysAfter is the list a page shows after edit, when it showed keys: the
// set of those annotations, edited by the domain, listed in its order.
func keysAfter(tb testing.TB, art *annotations.Article, keys []string, edit func(s *annotations.Set) error) []string {
	tb.Helper()
	s := annotations.NewSet(art, "", time.Now())
	for _, k := range keys {
		typ, span, _ := strings.Cut(k, " ")
		from, to, _ := strings.Cut(span, "-")
		start, err1 := strconv.Atoi(from)
		end, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil {
			tb.Fatalf("list key %q is not TYPE START-END", k)
		}
		if _, err := s.Add(art, annotations.Type(typ), start, end); err != nil {
			tb.Fatalf("list key %q: %v", k, err)
		}
	}
	if err := edit(s); err != nil {
		tb.Fatal(err)
	}
	out := make([]string, len(s.Annotations))
	for i, a := range s.Annotations {
		out[i] = fmt.Sprintf("%s %d-%d", a.Type, a.Start, a.End)
	}
	return out
}

// busyMainThread makes the page's main thread busy most of the time, in
// slices of 150 ms between which input and other events get their turn, as
// rendering a large set keeps it.
func busyMainThread(p *page) {
	p.tb.Helper()
	var ok bool
	p.eval(`(() => {
		const spin = () => { const t = performance.now(); while (performance.now() - t < 150) {} setTimeout(spin, 0); };
		setTimeout(spin, 0);
		return true;
	})()`, &ok)
}
