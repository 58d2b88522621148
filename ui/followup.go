package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// markAsked asks what someone said about a follow-up (saying which one it
// is), then marks it asked, which takes it off every list of follow-ups
// due, and offers undo. Enter confirms. changed runs after either, with
// the item as stored.
func markAsked(sh *shell, who string, f model.FollowUp, changed func(model.Item)) {
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

// asking is a follow-up marked asked, or found asked before (again).
type asking struct {
	it    model.Item
	again bool
}

// asked marks follow-up id asked with what they said, offering undo. One
// asked before (on a page loaded earlier) keeps what they said then, and
// no undo is offered: it would un-ask that asking. The store reads the
// item first, so this runs as a load does.
func asked(sh *shell, id uint, note string, changed func(model.Item)) {
	fetch(sh, nil, "Could not mark the follow-up asked", func(st *model.Store) (asking, error) {
		it, err := st.AskFollowUp(id, note)
		if errors.Is(err, model.ErrAlreadyAsked) {
			return asking{it, true}, nil
		}
		return asking{it, false}, err
	}, func(a asking) {
		it := a.it
		changed(it)
		if a.again {
			said := ""
			if it.AskedNote != "" {
				said = " They said: " + it.AskedNote
			}
			sh.showMessage("Already asked", fmt.Sprintf("This was marked asked on %s.%s", formatDay(it.AskedOn), said))
			return
		}
		sh.undo.offer(fmt.Sprintf("Asked about “%s”.", model.Ellipsize(it.Text, 40)), sh.undoFor, func() {
			it.AskedOn, it.AskedNote = model.Date{}, ""
			if err := sh.store.UpdateItem(&it); err != nil {
				sh.showError("Could not undo", err)
			}
			changed(it)
		})
	})
}
