package formats_test

import (
	"fmt"
	"time"

	"quotemark/annotations"
	"quotemark/annotations/formats"
)

const exampleText = "“We will not close the clinic,” said Mayor Zoë Ångström. Critics say 12 clinics closed since 2019."

// exampleSet tags a quote, its speaker's mention and a checkworthy claim.
// Its ids are random, which brat standoff does not keep: its output is the
// same every time.
func exampleSet() (*annotations.Article, *annotations.Set, error) {
	art := annotations.ArticleFromText("clinic", exampleText)
	s := annotations.NewSet(art, "Ana", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	q, err := s.Add(art, annotations.Quote, 1, 30)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.Add(art, annotations.SpeakerMention, 37, 55)
	if err != nil {
		return nil, nil, err
	}
	if err := s.Attribute(q.ID, m.Speaker); err != nil {
		return nil, nil, err
	}
	c, err := s.Add(art, annotations.Claim, 69, 97)
	if err != nil {
		return nil, nil, err
	}
	err = s.Update(c.ID, func(a *annotations.Annotation) { a.Checkworthy = true })
	return art, s, err
}

// brat standoff gives the .ann, the article's .txt (which its offsets, in
// code points, count in), an annotation.conf declaring quotemark's types and
// a visual.conf giving them labels and colours.
func ExampleExport() {
	art, s, err := exampleSet()
	if err != nil {
		fmt.Println(err)
		return
	}
	files, err := formats.Export("brat", art, []*annotations.Set{s})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		fmt.Println(f.Name)
	}
	fmt.Print(string(files[0].Data))
	// Output:
	// clinic.ann
	// clinic.txt
	// annotation.conf
	// visual.conf
	// T1	Quote 1 30	We will not close the clinic,
	// A1	Form T1 direct
	// T2	Speaker 37 55	Mayor Zoë Ångström
	// T3	Claim 69 97	12 clinics closed since 2019
	// A2	Checkworthy T3
	// R1	Attribution Arg1:T1 Arg2:T2
}

// Importing a brat .ann places its spans on the article and rebuilds the
// speakers by name, since brat keeps no ids.
func ExampleImport() {
	art := annotations.ArticleFromText("clinic", exampleText)
	ann := "T1\tQuote 1 30\tWe will not close the clinic,\n" +
		"T2\tSpeaker 37 55\tMayor Zoë Ångström\n" +
		"T3\tClaim 69 97\t12 clinics closed since 2019\n" +
		"A1\tCheckworthy T3\n" +
		"R1\tAttribution Arg1:T1 Arg2:T2\n"
	sets, reports, err := formats.Import("brat", []byte(ann), art)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := sets[0]
	for _, a := range s.Annotations {
		fmt.Printf("%s %d–%d %q speaker=%q form=%q checkworthy=%v\n", a.Type, a.Start, a.End, a.Exact, s.SpeakerName(a.Speaker), a.Form, a.Checkworthy)
	}
	fmt.Println("orphans:", reports[0].Orphaned)
	// Output:
	// quote 1–30 "We will not close the clinic," speaker="Mayor Zoë Ångström" form="direct" checkworthy=false
	// speaker 37–55 "Mayor Zoë Ångström" speaker="Mayor Zoë Ångström" form="" checkworthy=false
	// claim 69–97 "12 clinics closed since 2019" speaker="" form="" checkworthy=true
	// orphans: 0
}

// The content tells the format; the file name only where it cannot, as for
// an empty .ann file.
func ExampleDetectFormat() {
	for _, f := range []struct{ data, name string }{
		{`{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "target": "urn:x"}`, "notes.json"},
		{"T1\tQuote 1 30\tWe will not close the clinic,\n", "clinic.txt"},
		{"article_id,set_id,annotator,annotation_id,type,start,end,text,speaker,form,checkworthy,note\r\n", "export"},
		{`{"text": "…", "spans": []}` + "\n", "spans.jsonl"},
		{`{"text": "…", "entities": [], "relations": []}` + "\n", "spans.jsonl"},
		{`[{"data": {"text": "…"}, "annotations": []}]`, "tasks.json"},
		{"", "clinic.ann"},
	} {
		format, err := formats.DetectFormat([]byte(f.data), f.name)
		fmt.Println(f.name, format, err)
	}
	// Output:
	// notes.json w3c <nil>
	// clinic.txt brat <nil>
	// export csv <nil>
	// spans.jsonl jsonl <nil>
	// spans.jsonl doccano <nil>
	// tasks.json labelstudio <nil>
	// clinic.ann brat <nil>
}
