package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// modalGuard serves a native <dialog> opened with showModal: the rest of the
// page is inert while it is open, Esc closes it and the browser keeps Tab
// inside it. The guard keeps the dialog's keys from the page's shortcut
// listener on window (Esc would also deselect, Q would tag), and gives the
// focus back, on close, to what had it when the dialog opened.
type modalGuard struct {
	keyListener   goapp.Func
	closeListener goapp.Func
	returnTo      goapp.Value // the element that had focus when the dialog opened
}

// attach starts guarding dialog; onClose, if not nil, runs after each close
// (by Esc or by the page), once the focus is back.
func (g *modalGuard) attach(dialog goapp.Value, onClose func()) {
	if !dialog.Truthy() {
		return
	}
	// Stopped here, synchronously, which a go-app handler (run later, on
	// the app's loop) cannot do.
	g.keyListener = goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		args[0].Call("stopPropagation")
		return nil
	})
	dialog.Call("addEventListener", "keydown", g.keyListener)
	g.closeListener = goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		if g.returnTo != nil && g.returnTo.Truthy() && g.returnTo.Get("isConnected").Bool() {
			g.returnTo.Call("focus")
		}
		g.returnTo = nil
		if onClose != nil {
			onClose()
		}
		return nil
	})
	dialog.Call("addEventListener", "close", g.closeListener)
}

// detach stops guarding dialog and releases the listeners.
func (g *modalGuard) detach(dialog goapp.Value) {
	for event, fn := range map[string]*goapp.Func{"keydown": &g.keyListener, "close": &g.closeListener} {
		if *fn == nil {
			continue
		}
		if dialog.Truthy() {
			dialog.Call("removeEventListener", event, *fn)
		}
		(*fn).Release()
		*fn = nil
	}
}

// open shows dialog as a modal, remembering where the focus was.
func (g *modalGuard) open(dialog goapp.Value) {
	if !dialog.Truthy() || dialog.Get("open").Bool() {
		return
	}
	g.returnTo = goapp.Window().Get("document").Get("activeElement")
	dialog.Call("showModal")
}

// closeDialog closes dialog if it is open.
func closeDialog(dialog goapp.Value) {
	if dialog.Truthy() && dialog.Get("open").Bool() {
		dialog.Call("close")
	}
}

// ownDialog is the <dialog> inside a component's root element, found from
// the root, which exists whether or not the page has attached it yet.
func ownDialog(c *goapp.Compo) goapp.Value {
	if root := c.JSValue(); root != nil && root.Truthy() {
		return root.Call("querySelector", "dialog")
	}
	return goapp.Null()
}
