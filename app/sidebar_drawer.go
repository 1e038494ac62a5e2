package app

import (
	"strconv"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// On a narrow screen (app.css: max-width 800px) the article page's sidebar
// is a drawer over the text, so the text gets the height: the toolbar's
// Annotations button opens and closes it, Escape or its Close button closes
// it. Opening moves the focus into the drawer and closing brings it back to
// the button, so a keyboard user is never left on something hidden. On a
// wide screen both buttons are hidden and the sidebar always shows.
const (
	sidebarID      = "sidebar"
	drawerToggleID = "drawer-toggle"
	drawerCloseID  = "drawer-close"
)

// renderDrawerToggle is the toolbar's button that opens and closes the
// drawer.
func (w *Workspace) renderDrawerToggle() goapp.UI {
	return goapp.Button().ID(drawerToggleID).Type("button").Class("drawer-toggle").
		Aria("controls", sidebarID).Aria("expanded", strconv.FormatBool(w.drawerOpen)).
		Text("Annotations").
		OnClick(func(ctx goapp.Context, e goapp.Event) { w.setDrawer(ctx, !w.drawerOpen) })
}

// renderDrawerClose is the drawer's own Close button, its first control.
func (w *Workspace) renderDrawerClose() goapp.UI {
	return goapp.Button().ID(drawerCloseID).Type("button").Class("drawer-close").
		Aria("controls", sidebarID).Text("Close").
		OnClick(func(ctx goapp.Context, e goapp.Event) { w.setDrawer(ctx, false) })
}

// setDrawer opens or closes the drawer and moves the focus into it or back
// to the toolbar's button once the page shows the change.
func (w *Workspace) setDrawer(ctx goapp.Context, open bool) {
	w.drawerOpen = open
	w.revs.toolbar++ // the button's aria-expanded
	focus := drawerToggleID
	if open {
		focus = drawerCloseID
	}
	ctx.Defer(func(goapp.Context) {
		if el := goapp.Window().GetElementByID(focus); el.Truthy() {
			el.Call("focus")
		}
	})
}

// drawerShown tells whether the sidebar is a drawer just now (the layout is
// narrow) and open, so Escape is the drawer's.
func (w *Workspace) drawerShown() bool {
	if !w.drawerOpen || goapp.IsServer {
		return false
	}
	el := goapp.Window().GetElementByID(drawerToggleID)
	return el.Truthy() && el.Get("offsetParent").Truthy()
}

// onSidebarKey closes the drawer on Escape in one of its form fields. The
// page's shortcuts leave keys in fields alone, and take Escape elsewhere
// (see OnMount).
func (w *Workspace) onSidebarKey(ctx goapp.Context, e goapp.Event) {
	if e.Get("key").String() != "Escape" || !w.drawerShown() {
		return
	}
	switch e.Get("target").Get("tagName").String() {
	case "INPUT", "SELECT", "TEXTAREA":
		w.setDrawer(ctx, false)
	}
}

func drawerClass(open bool) string {
	if open {
		return "open"
	}
	return ""
}
