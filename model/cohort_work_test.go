package model

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// milestoneOf finds a milestone of the cohort's board by title.
func milestoneOf(t *testing.T, b Board, title string) MilestoneState {
	t.Helper()
	for _, p := range b.Rows[0].Phases {
		for _, m := range p.Milestones {
			if m.Title == title {
				return m
			}
		}
	}
	t.Fatalf("no milestone %q", title)
	return MilestoneState{}
}

// cultureFixture is the cohort fixture's store, cohort and board, and its
// first milestone (Culture, due 6 Mar, overdue on 10 Mar).
func cultureFixture(t *testing.T) (*Store, Cohort, Board, MilestoneState) {
	t.Helper()
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	b := mustBoard(t, s, c.ID)
	return s, c, b, milestoneOf(t, b, "Culture and core values")
}

func mustBoard(t *testing.T, s *Store, id uint) Board {
	t.Helper()
	b, err := s.CohortBoard(id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTickMilestoneForManyAndUndo(t *testing.T) {
	s, c, b, culture := cultureFixture(t)
	ana, bo, cy := b.Rows[0].ID, b.Rows[1].ID, b.Rows[2].ID
	// Bo was ticked alone, earlier, with a note.
	if err := s.SetCompletion(bo, culture.ID, true, NewDate(2026, 3, 4), nil, "early"); err != nil {
		t.Fatal(err)
	}
	// The trainer ticks it for everyone, late: it happened on Friday.
	undo, err := s.TickMilestone(Tick{MilestoneID: culture.ID, HireIDs: []uint{ana, bo, cy}, Done: true, On: NewDate(2026, 3, 6)})
	if err != nil {
		t.Fatal(err)
	}
	if len(undo.before) != 1 || undo.before[0].HireID != bo || undo.before[0].Note != "early" {
		t.Fatalf("undo holds %+v, want Bo's earlier tick", undo.before)
	}
	b = mustBoard(t, s, c.ID)
	for _, r := range b.Rows {
		m := milestoneOf(t, Board{Rows: []HireRow{r}}, culture.Title)
		if !m.Done || m.DoneOn.String() != "2026-03-06" || r.Behind {
			t.Errorf("%s: %+v, behind %v", r.Name, m, r.Behind)
		}
	}
	// The chart counts the ticks on the day they happened: by the end of
	// the first week (Sun 8 Mar, the second point), three of them.
	pts, err := s.CohortProgress(c.ID)
	if err != nil || len(pts) == 0 {
		t.Fatal(pts, err)
	}
	if total := 3 * 17; len(pts) < 2 || pts[1].Value*float64(total) < 2.99 {
		t.Errorf("first week's progress %+v: the late ticks did not count on their day", pts)
	}
	if err := s.RestoreTicks(undo); err != nil {
		t.Fatal(err)
	}
	b = mustBoard(t, s, c.ID)
	got := []string{}
	for _, r := range b.Rows {
		m := milestoneOf(t, Board{Rows: []HireRow{r}}, culture.Title)
		got = append(got, r.Name+":"+m.DoneOn.String()+":"+m.Note)
	}
	if strings.Join(got, " ") != "Ana Hire:: Bo Hire:2026-03-04:early Cy Hire::" {
		t.Errorf("after undo: %v", got)
	}
}

func TestTickMilestoneRefusesWithoutWriting(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	other, _ := s.CreateCohort(NewCohort{Name: "April", ProgramID: *c.ProgramID, Start: NewDate(2026, 4, 6),
		HireIDs: []uint{addPerson(t, s, "Di Other").ID}})
	ob := mustBoard(t, s, other.ID)
	b := mustBoard(t, s, c.ID)
	culture := milestoneOf(t, b, "Culture and core values")
	var signOff, decision MilestoneState
	for _, p := range b.Rows[0].Phases {
		for _, m := range p.Milestones {
			switch m.Kind {
			case MilestoneSignOff:
				signOff = m
			case MilestoneDecision:
				decision = m
			}
		}
	}
	hires := []uint{b.Rows[0].ID, b.Rows[1].ID}
	ghost := uint(9999)
	tests := []struct {
		name, field string
		tick        Tick
	}{
		{"dated after today", "date", Tick{MilestoneID: culture.ID, HireIDs: hires, Done: true, On: NewDate(2026, 3, 11)}},
		{"undated", "date", Tick{MilestoneID: culture.ID, HireIDs: hires, Done: true}},
		{"nobody", "hires", Tick{MilestoneID: culture.ID, Done: true, On: NewDate(2026, 3, 6)}},
		{"a sign-off nobody gives", "signer", Tick{MilestoneID: signOff.ID, HireIDs: hires, Done: true, On: NewDate(2026, 3, 6)}},
		{"a signer not on the roster", "signer", Tick{MilestoneID: signOff.ID, HireIDs: hires, Done: true, On: NewDate(2026, 3, 6), SignedByID: &ghost}},
		{"the decision", "milestone", Tick{MilestoneID: decision.ID, HireIDs: hires, Done: true, On: NewDate(2026, 3, 6)}},
		{"a hire of another cohort", "hires", Tick{MilestoneID: culture.ID, HireIDs: append(hires, ob.Rows[0].ID), Done: true, On: NewDate(2026, 3, 6)}},
		{"a control character in the note", "note", Tick{MilestoneID: culture.ID, HireIDs: hires, Done: true, On: NewDate(2026, 3, 6), Note: "ok\x07"}},
	}
	for _, tt := range tests {
		_, err := s.TickMilestone(tt.tick)
		var v *ValidationError
		if !errors.As(err, &v) || v.Problems[0].Field != tt.field {
			t.Errorf("%s: %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
	var n int64
	s.db.Model(&Completion{}).Count(&n)
	if n != 0 {
		t.Errorf("%d ticks written by refused calls", n)
	}
	if _, err := s.TickMilestone(Tick{MilestoneID: 424242, HireIDs: hires, Done: true, On: NewDate(2026, 3, 6)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown milestone: %v", err)
	}
}

func TestOfferOnceForTheCohortAnsweredPerHire(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	b := mustBoard(t, s, c.ID)
	ana, bo, cy := b.Rows[0].ID, b.Rows[1].ID, b.Rows[2].ID
	if _, err := s.AnswerOffer(ana, OfferAccepted); !IsValidation(err) {
		t.Errorf("an answer before any offer: %v", err)
	}
	for _, bad := range []struct {
		amount   int
		currency string
	}{{-1, "USD"}, {maxOffer + 1, "USD"}, {100, "DOLLARS!!!"}, {100, "U\x00SD"}} {
		if err := s.SetCohortOffer(c.ID, NewDate(2026, 3, 30), bad.amount, bad.currency); !IsValidation(err) {
			t.Errorf("offer %d %q: %v", bad.amount, bad.currency, err)
		}
	}
	if err := s.SetCohortOffer(c.ID, NewDate(2026, 3, 30), 2000, " USD "); err != nil {
		t.Fatal(err)
	}
	if was, err := s.AnswerOffer(ana, OfferAccepted); err != nil || was.Outcome() != "" {
		t.Fatal(was, err)
	}
	if _, err := s.AnswerOffer(bo, OfferDeclined); err != nil {
		t.Fatal(err)
	}
	// A later change of the amount reaches only those who have not answered.
	if err := s.SetCohortOffer(c.ID, NewDate(2026, 3, 31), 2500, "usd"); err != nil { // a code, in any case
		t.Fatal(err)
	}
	b = mustBoard(t, s, c.ID)
	if b.OfferCurrency != "USD" || b.OfferAmount != 2500 || b.OfferOn.String() != "2026-03-31" {
		t.Errorf("cohort offer = %v %d %q", b.OfferOn, b.OfferAmount, b.OfferCurrency)
	}
	got := map[uint]string{}
	for _, r := range b.Rows {
		got[r.ID] = string(r.Status) + " " + r.OfferOutcome + " " + r.OfferedOn.String() + " " + strconv.Itoa(r.OfferAmount)
	}
	want := map[uint]string{ana: "took_offer accepted 2026-03-30 2000", bo: "active declined 2026-03-30 2000", cy: "active  2026-03-31 2500"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("hire %d: %q, want %q", id, got[id], w)
		}
	}
	if p, _ := s.Person(hires[0].ID); p.Status != StatusLeft {
		t.Errorf("Ana took the offer but is %s", p.Status)
	}
	// Undo: Ana's answer taken back; she is in training and on the roster again.
	if was, err := s.AnswerOffer(ana, ""); err != nil || was.Outcome() != OfferAccepted {
		t.Fatal(was, err)
	}
	if p, _ := s.Person(hires[0].ID); p.Status != StatusActive {
		t.Errorf("Ana's answer taken back but she is %s", p.Status)
	}
	if b := mustBoard(t, s, c.ID); b.Rows[0].Status != HireActive || b.Offers.Accepted != 0 || b.Offers.Declined != 1 {
		t.Errorf("after taking the answer back: %s, %+v", b.Rows[0].Status, b.Offers)
	}
	if _, err := s.AnswerOffer(cy, "maybe"); !IsValidation(err) {
		t.Errorf("answer maybe: %v", err)
	}
}

func TestEditACohortThatHasStarted(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	b := mustBoard(t, s, c.ID)
	culture := milestoneOf(t, b, "Culture and core values")
	if err := s.SetCompletion(b.Rows[0].ID, culture.ID, true, NewDate(2026, 3, 5), nil, ""); err != nil {
		t.Fatal(err)
	}
	dev := addPerson(t, s, "Dev Second")
	if _, err := s.CreateCohort(NewCohort{Name: "Taken", ProgramID: *c.ProgramID, Start: NewDate(2026, 5, 4)}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: "taken", Start: c.StartDate}); !IsValidation(err) {
		t.Errorf("renamed onto another cohort's name: %v", err)
	}
	trainer := b.Trainers[0].ID
	err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: "March A", Start: NewDate(2026, 3, 9), TrainerIDs: []uint{trainer, dev.ID}, OwnerID: dev.ID})
	if err != nil {
		t.Fatal(err)
	}
	b = mustBoard(t, s, c.ID)
	if b.Name != "March A" || len(b.Trainers) != 2 || b.OwnerName != "Dev Second" {
		t.Errorf("edited: %q, trainers %v, one-on-ones with %q", b.Name, b.Trainers, b.OwnerName)
	}
	// Every phase and due day moves a week; the tick keeps its day.
	if b.Phases[0].StartDate.String() != "2026-03-09" || b.Phases[0].EndDate.String() != "2026-04-03" || b.Phases[3].EndDate.String() != "2026-05-04" {
		t.Errorf("phases after the move: %+v", b.Phases)
	}
	moved := milestoneOf(t, b, culture.Title)
	if moved.DueDate.String() != "2026-03-13" || !moved.Done || moved.DoneOn.String() != "2026-03-05" {
		t.Errorf("culture after the move: %+v", moved)
	}
	// A late hire, one on the roster and one new, with the edit; then a
	// no-show removed. An edit whose hire is refused changes nothing.
	late := addPerson(t, s, "Lee Late")
	if err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: "March B", Start: NewDate(2026, 3, 9), AddIDs: []uint{b.Rows[0].PersonID}}); !IsValidation(err) {
		t.Errorf("an edit adding a hire already in: %v", err)
	}
	if b := mustBoard(t, s, c.ID); b.Name != "March A" || len(b.Trainers) != 2 {
		t.Errorf("a refused edit half-wrote: %q, %v", b.Name, b.Trainers)
	}
	if err := s.UpdateCohort(CohortEdit{ID: c.ID, Name: "March A", Start: NewDate(2026, 3, 9), TrainerIDs: []uint{trainer, dev.ID}, OwnerID: dev.ID,
		AddIDs: []uint{late.ID}, NewHires: []Person{{Name: "Nia New"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddHires(c.ID, []uint{late.ID}, nil); !IsValidation(err) {
		t.Errorf("added twice: %v", err)
	}
	if err := s.AddHires(c.ID, nil, []Person{{Name: "Ok One"}, {Name: "bad\x01"}}); !IsValidation(err) {
		t.Errorf("a bad new name: %v", err)
	}
	var okOne int64
	if s.db.Model(&Person{}).Where("name = ?", "Ok One").Count(&okOne); okOne != 0 {
		t.Error("a refused AddHires left a person on the roster")
	}
	b = mustBoard(t, s, c.ID)
	if len(b.Rows) != 5 {
		t.Fatalf("%d hires after adding two", len(b.Rows))
	}
	if err := s.RemoveHire(b.Rows[0].ID); err != nil { // Ana, with her tick
		t.Fatal(err)
	}
	if b = mustBoard(t, s, c.ID); len(b.Rows) != 4 || b.Rows[0].Name == "Ana Hire" {
		t.Errorf("after removing Ana: %d hires, first %s", len(b.Rows), b.Rows[0].Name)
	}
	if p, err := s.Person(hires[0].ID); err != nil || p.Status != StatusActive {
		t.Errorf("Ana left the roster with the cohort: %v %v", p.Status, err)
	}
	if err := s.RemoveHire(b.Rows[0].ID + 1000); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing nobody: %v", err)
	}
}

func TestUnknownCohortNameListsTheCohorts(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.CohortByName("March"); err == nil || !strings.Contains(err.Error(), "no cohorts yet") {
		t.Errorf("no cohorts: %v", err)
	}
	cohortFixture(t, s)
	if _, err := s.CohortByName("Marhc"); err == nil || !strings.Contains(err.Error(), `the cohorts are: "March 2026"`) {
		t.Errorf("a misspelt name: %v", err)
	}
}

func TestBehindFirstAndOverdueByDueDate(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	s.Now = func() time.Time { return time.Date(2026, 3, 17, 9, 0, 0, 0, time.UTC) }
	b := mustBoard(t, s, c.ID)
	// Milestones come by due date within their phase.
	var last Date
	for _, m := range b.Rows[0].Phases[0].Milestones {
		if m.DueDate.Before(last) {
			t.Errorf("%s (due %s) after one due %s", m.Title, m.DueDate, last)
		}
		last = m.DueDate
	}
	// An overdue phase with nothing ticked is behind.
	if p := b.Rows[0].Phases[0]; p.Done() != 0 || !p.Behind() {
		t.Errorf("0 done of an overdue phase: behind %v", p.Behind())
	}
	over := b.Rows[0].Overdue()
	if len(over) != 2 || over[0].Title != "Culture and core values" {
		t.Fatalf("overdue on 17 Mar: %+v", over)
	}
	// Ana catches up; Bo does one; Cy is most behind.
	for _, m := range over {
		if err := s.SetCompletion(b.Rows[0].ID, m.ID, true, NewDate(2026, 3, 16), nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetCompletion(b.Rows[1].ID, over[0].ID, true, NewDate(2026, 3, 16), nil, ""); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range BehindFirst(mustBoard(t, s, c.ID).Rows) {
		order = append(order, r.Name)
	}
	if strings.Join(order, ", ") != "Cy Hire, Bo Hire, Ana Hire" {
		t.Errorf("behind first: %v", order)
	}
}
