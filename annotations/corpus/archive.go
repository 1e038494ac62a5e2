package corpus

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/internal/detzip"
	"quotemark/annotations/internal/scan"
)

// ArchiveFormatName and ArchiveFormatVersion identify the corpus archive: one
// zip with the text of every article and every annotation set on them.
//
//	manifest.json                               what the zip holds (archiveManifest)
//	articles/<article-id>.txt                   each article's normalized text (UTF-8, LF)
//	sets/<article-id>/<set-id>.quotemark.json   each set, a v1 file
//	sets/<article-id>/<set-id>.extra.json       its orphans and unconfirmed approximate placements, if any
//
// A set lives under the article whose text has its sha256. The zip is
// deterministic: entries sorted, fixed timestamps, so the same corpus always
// gives the same bytes.
const (
	ArchiveFormatName    = "quotemark/archive"
	ArchiveFormatVersion = 1
)

// Limits on what ReadArchive reads, so that a crafted zip cannot exhaust
// memory: an entry that inflates to gigabytes, thousands of articles at the
// article limit each, or entries that share their compressed data (a zip
// bomb whose size grows with the square of its entries). Each is checked
// against the sizes the zip declares before anything is inflated, and
// against the bytes actually inflated while reading, which a crafted zip
// may not match. An article's text has its own limit,
// annotations.MaxArticleBytes.
const (
	// MaxArchiveEntryBytes bounds one set, its .extra.json or the manifest:
	// the most the set reader takes in any file.
	MaxArchiveEntryBytes = annotations.MaxImportBytes
	// MaxArchiveBytes bounds the archive file and, separately, everything
	// its entries inflate to together.
	MaxArchiveBytes = 512 << 20
)

// archiveLimits are the limits ReadArchive applies; tests lower them.
var archiveLimits = struct{ entry, total int64 }{MaxArchiveEntryBytes, MaxArchiveBytes}

// archiveTime is every entry's timestamp (detzip's): the earliest a zip can say.
var archiveTime = detzip.Time

// archiveIDPattern is what an article id must look like to name a file.
var archiveIDPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]*$`)

type archiveManifest struct {
	Format   string           `json:"format"`
	Version  int              `json:"version"`
	Articles []archiveArticle `json:"articles"`
	Sets     []archiveSet     `json:"sets"`
}

type archiveArticle struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
	Length int    `json:"length"`
	File   string `json:"file"`
}

type archiveSet struct {
	ID          string `json:"id"`
	Article     string `json:"article"` // the id of the article it is under
	Annotator   string `json:"annotator"`
	File        string `json:"file"`
	Annotations int    `json:"annotations"`
	Orphans     int    `json:"orphans"`
	Approximate int    `json:"approximate"`
	Extra       string `json:"extra,omitempty"`
}

// ArchiveArticlePath is where an article's text is in the archive.
func ArchiveArticlePath(articleID string) string { return "articles/" + articleID + ".txt" }

// ArchiveSetPath is where a set's v1 file is in the archive.
func ArchiveSetPath(articleID, setID string) string {
	return "sets/" + articleID + "/" + setID + ".quotemark.json"
}

// ArchiveExtraPath is where a set's orphans and approximate placements are.
func ArchiveExtraPath(articleID, setID string) string {
	return "sets/" + articleID + "/" + setID + ".extra.json"
}

// WriteArchive packs articles and sets into a corpus archive. Each set must
// be valid and anchor exactly on one of the articles (the one with its
// sha256); article ids must be unique and usable as file names.
func WriteArchive(articles []*annotations.Article, sets []*annotations.Set) ([]byte, error) {
	arts := slices.Clone(articles)
	slices.SortFunc(arts, func(a, b *annotations.Article) int { return cmp.Compare(a.ID, b.ID) })
	bySHA := make(map[string]*annotations.Article, len(arts))
	m := archiveManifest{Format: ArchiveFormatName, Version: ArchiveFormatVersion, Articles: []archiveArticle{}, Sets: []archiveSet{}}
	for i, a := range arts {
		if !archiveIDPattern.MatchString(a.ID) {
			return nil, fmt.Errorf("article %q: an article id in an archive must be letters, digits, '.', '_' and '-'", a.ID)
		}
		if i > 0 && arts[i-1].ID == a.ID {
			return nil, fmt.Errorf("article %q is given twice", a.ID)
		}
		if prev, ok := bySHA[a.SHA256]; ok {
			return nil, fmt.Errorf("articles %q and %q have the same text", prev.ID, a.ID)
		}
		bySHA[a.SHA256] = a
		m.Articles = append(m.Articles, archiveArticle{ID: a.ID, Title: a.Title, SHA256: a.SHA256, Length: a.Length, File: ArchiveArticlePath(a.ID)})
	}

	type packed struct {
		set  *annotations.Set
		art  *annotations.Article
		data []byte
	}
	var ps []packed
	for _, s := range sets {
		art, ok := bySHA[s.Article.SHA256]
		if !ok {
			return nil, fmt.Errorf("set %s is for article %q (sha256 %s), whose text is not among the articles", s.ID, s.Article.ID, s.Article.SHA256)
		}
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("set %s: %w", s.ID, err)
		}
		if _, err := s.Clone().Anchor(art); err != nil {
			return nil, fmt.Errorf("set %s does not match the text of article %q: %w", s.ID, art.ID, err)
		}
		ps = append(ps, packed{s, art, annotations.Write(s)})
	}
	slices.SortFunc(ps, func(a, b packed) int { return cmp.Or(cmp.Compare(a.art.ID, b.art.ID), cmp.Compare(a.set.ID, b.set.ID)) })
	for i := 1; i < len(ps); i++ {
		if ps[i].set.ID == ps[i-1].set.ID {
			return nil, fmt.Errorf("set %s is given twice", ps[i].set.ID)
		}
	}

	files := map[string][]byte{}
	for _, a := range arts {
		files[ArchiveArticlePath(a.ID)] = []byte(a.Text)
	}
	for _, p := range ps {
		s := p.set
		entry := archiveSet{ID: s.ID, Article: p.art.ID, Annotator: s.Annotator, File: ArchiveSetPath(p.art.ID, s.ID),
			Annotations: len(s.Annotations), Orphans: len(s.Orphans), Approximate: len(s.Approximate)}
		files[entry.File] = p.data
		extra, err := ArchiveExtra(s)
		if err != nil {
			return nil, err
		}
		if extra != nil {
			entry.Extra = ArchiveExtraPath(p.art.ID, s.ID)
			files[entry.Extra] = extra
		}
		m.Sets = append(m.Sets, entry)
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	// What ReadArchive would refuse is refused here, not found out when
	// the archive is restored.
	total := int64(len(manifest) + 1)
	if total > archiveLimits.entry {
		return nil, fmt.Errorf("manifest.json: %d bytes, over the limit of %d bytes on one entry of a corpus archive; archive fewer sets at a time", total, archiveLimits.entry)
	}
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		b := files[name]
		if !strings.HasPrefix(name, "articles/") && int64(len(b)) > archiveLimits.entry {
			return nil, fmt.Errorf("%s: %d bytes, over the limit of %d bytes on one entry of a corpus archive", name, len(b), archiveLimits.entry)
		}
		total += int64(len(b))
	}
	if total > archiveLimits.total {
		return nil, fmt.Errorf("the corpus is %d bytes, over the limit of %d bytes on a corpus archive's inflated size; archive fewer articles at a time", total, archiveLimits.total)
	}

	entries := []detzip.Entry{{Name: "manifest.json", Data: append(manifest, '\n')}}
	for _, name := range names {
		entries = append(entries, detzip.Entry{Name: name, Data: files[name]})
	}
	return detzip.Write(entries)
}

// ArchiveExtra is the .extra.json beside a set's v1 file: its orphans and
// unconfirmed approximate placements, or nil when it has neither.
func ArchiveExtra(s *annotations.Set) ([]byte, error) {
	b, err := annotations.MarshalExtra(s)
	if err != nil {
		return nil, fmt.Errorf("set %s: %w", s.ID, err)
	}
	return b, nil
}

// ReadArchive unpacks a corpus archive, checking everything: the manifest,
// that it lists exactly the entries the zip holds, every article's text
// against its sha256 and length, every set by Read's rules and against its
// article's text, and the orphans and approximate placements. An error
// names the entry and what is wrong; on error nothing is returned. An
// archive over the limits (MaxArchiveBytes, MaxArchiveEntryBytes and
// annotations.MaxArticleBytes) or whose entries share their data is
// refused before anything is inflated past a limit.
// Articles come sorted by id, sets by article id and then set id.
func ReadArchive(data []byte) (articles []*annotations.Article, sets []*annotations.Set, err error) {
	r, err := openArchive(data)
	if err != nil {
		return nil, nil, err
	}
	m, err := r.readManifest()
	if err != nil {
		return nil, nil, err
	}
	articles, err = r.readArticles(m.Articles)
	if err != nil {
		return nil, nil, err
	}
	sets, err = r.readSets(m.Sets, articles)
	if err != nil {
		return nil, nil, err
	}
	if err := r.checkAllListed(); err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(articles, func(a, b *annotations.Article) int { return cmp.Compare(a.ID, b.ID) })
	return articles, sets, nil
}

// archiveReader holds the entries of an archive's zip that are still to be
// read, so that what is left at the end is what the manifest does not list,
// and how many more bytes the whole archive may inflate to.
type archiveReader struct {
	unread map[string]*zip.File
	left   int64
}

// openArchive indexes the zip's entries by name (a name held twice would
// leave it unclear which one the manifest means), after checking the
// archive's size, the sizes its entries declare and that no two entries
// share their data (detzip.CheckEntries).
func openArchive(data []byte) (*archiveReader, error) {
	if int64(len(data)) > archiveLimits.total {
		return nil, fmt.Errorf("the archive is %d bytes, over the limit of %d bytes on a corpus archive", len(data), archiveLimits.total)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a corpus archive: %w", err)
	}
	if err := detzip.CheckEntries(zr.File, int64(len(data)), archiveLimits.total, "a corpus archive"); err != nil {
		return nil, err
	}
	r := &archiveReader{unread: make(map[string]*zip.File, len(zr.File)), left: archiveLimits.total}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") && f.UncompressedSize64 == 0 {
			continue // a folder, as some zip tools add
		}
		if _, dup := r.unread[f.Name]; dup {
			return nil, fmt.Errorf("%s: the archive holds this entry twice", f.Name)
		}
		r.unread[f.Name] = f
	}
	return r, nil
}

// read decompresses the entry the manifest names, at most limit bytes of it
// and at most what is left of the archive's total; an entry can be read
// once.
func (r *archiveReader) read(name string, limit int64) ([]byte, error) {
	f, ok := r.unread[name]
	if !ok {
		return nil, fmt.Errorf("%s: listed in manifest.json but not in the archive", name)
	}
	delete(r.unread, name)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: inflates to %d bytes, over the limit of %d bytes on one entry", name, f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	b, err := readAtMost(rc, limit, r.left)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	r.left -= int64(len(b))
	return b, nil
}

// readAtMost reads src to its end, refusing it as soon as it passes limit
// (one entry's) or left (what remains of the archive's total). It counts
// the bytes inflated, not the sizes the zip declares, so a zip that
// understates them is stopped all the same.
func readAtMost(src io.Reader, limit, left int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(src, min(limit, left)+1))
	switch {
	case err != nil:
		return nil, err
	case int64(len(b)) > limit:
		return nil, fmt.Errorf("inflates to more than %d bytes, over the limit of %d bytes on one entry", limit, limit)
	case int64(len(b)) > left:
		return nil, fmt.Errorf("the archive inflates to more than %d bytes together, over the limit of %d bytes on a corpus archive's inflated size", archiveLimits.total, archiveLimits.total)
	}
	return b, nil
}

// readManifest reads manifest.json and checks that it is a corpus archive's
// of a version this reads.
func (r *archiveReader) readManifest() (archiveManifest, error) {
	var m archiveManifest
	if _, ok := r.unread["manifest.json"]; !ok {
		return m, errors.New("manifest.json: missing; this is not a corpus archive")
	}
	raw, err := r.read("manifest.json", archiveLimits.entry)
	if err != nil {
		return m, err
	}
	if err := scan.DecodeStrict(raw, &m); err != nil {
		return m, fmt.Errorf("manifest.json: %w", err)
	}
	switch {
	case m.Format != ArchiveFormatName:
		return m, fmt.Errorf("manifest.json: format is %q, not %q", m.Format, ArchiveFormatName)
	case m.Version > ArchiveFormatVersion:
		return m, fmt.Errorf("manifest.json: version %d is newer than this quotemark reads (%d); update quotemark", m.Version, ArchiveFormatVersion)
	case m.Version != ArchiveFormatVersion:
		return m, fmt.Errorf("manifest.json: version %d is not a corpus archive version", m.Version)
	}
	return m, nil
}

// readArticles reads the articles the manifest lists, in its order.
func (r *archiveReader) readArticles(listed []archiveArticle) ([]*annotations.Article, error) {
	var articles []*annotations.Article
	ids := make(map[string]bool, len(listed))
	for i, a := range listed {
		where := fmt.Sprintf("manifest.json: articles[%d]", i)
		if !archiveIDPattern.MatchString(a.ID) {
			return nil, fmt.Errorf("%s: id %q cannot name a file", where, a.ID)
		}
		if ids[a.ID] {
			return nil, fmt.Errorf("%s: article %q is listed twice", where, a.ID)
		}
		ids[a.ID] = true
		if a.File != ArchiveArticlePath(a.ID) {
			return nil, fmt.Errorf("%s: file is %q, want %q", where, a.File, ArchiveArticlePath(a.ID))
		}
		art, err := r.readArticle(a)
		if err != nil {
			return nil, err
		}
		articles = append(articles, art)
	}
	return articles, nil
}

// readArticle reads one article's text and checks it against the manifest.
func (r *archiveReader) readArticle(a archiveArticle) (*annotations.Article, error) {
	text, err := r.read(a.File, annotations.MaxArticleBytes)
	if err != nil {
		return nil, err
	}
	art, err := annotations.NewArticle(a.ID, text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.File, err)
	}
	if art.Text != string(text) {
		return nil, fmt.Errorf("%s: the text is not normalized (UTF-8 without a byte-order mark, LF line ends, NFC)", a.File)
	}
	if art.SHA256 != a.SHA256 || art.Length != a.Length {
		return nil, fmt.Errorf("%s: the text has sha256 %s and %d code points, but manifest.json says %s and %d", a.File, art.SHA256, art.Length, a.SHA256, a.Length)
	}
	art.Title = a.Title
	return art, nil
}

// readSets reads the sets the manifest lists, in its order, each anchored
// on its article, one of articles.
func (r *archiveReader) readSets(listed []archiveSet, articles []*annotations.Article) ([]*annotations.Set, error) {
	byID := make(map[string]*annotations.Article, len(articles))
	for _, art := range articles {
		byID[art.ID] = art
	}
	var sets []*annotations.Set
	seen := make(map[string]bool, len(listed))
	for i, e := range listed {
		where := fmt.Sprintf("manifest.json: sets[%d]", i)
		art, ok := byID[e.Article]
		if !ok {
			return nil, fmt.Errorf("%s: article %q is not among the articles", where, e.Article)
		}
		if !annotations.IsUUID(e.ID) || seen[e.ID] {
			return nil, fmt.Errorf("%s: id %q is not a UUID or is listed twice", where, e.ID)
		}
		seen[e.ID] = true
		if e.File != ArchiveSetPath(e.Article, e.ID) {
			return nil, fmt.Errorf("%s: file is %q, want %q", where, e.File, ArchiveSetPath(e.Article, e.ID))
		}
		s, err := r.readSet(e, art)
		if err != nil {
			return nil, err
		}
		if err := r.readExtra(where, e, s); err != nil {
			return nil, err
		}
		sets = append(sets, s)
	}
	return sets, nil
}

// readSet reads one set's v1 file and anchors it on its article, which it
// must fit as it is.
func (r *archiveReader) readSet(e archiveSet, art *annotations.Article) (*annotations.Set, error) {
	raw, err := r.read(e.File, archiveLimits.entry)
	if err != nil {
		return nil, err
	}
	s, err := annotations.Read(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.File, err)
	}
	if s.ID != e.ID || s.Annotator != e.Annotator || len(s.Annotations) != e.Annotations {
		return nil, fmt.Errorf("%s: set %s by %q with %d annotations, but manifest.json says %s by %q with %d", e.File, s.ID, s.Annotator, len(s.Annotations), e.ID, e.Annotator, e.Annotations)
	}
	if s.Article.SHA256 != art.SHA256 {
		return nil, fmt.Errorf("%s: the set is for a text with sha256 %s, not that of article %q (%s)", e.File, s.Article.SHA256, art.ID, art.SHA256)
	}
	rep, err := s.Anchor(art)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.File, err)
	}
	if rep.Reanchored {
		return nil, fmt.Errorf("%s: the set does not anchor on its article's text", e.File)
	}
	return s, nil
}

// readExtra adds to s the orphans and approximate placements of its
// .extra.json, if it has one, and checks their numbers against the manifest.
func (r *archiveReader) readExtra(where string, e archiveSet, s *annotations.Set) error {
	if e.Extra != "" {
		if e.Extra != ArchiveExtraPath(e.Article, e.ID) {
			return fmt.Errorf("%s: extra is %q, want %q", where, e.Extra, ArchiveExtraPath(e.Article, e.ID))
		}
		raw, err := r.read(e.Extra, archiveLimits.entry)
		if err != nil {
			return err
		}
		if err := annotations.UnmarshalExtra(s, raw); err != nil {
			return fmt.Errorf("%s: %w", e.Extra, err)
		}
	}
	if len(s.Orphans) != e.Orphans || len(s.Approximate) != e.Approximate {
		return fmt.Errorf("%s: %d orphans and %d approximate placements, but manifest.json says %d and %d", where, len(s.Orphans), len(s.Approximate), e.Orphans, e.Approximate)
	}
	return nil
}

// checkAllListed refuses entries the manifest does not list, naming the
// first by name.
func (r *archiveReader) checkAllListed() error {
	if len(r.unread) == 0 {
		return nil
	}
	return fmt.Errorf("%s: not listed in manifest.json", slices.Min(slices.Collect(maps.Keys(r.unread))))
}

// IsArchive reports whether data is a zip with a manifest.json at its top,
// as a corpus archive is, and so is to be read by ReadArchive rather than as
// another kind of zip (a brat folder). Nothing is inflated.
func IsArchive(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "manifest.json" {
			return true
		}
	}
	return false
}
