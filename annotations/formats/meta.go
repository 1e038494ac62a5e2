package formats

import (
	"quotemark/annotations"
)

// setMeta is what JSONL, Label Studio and doccano keep of a set where the
// format has no field for it.
type setMeta struct {
	ArticleID string     `json:"article_id,omitempty"`
	Title     string     `json:"title,omitempty"`
	SHA256    string     `json:"sha256,omitempty"`
	SetID     string     `json:"set_id"`
	Annotator string     `json:"annotator"`
	Created   string     `json:"created,omitempty"`
	Modified  string     `json:"modified,omitempty"`
	Speakers  []w3cNamed `json:"speakers"`
}

func metaOf(s *annotations.Set, withArticle bool) setMeta {
	m := setMeta{SetID: s.ID, Annotator: s.Annotator, Created: annotations.FormatTime(s.Created), Modified: annotations.FormatTime(s.Modified), Speakers: []w3cNamed{}}
	if withArticle {
		m.ArticleID, m.Title, m.SHA256 = s.Article.ID, s.Article.Title, s.Article.SHA256
	}
	for _, sp := range s.Speakers {
		m.Speakers = append(m.Speakers, w3cNamed{ID: sp.ID, Name: sp.Name})
	}
	return m
}

func annotationMeta(s *annotations.Set, a annotations.Annotation) *spanMeta {
	m := &spanMeta{Speaker: a.Speaker, SpeakerName: s.SpeakerName(a.Speaker), Form: string(a.Form), Checkworthy: a.Checkworthy, Note: a.Note}
	if *m == (spanMeta{}) {
		return nil
	}
	return m
}

type spanMeta struct {
	Speaker     string `json:"speaker,omitempty"`
	SpeakerName string `json:"speaker_name,omitempty"`
	Form        string `json:"form,omitempty"`
	Checkworthy bool   `json:"checkworthy,omitempty"`
	Note        string `json:"note,omitempty"`
}

// readSetMeta applies a set's meta to a draft: id, annotator, times,
// speakers with their ids. It returns the article id the meta names.
func readSetMeta(d *draft, f *fields) (string, error) {
	setID, err := f.str("set_id", false)
	if err != nil {
		return "", err
	}
	if setID != "" {
		d.set.ID = idFrom(setID)
		d.book = newSpeakerBook(d.set)
	}
	if d.set.Annotator, err = f.str("annotator", false); err != nil {
		return "", err
	}
	if d.set.Created, err = f.time("created"); err != nil {
		return "", err
	}
	if d.set.Modified, err = f.time("modified"); err != nil {
		return "", err
	}
	if err := readSpeakers(d, f, "speakers"); err != nil {
		return "", err
	}
	return f.str("article_id", false)
}

// readSpanMeta applies an annotation's meta: speaker (by id, else by name),
// form, checkworthy, note.
func readSpanMeta(d *draft, a *annotations.Annotation, f *fields) error {
	id, err := f.str("speaker", false)
	if err != nil {
		return err
	}
	name, err := f.str("speaker_name", false)
	if err != nil {
		return err
	}
	switch {
	case id != "":
		if a.Speaker, err = d.book.withID(f.format, f.sub("speaker"), idFrom(id), name); err != nil {
			return err
		}
	case name != "":
		a.Speaker = d.book.byNameID(name)
	}
	form, err := f.str("form", false)
	if err != nil {
		return err
	}
	if form != "" {
		fm, ok := formFromString(form)
		if !ok || a.Type != annotations.Quote {
			return importErr(f.format, f.sub("form"), "%q is not a form of a quote (direct, indirect or mixed) or the span is a %s", form, a.Type)
		}
		a.Form = fm
	}
	if a.Checkworthy, err = f.boolean("checkworthy"); err != nil {
		return err
	}
	if a.Checkworthy && a.Type != annotations.Claim {
		return importErr(f.format, f.sub("checkworthy"), "only a claim is checkworthy, not a %s", a.Type)
	}
	a.Note, err = f.str("note", false)
	return err
}

// checkSameArticle refuses a record whose text is not the article's and
// whose meta names another article.
func checkSameArticle(format, place string, src, art *annotations.Article, articleID string) error {
	if src.SHA256 != art.SHA256 && articleID != "" && articleID != art.ID {
		return importErr(format, place, "is for article %q, not %q, and its text differs", articleID, art.ID)
	}
	return nil
}
