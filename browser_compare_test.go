//go:build !wasm

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

const (
	selCompareLink   = `a[href^="/compare/"]`
	selDecisions     = `ol[role=list][aria-label="Disagreements"] li[role=listitem]`
	selProgress      = `[data-resolved][data-total]`
	selFigures       = `[data-figure]`
	selSetCheckboxes = `section[aria-label="Sets"] input[type=checkbox]`
)

// secondAnnotator derives another annotator's set from the gold set, with
// one disagreement of every kind: an annotation the second annotator missed,
// one they added, moved boundaries and a quote given to another speaker.
func secondAnnotator(tb testing.TB, gold *annotations.Set, art *annotations.Article) *annotations.Set {
	tb.Helper()
	s := gold.Clone()
	s.ID = "0b7f3c7e-1b2a-4c3d-9e8f-0123456789ab"
	s.Annotator = "second"
	var claim, quote, mention annotations.Annotation
	for _, a := range s.Annotations {
		if a.Type == annotations.Claim && claim.ID == "" {
			claim = a
		}
		if a.Type == annotations.Mention {
			mention = a // the last one
		}
		if a.Type == annotations.Quote && a.Speaker != "" && a.Form == annotations.Direct && quote.ID == "" {
			quote = a
		}
	}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	must(s.Delete(mention.ID)) // only in the gold set
	// Boundaries: the claim again, three code points shorter.
	must(s.Delete(claim.ID))
	if _, err := s.Add(art, annotations.Claim, claim.Start, claim.End-3); err != nil {
		tb.Fatal(err)
	}
	// Only in B: a claim nobody else marked.
	span := findSpan(tb, art, "All 50 secretaries of state received a request")
	if _, err := s.Add(art, annotations.Claim, span.start, span.start+30); err != nil {
		tb.Fatal(err)
	}
	other, err := s.AddSpeaker("Someone Else")
	must(err)
	must(s.Attribute(quote.ID, other.ID)) // different speaker
	return s
}

func writeSet(tb testing.TB, dir, name string, s *annotations.Set) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, annotations.Write(s), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// figureAt walks a dotted path ("pairs.0.types.quote.exact.f1") through the
// command line's JSON.
func figureAt(doc any, path string) (any, bool) {
	cur := doc
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[part]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(v) {
				return nil, false
			}
			cur = v[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// TestBrowserCompareAndAdjudicate: two annotators' sets of a seed article
// are imported, the compare view shows the command line's figures, every
// disagreement is resolved with the keyboard, and the adjudicated set is
// exported.
func TestBrowserCompareAndAdjudicate(t *testing.T) {
	art := seedArticleText(t, seedArticle)
	gold := readGold(t)
	second := secondAnnotator(t, gold, art)
	dir := t.TempDir()
	secondPath := writeSet(t, dir, "second.quotemark.json", second)
	goldAbs, err := filepath.Abs(goldPath)
	if err != nil {
		t.Fatal(err)
	}

	p := newPage(t, "")
	p.openArticle(seedArticle)
	p.importGold(gold)
	p.chooseFile(selImport, secondPath)
	p.waitFor("both sets under Active set", fmt.Sprintf(`document.querySelector('%s').options.length === 2`, selActiveSet), waitTimeout)
	p.waitSaved("true")

	p.click(selCompareLink)
	p.waitFor("the compare view", fmt.Sprintf(`document.querySelectorAll('%s').length > 0 && document.querySelector('#article-text[data-ready="true"]') !== null`, selDecisions), bootTimeout)

	// The sets in the order the view compares them, so the command line gets
	// them in the same order.
	var order []string
	p.eval(`Array.from(document.querySelectorAll('section[aria-label="Sets"] li[data-set-id]'), li => li.dataset.setId)`, &order)
	paths := map[string]string{gold.ID: goldAbs, second.ID: secondPath}
	if len(order) != 2 || paths[order[0]] == "" || paths[order[1]] == "" {
		t.Fatalf("the compare view offers sets %q, want the two imported ones", order)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"compare", "-format", "json", paths[order[0]], paths[order[1]]}, &stdout, &stderr); code != 0 {
		t.Fatalf("quotemark compare exited %d: %s", code, stderr.String())
	}
	var doc any
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("quotemark compare -format json: %v\n%s", err, stdout.String())
	}
	var cells []struct{ Path, Text string }
	p.eval(`Array.from(document.querySelectorAll('`+selFigures+`'), e => ({Path: e.dataset.figure, Text: e.textContent.trim()}))`, &cells)
	if len(cells) < 4*7 {
		t.Fatalf("the compare view shows %d figures, want at least the 28 of one pair", len(cells))
	}
	for _, c := range cells {
		v, ok := figureAt(doc, c.Path)
		if !ok {
			t.Errorf("figure %s is shown as %q but the command line has no such figure", c.Path, c.Text)
			continue
		}
		var r *float64
		if f, isNum := v.(float64); isNum {
			r = &f
		}
		if want := annotations.FormatRatio(r); c.Text != want {
			t.Errorf("figure %s: the browser shows %q, the command line %q", c.Path, c.Text, want)
		}
	}

	// The disagreements are exactly those the domain finds.
	sets := map[string]*annotations.Set{gold.ID: gold, second.ID: second}
	adj, err := annotations.Adjudicate(art, []*annotations.Set{sets[order[0]], sets[order[1]]}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	p.eval(`Array.from(document.querySelectorAll('`+selDecisions+`'), li => li.dataset.kind + ' ' + li.dataset.type + ' ' + li.dataset.start + '-' + li.dataset.end)`, &kinds)
	var want []string
	for _, d := range adj.Decisions {
		want = append(want, fmt.Sprintf("%s %s %d-%d", d.Kind, d.Type, d.Start, d.End))
	}
	if !slices.Equal(kinds, want) {
		t.Fatalf("the view lists disagreements\n  %q\nwant\n  %q", kinds, want)
	}
	for _, kind := range []annotations.DisagreementKind{annotations.OnlyA, annotations.OnlyB, annotations.Boundaries, annotations.SpeakerDiffers} {
		if !slices.ContainsFunc(adj.Decisions, func(d annotations.Decision) bool { return d.Kind == kind }) {
			t.Errorf("the derived set makes no %q disagreement; the test data is wrong", kind)
		}
	}

	// Resolve by keyboard: A's version, then B's, then neither, round and
	// round. Each key resolves the current one and moves to the next open one.
	keys := []string{"a", "b", "x"}
	choices := make([]int, len(adj.Decisions))
	for i := range adj.Decisions {
		key := keys[i%len(keys)]
		p.press(key)
		p.waitFor(fmt.Sprintf("decision %d resolved", i), fmt.Sprintf(`document.querySelector('%s').dataset.resolved === '%d'`, selProgress, i+1), waitTimeout)
		choices[i] = optionOf(adj.Decisions[i], key)
	}
	// Progress is kept: a reload of the compare view finds every choice.
	p.waitFor("the choices stored", fmt.Sprintf(`(() => { quotemark.get('adjudication/%s').then(v => { window.__adj = v; }); const r = window.__adj && JSON.parse(window.__adj); return !!r && r.choices.length === %d && !r.choices.includes(-2); })()`, seedArticle, len(adj.Decisions)), waitTimeout)
	p.reload()
	p.waitFor("the choices after a reload", fmt.Sprintf(`(document.querySelector('%s')||{dataset:{}}).dataset.resolved === '%d'`, selProgress, len(adj.Decisions)), bootTimeout)
	p.clickButton("Save adjudicated set")
	p.waitFor("the saved notice", `Array.from(document.querySelectorAll('[role=status]')).some(e => e.textContent.includes('adjudicated set'))`, waitTimeout)
	p.clickButton("Export adjudicated set")
	data := p.waitDownload(seedArticle + ".adjudicated.quotemark.json")
	got, err := annotations.Read(data)
	if err != nil {
		t.Fatalf("the adjudicated export does not read: %v", err)
	}
	if _, err := got.Anchor(art); err != nil {
		t.Fatalf("the adjudicated export does not fit the article: %v", err)
	}
	if got.Annotator != "adjudicated" {
		t.Errorf("the adjudicated set's annotator is %q", got.Annotator)
	}
	wantSet, err := adj.Build(choices, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checkSameSet(t, got, wantSet)

	// It is stored as the article's active set.
	p.goTo("/article/" + seedArticle)
	p.waitArticleReady(seedArticle)
	if a := p.activeSet(); a.Value != got.ID {
		t.Errorf("the article's active set is %q, want the adjudicated %s", a.Value, got.ID)
	}
}

// optionOf is the option a key picks: a and b take the first and second
// set's version, x neither.
func optionOf(d annotations.Decision, key string) int {
	if key == "x" {
		return annotations.None
	}
	return d.OptionOfSet(map[string]int{"a": 0, "b": 1}[key])
}
