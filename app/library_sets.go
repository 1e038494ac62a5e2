package app

import (
	"slices"
	"strings"
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The library lists each article's sets under its row, each with Delete
// set…, read from the record keys and the headers alone: a set's
// annotations are counted by key, never read.

// loadLibrarySets returns, per article id, the summaries of its stored
// sets, ordered by id as the article page orders them.
func loadLibrarySets() (map[string][]annotations.SetSummary, error) {
	keys, err := storeListKeys("rec/")
	if err != nil {
		return nil, err
	}
	type setKey struct{ article, set string }
	recs := map[setKey][]annotations.Record{}
	var headers []string
	var headerOf []setKey
	for _, k := range keys {
		// rec/ARTICLE/SET/h or rec/ARTICLE/SET/KIND/ID
		parts := strings.Split(strings.TrimPrefix(k, "rec/"), "/")
		var sk setKey
		switch {
		case len(parts) >= 3 && parts[len(parts)-1] == "h":
			sk = setKey{strings.Join(parts[:len(parts)-2], "/"), parts[len(parts)-2]}
			headers, headerOf = append(headers, k), append(headerOf, sk)
			continue
		case len(parts) >= 4:
			sk = setKey{strings.Join(parts[:len(parts)-3], "/"), parts[len(parts)-3]}
		default:
			continue
		}
		recs[sk] = append(recs[sk], annotations.Record{Key: strings.Join(parts[len(parts)-2:], "/")})
	}
	values, err := storeListRecordsAll(headers...)
	if err != nil {
		return nil, err
	}
	for i, sk := range headerOf {
		for _, r := range values[i] {
			if r.Key == headers[i] {
				recs[sk] = append(recs[sk], annotations.Record{Key: "h", Value: []byte(r.Value)})
			}
		}
	}
	out := map[string][]annotations.SetSummary{}
	for sk, rs := range recs {
		out[sk.article] = append(out[sk.article], annotations.SummarizeSetRecords(sk.set, rs))
	}
	for _, sets := range out {
		slices.SortFunc(sets, func(a, b annotations.SetSummary) int { return strings.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// readSetTrash reads a set as a deletion removes it, in one transaction,
// with its stamp. The article's active mark goes with its active set (and
// comes back with it), so that the library counts the sets left.
func readSetTrash(info articleInfo, setID string, now time.Time) (*annotations.TrashItem, map[string]string, error) {
	parts, err := storeListRecordsAll(verKey(info.ID, setID), setRecordsPrefix(info.ID, setID), activeKey(info.ID))
	if err != nil {
		return nil, nil, err
	}
	stamps := map[string]string{}
	for _, r := range parts[0] {
		if r.Key == verKey(info.ID, setID) {
			stamps[setID] = r.Value
		}
	}
	item := &annotations.TrashItem{Kind: annotations.TrashSet, ArticleID: info.ID, Title: info.Title, Deleted: now}
	if len(parts[1]) == 0 {
		item.Sets = []annotations.TrashedSet{annotations.TrashedSetFromRecords(setID, nil)}
	}
	trashSets(item, parts[1], recordsPrefix(info.ID))
	for _, r := range parts[2] {
		if r.Key == activeKey(info.ID) && r.Value == setID && len(item.Records) > 0 {
			item.Records = append(item.Records, annotations.StoredRecord{Key: r.Key, Value: r.Value})
		}
	}
	return item, stamps, nil
}

// askDeleteSet reads what deleting one set of an article removes and asks
// to confirm.
func (l *Library) askDeleteSet(ctx goapp.Context, articleID, setID string) {
	i := slices.IndexFunc(l.articles, func(a articleInfo) bool { return a.ID == articleID })
	if i < 0 {
		return
	}
	info := l.articles[i]
	ctx = l.page(ctx)
	ctx.Async(func() {
		item, stamps, err := readSetTrash(info, setID, time.Now())
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				l.alert = "Nothing was deleted: " + err.Error()
				return
			}
			if len(item.Records) == 0 {
				l.alert = "Nothing was deleted: the set is no longer stored (deleted in another tab?)"
				l.reload(ctx)
				return
			}
			l.deleting = &pendingDelete{item: item, stamps: stamps}
			focusConfirm(ctx)
		})
	})
}

// renderArticleSets lists an article's sets with Delete set… each.
func (l *Library) renderArticleSets(articleID string, now time.Time) goapp.UI {
	sets := l.sets[articleID]
	labels := annotations.SummaryLabels(sets, now)
	return goapp.Ul().Class("article-sets").Aria("label", "Sets").Body(
		goapp.Range(sets).Slice(func(i int) goapp.UI {
			s := sets[i]
			label := labels[i]
			return goapp.Li().DataSet("set-id", s.ID).Body(
				goapp.Span().Class("set-line").Text(label),
				goapp.Button().Type("button").Class("delete-set danger").Text("Delete set…").
					Aria("label", "Delete set "+label).Disabled(l.deleting != nil).
					OnClick(func(ctx goapp.Context, e goapp.Event) { l.askDeleteSet(ctx, articleID, s.ID) }, goapp.EventScope(articleID, s.ID)),
			)
		}),
	)
}
