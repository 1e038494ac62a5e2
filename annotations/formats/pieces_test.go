package formats

import (
	"fmt"
	"strings"
	"testing"

	"quotemark/annotations"
)

// piecesText has an emoji and curly quotes before its spans: code points,
// UTF-16 units and bytes differ from the first span on.
const piecesText = "🗳 “We will win,” Ray said, “and\nnobody will stop us.” Ann said “no” to it."

// piecesOffsets are piecesText's spans in code points.
var piecesOffsets = map[string][2]int{}

func init() {
	runes := []rune(piecesText)
	for _, s := range []string{"We will win", "Ray", "and\nnobody will stop us", "and", "nobody will stop us", "Ann", "no", "”"} {
		i := strings.Index(piecesText, s)
		switch s {
		case "”":
			i = strings.Index(piecesText, "us.”") + len("us.")
		case "no":
			i = strings.Index(piecesText, "“no”") + len("“")
		}
		start := len([]rune(piecesText[:i]))
		piecesOffsets[s] = [2]int{start, start + len([]rune(s))}
		if string(runes[start:start+len([]rune(s))]) != s {
			panic(s)
		}
	}
}

// lsPiecesTask is a Label Studio task on piecesText with results.
func lsPiecesTask(results ...string) []byte {
	return []byte(fmt.Sprintf(`[{"data": {"text": %q}, "annotations": [{"result": [%s]}]}]`, piecesText, strings.Join(results, ",")))
}

func lsLabels(id, piece, label string) string {
	o := piecesOffsets[piece]
	return fmt.Sprintf(`{"id": %q, "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": %d, "end": %d, "labels": [%q]}}`, id, o[0], o[1], label)
}

func lsRelates(from, to, label string) string {
	return fmt.Sprintf(`{"from_id": %q, "to_id": %q, "type": "relation", "direction": "right", "labels": [%q]}`, from, to, label)
}

// spanList is a set's annotations as "type start–end exact speaker".
func spanList(s *annotations.Set) string {
	var b strings.Builder
	for _, a := range s.Annotations {
		fmt.Fprintf(&b, "%s %d–%d %q %s\n", a.Type, a.Start, a.End, a.Exact, s.SpeakerName(a.Speaker))
	}
	return b.String()
}

func importPieces(t *testing.T, format string, data []byte) *Imported {
	t.Helper()
	imp, err := ImportWith(format, data, annotations.ArticleFromText("a", piecesText), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

// TestImportWithLabelStudioRegionPieces: one region id labelled in three
// ranges is three quotes of the speaker its relation names, the closing
// mark alone none; Import, without a mapping, refuses it as it did.
func TestImportWithLabelStudioRegionPieces(t *testing.T) {
	data := lsPiecesTask(lsLabels("q", "We will win", "CONTENT"), lsLabels("s", "Ray", "SOURCE"), lsLabels("q", "nobody will stop us", "CONTENT"),
		lsLabels("q", "”", "CONTENT"), lsLabels("q", "and", "CONTENT"), lsRelates("s", "q", "says"),
		`{"id": "q", "from_name": "note", "to_name": "text", "type": "textarea", "value": {"text": ["one quote"]}}`)
	imp := importPieces(t, "labelstudio", data)
	want := "quote 3–14 \"We will win\" Ray\nspeaker 17–20 \"Ray\" Ray\nquote 28–31 \"and\" Ray\nquote 32–51 \"nobody will stop us\" Ray\n"
	if got := spanList(imp.Sets[0]); got != want {
		t.Errorf("annotations\n%s\nwant\n%s", got, want)
	}
	for _, a := range imp.Sets[0].Annotations {
		if a.Type == annotations.Quote && a.Note != "one quote" {
			t.Errorf("quote %q has note %q: a region's fields are every piece's", a.Exact, a.Note)
		}
	}
	if imp.Split != 1 || imp.Fragments != 3 || imp.Labels[0].Count != 1 {
		t.Errorf("split %d into %d, labels %+v; want 1 into 3, CONTENT counted once", imp.Split, imp.Fragments, imp.Labels)
	}
	if _, _, err := Import("labelstudio", []byte(strings.ReplaceAll(strings.ReplaceAll(string(data), "CONTENT", "Quote"), "SOURCE", "Speaker")), annotations.ArticleFromText("a", piecesText)); err == nil ||
		!strings.Contains(err.Error(), "region q is labelled twice") {
		t.Errorf("Import: %v", err)
	}
	// Pieces under two labels are refused.
	if _, err := ImportWith("labelstudio", lsPiecesTask(lsLabels("q", "We will win", "CONTENT"), lsLabels("q", "Ann", "SOURCE")), annotations.ArticleFromText("a", piecesText), ImportOptions{}); err == nil ||
		!strings.Contains(err.Error(), `region q is labelled "SOURCE" here and "content" before`) {
		t.Errorf("two labels: %v", err)
	}
}

// TestImportWithLabelStudioRegionBrokenAtLineBreak: pieces whose gap is a
// line break are one span, as brat's are: one quote, nothing split.
func TestImportWithLabelStudioRegionBrokenAtLineBreak(t *testing.T) {
	imp := importPieces(t, "labelstudio", lsPiecesTask(lsLabels("q", "nobody will stop us", "CONTENT"), lsLabels("q", "and", "CONTENT")))
	if got, want := spanList(imp.Sets[0]), "quote 28–51 \"and\\nnobody will stop us\" \n"; got != want || imp.Split != 0 {
		t.Errorf("annotations %s, split %d; want %s", got, imp.Split, want)
	}
}

// TestImportWithLabelStudioRelatedPieces: pieces as regions of their own
// joined by a relation (kazu's "non-contig") share the attribution one of
// them has; a piece attributed to another mention keeps its own, counted
// as a conflict; regions of other labels are not joined.
func TestImportWithLabelStudioRelatedPieces(t *testing.T) {
	imp := importPieces(t, "labelstudio", lsPiecesTask(
		lsLabels("q1", "We will win", "CONTENT"), lsLabels("q2", "nobody will stop us", "CONTENT"), lsLabels("q3", "no", "CONTENT"),
		lsLabels("m", "”", "CONTENT"), lsLabels("s", "Ray", "SOURCE"), lsLabels("a", "Ann", "SOURCE"), lsLabels("o", "and", "CLAIM"),
		lsRelates("q1", "q2", "non-contig"), lsRelates("m", "q2", "non-contig"), lsRelates("q2", "s", "said_by"),
		lsRelates("q2", "q3", "non-contig"), lsRelates("a", "q3", "says"), lsRelates("o", "q1", "non-contig")))
	want := "quote 3–14 \"We will win\" Ray\nspeaker 17–20 \"Ray\" Ray\nclaim 28–31 \"and\" \nquote 32–51 \"nobody will stop us\" Ray\n" +
		"speaker 54–57 \"Ann\" Ann\nquote 64–66 \"no\" Ann\n"
	if got := spanList(imp.Sets[0]); got != want {
		t.Errorf("annotations\n%s\nwant\n%s", got, want)
	}
	if imp.Split != 1 || imp.Fragments != 3 || imp.Conflicts != 1 {
		t.Errorf("split %d into %d, conflicts %d; want 1 into 3, 1", imp.Split, imp.Fragments, imp.Conflicts)
	}
}

// TestImportWithJSONLProdigyAnswers: a Prodigy answer rejected or ignored
// is no set with a mapping; without one it is read as before.
func TestImportWithJSONLProdigyAnswers(t *testing.T) {
	o := piecesOffsets["Ray"]
	line := func(answer string) string {
		return fmt.Sprintf(`{"text": %q, "spans": [{"start": %d, "end": %d, "token_start": 4, "token_end": 4, "label": "SPEAKER"}], "answer": %q, "_annotator_id": "ds-bo"}`+"\n", piecesText, o[0], o[1], answer)
	}
	imp := importPieces(t, "jsonl", []byte(line("reject")+line("accept")+line("ignore")))
	if len(imp.Sets) != 1 || imp.Sets[0].Annotator != "ds-bo" || imp.Labels[0].Count != 1 {
		t.Errorf("%d sets, annotator %q, labels %+v; want the accepted one by ds-bo", len(imp.Sets), imp.Sets[0].Annotator, imp.Labels)
	}
	if _, err := ImportWith("jsonl", []byte(line("reject")), annotations.ArticleFromText("a", piecesText), ImportOptions{}); err == nil || !strings.Contains(err.Error(), "holds no annotation set") {
		t.Errorf("only a rejected answer: %v", err)
	}
	sets, _, err := Import("jsonl", []byte(line("reject")+line("accept")), annotations.ArticleFromText("a", piecesText))
	if err != nil || len(sets) != 2 || sets[0].Annotator != "" {
		t.Errorf("Import: %d sets, %v", len(sets), err)
	}
}

// TestImportWithPiecesOnlyUnderOneLabel: doccano entities the quotemark
// key gives ids of their own are joined by their label as read, not by the
// ids they were read under: a quote related to a claim is no span in
// pieces; two quotes joined are. A region related to itself is none.
func TestImportWithPiecesOnlyUnderOneLabel(t *testing.T) {
	u16 := func(piece string) string {
		o := annotations.NewOffsets(piecesText)
		return fmt.Sprintf(`"start_offset": %d, "end_offset": %d`, o.UTF16(piecesOffsets[piece][0]), o.UTF16(piecesOffsets[piece][1]))
	}
	line := func(labelOf3 string) []byte {
		return []byte(fmt.Sprintf(`{"text": %q, "entities": [{"id": 1, "label": "CONTENT", %s}, {"id": 2, "label": "SOURCE", %s}, {"id": 3, "label": %q, %s}], `+
			`"relations": [{"id": 1, "from_id": 1, "to_id": 3, "type": "part_of"}, {"id": 2, "from_id": 2, "to_id": 1, "type": "says"}], `+
			`"quotemark": {"annotations": [{"entity": 1, "id": "q-1"}, {"entity": 3, "id": "q-3"}]}}`+"\n",
			piecesText, u16("We will win"), u16("Ray"), labelOf3, u16("nobody will stop us")))
	}
	imp := importPieces(t, "doccano", line("FACT"))
	if got, want := spanList(imp.Sets[0]), "quote 3–14 \"We will win\" Ray\nspeaker 17–20 \"Ray\" Ray\nclaim 32–51 \"nobody will stop us\" \n"; got != want || imp.Split != 0 {
		t.Errorf("a quote related to a claim: split %d,\n%s\nwant\n%s", imp.Split, got, want)
	}
	imp = importPieces(t, "doccano", line("CONTENT"))
	if got, want := spanList(imp.Sets[0]), "quote 3–14 \"We will win\" Ray\nspeaker 17–20 \"Ray\" Ray\nquote 32–51 \"nobody will stop us\" Ray\n"; got != want || imp.Split != 1 {
		t.Errorf("two quotes related: split %d,\n%s\nwant\n%s", imp.Split, got, want)
	}
	imp = importPieces(t, "labelstudio", lsPiecesTask(lsLabels("q", "We will win", "CONTENT"), lsRelates("q", "q", "part_of")))
	if imp.Split != 0 || len(imp.Sets[0].Annotations) != 1 {
		t.Errorf("a region related to itself: split %d, %s", imp.Split, spanList(imp.Sets[0]))
	}
}
