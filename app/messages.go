package app

import (
	"slices"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// messages renders a page's alert and notice inside one wrapper that is
// always there. go-app diffs children by index: a message appearing before
// other elements would shift and replace them, dismounting the element an
// event came from, and go-app then drops that event's ctx.Dispatch. The
// notice of changes not saved (unsaved.go) comes first and is always there,
// for the same reason, then the page's live region and its keyboard help,
// also always there.
//
// An alert is a role=alert element, which a screen reader reads when it
// appears. A notice is shown here and said through the live region (see
// announce), so that it is read once, not twice.
//
// The help lists the keys of the page at the address shown: messages is on
// every page, so every page has its help without its layout knowing.
func messages(alert, notice string) goapp.UI {
	if notice != live.notice {
		live.notice = notice
		announce(notice)
	}
	path := "/"
	if goapp.IsClient {
		path = goapp.Window().URL().Path
	}
	return goapp.Div().Class("messages").Body(
		&unsavedNotice{Rev: unsavedSessions.rev},
		// Present from the first render, so that screen readers follow it
		// before anything is said; its text is written by announce only.
		goapp.Div().ID(liveRegionID).Class("visually-hidden").
			Role("status").Aria("live", "polite").Aria("atomic", "true"),
		&helpPanel{Shortcuts: pageShortcuts(path)},
		goapp.If(alert != "", func() goapp.UI { return goapp.Div().Role("alert").Class("alert").Text(alert) }),
		goapp.If(notice != "", func() goapp.UI { return goapp.Div().Class("notice").Text(notice) }),
	)
}

const (
	liveRegionID = "live-status"
	// announceDelay is how long the live region stays empty before it says
	// the next thing: a screen reader reads a change of text, so the same
	// message twice must be cleared in between, and in a separate task.
	announceDelay = 100 // ms
)

// live is what the page's live region has said; one page is shown at a
// time.
var live struct {
	notice    string   // the notice last said, so a re-render does not say it again
	saveState string   // the save state last said ("" is "saved")
	pending   []string // what the next write says, in order
	writing   bool     // a write is scheduled
}

// announce has the page's live region say text: it empties the region at
// once and writes text into it a moment later, so that the same text said
// twice is read twice. What is announced before that write is said with it.
// Said only in the browser; text "" says nothing.
func announce(text string) {
	if text == "" || !goapp.IsClient || slices.Contains(live.pending, text) {
		return
	}
	live.pending = append(live.pending, text)
	if live.writing {
		return
	}
	live.writing = true
	if region := goapp.Window().GetElementByID(liveRegionID); region.Truthy() {
		region.Set("textContent", "")
	}
	var write goapp.Func
	write = goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		write.Release()
		said := strings.Join(live.pending, " ")
		live.pending, live.writing = nil, false
		if region := goapp.Window().GetElementByID(liveRegionID); region.Truthy() {
			region.Set("textContent", said)
		}
		return nil
	})
	goapp.Window().Call("setTimeout", write, announceDelay)
}

// announceSaveState says the save state when it turns to "Not saved" and
// when it is "Saved" again; not on every edit's round of saving and saved.
func announceSaveState(state string) {
	if state == "saving" {
		return
	}
	if state == "saved" {
		state = ""
	}
	if state == live.saveState {
		return
	}
	live.saveState = state
	if state == "" {
		announce("Saved.")
	} else {
		announce("Not saved.")
	}
}

// sayAlertAgain has screen readers read the page's alert again when an
// action sets the same alert it already shows (Q pressed twice with no text
// selected): a role=alert element is read when it appears or its text
// changes, and go-app leaves a text it renders again untouched. It empties
// the alert's text now and puts it back a moment later, unless the render
// has put another there meanwhile. A new or different alert needs nothing.
func sayAlertAgain() {
	if !goapp.IsClient {
		return
	}
	el := goapp.Window().Get("document").Call("querySelector", ".messages > .alert[role=alert]")
	if !el.Truthy() {
		return
	}
	node := el.Get("firstChild")
	if !node.Truthy() {
		return
	}
	text := node.Get("nodeValue").String()
	node.Set("nodeValue", "")
	var restore goapp.Func
	restore = goapp.FuncOf(func(goapp.Value, []goapp.Value) any {
		restore.Release()
		if node.Get("nodeValue").String() == "" {
			node.Set("nodeValue", text)
		}
		return nil
	})
	goapp.Window().Call("setTimeout", restore, announceDelay)
}
