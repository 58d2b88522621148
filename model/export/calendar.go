package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"solemate/model"
)

// meetingLength is the length of a calendar one-on-one.
const meetingLength = "PT30M"

// Calendar writes an iCalendar (RFC 5545) file with one recurring
// event per report, starting at their next due date at the time of day of
// their last one-on-one (10:00 when there was none). UIDs are stable, so
// importing again updates the events instead of adding copies.
func Calendar(s *model.Store, w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.Local
	}
	reps, err := s.Reports()
	if err != nil {
		return err
	}
	var b strings.Builder
	line := func(l string) { b.WriteString(foldICS(l)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Solemate//One-on-ones//EN")
	line("CALSCALE:GREGORIAN")
	stamp := s.Now().UTC().Format("20060102T150405Z")
	today := s.Today()
	fresh := 0
	for _, r := range reps {
		// Someone never met gets the next free half hour from 10:00, so a new
		// team's first week is not all booked at once.
		hour, minute := 10+fresh/2, 30*(fresh%2)
		if r.LastHeld != nil {
			t := r.LastHeld.In(loc)
			hour, minute = t.Hour(), t.Minute()
		} else {
			fresh = (fresh + 1) % 14
		}
		due := r.NextDue
		if due.Before(today) { // overdue: the series starts today
			due = today
		}
		d := due.Time()
		start := time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.UTC)
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:solemate-oneonone-person-%d@solemate.app", r.ID))
		line("DTSTAMP:" + stamp)
		// Floating local time: the meeting stays at 10:00 wherever the lead is.
		line("DTSTART:" + start.Format("20060102T150405"))
		line("DURATION:" + meetingLength)
		line("RRULE:" + rrule(r.Cadence, d.Day()))
		line("SUMMARY:" + icsText("One-on-one with "+r.Name))
		line("DESCRIPTION:" + icsText("Meaningful progress, Obstacles, Focus for next week, Organizational pulse. Work and non-work."))
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err = io.WriteString(w, b.String())
	return err
}

func rrule(c model.Cadence, day int) string {
	switch c {
	case model.CadenceBiweekly:
		return "FREQ=WEEKLY;INTERVAL=2"
	case model.CadenceMonthly:
		if day > 28 {
			// That day, or the last day of a shorter month, as model.Cadence.Next does.
			days := make([]string, 0, 4)
			for d := 28; d <= day; d++ {
				days = append(days, fmt.Sprint(d))
			}
			return "FREQ=MONTHLY;BYMONTHDAY=" + strings.Join(days, ",") + ";BYSETPOS=-1"
		}
		return fmt.Sprintf("FREQ=MONTHLY;BYMONTHDAY=%d", day)
	}
	return "FREQ=WEEKLY"
}

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
