package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// berlin is the zone the calendar tests book in: its clocks go forward on
// 29 March 2026, within the weeks exported.
func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// setWeek stores a working week in Berlin; days nil keeps Monday to Friday.
func setWeek(t *testing.T, s *model.Store, length time.Duration, days ...time.Weekday) {
	t.Helper()
	w := model.DefaultWorkWeek()
	w.TimeZone, w.Length = "Europe/Berlin", length
	if days != nil {
		w.Days = [7]bool{}
		for _, d := range days {
			w.Days[d] = true
		}
	}
	if err := s.SetWorkWeek(w); err != nil {
		t.Fatal(err)
	}
}

// exportICS exports the calendar in the working week's zone and checks its
// structure.
func exportICS(t *testing.T, s *model.Store) string {
	t.Helper()
	var out bytes.Buffer
	if err := export.Calendar(s, &out, nil); err != nil {
		t.Fatal(err)
	}
	checkICS(t, out.String())
	return out.String()
}

// checkICS checks what every calendar program relies on: CRLF lines of at
// most 75 octets, components that begin and end in order with their
// required properties, and a VTIMEZONE for every TZID used.
func checkICS(t *testing.T, text string) {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		t.Fatalf("lines must end in CRLF and nowhere else:\n%q", text)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if strings.HasPrefix(l, " ") {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	required := map[string][]string{
		"VCALENDAR": {"VERSION", "PRODID"}, "VEVENT": {"UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY"},
		"VALARM": {"ACTION", "TRIGGER", "DESCRIPTION"}, "VTIMEZONE": {"TZID"},
		"STANDARD": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"}, "DAYLIGHT": {"DTSTART", "TZOFFSETFROM", "TZOFFSETTO"},
	}
	type open struct {
		name  string
		props map[string]bool
	}
	var stack []open
	zones, usedZones := map[string]bool{}, map[string]bool{}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("not a content line: %q", l)
		}
		name, params, _ := strings.Cut(name, ";")
		switch name {
		case "BEGIN":
			stack = append(stack, open{value, map[string]bool{}})
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != value {
				t.Fatalf("END:%s does not close what is open (%v)", value, stack)
			}
			top := stack[len(stack)-1]
			for _, p := range required[value] {
				if !top.props[p] {
					t.Errorf("%s without %s", value, p)
				}
			}
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && value != "VALARM" {
				stack[len(stack)-1].props[value] = true
			}
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("%q outside VCALENDAR", l)
		}
		stack[len(stack)-1].props[name] = true
		if name == "TZID" && stack[len(stack)-1].name == "VTIMEZONE" {
			zones[value] = true
		}
		if _, tzid, ok := strings.Cut(params, "TZID="); ok {
			usedZones[strings.Split(tzid, ";")[0]] = true
		}
	}
	if len(stack) != 0 {
		t.Errorf("left open: %v", stack)
	}
	for z := range usedZones {
		if !zones[z] {
			t.Errorf("TZID=%s has no VTIMEZONE", z)
		}
	}
	if _, err := ical.NewDecoder(strings.NewReader(text)).Decode(); err != nil {
		t.Errorf("does not parse: %v", err)
	}
}

// firstStarts is each event's first start by summary, as go-ical reads it,
// in loc.
func firstStarts(t *testing.T, text string, loc *time.Location) map[string]string {
	t.Helper()
	cal, err := ical.NewDecoder(strings.NewReader(text)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range cal.Events() {
		sum, _ := e.Props.Text(ical.PropSummary)
		start, err := e.DateTimeStart(loc)
		if err != nil {
			t.Fatalf("%s: %v", sum, err)
		}
		out[strings.TrimPrefix(sum, "One-on-one with ")] = start.In(loc).Format("Mon 2006-01-02 15:04")
	}
	return out
}

func TestCalendarBooksWorkingDaysAtUsualTimes(t *testing.T) {
	loc := berlin(t)
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	for _, tt := range []struct {
		name  string
		now   time.Time
		setup func(t *testing.T, s *model.Store)
		want  map[string]string
	}{
		{
			name: "exported on a Saturday, nothing is booked on the weekend",
			now:  at(2026, 3, 14, 12, 0),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, 30*time.Minute)
				storetest.AddPerson(t, s, "New A")
				storetest.AddPerson(t, s, "New B")
				for _, n := range []string{"Overdue", "Overdue Too"} {
					late := storetest.AddPerson(t, s, n)
					storetest.Start(t, s, late.ID, at(2026, 3, 2, 14, 0))
				}
			},
			// Both usually on Mondays at 14:00: the second just after.
			want: map[string]string{"New A": "Mon 2026-03-16 10:00", "New B": "Mon 2026-03-16 10:30",
				"Overdue": "Mon 2026-03-16 14:00", "Overdue Too": "Mon 2026-03-16 14:30"},
		},
		{
			name: "a slot taken: a little later the same day",
			now:  at(2026, 3, 14, 12, 0),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, 30*time.Minute)
				for _, n := range []string{"P1", "P2", "P3", "P4", "P5", "P6"} {
					p := storetest.AddPerson(t, s, n)
					storetest.Start(t, s, p.ID, at(2026, 3, 2, 14, 0))
				}
			},
			want: map[string]string{"P1": "Mon 2026-03-16 14:00", "P2": "Mon 2026-03-16 14:30", "P3": "Mon 2026-03-16 15:00",
				"P4": "Mon 2026-03-16 15:30", "P5": "Mon 2026-03-16 16:00", "P6": "Mon 2026-03-16 16:30"},
		},
		{
			// Of all six, 09:00 and 15:00 are as common; of the last five, 15:00 is.
			name: "the usual time is the most common of the last few",
			now:  at(2026, 3, 10, 10, 30),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, 30*time.Minute)
				p := storetest.AddPerson(t, s, "Usual")
				for _, held := range []time.Time{at(2026, 1, 27, 9, 0), at(2026, 2, 3, 15, 0), at(2026, 2, 10, 9, 0),
					at(2026, 2, 17, 15, 0), at(2026, 2, 24, 15, 0), at(2026, 3, 3, 9, 0)} {
					storetest.Start(t, s, p.ID, held)
				}
			},
			want: map[string]string{"Usual": "Tue 2026-03-10 15:00"},
		},
		{
			// The series keeps its weekday: a first meeting earlier today
			// is no reason to move every later one.
			name: "a usual time already past today stays today",
			now:  at(2026, 3, 13, 10, 30),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, 30*time.Minute)
				p := storetest.AddPerson(t, s, "Early")
				storetest.Start(t, s, p.ID, at(2026, 3, 6, 9, 0))
			},
			want: map[string]string{"Early": "Fri 2026-03-13 09:00"},
		},
		{
			// Opened at odd minutes on Mondays, exported on a Monday just
			// after: Mondays at the quarter hour, not Tuesday at 17:19.
			name: "the usual weekday and a rounded time",
			now:  at(2026, 3, 9, 17, 25),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, 30*time.Minute)
				p := storetest.AddPerson(t, s, "Mondays")
				storetest.Start(t, s, p.ID, at(2026, 2, 23, 17, 21))
				storetest.Start(t, s, p.ID, at(2026, 3, 2, 17, 19))
				q := storetest.AddPerson(t, s, "Thursdays")
				storetest.Start(t, s, q.ID, at(2026, 2, 26, 9, 52))
				storetest.Start(t, s, q.ID, at(2026, 3, 3, 11, 0)) // once on a Tuesday
				storetest.Start(t, s, q.ID, at(2026, 3, 5, 10, 4))
			},
			want: map[string]string{"Mondays": "Mon 2026-03-09 17:15", "Thursdays": "Thu 2026-03-12 10:00"},
		},
		{
			name: "Tuesdays and Thursdays, an hour each: four new people a day",
			now:  at(2026, 3, 10, 9, 0),
			setup: func(t *testing.T, s *model.Store) {
				setWeek(t, s, time.Hour, time.Tuesday, time.Thursday)
				for _, n := range []string{"New 1", "New 2", "New 3", "New 4", "New 5"} {
					storetest.AddPerson(t, s, n)
				}
				p := storetest.AddPerson(t, s, "Met Friday")
				storetest.Start(t, s, p.ID, at(2026, 3, 6, 11, 0))
			},
			want: map[string]string{"New 1": "Tue 2026-03-10 10:00", "New 2": "Tue 2026-03-10 11:00", "New 3": "Tue 2026-03-10 12:00",
				// Fridays are off: due Tuesday the 17th at 11:00, where New 2
				// meets every week, so the first hour free after it.
				"New 4": "Tue 2026-03-10 13:00", "New 5": "Thu 2026-03-12 10:00", "Met Friday": "Tue 2026-03-17 14:00"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t)
			tt.setup(t, s)
			s.Now = func() time.Time { return tt.now }
			text := exportICS(t, s)
			if got := firstStarts(t, text, loc); !mapsEqual(got, tt.want) {
				t.Errorf("first meetings\n got %v\nwant %v\n%s", got, tt.want, text)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// icsEvent is an event as ical.js understood it (testdata/icaljs.mjs).
type icsEvent struct {
	Summary, Zone, Organizer string
	Starts                   []time.Time
	Seconds                  int
	Alarms, Attendees        []string
}

// icalJS reads text with ical.js, when node and ical.js are here (ICALJS
// may name its module file); the test is skipped otherwise.
func icalJS(t *testing.T, text string) []icsEvent {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node to run ical.js")
	}
	cmd := exec.Command("node", "testdata/icaljs.mjs")
	cmd.Stdin = strings.NewReader(text)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "ERR_MODULE_NOT_FOUND") && os.Getenv("ICALJS") == "" {
			t.Skip("ical.js is not installed (set ICALJS to its dist/ical.js)")
		}
		t.Fatalf("ical.js: %v\n%s", err, stderr.String())
	}
	var events []icsEvent
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatal(err)
	}
	return events
}

func TestCalendarCarriesZoneAttendeesAndReminders(t *testing.T) {
	loc := berlin(t)
	long := "Amara Okafor-Lindqvist, Großmann; née Ünal \"Ama\" von der Schule am Fluß"
	for _, tt := range []struct {
		name      string
		myEmail   string
		zone      string
		organizer string
		attendee  map[string]string
	}{
		{"me and the report known by email", "lea@example.com", "Europe/Berlin", "mailto:lea@example.com",
			map[string]string{long: "mailto:amara@example.com", "Bo": ""}},
		{"my email unknown: no one to answer to", "", "Europe/Berlin", "", map[string]string{long: "", "Bo": ""}},
		{"in UTC", "lea@example.com", "UTC", "mailto:lea@example.com", map[string]string{long: "mailto:amara@example.com", "Bo": ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t)
			s.Now = func() time.Time { return time.Date(2026, 3, 10, 9, 30, 0, 0, loc) }
			w := model.DefaultWorkWeek()
			w.TimeZone = tt.zone
			if err := s.SetWorkWeek(w); err != nil {
				t.Fatal(err)
			}
			// Lea leads the others, so she is not on her own calendar.
			me := model.Person{Name: "Lea Lead", Email: tt.myEmail}
			if err := s.SavePerson(&me); err != nil {
				t.Fatal(err)
			}
			amara := model.Person{Name: long, Email: "amara@example.com", ManagerID: &me.ID}
			for _, p := range []*model.Person{&amara, {Name: "Bo", ManagerID: &me.ID}} {
				if err := s.SavePerson(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SetMe(me.ID); err != nil {
				t.Fatal(err)
			}
			storetest.Start(t, s, amara.ID, time.Date(2026, 3, 3, 10, 0, 0, 0, loc))
			text := exportICS(t, s)
			utc := tt.zone == "UTC"
			if strings.Contains(text, "BEGIN:VTIMEZONE") == utc || strings.Contains(text, "DTSTART;TZID=Europe/Berlin:20260310T100000") == utc ||
				strings.Contains(text, "DTSTART:20260310T090000Z") != utc {
				t.Errorf("the start's zone is not %s:\n%s", tt.zone, text)
			}
			if strings.Count(text, "BEGIN:VALARM\r\nACTION:DISPLAY") != 2 || strings.Count(text, "TRIGGER:-PT10M") != 2 {
				t.Errorf("each event needs a reminder ten minutes before:\n%s", text)
			}

			cal, err := ical.NewDecoder(strings.NewReader(text)).Decode()
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range cal.Events() {
				sum, _ := e.Props.Text(ical.PropSummary)
				who := strings.TrimPrefix(sum, "One-on-one with ")
				organizer, attendees := "", []string{}
				if p := e.Props.Get(ical.PropOrganizer); p != nil {
					organizer = p.Value
				}
				for _, p := range e.Props.Values(ical.PropAttendee) {
					attendees = append(attendees, p.Value)
				}
				if want, ok := tt.attendee[who]; !ok || organizer != tt.organizer || strings.Join(attendees, ",") != want {
					t.Errorf("%q: organizer %q, attendees %v", who, organizer, attendees)
				}
			}

			// What a calendar program makes of it, series and zone included.
			events := icalJS(t, text)
			if len(events) != 2 {
				t.Fatalf("ical.js reads %d events", len(events))
			}
			for _, e := range events {
				who := strings.TrimPrefix(e.Summary, "One-on-one with ")
				if _, ok := tt.attendee[who]; !ok {
					t.Fatalf("ical.js reads the summary %q", e.Summary)
				}
				if e.Organizer != tt.organizer || strings.Join(e.Attendees, ",") != tt.attendee[who] {
					t.Errorf("%s: organizer %q, attendees %v", who, e.Organizer, e.Attendees)
				}
				if e.Seconds != 1800 || !slices.Equal(e.Alarms, []string{"DISPLAY -PT10M"}) {
					t.Errorf("%s: %d seconds, alarms %v", who, e.Seconds, e.Alarms)
				}
				if who != long {
					continue
				}
				// Weekly at 10:00 in Berlin, before and after the clocks go
				// forward; in UTC at 09:00 UTC, the time it was held.
				zone, hour := loc, 10
				if utc {
					zone, hour = time.UTC, 9
				}
				for k, start := range e.Starts {
					want := time.Date(2026, 3, 10+7*k, hour, 0, 0, 0, zone)
					if !start.Equal(want) {
						t.Errorf("meeting %d starts %s, want %s", k+1, start.In(loc), want)
					}
				}
				if len(e.Starts) != 12 {
					t.Errorf("%d meetings in the series", len(e.Starts))
				}
			}
		})
	}
}

// Three people usually at one slot: who gives way does not change with who
// is due first, so the next week's export books each on the same weekday.
func TestCalendarBooksTheSameWeekAfterWeek(t *testing.T) {
	loc := berlin(t)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	s := storetest.New(t)
	setWeek(t, s, 30*time.Minute)
	var met []model.Person
	for _, n := range []string{"Ana", "Ben", "Chloe"} {
		p := storetest.AddPerson(t, s, n)
		storetest.Start(t, s, p.ID, at(3, 2, 17, 45))
		met = append(met, p)
	}
	weekdays := func(now time.Time) map[string]string {
		s.Now = func() time.Time { return now }
		got := map[string]string{}
		for name, start := range firstStarts(t, exportICS(t, s), loc) {
			got[name] = start[:3]
		}
		return got
	}
	first := weekdays(at(3, 9, 9, 0))
	for _, p := range met[:2] { // Ana and Ben met again; Chloe is now due first
		storetest.Start(t, s, p.ID, at(3, 9, 17, 45))
	}
	if second := weekdays(at(3, 9, 18, 30)); !mapsEqual(first, second) {
		t.Errorf("weekdays moved: %v, then %v", first, second)
	}
}
