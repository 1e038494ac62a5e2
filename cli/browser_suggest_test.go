package cli

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/suggest"

	"github.com/chromedp/chromedp/kb"
)

const selSuggestProgress = `section[aria-label="Suggestions"] [data-pending]`

// TestBrowserSuggestAcceptWithKeyboard: Suggest on a fresh article, accept
// the first suggestions with A and Enter, reject one with X, undo an accept
// (it is pending again), and the export holds exactly what the domain's
// suggester proposed for the accepted ones.
func TestBrowserSuggestAcceptWithKeyboard(t *testing.T) {
	art := seedArticleText(t, seedArticle2)
	all := suggest.Suggest(art)
	if len(all) < 6 {
		t.Fatalf("the suggester proposes %d for %s; the test needs at least 6", len(all), seedArticle2)
	}
	p := newPage(t, "")
	p.openArticle(seedArticle2)
	p.clickButton("Suggest")
	p.waitFor("the suggestions", fmt.Sprintf(`(document.querySelector('%s')||{dataset:{}}).dataset.pending === '%d'`, selSuggestProgress, len(all)), waitTimeout)
	var sizes map[string]int
	p.eval(`({s: `+jsHighlights+`.get('qm-suggestion').size, c: `+jsHighlights+`.get('qm-suggestion-current').size})`, &sizes)
	if sizes["s"] != len(all) || sizes["c"] != 1 {
		t.Errorf("dashed suggestion highlights %v, want %d and 1 current", sizes, len(all))
	}

	// Accept, accept (Enter), reject, accept: suggestions 0, 1, 3 accepted.
	for i, key := range []string{"a", kb.Enter, "x", "a"} {
		p.press(key)
		p.waitFor(fmt.Sprintf("step %d", i), fmt.Sprintf(`document.querySelector('%s').dataset.pending === '%d'`, selSuggestProgress, len(all)-i-1), waitTimeout)
	}
	items := p.waitItems(3)
	var want []listItem
	for _, i := range []int{0, 1, 3} {
		a := all[i].Annotation
		want = append(want, listItem{Type: string(a.Type), Start: a.Start, End: a.End})
	}
	slices.SortFunc(want, func(a, b listItem) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	if got := itemKeys(items); !slices.Equal(got, itemKeys(want)) {
		t.Errorf("accepted %q, want suggestions 0, 1 and 3: %q", got, itemKeys(want))
	}

	// Undo the last accept: it is an ordinary change, and pending again.
	p.pressUndo()
	p.waitItems(2)
	p.waitFor("the undone suggestion pending again", fmt.Sprintf(`document.querySelector('%s').dataset.pending === '%d'`, selSuggestProgress, len(all)-3), waitTimeout)

	// Accept everything above a confidence in one step.
	wantMore := 0
	s := annotations.NewSet(art, "", time.Now())
	for _, i := range []int{0, 1} {
		if _, err := s.AcceptSuggestion(art, all[i]); err != nil {
			t.Fatal(err)
		}
	}
	rejected := map[string]bool{annotations.SuggestionKey(all[2]): true}
	pending := annotations.PendingSuggestions(s, all, rejected)
	if wantMore, _ = s.AcceptSuggestions(art, pending, 0.8); wantMore == 0 {
		t.Fatal("no pending suggestion of confidence 0.8 or more; the test needs one")
	}
	p.clickButton("Accept all above")
	p.waitItems(2 + wantMore)
	got := p.export(seedArticle2)
	checkSameSet(t, got, s)
}
