package model

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestPhaseSpans(t *testing.T) {
	tests := []struct {
		name    string
		start   string
		lengths []int
		skip    bool
		want    []string // "first..last" per phase
	}{
		{"default program from a Monday", "2026-03-02", []int{20, 1, 5, 15}, true,
			[]string{"2026-03-02..2026-03-27", "2026-03-30..2026-03-30", "2026-03-31..2026-04-06", "2026-04-07..2026-04-27"}},
		{"a Saturday start moves to Monday", "2026-02-28", []int{5}, true, []string{"2026-03-02..2026-03-06"}},
		{"Friday one-day phases skip the weekend", "2026-03-06", []int{1, 1}, true, []string{"2026-03-06..2026-03-06", "2026-03-09..2026-03-09"}},
		{"calendar days across a month end", "2026-01-28", []int{7, 3}, false, []string{"2026-01-28..2026-02-03", "2026-02-04..2026-02-06"}},
		{"working days across a leap-year month end", "2028-02-25", []int{3}, true, []string{"2028-02-25..2028-02-29"}},
	}
	for _, tt := range tests {
		start, _ := ParseDate(tt.start)
		spans := PhaseSpans(start, tt.lengths, tt.skip)
		for i, sp := range spans {
			if got := sp[0].String() + ".." + sp[1].String(); got != tt.want[i] {
				t.Errorf("%s: phase %d = %s, want %s", tt.name, i+1, got, tt.want[i])
			}
		}
	}
}

func defaultProgramID(t *testing.T, s *Store) uint {
	t.Helper()
	ps, err := s.Programs()
	if err != nil || len(ps) != 1 || ps[0].Name != "New hire onboarding" {
		t.Fatalf("programs on first run = %+v, %v", ps, err)
	}
	return ps[0].ID
}

func TestDefaultProgramShips(t *testing.T) {
	s := newTestStore(t)
	d, err := s.Program(defaultProgramID(t, s))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	kinds := map[MilestoneKind]int{}
	for _, p := range d.Phases {
		names = append(names, p.Name+" ("+p.LengthText(d.SkipWeekends)+")")
		for _, m := range p.Milestones {
			kinds[m.Kind]++
		}
	}
	if strings.Join(names, ", ") != "Onboarding classes (4 weeks), The offer to leave (1 day), Warehouse week (1 week), Phone coaching (3 weeks)" {
		t.Errorf("phases = %v", names)
	}
	if kinds[MilestoneDecision] != 1 || kinds[MilestoneShadowing] != 2 || kinds[MilestoneSignOff] != 3 {
		t.Errorf("milestone kinds = %v", kinds)
	}
}

// cohortFixture starts a cohort of three on the default program on Monday
// 2 March 2026 (fixedNow is Tuesday 10 March, day 7 of classes).
func cohortFixture(t *testing.T, s *Store) (Cohort, []Person) {
	t.Helper()
	trainer := addPerson(t, s, "Tara Trainer")
	var hires []Person
	for _, n := range []string{"Ana Hire", "Bo Hire", "Cy Hire"} {
		hires = append(hires, addPerson(t, s, n))
	}
	c, err := s.CreateCohort(NewCohort{Name: "March 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 3, 2),
		TrainerIDs: []uint{trainer.ID}, HireIDs: []uint{hires[0].ID, hires[1].ID, hires[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	return c, hires
}

func TestCohortKeepsItsOwnCopyOfTheProgram(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	prog, _ := s.Program(*c.ProgramID)
	prog.Phases[0].Name = "Renamed classes"
	prog.Phases[0].LengthDays = 10
	prog.Phases[0].Milestones = prog.Phases[0].Milestones[:1]
	if err := s.SaveProgram(&prog); err != nil {
		t.Fatal(err)
	}
	b, err := s.CohortBoard(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Phases[0].Name != "Onboarding classes" || b.Phases[0].EndDate.String() != "2026-03-27" || len(b.Rows[0].Phases[0].Milestones) != 5 {
		t.Errorf("editing the template changed the running cohort: %+v", b.Phases[0])
	}
	if err := s.DeleteProgram(prog.ID); err != nil {
		t.Fatal(err)
	}
	if b, err := s.CohortBoard(c.ID); err != nil || len(b.Phases) != 4 {
		t.Errorf("deleting the template should leave the cohort whole: %v", err)
	}
}

func TestHireStatusDerivedFromMilestones(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s)
	b, _ := s.CohortBoard(c.ID)
	if b.Current != 0 || b.BehindCount() != 3 {
		t.Fatalf("day 7: current phase %d, %d behind (culture was due on day 5)", b.Current, b.BehindCount())
	}
	culture := b.Rows[0].Phases[0].Milestones[0]
	if !culture.Overdue || culture.DueDate.String() != "2026-03-06" {
		t.Fatalf("culture milestone = %+v", culture)
	}
	for _, r := range b.Rows[:2] {
		if err := s.SetCompletion(r.ID, culture.ID, true, NewDate(2026, 3, 6), nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	// Bo graduates early; Cy stays behind.
	bo := b.Rows[1].Hire
	bo.Status = HireGraduated
	if err := s.SaveHire(&bo); err != nil {
		t.Fatal(err)
	}
	b, _ = s.CohortBoard(c.ID)
	got := map[string]string{}
	for _, r := range b.Rows {
		got[r.Name] = r.StatusText()
	}
	if got["Ana Hire"] != "On track" || got["Bo Hire"] != "Graduated" || got["Cy Hire"] != "Behind" {
		t.Errorf("statuses = %v", got)
	}

	// Two weeks later the shadowing milestone (2 sessions, due day 18) counts
	// the sessions Ana logged since the cohort began.
	later := time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return later }
	for _, d := range []int{3, 12} {
		sess := Session{PersonID: hires[0].ID, Channel: ChannelChat, Date: NewDate(2026, 3, d)}
		if err := s.SaveSession(&sess, nil); err != nil {
			t.Fatal(err)
		}
	}
	b, _ = s.CohortBoard(c.ID)
	shadow := b.Rows[0].Phases[0].Milestones[3]
	if shadow.Kind != MilestoneShadowing || !shadow.Done || shadow.Auto != "2 of 2 shadowing sessions logged" {
		t.Errorf("shadowing milestone = %+v", shadow)
	}
	if err := s.SetCompletion(b.Rows[0].ID, culture.ID, false, Date{}, nil, ""); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.CohortBoard(c.ID); !b.Rows[0].Phases[0].Milestones[0].Overdue {
		t.Error("unticking should make the milestone overdue again")
	}
}

func TestOfferToLeaveStats(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	b, _ := s.CohortBoard(c.ID)
	offered := NewDate(2026, 3, 30)
	ana, bo := b.Rows[0].Hire, b.Rows[1].Hire
	ana.OfferedOn, ana.OfferAmount, ana.OfferOutcome = offered, 2000, OfferAccepted
	bo.OfferedOn, bo.OfferOutcome = offered, OfferDeclined
	for _, h := range []*Hire{&ana, &bo} {
		if err := s.SaveHire(h); err != nil {
			t.Fatal(err)
		}
	}
	if ana.Status != HireTookOffer {
		t.Errorf("accepting the offer should set the status: %s", ana.Status)
	}
	if p, _ := s.Person(ana.PersonID); p.Status != StatusLeft {
		t.Errorf("who took the offer has left: %s", p.Status)
	}
	if (OfferStats{}).AcceptanceText() != "no answers yet" {
		t.Error("no answers should not read as 0%")
	}
	b, _ = s.CohortBoard(c.ID)
	o := b.Offers
	if o.AcceptanceText() != "50% acceptance" {
		t.Errorf("acceptance text %q", o.AcceptanceText())
	}
	if o.Offered != 2 || o.Accepted != 1 || o.Declined != 1 || o.AcceptanceRate() != 0.5 || math.Abs(o.Retention()-2.0/3) > 1e-9 {
		t.Errorf("offer stats = %+v, rate %v, retention %v", o, o.AcceptanceRate(), o.Retention())
	}
	decision := b.Rows[1].Phases[1].Milestones[0]
	if decision.Kind != MilestoneDecision || !decision.Done {
		t.Errorf("an answered offer completes the decision point: %+v", decision)
	}
	var v *ValidationError
	bad := b.Rows[2].Hire
	bad.OfferOutcome = OfferAccepted
	if err := s.SaveHire(&bad); !errors.As(err, &v) {
		t.Errorf("an outcome with no offer date should be refused: %v", err)
	}
	long := b.Rows[2].Hire
	long.Notes = strings.Repeat("x", MaxNoteText+1)
	if err := s.SaveHire(&long); !errors.As(err, &v) || v.For("notes") == "" {
		t.Errorf("trainer notes over the limit should be refused: %v", err)
	}
}

func TestNewHiresJoinTheRosterOnlyWithTheCohort(t *testing.T) {
	s := newTestStore(t)
	cohortFixture(t, s)
	before, _ := s.CountPeople()
	_, err := s.CreateCohort(NewCohort{Name: "March 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 4, 6),
		NewHires: []Person{{Name: "Zed Zero"}}})
	if err == nil {
		t.Fatal("a duplicate cohort name should be refused")
	}
	if after, _ := s.CountPeople(); after != before {
		t.Errorf("a refused cohort added %d people", after-before)
	}
	c, err := s.CreateCohort(NewCohort{Name: "April 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 4, 6),
		NewHires: []Person{{Name: "Zed Zero"}}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.CohortBoard(c.ID)
	if len(b.Rows) != 1 || b.Rows[0].Name != "Zed Zero" {
		t.Fatalf("rows = %+v", b.Rows)
	}
	if p, _ := s.Person(b.Rows[0].PersonID); p.StartDate.String() != "2026-04-06" || p.Role != RoleAgent {
		t.Errorf("new hire = %+v", p)
	}
}

func TestCohortValidationAndNames(t *testing.T) {
	s := newTestStore(t)
	cohortFixture(t, s)
	var v *ValidationError
	if _, err := s.CreateCohort(NewCohort{}); !errors.As(err, &v) || len(v.Problems) != 3 {
		t.Errorf("empty cohort: %v", err)
	}
	if _, err := s.CohortByName("MARCH 2026"); err != nil {
		t.Errorf("lookup ignores case: %v", err)
	}
	if _, err := s.CreateCohort(NewCohort{Name: "March 2026", ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 4, 1)}); !errors.As(err, &v) || v.For("name") == "" {
		t.Errorf("duplicate name: %v", err)
	}
	if _, err := s.CopyProgram(defaultProgramID(t, s), "Short onboarding"); err != nil {
		t.Fatal(err)
	}
	if ps, _ := s.Programs(); len(ps) != 2 {
		t.Errorf("copy: %d programs", len(ps))
	}
}

// The cohort list sums boards up from less than a board shows; each line
// must still say what the cohort's own board says.
func TestCohortListAgreesWithBoards(t *testing.T) {
	s := newTestStore(t)
	if err := FillDemo(s, DemoOptions{People: 30, Years: 2, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Cohorts()
	if err != nil || len(list) < 10 {
		t.Fatalf("cohorts: %d, %v", len(list), err)
	}
	behind := 0
	for _, c := range list {
		b, err := s.CohortBoard(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := b.summary(s.Today()); !reflect.DeepEqual(c, want) {
			t.Errorf("cohort %s: listed as %+v, its board sums up to %+v", c.Name, c, want)
		}
		behind += c.Behind
	}
	if behind == 0 {
		t.Error("no cohort has anyone behind: the comparison misses half the rules")
	}
}

// A day between two phases (a weekend the program skips) reads as the next
// phase, not "Finished" (Today skips finished cohorts).
func TestADayBetweenPhasesIsNotTheEnd(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	b, err := s.CohortBoard(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var gap Date
	var next string
	for i := 1; i < len(b.Phases) && gap.IsZero(); i++ {
		if d := b.Phases[i-1].EndDate.AddDays(1); d.Before(b.Phases[i].StartDate) {
			gap, next = d, b.Phases[i].Name
		}
	}
	if gap.IsZero() {
		t.Fatal("the default program should skip weekends between its phases")
	}
	for day, want := range map[Date]string{gap: next, b.Phases[len(b.Phases)-1].EndDate.AddDays(1): "Finished"} {
		s.Now = func() time.Time { return day.Time().Add(10 * time.Hour) }
		on, err := s.CohortBoard(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := on.summary(day).PhaseName; got != want {
			t.Errorf("on %s the cohort reads %q, want %q", day, got, want)
		}
	}
}
