package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Fyne 2.7 wraps a paragraph by measuring the rest of it once per row it
// makes, so wrapping costs the square of the paragraph's length. A
// paragraph within wrapMaxLine wraps quickly; a note with a longer one is
// shown unwrapped, which is linear. No text is ever cut.
const wrapMaxLine = 2000 // characters in one paragraph

// wrapFor is how a multi-line entry should wrap text: by word while Fyne
// can do that quickly, else not at all (the entry then scrolls sideways).
func wrapFor(text string) fyne.TextWrap {
	line := 0
	for _, r := range text {
		line++
		if r == '\n' {
			line = 0
		}
		if line > wrapMaxLine {
			return fyne.TextWrapOff
		}
	}
	return fyne.TextWrapWord
}

// noteField is a note: a multi-line entry while the note is within the
// limit the store saves. Longer notes (written before there was a limit)
// are shown in part, read-only, with a way to copy the whole and one to
// shorten it: an entry lays out its whole text once per line it draws, so
// a huge note would freeze the window, and could not be saved anyway.
// Typing or pasting that would take a note over the limit is refused, so
// the entry never holds more.
type noteField struct {
	view  *fyne.Container
	entry *noteEntry
	// OnChanged hears every change, typed or by shortening.
	OnChanged func(string)
	sh        *shell // whose window shortening asks in
	refused   *widget.Label
	// long is the whole note while it is over the limit, shown in longView
	// ("" otherwise).
	long     string
	longView *fyne.Container
	preview  *widget.Label
	why      *widget.Label
}

func newNoteField(sh *shell, placeholder string) *noteField {
	f := &noteField{sh: sh, entry: newNoteEntry(placeholder)}
	f.refused = widget.NewLabel("")
	f.refused.Importance = widget.DangerImportance
	f.refused.Wrapping = fyne.TextWrapWord
	f.refused.Hide()
	f.entry.refuse = func(n int) {
		f.refused.SetText(fmt.Sprintf("Not added: the note would be %d characters long; a note holds at most %d.", n, model.MaxNoteText))
		f.refused.Show()
	}
	f.entry.OnChanged = func(s string) {
		f.refused.Hide()
		if f.OnChanged != nil {
			f.OnChanged(s)
		}
	}
	f.preview = widget.NewLabel("")
	f.preview.Wrapping = fyne.TextWrapWord
	f.why = widget.NewLabel("")
	f.why.Wrapping = fyne.TextWrapWord
	f.why.Importance = widget.WarningImportance
	copyAll := widget.NewButtonWithIcon("Copy all", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(f.long)
	})
	shorten := widget.NewButtonWithIcon(fmt.Sprintf("Keep the first %d characters…", model.MaxNoteText), theme.ContentCutIcon(), f.askShorten)
	f.longView = container.NewVBox(f.preview, f.why, container.NewHBox(copyAll, shorten))
	f.longView.Hide()
	f.view = container.NewVBox(f.entry, f.longView, f.refused)
	return f
}

// Text is the whole note.
func (f *noteField) Text() string {
	if f.long != "" {
		return f.long
	}
	return f.entry.Text
}

// SetText shows a note: in the entry when it is within the limit, else in
// part and read-only.
func (f *noteField) SetText(text string) {
	f.refused.Hide()
	n := utf8.RuneCountInString(text)
	if n <= model.MaxNoteText {
		f.long = ""
		f.longView.Hide()
		f.entry.Show()
		f.entry.SetText(text)
		return
	}
	f.long = text
	f.preview.SetText(clip(text))
	f.why.SetText(fmt.Sprintf("These notes are %d characters long, more than the %d a note holds, so they are shown in part and cannot be edited or saved here. Copy them to keep them whole elsewhere, then keep the first %d characters.", n, model.MaxNoteText, model.MaxNoteText))
	f.entry.Hide()
	f.longView.Show()
}

// askShorten offers to cut a long note to the limit; the entry's OnChanged
// then saves it.
func (f *noteField) askShorten() {
	f.sh.showDialog(dialog.NewConfirm("Shorten these notes?", fmt.Sprintf("They keep their first %d characters, and the rest is gone once they are saved. Copy them first to keep them whole elsewhere.", model.MaxNoteText),
		func(ok bool) {
			if !ok {
				return
			}
			f.SetText(string([]rune(f.long)[:model.MaxNoteText]))
		}, f.sh.win))
}

// noteEntry is a multi-line entry for notes. It wraps by word, except for
// text too long to wrap quickly, which stays whole on unwrapped lines.
type noteEntry struct {
	widget.Entry
	// refuse hears of typing or a paste refused because it would make the
	// note n characters long.
	refuse func(n int)
	// focused hears the note take the keyboard, to scroll it into view.
	focused func()
}

// FocusGained tells focused: Tab into a note below the fold showed nothing.
func (e *noteEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.focused != nil {
		e.focused()
	}
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

// AcceptsTab gives Tab back to the window's focus order: a note moves on
// to the next field, as every other field does (a tab in a note is refused
// when it is saved anyway).
func (e *noteEntry) AcceptsTab() bool { return false }

// SetText shows text, choosing the wrapping first: a long note must never
// be laid out wrapped, not even once.
func (e *noteEntry) SetText(text string) {
	e.Wrapping = wrapFor(text)
	e.Entry.SetText(text)
}

// TypedRune refuses a character that would take the note over the limit.
func (e *noteEntry) TypedRune(r rune) {
	if e.fits(string(r)) {
		e.Entry.TypedRune(r)
	}
}

// TypedKey refuses a new line that would take the note over the limit.
func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if isEnter(k) && !e.fits("\n") || escapeDialog(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut refuses a paste that would take the note over the limit,
// and stops wrapping before one that makes the text too long to wrap: Fyne
// lays the pasted text out before anyone hears of it. Wrapping comes back
// when the note is next opened.
func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if windowShortcut(e, s) {
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		pasted := p.Clipboard.Content()
		if !e.fits(pasted) {
			return
		}
		if e.Wrapping != fyne.TextWrapOff && wrapFor(e.Text+"\n"+pasted) == fyne.TextWrapOff {
			e.unwrap()
		}
	}
	e.Entry.TypedShortcut(s)
}

// fits reports whether the note stays within the limit with added in place
// of the selection, and tells refuse when it would not.
func (e *noteEntry) fits(added string) bool {
	n := utf8.RuneCountInString(e.Text) - utf8.RuneCountInString(e.SelectedText()) + utf8.RuneCountInString(added)
	if n > model.MaxNoteText {
		e.refuse(n)
		return false
	}
	return true
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
