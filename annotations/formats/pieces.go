package formats

import (
	"strings"
	"unicode"

	"quotemark/annotations"
)

// A span in pieces (brat's fragments "1775 1995;1998 2184", a Label Studio
// or doccano region in pieces) becomes, in an import that maps labels
// (ImportWith), an annotation a piece, each with the span's type, form and
// speaker. A piece of only white space or punctuation (a closing quotation
// mark left alone) is no annotation. The rule is here once, for every
// reader.

// splitPieces is the pieces of a span, in code points of o, in order and
// not overlapping, that are to be annotations of their own: nil when the
// gaps between them hold only line breaks (how quotemark's own brat export
// breaks a span, at any character brat ends a line at; it stays one
// annotation), else the pieces that hold a
// word (possibly none).
func splitPieces(o *annotations.Offsets, pieces [][2]int) [][2]int {
	split := false
	for i := 1; i < len(pieces); i++ {
		if strings.TrimFunc(o.Slice(pieces[i-1][1], pieces[i][0]), isBratLineBreak) != "" {
			split = true
			break
		}
	}
	if !split {
		return nil
	}
	kept := make([][2]int, 0, len(pieces))
	for _, p := range pieces {
		if pieceHasWord(o.Slice(p[0], p[1])) {
			kept = append(kept, p)
		}
	}
	return kept
}

// pieceHasWord reports whether a piece's text holds a letter or a digit: a
// piece without one is white space or punctuation, and no annotation.
func pieceHasWord(text string) bool {
	return strings.ContainsFunc(text, func(c rune) bool { return unicode.IsLetter(c) || unicode.IsNumber(c) })
}

// countSplit counts a span split into kept annotations, for the report
// (Imported.Split, Imported.Fragments).
func (in *intake) countSplit(kept int) {
	in.split++
	in.fragments += kept
}

// Label Studio and doccano cannot select text over a gap: a span in pieces
// is a region a piece, and a file says which regions are one span by a
// relation between them (or, in Label Studio, by one region id for all
// the pieces: lsReader.splitRegions). In an import that maps labels, a
// relation of any name between two quotes (or two claims) read under the
// same label joins them as pieces of one span. finishPieces then treats
// each span joined so as a split span: it drops the pieces without a word,
// counts it, and attributes every piece that has no attribution of its own
// as the first piece (in the file's order) that has one; a piece
// attributed to another mention keeps its own, counted as a conflict.

// join records that the annotations with ids a and b are pieces of one
// span (a union of their groups).
func (d *draft) join(a, b string) {
	if d.joined == nil {
		d.joined = map[string]string{}
	}
	ra, rb := d.pieceRoot(a), d.pieceRoot(b)
	if ra != rb {
		d.joined[rb] = ra
	}
}

// pieceRoot is the id that stands for the group of the annotation with id.
func (d *draft) pieceRoot(id string) string {
	root := id
	for {
		parent, ok := d.joined[root]
		if !ok {
			d.joined[root] = root
			break
		}
		if parent == root {
			break
		}
		root = parent
	}
	for id != root { // shorten the path for the next look-up
		next := d.joined[id]
		d.joined[id] = root
		id = next
	}
	return root
}

// pieceGroups is the spans in pieces, each its pieces' ids in the set's
// order, the groups in the order of their first piece.
func (d *draft) pieceGroups() [][]string {
	var groups [][]string
	at := map[string]int{}
	for _, a := range d.set.Annotations {
		if _, ok := d.joined[a.ID]; !ok {
			continue
		}
		root := d.pieceRoot(a.ID)
		i, ok := at[root]
		if !ok {
			i = len(groups)
			at[root] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], a.ID)
	}
	return groups
}

// finishPieces drops, counts and attributes the pieces of every span in
// pieces (see above); attributed maps an annotation's id to its mention's.
func finishPieces(d *draft, attributed map[string]string) {
	if d.joined == nil {
		return
	}
	var dropped map[string]bool
	for _, group := range d.pieceGroups() {
		kept := make([]string, 0, len(group))
		for _, id := range group {
			if pieceHasWord(d.pieceText(d.annotation(id))) {
				kept = append(kept, id)
				continue
			}
			if dropped == nil {
				dropped = map[string]bool{}
			}
			dropped[id] = true
			delete(attributed, id)
		}
		d.in.countSplit(len(kept))
		mention := ""
		for _, id := range kept {
			switch m, ok := attributed[id]; {
			case !ok:
			case mention == "":
				mention = m
			case m != mention:
				d.in.conflicts++
			}
		}
		if mention == "" {
			continue
		}
		for _, id := range kept {
			if _, ok := attributed[id]; !ok {
				attributed[id] = mention
			}
		}
	}
	if dropped != nil {
		d.remove(dropped)
	}
}

// pieceText is an annotation's text: in the file's own text when it
// carries one, else in the article's.
func (d *draft) pieceText(a *annotations.Annotation) string {
	src := d.source
	if src == nil {
		src = d.in.art
	}
	if a.Start < 0 || a.End > src.Length || a.Start >= a.End {
		return a.Exact
	}
	return src.Offsets().Slice(a.Start, a.End)
}
