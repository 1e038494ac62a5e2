package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

const (
	helpDialogID = "keyboard-help"
	helpTitleID  = "keyboard-help-title"
)

// helpPanel is the "Keyboard shortcuts (?)" button and the modal dialog it
// opens, listing Shortcuts. "?" opens it from anywhere on the page but a
// form field. It is a native <dialog> opened with showModal, so the rest of
// the page is inert while it is open, Esc closes it and the browser keeps
// Tab inside it; focus goes to its Close button and back, on close, to what
// had it before.
type helpPanel struct {
	goapp.Compo
	Shortcuts []shortcutHelp

	removeKey func()
	guard     modalGuard
}

func (h *helpPanel) OnMount(ctx goapp.Context) {
	h.removeKey = onKey(func(key string, ctrl, shift, alt bool) bool {
		if key != "?" || ctrl || alt {
			return false
		}
		ctx.Dispatch(func(goapp.Context) { h.open() })
		return true
	})
	h.guard.attach(h.dialog(), nil)
}

func (h *helpPanel) OnDismount() {
	if h.removeKey != nil {
		h.removeKey()
		h.removeKey = nil
	}
	h.guard.detach(h.dialog())
}

func (h *helpPanel) dialog() goapp.Value { return ownDialog(&h.Compo) }

func (h *helpPanel) open() { h.guard.open(h.dialog()) }

func (h *helpPanel) close() { closeDialog(h.dialog()) }

func (h *helpPanel) Render() goapp.UI {
	return goapp.Div().Class("help").Body(
		goapp.Button().Type("button").Class("help-open").Aria("keyshortcuts", "?").Aria("haspopup", "dialog").
			Text("Keyboard shortcuts (?)").
			OnClick(func(ctx goapp.Context, e goapp.Event) { h.open() }),
		goapp.Dialog().ID(helpDialogID).Class("help-dialog").Role("dialog").Aria("modal", "true").Aria("labelledby", helpTitleID).Body(
			goapp.H2().ID(helpTitleID).Text("Keyboard shortcuts"),
			goapp.Dl().Class("shortcuts").Body(
				goapp.Range(h.Shortcuts).Slice(func(i int) goapp.UI {
					return goapp.Div().Class("shortcut").Body(
						goapp.Dt().Body(goapp.Kbd().Text(h.Shortcuts[i].Keys)),
						goapp.Dd().Text(h.Shortcuts[i].Does),
					)
				}),
			),
			goapp.Button().Type("button").Class("help-close").AutoFocus(true).Text("Close").
				OnClick(func(ctx goapp.Context, e goapp.Event) { h.close() }),
		),
	)
}
