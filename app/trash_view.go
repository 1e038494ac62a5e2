package app

import (
	"time"

	"quotemark/annotations"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// undoFor is how long the Undo of a deletion stays on screen; the Trash
// keeps the item after that.
const undoFor = 12 * time.Second

// notArticleError is a file refused as an article because it is not a
// plain text (annotations.CheckArticleFile): its message names the file.
type notArticleError struct{ err error }

func (e notArticleError) Error() string { return e.err.Error() }
func (e notArticleError) Unwrap() error { return e.err }

// pendingDelete is a deletion the person has asked for and not yet
// confirmed: what it would remove, read from storage, and the stamps it
// was read at.
type pendingDelete struct {
	item   *annotations.TrashItem
	stamps map[string]string
	purge  string // the trash item's key, when the deletion is of it, for good
}

// undoNotice is what the notice after a deletion offers: the trash item to
// restore, until gen moves.
type undoNotice struct {
	key  string
	text string
	gen  int
}

// show offers the Undo of a deletion for undoFor; then, on ctx, it goes
// and expired runs (a component re-rendered by revision is told so).
func (u *undoNotice) show(ctx goapp.Context, key, text string, expired func()) {
	u.gen++
	u.key, u.text = key, text
	gen := u.gen
	time.AfterFunc(undoFor, func() {
		ctx.Dispatch(func(goapp.Context) {
			if u.gen == gen {
				u.key, u.text = "", ""
				expired()
			}
		})
	})
}

func (u *undoNotice) clear() {
	u.gen++
	u.key, u.text = "", ""
}

// renderUndoNotice is the notice of a deletion with its Undo button.
func renderUndoNotice(u undoNotice, onUndo goapp.EventHandler) goapp.UI {
	if u.key == "" {
		return goapp.Div().Class("undo-delete").Hidden(true)
	}
	return goapp.Div().Class("undo-delete notice").Role("status").DataSet("trash-key", u.key).Body(
		goapp.Span().Text(u.text+" "),
		goapp.Button().Type("button").Class("undo-delete-button").Text("Undo").OnClick(onUndo),
	)
}

// renderConfirmDelete asks whether to delete what question says.
func renderConfirmDelete(question string, onDelete, onCancel goapp.EventHandler) goapp.UI {
	if question == "" {
		return goapp.Div().Class("confirm-delete").Hidden(true)
	}
	return goapp.Div().Class("confirm-delete").Role("alertdialog").Aria("label", "Confirm deletion").Aria("modal", "true").
		OnKeyDown(func(ctx goapp.Context, e goapp.Event) {
			if e.Get("key").String() == "Escape" {
				onCancel(ctx, e)
			}
		}).Body(
		goapp.Div().Class("confirm-delete-box").Body(
			goapp.P().Class("confirm-delete-question").Text(question),
			goapp.Div().Class("confirm-delete-buttons").Body(
				goapp.Button().Type("button").Class("danger confirm-delete-yes").Text("Delete").OnClick(onDelete),
				goapp.Button().Type("button").Class("confirm-delete-no").Text("Cancel").OnClick(onCancel),
			),
		),
	)
}

// focusConfirm puts the focus on the confirmation's Cancel once it is
// drawn: the person answers it with the keyboard too (Enter, Escape), and
// a slip of Enter keeps everything.
func focusConfirm(ctx goapp.Context) {
	ctx.Defer(func(goapp.Context) {
		if el := goapp.Window().Get("document").Call("querySelector", ".confirm-delete-no"); el.Truthy() {
			el.Call("focus")
		}
	})
}

// --- the library's deletions and its Trash ----------------------------------

// askDelete reads what deleting an article removes and asks to confirm.
func (l *Library) askDelete(ctx goapp.Context, id string) {
	var info articleInfo
	for _, a := range l.articles {
		if a.ID == id {
			info = a
		}
	}
	if info.ID == "" {
		return
	}
	ctx = l.page(ctx)
	ctx.Async(func() {
		item, stamps, err := readArticleTrash(info, time.Now())
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				l.alert = "Nothing was deleted: " + err.Error()
				return
			}
			l.deleting = &pendingDelete{item: item, stamps: stamps}
			focusConfirm(ctx)
		})
	})
}

func (l *Library) confirmDelete(ctx goapp.Context, e goapp.Event) {
	p := l.deleting
	if p == nil {
		return
	}
	l.deleting = nil
	if p.purge != "" {
		l.purge(ctx, p)
		return
	}
	key, write, err := trashWrite(p.item, p.stamps)
	if err != nil {
		l.alert = "Nothing was deleted: " + err.Error()
		return
	}
	ctx = l.page(ctx)
	ctx.Async(func() {
		err := write()
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				l.alert = "Nothing was deleted: " + err.Error()
				return
			}
			l.alert = ""
			l.undo.show(ctx, key, p.item.Done(), func() {})
			l.reload(ctx)
		})
	})
}

func (l *Library) cancelDelete(ctx goapp.Context, e goapp.Event) { l.deleting = nil }

// restore puts a trash item back.
func (l *Library) restore(ctx goapp.Context, key string) {
	l.undo.clear()
	ctx = l.page(ctx)
	ctx.Async(func() {
		item, err := restoreTrash(key)
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				l.alert = "Nothing was restored: " + err.Error()
			} else {
				l.alert, l.notice = "", "Restored "+item.Summary()+"."
			}
			l.reload(ctx)
		})
	})
}

// purge deletes a trash item for good, once confirmed.
func (l *Library) purge(ctx goapp.Context, p *pendingDelete) {
	l.undo.clear()
	wait := purgeTrash(p.purge, p.item)
	ctx = l.page(ctx)
	ctx.Async(func() {
		err := wait()
		ctx.Dispatch(func(ctx goapp.Context) {
			if err != nil {
				l.alert = "Nothing was deleted: " + err.Error()
			} else {
				l.alert, l.notice = "", "Deleted "+p.item.Summary()+" for good."
			}
			l.reload(ctx)
		})
	})
}

func (l *Library) renderConfirm() goapp.UI {
	q := ""
	switch {
	case l.deleting != nil && l.deleting.purge != "":
		q = l.deleting.item.PurgeQuestion()
	case l.deleting != nil:
		q = l.deleting.item.Question()
	}
	return renderConfirmDelete(q, l.confirmDelete, l.cancelDelete)
}

func (l *Library) renderUndo() goapp.UI {
	return renderUndoNotice(l.undo, func(ctx goapp.Context, e goapp.Event) { l.restore(ctx, l.undo.key) })
}

// renderTrash lists what was deleted, each with Restore.
func (l *Library) renderTrash() goapp.UI {
	now := time.Now()
	return goapp.Section().Class("trash").Aria("label", "Trash").Body(
		goapp.H2().Text("Trash"),
		goapp.If(len(l.trash) == 0, func() goapp.UI {
			return goapp.P().Class("hint").Text("Deleted articles and sets are kept here until you restore them.")
		}),
		goapp.Ul().Class("trash-items").Body(
			goapp.Range(l.trash).Slice(func(i int) goapp.UI {
				t := l.trash[i]
				key := t.Key
				text := "This item does not read: "
				if t.Err != nil {
					text += t.Err.Error()
				} else {
					text = t.Item.Summary() + " — deleted " + annotations.FormatShortTime(t.Item.Deleted, now)
				}
				return goapp.Li().DataSet("trash-key", key).Body(
					goapp.Span().Class("trash-what").Text(text),
					goapp.Button().Type("button").Class("restore").Text("Restore").Disabled(t.Err != nil).
						OnClick(func(ctx goapp.Context, e goapp.Event) { l.restore(ctx, key) }, goapp.EventScope(key)),
					goapp.Button().Type("button").Class("purge danger").Text("Delete for good…").Disabled(t.Err != nil || l.deleting != nil).
						OnClick(func(ctx goapp.Context, e goapp.Event) {
							if t.Item != nil {
								l.deleting = &pendingDelete{item: t.Item, purge: key}
								focusConfirm(ctx)
							}
						}, goapp.EventScope(key, "purge")),
				)
			}),
		),
	)
}
