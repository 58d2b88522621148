package ui

import (
	"testing"

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
	want := "Started Mon 2 Mar 2026 · day 9 · In training: March 2026 until Mon 27 Apr 2026 · one-on-ones with Tara Trainer"
	if got := s.people().form.meta.Text; got != want {
		t.Errorf("meta line %q, want %q", got, want)
	}
	// Someone in no cohort reads as before.
	other := model.Person{Name: "Olly Other", StartDate: model.NewDate(2026, 3, 2)}
	if err := store.SavePerson(&other); err != nil {
		t.Fatal(err)
	}
	s.openPerson(other.ID)
	if got := s.people().form.meta.Text; got != "Started Mon 2 Mar 2026 · day 9" {
		t.Errorf("meta line of someone in no cohort %q", got)
	}
}
