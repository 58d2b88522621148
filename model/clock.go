package model

import (
	"fmt"
	"os"
	"time"
)

// TodayEnv names the environment variable that sets the day Solemate lives
// in (YYYY-MM-DD), for demos, screenshots, training sessions and tests.
const TodayEnv = "SOLEMATE_TODAY"

// ClockFromEnv is the clock a store opens with: the wall clock, or the day
// SOLEMATE_TODAY names at the wall clock's time of day. A value that is not
// a date is an error, so a typo never silently runs the app as of today.
func ClockFromEnv() (func() time.Time, error) {
	v := os.Getenv(TodayEnv)
	if v == "" {
		return time.Now, nil
	}
	day, err := ParseDate(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", TodayEnv, err)
	}
	return ClockOn(day, time.Now), nil
}

// DayFromEnv is the day SOLEMATE_TODAY sets, if it sets a valid one, so the
// window can say it is not showing today.
func DayFromEnv() (Date, bool) {
	day, err := ParseDate(os.Getenv(TodayEnv))
	return day, err == nil && !day.IsZero()
}

// ClockOn is a clock that stays on day while its time of day follows wall,
// so what is written within the day keeps its order.
func ClockOn(day Date, wall func() time.Time) func() time.Time {
	return func() time.Time {
		w := wall()
		return time.Date(day.t.Year(), day.t.Month(), day.t.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), w.Location())
	}
}
