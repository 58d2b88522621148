package model

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// awkwardDays are the days a calendar bug likes: month and year ends, the
// first days of a month (two demo cohorts then start in the month before),
// a leap day, weekends and the days clocks change in Europe and America.
var awkwardDays = []Date{
	NewDate(2026, 12, 5), NewDate(2026, 12, 31), NewDate(2027, 1, 1), NewDate(2027, 2, 6),
	NewDate(2027, 3, 14), NewDate(2027, 3, 28), NewDate(2027, 10, 31), NewDate(2027, 11, 7),
	NewDate(2028, 2, 28), NewDate(2028, 2, 29), NewDate(2028, 3, 1), NewDate(2028, 4, 30),
}

// The demo works as of every day of two years, a leap year among them, and
// with two years of history as of every sixth day (every weekday in turn)
// and every awkward day: a long history runs the same rules, more often.
// Each day runs in a transaction that is rolled back, on as many stores as
// there are processors, so the sweep stays quick.
func TestDemoWorksEveryDay(t *testing.T) {
	if os.Getenv(TodayEnv) != "" {
		t.Skip("the sweep sets its own days; make test runs it once, without " + TodayEnv)
	}
	var days, long []Date
	if testServer == "" {
		i := 0
		for d := NewDate(2027, 1, 1); d.Before(NewDate(2029, 1, 1)); d = d.AddDays(1) {
			days = append(days, d)
			if i%6 == 0 {
				long = append(long, d)
			}
			i++
		}
	}
	days = append(days, awkwardDays...)
	long = append(long, awkwardDays...)
	var runs []DemoOptions
	for i, d := range days {
		people := 20 // the fewest that make cohorts
		if i%4 == 0 {
			people = 40 // enough for a hire who takes the offer to leave
		}
		runs = append(runs, DemoOptions{People: people, Seed: 3, Today: d})
	}
	for _, d := range long {
		runs = append(runs, DemoOptions{People: 20, Years: 2, Seed: 5, Today: d})
	}
	shards := min(runtime.GOMAXPROCS(0), 4)
	for n := range shards {
		t.Run(fmt.Sprintf("shard %d", n), func(t *testing.T) {
			t.Parallel()
			s := newTestStore(t)
			for i := n; i < len(runs); i += shards {
				o := runs[i]
				if err := demoAsOf(s, o); err != nil {
					t.Errorf("demo --years %d as of %s (%s): %v", o.Years, o.Today, o.Today.t.Weekday(), err)
				}
			}
		})
	}
}

// demoAsOf runs the demo as of o.Today in a transaction it rolls back, and
// checks what it made.
func demoAsOf(s *Store, o DemoOptions) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	now := time.Date(o.Today.t.Year(), o.Today.t.Month(), o.Today.t.Day(), 17, 0, 0, 0, time.Local)
	ts := &Store{db: tx, d: s.d, Now: func() time.Time { return now }}
	res, err := ts.Demo(o)
	if err != nil {
		return err
	}
	return checkDemo(ts, res, o)
}

func checkDemo(s *Store, res DemoResult, o DemoOptions) error {
	var problems []string
	if res.People != o.People || res.Cohorts < 3 || res.OneOnOnes == 0 || res.Sessions == 0 {
		problems = append(problems, "made "+res.String())
	}
	today := o.Today
	var future, early, late, weekend int64
	midnight := time.Date(today.t.Year(), today.t.Month(), today.t.Day(), 0, 0, 0, 0, time.Local)
	for _, q := range []struct {
		n *int64
		q *gorm.DB
	}{
		{&future, s.db.Model(&OneOnOne{}).Where("held_at >= ?", midnight.UTC())},
		{&early, s.db.Table("one_on_ones o").Joins("JOIN people p ON p.id = o.person_id").Where("o.held_at < p.start_date")},
		{&late, s.db.Table("one_on_ones o").Joins("JOIN cohort_hires h ON h.person_id = o.person_id").
			Where("h.status = ? AND o.held_at > h.offered_on", HireTookOffer)},
	} {
		if err := q.q.Count(q.n).Error; err != nil {
			return err
		}
	}
	var held []time.Time
	s.db.Model(&OneOnOne{}).Pluck("held_at", &held)
	for _, h := range held {
		if wd := h.Local().Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		}
	}
	if future+early+late+weekend > 0 {
		problems = append(problems, fmt.Sprintf("%d one-on-ones today or later, %d before the person started, %d after they took the offer to leave, %d at a weekend",
			future, early, late, weekend))
	}
	cohorts, err := s.Cohorts()
	if err != nil {
		return err
	}
	names := map[string]bool{}
	running := 0
	for _, c := range cohorts {
		names[c.Name] = true
		if c.StartDate.Time().Weekday() != time.Monday || today.Before(c.StartDate) && !strings.HasPrefix(c.PhaseName, "Starts ") {
			problems = append(problems, fmt.Sprintf("cohort %s starts %s (%s), phase %q", c.Name, c.StartDate, c.StartDate.t.Weekday(), c.PhaseName))
		}
		if c.PhaseName != "Finished" {
			running++
		}
		if _, err := s.CohortBoard(c.ID); err != nil {
			return err
		}
	}
	if len(names) != len(cohorts) || running < 2 {
		problems = append(problems, fmt.Sprintf("%d cohorts, %d names, %d running", len(cohorts), len(names), running))
	}
	if err := foreignKeysHold(s.db); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// foreignKeysHold checks every row's references (SQLite; the server
// enforces them as rows are written).
func foreignKeysHold(db *gorm.DB) error {
	if isPostgres(db) {
		return nil
	}
	var bad []map[string]any
	if err := db.Raw("PRAGMA foreign_key_check").Scan(&bad).Error; err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d rows point at nothing, first %v", len(bad), bad[0])
	}
	return nil
}
