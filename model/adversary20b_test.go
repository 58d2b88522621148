package model

import (
	"fmt"
	"testing"
	"time"
)

// Round 2 of the attacks on issue #20: undoing answers to the offer when
// others have acted since, scope lists with many held hires, and someone
// never met whose record says they joined in the future.

// offeredCohort is the cohort fixture with the offer made.
func offeredCohort(t *testing.T, s *Store) (Cohort, []Person, Board) {
	t.Helper()
	c, hires := cohortFixture(t, s)
	if err := s.SetCohortOffer(c.ID, NewDate(2026, 3, 9), 2000, "USD"); err != nil {
		t.Fatal(err)
	}
	return c, hires, mustBoard(t, s, c.ID)
}

// A trainer records "stays" for Ana; another trainer, on another machine,
// then records that she took the offer after all. The first trainer's
// undo (still on their screen) must not wipe the later answer and bring a
// person who left back onto the active roster.
func TestAdv20bUndoAnswerKeepsAnotherTrainersLaterAnswer(t *testing.T) {
	s := newTestStore(t)
	_, hires, b := offeredCohort(t, s)
	ana := b.Rows[0].ID
	undo, err := s.AnswerOffer(ana, OfferDeclined)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnswerOffer(ana, OfferAccepted); err != nil { // the other trainer
		t.Fatal(err)
	}
	_ = s.UndoAnswer(undo) // refused or a no-op are both fine; overwriting is not
	var h Hire
	for _, r := range mustBoard(t, s, b.ID).Rows {
		if r.ID == ana {
			h = r.Hire
		}
	}
	if h.OfferOutcome != OfferAccepted || h.Status != HireTookOffer {
		t.Errorf("after a stale undo Ana's hire is %q/%s, want the later answer (accepted, took the offer) kept", h.OfferOutcome, h.Status)
	}
	if p, _ := s.Person(hires[0].ID); p.Status != StatusLeft {
		t.Errorf("Ana took the offer and left; a stale undo made her %s again", p.Status)
	}
}

// "Stays" is recorded for Bo; then his lead marks him as left (he quit
// for another reason). Undoing the "stays" takes back the answer only: it
// does not bring Bo back onto the active roster.
func TestAdv20bUndoStaysKeepsAPersonWhoLeftSince(t *testing.T) {
	s := newTestStore(t)
	_, hires, b := offeredCohort(t, s)
	bo := b.Rows[1].ID
	undo, err := s.AnswerOffer(bo, OfferDeclined)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := s.Person(hires[1].ID)
	p.Status = StatusLeft
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if err := s.UndoAnswer(undo); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Person(hires[1].ID); p.Status != StatusLeft {
		t.Errorf("Bo left after answering; undoing his answer made him %s", p.Status)
	}
}

// Undo of an answer after the hire was removed from the cohort says so in
// words and writes nothing anywhere else, even when a new hire (in
// another cohort) got the removed hire's ID.
func TestAdv20bUndoAnswerAfterTheHireWasRemoved(t *testing.T) {
	s := newTestStore(t)
	_, hires, b := offeredCohort(t, s)
	cy := b.Rows[2]
	undo, err := s.AnswerOffer(cy.ID, OfferAccepted)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveHire(cy.ID); err != nil {
		t.Fatal(err)
	}
	// Cy joins another cohort; if the database reuses the hire's ID, the
	// undo must still not land there.
	other, err := s.CreateCohort(NewCohort{Name: "April 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 3, 2), HireIDs: []uint{hires[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	ob := mustBoard(t, s, other.ID)
	err = s.UndoAnswer(undo)
	if err == nil && ob.Rows[0].ID != cy.ID {
		t.Errorf("undo after the hire was removed succeeded silently")
	}
	ob2 := mustBoard(t, s, other.ID)
	if ob2.Rows[0].OfferOutcome != ob.Rows[0].OfferOutcome || ob2.Rows[0].OfferedOn != ob.Rows[0].OfferedOn || ob2.Rows[0].Status != ob.Rows[0].Status {
		t.Errorf("undo of March's answer changed Cy's hire in April (ID %d, was %d): %+v -> %+v", ob.Rows[0].ID, cy.ID, ob.Rows[0].Hire, ob2.Rows[0].Hire)
	}
	t.Logf("undo: %v; removed hire %d, new hire %d", err, cy.ID, ob.Rows[0].ID)
}

// A lead's lists read the hires running cohorts hold as one bound
// parameter each: a centre with more held hires than the database takes
// parameters (SQLite 32766, PostgreSQL 65535) must still list the lead's
// reports, not fail.
func TestAdv20bScopeWithManyHeldHires(t *testing.T) {
	if testing.Short() {
		t.Skip("inserts 70,000 people")
	}
	s := newTestStore(t)
	lead := addPerson(t, s, "Lee Lead")
	rep := Person{Name: "Rae Report", ManagerID: &lead.ID}
	if err := s.SavePerson(&rep); err != nil {
		t.Fatal(err)
	}
	tara := addPerson(t, s, "Tara Trainer")
	c, err := s.CreateCohort(NewCohort{Name: "Huge", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 3, 2), OwnerID: tara.ID})
	if err != nil {
		t.Fatal(err)
	}
	const n = 70000
	err = s.db.Exec(fmt.Sprintf(`INSERT INTO people (name, email, role, team, status, cadence, start_date, version, preferred_name)
		SELECT 'Hire ' || x, '', 'agent', '', 'active', 'weekly', '2026-03-02', 1, '' FROM (%s) g`, series(s, n))).Error
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO cohort_hires (cohort_id, person_id, status)
		SELECT ?, id, 'active' FROM people WHERE name LIKE 'Hire %'`, c.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.SetMe(lead.ID); err != nil {
		t.Fatal(err)
	}
	reps, err := s.Reports()
	if err != nil {
		t.Fatalf("the lead's reports with %d held hires: %.300v", n, err)
	}
	if len(reps) != 1 || reps[0].ID != rep.ID {
		t.Errorf("the lead's reports: %d, want Rae only", len(reps))
	}
	if _, err := s.TodayView(time.Monday); err != nil {
		t.Errorf("Today with %d held hires: %.300v", n, err)
	}
}

// series is a subquery of the numbers 1..n as column x.
func series(s *Store, n int) string {
	if s.db.Dialector.Name() == "postgres" {
		return fmt.Sprintf("SELECT generate_series(1, %d) AS x", n)
	}
	return fmt.Sprintf("WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < %d) SELECT x FROM g", n)
}

// A person whose record says they joined in the future (a laptop whose
// clock ran ahead, a restore from a server with a skewed clock) and who
// has started already is due now, not from that future day: they must
// not vanish from the due list for months.
func TestAdv20bNeverMetWithCreatedAtInTheFutureIsDue(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Fay Future")
	if err := s.db.Exec("UPDATE people SET created_at = ? WHERE id = ?", fixedNow.AddDate(1, 0, 0), p.ID).Error; err != nil {
		t.Fatal(err)
	}
	reps, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		if r.ID == p.ID && s.Today().Before(r.NextDue) {
			t.Errorf("never met, started long ago, created_at a year ahead: next due %s (today %s)", r.NextDue, s.Today())
		}
	}
}

// Extreme start dates neither crash the lists nor the board.
func TestAdv20bExtremeStartDates(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	for i, d := range []Date{NewDate(9999, 12, 31), NewDate(1, 1, 1)} {
		p, _ := s.Person(hires[i].ID)
		p.StartDate = d
		if err := s.SavePerson(&p); err != nil {
			t.Logf("start %s refused: %v", d, err)
		}
	}
	if _, err := s.Reports(); err != nil {
		t.Errorf("reports: %v", err)
	}
	if _, err := s.TodayView(time.Monday); err != nil {
		t.Errorf("today: %v", err)
	}
	if _, err := s.CohortBoard(c.ID); err != nil {
		t.Errorf("board: %v", err)
	}
}

// Bo was extended; he said he took the offer, then (the next day, the
// undo long gone) changed his mind and stays. Correcting the answer to
// "stays" leaves him extended, as he was: not merely "in training".
func TestAdv20bCorrectingAnAcceptanceKeepsTheExtension(t *testing.T) {
	s := newTestStore(t)
	c, _, _ := offeredCohort(t, s)
	bo := mustBoard(t, s, c.ID).Rows[1]
	h := Hire{ID: bo.ID, Status: HireExtended, Version: bo.Version, OfferedOn: bo.OfferedOn, OfferAmount: bo.OfferAmount}
	if err := s.SaveHire(&h); err != nil {
		t.Fatal(err)
	}
	for _, answer := range []string{OfferAccepted, OfferDeclined} {
		if _, err := s.AnswerOffer(bo.ID, answer); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range mustBoard(t, s, c.ID).Rows {
		if r.ID == bo.ID && r.Status != HireExtended {
			t.Errorf("Bo was extended; after accepting and then staying he is %s", r.Status)
		}
	}
}

// Someone already on the roster (an agent who started last year, moving to
// this line) joins a started cohort late, today. Like a new late hire,
// they owe nothing that fell due before they joined: their row is not
// "behind" the moment they are added.
func TestAdv20bRosterPersonJoiningLateOwesNothingPast(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	kim := Person{Name: "Kim Crosstrain", StartDate: NewDate(2025, 6, 2)}
	if err := s.SavePerson(&kim); err != nil {
		t.Fatal(err)
	}
	if err := s.AddHires(c.ID, []uint{kim.ID}, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range mustBoard(t, s, c.ID).Rows {
		if r.Name == kim.Name && r.Behind {
			var over []string
			for _, p := range r.Phases {
				for _, m := range p.Milestones {
					if m.Overdue {
						over = append(over, fmt.Sprintf("%s (due %s)", m.Title, m.DueDate))
					}
				}
			}
			t.Errorf("joined on %s, Kim is behind already: %v", s.Today(), over)
		}
	}
}

// A cohort planned for next quarter, with an owner, does not yet take its
// hires' one-on-ones from their lead: they are not training yet.
func TestAdv20bAPlannedCohortHoldsNoOneYet(t *testing.T) {
	s := newTestStore(t)
	lead := addPerson(t, s, "Lee Lead")
	rae := Person{Name: "Rae Report", ManagerID: &lead.ID}
	if err := s.SavePerson(&rae); err != nil {
		t.Fatal(err)
	}
	tara := addPerson(t, s, "Tara Trainer")
	if _, err := s.CreateCohort(NewCohort{Name: "June 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 6, 1),
		TrainerIDs: []uint{tara.ID}, OwnerID: tara.ID, HireIDs: []uint{rae.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMe(lead.ID); err != nil {
		t.Fatal(err)
	}
	reps, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].ID != rae.ID {
		t.Errorf("Lee's reports on %s, Rae's cohort starting 2026-06-01: %d listed, want Rae", s.Today(), len(reps))
	}
	if tr, ok, _ := s.TrainingOf(rae.ID); ok {
		t.Errorf("Rae's page says she trains in %s now, held by %q; it starts in June", tr.CohortName, tr.OwnerName)
	}
}
