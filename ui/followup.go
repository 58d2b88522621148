package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// markAsked asks what someone said about a follow-up (saying which one it
// is), then marks it asked, which takes it off every list of follow-ups
// due, and offers undo. Enter confirms. changed runs after either.
func markAsked(sh *shell, who string, f model.FollowUp, changed func()) {
	about := widget.NewLabel(fmt.Sprintf("You asked %s about “%s”.", who, f.Text))
	about.Wrapping = fyne.TextWrapWord
	note := newDialogEntry() // Esc closes the dialog
	note.SetPlaceHolder("What did they say? (optional)")
	var d *dialog.ConfirmDialog
	note.OnSubmitted = func(string) { d.Confirm() }
	d = dialog.NewCustomConfirm("Mark asked", "Asked", "Cancel", container.NewVBox(about, note), func(ok bool) {
		if ok {
			asked(sh, f.ID, note.Text, changed)
		}
	}, sh.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	sh.showDialog(d)
	sh.win.Canvas().Focus(note)
}

// asked marks follow-up id asked with what they said, offering undo. The
// store reads the item first, so this runs as a load does.
func asked(sh *shell, id uint, note string, changed func()) {
	fetch(sh, nil, "Could not mark the follow-up asked", func(st *model.Store) (model.Item, error) { return st.AskFollowUp(id, note) },
		func(it model.Item) {
			changed()
			sh.undo.offer(fmt.Sprintf("Asked about “%s”.", model.Ellipsize(it.Text, 40)), sh.undoFor, func() {
				it.AskedOn, it.AskedNote = model.Date{}, ""
				if err := sh.store.UpdateItem(&it); err != nil {
					sh.showError("Could not undo", err)
				}
				changed()
			})
		})
}
