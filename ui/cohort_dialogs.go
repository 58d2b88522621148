package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// showChecklist opens a hire's checklist: milestones by phase to tick,
// their status and trainer notes, the answer to the offer to leave, and
// links to their one-on-ones and shadowing sessions. Ticks and the answer
// save at once and the dialog shows their effect in place; the rest saves
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
	// What fails to load here only leaves "me" out of the signers or a link out.
	fetch(c.sh, &c.sh.popups, "", func(st *model.Store) (h hireLinks, _ error) {
		var me *model.Trainer
		if p, ok, err := st.Me(); err == nil && ok {
			me, h.me = &model.Trainer{ID: p.ID, Name: p.Name}, p.ID
		}
		h.signers = signersOf(trainers, me)
		if hist, err := st.History(row.PersonID); err == nil {
			h.meetings = len(hist)
		}
		if sessions, err := st.Sessions(model.SessionFilter{PersonID: row.PersonID}); err == nil {
			h.sessions = len(sessions)
		}
		return h, nil
	}, func(h hireLinks) { newChecklist(c, row, h).show(draft, problem) })
}

// hireLinks is who may sign a hire's sign-offs (the cohort's trainers and
// me) and how many one-on-ones and shadowing sessions the checklist links to.
type hireLinks struct {
	signers            []model.Trainer
	me                 uint // 0 while nobody is "me"
	meetings, sessions int
}

// doubleClick is how long after the checklist opens a tap on it is taken
// for the second click of the double-click on the board that opened it: it
// used to tick whatever box lay under the pointer.
const doubleClick = 400 * time.Millisecond

// armChecklist runs arm once a double-click's second click has passed.
// Tests stand in for the timer, to say when that is.
var armChecklist = func(arm func()) { time.AfterFunc(doubleClick, func() { fyne.Do(arm) }) }

// checklist is an open hire's checklist.
type checklist struct {
	c   *cohortScreen
	row model.HireRow // as last loaded
	// base is the hire the fields are saved over when the dialog closes.
	base  model.Hire
	links hireLinks

	d       *dialog.CustomDialog
	scroll  *container.Scroll
	summary *widget.Label
	problem *widget.Label
	on      *dateField
	signer  *widget.Select
	items   map[uint]*checkItem // by milestone

	status    *widget.Select
	notes     *noteField
	offeredOn *dateField
	amount    *dialogEntry
	answer    *widget.RadioGroup
	offerNote *dialogEntry

	// quiet is set while the dialog sets its own boxes, so it does not
	// take them for the user's taps.
	quiet bool
	// armed is false until a double-click's second click has passed.
	armed bool
}

// checkItem is one milestone's box and its note.
type checkItem struct {
	check *keyCheck
	note  *widget.Label
}

// The answers to the offer, as the checklist offers them.
const (
	answerAccepted = "Accepted"
	answerDeclined = "Declined"
	answerNotYet   = "Not yet"
)

func newChecklist(c *cohortScreen, row model.HireRow, links hireLinks) *checklist {
	cl := &checklist{c: c, row: row, base: row.Hire, links: links, items: map[uint]*checkItem{}}
	cl.summary = widget.NewLabel("")
	cl.summary.Wrapping = fyne.TextWrapWord
	cl.problem = widget.NewLabel("")
	cl.problem.Wrapping = fyne.TextWrapWord
	cl.problem.Importance = widget.DangerImportance
	cl.on = newDateField(c.sh.store, func() {})
	cl.on.entry.SetText(c.sh.store.Today().String())
	cl.signer = signerSelect(links.signers, links.me, "Choose a trainer")
	return cl
}

// show lays the checklist out with the hire's fields as in draft (when not
// nil) and problem, why they last failed to save, and opens it.
func (cl *checklist) show(draft *model.Hire, problem error) {
	c, row := cl.c, cl.row
	box := container.NewVBox()
	for _, p := range row.Phases {
		box.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s · %s – %s", p.Name, p.StartDate.Time().Format("2 Jan"), p.EndDate.Time().Format("2 Jan")),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		// The model lists a phase's milestones by due date.
		for _, m := range p.Milestones {
			ms := m
			item := &checkItem{note: widget.NewLabel("")}
			item.check = newKeyCheck(fmt.Sprintf("%s — due %s", ms.Title, ms.DueDate.Time().Format("Mon 2 Jan")), func(on bool) { cl.tick(ms, on) }, nil)
			item.note.SizeName = theme.SizeNameCaptionText
			cl.items[ms.ID] = item
			box.Add(container.NewBorder(nil, nil, nil, item.note, item.check))
		}
	}
	cl.showRow(row)

	shown := row.Hire
	if draft != nil {
		shown = *draft
	}
	cl.status = enumSelect(model.HireStatuses(), nil)
	cl.status.SetSelected(shown.Status.Label())
	cl.notes = newNoteField(c.sh, "What you notice: strengths, habits from earlier jobs to guide, what helps")
	cl.notes.SetText(shown.Notes)
	cl.offeredOn = newDateField(c.sh.store, func() {})
	cl.amount = newDialogEntry()
	cl.amount.Validator = moneyAmount
	cl.amount.SetPlaceHolder("e.g. 2000")
	// The cohort's offer stands for a hire who has none of their own yet.
	offer := c.board.Cohort
	if shown.OfferedOn.IsZero() && !offer.OfferOn.IsZero() {
		shown.OfferedOn, shown.OfferAmount = offer.OfferOn, offer.OfferAmount
	}
	cl.showOffer(shown)
	cl.answer = widget.NewRadioGroup([]string{answerAccepted, answerDeclined, answerNotYet}, cl.answered)
	cl.answer.Horizontal = true
	cl.quiet = true
	cl.answer.SetSelected(answerOf(row.OfferOutcome))
	cl.quiet = false
	cl.offerNote = newDialogEntry()
	cl.offerNote.SetText(shown.OfferNote)
	amountLabel := "Amount offered"
	if offer.OfferCurrency != "" {
		amountLabel += " (" + offer.OfferCurrency + ")"
	}
	hireForm := widget.NewForm(
		&widget.FormItem{Text: "Status", Widget: cl.status, HintText: "On track or behind is worked out from the milestones"},
		&widget.FormItem{Text: "Trainer notes", Widget: cl.notes.view},
		&widget.FormItem{Text: "Offer made on", Widget: cl.offeredOn.view},
		&widget.FormItem{Text: amountLabel, Widget: cl.amount, HintText: "Money, in whole units"},
		&widget.FormItem{Text: "Answer", Widget: cl.answer, HintText: "Saved as soon as you choose"},
		&widget.FormItem{Text: "Offer note", Widget: cl.offerNote},
	)
	offerHint := "Every hire is offered a paid way out after the classes"
	if !offer.OfferOn.IsZero() {
		offerHint = fmt.Sprintf("Offered %s: %s", offer.OfferOn.Time().Format("Mon 2 Jan"), money(offer.OfferAmount, offer.OfferCurrency))
	}
	if problem != nil {
		cl.say("Not saved", problem)
	}
	content := container.NewVBox(
		section("Checklist", "Tick what is done: each tick saves at once, dated and signed as above.", container.NewVBox(cl.summary, box)),
		section("Standing and the offer to leave", offerHint, hireForm),
		cl.links.view(c.sh, row.PersonID, row.Name),
	)
	// The day and the signer stay in sight above the scrolling checklist.
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel("Ticks dated"), container.NewGridWrap(fyne.NewSize(170, cl.on.entry.MinSize().Height), cl.on.view),
			widget.NewLabel("Signed off by"), cl.signer),
		cl.problem,
	)
	cl.scroll = container.NewVScroll(content)
	cl.scroll.SetMinSize(fyne.NewSize(dialogMin.Width, dialogMin.Height-top.MinSize().Height-theme.Padding()))
	cl.d = dialog.NewCustom(row.Name, "Done", container.NewBorder(top, nil, nil, nil, cl.scroll), c.sh.win)
	cl.d.Resize(dialogRoomy)
	cl.d.SetOnClosed(cl.closed)
	c.sh.showDialog(cl.d)
	armChecklist(func() { cl.armed = true })
}

// showRow shows row's ticks, notes and counts in place.
func (cl *checklist) showRow(row model.HireRow) {
	cl.row = row
	cl.quiet = true
	defer func() { cl.quiet = false }()
	for _, p := range row.Phases {
		for _, ms := range p.Milestones {
			if item := cl.items[ms.ID]; item != nil {
				item.show(ms)
			}
		}
	}
	done, total := 0, 0
	for _, p := range row.Phases {
		done += p.Done()
		total += len(p.Milestones)
	}
	parts := []string{row.StatusText(), fmt.Sprintf("%d of %d done", done, total)}
	cl.summary.Importance = widget.MediumImportance
	if n := len(row.Overdue()); n > 0 {
		parts = append(parts, fmt.Sprintf("%d overdue", n))
		cl.summary.Importance = widget.WarningImportance
	}
	parts = append(parts, model.Plural(row.Sessions, "shadowing session", "shadowing sessions")+" logged")
	cl.summary.SetText(strings.Join(parts, " · "))
}

// show sets a milestone's box and note as ms stands.
func (i *checkItem) show(ms model.MilestoneState) {
	i.check.SetChecked(ms.Done)
	// Sessions logged and the answer to the offer tick their milestones.
	if ms.Auto != "" || ms.Kind == model.MilestoneDecision {
		i.check.Disable()
	} else {
		i.check.Enable()
	}
	var notes []string
	switch {
	case ms.Auto != "":
		notes = append(notes, ms.Auto)
	case ms.Done:
		notes = append(notes, "done "+ms.DoneOn.Time().Format("Mon 2 Jan"))
		if ms.SignedOffBy != "" {
			notes = append(notes, "signed off by "+ms.SignedOffBy)
		}
	case ms.Overdue:
		notes = append(notes, "overdue since "+ms.DueDate.Time().Format("Mon 2 Jan"))
	case ms.BeforeJoining:
		notes = append(notes, "due before they joined; not owed")
	}
	if ms.Kind == model.MilestoneDecision && ms.Auto == "" {
		notes = append(notes, "record the answer below")
	}
	i.note.Importance = widget.MediumImportance
	if ms.Overdue {
		i.note.Importance = widget.WarningImportance
	}
	i.note.SetText(strings.Join(notes, " · "))
}

// tick saves a tap on a milestone's box, dated and signed as the top of
// the dialog says, and shows its effect in place.
func (cl *checklist) tick(ms model.MilestoneState, on bool) {
	if cl.quiet {
		return
	}
	item := cl.items[ms.ID]
	undo := func() {
		cl.quiet = true
		item.check.SetChecked(!on)
		cl.quiet = false
	}
	if !cl.armed {
		undo()
		return
	}
	t := model.Tick{MilestoneID: ms.ID, HireIDs: []uint{cl.row.ID}, Done: on}
	if on {
		day, err := model.ParseDate(cl.on.entry.Text)
		if err != nil || day.IsZero() {
			undo()
			cl.tell("Not ticked: give the day the ticks are dated, as YYYY-MM-DD.")
			return
		}
		t.On = day
		// A tick records the trainer chosen above; a sign-off needs one.
		i := cl.signer.SelectedIndex()
		if i < 0 && ms.Kind == model.MilestoneSignOff {
			undo()
			cl.tell("Choose who signs it off, in “Signed off by” above.")
			return
		}
		if i >= 0 {
			t.SignedByID = &cl.links.signers[i].ID
		}
	}
	cl.clearProblem()
	cl.save("Not ticked", func(st *model.Store) error {
		_, err := st.TickMilestone(t)
		return err
	}, undo, nil)
}

// answered saves the answer to the offer at once: it may change the
// hire's standing, which the dialog and the board behind then show. The
// offer typed in the dialog is saved first, as the one answered.
func (cl *checklist) answered(choice string) {
	if cl.quiet {
		return
	}
	// The clicked choice gives the focus up, which kept Esc.
	cl.c.sh.win.Canvas().Unfocus()
	was := answerOf(cl.row.OfferOutcome)
	undo := func() {
		cl.quiet = true
		cl.answer.SetSelected(was)
		cl.quiet = false
	}
	if err := cl.amount.Validate(); err != nil {
		undo()
		cl.say("Answer not recorded", fmt.Errorf("the amount offered: %w", err))
		return
	}
	offer, base := cl.base, cl.base
	offer.OfferedOn, offer.OfferAmount = cl.offeredOn.date(), cl.amountOffered()
	outcome := map[string]string{answerAccepted: model.OfferAccepted, answerDeclined: model.OfferDeclined}[choice]
	cl.clearProblem()
	cl.save("Answer not recorded", func(st *model.Store) error {
		if offer.OfferedOn.String() != base.OfferedOn.String() || offer.OfferAmount != base.OfferAmount {
			if err := st.SaveHire(&offer); err != nil {
				return err
			}
		}
		_, err := st.AnswerOffer(offer.ID, outcome)
		return err
	}, undo, cl.showAnswer)
}

// save runs write off the UI goroutine, then shows the hire as it now
// stands in the dialog (then, when not nil, takes in what else changed)
// and the board behind. When write fails, undo puts back what the user
// changed and the dialog says why, in words.
func (cl *checklist) save(failure string, write func(*model.Store) error, undo func(), then func(model.Hire)) {
	cohortID, hireID := cl.row.CohortID, cl.row.ID
	fetchOr(cl.c.sh, nil, func(st *model.Store) (model.HireRow, error) {
		if err := write(st); err != nil {
			return model.HireRow{}, err
		}
		return hireRowOf(st, cohortID, hireID)
	}, func(r model.HireRow) {
		cl.showRow(r)
		if then != nil {
			then(r.Hire)
		}
		cl.c.load()
	}, func(err error) {
		undo()
		cl.say(failure, err)
	})
}

// showAnswer takes in what the answer to the offer changed: the hire's
// standing and their offer, and the version the fields save over.
func (cl *checklist) showAnswer(h model.Hire) {
	cl.base.Version, cl.base.Status, cl.base.OfferOutcome = h.Version, h.Status, h.OfferOutcome
	cl.base.OfferedOn, cl.base.OfferAmount = h.OfferedOn, h.OfferAmount
	cl.status.SetSelected(h.Status.Label())
	cl.showOffer(h)
}

// showOffer fills the offer's day and amount in from h.
func (cl *checklist) showOffer(h model.Hire) {
	cl.offeredOn.entry.SetText(h.OfferedOn.String())
	cl.amount.SetText("")
	if h.OfferAmount > 0 {
		cl.amount.SetText(strconv.Itoa(h.OfferAmount))
	}
}

// hireRowOf loads one hire's row of a cohort's board.
func hireRowOf(st *model.Store, cohortID, hireID uint) (model.HireRow, error) {
	b, err := st.CohortBoard(cohortID)
	if err != nil {
		return model.HireRow{}, err
	}
	for _, r := range b.Rows {
		if r.ID == hireID {
			return r, nil
		}
	}
	return model.HireRow{}, model.ErrNotFound
}

// say shows in the dialog why something was not saved.
func (cl *checklist) say(what string, err error) {
	msg := err.Error()
	switch {
	case errors.Is(err, model.ErrNotFound):
		msg = "the hire is no longer in this cohort"
	case !model.IsValidation(err) && !isConflict(err):
		msg = "the database could not be written (" + msg + ")"
	}
	cl.tell(what + ": " + strings.TrimSuffix(msg, ".") + ".")
}

// tell shows msg in the dialog, above the checklist. Its line stays when
// empty: the checklist moving down under the pointer as a message
// appeared took the next click to the wrong box.
func (cl *checklist) tell(msg string) { cl.problem.SetText(msg) }

func (cl *checklist) clearProblem() { cl.tell("") }

// amountOffered is the amount typed, 0 when none.
func (cl *checklist) amountOffered() int {
	n, _ := strconv.Atoi(strings.TrimSpace(cl.amount.Text))
	return n
}

// closed saves the fields that changed.
func (cl *checklist) closed() {
	c, row := cl.c, cl.row
	h := cl.base
	if s, ok := enumOf(model.HireStatuses(), cl.status.Selected); ok {
		h.Status = s
	}
	h.Notes, h.OfferNote = cl.notes.Text(), cl.offerNote.Text
	h.OfferedOn, h.OfferAmount = cl.offeredOn.date(), cl.amountOffered()
	// Unchanged fields are not saved again: an older note over today's
	// limit must not stop the dialog from closing.
	if sameHire(h, cl.base) {
		return
	}
	done := c.load
	err := c.sh.store.SaveHire(&h)
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
				showChecklistDraft(c, row.ID, &h, err)
			}, c.sh.win)
		c.sh.showDialog(d)
		return
	}
	done()
}

// answerOf is the checklist's word for a hire's answer to the offer.
func answerOf(outcome string) string {
	switch outcome {
	case model.OfferAccepted:
		return answerAccepted
	case model.OfferDeclined:
		return answerDeclined
	}
	return answerNotYet
}

// money reads an amount in its currency: "2000 USD".
func money(amount int, currency string) string {
	return strings.TrimSpace(strconv.Itoa(amount) + " " + currency)
}

// moneyAmount checks an amount of money typed: a whole number, or nothing.
func moneyAmount(s string) error {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); s != "" && (err != nil || n < 0) {
		return errors.New("an amount of money in whole units, e.g. 2000")
	}
	return nil
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
