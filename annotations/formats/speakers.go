package formats

import (
	"strings"

	"quotemark/annotations"

	"github.com/google/uuid"
)

// speakerBook rebuilds speakers by name for formats that keep only names.
// Ids are derived from the set's id and the name, so importing the same
// file twice gives the same ids.
type speakerBook struct {
	set    *annotations.Set
	byName map[string]string
	ids    map[string]int // speaker id → index in set.Speakers
}

func newSpeakerBook(s *annotations.Set) *speakerBook {
	b := &speakerBook{set: s, byName: map[string]string{}, ids: map[string]int{}}
	for i, sp := range s.Speakers {
		b.ids[sp.ID] = i
	}
	return b
}

func (b *speakerBook) addSpeaker(id, name string) {
	b.ids[id] = len(b.set.Speakers)
	b.set.Speakers = append(b.set.Speakers, annotations.Speaker{ID: id, Name: name})
}

// speaker is the speaker with id.
func (b *speakerBook) speaker(id string) (annotations.Speaker, bool) {
	i, ok := b.ids[id]
	if !ok {
		return annotations.Speaker{}, false
	}
	return b.set.Speakers[i], true
}

// byNameID returns the id of the speaker with this name, adding one.
func (b *speakerBook) byNameID(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return ""
	}
	key := annotations.FoldName(name)
	if key == "" {
		key = name
	}
	if id, ok := b.byName[key]; ok {
		return id
	}
	ns, err := uuid.Parse(b.set.ID)
	if err != nil {
		ns = uuid.NameSpaceOID
	}
	id := uuid.NewSHA1(ns, []byte("speaker:"+key)).String()
	for _, taken := b.ids[id]; taken; _, taken = b.ids[id] { // by a speaker with its own id
		id = uuid.NewSHA1(ns, []byte(id)).String()
	}
	b.addSpeaker(id, name)
	b.byName[key] = id
	return id
}

// withID adds a speaker the file gives with its id, refusing one id with two
// names.
func (b *speakerBook) withID(format, place, id, name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	if sp, ok := b.speaker(id); ok {
		if name != "" && sp.Name != name {
			return "", importErr(format, place, "speaker %s is named both %q and %q", id, sp.Name, name)
		}
		return id, nil
	}
	if name == "" {
		return "", importErr(format, place, "speaker %s has no name", id)
	}
	b.addSpeaker(id, name)
	if key := annotations.FoldName(name); key != "" {
		if _, ok := b.byName[key]; !ok {
			b.byName[key] = id
		}
	}
	return id, nil
}

// finishSpeakers gives each annotation without a speaker the one its
// attribution names (attributed[id] is the mention's id) and each mention
// without one the speaker its text names. Mentions go first. The pieces of
// a span in pieces are finished first (finishPieces).
func finishSpeakers(d *draft, format string, attributed map[string]string) error {
	finishPieces(d, attributed)
	s := d.set
	var dropped map[string]bool
	for i := range s.Annotations {
		a := &s.Annotations[i]
		if a.Type == annotations.Quote && a.Form == "" {
			a.Form = annotations.Direct
		}
		if a.Type == annotations.SpeakerMention && a.Speaker == "" {
			name := a.Exact
			if name == "" && d.source != nil && a.End <= d.source.Length && a.Start < a.End {
				name = d.source.Offsets().Slice(a.Start, a.End)
			}
			if d.in.opts != nil && d.in.dropPronoun(name) {
				if dropped == nil {
					dropped = map[string]bool{}
				}
				dropped[a.ID] = true
				continue
			}
			if a.Speaker = d.book.byNameID(name); a.Speaker == "" {
				return importErr(format, d.places[a.ID], "the speaker mention %q names no one", name)
			}
		}
	}
	for i := range s.Annotations {
		a := &s.Annotations[i]
		if m, ok := attributed[a.ID]; ok && a.Speaker == "" {
			if mention := d.annotation(m); mention != nil {
				a.Speaker = mention.Speaker
			}
		}
	}
	if dropped != nil {
		d.remove(dropped)
	}
	return nil
}

// remove takes the annotations with the ids in ids out of the draft.
func (d *draft) remove(ids map[string]bool) {
	kept := d.set.Annotations[:0]
	for _, a := range d.set.Annotations {
		if ids[a.ID] {
			delete(d.pos, a.ID)
			delete(d.places, a.ID)
			d.in.annotations--
			continue
		}
		d.pos[a.ID] = len(kept)
		kept = append(kept, a)
	}
	d.set.Annotations = kept
}

// readSpeakers adds the speakers a set lists under key, each with its id
// and name, refusing one over MaxSpeakers.
func readSpeakers(d *draft, f *fields, key string) error {
	return f.each(key, false, func(_ int, sp *fields) error {
		id, err := sp.str("id", true)
		if err != nil {
			return err
		}
		name, err := sp.str("name", true)
		if err != nil {
			return err
		}
		if d.in.speakers == annotations.MaxSpeakers {
			return importErr(f.format, sp.place, "the file lists more than %d speakers, the limit (MaxSpeakers)", annotations.MaxSpeakers)
		}
		d.in.speakers++
		_, err = d.book.withID(f.format, sp.place, idFrom(id), name)
		return err
	})
}

// dropPronoun counts a speaker mention named name when it is a pronoun, and
// reports whether the import leaves it out (-pronouns drop). It is asked
// only in an import with options.
func (in *intake) dropPronoun(name string) bool {
	if !IsPronoun(name) {
		return false
	}
	in.pronouns++
	return in.opts.DropPronouns
}
