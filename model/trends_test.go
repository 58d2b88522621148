package model

import (
	"testing"
	"time"
)

func TestTeamPulse(t *testing.T) {
	s := newTestStore(t)
	chat := Person{Name: "A", Team: "Chat"}
	phone := Person{Name: "B", Team: "Phone"}
	loner := Person{Name: "C"}
	for _, p := range []*Person{&chat, &phone, &loner} {
		if err := s.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	rate := func(p Person, ago int, r int) {
		o := mustStart(t, s, p.ID, fixedNow.Add(-time.Duration(ago)*day))
		o.PulseRating = r
		if err := s.SaveOneOnOne(&o); err != nil {
			t.Fatal(err)
		}
	}
	rate(chat, 1, 4)
	rate(phone, 2, 2)
	rate(phone, 3, 5) // same week: average 3.5
	rate(chat, 9, 2)  // the week before
	rate(loner, 1, 3)
	rate(chat, 200, 1) // outside the window
	series, err := s.TeamPulse(4)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]float64{}
	for _, sr := range series {
		for _, p := range sr.Points {
			got[sr.Name] = append(got[sr.Name], p.Value)
		}
	}
	if len(series) != 3 || len(got["Chat"]) != 2 || got["Chat"][0] != 2 || got["Chat"][1] != 4 || got["Phone"][0] != 3.5 || got["No team"][0] != 3 {
		t.Errorf("team pulse = %v", got)
	}
}

func TestCohortProgress(t *testing.T) {
	s := newTestStore(t)
	c, _ := cohortFixture(t, s)
	b, _ := s.CohortBoard(c.ID)
	m := b.Rows[0].Phases[0].Milestones[0]
	for _, r := range b.Rows {
		if err := s.SetCompletion(r.ID, m.ID, true, NewDate(2026, 3, 6), nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	pts, err := s.CohortProgress(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Started Mon 2 March; today Tue 10 March: the first day, week one's
	// end on Sun 8, then today.
	if len(pts) != 3 || pts[0].At.Format("2006-01-02") != "2026-03-02" || pts[1].At.Format("2006-01-02") != "2026-03-08" ||
		pts[2].At.Format("2006-01-02") != "2026-03-10" {
		t.Fatalf("points = %+v", pts)
	}
	if want := 3.0 / 39; pts[0].Value != 0 || pts[1].Value != want || pts[2].Value != want {
		t.Errorf("progress = %v, want 0 then %v", pts, want)
	}
}
