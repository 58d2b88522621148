package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// showEditCohort lets a trainer change a cohort that has started: its
// name, start, trainers and who holds the one-on-ones; late hires join and
// no-shows leave. It returns the form once shown, which is at once only
// where loads run synchronously (tests); nil otherwise.
func showEditCohort(c *cohortScreen) (form *editCohortForm) {
	fetch(c.sh, &c.sh.popups, "Could not load the roster", loadCohortPeople, func(r cohortPeople) { form = showEditCohortOf(c, c.board, r) })
	return form
}

// editCohortForm holds the edit dialog's fields, for tests.
type editCohortForm struct {
	name     *dialogEntry
	start    *dateField
	trainers *trainerChoice
	hires    *hirePicker
	save     *widget.Button
	problems *widget.Label
	// remove asks to take a hire out, by their hire ID.
	remove map[uint]*widget.Button
}

func showEditCohortOf(c *cohortScreen, b model.Board, r cohortPeople) *editCohortForm {
	st := c.sh.store
	f := &editCohortForm{remove: map[uint]*widget.Button{}}
	f.name = newDialogEntry()
	f.name.SetText(b.Name)
	f.start = newDateField(st, func() {})
	f.start.entry.SetText(b.StartDate.String())
	ids := make([]uint, len(b.Trainers))
	for i, t := range b.Trainers {
		ids[i] = t.ID
	}
	f.trainers = newTrainerChoice(r.people, r.me, ids, true, b.OwnerID)
	members := map[uint]bool{}
	for _, h := range b.Rows {
		members[h.PersonID] = true
	}
	f.hires = newHirePicker(st, r.people, r.inCohort, members, f.start.date)
	f.problems = widget.NewLabel("")
	f.problems.Importance = widget.DangerImportance
	f.problems.Wrapping = fyne.TextWrapWord
	f.problems.Hide()
	form := widget.NewForm(
		&widget.FormItem{Text: "Name", Widget: f.name},
		&widget.FormItem{Text: "Starts on", Widget: f.start.view,
			HintText: "Moving the start moves every phase and due date with it; ticks keep the days they were made"},
		&widget.FormItem{Text: "Trainers", Widget: f.trainers.view},
		&widget.FormItem{Text: "One-on-ones with", Widget: f.trainers.owner, HintText: "Who holds the hires' one-on-ones while they train"},
	)
	hires := container.NewVBox()
	// The picker comes last: its list scrolls, and the wheel over it
	// would stop there.
	content := container.NewVBox(f.problems, form,
		section("Hires", "Take out someone who never came; they stay on the roster", hires),
		section("Add late hires", "Tick people on the roster, or type a name and Add: part of one on the roster picks them, any other adds a new hire", f.hires.view))
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(dialogMin)
	refuse := func(text string) {
		f.problems.SetText(text)
		f.problems.Show()
		scroll.ScrollToTop()
	}
	for _, h := range b.Rows {
		row := h
		var line *fyne.Container
		remove := widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), func() {
			confirmRemoveHire(c, b.Name, row, func(err error) {
				if err != nil {
					refuse("Not removed: " + err.Error() + ".")
					return
				}
				hires.Remove(line)
				delete(members, row.PersonID) // theirs to pick again
				c.load()
			})
		})
		remove.Importance = widget.LowImportance
		f.remove[row.ID] = remove
		status := widget.NewLabel(row.StatusText())
		status.SizeName = theme.SizeNameCaptionText
		name := widget.NewLabel(row.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		line = container.NewBorder(nil, nil, nil, container.NewHBox(status, remove), name)
		hires.Add(line)
	}
	if len(b.Rows) == 0 {
		hires.Add(widget.NewLabel("No hires in this cohort yet."))
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		start, err := model.ParseDate(f.start.entry.Text)
		if err != nil {
			refuse("Start date: " + err.Error())
			return
		}
		if err := st.UpdateCohort(model.CohortEdit{ID: b.ID, Name: f.name.Text, Start: start, TrainerIDs: f.trainers.chosen(),
			OwnerID: f.trainers.ownerID(), AddIDs: f.hires.chosenIDs(), NewHires: f.hires.newHires(lateStart(start, st.Today()))}); err != nil {
			refuse("Not saved: " + err.Error() + ".")
			return
		}
		d.Hide()
		c.load()
	})
	f.save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Edit "+b.Name, container.NewBorder(nil, container.NewHBox(layoutSpacer(), cancel, f.save), nil, nil, scroll), c.sh.win)
	d.Resize(dialogRoomy)
	c.sh.showDialog(d)
	return f
}

// lateStart is the day a late hire added by name starts: today, or the
// cohort's start when that is still to come.
func lateStart(start, today model.Date) model.Date {
	if today.Before(start) {
		return start
	}
	return today
}

// confirmRemoveHire asks to take a hire who never came out of the cohort,
// saying what goes with them, and then does; removed gets the outcome.
func confirmRemoveHire(c *cohortScreen, cohort string, h model.HireRow, removed func(error)) {
	ticks := 0
	for _, p := range h.Phases {
		for _, m := range p.Milestones {
			if m.Done && m.Auto == "" {
				ticks++
			}
		}
	}
	goes := "They have no ticks yet."
	switch {
	case ticks == 1:
		goes = "Their one tick goes with them."
	case ticks > 1:
		goes = fmt.Sprintf("Their %d ticks go with them.", ticks)
	}
	says := widget.NewLabel(fmt.Sprintf("%s leaves %s. %s\nThey stay on the roster.", h.Name, cohort, goes))
	says.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	keys := newEnterKey(func() { d.Confirm() }) // Enter removes, as the main button
	d = dialog.NewCustomConfirm("Remove "+h.Name+"?", "Remove", "Keep", container.NewVBox(says, keys),
		func(ok bool) {
			if ok {
				removed(c.sh.store.RemoveHire(h.ID))
			}
		}, c.sh.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	c.sh.showDialog(d)
	c.sh.win.Canvas().Focus(keys)
}
