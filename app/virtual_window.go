package app

import goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

// virtualWindow is the scroll state of a list of fixed-height rows that
// renders only the rows near its viewport. A list of wholeUpTo rows or
// fewer is rendered whole, so it can be read and searched in the page as it
// is.
type virtualWindow struct {
	rowHeight   int
	wholeUpTo   int // 0: virtualizeAbove
	overscan    int // rows rendered beyond each edge of the visible ones; 0: listOverscan
	scrollTop   int
	viewHeight  int
	first, last int // the rows rendered: [first, last)
}

func (v *virtualWindow) limits() (wholeUpTo, overscan, rowHeight int) {
	wholeUpTo, overscan = v.wholeUpTo, v.overscan
	if wholeUpTo == 0 {
		wholeUpTo = virtualizeAbove
	}
	if overscan == 0 {
		overscan = listOverscan
	}
	return wholeUpTo, overscan, max(1, v.rowHeight)
}

// rows works out which rows to render for a list of n.
func (v *virtualWindow) rows(n int) (first, last int) {
	whole, overscan, h := v.limits()
	v.first, v.last = 0, n
	if n > whole {
		v.first = max(0, min(n, v.scrollTop/h-overscan))
		v.last = max(v.first, min(n, (v.scrollTop+v.viewHeight)/h+1+overscan))
	}
	return v.first, v.last
}

// onScroll takes the scroller's position and reports whether the rows in
// view have come near the edge of what is rendered.
func (v *virtualWindow) onScroll(scroller goapp.Value, n int) bool {
	v.scrollTop = scroller.Get("scrollTop").Int()
	v.viewHeight = scroller.Get("clientHeight").Int()
	whole, _, h := v.limits()
	if n <= whole {
		return false
	}
	visFirst := v.scrollTop / h
	visLast := min(n, (v.scrollTop+v.viewHeight)/h+1)
	inside := visFirst >= v.first && visLast <= v.last &&
		(visFirst-v.first >= 2 || v.first == 0) && (v.last-visLast >= 2 || v.last == n)
	return !inside
}

// reveal scrolls the list so that row pos is visible, computing the place
// from the index: the row may not be rendered yet.
func (v *virtualWindow) reveal(ctx goapp.Context, pos int, scrollerID string) {
	_, _, h := v.limits()
	top := pos * h
	switch {
	case top < v.scrollTop:
		v.scrollTop = top
	case top+h > v.scrollTop+v.viewHeight:
		v.scrollTop = top + h - v.viewHeight
	default:
		return
	}
	scrollTop := v.scrollTop
	ctx.Defer(func(goapp.Context) {
		if el := goapp.Window().GetElementByID(scrollerID); el.Truthy() {
			el.Set("scrollTop", scrollTop)
		}
	})
}

// measure reads the scroller's height, which CSS decides, and reports
// whether it changed.
func (v *virtualWindow) measure(scrollerID string) bool {
	if el := goapp.Window().GetElementByID(scrollerID); el.Truthy() {
		if h := el.Get("clientHeight").Int(); h > 0 && h != v.viewHeight {
			v.viewHeight = h
			return true
		}
	}
	return false
}
