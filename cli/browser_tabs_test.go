package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// firstSpan is the first occurrence of exact in the article.
func firstSpan(tb testing.TB, art *annotations.Article, exact string) span {
	tb.Helper()
	i := strings.Index(art.Text, exact)
	if i < 0 {
		tb.Fatalf("%q is not in the article", exact)
	}
	start := art.Offsets().FromByte(i, false)
	return spanAt(art, start, start+len([]rune(exact)))
}

// front brings the tab to the front, as a person switching tabs does, so
// that its input goes to it.
func (p *page) front() {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, cdppage.BringToFront, cdp.Empty{}); err != nil {
		p.fatalf("bringing the tab to the front: %v", err)
	}
}

// waitList waits until the page lists exactly keys.
func (p *page) waitList(what string, keys []string) {
	p.tb.Helper()
	want, _ := json.Marshal(keys)
	if keys == nil {
		want = []byte("[]")
	}
	if err := p.poll(fmt.Sprintf(`JSON.stringify(Array.from(document.querySelectorAll('%s'), li => li.dataset.type + ' ' + li.dataset.start + '-' + li.dataset.end)) === %s`, selItems, jsString(string(want))), waitTimeout); err != nil {
		p.fatalf("%s: the list shows %q, want %q: %v", what, itemKeys(p.listItems()), keys, err)
	}
}

// TestBrowserTwoTabsKeepEveryTag: two tabs on one article tag in turn, with
// real drags and keys. Each change shows in the other tab, nothing is
// written over, also when both tabs write at once (the second tab's copy of
// the first one's message held back until both wrote), and after a reload
// both tabs show, and storage holds, every tag.
func TestBrowserTwoTabsKeepEveryTag(t *testing.T) {
	art := seedArticleText(t, seedArticle2)
	p1 := newPage(t, "")
	p2 := p1.newTab()
	p1.openArticle(seedArticle2)
	p2.openArticle(seedArticle2)

	kobach, mcauliffe := findSpan(t, art, "Kris Kobach"), firstSpan(t, art, "Terry McAuliffe")
	words := distinctWords(t, art, 6, kobach, mcauliffe)
	type step struct {
		p   *page
		s   span
		key string
	}
	steps := []step{{p1, kobach, "s"}, {p2, mcauliffe, "s"}}
	for i, w := range words[:4] {
		steps = append(steps, step{[]*page{p1, p2}[i%2], w, "c"})
	}
	var keys []string
	for i, st := range steps {
		st.p.front()
		st.p.pressEscape()
		st.p.tag(st.s, st.key)
		keys = keysAfter(t, art, keys, func(s *annotations.Set) error {
			_, err := s.Add(art, map[string]annotations.Type{"s": annotations.SpeakerMention, "c": annotations.Claim}[st.key], st.s.start, st.s.end)
			return err
		})
		start := time.Now()
		p1.waitList(fmt.Sprintf("tab 1 after tag %d", i+1), keys)
		p2.waitList(fmt.Sprintf("tab 2 after tag %d", i+1), keys)
		t.Logf("tag %d (%q, in tab %d) shown in both tabs %s after its key press", i+1, st.s.exact, 1+slices.Index([]*page{p1, p2}, st.p), time.Since(start).Round(time.Millisecond))
	}

	// Both tabs write before either has heard of the other's write: tab 2
	// holds back the other tabs' messages, so its write meets a newer stamp
	// in storage, and it reads the set back and merges.
	var ok bool
	p2.eval(`(quotemark.holdStoreChanges(true), true)`, &ok)
	p1.front()
	p1.pressEscape()
	p1.tag(words[4], "c")
	p1.waitItem("claim", words[4])
	p1.waitSaved("")
	p2.front()
	p2.pressEscape()
	p2.tag(words[5], "c")
	for _, w := range words[4:6] {
		keys = keysAfter(t, art, keys, func(s *annotations.Set) error {
			_, err := s.Add(art, annotations.Claim, w.start, w.end)
			return err
		})
	}
	p2.waitList("tab 2 after writing on a set tab 1 had changed", keys)
	p2.waitSaved("")
	p1.waitList("tab 1 after tab 2 merged", keys)
	p2.eval(`(quotemark.holdStoreChanges(false), true)`, &ok)
	p1.waitSaved("")
	p2.waitSaved("")
	p2.waitList("tab 2 once the held message came", keys)

	for i, p := range []*page{p1, p2} {
		p.reload()
		p.waitArticleReady(seedArticle2)
		p.waitList(fmt.Sprintf("tab %d after a reload", i+1), keys)
		p.waitHighlights(map[string]int{"qm-speaker": 2, "qm-claim": len(keys) - 2})
	}
	got := p1.export(seedArticle2)
	if g := speakerNames(got); !slices.Equal(g, []string{"Kris Kobach", "Terry McAuliffe"}) {
		t.Errorf("the stored set has speakers %q, want Kris Kobach and Terry McAuliffe", g)
	}
	var stored []string
	for _, a := range got.Annotations {
		stored = append(stored, fmt.Sprintf("%s %d-%d", a.Type, a.Start, a.End))
	}
	if !slices.Equal(stored, keys) {
		t.Errorf("the stored set holds %q, want every tag of both tabs: %q", stored, keys)
	}
}
