package app

// articleKeys are the keys of the article text's caret (article_caret.go,
// caretKey) and of a selected annotation's ends, for the page's help. The
// README's "Keyboard" section lists the same.
var articleKeys = []shortcutHelp{
	{Keys: "Tab", Does: "put the focus on the article text (the caret shows as a dark character)"},
	{Keys: "← / →", Does: "move the caret by a character (an emoji or a letter with its accents is one)"},
	{Keys: "Ctrl+← / Ctrl+→", Does: "move the caret to the start of the word before / the end of the word after"},
	{Keys: "Alt+↑ / Alt+↓", Does: "move the caret to the start of the sentence / of the next sentence"},
	{Keys: "Ctrl+↑ / Ctrl+↓", Does: "move the caret to the start of the paragraph / of the next paragraph"},
	{Keys: "Home / End", Does: "move the caret to the start / the end of the sentence"},
	{Keys: "Ctrl+Home / Ctrl+End", Does: "move the caret to the start / the end of the article"},
	{Keys: "Shift + any move", Does: "extend the selection from where it started, snapping to whole words"},
	{Keys: "Alt+Shift + any move", Does: "extend the selection without snapping to words"},
	{Keys: "Ctrl+A", Does: "select the whole article text (not the page)"},
	{Keys: "Escape", Does: "drop the selection and any alert, keeping the caret (again: unselect the annotation)"},
	{Keys: "Enter", Does: "select the annotation at the caret (again: the one around it)"},
	{Keys: "[ / ]", Does: "move the selected annotation's start a word left / right"},
	{Keys: "{ / } (Shift+[ / Shift+])", Does: "move the selected annotation's end a word left / right"},
}
