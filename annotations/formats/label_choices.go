package formats

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"quotemark/annotations"
)

// LabelChoices are the targets a label can be given, in the order a picker
// offers them.
var LabelChoices = []LabelTarget{
	{Type: annotations.Quote},
	{Type: annotations.Quote, Form: annotations.Direct},
	{Type: annotations.Quote, Form: annotations.Indirect},
	{Type: annotations.Quote, Form: annotations.Mixed},
	{Type: annotations.SpeakerMention},
	{Type: annotations.Claim},
	{Omit: true},
}

// Name is the target as a person reads it: "quote", "indirect quote",
// "speaker mention", "claim", "left out".
func (t LabelTarget) Name() string {
	switch {
	case t.Omit:
		return "left out"
	case t.Form != "":
		return string(t.Form) + " " + string(t.Type)
	case t.Type == annotations.SpeakerMention:
		return "speaker mention"
	}
	return string(t.Type)
}

// ParseLabelTarget reads a target as -map writes it (LabelTarget.String).
func ParseLabelTarget(s string) (LabelTarget, error) { return parseLabelTarget(s) }

// Put maps label, case-insensitively, to t.
func (m LabelMap) Put(label string, t LabelTarget) { m[labelKey(label)] = t }

// LabelsAreOwn reports whether every label is one of quotemark's own names
// (Quote, Speaker, Claim) read as itself: such a file needs no mapping and
// its import reports as it always has.
func LabelsAreOwn(labels []LabelCount) bool {
	for _, l := range labels {
		if !l.Mapped || l.Target.Omit || l.Target.Form != "" || !strings.EqualFold(l.Label, string(l.Target.Type)) {
			return false
		}
	}
	return true
}

// LabelScan is what ScanLabels found in a file.
type LabelScan struct {
	Labels    []LabelCount    // every span label, its count and the target proposed
	Relations []RelationCount // every relation or event name and its count
	// Imported is the file imported with no mapping, nil when a label has
	// no type: an import that needs no mapping uses it as it is.
	Imported *Imported
}

// ScanLabels reads a file as ImportWith does with no mapping, for its labels
// and relation names: every span label, its count and the target proposed
// (Mapped false where there is none), and every relation or event name
// with its count. A file that breaks a rule other than an unmapped label
// gives the import's error.
func ScanLabels(format string, data []byte, art *annotations.Article) (*LabelScan, error) {
	imp, err := ImportWith(format, data, art, ImportOptions{})
	var unmapped *UnmappedLabelsError
	if errors.As(err, &unmapped) {
		return &LabelScan{Labels: unmapped.Labels, Relations: unmapped.Relations}, nil
	}
	if err != nil {
		return nil, err
	}
	return &LabelScan{Labels: imp.Labels, Relations: imp.Relations, Imported: imp}, nil
}

// LabelNotes say what became of each label and each relation or event name
// of an import with opts, a sentence each, as the import reports them.
func LabelNotes(labels []LabelCount, relations []RelationCount, opts ImportOptions) []string {
	notes := make([]string, 0, len(labels)+len(relations))
	for _, l := range labels {
		what := "left out"
		if !l.Target.Omit {
			what = "imported as " + l.Target.String()
		}
		notes = append(notes, fmt.Sprintf("label %s: %d span(s), %s", l.Label, l.Count, what))
	}
	for _, r := range relations {
		what := "read"
		if keep, ok := opts.Relations[labelKey(r.Name)]; ok && !keep {
			what = "left out"
		}
		notes = append(notes, fmt.Sprintf("relation %s: %d, %s", r.Name, r.Count, what))
	}
	return notes
}

// Notes say what became of an import's labels and relation names (none
// when the labels are quotemark's own), split spans, conflicting
// relations, pronoun mentions and trimmed quotes, a sentence each; opts
// are those it ran with.
func (imp *Imported) Notes(opts ImportOptions) []string {
	var notes []string
	if !LabelsAreOwn(imp.Labels) {
		notes = LabelNotes(imp.Labels, imp.Relations, opts)
	}
	if imp.Split > 0 {
		notes = append(notes, fmt.Sprintf("%d discontinuous span(s) split into %d annotation(s), a fragment each", imp.Split, imp.Fragments))
	}
	if imp.Conflicts > 0 {
		notes = append(notes, fmt.Sprintf("%d relation(s) attribute a quote or claim attributed already to another mention: left out, the first attribution kept", imp.Conflicts))
	}
	if imp.Pronouns > 0 {
		what := "imported as speakers named after the pronoun"
		if opts.DropPronouns {
			what = "left out, their quotes unattributed"
		}
		notes = append(notes, fmt.Sprintf("%d speaker mention(s) that are a pronoun: %s", imp.Pronouns, what))
	}
	if opts.TrimMarks {
		notes = append(notes, fmt.Sprintf("%d quote(s) adjusted: quotation marks taken off their ends", imp.Trimmed))
	}
	return notes
}

// CommandLineFlags are the flags of `quotemark import` that import as
// labels (each label's target, "?" where it has none) and opts say: -map
// '…', then -map-relation for the relations opts names, -pronouns drop and
// -trim-marks. A label that -map cannot write (a comma, = or ') needs -map
// FILE.json instead.
func CommandLineFlags(labels []LabelCount, opts ImportOptions) string {
	flags := "-map '" + SuggestedMap(labels) + "'"
	if len(opts.Relations) > 0 {
		var rels []string
		for _, name := range slices.Sorted(maps.Keys(opts.Relations)) {
			what := "attribution"
			if !opts.Relations[name] {
				what = "-"
			}
			rels = append(rels, name+"="+what)
		}
		flags += " -map-relation '" + strings.Join(rels, ",") + "'"
	}
	if opts.DropPronouns {
		flags += " -pronouns drop"
	}
	if opts.TrimMarks {
		flags += " -trim-marks"
	}
	return flags
}

// WithRemembered is labels with the targets chosen before (remembered, as
// a JSON label map) in place of the names' proposals, so that a project's
// next file starts from the last answer; a label not in it keeps its
// proposal.
func WithRemembered(labels []LabelCount, remembered LabelMap) []LabelCount {
	out := slices.Clone(labels)
	for i, l := range out {
		if t, ok := remembered[labelKey(l.Label)]; ok {
			out[i].Target, out[i].Mapped = t, true
		}
	}
	return out
}

// Remember is remembered with the targets of m added, as JSON for
// ParseLabelMapJSON; the labels are kept as folded (labelKey).
func Remember(remembered, m LabelMap) []byte {
	all := map[string]string{}
	for k, t := range remembered {
		all[k] = t.String()
	}
	for k, t := range m {
		all[k] = t.String()
	}
	data, _ := json.Marshal(all) // a map of strings always marshals
	return data
}
