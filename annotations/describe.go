package annotations

// KindName names an annotation's kind as a sentence says it: "quote",
// "indirect quote", "speaker", "claim", "checkworthy claim".
func KindName(a Annotation) string {
	switch a.Type {
	case Quote:
		if a.Form != "" && a.Form != Direct {
			return string(a.Form) + " quote"
		}
	case SpeakerMention:
		return "speaker"
	case Claim:
		if a.Checkworthy {
			return "checkworthy claim"
		}
	}
	return string(a.Type)
}

// Describe says what an annotation is and whose, for a screen reader or a
// message: "quote by Delbert Hosemann", "quote, no speaker", "speaker
// Delbert Hosemann", "claim". speaker is the name of its speaker, "" for
// none; it is shown with ShownName.
func Describe(a Annotation, speaker string) string {
	kind := KindName(a)
	switch {
	case speaker != "" && a.Type == SpeakerMention:
		return kind + " " + ShownName(speaker)
	case speaker != "":
		return kind + " by " + ShownName(speaker)
	case a.Type == Quote:
		return kind + ", no speaker"
	}
	return kind
}
