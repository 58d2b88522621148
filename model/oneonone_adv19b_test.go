package model

import (
	"testing"
	"time"
)

// Adversary #19b: MetOn takes a day's midnight with time.Date, which on a
// day whose clocks spring forward at midnight (Chile, Cuba, Lebanon…) does
// not exist: Go gives 23:00 of the day before, and the day MetOn searches
// runs from 23:00 the evening before to 23:00. A one-on-one held late that
// evening is not found ("Already met today" is not asked), and one held
// late the evening before is taken for today's.
func TestAdvMetOnWhenMidnightIsSkipped(t *testing.T) {
	was := time.Local
	t.Cleanup(func() { time.Local = was })
	for _, tt := range []struct {
		zone string
		day  Date // clocks go from 00:00 to 01:00
	}{{"America/Santiago", NewDate(2026, 9, 6)}, {"America/Havana", NewDate(2026, 3, 8)}} {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Skip(err)
		}
		time.Local = loc
		y, m, d := tt.day.Time().Date()
		s := newTestStore(t)
		p := addPerson(t, s, "Amara Okafor")
		eve := mustStart(t, s, p.ID, time.Date(y, m, d-1, 23, 30, 0, 0, loc))
		if got := DateOf(eve.HeldAt.Local()); got != tt.day.AddDays(-1) {
			t.Fatalf("%s: held %s", tt.zone, got)
		}
		if id, err := s.MetOn(p.ID, tt.day); err != nil || id != 0 {
			t.Errorf("%s: a one-on-one at 23:30 on %s counts as met on %s (%d, %v)", tt.zone, tt.day.AddDays(-1), tt.day, id, err)
		}
		late := mustStart(t, s, p.ID, time.Date(y, m, d, 23, 30, 0, 0, loc))
		if id, err := s.MetOn(p.ID, tt.day); err != nil || id != late.ID {
			t.Errorf("%s: a one-on-one at 23:30 on %s is not found that day (%d, %v)", tt.zone, tt.day, id, err)
		}
	}
}
