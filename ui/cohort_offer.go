package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// The answers to the offer to leave, as the offer day's rows say them.
const (
	notYet     = "Not yet"
	stays      = "Stays"
	takesOffer = "Takes the offer"
)

var answerOutcome = map[string]string{notYet: "", stays: model.OfferDeclined, takesOffer: model.OfferAccepted}

// answerLabel is how a row says outcome.
func answerLabel(outcome string) string {
	for label, o := range answerOutcome {
		if o == outcome {
			return label
		}
	}
	return notYet
}

// offerDayForm holds the offer day's fields, for tests.
type offerDayForm struct {
	on               *dateField
	amount, currency *dialogEntry
	offer, allStay   *widget.Button
	message, totals  *widget.Label
	answers          map[uint]*widget.RadioGroup // by hire ID
	standing         map[uint]*widget.Label
	undo             *undoBar

	outcome map[uint]string
	setting bool   // set while a row is set, which is not an answer
	offered string // the offer made, which the status line says between answers
}

// showOfferDay makes the offer to leave to the whole cohort (its day,
// amount and currency), then records each hire's answer in a row, saved
// at once with undo; the board behind follows.
func showOfferDay(c *cohortScreen) *offerDayForm {
	b := c.board
	st := c.sh.store
	f := &offerDayForm{answers: map[uint]*widget.RadioGroup{}, standing: map[uint]*widget.Label{}, outcome: map[uint]string{}, undo: newUndoBar()}
	f.on = newDateField(st, func() {})
	// Offers made hire by hire, before the cohort's, suggest the cohort's.
	made := model.Hire{OfferedOn: b.OfferOn, OfferAmount: b.OfferAmount}
	for _, h := range b.Rows {
		if made.OfferedOn.IsZero() && !h.OfferedOn.IsZero() {
			made = h.Hire
		}
	}
	on := made.OfferedOn
	if on.IsZero() {
		on = st.Today()
	}
	f.on.entry.SetText(on.String())
	f.amount = newDialogEntry()
	f.amount.SetPlaceHolder("e.g. 2000")
	f.amount.Validator = func(s string) error {
		_, err := parseAmount(s)
		return err
	}
	if !made.OfferedOn.IsZero() {
		f.amount.SetText(strconv.Itoa(made.OfferAmount))
	}
	f.currency = newDialogEntry()
	f.currency.SetPlaceHolder("e.g. USD")
	f.currency.SetText(b.OfferCurrency)
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.totals = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := container.NewVBox()
	for _, h := range b.Rows {
		f.addRow(c, rows, h)
	}
	if len(b.Rows) == 0 {
		rows.Add(widget.NewLabel("No hires in this cohort yet."))
	}
	f.offer = widget.NewButtonWithIcon("Make the offer", theme.ConfirmIcon(), func() { f.makeOffer(c, b.ID) })
	f.offer.Importance = widget.HighImportance
	for _, e := range []*dialogEntry{f.on.entry, f.amount, f.currency} {
		e.OnSubmitted = func(string) { press(f.offer)() }
	}
	f.allStay = widget.NewButton("Everyone not yet answered stays", func() { f.restStay(c) })
	if b.OfferOn.IsZero() {
		f.say("Make the offer first; then record each hire's answer below.", widget.MediumImportance)
		f.allStay.Disable()
		// Those offered it one by one before may answer already.
		for _, h := range b.Rows {
			if h.OfferedOn.IsZero() {
				f.answers[h.ID].Disable()
			}
		}
	} else {
		f.offered = offerLine(b.OfferOn, b.OfferAmount, b.OfferCurrency)
		f.say(f.offered, widget.MediumImportance)
		f.offer.SetText("Change the offer")
		f.offer.Importance = widget.MediumImportance
	}
	f.showTotals()
	field := func(label string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, o)
	}
	top := container.NewVBox(
		container.NewGridWithColumns(3, field("Offer made on", f.on.view), field("Amount offered", f.amount), field("Currency", f.currency)),
		container.NewHBox(f.offer, f.allStay), f.message, widget.NewSeparator(), f.totals)
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(dialogMin.Width-40, 160))
	// The undo bar's room is kept: appearing, it moved the rows under the
	// pointer, and the next click answered for the wrong hire.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, f.undo.view.MinSize().Height))
	d := dialog.NewCustom("Offer day: "+b.Name, "Done", container.NewBorder(top, container.NewStack(room, f.undo.view), nil, nil, scroll), c.sh.win)
	d.Resize(dialogRoomy)
	c.sh.showDialog(d)
	if b.OfferOn.IsZero() {
		c.sh.win.Canvas().Focus(f.amount) // type the amount, Enter makes the offer
	}
	return f
}

// addRow adds hire h's row: their name, standing and answer.
func (f *offerDayForm) addRow(c *cohortScreen, rows *fyne.Container, h model.HireRow) {
	name := widget.NewLabelWithStyle(h.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	standing := widget.NewLabel("")
	standing.SizeName = theme.SizeNameCaptionText
	showStanding(standing, h)
	answer := widget.NewRadioGroup([]string{notYet, stays, takesOffer}, nil)
	answer.Horizontal = true
	answer.Required = true
	f.outcome[h.ID] = h.OfferOutcome
	answer.SetSelected(answerLabel(h.OfferOutcome))
	answer.OnChanged = func(label string) {
		if !f.setting {
			// The clicked choice gives the focus up, which kept Esc.
			c.sh.win.Canvas().Unfocus()
			f.answer(c, h, answerOutcome[label])
		}
	}
	f.answers[h.ID], f.standing[h.ID] = answer, standing
	rows.Add(container.NewBorder(nil, nil, nil, answer, container.New(&tightColumn{}, name, standing)))
}

// parseAmount reads a whole amount of money, allowing thousands
// separators ("2,000").
func parseAmount(s string) (int, error) {
	s = strings.NewReplacer(",", "", " ", "", "_", "").Replace(s)
	if s == "" {
		return 0, errors.New("give the amount offered")
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("give the amount as a whole number, e.g. 2000")
	}
	return n, nil
}

// makeOffer makes the offer to every hire who has not answered yet.
func (f *offerDayForm) makeOffer(c *cohortScreen, cohortID uint) {
	on, err := model.ParseDate(f.on.entry.Text)
	if err != nil {
		f.say("Not offered: the day: "+err.Error()+".", widget.DangerImportance)
		return
	}
	amount, err := parseAmount(f.amount.Text)
	if err != nil {
		f.say("Not offered: "+err.Error()+".", widget.DangerImportance)
		return
	}
	currency := strings.TrimSpace(f.currency.Text)
	if err := c.sh.store.SetCohortOffer(cohortID, on, amount, currency); err != nil {
		f.say("Not offered: "+err.Error()+".", widget.DangerImportance)
		return
	}
	f.offered = offerLine(on, amount, currency)
	f.say(f.offered, widget.MediumImportance)
	f.offer.SetText("Change the offer")
	f.offer.Importance = widget.MediumImportance
	f.offer.Refresh()
	f.enableAnswers()
	f.reload(c)
}

// answer records a hire's answer, offering to take it back.
func (f *offerDayForm) answer(c *cohortScreen, h model.HireRow, outcome string) {
	was, err := c.sh.store.AnswerOffer(h.ID, outcome)
	if err != nil {
		f.set(h.ID, f.outcome[h.ID])
		f.say("Not recorded: "+err.Error()+".", widget.DangerImportance)
		return
	}
	f.set(h.ID, outcome)
	f.say(f.offered, widget.MediumImportance)
	f.undo.offer(fmt.Sprintf("%s: %s.", h.Name, strings.ToLower(answerLabel(outcome))), c.sh.undoFor, func() {
		if err := c.sh.store.UndoAnswer(was); err != nil {
			f.say("Not undone: "+err.Error()+".", widget.DangerImportance)
			return
		}
		f.set(h.ID, was.Outcome())
		f.reload(c)
	})
	f.reload(c)
}

// set shows a hire's answer as outcome.
func (f *offerDayForm) set(hireID uint, outcome string) {
	f.outcome[hireID] = outcome
	f.setting = true
	f.answers[hireID].SetSelected(answerLabel(outcome))
	f.setting = false
	f.showTotals()
}

// reload refreshes the board behind, then each row's standing from it.
func (f *offerDayForm) reload(c *cohortScreen) {
	c.loadThen(func() {
		for _, r := range c.board.Rows {
			if l := f.standing[r.ID]; l != nil {
				showStanding(l, r)
			}
			// An answer given elsewhere meanwhile shows as it is stored.
			if f.answers[r.ID] != nil && f.outcome[r.ID] != r.OfferOutcome {
				f.set(r.ID, r.OfferOutcome)
			}
		}
	})
}

// showStanding says where a hire stands, behind in the warning colour.
func showStanding(l *widget.Label, h model.HireRow) {
	l.Importance = widget.MediumImportance
	if h.Behind {
		l.Importance = widget.WarningImportance
	}
	l.SetText(h.StatusText())
}

// restStay records "Stays" for every hire in training who was offered and
// has not answered: the few who take the offer answer first, the rest in
// one click, taken back by one undo. An answer someone gave meanwhile, on
// another machine, is kept (the model skips those who answered).
func (f *offerDayForm) restStay(c *cohortScreen) {
	var ids []uint
	for _, h := range c.board.Rows {
		if h.InTraining() && f.outcome[h.ID] == "" && f.answers[h.ID] != nil && !f.answers[h.ID].Disabled() {
			ids = append(ids, h.ID)
		}
	}
	undos, err := c.sh.store.StayUnanswered(ids)
	f.say(f.offered, widget.MediumImportance)
	if err != nil {
		f.say("Not recorded: "+err.Error()+".", widget.DangerImportance)
		return
	}
	for _, u := range undos {
		f.set(u.HireID(), model.OfferDeclined)
	}
	if len(undos) == 0 {
		f.undo.inform("Everyone offered has answered already.", c.sh.undoFor)
		f.reload(c)
		return
	}
	f.undo.offer(model.Plural(len(undos), "hire stays.", "hires stay."), c.sh.undoFor, func() {
		var failed error
		for _, u := range undos {
			if err := c.sh.store.UndoAnswer(u); err != nil {
				failed = err
				continue
			}
			f.set(u.HireID(), u.Outcome())
		}
		if failed != nil {
			f.say("Not all undone: "+failed.Error()+".", widget.DangerImportance)
		}
		f.reload(c)
	})
	f.reload(c)
}

// offerLine is the status line once the offer is made.
func offerLine(on model.Date, amount int, currency string) string {
	return fmt.Sprintf("Offered on %s: %s. Record each hire's answer below.", formatDay(on), money(amount, currency))
}

func (f *offerDayForm) enableAnswers() {
	for _, a := range f.answers {
		a.Enable()
	}
	f.allStay.Enable()
}

// say puts text on the status line, in the text colour unless it is a
// problem. The line is always there: rows moved as it came and went.
func (f *offerDayForm) say(text string, importance widget.Importance) {
	f.message.Importance = importance
	f.message.SetText(text)
}

// showTotals counts the answers: "3 took the offer, 22 stay, 5 not yet".
func (f *offerDayForm) showTotals() {
	n := map[string]int{}
	for _, o := range f.outcome {
		n[o]++
	}
	stay := "stay"
	if n[model.OfferDeclined] == 1 {
		stay = "stays"
	}
	f.totals.SetText(fmt.Sprintf("%d took the offer, %d %s, %d not yet", n[model.OfferAccepted], n[model.OfferDeclined], stay, n[""]))
}
