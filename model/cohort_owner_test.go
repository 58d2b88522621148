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
