package model

import (
	"slices"
	"testing"
	"time"
)

// reportNames lists who Reports shows, and who of them is due today.
func reportNames(t *testing.T, s *Store) (all, due []string) {
	t.Helper()
	rs, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		all = append(all, r.Name)
		if !s.Today().Before(r.NextDue) {
			due = append(due, r.Name)
		}
	}
	slices.Sort(all)
	slices.Sort(due)
	return all, due
}

func TestHiresOneOnOnesAreTheTrainersWhileTheyTrain(t *testing.T) {
	s := newTestStore(t)
	lena := addPerson(t, s, "Lena Lead")
	tara := addPerson(t, s, "Tara Trainer")
	var hireIDs []uint
	for _, n := range []string{"Amir Agent", "Ana Hire", "Bo Hire", "Nell Nextmonth"} {
		p := Person{Name: n, ManagerID: &lena.ID, StartDate: NewDate(2026, 3, 2)}
		if n == "Nell Nextmonth" {
			p.StartDate = NewDate(2026, 4, 6)
		}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		if n != "Amir Agent" {
			hireIDs = append(hireIDs, p.ID)
		}
	}
	prog := defaultProgramID(t, s)
	if _, err := s.CreateCohort(NewCohort{Name: "March", ProgramID: prog, Start: NewDate(2026, 3, 2), TrainerIDs: []uint{tara.ID}, OwnerID: tara.ID, HireIDs: hireIDs[:2]}); err != nil {
		t.Fatal(err)
	}
	check := func(who Person, wantAll, wantDue []string) {
		t.Helper()
		if err := s.SetMe(who.ID); err != nil {
			t.Fatal(err)
		}
		all, due := reportNames(t, s)
		if !slices.Equal(all, wantAll) || !slices.Equal(due, wantDue) {
			t.Errorf("%s on %s: reports %v (due %v), want %v (due %v)", who.Name, s.Today(), all, due, wantAll, wantDue)
		}
	}
	// While the cohort trains (10 Mar), its trainer holds Ana and Bo's
	// one-on-ones; Lena keeps Amir, and Nell, who starts in April, is not due.
	check(lena, []string{"Amir Agent", "Nell Nextmonth"}, []string{"Amir Agent"})
	check(tara, []string{"Ana Hire", "Bo Hire"}, []string{"Ana Hire", "Bo Hire"})
	s.SetMe(lena.ID)
	rs, _ := s.Reports()
	for _, r := range rs {
		if r.Name == "Nell Nextmonth" && r.NextDue.String() != "2026-04-06" {
			t.Errorf("Nell is due %s, want her first day 2026-04-06", r.NextDue)
		}
	}
	// Lena's Today is not flooded with hires.
	if v, err := s.TodayView(time.Monday); err != nil || v.DueToday+v.Overdue != 1 || v.Due[0].Name != "Amir Agent" {
		t.Errorf("Lena's Today: %d due, %+v, %v", v.DueToday+v.Overdue, v.Due, err)
	}
	// Once the cohort has finished (May), Ana and Bo are Lena's again.
	s.Now = func() time.Time { return time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC) }
	check(lena, []string{"Amir Agent", "Ana Hire", "Bo Hire", "Nell Nextmonth"}, []string{"Amir Agent", "Ana Hire", "Bo Hire", "Nell Nextmonth"})
	check(tara, nil, nil)
}

// A lead's Today lists the cohorts they train or hold the one-on-ones of,
// not every cohort's to-do list; everyone's view lists them all.
func TestTodayShowsMyCohortsOnly(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s) // Tara trains it; three hires, all behind on 10 Mar
	lena := addPerson(t, s, "Lena Lead")
	b := mustBoard(t, s, c.ID)
	for _, tt := range []struct {
		me     uint
		behind int
	}{{0, 1}, {lena.ID, 0}, {b.Trainers[0].ID, 1}} {
		if tt.me != 0 {
			if err := s.SetMe(tt.me); err != nil {
				t.Fatal(err)
			}
		}
		v, err := s.TodayView(time.Monday)
		if err != nil || len(v.Behind) != tt.behind || len(v.Milestones) != tt.behind {
			t.Errorf("me %d: %d cohorts behind, %d milestones (%v), want %d", tt.me, len(v.Behind), len(v.Milestones), err, tt.behind)
		}
	}
}

// Someone never met grows overdue from the day they joined the roster (or
// their first day, when later), instead of reading "due today" for weeks.
func TestNeverMetGrowsOverdue(t *testing.T) {
	s := newTestStore(t)
	early := addPerson(t, s, "Early Ella") // joined the roster on 10 Mar
	late := Person{Name: "Late Leo", StartDate: NewDate(2026, 4, 6)}
	if err := s.SavePerson(&late); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 3, 24, 9, 0, 0, 0, time.UTC) }
	rs, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	due := map[uint]string{}
	for _, r := range rs {
		due[r.ID] = DueText(r.NextDue, s.Today())
	}
	if due[early.ID] != "overdue by 14 days" || due[late.ID] != "due in 13 days" {
		t.Errorf("never met: Ella %q, Leo %q", due[early.ID], due[late.ID])
	}
}

// A hire who joins late owes nothing due before their first day.
func TestLateHireOwesNothingDueBeforeTheyCame(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s) // 10 Mar: Culture (due 6 Mar) overdue for the three
	if err := s.AddHires(c.ID, nil, []Person{{Name: "Nia Late", StartDate: NewDate(2026, 3, 9)}}); err != nil {
		t.Fatal(err)
	}
	for _, r := range mustBoard(t, s, c.ID).Rows {
		if r.Name == "Nia Late" && (r.Behind || len(r.Overdue()) != 0) {
			t.Errorf("Nia joined on 9 Mar and owes %+v", r.Overdue())
		}
		// What she does not owe is marked, and leaves her progress alone.
		if culture := r.Phases[0].Milestones[0]; r.Name == "Nia Late" && (!culture.BeforeJoining || r.Progress() != 0) {
			t.Errorf("Nia: culture %+v, progress %v", culture, r.Progress())
		}
		if r.Name == "Ana Hire" && !r.Behind {
			t.Error("Ana, there from the start, is no longer behind")
		}
	}
}

// Onboarding prompts last while a hire trains (the program runs about
// eight weeks), not just their first thirty days.
func TestOnboardingPromptsLastTheWholeProgram(t *testing.T) {
	s := newTestStore(t)
	c, hires := cohortFixture(t, s) // started Mon 2 Mar
	other := Person{Name: "Old Hand", StartDate: NewDate(2026, 3, 2)}
	if err := s.SavePerson(&other); err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 4, 14, 9, 0, 0, 0, time.UTC) } // day 44, in phone coaching
	rule := func(id uint) string {
		t.Helper()
		sg, err := s.Suggest(id, 0, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range sg {
			if x.Rule == "newhire" {
				return x.Reason
			}
		}
		return ""
	}
	if got := rule(hires[0].ID); got != "In training with "+c.Name+" until Mon 27 Apr: help them leave old habits behind" {
		t.Errorf("a hire on day 44 of the program: %q", got)
	}
	if got := rule(other.ID); got != "" {
		t.Errorf("someone on day 44 in no cohort: %q", got)
	}
}

// With no history, the suggestions still differ from person to person and
// from week to week.
func TestSuggestionsDifferWithoutHistory(t *testing.T) {
	s := newTestStore(t)
	first := func(id uint) uint {
		t.Helper()
		sg, err := s.Suggest(id, 0, 3)
		if err != nil || len(sg) == 0 {
			t.Fatal(sg, err)
		}
		return sg[0].Prompt.ID
	}
	people := map[uint]bool{}
	var ids []uint
	for _, n := range []string{"Ana", "Bo", "Cy", "Di", "Ed", "Flo"} {
		p := addPerson(t, s, n+" Long")
		ids = append(ids, p.ID)
		people[first(p.ID)] = true
	}
	weeks := map[uint]bool{}
	for w := 0; w < 6; w++ {
		s.Now = func() time.Time { return fixedNow.AddDate(0, 0, 7*w) }
		weeks[first(ids[0])] = true
	}
	if len(people) < 3 || len(weeks) < 3 {
		t.Errorf("first prompts: %d different for six people, %d over six weeks for one", len(people), len(weeks))
	}
	// The same person the same week is offered the same prompts.
	if a, b := first(ids[0]), first(ids[0]); a != b {
		t.Errorf("asked twice in a week: %d then %d", a, b)
	}
}
