package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// The amount is money, a whole number within reason; nothing is offered
// until it is.
func TestOfferDayRefusesABadAmount(t *testing.T) {
	for _, c := range []struct{ amount, says string }{
		{"", "Not offered: give the amount offered."},
		{"two thousand", "Not offered: give the amount as a whole number, e.g. 2000."},
		{"-5", "Not offered: give the amount of money offered, a whole number from 0 to 1000000000."},
		{"99999999999", "Not offered: give the amount of money offered, a whole number from 0 to 1000000000."},
	} {
		t.Run(c.amount, func(t *testing.T) {
			_, store, sc := openBoard(t)
			f := showOfferDay(sc)
			f.amount.SetText(c.amount)
			test.Tap(f.offer)
			if f.message.Text != c.says || f.message.Importance != widget.DangerImportance {
				t.Errorf("says %q, want %q", f.message.Text, c.says)
			}
			if b, _ := store.CohortBoard(sc.board.ID); !b.OfferOn.IsZero() || b.Offers.Offered != 0 {
				t.Error("nothing should be offered")
			}
		})
	}
}

// The offer is made once for all; each row's answer saves at once, the
// totals and the board follow, and the last answer can be taken back.
func TestOfferDayOffersAllAndRecordsEachAnswer(t *testing.T) {
	_, store, sc := openBoard(t)
	f := showOfferDay(sc)
	rows := sc.board.Rows
	if !f.answers[rows[0].ID].Disabled() {
		t.Error("answers wait for the offer")
	}
	if f.on.entry.Text != store.Today().String() {
		t.Errorf("the offer's day defaults to today: %q", f.on.entry.Text)
	}
	f.amount.SetText("2,000")
	f.currency.SetText("USD")
	test.Tap(f.offer)
	b, _ := store.CohortBoard(sc.board.ID)
	if b.OfferOn != store.Today() || b.OfferAmount != 2000 || b.OfferCurrency != "USD" || b.Offers.Offered != 20 {
		t.Fatalf("offer %s %d %q to %d; message %q", b.OfferOn, b.OfferAmount, b.OfferCurrency, b.Offers.Offered, f.message.Text)
	}
	if f.answers[rows[0].ID].Disabled() {
		t.Fatal("once offered, answers are taken")
	}

	f.answers[rows[0].ID].SetSelected(takesOffer)
	f.answers[rows[1].ID].SetSelected(stays)
	f.answers[rows[2].ID].SetSelected(stays)
	if f.totals.Text != "1 took the offer, 2 stay, 17 not yet" {
		t.Errorf("totals: %q", f.totals.Text)
	}
	if f.standing[rows[0].ID].Text != "Took the offer" || sc.board.Offers.Accepted != 1 || sc.board.Offers.Declined != 2 {
		t.Errorf("standing %q; board behind: %+v", f.standing[rows[0].ID].Text, sc.board.Offers)
	}
	f.undo.trigger()
	b, _ = store.CohortBoard(sc.board.ID)
	want := map[uint]string{rows[0].ID: model.OfferAccepted, rows[1].ID: model.OfferDeclined, rows[2].ID: ""}
	for _, r := range b.Rows {
		if w, ok := want[r.ID]; ok && r.OfferOutcome != w {
			t.Errorf("%s answered %q, want %q", r.Name, r.OfferOutcome, w)
		}
	}
	if f.totals.Text != "1 took the offer, 1 stays, 18 not yet" || f.answers[rows[2].ID].Selected != notYet {
		t.Errorf("after undo: %q, row %q", f.totals.Text, f.answers[rows[2].ID].Selected)
	}

	// Opened again, it shows the offer as made and the answers as given.
	g := showOfferDay(sc)
	if g.amount.Text != "2000" || g.currency.Text != "USD" || g.answers[rows[0].ID].Selected != takesOffer || g.offer.Text != "Change the offer" {
		t.Errorf("reopened: %q %q %q %q", g.amount.Text, g.currency.Text, g.answers[rows[0].ID].Selected, g.offer.Text)
	}
}

// Thirty hires: the cohort dialogs fit the smallest window, their rows
// scrolling within.
func TestCohortDialogsFitTheSmallestWindow(t *testing.T) {
	_, store, sc := openBoard(t)
	var ids []uint
	for i := 21; i <= 30; i++ {
		p := model.Person{Name: fmt.Sprintf("Hire %02d", i)}
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if err := store.AddHires(sc.board.ID, ids, nil); err != nil {
		t.Fatal(err)
	}
	sc.open(sc.board.ID)
	s := sc.sh
	for _, c := range []struct {
		name string
		open func()
	}{
		{"Edit cohort", func() { showEditCohort(sc) }},
		{"Offer day", func() { showOfferDay(sc) }},
		{"New cohort", func() { showNewCohort(sc) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s.closeDialogs()
			c.open()
			top := s.win.Canvas().Overlays().Top()
			if m := top.MinSize(); m.Width > minWindow.Width || m.Height > minWindow.Height {
				t.Errorf("needs %v, more than %v; the widest parts:\n%s", m, minWindow, widest(top, minWindow.Width/3))
			}
		})
	}
}

// Enter in the offer's fields makes the offer; answering then moves no
// row (the status line went and an undo bar came: the next click hit the
// wrong hire), the status line keeps saying the offer in the text colour,
// and Esc still closes the dialog after the click.
func TestOfferDayRowsStayPutAsAnswersCome(t *testing.T) {
	s, store, sc := openBoard(t)
	f := showOfferDay(sc)
	f.amount.SetText("2000")
	f.currency.SetText("EUR")
	pressEnter(s.win.Canvas())
	if b, _ := store.CohortBoard(sc.board.ID); b.OfferAmount != 2000 {
		t.Fatalf("Enter should make the offer: %q", f.message.Text)
	}
	said := "Offered on Tue 10 Mar 2026: 2000 EUR. Record each hire's answer below."
	rows := sc.board.Rows
	d := fyne.CurrentApp().Driver()
	where := func() (out []fyne.Position) {
		for _, r := range rows[:5] {
			out = append(out, d.AbsolutePositionForObject(f.answers[r.ID]))
		}
		return out
	}
	before := where()
	n := 0
	stay, _ := first(f.answers[rows[0].ID], func(tappableFocus) bool { n++; return n == 2 }) // "Stays"
	test.Tap(stay)
	f.answers[rows[1].ID].SetSelected(stays)
	if f.outcome[rows[0].ID] != model.OfferDeclined || f.outcome[rows[1].ID] != model.OfferDeclined {
		t.Fatal("the answer was not recorded")
	}
	if after := where(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("rows moved: %v, were at %v", after, before)
	}
	if f.message.Text != said || f.message.Importance != widget.MediumImportance || !f.message.Visible() {
		t.Errorf("status line %q (importance %v), want %q in the text colour", f.message.Text, f.message.Importance, said)
	}
	pressEsc(s.win.Canvas())
	if dialogs(s.win) != 0 {
		t.Error("Esc should close the offer day")
	}
}

// "Everyone not yet answered stays" records Declined for the rest in
// training who were offered, and one undo takes them all back.
func TestOfferDayEveryoneNotYetAnsweredStays(t *testing.T) {
	_, store, sc := openBoard(t)
	f := showOfferDay(sc)
	if !f.allStay.Disabled() {
		t.Error("no one stays before the offer is made")
	}
	f.amount.SetText("2000")
	test.Tap(f.offer)
	rows := sc.board.Rows
	f.answers[rows[0].ID].SetSelected(takesOffer)
	f.answers[rows[1].ID].SetSelected(stays)
	test.Tap(f.allStay)
	if f.totals.Text != "1 took the offer, 19 stay, 0 not yet" || f.undo.message.Text != "18 hires stay." {
		t.Errorf("totals %q, undo %q", f.totals.Text, f.undo.message.Text)
	}
	if b, _ := store.CohortBoard(sc.board.ID); b.Offers.Declined != 19 || b.Offers.Accepted != 1 {
		t.Errorf("stored: %+v", b.Offers)
	}
	f.undo.trigger()
	if f.totals.Text != "1 took the offer, 1 stays, 18 not yet" || f.answers[rows[5].ID].Selected != notYet {
		t.Errorf("after undo: %q", f.totals.Text)
	}
	if b, _ := store.CohortBoard(sc.board.ID); b.Offers.Declined != 1 || b.Offers.Accepted != 1 {
		t.Errorf("stored after undo: %+v", b.Offers)
	}
	test.Tap(f.allStay)
	test.Tap(f.allStay)
	if f.undo.message.Text != "Everyone offered has answered already." {
		t.Errorf("a second click says %q", f.undo.message.Text)
	}
}
