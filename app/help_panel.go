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

	removeKey   func()
	keyListener goapp.Func // on the dialog: keeps its keys from the page's shortcuts
	onClose     goapp.Func
	returnTo    goapp.Value // the element that had focus when the dialog opened
}

func (h *helpPanel) OnMount(ctx goapp.Context) {
	h.removeKey = onKey(func(key string, ctrl, shift, alt bool) bool {
		if key != "?" || ctrl || alt {
			return false
		}
		ctx.Dispatch(func(goapp.Context) { h.open() })
		return true
	})
	dialog := h.dialog()
	if !dialog.Truthy() {
		return
	}
	// A key pressed in the dialog must not reach the page's shortcut
	// listener on window (Esc would also deselect, Q would tag): stopped
	// here, synchronously, which a go-app handler (run later, on the
	// app's loop) cannot do.
	h.keyListener = goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		args[0].Call("stopPropagation")
		return nil
	})
	dialog.Call("addEventListener", "keydown", h.keyListener)
	h.onClose = goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		if h.returnTo != nil && h.returnTo.Truthy() && h.returnTo.Get("isConnected").Bool() {
			h.returnTo.Call("focus")
		}
		h.returnTo = nil
		return nil
	})
	dialog.Call("addEventListener", "close", h.onClose)
}

func (h *helpPanel) OnDismount() {
	if h.removeKey != nil {
		h.removeKey()
		h.removeKey = nil
	}
	dialog := h.dialog()
	if h.keyListener != nil {
		if dialog.Truthy() {
			dialog.Call("removeEventListener", "keydown", h.keyListener)
		}
		h.keyListener.Release()
		h.keyListener = nil
	}
	if h.onClose != nil {
		if dialog.Truthy() {
			dialog.Call("removeEventListener", "close", h.onClose)
		}
		h.onClose.Release()
		h.onClose = nil
	}
}

// dialog is the panel's own <dialog>, found from its root element, which
// exists whether or not the page has attached it yet.
func (h *helpPanel) dialog() goapp.Value {
	if root := h.JSValue(); root != nil && root.Truthy() {
		return root.Call("querySelector", "dialog")
	}
	return goapp.Null()
}

func (h *helpPanel) open() {
	dialog := h.dialog()
	if !dialog.Truthy() || dialog.Get("open").Bool() {
		return
	}
	h.returnTo = goapp.Window().Get("document").Get("activeElement")
	dialog.Call("showModal")
}

func (h *helpPanel) close() {
	if dialog := h.dialog(); dialog.Truthy() && dialog.Get("open").Bool() {
		dialog.Call("close")
	}
}

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
