package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Fyne 2.7 wraps a paragraph by measuring the rest of it once per row it
// makes, so wrapping costs the square of the paragraph's length, and it
// redraws by slicing the whole text once per row. A 100 KB paragraph took
// minutes to open; 100 KB of short paragraphs, a second per keystroke.
// Text within these sizes wraps in a fraction of a second (measured in
// the test driver); longer text is shown unwrapped, which is linear. No
// text is ever cut.
const (
	wrapMaxText = model.MaxNoteText // characters in the whole text
	wrapMaxLine = 2000              // characters in one paragraph
)

// wrapFor is how a multi-line entry should wrap text: by word while Fyne
// can do that quickly, else not at all (the entry then scrolls sideways).
func wrapFor(text string) fyne.TextWrap {
	n, line := 0, 0
	for _, r := range text {
		n++
		line++
		if r == '\n' {
			line = 0
		}
		if n > wrapMaxText || line > wrapMaxLine {
			return fyne.TextWrapOff
		}
	}
	return fyne.TextWrapWord
}

// noteEntry is a multi-line entry for notes. It wraps by word, except for
// text too long to wrap quickly, which stays whole on unwrapped lines.
type noteEntry struct {
	widget.Entry
}

func newNoteEntry(placeholder string) *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	e.SetMinRowsVisible(3)
	return e
}

// SetText shows text, choosing the wrapping first: a long note must never
// be laid out wrapped, not even once.
func (e *noteEntry) SetText(text string) {
	e.Wrapping = wrapFor(text)
	e.Entry.SetText(text)
}

// TypedShortcut stops wrapping before a paste that makes the text too long
// to wrap; Fyne lays the pasted text out before anyone hears of it.
// Wrapping comes back when the note is next opened.
func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil && e.Wrapping != fyne.TextWrapOff &&
		wrapFor(e.Text+"\n"+p.Clipboard.Content()) == fyne.TextWrapOff {
		e.unwrap()
	}
	e.Entry.TypedShortcut(s)
}

// unwrap turns wrapping off and keeps the cursor where it was in the text.
// Entries count the cursor in rows as drawn; unwrapped, those are the
// text's own lines.
func (e *noteEntry) unwrap() {
	if e.SelectedText() != "" {
		// The selection is also kept in drawn rows: replace it first, as
		// the paste would have.
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	before := string([]rune(e.Text)[:e.CursorTextOffset()])
	e.Wrapping = fyne.TextWrapOff
	e.Refresh()
	e.CursorRow = strings.Count(before, "\n")
	e.CursorColumn = len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	e.Refresh()
}

// clip shortens text shown read-only in a wrapped label (an item in a list
// or in meeting mode) to what wraps quickly. The whole text stays in the
// editor; the ellipsis shows that there is more.
func clip(text string) string {
	return model.Ellipsize(text, wrapMaxLine)
}
