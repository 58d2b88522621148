package export

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"solemate/model"
)

func TestRRule(t *testing.T) {
	day := func(s string) time.Time { d, _ := model.ParseDate(s); return d.Time() }
	tests := []struct {
		c     model.Cadence
		start string
		want  string
	}{
		{model.CadenceWeekly, "2026-03-03", "FREQ=WEEKLY"},
		{model.CadenceBiweekly, "2026-03-03", "FREQ=WEEKLY;INTERVAL=2"},
		{model.CadenceMonthly, "2026-03-03", "FREQ=MONTHLY;BYDAY=1TU"},
		{model.CadenceMonthly, "2026-03-10", "FREQ=MONTHLY;BYDAY=2TU"},
		{model.CadenceMonthly, "2026-03-27", "FREQ=MONTHLY;BYDAY=4FR"},
		// A fifth weekday is not in every month: the last one is.
		{model.CadenceMonthly, "2026-03-30", "FREQ=MONTHLY;BYDAY=-1MO"},
		{model.CadenceMonthly, "2026-07-31", "FREQ=MONTHLY;BYDAY=-1FR"},
	}
	for _, tt := range tests {
		if got := rrule(tt.c, day(tt.start)); got != tt.want {
			t.Errorf("rrule(%s, %s) = %s, want %s", tt.c, tt.start, got, tt.want)
		}
	}
}

func TestICSValues(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{icsDuration(30 * time.Minute), "PT30M"},
		{icsDuration(time.Hour), "PT1H"},
		{icsDuration(90 * time.Minute), "PT1H30M"},
		{utcOffset(3600), "+0100"},
		{utcOffset(-5*3600 - 1800), "-0530"},
		{utcOffset(12*3600 + 45*60), "+1245"},
		{utcOffset(-(17*60 + 30)), "-001730"},
		{utcOffset(0), "+0000"},
		{paramText(`Ana "the ^ boss"`), `"Ana ^'the ^^ boss^'"`},
		{paramText("Ana\nB"), `"Ana^nB"`},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	for _, tt := range []struct {
		email, want string
		ok          bool
	}{
		{"amara@example.com", "mailto:amara@example.com", true},
		{"a+b@example.com", "mailto:a+b@example.com", true},
		{"", "", false},
		{"not an email", "", false},
		{"a/b?c@example.com", "mailto:a%2Fb%3Fc@example.com", true},
	} {
		if got, ok := mailto(tt.email); got != tt.want || ok != tt.ok {
			t.Errorf("mailto(%q) = %q, %v", tt.email, got, ok)
		}
	}
}

// readObservance is a STANDARD or DAYLIGHT part of a VTIMEZONE as a calendar
// program reads it.
type readObservance struct {
	start    string // DTSTART, local time before the change
	from, to int
	rule     string
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) == 7 {
		sec, _ = strconv.Atoi(s[5:7])
	}
	return sign * (h*3600 + m*60 + sec)
}

// onsets expands the observances into the instants of their changes up to
// the end of year last, the way RFC 5545 reads them (only the rules this
// package writes: yearly, by month and the nth or last weekday).
func onsets(t *testing.T, obs []readObservance, last int) []readObservance {
	t.Helper()
	var out []readObservance
	for _, o := range obs {
		local, err := time.Parse("20060102T150405", o.start)
		if err != nil {
			t.Fatalf("DTSTART %q: %v", o.start, err)
		}
		at := func(l time.Time) readObservance {
			o := o
			o.start = l.Add(-time.Duration(o.from) * time.Second).UTC().Format(time.RFC3339)
			return o
		}
		if o.rule == "" {
			out = append(out, at(local))
			continue
		}
		var month, n int
		var wd string
		parts := strings.Split(o.rule, ";")
		if len(parts) != 3 || parts[0] != "FREQ=YEARLY" {
			t.Fatalf("rule %q", o.rule)
		}
		month, _ = strconv.Atoi(strings.TrimPrefix(parts[1], "BYMONTH="))
		by := strings.TrimPrefix(parts[2], "BYDAY=")
		n, _ = strconv.Atoi(by[:len(by)-2])
		wd = by[len(by)-2:]
		for y := local.Year(); y <= last; y++ {
			var days []time.Time
			for d := time.Date(y, time.Month(month), 1, local.Hour(), local.Minute(), local.Second(), 0, time.UTC); d.Month() == time.Month(month); d = d.AddDate(0, 0, 1) {
				if weekdayCodes[d.Weekday()] == wd {
					days = append(days, d)
				}
			}
			i := n - 1
			if n < 0 {
				i = len(days) + n
			}
			if !days[i].Before(local) {
				out = append(out, at(days[i]))
			}
		}
	}
	slices.SortFunc(out, func(a, b readObservance) int { return strings.Compare(a.start, b.start) })
	return out
}

// A calendar program reading the VTIMEZONE gets the offset Go's zone data
// has at every moment of the years exported, and for good where the
// changes follow a yearly rule.
func TestVTimezoneAgreesWithTheZoneData(t *testing.T) {
	first := time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		zone   string
		yearly bool // the changes are written as rules
	}{
		{"Europe/Berlin", true},
		{"America/New_York", true},
		{"Australia/Sydney", true}, // summer across the new year
		{"Europe/Dublin", true},    // winter time is tzdata's "daylight"
		{"America/St_Johns", true}, // half hours
		{"Pacific/Chatham", true},  // quarter hours
		// "the first Sunday from the 2nd" has no nth weekday: listed
		{"America/Santiago", false},
		{"Asia/Tokyo", false},
		{"Asia/Kolkata", false},
		{"Africa/Casablanca", false}, // moves with Ramadan
	} {
		t.Run(tt.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			lines := vtimezone(loc, first.In(loc))
			text := strings.Join(lines, "\n")
			if lines[0] != "BEGIN:VTIMEZONE" || lines[1] != "TZID:"+tt.zone || lines[len(lines)-1] != "END:VTIMEZONE" {
				t.Fatalf("VTIMEZONE:\n%s", text)
			}
			if strings.Contains(text, "RRULE") != tt.yearly {
				t.Errorf("written with rules: %v, want %v:\n%s", !tt.yearly, tt.yearly, text)
			}
			var obs []readObservance
			var cur *readObservance
			for _, l := range lines[2 : len(lines)-1] {
				k, v, _ := strings.Cut(l, ":")
				switch k {
				case "BEGIN":
					cur = &readObservance{}
				case "DTSTART":
					cur.start = v
				case "TZOFFSETFROM":
					cur.from = parseOffset(t, v)
				case "TZOFFSETTO":
					cur.to = parseOffset(t, v)
				case "RRULE":
					cur.rule = v
				case "END":
					obs = append(obs, *cur)
				}
			}
			last := first.Year() + zoneYears - 1
			if tt.yearly {
				last = first.Year() + 30
			}
			changes := onsets(t, obs, last)
			end := time.Date(last+1, 1, 1, 0, 0, 0, 0, time.UTC)
			for at := time.Date(first.Year(), 1, 1, 0, 0, 0, 0, time.UTC); at.Before(end); at = at.Add(5 * time.Hour) {
				i, _ := slices.BinarySearchFunc(changes, at.Format(time.RFC3339), func(o readObservance, s string) int {
					if o.start <= s {
						return -1
					}
					return 1
				})
				if i == 0 {
					t.Fatalf("no readObservance covers %s:\n%s", at, text)
				}
				if _, want := at.In(loc).Zone(); changes[i-1].to != want {
					t.Fatalf("at %s the VTIMEZONE says %s, the zone %s:\n%s", at, utcOffset(changes[i-1].to), utcOffset(want), text)
				}
			}
		})
	}
}
