package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// virtualWindow is the scroll state of a list of fixed-height rows that
// renders only the rows near its viewport: a list this long or shorter is
// rendered whole, so it can be read and searched in the page as it is.
type virtualWindow struct {
	rowHeight   int
	scrollTop   int
	viewHeight  int
	first, last int // the rows rendered: [first, last)
}

// rows works out which rows to render for a list of n.
func (v *virtualWindow) rows(n int) (first, last int) {
	v.first, v.last = 0, n
	if n > virtualizeAbove {
		h := max(1, v.rowHeight)
		v.first = max(0, min(n, v.scrollTop/h-listOverscan))
		v.last = min(n, (v.scrollTop+v.viewHeight)/h+1+listOverscan)
	}
	return v.first, v.last
}

// onScroll takes the scroller's position and reports whether the rows in
// view have come near the edge of what is rendered.
func (v *virtualWindow) onScroll(scroller goapp.Value, n int) bool {
	v.scrollTop = scroller.Get("scrollTop").Int()
	v.viewHeight = scroller.Get("clientHeight").Int()
	if n <= virtualizeAbove {
		return false
	}
	h := max(1, v.rowHeight)
	visFirst := v.scrollTop / h
	visLast := min(n, (v.scrollTop+v.viewHeight)/h+1)
	inside := visFirst >= v.first && visLast <= v.last &&
		(visFirst-v.first >= 2 || v.first == 0) && (v.last-visLast >= 2 || v.last == n)
	return !inside
}
