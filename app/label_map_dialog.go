package app

import (
	"fmt"
	"strconv"
	"strings"

	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

const (
	labelMapDialogID = "label-map"
	labelMapTitleID  = "label-map-title"
	// noTarget is the picker's value while a label has no type, as -map's
	// suggestion writes it: an empty value attribute is not rendered.
	noTarget = "?"
)

// labelQuestion is what an import of another tool's file asks before it
// changes anything: what each of the file's labels becomes, and whether to
// leave out pronoun mentions and take quotation marks off quotes, the
// choices the command line takes as -map, -pronouns and -trim-marks.
type labelQuestion struct {
	source                  string // what is imported, for the heading
	labels                  []formats.LabelCount
	chosen                  []string // per label, a LabelTarget.String(); "" when none yet
	relations               []formats.RelationCount
	leftOut                 []bool // per relation name: left out (-map-relation NAME=-)
	dropPronouns, trimMarks bool
	problem                 string // why Import did not go on
	// done gets the answer once: the options and true, or false when the
	// import is cancelled.
	done     func(opts formats.ImportOptions, ok bool)
	answered bool
	// remembered are the answers given before, which an answer joins.
	remembered formats.LabelMap
}

// newLabelQuestion asks about labels, each proposed the target given it
// last time (remembered, loadRememberedLabels), else the one its name
// suggests.
func newLabelQuestion(source string, asked fileLabels, remembered formats.LabelMap, done func(formats.ImportOptions, bool)) *labelQuestion {
	labels := formats.WithRemembered(asked.labels, remembered)
	q := &labelQuestion{source: source, labels: labels, chosen: make([]string, len(labels)),
		relations: asked.relations, leftOut: make([]bool, len(asked.relations)), done: done, remembered: remembered}
	for i, l := range labels {
		if l.Mapped {
			q.chosen[i] = l.Target.String()
		}
	}
	return q
}

// fileLabels are what an import asks about: the labels of a file (or of a
// corpus) and its relation and event names.
type fileLabels struct {
	labels    []formats.LabelCount
	relations []formats.RelationCount
}

// options are the import's options as chosen; an error names the labels
// still without a target.
func (q *labelQuestion) options() (formats.ImportOptions, error) {
	opts := formats.ImportOptions{Labels: formats.LabelMap{}, Relations: q.relationChoices(), DropPronouns: q.dropPronouns, TrimMarks: q.trimMarks}
	var missing []string
	for i, l := range q.labels {
		if q.chosen[i] == "" {
			missing = append(missing, l.Label)
			continue
		}
		t, err := formats.ParseLabelTarget(q.chosen[i])
		if err != nil {
			return opts, fmt.Errorf("label %s: %w", l.Label, err)
		}
		opts.Labels.Put(l.Label, t)
	}
	if missing != nil {
		return opts, fmt.Errorf("Choose what %s become(s) — a type, or Leave out — before importing.", strings.Join(missing, ", "))
	}
	return opts, nil
}

// relationChoices are the relation names left out, as -map-relation
// takes them; nil when none is.
func (q *labelQuestion) relationChoices() map[string]bool {
	var names []string
	for i, r := range q.relations {
		if q.leftOut[i] {
			names = append(names, r.Name)
		}
	}
	return formats.RelationsLeftOut(names)
}

// commandLine is the command line's flags for the choices so far, so that
// the same import can run in a script.
func (q *labelQuestion) commandLine() string {
	rows := make([]formats.LabelCount, len(q.labels))
	for i, l := range q.labels {
		rows[i] = formats.LabelCount{Label: l.Label, Count: l.Count}
		if t, err := formats.ParseLabelTarget(q.chosen[i]); q.chosen[i] != "" && err == nil {
			rows[i].Target, rows[i].Mapped = t, true
		}
	}
	return formats.CommandLineFlags(rows, formats.ImportOptions{Relations: q.relationChoices(), DropPronouns: q.dropPronouns, TrimMarks: q.trimMarks})
}

// answer gives done its answer, once.
func (q *labelQuestion) answer(opts formats.ImportOptions, ok bool) {
	if q.answered {
		return
	}
	q.answered = true
	if ok {
		rememberLabels(q.remembered, opts.Labels)
	}
	q.done(opts, ok)
}

// loadRememberedLabels reads the label mapping dialog's earlier answers;
// none when there are none or they cannot be read (they only propose). It
// waits for the store: not on the UI goroutine.
func loadRememberedLabels() formats.LabelMap {
	data, ok, err := storeGet(keyLabelMap)
	if err != nil || !ok {
		return nil
	}
	m, err := formats.ParseLabelMapJSON([]byte(data))
	if err != nil {
		return nil
	}
	return m
}

// rememberLabels stores an answer with the earlier ones. Started on the UI
// goroutine, so that two answers are stored in the order given; a failure
// is logged, as the answers only propose the next time.
func rememberLabels(remembered, answer formats.LabelMap) {
	wait := storePut(map[string]string{keyLabelMap: string(formats.Remember(remembered, answer))})
	go func() {
		if err := wait(); err != nil {
			goapp.Logf("the label mapping was not remembered: %v", err)
		}
	}()
}

// labelMapDialog shows a labelQuestion as a modal dialog: a table of the
// labels with their counts and a type picker each. Import answers with the
// choices; Cancel, Esc or closing the page's dialog answers no, and nothing
// changes.
type labelMapDialog struct {
	goapp.Compo
	// Q is the question open, nil when none. A new question is a new
	// pointer: the dialog's rows are built afresh for it, so no picker shows
	// an earlier question's choice.
	Q *labelQuestion

	guard modalGuard
}

func (d *labelMapDialog) OnMount(ctx goapp.Context) {
	d.guard.attach(d.dialog(), func() {
		if q := d.Q; q != nil {
			q.answer(formats.ImportOptions{}, false)
		}
	})
	d.follow(ctx)
}

func (d *labelMapDialog) OnUpdate(ctx goapp.Context) { d.follow(ctx) }

func (d *labelMapDialog) OnDismount() { d.guard.detach(d.dialog()) }

// follow opens the dialog when there is a question and closes it when the
// question is gone, once the render is on the page.
func (d *labelMapDialog) follow(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) {
		if d.Q != nil && !d.Q.answered {
			d.guard.open(d.dialog())
		} else {
			closeDialog(d.dialog())
		}
	})
}

func (d *labelMapDialog) dialog() goapp.Value { return ownDialog(&d.Compo) }

func (d *labelMapDialog) choose(ctx goapp.Context, e goapp.Event) {
	i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("label").String())
	if q := d.Q; err == nil && q != nil && i >= 0 && i < len(q.chosen) {
		if q.chosen[i] = ctx.JSSrc().Get("value").String(); q.chosen[i] == noTarget {
			q.chosen[i] = ""
		}
		q.problem = ""
	}
}

// readRelation sets whether a relation name is read, from its check box.
func (d *labelMapDialog) readRelation(ctx goapp.Context, e goapp.Event) {
	i, err := strconv.Atoi(ctx.JSSrc().Get("dataset").Get("relation").String())
	if q := d.Q; err == nil && q != nil && i >= 0 && i < len(q.leftOut) {
		q.leftOut[i] = !ctx.JSSrc().Get("checked").Bool()
	}
}

// setOption sets a check box's option on the question open now.
func (d *labelMapDialog) setOption(ctx goapp.Context, set func(q *labelQuestion, on bool)) {
	if q := d.Q; q != nil {
		set(q, ctx.JSSrc().Get("checked").Bool())
	}
}

func (d *labelMapDialog) importChosen(ctx goapp.Context, e goapp.Event) {
	q := d.Q
	if q == nil {
		return
	}
	opts, err := q.options()
	if err != nil {
		q.problem = err.Error()
		return
	}
	q.answer(opts, true)
	closeDialog(d.dialog())
}

func (d *labelMapDialog) Render() goapp.UI {
	dialog := goapp.Dialog().ID(labelMapDialogID).Class("label-map-dialog").Role("dialog").
		Aria("modal", "true").Aria("labelledby", labelMapTitleID)
	q := d.Q
	if q == nil {
		return goapp.Div().Class("label-map").Body(dialog)
	}
	rows := make([]goapp.UI, len(q.labels))
	for i, l := range q.labels {
		options := []goapp.UI{}
		if q.chosen[i] == "" {
			options = append(options, goapp.Option().Value(noTarget).Selected(true).Text("Choose a type"))
		}
		for _, c := range formats.LabelChoices {
			v := c.String()
			options = append(options, goapp.Option().Value(v).Selected(q.chosen[i] == v).Text(capitalize(c.Name())))
		}
		pickerID := fmt.Sprintf("%s-%d", labelMapDialogID, i)
		rows[i] = goapp.Tr().Body(
			goapp.Th().Scope("row").Body(goapp.Label().For(pickerID).Text(l.Label)),
			goapp.Td().Class("count").Text(l.Count),
			goapp.Td().Body(
				goapp.Select().ID(pickerID).DataSet("label", i).Aria("label", "Import "+l.Label+" as").
					AutoFocus(i == 0).OnChange(d.choose).Body(options...),
			),
		)
	}
	return goapp.Div().Class("label-map").Body(dialog.Body(
		goapp.H2().ID(labelMapTitleID).Text("Map the labels of "+q.source),
		goapp.P().Text("Each label becomes a quotemark type, or is left out. Nothing is imported until you choose Import."),
		goapp.Table().Class("label-table labels").Body(
			goapp.THead().Body(goapp.Tr().Body(
				goapp.Th().Scope("col").Text("Label"),
				goapp.Th().Scope("col").Text("Spans"),
				goapp.Th().Scope("col").Text("Import as"),
			)),
			goapp.TBody().Body(rows...),
		),
		goapp.If(len(q.relations) > 0, func() goapp.UI { return d.renderRelations(q) }),
		goapp.Label().Class("check pronouns").Body(
			goapp.Input().Type("checkbox").Checked(q.dropPronouns).
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					d.setOption(ctx, func(q *labelQuestion, on bool) { q.dropPronouns = on })
				}),
			goapp.Text(" Leave out speaker mentions that are a pronoun (he, they), and their quotes' attribution"),
		),
		goapp.Label().Class("check trim-marks").Body(
			goapp.Input().Type("checkbox").Checked(q.trimMarks).
				OnChange(func(ctx goapp.Context, e goapp.Event) {
					d.setOption(ctx, func(q *labelQuestion, on bool) { q.trimMarks = on })
				}),
			goapp.Text(" Take quotation marks off the ends of quotes"),
		),
		goapp.P().Class("command-line").Body(
			goapp.Span().Text("On the command line: "),
			goapp.Code().Text("quotemark import "+q.commandLine()),
		),
		goapp.If(q.problem != "", func() goapp.UI { return goapp.Div().Role("alert").Class("alert").Text(q.problem) }),
		goapp.Div().Class("dialog-buttons").Body(
			goapp.Button().Type("button").Class("primary").Text("Import").OnClick(d.importChosen),
			goapp.Button().Type("button").Text("Cancel").
				OnClick(func(ctx goapp.Context, e goapp.Event) { closeDialog(d.dialog()) }),
		),
	))
}

// renderRelations lists the file's relation and event names, each read (a
// quote and a mention it links attribute; two pieces of one label join)
// unless its box is cleared.
func (d *labelMapDialog) renderRelations(q *labelQuestion) goapp.UI {
	rows := make([]goapp.UI, len(q.relations))
	for i, r := range q.relations {
		rows[i] = goapp.Tr().Body(
			goapp.Th().Scope("row").Text(r.Name),
			goapp.Td().Class("count").Text(r.Count),
			goapp.Td().Body(goapp.Label().Class("check").Body(
				goapp.Input().Type("checkbox").DataSet("relation", i).Checked(!q.leftOut[i]).
					Aria("label", "Read "+r.Name).OnChange(d.readRelation),
				goapp.Text(" Read"),
			)),
		)
	}
	return goapp.Table().Class("label-table relation-table").Body(
		goapp.Caption().Text("Relations and events: one that links a quote or claim to a speaker mention attributes it; one that links two pieces of one label makes them one span in pieces."),
		goapp.THead().Body(goapp.Tr().Body(
			goapp.Th().Scope("col").Text("Relation"),
			goapp.Th().Scope("col").Text("Count"),
			goapp.Th().Scope("col").Text("Read it"),
		)),
		goapp.TBody().Body(rows...),
	)
}

// capitalize is s with its first letter upper case, for a picker's option.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
