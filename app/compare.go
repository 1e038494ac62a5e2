package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/agreement"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Compare is the compare view of one article: pick two or more of its sets,
// see the agreement figures, see every disagreement in the text, and resolve
// them into an adjudicated set.
//
// What it shows is split into components (set picker, figures, decision
// list) that each re-render only when their revision moves, so that a
// decision costs what it changes: the list's window of rows (of which only
// the rows whose choice or focus changed render again), the progress line,
// and the current-decision highlight. Nothing on that path passes over every
// decision, except the stored progress (see saveProgress).
type Compare struct {
	goapp.Compo

	articleID string
	art       *annotations.Article
	sets      []*annotations.Set
	chosen    []bool

	figures    *agreement.Comparison
	adj        *agreement.Adjudication
	choices    []int // per decision: an option index, agreement.NoChoice, or unresolved
	resolvedN  int   // how many choices are not unresolved, kept per decision
	current    int   // the decision in focus
	maxOptions int   // the most options of any decision: it sets the rows' height

	ready      bool
	loadErr    string
	alert      string
	notice     string
	savedSetID string
	savedFor   map[string]savedAdjudication // adjudicationRecord.Saved

	revs        compareRevs
	figuresOpen bool    // the figures' <details> is open
	listReveal  int     // a decision whose row the list brings into view, or -1
	marks       markOps // highlight changes waiting for the next paint

	ctx        goapp.Context // the page's own context, for work that outlives the element an event came from
	removeKeys func()
}

// compareRevs are the revisions of the compare view's parts: a part
// re-renders when its number moves. gen moves whenever the decisions are
// derived anew, so that rows showing the same index show the new decision.
type compareRevs struct {
	picker, figures, list, gen int
}

func (r *compareRevs) all() {
	r.picker++
	r.figures++
	r.list++
	r.gen++
}

// unresolved marks a decision nobody has made yet.
const unresolved = -2

// adjudicationRecord keeps resolution progress in the browser, so a reload
// does not lose it.
type adjudicationRecord struct {
	SetIDs  []string `json:"sets"`
	Choices []int    `json:"choices"`
	// Saved maps the chosen sets (savedKey) to the set saved from their
	// adjudication, so that saving it again, even after a reload, updates
	// that set rather than adding another.
	Saved map[string]savedAdjudication `json:"saved,omitempty"`
}

// savedAdjudication is the set an adjudication was saved as, and its
// modification time then: a set edited since on the article page is the
// person's work, which a later save must not write over.
type savedAdjudication struct {
	SetID    string    `json:"set"`
	Modified time.Time `json:"modified"`
}

// savedKey names a choice of sets in adjudicationRecord.Saved.
func savedKey(setIDs []string) string { return strings.Join(setIDs, ",") }

func adjudicationKey(articleID string) string { return "adjudication/" + articleID }

// compareLayers are the compare view's highlights, lowest first.
var compareLayers = []string{"qm-agreed", "qm-only-a", "qm-only-b", "qm-boundaries", "qm-speakerdiff", "qm-current"}

// kindLayer is the highlight that paints a kind of disagreement.
var kindLayer = map[agreement.DisagreementKind]string{
	agreement.OnlyA: "qm-only-a", agreement.OnlyB: "qm-only-b",
	agreement.Boundaries: "qm-boundaries", agreement.SpeakerDiffers: "qm-speakerdiff",
}

// OnMount installs the adjudication keys.
func (c *Compare) OnMount(ctx goapp.Context) {
	c.ctx = ctx
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
	revs, pageCtx := c.revs, c.ctx
	*c = Compare{Compo: c.Compo, removeKeys: c.removeKeys, ctx: pageCtx, articleID: id, revs: revs, listReveal: -1}
	c.revs.all()
	ctx.Page().SetTitle("Compare · quotemark")
	if goapp.IsServer {
		return
	}
	if el := goapp.Window().GetElementByID(frameID); el.Truthy() {
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
	c.savedFor = rec.Saved
	if c.savedFor == nil {
		c.savedFor = map[string]savedAdjudication{}
	}
	c.alert = strings.Join(problems, "\n")
	c.ready = true
	c.recompute()
	if len(rec.Choices) == len(c.choices) && slices.Equal(rec.SetIDs, c.chosenIDs()) {
		copy(c.choices, rec.Choices)
		c.resolvedN = 0 // one pass, on opening only
		for _, ch := range c.choices {
			if ch != unresolved {
				c.resolvedN++
			}
		}
	}
	ctx.Page().SetTitle("Compare · " + art.Title + " · quotemark")
	c.revs.all()
	c.repaint(ctx)
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
	c.resolvedN, c.maxOptions, c.listReveal = 0, 0, -1
	c.revs.all()
	sets := c.chosenSets()
	if len(sets) < 2 {
		return
	}
	var err error
	if c.figures, err = agreement.Compare(c.art, sets); err != nil {
		c.alert = err.Error()
		return
	}
	if c.adj, err = agreement.Adjudicate(c.art, sets, 0); err != nil {
		c.alert = err.Error()
		return
	}
	c.choices = make([]int, len(c.adj.Decisions))
	for i := range c.choices {
		c.choices[i] = unresolved
	}
	for _, d := range c.adj.Decisions {
		c.maxOptions = max(c.maxOptions, len(d.Options))
	}
}

func (c *Compare) toggleSet(ctx goapp.Context, i int, on bool) {
	if i < 0 || i >= len(c.chosen) {
		return
	}
	c.chosen[i] = on
	c.recompute()
	c.saveProgress(ctx)
	c.repaint(ctx)
}

// choose resolves decision i: an option index or agreement.NoChoice.
func (c *Compare) choose(ctx goapp.Context, i, option int) {
	if c.adj == nil || i < 0 || i >= len(c.choices) {
		return
	}
	if option != agreement.NoChoice && (option < 0 || option >= len(c.adj.Decisions[i].Options)) {
		return
	}
	if c.choices[i] == unresolved {
		c.resolvedN++
	}
	c.choices[i] = option
	c.savedSetID = ""
	c.revs.list++
	c.saveProgress(ctx)
	c.focus(ctx, c.nextUnresolved(i))
}

// nextUnresolved is the first unresolved decision after i, wrapping, or i.
// Working in order it looks at the next decision only; it never looks when
// every decision is resolved.
func (c *Compare) nextUnresolved(i int) int {
	if c.resolvedN >= len(c.choices) {
		return i
	}
	for k := 1; k <= len(c.choices); k++ {
		j := (i + k) % len(c.choices)
		if c.choices[j] == unresolved {
			return j
		}
	}
	return i
}

// focus makes decision i the current one: its row comes into view, the text
// scrolls to it and the current-decision highlight moves to it.
func (c *Compare) focus(ctx goapp.Context, i int) {
	if c.adj == nil || len(c.adj.Decisions) == 0 {
		return
	}
	c.current = (i + len(c.adj.Decisions)) % len(c.adj.Decisions)
	c.listReveal = c.current
	c.revs.list++
	c.markCurrent()
	c.schedulePaint(ctx)
	at := c.art.Offsets().UTF16(c.adj.Decisions[c.current].Start)
	c.pageCtx(ctx).Defer(func(goapp.Context) { scrollTextTo(textID, at) })
}

func adjudicationShortcut(key string) bool {
	switch shortcutKey(key) {
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
	key = shortcutKey(key)
	switch key {
	case "n", "j", "ArrowDown":
		c.focus(ctx, c.current+1)
	case "p", "k", "ArrowUp":
		c.focus(ctx, c.current-1)
	case "x", "0":
		c.choose(ctx, c.current, agreement.NoChoice)
	case "a":
		c.choose(ctx, c.current, c.adj.Decisions[c.current].OptionOfSet(0))
	case "b":
		c.choose(ctx, c.current, c.adj.Decisions[c.current].OptionOfSet(1))
	default:
		c.choose(ctx, c.current, int(key[0]-'1'))
	}
}

// pageCtx is the page's own context when it has one: an event's context
// belongs to the element it came from, and a row of the decision list may
// be gone after the render that follows, taking its deferred work with it.
func (c *Compare) pageCtx(ctx goapp.Context) goapp.Context {
	if c.ctx.Src() != nil {
		return c.ctx
	}
	return ctx
}

// saveProgress stores the chosen sets and every choice. The choices are
// written whole, one small int per decision (about 10 kB at 2,000
// decisions, well under a millisecond to encode): one key keeps the stored
// record simple and a reload reads it in one go.
func (c *Compare) saveProgress(ctx goapp.Context) {
	rec, _ := json.Marshal(adjudicationRecord{SetIDs: c.chosenIDs(), Choices: c.choices, Saved: c.savedFor})
	wait := storePut(map[string]string{adjudicationKey(c.articleID): string(rec)})
	ctx = c.pageCtx(ctx)
	ctx.Async(func() {
		if err := wait(); err != nil {
			ctx.Dispatch(func(goapp.Context) { c.alert = "Your choices are not saved: " + err.Error() })
		}
	})
}

// saveAdjudicated builds the adjudicated set, stores it as the article's
// active set and offers it for export. An adjudication of the same sets is
// saved once: saving it again replaces the set saved before (same id, so
// the store writes over it) or, when nothing changed, says so. Only when
// that set was edited since (on the article page) is a new set saved, and
// the notice says why.
func (c *Compare) saveAdjudicated(ctx goapp.Context) {
	if c.adj == nil || c.resolvedN < len(c.choices) {
		c.alert = fmt.Sprintf("Resolve every disagreement first: %d of %d are resolved.", c.resolvedN, len(c.choices))
		return
	}
	s, err := c.adj.Build(c.choices, time.Now())
	if err != nil {
		c.alert = err.Error()
		return
	}
	key := savedKey(c.chosenIDs())
	verb := "Saved"
	saved := c.savedFor[key]
	i := c.setPos(saved.SetID)
	if i >= 0 && !c.sets[i].Modified.Equal(saved.Modified) {
		i, verb = -1, "The adjudicated set saved before was edited since, so this is a new set. Saved"
	}
	if i >= 0 {
		prev := c.sets[i]
		if annotations.SameContent(prev, s) {
			c.savedSetID, c.alert = prev.ID, ""
			c.notice = fmt.Sprintf("This adjudication is already saved (%d annotations); nothing changed since.", len(prev.Annotations))
			c.revs.list++ // the export button
			return
		}
		s.ID, s.Created = prev.ID, prev.Created
		c.sets[i] = s
		verb = "Updated"
	} else {
		c.sets = append(c.sets, s)
		c.chosen = append(c.chosen, false)
	}
	c.savedFor[key] = savedAdjudication{SetID: s.ID, Modified: s.Modified}
	c.savedSetID = s.ID
	c.alert = ""
	c.revs.picker++
	c.revs.list++ // the export button
	c.saveProgress(ctx)
	wait := saveSet(c.articleID, s, true)
	ctx = c.pageCtx(ctx)
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(goapp.Context) {
			if err != nil {
				c.alert = "The adjudicated set is not saved: " + err.Error()
				return
			}
			c.notice = fmt.Sprintf("%s the adjudicated set (%d annotations) as the article's active set.", verb, len(s.Annotations))
		})
	})
}

// setPos is the place of the set with the id among the article's sets, or
// -1.
func (c *Compare) setPos(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(c.sets, func(s *annotations.Set) bool { return s.ID == id })
}

func (c *Compare) exportAdjudicated(ctx goapp.Context) {
	for _, s := range c.sets {
		if s.ID == c.savedSetID {
			download(c.art.ID+".adjudicated.quotemark.json", annotations.Write(s), "application/json")
		}
	}
}

// repaint paints the highlights from scratch: agreed spans faintly, every
// disagreement by kind, the one in focus on top. It runs on opening and when
// the chosen sets change; a decision or a focus move only moves the
// current-decision marker (markCurrent).
func (c *Compare) repaint(ctx goapp.Context) {
	if c.art == nil {
		return
	}
	c.marks.offsets = c.art.Offsets()
	c.marks.reset(compareLayers)
	if c.adj != nil {
		for i, a := range c.adj.Agreed {
			c.marks.put("qm-agreed", "a"+strconv.Itoa(i), a.Start, a.End)
		}
		for i, d := range c.adj.Decisions {
			c.marks.put(kindLayer[d.Kind], "d"+strconv.Itoa(i), d.Start, d.End)
		}
	}
	c.markCurrent()
	c.schedulePaint(ctx)
}

// markCurrent puts the current-decision marker on the decision in focus.
func (c *Compare) markCurrent() {
	if c.art == nil {
		return
	}
	c.marks.offsets = c.art.Offsets()
	if c.adj == nil || c.current < 0 || c.current >= len(c.adj.Decisions) {
		c.marks.del("qm-current", "current")
		return
	}
	d := c.adj.Decisions[c.current]
	c.marks.put("qm-current", "current", d.Start, d.End)
}

func (c *Compare) schedulePaint(ctx goapp.Context) { c.marks.schedule(c.pageCtx(ctx)) }
