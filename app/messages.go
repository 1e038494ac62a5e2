package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// messages renders a page's alert and notice inside one wrapper that is
// always there. go-app diffs children by index: a message appearing before
// other elements would shift and replace them, dismounting the element an
// event came from, and go-app then drops that event's ctx.Dispatch. The
// notice of changes not saved (unsaved.go) comes first and is always there,
// for the same reason.
func messages(alert, notice string) goapp.UI {
	return goapp.Div().Class("messages").Body(
		&unsavedNotice{Rev: unsavedSessions.rev},
		goapp.If(alert != "", func() goapp.UI { return goapp.Div().Role("alert").Class("alert").Text(alert) }),
		goapp.If(notice != "", func() goapp.UI { return goapp.Div().Role("status").Class("notice").Text(notice) }),
	)
}
