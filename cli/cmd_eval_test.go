package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quotemark/annotations"
)

var updateSuggestExpected = flag.Bool("update-suggest-expected", false, "rewrite cli/testdata/suggest/*.quotemark.json from the tables of cmd_eval_test.go")

// expect is one expected annotation of a test article, written by hand per
// the guidelines: its text, found inside the first occurrence of in (the
// text itself when in is empty).
type expect struct {
	typ         annotations.Type
	exact, in   string
	form        annotations.Form
	speaker     string
	checkworthy bool
}

func q(exact, in, speaker string) expect {
	return expect{typ: annotations.Quote, exact: exact, in: in, form: annotations.Direct, speaker: speaker}
}
func iq(exact, in, speaker string) expect {
	return expect{typ: annotations.Quote, exact: exact, in: in, form: annotations.Indirect, speaker: speaker}
}
func mq(exact, in, speaker string) expect {
	return expect{typ: annotations.Quote, exact: exact, in: in, form: annotations.Mixed, speaker: speaker}
}
func sp(exact, in, speaker string) expect {
	return expect{typ: annotations.SpeakerMention, exact: exact, in: in, speaker: speaker}
}
func cl(exact, speaker string, checkworthy bool) expect {
	return expect{typ: annotations.Claim, exact: exact, speaker: speaker, checkworthy: checkworthy}
}

// suggestExpected are the expected sets of the test articles of
// testdata/suggest, which carry the hard cases of the suggester: curly,
// straight, single, guillemet and „“ marks; apostrophes inside and at the
// ends of words (don't, Harbor's, the ’60s, voters’, kids'); a quotation
// interrupted by its attribution; a nested quotation; a quotation over two
// paragraphs; unclosed marks; scare quotes and titles; an embedded post;
// indirect quotes with and without "that", "told X that", "according to";
// pronouns; claims of numbers, money, dates, votes and rulings beside
// predictions, opinions and an author's biography.
var suggestExpected = map[string][]expect{
	"harbor_bridge": {
		cl("Port Ellis approves $48 million Harbor Bridge repair", "", true),
		iq("The city of Port Ellis will spend $48 million to repair the Harbor Bridge", "", "officials"),
		sp("officials", "officials said Tuesday", "officials"),
		cl("The bridge has been closed to trucks since March 2024", "", true),
		q("We don't have the luxury of waiting another decade,", "", "Dana Whitfield"),
		sp("Dana Whitfield", "", "Dana Whitfield"),
		q("The bridge was built in the ’60s and it shows.", "", "Dana Whitfield"),
		cl("The bridge was built in the ’60s and it shows", "Dana Whitfield", true),
		cl("The City Council voted 7-2 on Monday to approve the contract with Calder Construction", "", true),
		iq("The bridge carries about 31,000 vehicles a day", "", "the state transportation department"),
		cl("The bridge carries about 31,000 vehicles a day", "the state transportation department", true),
		sp("the state transportation department", "", "the state transportation department"),
		sp("Whitfield", "Whitfield said the work", "Dana Whitfield"),
		iq("the work will begin in June and should be finished by the end of 2026", "", "Dana Whitfield"),
		q("This is the most expensive repair in Harbor's history,", "", "Luis Ortega"),
		cl("This is the most expensive repair in Harbor's history", "Luis Ortega", false),
		sp("Luis Ortega", "", "Luis Ortega"),
		iq("the city had set aside $12 million in reserves for the project", "", "Luis Ortega"),
		cl("the city had set aside $12 million in reserves for the project", "Luis Ortega", true),
		cl("A group called “Fix It Now” collected 4,200 signatures last fall", "", true),
		sp("Ortega", "Ortega warned", "Luis Ortega"),
		q("If we wait, the cost doubles. Every study since 2019 has said so.", "", "Luis Ortega"),
		cl("Every study since 2019 has said so", "Luis Ortega", true),
		q("Every year we delay, the voters’ money buys less.", "", "Luis Ortega"),
		cl("A 2023 inspection rated the bridge deck as poor, the second-lowest rating on the state’s scale", "", true),
		sp("Whitfield", "Whitfield, a former", "Dana Whitfield"),
		q("long overdue and worth every penny.", "", "Dana Whitfield"),
		q("Nobody asked us,", "", "Marta Quinn"),
		sp("Marta Quinn", "", "Marta Quinn"),
		iq("the closures had cut her sales by a third", "", "Marta Quinn"),
		cl("the closures had cut her sales by a third", "Marta Quinn", true),
	},
	"school_board": {
		cl("The Millbrook school board on Thursday postponed a vote on moving high school start times to 8:45 a.m., after more than 300 parents signed a petition against the change", "", true),
		sp("Angela Reyes", "", "Angela Reyes"),
		iq("the district needs more time to study bus routes", "", "Angela Reyes"),
		q("We're not going to rush something that affects 14,000 students,", "", "Angela Reyes"),
		sp("Reyes", "Reyes said.", "Angela Reyes"),
		sp("Tom Haddad", "", "Tom Haddad"),
		iq("the change would save the district $1.2 million a year in transportation costs", "", "Tom Haddad"),
		q("My kids' schedule is already a mess,", "", "Priya Nair"),
		sp("Priya Nair", "", "Priya Nair"),
		q("Later start times won't fix that.", "", "Priya Nair"),
		sp("a district survey", "", "a district survey"),
		iq("62 percent of teachers support the later start", "", "a district survey"),
		cl("62 percent of teachers support the later start", "a district survey", true),
		q("Tonight the board listened. We'll keep pushing for a real study of the costs.", "", "Kevin Morse"),
		sp("Kevin Morse", "Kevin Morse (@", "Kevin Morse"),
		cl("The board's 'listening session' drew a crowd of about 200 people", "", true),
		sp("Haddad", "Haddad:", "Tom Haddad"),
		q("We heard every concern.", "", "Tom Haddad"),
		cl("In 2021, the board voted 5-2 to approve a four-day week, a decision a state court later overturned", "", true),
		sp("Reyes", "Reyes, who", "Angela Reyes"),
		iq("the vote will be rescheduled for June", "", "Angela Reyes"),
	},
	// Written and annotated before the suggester was run on it, and not
	// tuned to since: a held-out check.
	"er_wait_times": {
		cl("Riverside hospital cuts emergency wait times by a third", "", true),
		iq("Riverside General Hospital reduced average emergency room wait times from 96 minutes to 64 minutes last year", "", "the state health department"),
		cl("Riverside General Hospital reduced average emergency room wait times from 96 minutes to 64 minutes last year", "the state health department", true),
		sp("the state health department", "", "the state health department"),
		q("People used to give up and go home,", "", "Aisha Bello"),
		sp("Aisha Bello", "", "Aisha Bello"),
		q("Now most of them are seen within the hour.", "", "Aisha Bello"),
		cl("Now most of them are seen within the hour", "Aisha Bello", true),
		sp("Bello", "Bello said the hospital", "Aisha Bello"),
		iq("the hospital hired 40 nurses in 2024 and opened a second triage unit in October", "", "Aisha Bello"),
		cl("the hospital hired 40 nurses in 2024 and opened a second triage unit in October", "Aisha Bello", true),
		mq("they had “worked miracles under pressure.”", "", "Aisha Bello"),
		q("worked miracles under pressure.", "", "Aisha Bello"),
		sp("The nurses’ union", "", "The nurses’ union"),
		iq("staffing is still too thin", "", "The nurses’ union"),
		q("We’re exhausted,", "", "Carl Jennings"),
		sp("Carl Jennings", "", "Carl Jennings"),
		q("The numbers look good on paper,", "", "Carl Jennings"),
		q("but the night shifts are brutal.", "", "Carl Jennings"),
		cl("The hospital’s board approved a $3.5 million budget increase for the emergency department in January, records show", "", true),
		iq("wait times usually rise again once temporary staff leave", "", "Nora Lindqvist"),
		q("Proud of the team at Riverside General. This is what good management looks like.", "", "Paul Whitcomb"),
		sp("Paul Whitcomb", "Paul Whitcomb (@", "Paul Whitcomb"),
	},
	// Held out too: written and annotated after the rules were, then
	// measured once before any change.
	"fishing_lawsuit": {
		cl("Fishing fleet sues over new catch limits", "", true),
		cl("A coalition of 14 fishing companies filed a lawsuit Friday in federal court in Boston, challenging new limits that cut the allowed cod catch by 40 percent", "", true),
		sp("National Marine Fisheries Service", "", "National Marine Fisheries Service"),
		iq("it would defend the rules", "", "National Marine Fisheries Service"),
		q("The science is clear and the stock is in trouble,", "", "National Marine Fisheries Service"),
		sp("the agency", "the agency said", "National Marine Fisheries Service"),
		sp("Rosa Almeida", "", "Rosa Almeida"),
		q("a death sentence for small boats.", "", "Rosa Almeida"),
		q("I've got a crew of six and a mortgage on the boat,", "", "Rosa Almeida"),
		cl("I've got a crew of six and a mortgage on the boat", "Rosa Almeida", false),
		sp("Almeida", "Almeida said in", "Rosa Almeida"),
		q("What am I supposed to tell them?", "", "Rosa Almeida"),
		sp("court documents", "", "court documents"),
		iq("the coalition argues that the agency ignored its own economic study", "", "court documents"),
		sp("the coalition", "the coalition argues", "the coalition"),
		iq("the agency ignored its own economic study", "", "the coalition"),
		cl("the agency ignored its own economic study", "the coalition", true),
		sp("That study", "", "That study"),
		cl("That study estimated that the limits would cost the region $85 million a year", "", true),
		iq("the limits would cost the region $85 million a year", "", "That study"),
		sp("Lawyers for the coalition", "", "Lawyers for the coalition"),
		iq("they expect a ruling before the spring season", "", "Lawyers for the coalition"),
		cl("The agency has won two similar cases since 2015", "", true),
		cl("Cod landings in New England fell from 20,000 tons in 2010 to under 2,000 tons last year, federal data show", "", true),
	},
	// Held out: written, annotated and measured after the rules were done
	// (untuned: quotes overlap F1 0.833, mentions 0.857, claims 0.600,
	// attribution 1.000); three general gaps it showed were then fixed
	// ("told reporters the plan …" without "that", possessive sources,
	// "plan" as a noun).
	"broadband_bill": {
		cl("Senate panel advances broadband bill after heated debate", "", true),
		cl("The Senate Commerce Committee voted 15-11 on Wednesday to advance a $2 billion plan to expand rural broadband, sending the bill to the full Senate", "", true),
		q("This is about whether a kid in Dawson County can do her homework,", "", "Maria Ortiz"),
		sp("Maria Ortiz", "", "Maria Ortiz"),
		q("Right now, she can't.", "", "Maria Ortiz"),
		sp("Greg Halvorsen", "", "Greg Halvorsen"),
		mq("the plan \"throws money at a problem the private market is already solving.\"", "", "Greg Halvorsen"),
		q("throws money at a problem the private market is already solving.", "", "Greg Halvorsen"),
		sp("Halvorsen's office", "", "Halvorsen's office"),
		iq("he would offer an amendment to cut the funding in half", "", "Halvorsen's office"),
		iq("About 1 in 5 rural households lacks a high-speed connection", "", "Federal Communications Commission"),
		cl("About 1 in 5 rural households lacks a high-speed connection", "Federal Communications Commission", true),
		sp("Federal Communications Commission", "", "Federal Communications Commission"),
		cl("The agency counted 4.2 million such households in 2023", "", true),
		q("They said the same thing about rural electricity in the 1930s,", "", "Maria Ortiz"),
		cl("They said the same thing about rural electricity in the 1930s", "Maria Ortiz", true),
	},
	"water_utility": {
		cl("Court fines water utility over billing errors", "", true),
		cl("A state court on Wednesday fined Northgate Water €250,000 for overcharging 18,000 customers between 2019 and 2022", "", true),
		sp("Helena Brandt", "", "Helena Brandt"),
		mq("the utility had ignored «repeated written warnings» from regulators", "", "Helena Brandt"),
		cl("the utility had ignored «repeated written warnings» from regulators", "Helena Brandt", true),
		q("repeated written warnings", "", "Helena Brandt"),
		q("The company knew its meters were faulty and kept sending the bills,", "", "Helena Brandt"),
		cl("The company knew its meters were faulty and kept sending the bills", "Helena Brandt", true),
		sp("Brandt", "Brandt wrote.", "Helena Brandt"),
		q("We accept the decision and have already refunded most customers", "", "Mark Olsen"),
		cl("We accept the decision and have already refunded most customers", "Mark Olsen", false),
		sp("Mark Olsen", "", "Mark Olsen"),
		iq("the company had replaced 9,500 meters since January", "", "Mark Olsen"),
		cl("the company had replaced 9,500 meters since January", "Mark Olsen", true),
		sp("Rita Feld", "", "Rita Feld"),
		iq("the case showed how little oversight the sector gets", "", "Rita Feld"),
		q("When I asked the utility about it, they told me, ‘Our meters are fine,’ and that was the end of it,", "", "Rita Feld"),
		cl("Regulators opened an inquiry in 2021", "", true),
		iq("The inquiry found that bills were on average 14 percent too high", "", "the court"),
		sp("The inquiry", "The inquiry found", "The inquiry"),
		iq("bills were on average 14 percent too high", "", "The inquiry"),
		cl("bills were on average 14 percent too high", "The inquiry", true),
		sp("the court", "according to the court", "the court"),
		sp("Olsen", "Olsen said customers", "Mark Olsen"),
		iq("customers who have not received a refund should contact the company", "", "Mark Olsen"),
		q("We think the fine is too high, but we will pay it.", "", "Mark Olsen"),
	},
}

// expectedSet builds the expected set of a test article from its table.
func expectedSet(art *annotations.Article, want []expect) (*annotations.Set, error) {
	s := annotations.NewSet(art, "reference", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	for _, e := range want {
		in := e.in
		if in == "" {
			in = e.exact
		}
		bi := strings.Index(art.Text, in)
		if bi < 0 {
			return nil, fmt.Errorf("%q is not in the text", in)
		}
		bj := strings.Index(in, e.exact)
		if bj < 0 {
			return nil, fmt.Errorf("%q is not in %q", e.exact, in)
		}
		start := len([]rune(art.Text[:bi+bj]))
		end := start + len([]rune(e.exact))
		a, err := art.Span(start, end)
		if err != nil {
			return nil, err
		}
		sg := annotations.Suggestion{Annotation: a, SpeakerName: e.speaker}
		sg.Annotation.Type, sg.Annotation.Form, sg.Annotation.Checkworthy = e.typ, e.form, e.checkworthy
		if _, err := s.AcceptSuggestion(art, sg); err != nil {
			return nil, fmt.Errorf("%s %q: %v", e.typ, e.exact, err)
		}
	}
	return s, nil
}

// TestEvalExpectedSets checks that the expected sets of testdata/suggest
// are the tables above (rewrite them with -update-suggest-expected) and
// valid sets of their articles.
func TestEvalExpectedSets(t *testing.T) {
	for name, want := range suggestExpected {
		txt := filepath.Join(evalOwnDir, name+".txt")
		art := loadArticle(t, txt)
		art.ID = name
		s, err := expectedSet(art, want)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(evalOwnDir, name+".quotemark.json")
		if *updateSuggestExpected {
			old, err := os.ReadFile(path)
			if err == nil {
				if prev, err := annotations.Read(old); err == nil {
					s.ID = prev.ID // keep the file stable
				}
			}
			if err := os.WriteFile(path, annotations.Write(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (write it with go test -run TestEvalExpectedSets -update-suggest-expected)", err)
		}
		got, err := annotations.Read(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, err := got.Anchor(art); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if a, b := describeExpected(got), describeExpected(s); a != b {
			t.Errorf("%s differs from its table:\nfile:\n%s\ntable:\n%s", path, a, b)
		}
	}
}

// describeExpected lists a set's annotations without ids, for comparing.
func describeExpected(s *annotations.Set) string {
	var b strings.Builder
	for _, a := range s.Annotations {
		fmt.Fprintf(&b, "%s %d-%d %s %s %v %q\n", a.Type, a.Start, a.End, a.Form, s.SpeakerName(a.Speaker), a.Checkworthy, a.Exact)
	}
	return b.String()
}
