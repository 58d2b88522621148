package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// showChecklist opens a hire's checklist: milestones by phase to tick,
// their status and trainer notes, the offer to leave, and links to their
// one-on-ones and shadowing sessions. Ticks save at once; the rest saves
// when the dialog closes, so nothing typed is lost.
func showChecklist(c *cohortScreen, hireID uint) { showChecklistDraft(c, hireID, nil, nil) }

// showChecklistDraft is showChecklist with the hire's fields as last typed
// (draft) and why they could not be saved, when saving failed.
func showChecklistDraft(c *cohortScreen, hireID uint, draft *model.Hire, problem error) {
	var row model.HireRow
	for _, r := range c.board.Rows {
		if r.ID == hireID {
			row = r
		}
	}
	trainers := c.board.Trainers
	// What fails to load here only leaves ticks unsigned or a link out.
	fetch(c.sh, &c.sh.popups, "", func(st *model.Store) (h hireLinks, _ error) {
		if len(trainers) > 0 {
			h.signer = &trainers[0].ID
		}
		if hist, err := st.History(row.PersonID); err == nil {
			h.meetings = len(hist)
		}
		if sessions, err := st.Sessions(model.SessionFilter{PersonID: row.PersonID}); err == nil {
			h.sessions = len(sessions)
		}
		return h, nil
	}, func(h hireLinks) { showChecklistOf(c, hireID, row, draft, problem, h) })
}

// hireLinks is who signs a hire's ticks and how many one-on-ones and
// shadowing sessions the checklist links to.
type hireLinks struct {
	signer             *uint
	meetings, sessions int
}

// showChecklistOf is showChecklistDraft once its links are loaded.
func showChecklistOf(c *cohortScreen, hireID uint, row model.HireRow, draft *model.Hire, problem error, h hireLinks) {
	signer := h.signer
	st := c.sh.store
	today := st.Today()
	var d *dialog.CustomDialog
	reopen := false
	box := container.NewVBox()
	for _, p := range row.Phases {
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s – %s", p.Name, p.StartDate.Time().Format("2 Jan"), p.EndDate.Time().Format("2 Jan")),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		box.Add(head)
		for _, m := range p.Milestones {
			ms := m
			label := fmt.Sprintf("%s — due %s", ms.Title, ms.DueDate.Time().Format("Mon 2 Jan"))
			check := widget.NewCheck(label, nil)
			check.SetChecked(ms.Done)
			var notes []string
			switch {
			case ms.Auto != "":
				notes = append(notes, ms.Auto)
				check.Disable()
			case ms.Done:
				notes = append(notes, "done "+formatDay(ms.DoneOn))
				if ms.SignedOffBy != "" {
					notes = append(notes, "signed off by "+ms.SignedOffBy)
				}
			case ms.Overdue:
				notes = append(notes, "overdue")
			}
			if ms.Kind == model.MilestoneDecision && ms.Auto == "" {
				notes = append(notes, "record the offer below")
				check.Disable()
			}
			check.OnChanged = func(on bool) {
				var by *uint
				if ms.Kind == model.MilestoneSignOff {
					by = signer
				}
				if err := st.SetCompletion(row.ID, ms.ID, on, today, by, ""); err != nil {
					c.sh.showError("Could not tick the milestone", err)
				}
				// Show the tick's effect (done date, sign-off, standing) at once.
				reopen = true
				d.Hide()
			}
			note := widget.NewLabel(strings.Join(notes, " · "))
			note.SizeName = theme.SizeNameCaptionText
			if ms.Overdue {
				note.Importance = widget.WarningImportance
			}
			box.Add(container.NewBorder(nil, nil, nil, note, check))
		}
	}

	shown := row.Hire
	if draft != nil {
		shown = *draft
	}
	status := enumSelect(model.HireStatuses(), nil)
	status.SetSelected(shown.Status.Label())
	notes := newNoteField(c.sh, "What you notice: strengths, habits from earlier jobs to guide, what helps")
	notes.SetText(shown.Notes)
	offeredOn := newDateField(c.sh.store, func() {})
	offeredOn.entry.SetText(shown.OfferedOn.String())
	amount := newDialogEntry()
	amount.Validator = optionalNumber
	if shown.OfferAmount > 0 {
		amount.SetText(strconv.Itoa(shown.OfferAmount))
	}
	outcome := widget.NewRadioGroup([]string{"Accepted", "Declined"}, nil)
	outcome.Horizontal = true
	switch shown.OfferOutcome {
	case model.OfferAccepted:
		outcome.SetSelected("Accepted")
	case model.OfferDeclined:
		outcome.SetSelected("Declined")
	}
	offerNote := newDialogEntry()
	offerNote.SetText(shown.OfferNote)
	hireForm := widget.NewForm(
		&widget.FormItem{Text: "Status", Widget: status, HintText: "On track or behind is worked out from the milestones"},
		&widget.FormItem{Text: "Trainer notes", Widget: notes.view},
		&widget.FormItem{Text: "Offer made on", Widget: offeredOn.view},
		&widget.FormItem{Text: "Amount", Widget: amount},
		&widget.FormItem{Text: "Answer", Widget: outcome},
		&widget.FormItem{Text: "Offer note", Widget: offerNote},
	)
	links := h.view(c.sh, row.PersonID, row.Name)
	content := container.NewVBox()
	if problem != nil {
		p := widget.NewLabel("Not saved: " + problem.Error() + ".")
		p.Wrapping = fyne.TextWrapWord
		p.Importance = widget.DangerImportance
		content.Add(p)
	}
	content.Objects = append(content.Objects,
		section("Checklist", fmt.Sprintf("%s · %s done · %s logged", row.StatusText(), fmt.Sprintf("%.0f%%", row.Progress()*100),
			model.Plural(row.Sessions, "shadowing session", "shadowing sessions")), box),
		section("Standing and the offer to leave", "Every hire is offered a paid way out after the classes", hireForm),
		links,
	)
	scroll := container.NewVScroll(content)
	scroll.SetMinSize(dialogMin)
	d = dialog.NewCustom(row.Name, "Done", scroll, c.sh.win)
	d.Resize(dialogRoomy)
	d.SetOnClosed(func() {
		h := row.Hire
		if s, ok := enumOf(model.HireStatuses(), status.Selected); ok {
			h.Status = s
		}
		h.Notes, h.OfferNote = notes.Text(), offerNote.Text
		h.OfferedOn = offeredOn.date()
		h.OfferAmount, _ = strconv.Atoi(strings.TrimSpace(amount.Text))
		h.OfferOutcome = strings.ToLower(outcome.Selected)
		done := func() {
			c.loadThen(func() {
				if reopen {
					showChecklist(c, hireID)
				}
			})
		}
		// Unchanged fields are not saved again: an older note over today's
		// limit must not stop the dialog from closing.
		if sameHire(h, row.Hire) {
			done()
			return
		}
		err := st.SaveHire(&h)
		if theirs := theirsOf[model.Hire](err); theirs != nil {
			askWhoseHireToKeep(c, row.Name, h, *theirs, done)
			return
		}
		if err != nil {
			// What was typed is kept until the user drops it.
			d := dialog.NewConfirm("Discard changes?",
				fmt.Sprintf("Your changes to %s could not be saved:\n%s\n\nDiscard them?", row.Name, err),
				func(discard bool) {
					if discard {
						done()
						return
					}
					showChecklistDraft(c, hireID, &h, err)
				}, c.sh.win)
			c.sh.showDialog(d)
			return
		}
		done()
	})
	c.sh.showDialog(d)
}

// askWhoseHireToKeep asks, once someone else saved a hire's checklist
// first, whether to save this one over theirs or to take theirs; Esc opens
// the checklist again with what was typed.
func askWhoseHireToKeep(c *cohortScreen, name string, mine, theirs model.Hire, done func()) {
	cf := newConflicts(c.sh.win, c.sh.showDialog)
	cf.add(&conflict{key: theirs.ID, title: "Someone else saved " + name, subject: name + "’s standing and notes",
		version: theirs.Version, diffs: hireDiffs(&mine, &theirs),
		keep: func() {
			mine.Version = theirs.Version
			if err := c.sh.store.SaveHire(&mine); err != nil {
				showChecklistDraft(c, mine.ID, &mine, err)
				return
			}
			done()
		},
		take:      done,
		dismissed: func() { showChecklistDraft(c, mine.ID, &mine, &model.ConflictError{What: "hire", Theirs: &theirs}) },
	})
}

// view offers the hire's one-on-ones and shadowing sessions, when they
// have any.
func (h hireLinks) view(sh *shell, personID uint, name string) fyne.CanvasObject {
	box := container.NewHBox()
	if h.meetings > 0 {
		box.Add(widget.NewButtonWithIcon(model.Plural(h.meetings, "one-on-one", "one-on-ones"), theme.MailComposeIcon(), func() {
			sh.closeDialogs()
			sh.openOneOnOnes(personID)
		}))
	}
	if h.sessions > 0 {
		box.Add(widget.NewButtonWithIcon(model.Plural(h.sessions, "shadowing session", "shadowing sessions"), theme.VisibilityIcon(), func() {
			sh.closeDialogs()
			sh.showSessionsOf(name)
		}))
	}
	if len(box.Objects) == 0 {
		return widget.NewLabel("No one-on-ones or shadowing sessions yet.")
	}
	return container.NewHBox(widget.NewLabel("Also:"), box)
}

// sameHire reports whether the fields the checklist edits are unchanged.
func sameHire(a, b model.Hire) bool {
	return a.Status == b.Status && a.Notes == b.Notes && a.OfferedOn.String() == b.OfferedOn.String() &&
		a.OfferAmount == b.OfferAmount && a.OfferOutcome == b.OfferOutcome && a.OfferNote == b.OfferNote
}
