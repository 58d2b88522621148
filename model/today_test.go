package model

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestTodayView(t *testing.T) {
	s := newTestStore(t)
	empty, err := s.TodayView(time.Monday)
	if err != nil || !empty.Empty || empty.NotificationText() != "" {
		t.Fatalf("empty database: %+v, %v", empty, err)
	}
	c, _ := cohortFixture(t, s) // day 7 of classes: culture (due day 5) overdue for all three
	lead := addPerson(t, s, "Lena Lead")
	amir := Person{Name: "Amir Haddad", ManagerID: &lead.ID}
	if err := s.SavePerson(&amir); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	m := mustStart(t, s, amir.ID, fixedNow.Add(-8*day)) // weekly: overdue by a day
	move := mustItem(t, s, m, HeadingProgress, "Moving house")
	move.NonWork, move.FollowUp = true, s.Today()
	if err := s.UpdateItem(&move); err != nil {
		t.Fatal(err)
	}
	later := mustItem(t, s, m, HeadingProgress, "Holiday in May")
	later.NonWork, later.FollowUp = true, s.Today().AddDays(30)
	if err := s.UpdateItem(&later); err != nil {
		t.Fatal(err)
	}
	for _, a := range []Action{
		{PersonID: amir.ID, Text: "Late one", Due: s.Today().AddDays(-1)},
		{PersonID: amir.ID, Text: "Soon one", Due: s.Today().AddDays(2)},
		{PersonID: amir.ID, Text: "Far one", Due: s.Today().AddDays(30)},
	} {
		if err := s.SaveAction(&a); err != nil {
			t.Fatal(err)
		}
	}
	v, err := s.TodayView(time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	dueNames := map[string]bool{}
	for _, r := range v.Due {
		dueNames[r.Name] = true
	}
	if !dueNames["Amir Haddad"] || dueNames["Lena Lead"] {
		t.Errorf("due = %v", dueNames)
	}
	if len(v.FollowUps) != 1 || v.FollowUps[0].Text != "Moving house" || v.FollowUps[0].PersonName != "Amir Haddad" {
		t.Errorf("follow-ups = %+v", v.FollowUps)
	}
	if len(v.Actions) != 2 || v.Actions[0].Text != "Late one" {
		t.Errorf("actions = %+v", v.Actions)
	}
	if len(v.Behind) != 1 || v.Behind[0].CohortID != c.ID || v.Behind[0].Behind != 3 ||
		v.Behind[0].Text() != "March 2026: 3 of 3 in training behind — Ana Hire, Bo Hire, Cy Hire" {
		t.Errorf("behind = %+v", v.Behind)
	}
	// Systems (day 10, Fri 13 Mar) falls within the week, once for its three
	// hires; a week starting on Friday runs from Fri 6 Mar, when Culture fell
	// due: past, still this week, and not done.
	if fri, _ := s.TodayView(time.Friday); len(fri.Milestones) != 1 || fri.Milestones[0].Title != "Culture and core values" ||
		fri.Milestones[0].LeftText() != "3 of 3 to do" {
		t.Errorf("week from Friday: %+v", fri.Milestones)
	}
	if len(v.Milestones) != 1 || v.Milestones[0].Title != "Systems: orders, returns and refunds" || len(v.Milestones[0].Left) != 3 {
		t.Errorf("milestones this week = %+v", v.Milestones)
	}
	if v.Prompt.Text == "" {
		t.Error("no prompt of the day")
	}
	// Never met (due today): the trainer and the three hires; Amir is late.
	if got := v.NotificationText(); got != "4 one-on-ones due today, 1 overdue; 1 follow-up to ask about." || v.Empty {
		t.Errorf("notification %q", got)
	}
}

// Today rules out people met recently in SQL; it must still list exactly
// those Reports shows as due, whatever the day, hour and cadence.
func TestTodayDueMatchesReports(t *testing.T) {
	s := newTestStore(t)
	if err := FillDemo(s, DemoOptions{People: 30, Years: 1, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	cadences := []Cadence{CadenceWeekly, CadenceBiweekly, CadenceMonthly}
	var ids []uint
	if err := s.db.Model(&Person{}).Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if err := s.SetCadence(id, cadences[i%len(cadences)]); err != nil {
			t.Fatal(err)
		}
	}
	start := fixedNow
	for h := 0; h < 40*24; h += 7 { // every seventh hour over 40 days
		s.Now = func() time.Time { return start.Add(time.Duration(h) * time.Hour) }
		reps, err := s.Reports()
		if err != nil {
			t.Fatal(err)
		}
		var want []uint
		for _, r := range reps {
			if !s.Today().Before(r.NextDue) {
				want = append(want, r.ID)
			}
		}
		v, err := s.TodayView(time.Monday)
		if err != nil {
			t.Fatal(err)
		}
		var got []uint
		for _, r := range v.Due {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%v: Today lists %v due, Reports %v", s.Now(), got, want)
		}
	}
}

// A centre that has met no one yet has everyone due: Today keeps the first
// TodayShown by name and counts them all.
func TestTodayKeepsTheFirstDueAndCountsAll(t *testing.T) {
	s := newTestStore(t)
	var rows []*RosterEntry
	for i := range TodayShown + 12 {
		rows = append(rows, &RosterEntry{Line: i + 2, Person: Person{Name: fmt.Sprintf("Agent %03d", i), Team: "Chat"}})
	}
	if _, err := s.ImportPeople(rows, nil); err != nil {
		t.Fatal(err)
	}
	v, err := s.TodayView(time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Due) != TodayShown || v.DueToday != TodayShown+12 || v.Overdue != 0 {
		t.Errorf("Today keeps %d and counts %d due, %d overdue; want %d kept of %d due", len(v.Due), v.DueToday, v.Overdue, TodayShown, TodayShown+12)
	}
	if cap(v.Due) != TodayShown {
		t.Errorf("Today holds room for %d reports, want only the %d it keeps", cap(v.Due), TodayShown)
	}
	if got := v.NotificationText(); got != fmt.Sprintf("%d one-on-ones due today.", TodayShown+12) {
		t.Errorf("notification %q", got)
	}
}
