package app

import (
	"fmt"
	"net/url"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/agreement"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// setLetter names the k-th chosen set in tables and keys: A, B, C …
func setLetter(k int) string { return string(rune('A' + k%26)) }

// Render lays out the page. The set picker, the figures and the decision
// list are components that re-render only when their revision moves, so
// this render stays cheap at any number of decisions.
func (c *Compare) Render() goapp.UI {
	back := "/article/" + url.PathEscape(c.articleID)
	if c.loadErr != "" {
		return goapp.Main().Class("compare").Body(
			goapp.A().Href("/").Text("← Library"),
			goapp.Div().Role("alert").Class("alert").Text(c.loadErr),
		)
	}
	title, text := "Loading…", ""
	if c.art != nil {
		title, text = c.art.Title, c.art.Text
	}
	return goapp.Main().Class("compare").Body(
		goapp.Header().Class("toolbar").Body(
			goapp.A().Class("home").Href(back).Text("← Article"),
			goapp.H1().Class("title").Text("Compare · "+title),
		),
		messages(c.alert, c.notice),
		goapp.Div().Class("compare-top").Body(
			&setPicker{C: c, Rev: c.revs.picker},
			&figuresPane{C: c, Rev: c.revs.figures, Open: c.figuresOpen},
			compareLegend(),
		),
		goapp.Div().Class("panes").Body(
			goapp.Section().Class("article-pane").Aria("label", "Article").
				Body(&articleText{ArticleID: c.articleID, Text: text}),
			goapp.Aside().Class("sidebar").Body(&decisionList{C: c, Rev: c.revs.list}),
		),
	)
}

// compareLegendItems name every marking of the compare page: each
// highlight of the text (compareLayers, same colours as in web/app.css) and
// each state of a disagreement's row. The legend is one line, so it costs
// the text no room worth speaking of.
var compareLegendItems = []struct{ marking, label string }{
	{"qm-agreed", "agreed by all"},
	{"qm-only-a", "only in A"},
	{"qm-only-b", "only in B (or other sets)"},
	{"qm-boundaries", "boundaries differ"},
	{"qm-speakerdiff", "different speaker"},
	{"qm-current", "disagreement in focus"},
	{"resolved", "resolved (faded row)"},
	{"chosen", "chosen option"},
	{"letter", "set letter"},
}

// compareLegend is the key to the markings. It never changes, so it is
// the same nodes at every render.
func compareLegend() goapp.UI {
	return goapp.Div().Class("compare-legend").Role("group").Aria("label", "Legend").Body(
		goapp.Ul().Body(goapp.Range(compareLegendItems).Slice(func(i int) goapp.UI {
			it := compareLegendItems[i]
			sample := goapp.Span().Class("swatch", it.marking).Aria("hidden", "true").Text("ab")
			if it.marking == "letter" {
				sample = goapp.Span().Class("letter").Aria("hidden", "true").Text("A")
			}
			return goapp.Li().DataSet("marking", it.marking).Body(sample, goapp.Text(it.label))
		})),
	)
}

// setPicker lists the article's sets with a checkbox each. It re-renders
// when the sets or the choice of them change.
type setPicker struct {
	goapp.Compo
	C   *Compare
	Rev int
}

func (p *setPicker) Render() goapp.UI {
	c := p.C
	if c.ready && len(c.sets) < 2 {
		return goapp.Section().Class("set-choice").Body(goapp.P().Class("hint").Text(
			"Comparing needs two or more sets of this article. Import annotators' files on the article page, then come back."))
	}
	letters := map[int]string{}
	k := 0
	for i := range c.sets {
		if c.chosen[i] {
			letters[i] = setLetter(k)
			k++
		}
	}
	return goapp.Section().Class("set-choice").Aria("label", "Sets").Body(
		goapp.H2().Text("Sets to compare"),
		goapp.Ul().Body(goapp.Range(c.sets).Slice(func(i int) goapp.UI {
			s := c.sets[i]
			label := fmt.Sprintf("%s — %d annotations", annotations.AnnotatorLabel(s.Annotator), len(s.Annotations))
			return goapp.Li().DataSet("set-id", s.ID).Body(goapp.Label().Body(
				goapp.Input().Type("checkbox").Checked(c.chosen[i]).Aria("label", "Compare "+label).
					OnChange(func(ctx goapp.Context, e goapp.Event) {
						c.toggleSet(ctx, i, ctx.JSSrc().Get("checked").Bool())
					}, goapp.EventScope(s.ID)),
				goapp.Span().Class("letter").Text(letters[i]),
				goapp.Text(" "+label),
			))
		})),
	)
}

// figuresPane shows the agreement figures, folded by default into one
// summary line with the headline figures, so that the text and the first
// disagreements are on the first screen. It re-renders only when the chosen
// sets change or it is opened or closed.
type figuresPane struct {
	goapp.Compo
	C    *Compare
	Rev  int
	Open bool
}

func (f *figuresPane) Render() goapp.UI {
	c := f.C
	if c.figures == nil {
		return goapp.Section().Class("figures-pane").Hidden(true)
	}
	return goapp.Section().Class("figures-pane").Aria("label", "Agreement").Body(
		goapp.Details().Class("compare-summary").Open(f.Open).On("toggle", f.onToggle).Body(
			goapp.Summary().Body(
				goapp.Strong().Text("Agreement"),
				goapp.Span().Class("headline").Text(c.headline()),
			),
			c.renderFigures(),
		),
	)
}

// onToggle follows the <details> as the person opens or closes it, so a
// later render keeps it as they left it.
func (f *figuresPane) onToggle(ctx goapp.Context, e goapp.Event) {
	open := ctx.JSSrc().Get("open").Bool()
	if open == f.C.figuresOpen {
		ctx.PreventUpdate()
		return
	}
	f.C.figuresOpen = open
}

// headline is the summary line's figures: per pair (the first three) the
// overlap F1 over all types, the quotes' κ and the attribution agreement;
// with more than two sets, α of the quotes.
func (c *Compare) headline() string {
	var parts []string
	for k, p := range c.figures.Pairs {
		if k == 3 {
			parts = append(parts, fmt.Sprintf("%d more pairs", len(c.figures.Pairs)-k))
			break
		}
		parts = append(parts, fmt.Sprintf("%s–%s: F1 %s, κ %s, attribution %s", setLetter(p.A), setLetter(p.B),
			agreement.FormatRatio(p.Types[agreement.AllTypes].Overlap.F1), agreement.FormatRatio(p.Types["quote"].Kappa),
			agreement.FormatRatio(p.Attribution.Rate)))
	}
	if len(c.figures.Sets) > 2 {
		parts = append(parts, "α "+agreement.FormatRatio(c.figures.Alpha["quote"]))
	}
	return " · " + strings.Join(parts, " · ") + " (quotes' κ and α; F1 by overlap, all types)"
}

// renderFigures shows the agreement figures as tables and small bar charts.
// Cells carry data-figure, the path of the same number in `quotemark
// compare -format json`, so the two can be checked against each other.
func (c *Compare) renderFigures() goapp.UI {
	cell := func(path string, r *float64) goapp.UI {
		return goapp.Td().Class("num").DataSet("figure", path).Text(agreement.FormatRatio(r))
	}
	var pairs []goapp.UI
	for k, p := range c.figures.Pairs {
		prefix := fmt.Sprintf("pairs.%d.", k)
		var rows []goapp.UI
		for _, t := range []string{"quote", "speaker", "claim", "all"} {
			f := p.Types[t]
			tp := prefix + "types." + t + "."
			var kappa goapp.UI = goapp.Td().Class("num")
			if f.HasKappa {
				kappa = cell(tp+"kappa", f.Kappa)
			}
			rows = append(rows, goapp.Tr().Body(
				goapp.Th().Scope("row").Text(t),
				cell(tp+"exact.precision", f.Exact.Precision), cell(tp+"exact.recall", f.Exact.Recall), cell(tp+"exact.f1", f.Exact.F1),
				cell(tp+"overlap.precision", f.Overlap.Precision), cell(tp+"overlap.recall", f.Overlap.Recall), cell(tp+"overlap.f1", f.Overlap.F1),
				kappa,
			))
		}
		pairs = append(pairs, goapp.Div().Class("pair").Body(
			goapp.Table().Class("figures").Aria("label", fmt.Sprintf("Agreement of %s and %s", setLetter(p.A), setLetter(p.B))).Body(
				goapp.Caption().Text(fmt.Sprintf("%s (%s) against %s (%s)", setLetter(p.A), annotations.AnnotatorLabel(c.figures.Sets[p.A].Annotator),
					setLetter(p.B), annotations.AnnotatorLabel(c.figures.Sets[p.B].Annotator))),
				goapp.THead().Body(
					// No header cell is empty (axe's empty-table-header): type
					// and κ span both header rows.
					goapp.Tr().Body(goapp.Th().Scope("col").Attr("rowspan", 2).Text("type"),
						goapp.Th().Scope("colgroup").ColSpan(3).Text("exact"), goapp.Th().Scope("colgroup").ColSpan(3).Text("overlap"),
						goapp.Th().Scope("col").Attr("rowspan", 2).Title("Cohen's kappa").Text("κ")),
					goapp.Tr().Body(goapp.Th().Scope("col").Title("precision").Text("P"), goapp.Th().Scope("col").Title("recall").Text("R"), goapp.Th().Scope("col").Text("F1"),
						goapp.Th().Scope("col").Title("precision").Text("P"), goapp.Th().Scope("col").Title("recall").Text("R"), goapp.Th().Scope("col").Text("F1")),
				),
				goapp.TBody().Body(rows...),
			),
			goapp.P().Class("attribution").Body(
				goapp.Text("Attribution agreement: "),
				goapp.Span().DataSet("figure", prefix+"attribution.rate").Text(agreement.FormatRatio(p.Attribution.Rate)),
				goapp.Text(fmt.Sprintf(" (%d of %d attributed quote pairs)", p.Attribution.Agree, p.Attribution.Pairs)),
			),
			goapp.Raw(barChart(p)),
		))
	}
	var alpha []goapp.UI
	for _, t := range []string{"quote", "speaker", "claim"} {
		alpha = append(alpha, goapp.Th().Scope("col").Text(t))
	}
	var alphaCells []goapp.UI
	for _, t := range []string{"quote", "speaker", "claim"} {
		alphaCells = append(alphaCells, cell("alpha."+t, c.figures.Alpha[t]))
	}
	return goapp.Div().Class("figures-body").Body(
		goapp.Div().Class("pairs").Body(pairs...),
		goapp.Table().Class("figures alpha").Aria("label", "Krippendorff's alpha").Body(
			goapp.Caption().Text("Krippendorff's α over all chosen sets"),
			goapp.THead().Body(goapp.Tr().Body(alpha...)),
			goapp.TBody().Body(goapp.Tr().Body(alphaCells...)),
		),
		goapp.Raw(alphaChart(c.figures.Alpha)),
	)
}

// The bar chart's geometry, in SVG units: bars grow from a zero axis, to
// the right for a positive value and to the left for a negative one (κ
// below chance), on a scale from −1 to 1.
const (
	chartWidth = 360
	chartRowH  = 16
	chartAxis  = 180 // x of 0
	chartHalf  = 120 // the length of a bar of 1
)

// chartBar is one bar of a chart: what it shows, its class (its colour)
// and its value, nil when undefined.
type chartBar struct {
	name, class string
	v           *float64
}

// chartGroup is a chart's bars of one type, under the type's name.
type chartGroup struct {
	label string
	bars  []chartBar
}

// barChart draws exact F1, overlap F1 and kappa per type as an SVG.
func barChart(p agreement.PairFigures) string {
	var groups []chartGroup
	for _, t := range []string{"quote", "speaker", "claim"} {
		f := p.Types[t]
		groups = append(groups, chartGroup{t, []chartBar{{"exact F1", "exact", f.Exact.F1}, {"overlap F1", "overlap", f.Overlap.F1}, {"κ", "kappa", f.Kappa}}})
	}
	return zeroAxisChart("F1 and kappa per type, from −1 to 1", groups,
		`<tspan class="exact">■</tspan> exact F1 <tspan class="overlap">■</tspan> overlap F1 <tspan class="kappa">■</tspan> κ (left of 0: below chance)`)
}

// alphaChart draws Krippendorff's α per type as an SVG.
func alphaChart(alpha map[string]*float64) string {
	var groups []chartGroup
	for _, t := range []string{"quote", "speaker", "claim"} {
		groups = append(groups, chartGroup{t, []chartBar{{"α", "alpha", alpha[t]}}})
	}
	return zeroAxisChart("Krippendorff's alpha per type, from −1 to 1", groups,
		`<tspan class="alpha">■</tspan> α (left of 0: below chance)`)
}

// zeroAxisChart draws the groups' bars from a zero axis on a scale from −1
// to 1, each labelled with its value (FormatRatio, as in the tables), with
// key (SVG text content) under them.
func zeroAxisChart(label string, groups []chartGroup, key string) string {
	var b strings.Builder
	plot := 4
	for _, g := range groups {
		plot += len(g.bars)*chartRowH + 10
	}
	height := plot + 28
	fmt.Fprintf(&b, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="%d" height="%d" aria-label="%s">`, chartWidth, height, chartWidth, height, label)
	fmt.Fprintf(&b, `<line class="chart-axis" x1="%d" x2="%d" y1="0" y2="%d"/>`, chartAxis, chartAxis, plot)
	for _, tick := range []struct {
		x    int
		text string
	}{{chartAxis - chartHalf, "−1"}, {chartAxis, "0"}, {chartAxis + chartHalf, "1"}} {
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-tick" text-anchor="middle">%s</text>`, tick.x, plot+10, tick.text)
	}
	y := 4
	for _, g := range groups {
		fmt.Fprintf(&b, `<text x="0" y="%d" class="chart-type">%s</text>`, y+chartRowH-3, g.label)
		for j, bar := range g.bars {
			yy := y + j*chartRowH
			text := agreement.FormatRatio(bar.v)
			if bar.v == nil {
				fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-value">%s: %s</text>`, chartAxis+4, yy+chartRowH-5, bar.name, text)
				continue
			}
			v := max(-1, min(1, *bar.v))
			x, w, class := float64(chartAxis), v*chartHalf, bar.class
			if v < 0 {
				x, w, class = chartAxis+v*chartHalf, -v*chartHalf, class+" negative"
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" class="bar %s" data-value="%g"><title>%s %s: %s</title></rect>`,
				x, yy, w, chartRowH-3, class, v, g.label, bar.name, text)
			if v < 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="chart-value" text-anchor="end">%s</text>`, x-4, yy+chartRowH-5, text)
			} else {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="chart-value">%s</text>`, x+w+4, yy+chartRowH-5, text)
			}
		}
		y += len(g.bars)*chartRowH + 10
	}
	fmt.Fprintf(&b, `<text x="0" y="%d" class="chart-key">%s</text>`, height-2, key)
	b.WriteString(`</svg>`)
	return b.String()
}

var kindLabels = map[agreement.DisagreementKind]string{
	agreement.OnlyA:          "only in A",
	agreement.OnlyB:          "only in B",
	agreement.Boundaries:     "boundaries differ",
	agreement.SpeakerDiffers: "different speaker",
}

// choiceLabel says how decision i is resolved: "", "none" or the option
// number from 1.
func (c *Compare) choiceLabel(i int) string {
	switch ch := c.choices[i]; ch {
	case unresolved:
		return ""
	case agreement.NoChoice:
		return "none"
	default:
		return fmt.Sprint(ch + 1)
	}
}

func (c *Compare) setLetters(sets []int) string {
	var b strings.Builder
	for _, k := range sets {
		b.WriteString(setLetter(k))
	}
	return b.String()
}
