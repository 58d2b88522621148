package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"solemate/model"
)

// awkwardDays are the days a calendar bug likes: month and year ends, the
// first days of a month (two demo cohorts then start in the month before),
// a leap day, weekends and the days clocks change in Europe and America.
var awkwardDays = []model.Date{
	model.NewDate(2026, 12, 5), model.NewDate(2026, 12, 31), model.NewDate(2027, 1, 1), model.NewDate(2027, 2, 6),
	model.NewDate(2027, 3, 14), model.NewDate(2027, 3, 28), model.NewDate(2027, 10, 31), model.NewDate(2027, 11, 7),
	model.NewDate(2028, 2, 28), model.NewDate(2028, 2, 29), model.NewDate(2028, 3, 1), model.NewDate(2028, 4, 30),
}

// The demo works as of every day of two years, a leap year among them, and
// with two years of history as of every sixth day (every weekday in turn)
// and every awkward day: a long history runs the same rules, more often.
// Each day runs on a copy of one empty database, on as many goroutines as
// there are processors, so the sweep stays quick.
func TestDemoWorksEveryDay(t *testing.T) {
	if os.Getenv(model.TodayEnv) != "" {
		t.Skip("the sweep sets its own days; make test runs it once, without " + model.TodayEnv)
	}
	var days, long []model.Date
	i := 0
	for d := model.NewDate(2027, 1, 1); d.Before(model.NewDate(2029, 1, 1)); d = d.AddDays(1) {
		days = append(days, d)
		if i%6 == 0 {
			long = append(long, d)
		}
		i++
	}
	days = append(days, awkwardDays...)
	long = append(long, awkwardDays...)
	var runs []Options
	for i, d := range days {
		people := 20 // the fewest that make cohorts
		if i%4 == 0 {
			people = 40 // enough for a hire who takes the offer to leave
		}
		runs = append(runs, Options{People: people, Seed: 3, Today: d})
	}
	for _, d := range long {
		runs = append(runs, Options{People: 20, Years: 2, Seed: 5, Today: d})
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	s, err := model.Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	shards := min(runtime.GOMAXPROCS(0), 4)
	for n := range shards {
		t.Run(fmt.Sprintf("shard %d", n), func(t *testing.T) {
			t.Parallel()
			for i := n; i < len(runs); i += shards {
				o := runs[i]
				if err := demoAsOf(t, empty, o); err != nil {
					t.Errorf("demo --years %d as of %s (%s): %v", o.Years, o.Today, o.Today.Time().Weekday(), err)
				}
			}
		})
	}
}

// demoAsOf runs the demo as of o.Today on a copy of the empty database, and
// checks what it made.
func demoAsOf(t *testing.T, empty string, o Options) error {
	dir, err := os.MkdirTemp(t.TempDir(), "")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, model.FileName)
	if err := copyFile(empty, path); err != nil {
		return err
	}
	s, db := openTestStore(t, path)
	defer closeTestStore(t, s, db)
	day := o.Today.Time()
	now := time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, time.Local)
	s.Now = func() time.Time { return now }
	res, err := Generate(s, o)
	if err != nil {
		return err
	}
	return checkDemo(s, db, res, o)
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}

func checkDemo(s *model.Store, db *gorm.DB, res Result, o Options) error {
	var problems []string
	if res.People != o.People || res.Cohorts < 3 || res.OneOnOnes == 0 || res.Sessions == 0 {
		problems = append(problems, "made "+res.String())
	}
	today := o.Today
	var future, early, late, weekend int64
	midnight := time.Date(today.Time().Year(), today.Time().Month(), today.Time().Day(), 0, 0, 0, 0, time.Local)
	for _, q := range []struct {
		n *int64
		q *gorm.DB
	}{
		{&future, db.Model(&model.OneOnOne{}).Where("held_at >= ?", midnight.UTC())},
		{&early, db.Table("one_on_ones o").Joins("JOIN people p ON p.id = o.person_id").Where("o.held_at < p.start_date")},
		{&late, db.Table("one_on_ones o").Joins("JOIN cohort_hires h ON h.person_id = o.person_id").
			Where("h.status = ? AND o.held_at > h.offered_on", model.HireTookOffer)},
	} {
		if err := q.q.Count(q.n).Error; err != nil {
			return err
		}
	}
	var held []time.Time
	db.Model(&model.OneOnOne{}).Pluck("held_at", &held)
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
			problems = append(problems, fmt.Sprintf("cohort %s starts %s (%s), phase %q", c.Name, c.StartDate, c.StartDate.Time().Weekday(), c.PhaseName))
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
	if err := foreignKeysHold(db); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return nil
}

// foreignKeysHold checks every row's references.
func foreignKeysHold(db *gorm.DB) error {
	var bad []map[string]any
	if err := db.Raw("PRAGMA foreign_key_check").Scan(&bad).Error; err != nil {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d rows point at nothing, first %v", len(bad), bad[0])
	}
	return nil
}
