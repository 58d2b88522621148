package model

import (
	"strings"
	"testing"
)

// Attacks on the cohort work of issue #20 (ticking many, the cohort's
// offer, editing a started cohort, who holds hires' one-on-ones), as a
// careless or hostile second trainer or lead would make them. Each test
// states the behaviour that should hold.

// A sign-off note is a note: a megabyte of it, copied onto every hire of
// the tick, is refused like any other over-long note.
func TestAdv20TickNoteIsBounded(t *testing.T) {
	s, _, b, culture := cultureFixture(t)
	huge := strings.Repeat("a", 1<<20)
	_, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: []uint{b.Rows[0].ID, b.Rows[1].ID, b.Rows[2].ID},
		Done: true, On: NewDate(2026, 3, 6), Note: huge})
	if !IsValidation(err) {
		t.Errorf("a %d-character note on three hires: %v, want it refused as too long", len(huge), err)
	}
}

// A cohort's name is a name: renaming a started cohort to a megabyte is
// refused, as a person's name over maxNameLen is.
func TestAdv20CohortNameIsBounded(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	huge := strings.Repeat("M", 1<<20)
	err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: huge, Start: c.StartDate})
	if !IsValidation(err) {
		t.Errorf("renamed to %d characters: %.200v, want it refused", len(huge), err)
	}
	if err != nil && len(err.Error()) > 1000 {
		t.Errorf("the message refusing it is %d bytes long: it quotes the whole name", len(err.Error()))
	}
}

// Taking back an accepted offer undoes only what accepting did: a person
// who had already left for another reason does not come back active, and
// an extended hire is extended again, not merely "in training".
func TestAdv20TakingBackAnAnswerRestoresWhatWasBefore(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	if err := s.SetCohortOffer(c.ID, NewDate(2026, 3, 9), 2000, "USD"); err != nil {
		t.Fatal(err)
	}
	b := mustBoard(t, s, c.ID)
	ana, bo := b.Rows[0], b.Rows[1]
	// Ana left the company (marked on the roster), her hire row not yet updated.
	p, _ := s.Person(hires[0].ID)
	p.Status = StatusLeft
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	// Bo was extended.
	h := Hire{ID: bo.ID, Status: HireExtended, Version: bo.Version, OfferedOn: bo.OfferedOn, OfferAmount: bo.OfferAmount}
	if err := s.SaveHire(&h); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint{ana.ID, bo.ID} {
		undo, err := s.AnswerOffer(id, OfferAccepted)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.UndoAnswer(undo); err != nil { // a misclick, undone
			t.Fatal(err)
		}
	}
	if p, _ := s.Person(hires[0].ID); p.Status != StatusLeft {
		t.Errorf("Ana had left before the misclick; after taking it back she is %s", p.Status)
	}
	b = mustBoard(t, s, c.ID)
	for _, r := range b.Rows {
		if r.ID == bo.ID && r.Status != HireExtended {
			t.Errorf("Bo was extended; after taking the answer back he is %s", r.Status)
		}
	}
}

// An undo takes back its own tick only: a second trainer's tick of the
// same milestone, made after it, survives the first trainer's undo.
func TestAdv20UndoKeepsAnotherTrainersLaterTick(t *testing.T) {
	s, c, b, culture := cultureFixture(t)
	all := []uint{b.Rows[0].ID, b.Rows[1].ID, b.Rows[2].ID}
	undo, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: all, Done: true, On: NewDate(2026, 3, 6)})
	if err != nil {
		t.Fatal(err)
	}
	// Meanwhile Dev, the second trainer, corrects Bo's tick: another day, a note.
	if err := s.SetCompletion(all[1], culture.ID, true, NewDate(2026, 3, 9), nil, "came on Monday instead"); err != nil {
		t.Fatal(err)
	}
	// Tara presses Undo on her bar.
	if err := s.RestoreTicks(undo); err != nil {
		t.Fatal(err)
	}
	m := milestoneOf(t, Board{Rows: []HireRow{mustBoard(t, s, c.ID).Rows[1]}}, culture.Title)
	if !m.Done || m.Note != "came on Monday instead" {
		t.Errorf("Dev's later tick of Bo was wiped by Tara's undo: %+v", m)
	}
}

// An undo writes back only the milestone and hires it names: completions
// of other milestones or hires handed to it are not written.
func TestAdv20UndoWritesOnlyItsOwnMilestone(t *testing.T) {
	s, _, b, culture := cultureFixture(t)
	var other MilestoneState
	for _, m := range b.Rows[0].Phases[0].Milestones {
		if m.ID != culture.ID && m.Kind != MilestoneDecision && m.Kind != MilestoneSignOff {
			other = m
			break
		}
	}
	forged := []Completion{{HireID: b.Rows[2].ID, MilestoneID: other.ID, DoneOn: NewDate(2026, 3, 3), Note: "never happened"}}
	err := s.RestoreTicks(TickUndo{tick: Tick{MilestoneID: culture.ID, HireIDs: []uint{b.Rows[0].ID, b.Rows[2].ID}}, before: forged})
	var n int64
	s.db.Model(&Completion{}).Where("milestone_id = ?", other.ID).Count(&n)
	if n != 0 {
		t.Errorf("undoing a tick of %q for Ana wrote %d tick(s) of %q for Cy (err %v)", culture.Title, n, other.Title, err)
	}
}

// Undo after a hire was removed still undoes the tick for those who remain.
func TestAdv20UndoAfterAHireWasRemoved(t *testing.T) {
	s, c, b, culture := cultureFixture(t)
	ana, bo, cy := b.Rows[0].ID, b.Rows[1].ID, b.Rows[2].ID
	if err := s.SetCompletion(ana, culture.ID, true, NewDate(2026, 3, 4), nil, "early"); err != nil {
		t.Fatal(err)
	}
	undo, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: []uint{ana, bo, cy}, Done: true, On: NewDate(2026, 3, 6)})
	if err != nil {
		t.Fatal(err)
	}
	// Another trainer removes Ana (she never came), then the undo is pressed.
	if err := s.RemoveHire(ana); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreTicks(undo); err != nil {
		t.Errorf("undo after Ana was removed: %v", err)
	}
	for _, r := range mustBoard(t, s, c.ID).Rows {
		if m := milestoneOf(t, Board{Rows: []HireRow{r}}, culture.Title); m.Done {
			t.Errorf("%s still ticked after the undo", r.Name)
		}
	}
}

// A tick records the day it happened: a day before the cohort started (year
// 1, or the week before) did not happen, and would put the tick on the
// progress chart before the cohort existed.
func TestAdv20TickBeforeTheCohortStartedIsRefused(t *testing.T) {
	s, c, b, culture := cultureFixture(t)
	for _, on := range []Date{NewDate(1, 1, 2), NewDate(2026, 2, 20)} {
		_, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: []uint{b.Rows[0].ID}, Done: true, On: on})
		if !IsValidation(err) {
			t.Errorf("a tick dated %s, the cohort starting %s: %v, want it refused", on, c.StartDate, err)
		}
	}
}

// A start moved to the last days of year 9999 lays phases into year 10000,
// which the date columns do not read back: the move is refused, or every
// phase and due date reads back as it was written, never as "not set".
func TestAdv20StartAtTheEndOfTime(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: c.Name, Start: NewDate(9999, 12, 20)})
	if IsValidation(err) {
		return
	}
	b, berr := s.CohortBoard(c.ID)
	if berr != nil {
		t.Fatalf("after moving the start to 9999-12-20 (%v) the board cannot be read: %v", err, berr)
	}
	for _, p := range b.Phases {
		if p.StartDate.IsZero() || p.EndDate.IsZero() {
			t.Errorf("moved to 9999-12-20 (%v): phase %q reads %q..%q", err, p.Name, p.StartDate, p.EndDate)
		}
	}
	for _, p := range b.Rows[0].Phases {
		for _, m := range p.Milestones {
			if m.DueDate.IsZero() {
				t.Errorf("moved to 9999-12-20 (%v): %q is due on no day", err, m.Title)
			}
		}
	}
}

// The offer to leave is made to a cohort that exists: a day before its
// start (or in year 1) is refused.
func TestAdv20OfferBeforeTheCohortStartedIsRefused(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	for _, on := range []Date{NewDate(1, 1, 2), NewDate(2026, 2, 27)} {
		if err := s.SetCohortOffer(c.ID, on, 2000, "USD"); !IsValidation(err) {
			t.Errorf("an offer made %s to a cohort starting %s: %v, want it refused", on, c.StartDate, err)
		}
	}
}

// The cohort's owner who left the company holds nobody's one-on-ones: the
// hires go back to their manager rather than vanish from every list.
func TestAdv20HiresOfAnOwnerWhoLeftReturnToTheirManager(t *testing.T) {
	s := newTestStore(t)
	lena := addPerson(t, s, "Lena Lead")
	tara := addPerson(t, s, "Tara Trainer")
	ana := Person{Name: "Ana Hire", ManagerID: &lena.ID, StartDate: NewDate(2026, 3, 2)}
	if err := s.SavePerson(&ana); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCohort(NewCohort{Name: "March", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 3, 2),
		TrainerIDs: []uint{tara.ID}, OwnerID: tara.ID, HireIDs: []uint{ana.ID}}); err != nil {
		t.Fatal(err)
	}
	tara.Status = StatusLeft
	if err := s.SavePerson(&tara); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMe(lena.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := reportNames(t, s); len(all) != 1 || all[0] != "Ana Hire" {
		t.Errorf("Tara, who held Ana's one-on-ones, left; Lena's reports are %v, want Ana back", all)
	}
}

// Naming an owner, a trainer or a late hire who is not on the roster is
// refused in plain words (a problem with the field), and nothing of the
// edit is kept.
func TestAdv20EditWithUnknownPeopleIsRefusedWhole(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	for _, e := range []CohortEdit{
		{ID: c.ID, Name: "Renamed", Start: NewDate(2026, 3, 9), OwnerID: 424242},
		{ID: c.ID, Name: "Renamed", Start: NewDate(2026, 3, 9), TrainerIDs: []uint{424242}},
	} {
		err := s.UpdateCohort(e)
		if !IsValidation(err) {
			t.Errorf("owner %d, trainers %v: %v, want a problem naming the field", e.OwnerID, e.TrainerIDs, err)
		}
		if b := mustBoard(t, s, c.ID); b.Name != c.Name || b.StartDate != c.StartDate || len(b.Trainers) != 1 {
			t.Errorf("a refused edit left %q from %s, trainers %v", b.Name, b.StartDate, b.Trainers)
		}
	}
	if err := s.AddHires(c.ID, []uint{424242}, nil); !IsValidation(err) {
		t.Errorf("a late hire who is not on the roster: %v, want a problem naming the field", err)
	}
}

// Cohort names are unique whatever their case, beyond ASCII too.
func TestAdv20CohortNamesUniqueInAnyLettersCase(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	if _, err := s.CreateCohort(NewCohort{Name: "Ärzte Mai", ProgramID: *c.ProgramID, Start: NewDate(2026, 5, 4)}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: "ärzte mai", Start: c.StartDate}); !IsValidation(err) {
		t.Errorf("renamed onto %q as %q: %v", "Ärzte Mai", "ärzte mai", err)
	}
}

// The same hire named many times over is the same hire: a tick from a
// list with duplicates works however long the list.
func TestAdv20TickWithManyDuplicateIDs(t *testing.T) {
	s, _, b, culture := cultureFixture(t)
	ids := make([]uint, 0, 100_000)
	for len(ids) < 100_000 {
		ids = append(ids, b.Rows[0].ID, b.Rows[1].ID)
	}
	if _, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: ids, Done: true, On: NewDate(2026, 3, 6)}); err != nil {
		t.Errorf("two hires named 50,000 times each: %v", err)
	}
}
