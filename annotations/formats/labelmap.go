package formats

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"quotemark/annotations"
)

// LabelTarget is what a label of another tool's project becomes: a type
// (with a quote's form, when the label tells it), or nothing (Omit).
type LabelTarget struct {
	Type annotations.Type
	Form annotations.Form // a quote's, "" when the label does not tell
	Omit bool             // the label's spans are left out
}

// String is the target as -map writes it: quote, quote:indirect, speaker,
// claim or -.
func (t LabelTarget) String() string {
	switch {
	case t.Omit:
		return "-"
	case t.Form != "":
		return string(t.Type) + ":" + string(t.Form)
	}
	return string(t.Type)
}

// LabelMap maps labels, case-insensitively, to what they become. Keys are
// folded by labelKey.
type LabelMap map[string]LabelTarget

// ImportOptions are the choices an import takes beyond the file: with
// ImportWith, labels other than Quote, Speaker and Claim are read through
// Labels or, where Labels has none, the proposal of ProposeLabel; a label
// neither maps stops the import with an *UnmappedLabelsError.
type ImportOptions struct {
	Labels LabelMap
	// Relations overrides what a relation or event does, by its name
	// (folded by labelKey): true reads it as an attribution, false leaves
	// it out. A name it does not hold is an attribution when it links a
	// quote or claim to a speaker mention.
	Relations map[string]bool
	// DropPronouns leaves out speaker mentions that are a pronoun ("he",
	// "they"), and so their quotes' attributions.
	DropPronouns bool
	// TrimMarks takes the quotation marks other tools include off the ends
	// of quotes (TrimmedMarks), as our guidelines leave them out.
	TrimMarks bool
}

// spanLabel is what a span labelled label becomes in an import with
// options; keep false when it is left out (mapped to -, or unmapped, which
// stops the import once the whole file is read and its labels counted).
func (in *intake) spanLabel(label string) (tg LabelTarget, keep bool) {
	tg, ok := in.tally.resolve(label)
	return tg, ok && !tg.Omit
}

// readLabel is what a span labelled label becomes: with options, through
// the mapping (keep false: left out); without, Quote, Speaker or Claim
// only, else the error refuse makes.
func (in *intake) readLabel(label string, refuse func() error) (tg LabelTarget, keep bool, err error) {
	if in.opts != nil {
		tg, keep = in.spanLabel(label)
		return tg, keep, nil
	}
	typ, ok := typeFromLabel(label)
	if !ok {
		return tg, false, refuse()
	}
	return LabelTarget{Type: typ}, true, nil
}

// leaveOut records that the span the file names id is left out: what
// refers to it is left out with it.
func (d *draft) leaveOut(id string) {
	if d.left == nil {
		d.left = map[string]bool{}
	}
	d.left[id] = true
}

// relationKept is whether a relation or event named name may attribute
// (or join pieces), counting the name for the report.
func (in *intake) relationKept(name string) bool {
	in.relations.count(name)
	keep, ok := in.opts.Relations[labelKey(name)]
	return !ok || keep
}

// RelationCount is one relation or event name of an import and how many
// relations or events carry it.
type RelationCount struct {
	Name  string
	Count int
}

// relationTally counts an import's relation and event names as the reader
// meets them.
type relationTally struct {
	order []RelationCount
	at    map[string]int // labelKey(name) → index in order
}

func (t *relationTally) count(name string) { t.add(name, 1) }

// add counts n relations or events named name.
func (t *relationTally) add(name string, n int) {
	key := labelKey(name)
	if key == "" {
		return
	}
	i, ok := t.at[key]
	if !ok {
		if t.at == nil {
			t.at = map[string]int{}
		}
		i = len(t.order)
		t.at[key] = i
		t.order = append(t.order, RelationCount{Name: strings.TrimSpace(name)})
	}
	t.order[i].Count += n
}

// UnionRelations adds up several imports' relation names, in the order
// first met.
func UnionRelations(tables ...[]RelationCount) []RelationCount {
	var t relationTally
	for _, table := range tables {
		for _, r := range table {
			t.add(r.Name, r.Count)
		}
	}
	return t.order
}

// pronouns are the personal pronouns a corpus may mark as a source, in
// their case forms.
var pronouns = map[string]bool{
	"i": true, "me": true, "you": true, "he": true, "him": true, "she": true, "her": true,
	"it": true, "we": true, "us": true, "they": true, "them": true,
}

// IsPronoun reports whether a mention's text is a personal pronoun.
func IsPronoun(text string) bool { return pronouns[strings.ToLower(strings.TrimSpace(text))] }

// ParseRelationMap reads a -map-relation argument: "NAME=attribution|-,…".
func ParseRelationMap(s string) (map[string]bool, error) {
	m := map[string]bool{}
	for entry := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(entry) == "" {
			continue
		}
		name, target, ok := strings.Cut(entry, "=")
		key := labelKey(name)
		if !ok || key == "" {
			return nil, fmt.Errorf("relation map entry %q is not NAME=attribution or NAME=-", entry)
		}
		switch strings.ToLower(strings.TrimSpace(target)) {
		case "attribution":
			m[key] = true
		case "-":
			m[key] = false
		default:
			return nil, fmt.Errorf("relation map entry %q: target %q is not attribution or - (leave out)", entry, strings.TrimSpace(target))
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("the relation map %q has no entry", s)
	}
	return m, nil
}

// RelationsLeftOut is the ImportOptions.Relations that leaves out the
// relations and events named names, as -map-relation NAME=- does; nil for
// none.
func RelationsLeftOut(names []string) map[string]bool {
	if len(names) == 0 {
		return nil
	}
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[labelKey(n)] = false
	}
	return m
}

func labelKey(label string) string { return strings.ToLower(strings.TrimSpace(label)) }

// ParseLabelMap reads a -map argument: "LABEL=TARGET,…", each TARGET one
// of quote, quote:direct|indirect|mixed, speaker, claim or - (leave out).
func ParseLabelMap(s string) (LabelMap, error) {
	m := LabelMap{}
	for entry := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(entry) == "" {
			continue
		}
		label, target, ok := strings.Cut(entry, "=")
		if !ok {
			return nil, fmt.Errorf("label map entry %q is not LABEL=TARGET", entry)
		}
		if err := m.set(label, target); err != nil {
			return nil, fmt.Errorf("label map entry %q: %w", entry, err)
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("the label map %q has no entry", s)
	}
	return m, nil
}

// ParseLabelMapJSON reads a JSON object of label → target, the targets
// written as in ParseLabelMap.
func ParseLabelMapJSON(data []byte) (LabelMap, error) {
	var raw map[string]string
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("the label map is not a JSON object of label to target: %w", err)
	}
	labels := make([]string, 0, len(raw))
	for l := range raw {
		labels = append(labels, l)
	}
	slices.Sort(labels) // the same error every time
	m := LabelMap{}
	for _, l := range labels {
		if err := m.set(l, raw[l]); err != nil {
			return nil, fmt.Errorf("label map entry %q: %q: %w", l, raw[l], err)
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("the label map has no entry")
	}
	return m, nil
}

func (m LabelMap) set(label, target string) error {
	key := labelKey(label)
	if key == "" {
		return fmt.Errorf("the label is empty")
	}
	if _, dup := m[key]; dup {
		return fmt.Errorf("label %q is mapped twice", strings.TrimSpace(label))
	}
	t, err := parseLabelTarget(target)
	if err != nil {
		return err
	}
	m[key] = t
	return nil
}

func parseLabelTarget(s string) (LabelTarget, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "-" {
		return LabelTarget{Omit: true}, nil
	}
	typ, form, hasForm := strings.Cut(s, ":")
	t := LabelTarget{Type: annotations.Type(typ)}
	switch t.Type {
	case annotations.Quote, annotations.SpeakerMention, annotations.Claim:
	default:
		return t, fmt.Errorf("target %q is not quote, quote:direct, quote:indirect, quote:mixed, speaker, claim or - (leave out)", s)
	}
	if hasForm {
		f, ok := formFromString(form)
		if !ok || t.Type != annotations.Quote {
			return t, fmt.Errorf("target %q: only a quote takes a form, one of direct, indirect or mixed", s)
		}
		t.Form = f
	}
	return t, nil
}

// ProposeLabel is the target a label's name suggests: the types' names and
// their common synonyms, case-insensitively.
func ProposeLabel(label string) (LabelTarget, bool) {
	key := strings.NewReplacer("-", "_", " ", "_").Replace(labelKey(label))
	switch key {
	case "quote", "quotation", "content", "quote_content":
		return LabelTarget{Type: annotations.Quote}, true
	case "direct", "direct_quote", "quote_direct", "direct_quotation":
		return LabelTarget{Type: annotations.Quote, Form: annotations.Direct}, true
	case "indirect", "indirect_quote", "quote_indirect", "indirect_quotation", "reported_speech":
		return LabelTarget{Type: annotations.Quote, Form: annotations.Indirect}, true
	case "mixed", "mixed_quote", "quote_mixed":
		return LabelTarget{Type: annotations.Quote, Form: annotations.Mixed}, true
	case "speaker", "speaker_mention", "source", "person", "per", "mention":
		return LabelTarget{Type: annotations.SpeakerMention}, true
	case "claim", "fact":
		return LabelTarget{Type: annotations.Claim}, true
	}
	return LabelTarget{}, false
}

// labelTally counts an import's labels as the reader meets them, for the
// report and for the refusal of unmapped ones.
type labelTally struct {
	opts   *ImportOptions
	order  []string       // labels as first written, in the order met
	counts map[string]int // by labelKey
	shown  map[string]string
}

// LabelCount is one label of an import: how many spans carry it and what
// they became (Mapped false: no mapping and no proposal).
type LabelCount struct {
	Label  string
	Count  int
	Target LabelTarget
	Mapped bool
}

// resolve is what label becomes, counting it.
func (t *labelTally) resolve(label string) (LabelTarget, bool) {
	key := labelKey(label)
	if t.counts == nil {
		t.counts, t.shown = map[string]int{}, map[string]string{}
	}
	if _, seen := t.counts[key]; !seen {
		t.order = append(t.order, strings.TrimSpace(label))
		t.shown[key] = strings.TrimSpace(label)
	}
	t.counts[key]++
	return t.target(key)
}

func (t *labelTally) target(key string) (LabelTarget, bool) {
	if tg, ok := t.opts.Labels[key]; ok {
		return tg, true
	}
	return ProposeLabel(key)
}

// table is every label met, in order, with its count and target.
func (t *labelTally) table() []LabelCount {
	out := make([]LabelCount, 0, len(t.order))
	for _, l := range t.order {
		key := labelKey(l)
		tg, ok := t.target(key)
		out = append(out, LabelCount{Label: l, Count: t.counts[key], Target: tg, Mapped: ok})
	}
	return out
}

// UnmappedLabelsError stops an import that met labels neither the mapping
// nor a proposal maps: Labels lists every label met.
type UnmappedLabelsError struct {
	Format string
	Labels []LabelCount
	// Relations are the relation and event names met, for a dialog that
	// asks about the labels to show beside them.
	Relations []RelationCount
}

func (e *UnmappedLabelsError) Error() string {
	var b strings.Builder
	var unmapped []string
	for _, l := range e.Labels {
		if !l.Mapped {
			unmapped = append(unmapped, fmt.Sprintf("%q", l.Label))
		}
	}
	fmt.Fprintf(&b, "%s: no type for label(s) %s; the labels found:\n", e.Format, strings.Join(unmapped, ", "))
	for _, l := range e.Labels {
		what := "?"
		if l.Mapped {
			what = l.Target.String()
		}
		fmt.Fprintf(&b, "  %-20s %6d  %s\n", l.Label, l.Count, what)
	}
	fmt.Fprintf(&b, "import them with -map '%s' (a ? replaced by quote, quote:indirect, speaker, claim or - to leave the label out)", SuggestedMap(e.Labels))
	var odd []string
	for _, l := range e.Labels {
		if strings.ContainsAny(l.Label, ",='") {
			odd = append(odd, fmt.Sprintf("%q", l.Label))
		}
	}
	if odd != nil {
		fmt.Fprintf(&b, "; %s cannot be written in a -map argument (a comma, = or '): map them in a -map FILE.json, a JSON object of label to target", strings.Join(odd, ", "))
	}
	return b.String()
}

// SuggestedMap is the -map argument that names every label's target, "?"
// for a label with none.
func SuggestedMap(labels []LabelCount) string {
	parts := make([]string, 0, len(labels))
	for _, l := range labels {
		what := "?"
		if l.Mapped {
			what = l.Target.String()
		}
		parts = append(parts, l.Label+"="+what)
	}
	return strings.Join(parts, ",")
}
