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
		&setPicker{C: c, Rev: c.revs.picker},
		&figuresPane{C: c, Rev: c.revs.figures},
		goapp.Div().Class("panes").Body(
			goapp.Section().Class("article-pane").Aria("label", "Article").
				Body(&articleText{ArticleID: c.articleID, Text: text}),
			goapp.Aside().Class("sidebar").Body(&decisionList{C: c, Rev: c.revs.list}),
		),
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

// figuresPane shows the agreement figures. It re-renders only when the
// chosen sets change.
type figuresPane struct {
	goapp.Compo
	C   *Compare
	Rev int
}

func (f *figuresPane) Render() goapp.UI { return f.C.renderFigures() }

// renderFigures shows the agreement figures as tables and small bar charts.
// Cells carry data-figure, the path of the same number in `quotemark
// compare -format json`, so the two can be checked against each other.
func (c *Compare) renderFigures() goapp.UI {
	if c.figures == nil {
		return goapp.Section()
	}
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
					// The corner cells group nothing but a header cell needs a name
					// (axe: empty-table-header), so theirs is for screen readers.
					goapp.Tr().Body(goapp.Th().Body(goapp.Span().Class("visually-hidden").Text("span match")), goapp.Th().ColSpan(3).Text("exact"), goapp.Th().ColSpan(3).Text("overlap"),
						goapp.Th().Body(goapp.Span().Class("visually-hidden").Text("chance-corrected"))),
					goapp.Tr().Body(goapp.Th().Text("type"), goapp.Th().Text("P"), goapp.Th().Text("R"), goapp.Th().Text("F1"),
						goapp.Th().Text("P"), goapp.Th().Text("R"), goapp.Th().Text("F1"), goapp.Th().Text("κ")),
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
	return goapp.Section().Class("figures-pane").Aria("label", "Agreement").Body(
		goapp.H2().Text("Agreement"),
		goapp.Div().Class("pairs").Body(pairs...),
		goapp.Table().Class("figures alpha").Aria("label", "Krippendorff's alpha").Body(
			goapp.Caption().Text("Krippendorff's α over all chosen sets"),
			goapp.THead().Body(goapp.Tr().Body(alpha...)),
			goapp.TBody().Body(goapp.Tr().Body(alphaCells...)),
		),
	)
}

// barChart draws exact F1, overlap F1 and kappa per type as an SVG.
func barChart(p agreement.PairFigures) string {
	const width, rowH, label, barW = 360, 16, 60, 250
	types := []string{"quote", "speaker", "claim"}
	var b strings.Builder
	height := len(types)*(3*rowH+10) + 14
	fmt.Fprintf(&b, `<svg class="chart" role="img" viewBox="0 0 %d %d" width="%d" height="%d" aria-label="F1 and kappa per type">`, width, height, width, height)
	y := 4
	for _, t := range types {
		f := p.Types[t]
		fmt.Fprintf(&b, `<text x="0" y="%d" class="chart-type">%s</text>`, y+rowH, t)
		for j, bar := range []struct {
			name, class string
			v           *float64
		}{{"exact F1", "exact", f.Exact.F1}, {"overlap F1", "overlap", f.Overlap.F1}, {"κ", "kappa", f.Kappa}} {
			v := 0.0
			if bar.v != nil {
				v = max(0, min(1, *bar.v))
			}
			yy := y + j*rowH
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" class="bar %s"><title>%s %s: %s</title></rect>`,
				label, yy, v*barW, rowH-3, bar.class, t, bar.name, agreement.FormatRatio(bar.v))
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="chart-value">%s</text>`, float64(label)+v*barW+4, yy+rowH-5, agreement.FormatRatio(bar.v))
		}
		y += 3*rowH + 10
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" class="chart-key"><tspan class="exact">■</tspan> exact F1 <tspan class="overlap">■</tspan> overlap F1 <tspan class="kappa">■</tspan> κ</text>`, label, height-2)
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
