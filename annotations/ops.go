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
		a.Speaker = s.SpeakerForMention(a.Exact).ID
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

// SpeakerForMention returns the speaker a mention names: one whose name
// equals the mention or ends with it as whole words, ignoring case and white
// space ("Hosemann" names "Delbert Hosemann"). Otherwise it adds a speaker
// named after the mention.
func (s *Set) SpeakerForMention(mention string) Speaker {
	m := FoldName(mention)
	if x := s.index(); x != nil {
		if sp, ok := x.firstSpeaker(x.names[m]); ok {
			return sp
		}
		if sp, ok := x.firstSpeaker(x.suffixes[m]); ok {
			return sp
		}
		sp := Speaker{ID: NewID(), Name: strings.Join(strings.Fields(mention), " ")}
		_ = s.insertSpeaker(sp) // a new UUID is not taken
		return sp
	}
	for _, sp := range s.Speakers { // exact names first
		if FoldName(sp.Name) == m {
			return sp
		}
	}
	for _, sp := range s.Speakers {
		if strings.HasSuffix(FoldName(sp.Name), " "+m) {
			return sp
		}
	}
	sp := Speaker{ID: NewID(), Name: strings.Join(strings.Fields(mention), " ")}
	_ = s.insertSpeaker(sp)
	s.Sort()
	return sp
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
			a.Speaker = s.SpeakerForMention(a.Exact).ID
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
