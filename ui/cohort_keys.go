package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// dialogKeys runs Esc and Enter in a dialog for the widget with the
// focus, which hears every key before the canvas does: Esc closes the
// dialog, Enter runs enter (the dialog's main button) when not nil. It
// says whether it took k.
func dialogKeys(o fyne.CanvasObject, k *fyne.KeyEvent, enter func()) bool {
	if escapeDialog(o, k) {
		return true
	}
	if isEnter(k) && enter != nil {
		enter()
		return true
	}
	return false
}

// press taps b as Enter would: only while it is enabled.
func press(b *widget.Button) func() {
	return func() {
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	}
}

// keyCheck is a dialog's check box. A plain check, once clicked, kept the
// focus and swallowed Esc (and Enter): the dialog stayed open.
type keyCheck struct {
	widget.Check
	enter func() // the dialog's main button, or nil
}

func newKeyCheck(label string, changed func(bool), enter func()) *keyCheck {
	c := &keyCheck{enter: enter}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *keyCheck) TypedKey(k *fyne.KeyEvent) {
	if !dialogKeys(c, k, c.enter) {
		c.Check.TypedKey(k)
	}
}

// enterKey is an unseen widget a dialog focuses when it opens, so Enter
// presses its main button before anything was clicked; the canvas alone
// hears only Esc.
type enterKey struct {
	widget.BaseWidget
	enter func()
}

func newEnterKey(enter func()) *enterKey {
	k := &enterKey{enter: enter}
	k.ExtendBaseWidget(k)
	return k
}

func (k *enterKey) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (k *enterKey) FocusGained()              {}
func (k *enterKey) FocusLost()                {}
func (k *enterKey) TypedRune(rune)            {}
func (k *enterKey) TypedKey(e *fyne.KeyEvent) { dialogKeys(k, e, k.enter) }
