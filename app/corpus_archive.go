package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
	"quotemark/annotations/formats"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// exportCorpus downloads one zip with every article of the library and
// every set stored in this browser.
func (l *Library) exportCorpus(ctx goapp.Context) {
	infos := l.articles
	l.notice, l.alert = "Packing the corpus…", ""
	ctx.Async(func() {
		var arts []*annotations.Article
		var sets []*annotations.Set
		var problems []string
		for _, info := range infos {
			opened, err := openArticle(info.ID)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			arts = append(arts, opened.Article)
			problems = append(problems, opened.Problems...)
			sets = append(sets, opened.Sets...)
		}
		data, err := corpus.WriteArchive(arts, sets)
		ctx.Dispatch(func(ctx goapp.Context) {
			l.notice = ""
			if err != nil {
				l.alert = "The corpus was not exported: " + err.Error()
				return
			}
			if len(problems) > 0 {
				l.alert = "Exported, but without what could not be read:\n" + joinLines(problems)
			}
			download("quotemark-corpus.zip", data, "application/zip")
			l.notice = fmt.Sprintf("Exported %d articles and %d sets as quotemark-corpus.zip.", len(arts), len(sets))
		})
	})
}

// importCorpus imports a corpus zip, quotemark's own archive or a zip of a
// brat folder (told apart by content, see restoreCorpus): its articles join
// the library and its sets are stored beside what is here, in one
// transaction — all or nothing. Nothing is overwritten: a different set or
// text with a taken id gets a new id.
func (l *Library) importCorpus(ctx goapp.Context, e goapp.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if files.Length() == 0 {
		return
	}
	ctx = l.page(ctx)
	ctx.Async(func() {
		picked, err := readFiles(files, corpus.MaxArchiveBytes)
		ctx.Dispatch(func(ctx goapp.Context) {
			input.Set("value", "")
			if err != nil {
				l.alert = fmt.Sprintf("%s was not imported: %v", picked0Name(picked), err)
				return
			}
			l.restoreCorpusFile(ctx, picked[0], nil)
		})
	})
}

// restoreCorpusFile reads and stores a corpus zip in the background; a
// brat folder's labels that are not quotemark's own are asked about first
// (askLabelMap), and the zip is read again with the answer. opts is nil
// until then.
func (l *Library) restoreCorpusFile(ctx goapp.Context, f pickedFile, opts *formats.ImportOptions) {
	taken := map[string]string{} // article id -> sha256
	for _, a := range l.articles {
		taken[a.ID] = a.SHA256
	}
	ctx = l.page(ctx)
	ctx.Async(func() {
		msg, asked, err := restoreCorpus(f, taken, opts)
		var remembered formats.LabelMap
		if asked != nil {
			remembered = loadRememberedLabels()
		}
		ctx.Dispatch(func(ctx goapp.Context) {
			switch {
			case err != nil:
				l.alert = fmt.Sprintf("%s was not imported: %v", f.Name, err)
				sayAlertAgain()
			case asked != nil:
				l.askLabelMap(ctx, f, *asked, remembered)
			default:
				l.alert, l.notice = "", msg
				l.OnNav(ctx)
			}
		})
	})
}

func picked0Name(p []pickedFile) string {
	if len(p) == 0 {
		return "The file"
	}
	return p[0].Name
}

// errNotCorpusZip refuses a zip that is neither kind of corpus.
var errNotCorpusZip = errors.New("it is neither a quotemark corpus archive (no manifest.json at its top) nor a zip of a brat folder (no .ann file in it)")

// restoreCorpus stores the corpus zip f holds: a corpus archive when it
// has one's manifest (corpus.IsArchive), else a brat folder's .ann files
// (importBratZip, with opts). It returns the notice that says what was
// imported, or, for a brat folder read without opts whose labels are not
// quotemark's own, its labels and relation names to ask about, and nothing
// is stored.
func restoreCorpus(f pickedFile, taken map[string]string, opts *formats.ImportOptions) (string, *fileLabels, error) {
	if f.Bytes == nil && f.Size > 0 {
		return "", nil, fmt.Errorf("the file is too large (%d bytes)", f.Size)
	}
	if !corpus.IsArchive(f.Bytes) {
		return importBratZip(f, taken, opts)
	}
	arts, sets, err := corpus.ReadArchive(f.Bytes)
	if err != nil {
		return "", nil, err
	}
	added, err := storeCorpus(arts, sets, taken)
	if err != nil {
		return "", nil, err
	}
	return fmt.Sprintf("Imported %s: %d articles (%d new) and %d sets.", f.Name, len(arts), len(added), len(sets)), nil, nil
}

// storeCorpus places articles and their sets in the library
// (corpus.PlaceArchive: a text already here, whatever its id, gets the sets
// beside its own; an id another text holds is changed) and stores the new
// articles and every set in one transaction. A set stored already as it is
// is skipped; one whose id a different set holds gets a new id. It returns
// the articles added.
func storeCorpus(arts []*annotations.Article, sets []*annotations.Set, taken map[string]string) ([]*annotations.Article, error) {
	added, err := corpus.PlaceArchive(arts, sets, taken)
	if err != nil {
		return nil, err
	}
	var puts []storeRecord
	var clear []string
	for _, art := range added {
		rec, _ := json.Marshal(storedArticle{ID: art.ID, Text: art.Text, SHA256: art.SHA256, Opened: true})
		puts = append(puts, storeRecord{Key: articleKey(art.ID), Value: string(rec)})
	}
	present := map[string]map[string]string{} // article -> set id -> stored form
	for _, s := range sets {
		id := s.Article.ID
		have, ok := present[id]
		if !ok {
			stored, err := loadSets(id)
			if err != nil {
				return nil, err
			}
			have = map[string]string{}
			for _, old := range stored.Sets {
				data, _ := annotations.MarshalStored(old)
				have[old.ID] = string(data)
			}
			present[id] = have
		}
		if old, exists := have[s.ID]; exists {
			if data, _ := annotations.MarshalStored(s); old == string(data) {
				continue
			}
			s.ID = annotations.NewID()
		}
		clear = append(clear, setRecordsPrefix(id, s.ID))
		puts = append(puts, setRecords(id, s)...)
	}
	if err := storeWrite(clear, nil, puts)(); err != nil {
		return nil, err
	}
	return added, nil
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
