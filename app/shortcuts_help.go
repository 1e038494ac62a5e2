package app

import "strings"

// shortcutHelp is one line of the keyboard help: the keys, as written on
// the keyboard, and what they do.
type shortcutHelp struct{ Keys, Does string }

// libraryShortcuts are the library page's keys.
var libraryShortcuts = []shortcutHelp{
	{"Tab, Shift+Tab", "Move between the articles and the controls"},
	{"Enter", "Open the article or press the button in focus"},
}

// articleShortcuts are the article page's keys outside its text; the
// help lists them after the caret's (articleKeys, article_keys.go).
var articleShortcuts = []shortcutHelp{
	{"Q", "Tag the selected text as a quote"},
	{"S", "Tag the selected text as a speaker mention (it attributes the selected quote)"},
	{"C", "Tag the selected text as a claim"},
	{"Delete, Backspace", "Delete the selected annotation"},
	{"Ctrl+Z", "Undo (a moved end too)"},
	{"Ctrl+Shift+Z, Ctrl+Y", "Redo"},
	{"↑, ↓", "In the annotation list: previous, next annotation"},
	{"Page Up, Page Down", "In the annotation list: a page up, down"},
	{"Home, End", "In the annotation list: first, last annotation"},
	{"Enter, Space", "In the annotation list: select the annotation in focus"},
	{"A, Enter", "Reviewing suggestions: accept the one in focus"},
	{"X", "Reviewing suggestions: reject it"},
	{"N, P", "Reviewing suggestions: next, previous"},
}

// compareShortcuts are the compare view's adjudication keys.
var compareShortcuts = []shortcutHelp{
	{"N, J, ↓", "Next disagreement"},
	{"P, K, ↑", "Previous disagreement"},
	{"A, B", "Take set A's, set B's version"},
	{"1 – 9", "Take that option"},
	{"X, 0", "Take neither"},
}

// corpusShortcuts are the corpus page's keys.
var corpusShortcuts = []shortcutHelp{
	{"Enter, Space", "On a speaker: show or hide their quotes"},
	{"Esc", "Close the merge form"},
}

// helpKeys open and close the help itself, on every page.
var helpKeys = []shortcutHelp{
	{"?", "Show this list of keyboard shortcuts"},
	{"Esc", "Close it"},
}

// pageShortcuts are the keys of the page at path (a route of routes.go),
// then the help's own.
func pageShortcuts(path string) []shortcutHelp {
	var page []shortcutHelp
	switch {
	case strings.HasPrefix(path, "/article/"):
		page = append(articleShortcuts[:len(articleShortcuts):len(articleShortcuts)], articleKeys...)
	case strings.HasPrefix(path, "/compare/"):
		page = compareShortcuts
	case path == "/corpus" || strings.HasPrefix(path, "/corpus/"):
		page = corpusShortcuts
	default:
		page = libraryShortcuts
	}
	return append(page[:len(page):len(page)], helpKeys...)
}
