package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// Two trainers hold offer day for the same cohort. While the first has it
// open, the second records that a hire takes the offer. The first then
// clicks "Everyone not yet answered stays": that hire has answered, so
// their acceptance stays (and they stay off the active roster).
func TestAdv20bEveryoneStaysKeepsAnotherTrainersAnswer(t *testing.T) {
	_, store, sc := openBoard(t)
	f := showOfferDay(sc)
	f.amount.SetText("2000")
	test.Tap(f.offer)
	rows := sc.board.Rows
	taker := rows[3]
	if _, err := store.AnswerOffer(taker.ID, model.OfferAccepted); err != nil { // the other trainer
		t.Fatal(err)
	}
	test.Tap(f.allStay)
	b, _ := store.CohortBoard(sc.board.ID)
	for _, r := range b.Rows {
		if r.ID == taker.ID && r.OfferOutcome != model.OfferAccepted {
			t.Errorf("%s took the offer on another machine; \"everyone stays\" made the answer %q (%s)", r.Name, r.OfferOutcome, r.Status)
		}
	}
	if p, _ := store.Person(taker.PersonID); p.Status != model.StatusLeft {
		t.Errorf("%s took the offer and left; \"everyone stays\" made them %s", taker.Name, p.Status)
	}
}

// The export's file name is offered from the cohort's name: a name with a
// slash ("Q1/26", "../Payroll") must not become a path that saves into
// another folder, or fails to save because that folder does not exist.
func TestAdv20bCohortExportFileNameIsAFileName(t *testing.T) {
	for _, name := range []string{"Q1/26", "../../Payroll", `Team A\B`} {
		t.Run(name, func(t *testing.T) {
			s, store := newTestShell(t)
			prog, _ := store.Programs()
			if _, err := store.CreateCohort(model.NewCohort{Name: name, ProgramID: prog[0].ID, Start: model.NewDate(2026, 3, 2)}); err != nil {
				t.Skipf("name refused: %v", err)
			}
			s.exportCohort(name)
			e, ok := first(s.win.Canvas().Overlays().Top(), func(e *widget.Entry) bool { return strings.HasSuffix(e.Text, ".md") })
			if !ok {
				t.Fatalf("no save dialog: %s", test.RenderObjectToMarkup(s.win.Canvas().Overlays().Top()))
			}
			if strings.ContainsAny(e.Text, `/\`) {
				t.Errorf("cohort %q: the save dialog offers the file name %q", name, e.Text)
			}
		})
	}
}
