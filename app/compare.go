package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Compare is the compare view of one article: pick two or more of its sets,
// see the agreement figures, see every disagreement in the text, and resolve
// them into an adjudicated set.
type Compare struct {
	goapp.Compo

	articleID string
	art       *annotations.Article
	sets      []*annotations.Set
	chosen    []bool

	figures *annotations.Comparison
	adj     *annotations.Adjudication
	choices []int // per decision: an option index, annotations.None, or unresolved
	current int   // the decision in focus

	ready      bool
	loadErr    string
	alert      string
	notice     string
	savedSetID string

	removeKeys func()
}

// unresolved marks a decision nobody has made yet.
const unresolved = -2

// adjudicationRecord keeps resolution progress in the browser, so a reload
// does not lose it.
type adjudicationRecord struct {
	SetIDs  []string `json:"sets"`
	Choices []int    `json:"choices"`
}

func adjudicationKey(articleID string) string { return "adjudication/" + articleID }

// OnMount installs the adjudication keys.
func (c *Compare) OnMount(ctx goapp.Context) {
	c.removeKeys = onKey(func(key string, ctrl, shift, alt bool) bool {
		if ctrl || alt || !adjudicationShortcut(key) {
			return false
		}
		ctx.Dispatch(func(ctx goapp.Context) { c.onShortcut(ctx, key) })
		return true
	})
}

// OnDismount removes the keys.
func (c *Compare) OnDismount() {
	if c.removeKeys != nil {
		c.removeKeys()
		c.removeKeys = nil
	}
}

// OnNav loads the article and its stored sets.
func (c *Compare) OnNav(ctx goapp.Context) {
	id, err := url.PathUnescape(strings.TrimPrefix(ctx.Page().URL().Path, "/compare/"))
	if err != nil || id == "" {
		c.loadErr = "This address names no article."
		return
	}
	*c = Compare{Compo: c.Compo, removeKeys: c.removeKeys, articleID: id}
	ctx.Page().SetTitle("Compare · quotemark")
	if goapp.IsServer {
		return
	}
	if el := goapp.Window().GetElementByID(textID); el.Truthy() {
		el.Call("removeAttribute", "data-ready")
	}
	ctx.Async(func() {
		opened, err := openArticle(id)
		if err != nil {
			ctx.Dispatch(func(ctx goapp.Context) { c.loadErr = err.Error() })
			return
		}
		progress, _, _ := storeGet(adjudicationKey(id))
		ctx.Dispatch(func(ctx goapp.Context) { c.init(ctx, opened, progress) })
	})
}

func (c *Compare) init(ctx goapp.Context, opened *openedArticle, progress string) {
	art := opened.Article
	c.art = art
	problems := opened.Problems
	for _, s := range opened.Sets {
		if !s.Empty() {
			c.sets = append(c.sets, s)
		}
	}
	c.chosen = make([]bool, len(c.sets))
	var rec adjudicationRecord
	if progress != "" && json.Unmarshal([]byte(progress), &rec) == nil {
		for i, s := range c.sets {
			c.chosen[i] = slices.Contains(rec.SetIDs, s.ID)
		}
	}
	if c.count() < 2 {
		for i := range c.chosen {
			c.chosen[i] = true
		}
	}
	c.alert = strings.Join(problems, "\n")
	c.ready = true
	c.recompute()
	if len(rec.Choices) == len(c.choices) && slices.Equal(rec.SetIDs, c.chosenIDs()) {
		copy(c.choices, rec.Choices)
	}
	ctx.Page().SetTitle("Compare · " + art.Title + " · quotemark")
	ctx.Defer(func(goapp.Context) { c.paint() })
}

func (c *Compare) count() int {
	n := 0
	for _, on := range c.chosen {
		if on {
			n++
		}
	}
	return n
}

func (c *Compare) chosenSets() []*annotations.Set {
	var out []*annotations.Set
	for i, s := range c.sets {
		if c.chosen[i] {
			out = append(out, s)
		}
	}
	return out
}

func (c *Compare) chosenIDs() []string {
	var ids []string
	for _, s := range c.chosenSets() {
		ids = append(ids, s.ID)
	}
	return ids
}

// recompute derives the figures and the decisions from the chosen sets.
func (c *Compare) recompute() {
	c.figures, c.adj, c.choices, c.current, c.savedSetID = nil, nil, nil, 0, ""
	sets := c.chosenSets()
	if len(sets) < 2 {
		return
	}
	var err error
	if c.figures, err = annotations.Compare(c.art, sets); err != nil {
		c.alert = err.Error()
		return
	}
	if c.adj, err = annotations.Adjudicate(c.art, sets, 0); err != nil {
		c.alert = err.Error()
		return
	}
	c.choices = make([]int, len(c.adj.Decisions))
	for i := range c.choices {
		c.choices[i] = unresolved
	}
}

func (c *Compare) toggleSet(ctx goapp.Context, i int, on bool) {
	if i < 0 || i >= len(c.chosen) {
		return
	}
	c.chosen[i] = on
	c.recompute()
	c.saveProgress(ctx)
	ctx.Defer(func(goapp.Context) { c.paint() })
}

func (c *Compare) resolved() int {
	n := 0
	for _, ch := range c.choices {
		if ch != unresolved {
			n++
		}
	}
	return n
}

// choose resolves decision i: an option index or annotations.None.
func (c *Compare) choose(ctx goapp.Context, i, option int) {
	if c.adj == nil || i < 0 || i >= len(c.choices) {
		return
	}
	if option != annotations.None && (option < 0 || option >= len(c.adj.Decisions[i].Options)) {
		return
	}
	c.choices[i] = option
	c.savedSetID = ""
	c.saveProgress(ctx)
	c.focus(ctx, c.nextUnresolved(i))
}

// nextUnresolved is the first unresolved decision after i, wrapping, or i.
func (c *Compare) nextUnresolved(i int) int {
	for k := 1; k <= len(c.choices); k++ {
		j := (i + k) % len(c.choices)
		if c.choices[j] == unresolved {
			return j
		}
	}
	return i
}

func (c *Compare) focus(ctx goapp.Context, i int) {
	if c.adj == nil || len(c.adj.Decisions) == 0 {
		return
	}
	c.current = (i + len(c.adj.Decisions)) % len(c.adj.Decisions)
	d := c.adj.Decisions[c.current]
	ctx.Defer(func(goapp.Context) {
		c.paint()
		scrollTextTo(textID, c.art.Offsets().UTF16(d.Start))
		if el := goapp.Window().GetElementByID(fmt.Sprintf("decision-%d", c.current)); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

func adjudicationShortcut(key string) bool {
	switch key {
	case "n", "j", "ArrowDown", "p", "k", "ArrowUp", "a", "b", "x", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9":
		return true
	}
	return false
}

// onShortcut: n/p step through the disagreements; a, b or a digit picks
// that option; x or 0 picks neither.
func (c *Compare) onShortcut(ctx goapp.Context, key string) {
	if c.adj == nil || len(c.adj.Decisions) == 0 {
		return
	}
	switch key {
	case "n", "j", "ArrowDown":
		c.focus(ctx, c.current+1)
	case "p", "k", "ArrowUp":
		c.focus(ctx, c.current-1)
	case "x", "0":
		c.choose(ctx, c.current, annotations.None)
	case "a":
		c.choose(ctx, c.current, c.adj.Decisions[c.current].OptionOfSet(0))
	case "b":
		c.choose(ctx, c.current, c.adj.Decisions[c.current].OptionOfSet(1))
	default:
		c.choose(ctx, c.current, int(key[0]-'1'))
	}
}

func (c *Compare) saveProgress(ctx goapp.Context) {
	rec, _ := json.Marshal(adjudicationRecord{SetIDs: c.chosenIDs(), Choices: c.choices})
	wait := storePut(map[string]string{adjudicationKey(c.articleID): string(rec)})
	ctx.Async(func() {
		if err := wait(); err != nil {
			ctx.Dispatch(func(goapp.Context) { c.alert = "Your choices are not saved: " + err.Error() })
		}
	})
}

// saveAdjudicated builds the adjudicated set, stores it as the article's
// active set and offers it for export.
func (c *Compare) saveAdjudicated(ctx goapp.Context) {
	if c.adj == nil || c.resolved() < len(c.choices) {
		c.alert = fmt.Sprintf("Resolve every disagreement first: %d of %d are resolved.", c.resolved(), len(c.choices))
		return
	}
	s, err := c.adj.Build(c.choices, time.Now())
	if err != nil {
		c.alert = err.Error()
		return
	}
	c.sets = append(c.sets, s)
	c.chosen = append(c.chosen, false)
	c.savedSetID = s.ID
	c.alert = ""
	wait := saveSet(c.articleID, s, true)
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				c.alert = "The adjudicated set is not saved: " + err.Error()
				return
			}
			c.notice = fmt.Sprintf("Saved the adjudicated set (%d annotations) as the article's active set.", len(s.Annotations))
		})
	})
}

func (c *Compare) exportAdjudicated(ctx goapp.Context) {
	for _, s := range c.sets {
		if s.ID == c.savedSetID {
			download(c.art.ID+".adjudicated.quotemark.json", annotations.Write(s), "application/json")
		}
	}
}
