package app

import (
	"fmt"

	"quotemark/annotations"
)

// openedArticle is an article with its stored sets, each bound to the text:
// the one loop that every page opening an article's sets goes through.
type openedArticle struct {
	Article  *annotations.Article
	Sets     []*annotations.Set
	ActiveID string
	// Problems are what could not be read or placed; those sets stay in
	// storage as they are.
	Problems []string
	// Reanchored says what moved for sets whose text changed since they were
	// stored; they have been placed anew and stored again.
	Reanchored []string
}

// openArticle loads an article and its sets and anchors each set to the
// text. It blocks on storage: call it in ctx.Async.
func openArticle(id string) (*openedArticle, error) {
	art, err := loadArticle(id)
	if err != nil {
		return nil, err
	}
	stored, loadErr := loadSets(id)
	out := &openedArticle{Article: art, ActiveID: stored.ActiveID}
	if loadErr != nil {
		out.Problems = append(out.Problems, loadErr.Error())
	}
	for _, d := range stored.Damaged {
		out.Problems = append(out.Problems, "A stored set could not be read and was left as it is: "+d)
	}
	for _, s := range stored.Sets {
		rep, err := s.Anchor(art)
		if err != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("Stored set %s does not fit this article and was left as it is: %v", s.ID, err))
			continue
		}
		if rep.Reanchored {
			out.Reanchored = append(out.Reanchored, "The article's text has changed: "+anchorSummary(rep))
			if err := saveSet(id, s, false)(); err != nil {
				out.Problems = append(out.Problems, fmt.Sprintf("Set %s was placed on the new text but not stored: %v", s.ID, err))
			}
		}
		out.Sets = append(out.Sets, s)
	}
	return out, nil
}

// active is the set stored as active, or the only one, or nil.
func (o *openedArticle) active() *annotations.Set {
	for _, s := range o.Sets {
		if s.ID == o.ActiveID {
			return s
		}
	}
	if len(o.Sets) == 1 {
		return o.Sets[0]
	}
	return nil
}

func anchorSummary(rep *annotations.AnchorReport) string {
	placed := len(rep.Placements) - rep.Orphaned
	msg := fmt.Sprintf("%d annotations placed", placed)
	if rep.Moved > 0 {
		msg += fmt.Sprintf(" (%d found at a new position)", rep.Moved)
	}
	if rep.Approximate > 0 {
		msg += fmt.Sprintf("; %d placed approximately — check them under Placed approximately", rep.Approximate)
	}
	if rep.Orphaned > 0 {
		msg += fmt.Sprintf("; %d could not be placed and are listed under Not placed", rep.Orphaned)
	}
	return msg + "."
}
