package export

import (
	"fmt"
	"time"
)

// zoneYears is how many years from the first event a VTIMEZONE is worked
// out for: enough to see that a zone's clock changes follow a yearly rule,
// which then carries the series on for good.
const zoneYears = 10

// transition is one change of a zone's offset.
type transition struct {
	at       time.Time // the instant, UTC
	from, to int       // offsets east of UTC, in seconds
	name     string    // the abbreviation from then on
	dst      bool
}

// transitions lists loc's offset changes between two instants.
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	offset := func(t time.Time) int { _, o := t.In(loc).Zone(); return o }
	prev := from
	for t := from.Add(24 * time.Hour); !t.After(to); t = t.Add(24 * time.Hour) {
		if offset(t) == offset(prev) {
			prev = t
			continue
		}
		// No zone changes twice in a day: find the second it changed.
		lo, hi := prev, t
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if offset(mid) == offset(lo) {
				lo = mid
			} else {
				hi = mid
			}
		}
		after := hi.In(loc)
		name, _ := after.Zone()
		out = append(out, transition{at: hi.UTC(), from: offset(lo), to: offset(hi), name: name, dst: after.IsDST()})
		prev = t
	}
	return out
}

// onset is when a change happens on the clock before it, as DTSTART says.
func (tr transition) onset() time.Time { return tr.at.In(time.FixedZone("", tr.from)) }

// yearlyRule is the RRULE that puts tr on its day every year ("the last
// Sunday of March"): the weekday's place in the month, counted from the end
// in its last week so that "last" stays last in every year.
func (tr transition) yearlyRule() string {
	on := tr.onset()
	n := (on.Day()-1)/7 + 1
	if on.Day()+7 > time.Date(on.Year(), on.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		n = -1
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", on.Month(), n, weekdayCodes[on.Weekday()])
}

var weekdayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// vtimezone is loc's VTIMEZONE (RFC 5545 3.6.5), right from a year before
// first on: the offset then, and each change after. Changes that follow a
// yearly rule in every year looked at (as most zones' summer time does) are
// written as that rule, which holds for every later year too; any others
// are written one by one, the last offset holding after them.
func vtimezone(loc *time.Location, first time.Time) []string {
	start := time.Date(first.Year()-1, time.January, 1, 0, 0, 0, 0, loc)
	trs := transitions(loc, start, start.AddDate(zoneYears+1, 0, 0))
	name, offset := start.Zone()
	lines := []string{"BEGIN:VTIMEZONE", "TZID:" + loc.String()}
	lines = append(lines, observance(start.IsDST(), start.Format("20060102T150405"), offset, offset, name, "")...)
	rules := map[string]transition{} // the first change under each rule
	var order []string
	years := map[string]map[int]bool{}
	for _, tr := range trs {
		r := tr.yearlyRule()
		key := fmt.Sprint(r, tr.onset().Format("150405"), tr.from, tr.to, tr.name, tr.dst)
		if _, ok := rules[key]; !ok {
			rules[key], years[key] = tr, map[int]bool{}
			order = append(order, key)
		}
		years[key][tr.at.Year()] = true
	}
	yearly := len(order) > 0
	for _, key := range order {
		for y := rules[key].at.Year(); y <= start.Year()+zoneYears; y++ {
			yearly = yearly && years[key][y]
		}
	}
	if yearly {
		for _, key := range order {
			tr := rules[key]
			lines = append(lines, observance(tr.dst, tr.onset().Format("20060102T150405"), tr.from, tr.to, tr.name, tr.yearlyRule())...)
		}
	} else {
		for _, tr := range trs {
			lines = append(lines, observance(tr.dst, tr.onset().Format("20060102T150405"), tr.from, tr.to, tr.name, "")...)
		}
	}
	return append(lines, "END:VTIMEZONE")
}

func observance(dst bool, start string, from, to int, name, rule string) []string {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	lines := []string{"BEGIN:" + kind, "DTSTART:" + start, "TZOFFSETFROM:" + utcOffset(from), "TZOFFSETTO:" + utcOffset(to)}
	if rule != "" {
		lines = append(lines, "RRULE:"+rule)
	}
	if name != "" {
		lines = append(lines, "TZNAME:"+icsText(name))
	}
	return append(lines, "END:"+kind)
}

// utcOffset writes an offset as RFC 5545's UTC-OFFSET: +HHMM, or +HHMMSS.
func utcOffset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
