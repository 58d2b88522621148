package model

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
	// The zone rules travel with the app: a calendar export needs them, and
	// Windows has no zoneinfo of its own.
	_ "time/tzdata"
)

// WorkWeek is when the user holds one-on-ones: due dates and calendar
// events fall on its days, at its start (unless a person has a usual time)
// and for its length, in its time zone.
type WorkWeek struct {
	Days     [7]bool       // indexed by time.Weekday
	Start    time.Duration // time of day, from midnight
	Length   time.Duration
	TimeZone string // an IANA name such as Europe/Berlin, or UTC
}

// settingWorkWeek holds the user's WorkWeek as JSON.
const settingWorkWeek = "work week"

// DefaultWorkWeek is Monday to Friday, meetings of 30 minutes from 10:00,
// in this computer's time zone.
func DefaultWorkWeek() WorkWeek {
	w := WorkWeek{Start: 10 * time.Hour, Length: 30 * time.Minute, TimeZone: localZoneName()}
	for d := time.Monday; d <= time.Friday; d++ {
		w.Days[d] = true
	}
	return w
}

// localZoneName is the IANA name of this computer's zone when it can be
// known (TZ, or where /etc/localtime points), else UTC: time.Local itself
// is only called "Local", which no calendar program understands.
func localZoneName() string {
	candidates := []string{}
	if tz, ok := os.LookupEnv("TZ"); ok {
		candidates = append(candidates, strings.TrimPrefix(tz, ":"))
	} else {
		if p, err := os.Readlink("/etc/localtime"); err == nil {
			if _, name, ok := strings.Cut(p, "zoneinfo/"); ok {
				candidates = append(candidates, name)
			}
		}
		if b, err := os.ReadFile("/etc/timezone"); err == nil {
			candidates = append(candidates, strings.TrimSpace(string(b)))
		}
	}
	for _, c := range candidates {
		if _, err := loadZone(c); err == nil {
			return c
		}
	}
	return "UTC"
}

// loadZone is time.LoadLocation without "" and "Local", which name no zone
// a calendar program knows.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("name a time zone such as Europe/Berlin, or UTC")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a time zone; use a name such as Europe/Berlin, or UTC", name)
	}
	return loc, nil
}

// Validate says what is wrong with each field, by name: days, start, length,
// time zone.
func (w WorkWeek) Validate() error {
	v := &ValidationError{}
	if w.Days == [7]bool{} {
		v.add("days", "pick at least one working day")
	}
	if w.Start < 0 || w.Start >= 24*time.Hour || w.Start%time.Minute != 0 {
		v.add("start", "give a start time between 00:00 and 23:59")
	}
	if w.Length < 5*time.Minute || w.Length > 8*time.Hour || w.Length%time.Minute != 0 {
		v.add("length", "give a length between 5 minutes and 8 hours, in whole minutes")
	}
	if _, err := loadZone(w.TimeZone); err != nil {
		v.add("time zone", "%s", err)
	}
	if len(v.Problems) > 0 {
		return v
	}
	return nil
}

// Location is the week's time zone; UTC when it names none.
func (w WorkWeek) Location() *time.Location {
	if loc, err := loadZone(w.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// Working reports whether d is a working day.
func (w WorkWeek) Working(d Date) bool { return w.Days[d.Time().Weekday()] }

// OnOrAfter is d if it is a working day, else the next one; d itself when
// no day is.
func (w WorkWeek) OnOrAfter(d Date) Date {
	for i := 0; i < 7; i++ {
		if next := d.AddDays(i); w.Working(next) {
			return next
		}
	}
	return d
}

// storedWorkWeek is WorkWeek as it is kept: readable, and a field left out
// (or one an older version did not know) takes its default.
type storedWorkWeek struct {
	Days     []string `json:"days"` // "Mon" ...
	Start    string   `json:"start"`
	Length   int      `json:"length_minutes"`
	TimeZone string   `json:"time_zone"`
}

// WorkWeek is the user's working week, DefaultWorkWeek until they set one;
// a stored field that does not hold up takes its default.
func (s *Store) WorkWeek() (WorkWeek, error) {
	w := DefaultWorkWeek()
	v, err := s.UserSetting(settingWorkWeek)
	if err != nil || v == "" {
		return w, err
	}
	var st storedWorkWeek
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return w, nil
	}
	var days [7]bool
	for _, name := range st.Days {
		for d := range days {
			if strings.EqualFold(name, time.Weekday(d).String()[:3]) {
				days[d] = true
			}
		}
	}
	stored := WorkWeek{Days: days, Length: time.Duration(st.Length) * time.Minute, TimeZone: st.TimeZone, Start: -1}
	if start, err := ParseClock(st.Start); err == nil {
		stored.Start = start
	}
	if verr, ok := stored.Validate().(*ValidationError); ok {
		for _, p := range verr.Problems {
			switch p.Field {
			case "days":
				stored.Days = w.Days
			case "start":
				stored.Start = w.Start
			case "length":
				stored.Length = w.Length
			case "time zone":
				stored.TimeZone = w.TimeZone
			}
		}
	}
	return stored, nil
}

// SetWorkWeek stores the user's working week.
func (s *Store) SetWorkWeek(w WorkWeek) error {
	if err := w.Validate(); err != nil {
		return err
	}
	st := storedWorkWeek{Start: ClockText(w.Start), Length: int(w.Length / time.Minute), TimeZone: w.TimeZone, Days: []string{}}
	for d, on := range w.Days {
		if on {
			st.Days = append(st.Days, time.Weekday(d).String()[:3])
		}
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.SetUserSetting(settingWorkWeek, string(b))
}

// ClockText writes a time of day as 24-hour HH:MM.
func ClockText(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// ParseClock reads a time of day as HH:MM (or H:MM).
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a time of day like 10:00", strings.TrimSpace(s))
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// usualOf is how many of a person's last one-on-ones make their usual slot.
const usualOf = 5

// usualStep is what a usual time is rounded to: a meeting opened at 17:19
// is a 17:15 meeting.
const usualStep = 15 * time.Minute

// Usual is when a person usually meets: a weekday and a time of day.
type Usual struct {
	Day time.Weekday
	At  time.Duration // since midnight, on the wall clock
}

// UsualTimes is each person's usual slot for a one-on-one, in loc: the
// most common weekday and the most common time of day (to the quarter
// hour) among their last few, the latest of those on a tie. People never
// met are not in it.
func (s *Store) UsualTimes(loc *time.Location) (map[uint]Usual, error) {
	type row struct {
		PersonID uint
		HeldAt   time.Time
	}
	rows, err := scanAll(s.db.Raw(`SELECT person_id, held_at FROM (
		  SELECT person_id, held_at, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY held_at DESC) AS n FROM one_on_ones) o
		WHERE n <= ? ORDER BY person_id, held_at DESC`, usualOf),
		func(r *row) []any { return []any{&r.PersonID, orZero{&r.HeldAt}} })
	if err != nil {
		return nil, fmt.Errorf("usual times: %w", err)
	}
	out := map[uint]Usual{}
	for i := 0; i < len(rows); {
		var times []Usual // latest first
		for j := i; j < len(rows) && rows[j].PersonID == rows[i].PersonID; j++ {
			t := rows[j].HeldAt.In(loc)
			tod := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
			times = append(times, Usual{t.Weekday(), min((tod+usualStep/2)/usualStep*usualStep, 24*time.Hour-usualStep)})
		}
		out[rows[i].PersonID] = Usual{
			Day: mostCommon(times, func(u Usual) time.Weekday { return u.Day }),
			At:  mostCommon(times, func(u Usual) time.Duration { return u.At }),
		}
		i += len(times)
	}
	return out, nil
}

// mostCommon is the most common of key over all, the first of those on a tie.
func mostCommon[K comparable](all []Usual, key func(Usual) K) K {
	counts := map[K]int{}
	for _, u := range all {
		counts[key(u)]++
	}
	best := key(all[0])
	for _, u := range all {
		if counts[key(u)] > counts[best] {
			best = key(u)
		}
	}
	return best
}
