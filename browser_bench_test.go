//go:build !wasm

package main

// Browser timing benchmarks. The times are measured in the page with
// performance.now(), so the harness's polling does not add to them:
//
//	go test -run '^$' -bench Browser -benchtime 5x .
//
// ms-to-ready/op: from the start of a navigation to /article/ID until
// #article-text has data-ready="true" (text, active set and highlights).
// ms-key-to-list/op: from the keydown of a tag key until the new item is in
// the annotation list.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"quotemark/annotations"
)

// BenchmarkBrowserArticleReady: the first seed article with the gold set
// (34 annotations), loaded again and again in the same browser profile.
func BenchmarkBrowserArticleReady(b *testing.B) {
	gold := readGold(b)
	p := newPage(b, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.waitSaved(fmt.Sprintf(`document.querySelectorAll('%s').length === %d`, selItems, len(gold.Annotations)))
	p.recordReadyTime()

	var total float64
	n := 0
	for b.Loop() {
		p.goTo("/article/" + seedArticle)
		p.waitArticleReady(seedArticle)
		total += p.readyTime()
		n++
	}
	p.waitItems(len(gold.Annotations))
	b.ReportMetric(total/float64(n), "ms-to-ready/op")
}

// BenchmarkBrowserTagLongArticle: a generated article of about 50,000 words,
// served from an -articles folder: its load time, then one tag key press
// (q on a fresh mouse selection) until the list shows the new quote.
func BenchmarkBrowserTagLongArticle(b *testing.B) {
	dir := b.TempDir()
	raw := longArticle(50000)
	if err := os.WriteFile(filepath.Join(dir, "long-article.txt"), []byte(raw), 0o644); err != nil {
		b.Fatal(err)
	}
	art, err := annotations.NewArticle("long", []byte(raw))
	if err != nil {
		b.Fatal(err)
	}
	p := newPage(b, extraAppServer(b, dir))
	p.openLibrary()
	var id string
	p.waitFor("the long article in the library", fmt.Sprintf(`Array.from(document.querySelectorAll('%s li[data-article-id]')).some(li => li.textContent.includes(%s))`,
		selArticles, jsString(art.Title)), waitTimeout)
	p.eval(fmt.Sprintf(`Array.from(document.querySelectorAll('%s li[data-article-id]')).find(li => li.textContent.includes(%s)).dataset.articleId`,
		selArticles, jsString(art.Title)), &id)
	art.ID = id

	p.recordReadyTime()
	p.goTo("/article/" + id)
	p.waitArticleReady(id)
	loadMS := p.readyTime()
	p.checkArticleText(art)

	spans := wordPairs(art, 400)
	var total float64
	n := 0
	for b.Loop() {
		if n >= len(spans) {
			b.Fatalf("more than %d iterations; use -benchtime Nx", len(spans))
		}
		s := spans[n]
		p.dragSelect(selText, s.u16Start, s.u16End)
		p.eval(`(() => {
  const items = () => document.querySelectorAll('`+selItems+`').length;
  const m = window.__qmKey = {n: items()};
  addEventListener('keydown', e => { m.t0 = e.timeStamp; }, {once: true, capture: true});
  new MutationObserver((_, obs) => {
    if (m.t0 !== undefined && items() > m.n) { m.t1 = performance.now(); obs.disconnect(); }
  }).observe(document.body, {childList: true, subtree: true});
})()`, nil)
		p.press("q")
		p.waitFor("the new quote in the list", `window.__qmKey.t1 !== undefined`, waitTimeout)
		var ms float64
		p.eval(`window.__qmKey.t1 - window.__qmKey.t0`, &ms)
		total += ms
		n++
		p.waitItem("quote", s)
		p.waitSaved("")
	}
	b.ReportMetric(loadMS, "ms-to-ready")
	b.ReportMetric(total/float64(n), "ms-key-to-list/op")
}

// recordReadyTime makes every later document of the tab note, in
// window.__qmReadyAt, when #article-text first has data-ready="true", in
// milliseconds since the navigation started.
func (p *page) recordReadyTime() {
	p.tb.Helper()
	_, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `(() => {
  const mark = (_, obs) => {
    if (document.querySelector('#article-text[data-ready="true"]')) {
      window.__qmReadyAt = performance.now();
      obs.disconnect();
    }
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready']});
})()`})
	if err != nil {
		p.fatalf("adding the ready-time script: %v", err)
	}
}

func (p *page) readyTime() float64 {
	p.tb.Helper()
	var ms *float64
	p.eval(`window.__qmReadyAt ?? null`, &ms)
	if ms == nil {
		p.fatalf("the page did not record when it was ready")
	}
	return *ms
}

// longArticle generates a news-like article of about words words: a title,
// paragraphs with curly-quoted quotes and their speakers, an em dash and now
// and then an emoji, deterministic from a fixed seed.
func longArticle(words int) string {
	vocab := strings.Fields(`the council said on Tuesday that its budget for roads and schools would
		rise next year after a long debate over taxes while residents asked whether the plan was fair
		and officials promised a review of every contract signed since the election with reports due
		in the spring from the auditor who called the figures “incomplete” — a word the mayor rejected`)
	speakers := []string{"Delbert Hosemann", "Zoë Ångström", "Maria Núñez", "the mayor", "a spokesperson"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("A long article for the browser benchmark\n\n")
	n := 0
	for n < words {
		for s := 0; s < 6 && n < words; s++ {
			k := 8 + r.IntN(14)
			sentence := make([]string, k)
			for i := range sentence {
				sentence[i] = vocab[r.IntN(len(vocab))]
			}
			first, size := utf8.DecodeRuneInString(sentence[0])
			sentence[0] = string(unicode.ToUpper(first)) + sentence[0][size:]
			text := strings.Join(sentence, " ")
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&b, "“%s,” %s said. ", text, speakers[r.IntN(len(speakers))])
				n += 2
			case 1:
				fmt.Fprintf(&b, "%s 📈. ", text)
			default:
				fmt.Fprintf(&b, "%s. ", text)
			}
			n += k
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// wordPairs returns up to limit spans of two words each, from the start of the
// article's body, one after the other.
func wordPairs(art *annotations.Article, limit int) []span {
	body := strings.Index(art.Text, "\n\n")
	words := regexp.MustCompile(`\pL+`).FindAllStringIndex(art.Text[body:], 2*limit)
	o := art.Offsets()
	var spans []span
	for i := 0; i+1 < len(words) && len(spans) < limit; i += 2 {
		start := o.FromByte(body+words[i][0], false)
		end := o.FromByte(body+words[i+1][1], false)
		spans = append(spans, spanAt(art, start, end))
	}
	return spans
}
