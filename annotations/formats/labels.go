package formats

import (
	"slices"
	"strings"

	"quotemark/annotations"
)

// typeLabels are the span labels of brat, JSONL, Label Studio and doccano.
var typeLabels = map[annotations.Type]string{annotations.Quote: "Quote", annotations.SpeakerMention: "Speaker", annotations.Claim: "Claim"}

// typeFromLabel reads a span label case-insensitively, with the synonyms
// other tools' projects use.
func typeFromLabel(label string) (annotations.Type, bool) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "quote", "quotation":
		return annotations.Quote, true
	case "speaker", "mention", "speaker mention", "source", "person":
		return annotations.SpeakerMention, true
	case "claim":
		return annotations.Claim, true
	}
	return "", false
}

func formFromString(s string) (annotations.Form, bool) {
	f := annotations.Form(strings.ToLower(strings.TrimSpace(s)))
	return f, slices.Contains(annotations.Forms, f)
}
