package export

import (
	"cmp"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"solemate/model"
)

// newPerDay is how many hours of first one-on-ones with people never met
// one day holds, from the working week's start, so a new team's first week
// is not all booked at once.
const newPerDay = 4 * time.Hour

// workingDay is how long after the week's start a series moved to keep it
// clear of another may end.
const workingDay = 8 * time.Hour

// Calendar writes an iCalendar (RFC 5545) file with one recurring event per
// report on working days: from their next due date, on their usual weekday
// at their usual time (else at the working week's start, people never met
// one after the other), for the working week's length, in loc (nil: the
// working week's time zone); a series that would clash with another moves
// a little later that day, else to a later day.
// The report is an attendee and the user the organizer where their emails
// are known; each has a reminder ten minutes before. UIDs are stable, so
// importing again updates the events instead of adding copies.
func Calendar(s *model.Store, w io.Writer, loc *time.Location) error {
	week, err := s.WorkWeek()
	if err != nil {
		return err
	}
	if loc == nil {
		loc = week.Location()
	}
	reps, err := s.Reports()
	if err != nil {
		return err
	}
	usual, err := s.UsualTimes(loc)
	if err != nil {
		return err
	}
	me, _, err := s.Me()
	if err != nil {
		return err
	}
	starts := schedule(reps, usual, week, loc, s.Now(), s.Today())

	var b strings.Builder
	line := func(l string) { b.WriteString(foldICS(l)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Solemate//One-on-ones//EN")
	line("CALSCALE:GREGORIAN")
	utc := loc == time.UTC
	if !utc && len(starts) > 0 {
		first := starts[0]
		for _, st := range starts {
			if st.Before(first) {
				first = st
			}
		}
		for _, l := range vtimezone(loc, first) {
			line(l)
		}
	}
	stamp := s.Now().UTC().Format("20060102T150405Z")
	organizer := ""
	if to, ok := mailto(me.Email); ok {
		organizer = "ORGANIZER;CN=" + paramText(me.Name) + ":" + to
	}
	for i, r := range reps {
		start := starts[i]
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:solemate-oneonone-person-%d@solemate.app", r.ID))
		line("DTSTAMP:" + stamp)
		if utc {
			line("DTSTART:" + start.Format("20060102T150405Z"))
		} else {
			line("DTSTART;TZID=" + loc.String() + ":" + start.Format("20060102T150405"))
		}
		line("DURATION:" + icsDuration(week.Length))
		line("RRULE:" + rrule(r.Cadence, start))
		summary := icsText("One-on-one with " + r.Name)
		line("SUMMARY:" + summary)
		line("DESCRIPTION:" + icsText("Meaningful progress, Obstacles, Focus for next week, Organizational pulse. Work and non-work."))
		if organizer != "" {
			line(organizer)
			// An attendee needs an organizer (RFC 5545 3.8.4.3): whom to answer.
			if to, ok := mailto(r.Email); ok {
				line("ATTENDEE;CN=" + paramText(r.Name) + ";ROLE=REQ-PARTICIPANT:" + to)
			}
		}
		line("BEGIN:VALARM")
		line("ACTION:DISPLAY")
		line("DESCRIPTION:" + summary)
		line("TRIGGER:-PT10M")
		line("END:VALARM")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err = io.WriteString(w, b.String())
	return err
}

// booking places series on a working week so that no two start within a
// meeting's length of each other on one weekday: weekly, they would clash
// every week.
type booking struct {
	week  model.WorkWeek
	loc   *time.Location
	now   time.Time
	taken [7][]time.Duration // the times of day booked, by weekday
}

// book books a series at time of day at on day d or, when that clashes, a
// little later that day (at + the length, ... while it still ends within
// the working day), else on the next working days, trying a week of them;
// when all clash, d at at anyway. A first meeting earlier today is kept:
// the series is what matters, and its weekday with it.
func (b *booking) book(d model.Date, at time.Duration) time.Time {
	at = min(at, 24*time.Hour-b.week.Length) // it ends by midnight
	end := max(at+b.week.Length, b.week.Start+workingDay)
	for try, tries := d, 0; tries < 7; try, tries = try.AddDays(1), tries+1 {
		if !b.week.Working(try) {
			continue
		}
		for later := at; later+b.week.Length <= end; later += b.week.Length {
			if b.free(try, later) {
				return b.take(try, later)
			}
		}
	}
	return b.take(b.week.OnOrAfter(d), at)
}

func (b *booking) take(d model.Date, at time.Duration) time.Time {
	wd := d.Time().Weekday()
	b.taken[wd] = append(b.taken[wd], at)
	return clockOn(d, at, b.loc)
}

func (b *booking) free(d model.Date, at time.Duration) bool {
	for _, t := range b.taken[d.Time().Weekday()] {
		if at < t+b.week.Length && t < at+b.week.Length {
			return false
		}
	}
	return true
}

// schedule is when each report's series starts: from their next due date
// (today when overdue), on their usual weekday at their usual time; people
// never met one after the other from the week's start, a few hours of them
// a day. Who gives way in a clash goes by who was on the roster first, not
// by who is due first, so that exporting again next week books the same.
func schedule(reps []model.Report, usual map[uint]model.Usual, week model.WorkWeek, loc *time.Location, now time.Time, today model.Date) []time.Time {
	b := &booking{week: week, loc: loc, now: now.In(loc)}
	starts := make([]time.Time, len(reps))
	perDay := max(1, int(min(newPerDay, 24*time.Hour-week.Start)/week.Length))
	first := week.OnOrAfter(today)
	newDay, slot := first, 0
	order := make([]int, len(reps))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(reps[a].ID, reps[b].ID) })
	for _, i := range order {
		r := reps[i]
		if u, ok := usual[r.ID]; ok {
			due := r.NextDue
			if due.Before(today) {
				due = today
			}
			starts[i] = b.book(onUsualDay(due, u.Day, week), u.At)
			continue
		}
		// The first slot from the week's start that is free, not past.
		for tries := 0; ; tries++ {
			if slot == perDay {
				newDay, slot = week.OnOrAfter(newDay.AddDays(1)), 0
				if first.AddDays(6).Before(newDay) {
					// A week is full: a clash (moved later in the day by
					// book) beats a first meeting weeks away.
					newDay = first
				}
			}
			at := week.Start + time.Duration(slot)*week.Length
			slot++
			d := week.OnOrAfter(newDay)
			if clockOn(d, at, loc).After(b.now) && b.free(d, at) || tries > 7*perDay {
				newDay = d
				starts[i] = b.book(d, at)
				break
			}
		}
	}
	return starts
}

// onUsualDay is the first day from due on a person's usual weekday, when
// that is a working day; else the first working day from due.
func onUsualDay(due model.Date, day time.Weekday, week model.WorkWeek) model.Date {
	if !week.Days[day] {
		return week.OnOrAfter(due)
	}
	return due.AddDays((int(day) - int(due.Time().Weekday()) + 7) % 7)
}

// clockOn is the moment at time of day at on day d in loc.
func clockOn(d model.Date, at time.Duration, loc *time.Location) time.Time {
	t := d.Time()
	return time.Date(t.Year(), t.Month(), t.Day(), int(at/time.Hour), int(at%time.Hour/time.Minute), 0, 0, loc)
}

// rrule repeats a series that starts on start by cadence. A monthly one
// keeps its weekday ("the second Tuesday", "the last Friday"), so every
// meeting falls on a working day as the first one does.
func rrule(c model.Cadence, start time.Time) string {
	switch c {
	case model.CadenceBiweekly:
		return "FREQ=WEEKLY;INTERVAL=2"
	case model.CadenceMonthly:
		n := (start.Day()-1)/7 + 1
		if n == 5 {
			n = -1
		}
		return fmt.Sprintf("FREQ=MONTHLY;BYDAY=%d%s", n, weekdayCodes[start.Weekday()])
	}
	return "FREQ=WEEKLY"
}

// icsDuration writes a length as RFC 5545's DURATION: PT1H30M.
func icsDuration(d time.Duration) string {
	s := "PT"
	if h := d / time.Hour; h > 0 {
		s += fmt.Sprintf("%dH", h)
	}
	if m := d % time.Hour / time.Minute; m > 0 || d < time.Hour {
		s += fmt.Sprintf("%dM", m)
	}
	return s
}

// mailto is an email as a calendar user address, if it is one.
func mailto(email string) (string, bool) {
	if email == "" || model.ValidateEmail(email) != nil {
		return "", false
	}
	return "mailto:" + url.PathEscape(email), true
}

// paramEscaper writes a parameter value's characters that a quoted value
// cannot hold as RFC 6868 says.
var paramEscaper = strings.NewReplacer("^", "^^", `"`, "^'", "\r\n", "^n", "\n", "^n", "\r", "^n")

// paramText is s as a quoted parameter value (CN="...").
func paramText(s string) string { return `"` + paramEscaper.Replace(Visible(s)) + `"` }

// icsEscaper escapes TEXT (RFC 5545 3.3.11); a lone CR is a line break too,
// else a calendar program that splits lines on it reads the rest as lines
// of their own.
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// icsText is s as TEXT, which may hold no control character but tab.
func icsText(s string) string { return icsEscaper.Replace(Visible(s)) }

// foldICS ends a content line with CRLF, folding it at 75 octets without
// splitting a UTF-8 character.
func foldICS(l string) string {
	var b strings.Builder
	width := 0
	for _, r := range l {
		n := len(string(r))
		if width+n > 75 {
			b.WriteString("\r\n ")
			width = 1
		}
		b.WriteRune(r)
		width += n
	}
	b.WriteString("\r\n")
	return b.String()
}
