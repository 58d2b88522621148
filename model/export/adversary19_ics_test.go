package export_test

import (
	"fmt"
	"testing"
	"time"

	"solemate/model/storetest"
)

// Adversary 19: people never met are due today, and the calendar books
// them a few hours a day from the week's start; once those hours of every
// working day are taken (40 weekly series: 8 a day, Monday to Friday),
// each further person is pushed a week or more past the one before, not to
// a free hour of the week. A centre of 60 (Grace before she says who she
// is, a trainer's cohort of 30 beside a team) gets series whose first
// meeting is half a year away, and 4,000 (an imported roster) as far as
// the year 2136, though every one of them is due today.
func TestAdv19CalendarBooksEveryoneDueTodaySoon(t *testing.T) {
	loc := berlin(t)
	s := storetest.New(t)
	now := time.Date(2026, 3, 9, 8, 0, 0, 0, loc) // a Monday morning
	s.Now = func() time.Time { return now }
	setWeek(t, s, 30*time.Minute)
	for i := range 60 {
		storetest.AddPerson(t, s, fmt.Sprintf("New %02d", i))
	}
	starts := firstStarts(t, exportICS(t, s), loc)
	if len(starts) != 60 {
		t.Fatalf("%d series, want 60", len(starts))
	}
	limit := now.AddDate(0, 0, 14)
	late := 0
	var latest string
	for name, st := range starts {
		at, err := time.ParseInLocation("Mon 2006-01-02 15:04", st, loc)
		if err != nil {
			t.Fatal(err)
		}
		if at.After(limit) {
			late++
			if st[4:] > latest {
				latest = st[4:] + " (" + name + ")"
			}
		}
	}
	if late > 0 {
		t.Errorf("%d of 60 people due today get a weekly series starting more than two weeks on, the last on %s", late, latest)
	}
}
