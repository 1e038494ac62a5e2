package annotations

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Span fills an annotation's Start, End, Exact, Prefix and Suffix from the
// article's text.
func (a *Article) Span(start, end int) (Annotation, error) {
	o := a.Offsets()
	if start < 0 || end <= start || end > o.Len() {
		return Annotation{}, fmt.Errorf("span %d–%d is not inside the article (length %d)", start, end, o.Len())
	}
	return Annotation{
		Start:  start,
		End:    end,
		Exact:  o.Slice(start, end),
		Prefix: o.Slice(max(0, start-ContextLen), start),
		Suffix: o.Slice(end, min(o.Len(), end+ContextLen)),
	}, nil
}

// Add tags the span start–end of the article with a new annotation of the
// given type. A speaker mention is linked to the speaker it names (see
// SpeakerForMention), creating the speaker when there is none; it must lie
// within one paragraph (CheckMentionSpan). The new
// annotation is returned.
func (s *Set) Add(art *Article, typ Type, start, end int) (Annotation, error) {
	if art.SHA256 != s.Article.SHA256 {
		return Annotation{}, fmt.Errorf("the set is for another version of article %q", s.Article.ID)
	}
	a, err := art.Span(start, end)
	if err != nil {
		return Annotation{}, err
	}
	if s.HasSpan(typ, start, end) {
		return Annotation{}, fmt.Errorf("there is already a %s at %d–%d", typ, start, end)
	}
	a.ID = NewID()
	a.Type = typ
	switch typ {
	case Quote:
		a.Form = Direct
	case SpeakerMention:
		if err := checkMentionName(a.Exact); err != nil {
			return Annotation{}, err
		}
		if err := CheckMentionSpan(art, start, end); err != nil {
			return Annotation{}, err
		}
		a.Speaker = s.speakerForMention(a.Exact, start).ID
	case Claim:
	default:
		return Annotation{}, fmt.Errorf("%q is not an annotation type", typ)
	}
	if err := s.insertAnn(a); err != nil {
		return Annotation{}, err
	}
	s.resort()
	return a, nil
}

// SpeakerForMention returns the speaker a mention names, as
// speakerForMention does for a mention at no known place (so two speakers
// the mention could name make a new speaker).
func (s *Set) SpeakerForMention(mention string) Speaker { return s.speakerForMention(mention, -1) }

// speakerForMention returns the speaker a mention at code point at names
// (see speaker_names.go for the name rule), in this order:
//
//  1. a speaker whose name equals the mention, ignoring case and white space;
//  2. one whose name has the mention's key ("Mr. Hosemann" for "Hosemann");
//  3. one whose name extends the mention or that the mention extends
//     ("Delbert Hosemann" for "Hosemann", and "Hosemann" for "Delbert
//     Hosemann"). When the mention is the fuller name the speaker takes it:
//     a speaker keeps the longest name it has been given.
//
// When a step finds two or more speakers the mention is ambiguous
// ("Hosemann" with both "Delbert Hosemann" and "Mary Hosemann"): it is not
// settled by the speakers' order but by the text, the speaker with a
// mention nearest before at. When none of them has a mention before at,
// the mention gets a new speaker named after it, for the annotator to merge
// by hand. With no speaker found, a new one is added.
//
// On a History's set the look-ups are index reads (by folded name, by key
// and by the keys a name extends), not a pass over the speakers.
func (s *Set) speakerForMention(mention string, at int) Speaker {
	name := strings.Join(strings.Fields(mention), " ")
	words := nameKeyWords(mention)
	exact, same, related := s.speakersNamedLike(mention, FoldName(mention), words)
	if len(exact) > 0 {
		return exact[0]
	}
	sp, found := Speaker{}, false
	switch {
	case len(same) > 0:
		sp, found = s.nearestSpeaker(same, at)
	case len(related) > 0:
		sp, found = s.nearestSpeaker(related, at)
		if found && len(words) > len(nameKeyWords(sp.Name)) {
			s.renameSpeakerAt(s.SpeakerPos(sp.ID), name)
			s.resort()
			sp.Name = name
		}
	}
	if found {
		return sp
	}
	sp = Speaker{ID: NewID(), Name: name}
	_ = s.insertSpeaker(sp) // a new UUID is not taken
	s.resort()
	return sp
}

// speakersNamedLike finds the speakers a mention with the folded text
// folded and the key words words may name: by equal folded name (the first
// in the speakers' order only), by equal key, and by a name that extends
// the mention or that the mention extends.
func (s *Set) speakersNamedLike(mention, folded string, words []string) (exact, same, related []Speaker) {
	key := strings.Join(words, " ")
	parts := nameParts(words)
	if x := s.index(); x != nil {
		if sp, ok := x.firstSpeaker(x.names[folded]); ok {
			return []Speaker{sp}, nil, nil
		}
		if key == "" {
			return nil, nil, nil
		}
		byID := func(ids []string, into []Speaker) []Speaker {
			for _, id := range ids {
				if !slices.ContainsFunc(into, func(sp Speaker) bool { return sp.ID == id }) {
					into = append(into, Speaker{ID: id, Name: x.spk[id]})
				}
			}
			return into
		}
		same = byID(x.keys[key], nil)
		if IsNameLike(mention) { // names extending the mention
			related = byID(x.parts[key], nil)
		}
		for _, p := range parts { // names the mention extends
			related = byID(x.keys[p], related)
		}
		related = slices.DeleteFunc(related, func(sp Speaker) bool { return !SameSpeakerName(sp.Name, mention) })
		return nil, same, related
	}
	for _, sp := range s.Speakers {
		if FoldName(sp.Name) == folded {
			return []Speaker{sp}, nil, nil
		}
	}
	if key == "" {
		return nil, nil, nil
	}
	for _, sp := range s.Speakers {
		w := nameKeyWords(sp.Name)
		switch {
		case slices.Equal(w, words):
			same = append(same, sp)
		case SameSpeakerName(sp.Name, mention):
			related = append(related, sp)
		}
	}
	return nil, same, related
}

// nearestSpeaker picks one of candidates: the only one, or the one with a
// speaker mention nearest before code point at. It finds none when two or
// more are left and none has a mention before at.
func (s *Set) nearestSpeaker(candidates []Speaker, at int) (Speaker, bool) {
	if len(candidates) == 1 {
		return candidates[0], true
	}
	best, bestStart := -1, -1
	for i, sp := range candidates {
		if start := s.lastMentionBefore(sp.ID, at); start > bestStart {
			best, bestStart = i, start
		}
	}
	if best < 0 {
		return Speaker{}, false
	}
	return candidates[best], true
}

// lastMentionBefore is the start of the last speaker mention of speaker id
// that starts before code point at, or -1. On an indexed set it reads only
// that speaker's annotations.
func (s *Set) lastMentionBefore(id string, at int) int {
	last := -1
	if at < 0 {
		return last
	}
	if x := s.index(); x != nil {
		for annID := range x.uses[id] {
			if k := x.ann[annID]; k.typ == SpeakerMention && k.start < at && k.start > last {
				last = k.start
			}
		}
		return last
	}
	for _, a := range s.Annotations {
		if a.Type == SpeakerMention && a.Speaker == id && a.Start < at && a.Start > last {
			last = a.Start
		}
	}
	return last
}

// checkMentionName refuses a mention that names no one: white space or
// punctuation alone would make a speaker with a blank name, or match one.
func checkMentionName(exact string) error {
	if FoldName(exact) == "" {
		return fmt.Errorf("a speaker mention must contain a name, not %q", exact)
	}
	return nil
}

// FoldName compares names ignoring case, white space and surrounding
// punctuation.
func FoldName(name string) string {
	name = strings.TrimFunc(name, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// Update replaces the editable fields of an annotation: type, form,
// checkworthy, note and speaker. Fields that do not belong to the new type are
// cleared; a mention keeps or gets a speaker.
func (s *Set) Update(id string, change func(a *Annotation)) error {
	i := s.AnnotationPos(id)
	if i < 0 {
		return fmt.Errorf("no annotation %s", id)
	}
	a := s.Annotations[i]
	change(&a)
	a.ID, a.Start, a.End, a.Exact, a.Prefix, a.Suffix = s.Annotations[i].ID, s.Annotations[i].Start,
		s.Annotations[i].End, s.Annotations[i].Exact, s.Annotations[i].Prefix, s.Annotations[i].Suffix
	switch a.Type {
	case Quote:
		a.Checkworthy = false
		if a.Form == "" {
			a.Form = Direct
		}
	case SpeakerMention:
		a.Form, a.Checkworthy = "", false
		if a.Speaker == "" {
			if err := checkMentionName(a.Exact); err != nil {
				return err
			}
			a.Speaker = s.speakerForMention(a.Exact, a.Start).ID
		}
	case Claim:
		a.Form = ""
	}
	if err := validateAnnotationWith(a, s.Article.Length, s.hasSpeaker()); err != nil {
		err.Path = "annotation" + err.Path
		return err
	}
	s.setAnnAt(i, a)
	s.forgetApproximate(id) // edited, so looked at
	s.resort()
	return nil
}

// Delete removes an annotation.
func (s *Set) Delete(id string) error {
	i := s.AnnotationPos(id)
	if i < 0 {
		return fmt.Errorf("no annotation %s", id)
	}
	s.removeAnnAt(i)
	s.forgetApproximate(id)
	return nil
}

// Attribute sets the speaker of a quote or claim; "" unattributes it.
func (s *Set) Attribute(id, speakerID string) error {
	a, ok := s.Annotation(id)
	if !ok {
		return fmt.Errorf("no annotation %s", id)
	}
	if a.Type == SpeakerMention && speakerID == "" {
		return fmt.Errorf("a speaker mention must name a speaker")
	}
	if speakerID != "" && s.SpeakerPos(speakerID) < 0 {
		return fmt.Errorf("no speaker %s", speakerID)
	}
	return s.Update(id, func(a *Annotation) { a.Speaker = speakerID })
}

// AddSpeaker adds a speaker by name, or returns the one with that name.
func (s *Set) AddSpeaker(name string) (Speaker, error) {
	if isBlank(name) {
		return Speaker{}, fmt.Errorf("a speaker's name cannot be empty")
	}
	name = strings.Join(strings.Fields(name), " ")
	if x := s.index(); x != nil {
		if sp, ok := x.firstSpeaker(x.names[FoldName(name)]); ok {
			return sp, nil
		}
	} else {
		for _, sp := range s.Speakers {
			if FoldName(sp.Name) == FoldName(name) {
				return sp, nil
			}
		}
	}
	sp := Speaker{ID: NewID(), Name: name}
	if err := s.insertSpeaker(sp); err != nil {
		return Speaker{}, err
	}
	s.resort()
	return sp, nil
}

// RenameSpeaker changes a speaker's name.
func (s *Set) RenameSpeaker(id, name string) error {
	i := s.SpeakerPos(id)
	if i < 0 {
		return fmt.Errorf("no speaker %s", id)
	}
	if isBlank(name) {
		return fmt.Errorf("a speaker's name cannot be empty")
	}
	s.renameSpeakerAt(i, strings.Join(strings.Fields(name), " "))
	s.resort()
	return nil
}

// MergeSpeakers moves every attribution and mention of speaker from onto
// speaker into and removes from.
func (s *Set) MergeSpeakers(from, into string) error {
	if from == into {
		return fmt.Errorf("cannot merge a speaker into itself")
	}
	i := s.SpeakerPos(from)
	if i < 0 {
		return fmt.Errorf("no speaker %s", from)
	}
	if s.SpeakerPos(into) < 0 {
		return fmt.Errorf("no speaker %s", into)
	}
	s.respeak(from, into)
	s.removeSpeakerAt(s.SpeakerPos(from))
	return nil
}

// respeak makes the annotations and orphans naming speaker from name
// speaker to instead. On an indexed set it touches only those (see
// setIndex.uses); a speaker's annotations keep their places.
func (s *Set) respeak(from, to string) {
	for _, i := range s.annotationsNaming(from) {
		a := s.Annotations[i]
		a.Speaker = to
		s.setAnnAt(i, a)
	}
	if x := s.index(); x != nil && x.orphanUses[from] == 0 {
		return
	}
	for j := range s.Orphans { // orphans are few
		if o := s.Orphans[j]; o.Annotation.Speaker == from {
			o.Annotation.Speaker = to
			s.setOrphanAt(j, o)
		}
	}
}

// DeleteSpeaker removes a speaker no mention names; quotes and claims
// attributed to it become unattributed.
func (s *Set) DeleteSpeaker(id string) error {
	i := s.SpeakerPos(id)
	if i < 0 {
		return fmt.Errorf("no speaker %s", id)
	}
	for _, j := range s.annotationsNaming(id) {
		if a := s.Annotations[j]; a.Type == SpeakerMention {
			return fmt.Errorf("speaker %q is named by a mention at %d–%d; delete or merge it instead", s.Speakers[i].Name, a.Start, a.End)
		}
	}
	// An orphaned mention of a deleted speaker could never be placed again.
	for _, o := range s.Orphans {
		if o.Annotation.Type == SpeakerMention && o.Annotation.Speaker == id {
			return fmt.Errorf("speaker %q is named by an orphaned mention %q; delete the orphan or merge the speaker instead", s.Speakers[i].Name, Clip(o.Annotation.Exact, 40))
		}
	}
	s.respeak(id, "")
	s.removeSpeakerAt(i)
	return nil
}

// At returns the annotations covering code point cp, innermost first.
// An indexed set (one a History owns) answers from its cover tree; a plain
// set scans the annotations that start at or before cp.
func (s *Set) At(cp int) []Annotation {
	if x := s.index(); x != nil && s.j == nil {
		return s.at(x, cp)
	}
	var hits []Annotation
	for _, a := range s.Annotations {
		if a.Start > cp {
			break // sorted by start
		}
		if cp < a.End {
			hits = append(hits, a)
		}
	}
	slices.SortStableFunc(hits, func(a, b Annotation) int { return (a.End - a.Start) - (b.End - b.Start) })
	return hits
}

func (s *Set) speakerIDs() map[string]bool {
	ids := make(map[string]bool, len(s.Speakers))
	for _, sp := range s.Speakers {
		ids[sp.ID] = true
	}
	return ids
}
