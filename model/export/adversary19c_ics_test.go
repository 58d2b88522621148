package export_test

import (
	"testing"
	"time"

	"solemate/model/storetest"
)

// adv19c: two people who usually meet late on Mondays (23:53, rounded to
// the quarter hour and kept before midnight: 23:45). A 30-minute series at
// 23:45 does not end by midnight, so book tries no slot at all on any day
// and takes the usual day "anyway", for both: two weekly series start at
// the same moment, which the README promises never happens ("never
// clashing with another series on the same weekday").
func TestAdv19cLateUsualTimesNeverClash(t *testing.T) {
	loc := berlin(t)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	s := storetest.New(t)
	setWeek(t, s, 30*time.Minute)
	for _, n := range []string{"Late A", "Late B"} {
		p := storetest.AddPerson(t, s, n)
		storetest.Start(t, s, p.ID, at(2026, 2, 23, 23, 53))
		storetest.Start(t, s, p.ID, at(2026, 3, 2, 23, 53))
	}
	s.Now = func() time.Time { return at(2026, 3, 14, 12, 0) }
	text := exportICS(t, s)
	got := firstStarts(t, text, loc)
	if got["Late A"] == "" || got["Late A"] == got["Late B"] {
		t.Errorf("two weekly series start at the same moment: %v\n%s", got, text)
	}
}

// adv19c: two people usually on Mondays at 17:00, hour-long meetings, the
// working day 10:00–18:00. The second is moved "a little later that day"
// to 18:00: an hour wholly after the working day, where Tuesday at 17:00
// (its usual time, a working day) is free. A move for a clash stays in the
// working day while a working day has room.
func TestAdv19cClashMovesNoSeriesPastTheWorkingDay(t *testing.T) {
	loc := berlin(t)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	s := storetest.New(t)
	setWeek(t, s, time.Hour)
	for _, n := range []string{"Five A", "Five B"} {
		p := storetest.AddPerson(t, s, n)
		storetest.Start(t, s, p.ID, at(2026, 3, 2, 17, 0))
	}
	s.Now = func() time.Time { return at(2026, 3, 14, 12, 0) }
	text := exportICS(t, s)
	got := firstStarts(t, text, loc)
	for n, start := range got {
		st, err := time.ParseInLocation("Mon 2006-01-02 15:04", start, loc)
		if err != nil {
			t.Fatal(err)
		}
		if end := st.Add(time.Hour); end.Hour() > 18 || end.Hour() == 18 && end.Minute() > 0 {
			t.Errorf("%s booked %s, ending %s: past the working day (10:00–18:00)", n, start, end.Format("15:04"))
		}
	}
}
