package annotations

import (
	"slices"
	"strings"
	"unicode"
)

// Speaker names that extend each other.
//
// An article names a person in full once ("Delbert Hosemann") and by a
// part of the name after that ("Hosemann", "Mr. Hosemann"), in either
// order as the annotator tags them. The rule that makes those one speaker:
//
//   - A name's key is its folded words (FoldName) without the courtesy
//     titles it starts with (see nameTitles): "Mr. Hosemann" has the key
//     "hosemann". A name made of titles alone keeps them.
//   - Name x extends name y when y's key words are a proper whole-word
//     suffix of x's: "Delbert Hosemann" extends "Hosemann", and through the
//     titles rule "Mr. Hosemann". Words are compared whole, so "Hosemann"
//     does not extend "Ann". Only a suffix counts, not a prefix: news
//     writing calls a person by the surname after the first mention, while
//     a first name alone ("Dana") is too often shared by two people of one
//     article to join them unasked; neither does a run in the middle
//     ("Hosemann" in "Delbert Hosemann Jr.").
//   - Only a name is extended: the shorter of the two must begin with a
//     capital letter, as names do in running text. A description ("the
//     coalition", "the agency") is not a name, and "Lawyers for the
//     coalition" are not the coalition; descriptions join only by an equal
//     key.
//   - SameSpeakerName: equal keys, or one extends the other.
//
// SpeakerForMention applies the rule to a new mention, and the agreement
// package applies SameSpeakerName when it compares two sets' speakers.

// nameTitles are the courtesy titles a name's key leaves out when they lead
// the name. The list is short on purpose: an office ("Governor") can be the
// only word a text uses for a person, and then it is kept as a name.
var nameTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true,
	"dr": true, "prof": true, "sir": true, "dame": true, "rev": true,
	"sen": true, "rep": true, "gov": true,
}

// nameKeyWords are the words of name's key (see the rule above).
func nameKeyWords(name string) []string {
	words := strings.Fields(FoldName(name))
	i := 0
	for i < len(words)-1 && nameTitles[strings.TrimSuffix(words[i], ".")] {
		i++
	}
	return words[i:]
}

// NameKey is the key speaker names are matched by: the folded words
// without leading courtesy titles ("Mr. Hosemann" → "hosemann").
func NameKey(name string) string { return strings.Join(nameKeyWords(name), " ") }

// NameExtends reports whether name long extends name short: short is a
// name (IsNameLike) and its key words are a proper whole-word suffix of
// long's.
func NameExtends(long, short string) bool {
	return IsNameLike(short) && wordsExtend(nameKeyWords(long), nameKeyWords(short))
}

// IsNameLike reports whether a speaker's name reads as a name rather than
// a description: its first letter is a capital ("Hosemann", "Mr.
// Hosemann", not "the coalition").
func IsNameLike(name string) bool {
	for _, r := range name {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || unicode.IsTitle(r)
		}
	}
	return false
}

func wordsExtend(long, short []string) bool {
	n := len(short)
	if n == 0 || len(long) <= n {
		return false
	}
	return slices.Equal(long[len(long)-n:], short)
}

// SameSpeakerName reports whether two names can name one speaker: their
// keys are equal and not empty, or one extends the other.
func SameSpeakerName(a, b string) bool {
	wa, wb := nameKeyWords(a), nameKeyWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	return slices.Equal(wa, wb) || wordsExtend(wa, wb) && IsNameLike(b) || wordsExtend(wb, wa) && IsNameLike(a)
}

// nameParts are the proper whole-word suffixes of a key's words: the keys
// the name extends.
func nameParts(words []string) []string {
	out := make([]string, 0, max(0, len(words)-1))
	for i := 1; i < len(words); i++ {
		out = append(out, strings.Join(words[i:], " "))
	}
	return out
}

// NameParts are the keys a name extends, shortest last: the proper
// whole-word suffixes of its key ("delbert hosemann" → "hosemann").
func NameParts(name string) []string { return nameParts(nameKeyWords(name)) }
