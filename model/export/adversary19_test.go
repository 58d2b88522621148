package export

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Adversary 19: a VTIMEZONE is worked out for ten years from the first
// event, and only clock changes that fit "the Nth (or last) weekday of a
// month" become a yearly RULE; the series' RRULE runs on for good. Zones
// whose changes follow a yearly rule of another shape (Asia/Jerusalem:
// the Friday on or after the 23rd of March; America/Santiago: the first
// Sunday on or after the 2nd; Africa/Cairo: the day after the last
// Thursday of October) are written change by change for the ten years,
// and after them the last offset holds: every summer meeting from then on
// is an hour off in the calendar program. This evaluates the VTIMEZONE as a
// calendar program does and compares it with Go's zone a few years on.
func TestAdv19TimeZoneHoldsAfterTenYears(t *testing.T) {
	first := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, name := range []string{"Europe/Berlin", "America/New_York", "Asia/Jerusalem", "America/Santiago", "Africa/Cairo"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := vtimezone(loc, first.In(loc))
		for _, at := range []time.Time{time.Date(2030, 7, 1, 12, 0, 0, 0, time.UTC), time.Date(2040, 7, 1, 12, 0, 0, 0, time.UTC), time.Date(2040, 1, 15, 12, 0, 0, 0, time.UTC)} {
			_, want := at.In(loc).Zone()
			if got := offsetAt(t, lines, at); got != want {
				t.Errorf("%s on %s: the VTIMEZONE gives UTC%+.1fh, the zone UTC%+.1fh", name, at.Format("2006-01-02"), float64(got)/3600, float64(want)/3600)
			}
		}
	}
}

// offsetAt reads a VTIMEZONE (as vtimezone writes it: DTSTART, TZOFFSETFROM,
// TZOFFSETTO, optional FREQ=YEARLY;BYMONTH=M;BYDAY=nDD) and gives the offset
// in force at instant at: that of the latest onset before it.
func offsetAt(t *testing.T, lines []string, at time.Time) int {
	t.Helper()
	type obs struct {
		start    time.Time // local wall clock, as UTC fields
		from, to int
		rule     string
	}
	var all []obs
	var cur *obs
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		switch k {
		case "BEGIN":
			if v == "STANDARD" || v == "DAYLIGHT" {
				cur = &obs{}
			}
		case "END":
			if cur != nil && (v == "STANDARD" || v == "DAYLIGHT") {
				all = append(all, *cur)
				cur = nil
			}
		case "DTSTART":
			cur.start, _ = time.Parse("20060102T150405", v)
		case "TZOFFSETFROM":
			cur.from = parseOffset(t, v)
		case "TZOFFSETTO":
			cur.to = parseOffset(t, v)
		case "RRULE":
			cur.rule = v
		}
	}
	days := map[string]time.Weekday{"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}
	best, bestOff := time.Time{}, 0
	consider := func(onset time.Time, o obs) { // onset: wall clock before the change
		inst := onset.Add(-time.Duration(o.from) * time.Second)
		if !inst.After(at) && inst.After(best) {
			best, bestOff = inst, o.to
		}
	}
	for _, o := range all {
		consider(o.start, o)
		if o.rule == "" {
			continue
		}
		var month, n int
		var wd string
		for _, part := range strings.Split(o.rule, ";") {
			k, v, _ := strings.Cut(part, "=")
			switch k {
			case "BYMONTH":
				month, _ = strconv.Atoi(v)
			case "BYDAY":
				n, _ = strconv.Atoi(v[:len(v)-2])
				wd = v[len(v)-2:]
			}
		}
		for y := o.start.Year() + 1; y <= at.Year(); y++ {
			var d time.Time
			if n > 0 {
				d = time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
				for d.Weekday() != days[wd] {
					d = d.AddDate(0, 0, 1)
				}
				d = d.AddDate(0, 0, 7*(n-1))
			} else {
				d = time.Date(y, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
				for d.Weekday() != days[wd] {
					d = d.AddDate(0, 0, -1)
				}
				d = d.AddDate(0, 0, 7*(n+1))
			}
			consider(time.Date(y, d.Month(), d.Day(), o.start.Hour(), o.start.Minute(), o.start.Second(), 0, time.UTC), o)
		}
	}
	if best.IsZero() {
		t.Fatalf("no observance before %s", at)
	}
	return bestOff
}
