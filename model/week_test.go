package model

import (
	"errors"
	"testing"
	"time"
)

func weekOf(days ...time.Weekday) WorkWeek {
	w := DefaultWorkWeek()
	w.Days = [7]bool{}
	for _, d := range days {
		w.Days[d] = true
	}
	return w
}

func TestDueAfterFallsOnAWorkingDay(t *testing.T) {
	monFri := weekOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
	tueThu := weekOf(time.Tuesday, time.Thursday)
	tests := []struct {
		name       string
		c          Cadence
		week       WorkWeek
		held, want string
	}{
		{"a working day stays", CadenceWeekly, monFri, "2026-03-06", "2026-03-13"},
		{"Saturday moves to Monday", CadenceWeekly, monFri, "2026-03-07", "2026-03-16"},
		{"Sunday moves to Monday", CadenceBiweekly, monFri, "2026-03-08", "2026-03-23"},
		{"Tue/Thu: Monday moves to Tuesday", CadenceWeekly, tueThu, "2026-03-09", "2026-03-17"},
		{"Tue/Thu: Friday moves to Tuesday", CadenceWeekly, tueThu, "2026-03-13", "2026-03-24"},
		{"Tue/Thu: Wednesday moves to Thursday", CadenceBiweekly, tueThu, "2026-03-11", "2026-03-26"},
		{"month end on a Saturday moves into March", CadenceMonthly, monFri, "2026-01-31", "2026-03-02"},
		{"the 30th on a Saturday moves into June", CadenceMonthly, monFri, "2026-04-30", "2026-06-01"},
		{"Tue/Thu: month end", CadenceMonthly, tueThu, "2026-02-27", "2026-03-31"},
		{"across the year end", CadenceWeekly, monFri, "2026-12-26", "2027-01-04"},
		{"a weekend worker keeps Saturday", CadenceWeekly, weekOf(time.Saturday), "2026-03-07", "2026-03-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := ParseDate(tt.held)
			held := time.Date(d.Time().Year(), d.Time().Month(), d.Time().Day(), 12, 0, 0, 0, time.Local)
			got := tt.c.DueAfter(held, tt.week)
			if got.String() != tt.want {
				t.Errorf("%s after %s = %s (%s), want %s", tt.c, tt.held, got, got.Time().Weekday(), tt.want)
			}
		})
	}
}

func TestWorkWeekValidationNamesTheField(t *testing.T) {
	ok := DefaultWorkWeek()
	ok.TimeZone = "Europe/Berlin"
	tests := []struct {
		name  string
		edit  func(*WorkWeek)
		field string
	}{
		{"no day", func(w *WorkWeek) { w.Days = [7]bool{} }, "days"},
		{"start past midnight", func(w *WorkWeek) { w.Start = 24 * time.Hour }, "start"},
		{"start with seconds", func(w *WorkWeek) { w.Start = 10*time.Hour + time.Second }, "start"},
		{"too short", func(w *WorkWeek) { w.Length = time.Minute }, "length"},
		{"too long", func(w *WorkWeek) { w.Length = 9 * time.Hour }, "length"},
		{"no zone", func(w *WorkWeek) { w.TimeZone = "" }, "time zone"},
		{"Go's Local", func(w *WorkWeek) { w.TimeZone = "Local" }, "time zone"},
		{"a typo", func(w *WorkWeek) { w.TimeZone = "Europe/Berln" }, "time zone"},
	}
	if err := ok.Validate(); err != nil {
		t.Fatalf("the default week is refused: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ok
			tt.edit(&w)
			var v *ValidationError
			if err := w.Validate(); !errors.As(err, &v) || v.For(tt.field) == "" || len(v.Problems) != 1 {
				t.Errorf("Validate() = %v, want one problem with %s", err, tt.field)
			}
		})
	}
}

func TestWorkWeekIsKeptPerUser(t *testing.T) {
	t.Setenv("TZ", "America/New_York")
	s := newTestStore(t)
	w, err := s.WorkWeek()
	if err != nil {
		t.Fatal(err)
	}
	if w != weekOf(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday) || w.Start != 10*time.Hour ||
		w.Length != 30*time.Minute || w.TimeZone != "America/New_York" {
		t.Errorf("default week = %+v", w)
	}
	mine := weekOf(time.Tuesday, time.Thursday)
	mine.Start, mine.Length, mine.TimeZone = 14*time.Hour+30*time.Minute, 45*time.Minute, "Asia/Tokyo"
	if err := s.SetWorkWeek(mine); err != nil {
		t.Fatal(err)
	}
	if got, err := s.WorkWeek(); err != nil || got != mine {
		t.Errorf("read back %+v, %v; want %+v", got, err, mine)
	}
	bad := mine
	bad.Days = [7]bool{}
	if err := s.SetWorkWeek(bad); err == nil {
		t.Error("a week without days was stored")
	}
	// A stored field that no longer holds (a zone since renamed, a hand
	// edit) takes its default; the others stay.
	if err := s.SetUserSetting(settingWorkWeek, `{"days":["Tue","Thu"],"start":"25:00","length_minutes":45,"time_zone":"Mars/Base"}`); err != nil {
		t.Fatal(err)
	}
	got, err := s.WorkWeek()
	if err != nil || got.Days != mine.Days || got.Start != 10*time.Hour || got.Length != mine.Length || got.TimeZone != "America/New_York" {
		t.Errorf("half-broken setting read as %+v, %v", got, err)
	}
}

func TestReportsAreDueOnWorkingDays(t *testing.T) {
	s := newTestStore(t) // today is Tuesday 10 March 2026
	met := addPerson(t, s, "Met On Saturday")
	if _, err := s.StartOneOnOne(met.ID, time.Date(2026, 3, 7, 11, 0, 0, 0, time.Local), MeetingSettingDesk); err != nil {
		t.Fatal(err)
	}
	addPerson(t, s, "Never Met")
	thursdays := weekOf(time.Thursday)
	if err := s.SetWorkWeek(thursdays); err != nil {
		t.Fatal(err)
	}
	reps, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	due := map[string]string{}
	for _, r := range reps {
		due[r.Name] = r.NextDue.String()
	}
	// Saturday 14 March moves to Thursday 19; someone never met is due on
	// the first working day from today, Thursday 12.
	if due["Met On Saturday"] != "2026-03-19" || due["Never Met"] != "2026-03-12" {
		t.Errorf("due dates %v", due)
	}
}

func TestUsualTimes(t *testing.T) {
	s := newTestStore(t)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	utc := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name string
		held []time.Time
		want time.Duration // in Berlin
	}{
		{"one meeting", []time.Time{utc(3, 3, 9, 0)}, 10 * time.Hour},
		// 09:00 UTC is 10:00 in Berlin in winter and 11:00 in summer.
		{"the clock on the wall, not UTC", []time.Time{utc(1, 6, 13, 0), utc(1, 13, 13, 0), utc(2, 3, 8, 0)}, 14 * time.Hour},
		{"a tie goes to the latest", []time.Time{utc(2, 3, 8, 0), utc(2, 10, 13, 0)}, 14 * time.Hour},
		{"only the last five count", []time.Time{utc(1, 6, 8, 0), utc(1, 13, 8, 0), utc(1, 20, 8, 0),
			utc(1, 27, 13, 30), utc(2, 3, 13, 30), utc(2, 10, 13, 30), utc(2, 17, 8, 0), utc(2, 24, 8, 0)}, 14*time.Hour + 30*time.Minute},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := addPerson(t, s, tt.name)
			for _, at := range tt.held {
				if _, err := s.StartOneOnOne(p.ID, at, MeetingSettingDesk); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.UsualTimes(berlin)
			if err != nil || got[p.ID].At != tt.want {
				t.Errorf("usual time %s, %v; want %s", ClockText(got[p.ID].At), err, ClockText(tt.want))
			}
		})
	}
}
