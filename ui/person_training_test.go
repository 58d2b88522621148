package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// A lead looking for a hire missing from their list finds on the person's
// page that the hire trains in a cohort whose trainer holds their
// one-on-ones.
func TestPersonPageSaysWhoHoldsAHiresOneOnOnes(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	b, _ := store.CohortBoard(c.ID)
	s.openPerson(b.Rows[0].PersonID)
	f := s.people().form
	want := "In training: March 2026 until Mon 27 Apr 2026 · 1 milestone overdue · one-on-ones with Tara Trainer"
	if !f.training.Visible() || f.training.Text != want {
		t.Errorf("training line %q, want %q", f.training.Text, want)
	}
	// It opens their checklist over the cohort's board.
	test.Tap(f.training)
	if top := s.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(test.RenderObjectToMarkup(top), b.Rows[0].Name) {
		t.Error("the training line did not open the hire's checklist")
	}
	s.closeDialogs()
	// Someone in no cohort reads as before.
	other := model.Person{Name: "Olly Other", StartDate: model.NewDate(2026, 3, 2)}
	if err := store.SavePerson(&other); err != nil {
		t.Fatal(err)
	}
	s.openPerson(other.ID)
	if f.training.Visible() {
		t.Errorf("someone in no cohort shows %q", f.training.Text)
	}
}
