package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// phaseHead is phase i's column heading, which opens the menu of its
// milestones to tick one for many hires at once: "everyone attended the
// Products class" is one action. A button under the heading's text takes
// the tap and shows it can be tapped.
func (c *cohortScreen) phaseHead(phase int, heading fyne.CanvasObject) fyne.CanvasObject {
	var b *widget.Button
	b = widget.NewButton("", func() {
		cnv := fyne.CurrentApp().Driver().CanvasForObject(b)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		widget.ShowPopUpMenuAtPosition(c.tickMenu(phase), cnv, pos.Add(fyne.NewPos(0, b.Size().Height)))
	})
	b.Importance = widget.LowImportance
	if len(c.milestonesOf(phase)) == 0 {
		b.Disable()
	}
	return container.NewStack(b, heading)
}

// milestonesOf lists phase i's milestones, by due date (the board's order).
func (c *cohortScreen) milestonesOf(phase int) []model.CohortMilestone {
	// Every row has the same milestones; a board with no hires has none to tick.
	if len(c.board.Rows) == 0 {
		return nil
	}
	ms := c.board.Rows[0].Phases[phase].Milestones
	out := make([]model.CohortMilestone, len(ms))
	for i, m := range ms {
		out[i] = m.CohortMilestone
	}
	return out
}

// inTraining lists the hires whose milestones still count, with where
// each stands on milestone id.
func (c *cohortScreen) inTraining(id uint) (hires []model.HireRow, states []model.MilestoneState) {
	// Behind first, as the board: those a trainer may leave out are on top.
	for _, r := range model.BehindFirst(c.board.Rows) {
		if !r.InTraining() {
			continue
		}
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				if m.ID == id {
					hires, states = append(hires, r), append(states, m)
				}
			}
		}
	}
	return hires, states
}

// tickMenu lists phase i's milestones with their due day and how many of
// the hires in training have done each. The offer is answered per hire on
// the offer day, so its entry leads there.
func (c *cohortScreen) tickMenu(phase int) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, m := range c.milestonesOf(phase) {
		_, states := c.inTraining(m.ID)
		done := 0
		for _, s := range states {
			if s.Done {
				done++
			}
		}
		label := fmt.Sprintf("%s · due %s · %d/%d", m.Title, m.DueDate.Time().Format("Mon 2 Jan"), done, len(states))
		action := func() { showTick(c, m) }
		if m.Kind == model.MilestoneDecision {
			label += " · answered on Offer day…"
			action = func() { showOfferDay(c) }
		}
		items = append(items, fyne.NewMenuItem(label, action))
	}
	return fyne.NewMenu("", items...)
}

// showTick opens the dialog ticking milestone m for many hires, once it
// knows who "me" is (the default signer of a sign-off).
func showTick(c *cohortScreen, m model.CohortMilestone) {
	type who struct {
		me model.Person
		ok bool
	}
	fetch(c.sh, &c.sh.popups, "Could not open the tick", func(st *model.Store) (w who, err error) {
		w.me, w.ok, err = st.Me()
		return w, err
	}, func(w who) {
		var me *model.Trainer
		if w.ok {
			me = &model.Trainer{ID: w.me.ID, Name: w.me.Name}
		}
		newTickDialog(c, m, me).show()
	})
}

// tickDialog ticks one milestone for the hires chosen, or unticks it for
// those of them who have done it.
type tickDialog struct {
	c        *cohortScreen
	m        model.CohortMilestone
	hires    []model.HireRow
	states   []model.MilestoneState
	checks   []*keyCheck
	on       *dateField
	signers  []model.Trainer
	signer   *widget.Select // sign-offs only
	problems *widget.Label
	tick     *widget.Button
	untick   *widget.Button
	d        *dialog.CustomDialog
	keys     *enterKey // Enter ticks before a box has the focus
}

func newTickDialog(c *cohortScreen, m model.CohortMilestone, me *model.Trainer) *tickDialog {
	t := &tickDialog{c: c, m: m}
	t.hires, t.states = c.inTraining(m.ID)
	t.problems = widget.NewLabel("")
	t.problems.Importance = widget.DangerImportance
	t.problems.Wrapping = fyne.TextWrapWord
	t.problems.Hide()
	t.tick = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() { t.save(true) })
	t.tick.Importance = widget.HighImportance
	t.untick = widget.NewButton("", func() { t.save(false) })
	list := container.NewVBox()
	for i, h := range t.hires {
		label := h.Name
		if s := t.states[i]; s.Done {
			label += " — " + doneDay(s)
		} else if n := len(h.Overdue()); n > 0 {
			label += fmt.Sprintf(" — %d overdue", n)
		}
		// Those still to do are chosen; those done are there to untick.
		check := newKeyCheck(label, func(bool) { t.count() }, press(t.tick))
		check.Checked = !t.states[i].Done
		if t.states[i].Auto != "" {
			// Done by the rules (sessions logged): no tick to take back.
			check.Disable()
		}
		t.checks = append(t.checks, check)
		list.Add(check)
	}
	t.on = newDateField(c.sh.store, func() {})
	t.on.entry.SetText(c.sh.store.Today().String())
	t.on.entry.OnSubmitted = func(string) { press(t.tick)() }
	form := widget.NewForm(&widget.FormItem{Text: "Done on", Widget: t.on.view, HintText: "The day it happened: today or earlier"})
	if m.Kind == model.MilestoneSignOff {
		t.signers = signersOf(c.board.Trainers, me)
		var myID uint
		if me != nil {
			myID = me.ID
		}
		t.signer = signerSelect(t.signers, myID, "Choose who signs off")
		form.AppendItem(&widget.FormItem{Text: "Signed off by", Widget: t.signer, HintText: "Required: the trainer who gives the sign-off"})
	}
	all := widget.NewButton("Select all", func() { t.choose(true) })
	none := widget.NewButton("Select none", func() { t.choose(false) })
	all.Importance, none.Importance = widget.LowImportance, widget.LowImportance
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(dialogMin.Width, 160))
	cancel := widget.NewButton("Cancel", func() { t.d.Hide() })
	title := widget.NewLabel(fmt.Sprintf("Due %s. Tick who did it. Those who have already show the day: choose them and Untick if it was a mistake.",
		m.DueDate.Time().Format("Mon 2 Jan")))
	title.Wrapping = fyne.TextWrapWord
	t.keys = newEnterKey(press(t.tick))
	top := container.NewVBox(title, form, container.NewHBox(all, none), t.keys)
	bottom := container.NewVBox(t.problems, container.NewHBox(layoutSpacer(), cancel, t.untick, t.tick))
	t.d = dialog.NewCustomWithoutButtons("Tick “"+model.Ellipsize(m.Title, 40)+"”", container.NewBorder(top, bottom, nil, nil, scroll), c.sh.win)
	t.d.Resize(dialogRoomy)
	t.count()
	return t
}

func (t *tickDialog) show() {
	t.c.sh.showDialog(t.d)
	t.c.sh.win.Canvas().Focus(t.keys)
}

// doneDay says when a milestone was done and who signed it off, or why it
// counts as done.
func doneDay(s model.MilestoneState) string {
	if s.Auto != "" {
		return s.Auto
	}
	out := "done " + s.DoneOn.Time().Format("Mon 2 Jan")
	if s.SignedOffBy != "" {
		out += ", signed off by " + s.SignedOffBy
	}
	return out
}

// signersOf is who may sign off: the cohort's trainers and me.
func signersOf(trainers []model.Trainer, me *model.Trainer) []model.Trainer {
	out := slices.Clone(trainers)
	if me != nil && !slices.ContainsFunc(out, func(t model.Trainer) bool { return t.ID == me.ID }) {
		out = append(out, *me)
	}
	return out
}

// signerSelect offers signers, me marked "(me)" and chosen at first (me
// is 0 while nobody is "me"); otherwise nobody is chosen: never silently
// the first trainer.
func signerSelect(signers []model.Trainer, me uint, placeholder string) *widget.Select {
	names := make([]string, len(signers))
	mine := -1
	for i, t := range signers {
		names[i] = t.Name
		if t.ID == me {
			names[i], mine = t.Name+" (me)", i
		}
	}
	sel := widget.NewSelect(names, nil)
	sel.PlaceHolder = placeholder
	if mine >= 0 {
		sel.SetSelectedIndex(mine)
	}
	return sel
}

func (t *tickDialog) choose(on bool) {
	for _, c := range t.checks {
		c.Checked = on && !c.Disabled()
		c.Refresh()
	}
	t.count()
}

// chosen lists the hires ticked in the list; done only those who have done it.
func (t *tickDialog) chosen(done bool) []uint {
	var ids []uint
	for i, c := range t.checks {
		if c.Checked && (!done || t.states[i].Done) {
			ids = append(ids, t.hires[i].ID)
		}
	}
	return ids
}

// count names the buttons after how many hires they act on.
func (t *tickDialog) count() {
	n, undo := len(t.chosen(false)), len(t.chosen(true))
	t.tick.SetText("Tick " + model.Plural(n, "hire", "hires"))
	t.untick.SetText("Untick " + model.Plural(undo, "hire", "hires"))
	setEnabled(t.tick, n > 0)
	t.untick.Hidden = undo == 0
	t.untick.Refresh()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// save ticks (done) or unticks the milestone for the hires chosen in one
// write, then offers to take it back.
func (t *tickDialog) save(done bool) {
	tick := model.Tick{MilestoneID: t.m.ID, HireIDs: t.chosen(!done), Done: done}
	if done {
		on, err := model.ParseDate(t.on.entry.Text)
		if err != nil {
			t.refuse(fmt.Errorf("done on: %w", err))
			return
		}
		tick.On = on
		if t.signer != nil && t.signer.SelectedIndex() >= 0 {
			tick.SignedByID = &t.signers[t.signer.SelectedIndex()].ID
		}
	}
	st := t.c.sh.store
	before, err := st.TickMilestone(tick)
	if err != nil {
		t.refuse(err)
		return
	}
	t.d.Hide()
	verb := "Ticked"
	if !done {
		verb = "Unticked"
	}
	t.c.load()
	t.c.sh.undo.offer(fmt.Sprintf("%s “%s” for %s.", verb, model.Ellipsize(t.m.Title, 40), model.Plural(len(tick.HireIDs), "hire", "hires")),
		t.c.sh.undoFor, func() {
			if err := st.RestoreTicks(before); err != nil {
				t.c.sh.showError("Could not undo the tick", err)
			}
			t.c.load()
		})
}

// refuse says in the dialog why nothing was written.
func (t *tickDialog) refuse(err error) {
	t.problems.SetText("Nothing changed: " + sentence(err.Error()))
	t.problems.Show()
}
