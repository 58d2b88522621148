package model

import (
	"fmt"
	"strings"
	"time"
)

// Cadence is how often a person has a one-on-one.
type Cadence string

// The cadences a report can have.
const (
	CadenceWeekly   Cadence = "weekly"
	CadenceBiweekly Cadence = "biweekly"
	CadenceMonthly  Cadence = "monthly"
	CadenceNone     Cadence = "none"
)

// Cadences lists every cadence in the order pickers show them.
var Cadences = []Cadence{CadenceWeekly, CadenceBiweekly, CadenceMonthly, CadenceNone}

// Label is the cadence as people say it.
func (c Cadence) Label() string {
	switch c {
	case CadenceBiweekly:
		return "Every 2 weeks"
	case CadenceMonthly:
		return "Monthly"
	case CadenceNone:
		return "No one-on-ones"
	}
	return "Weekly"
}

// ParseCadence accepts a cadence's key or label in any case.
func ParseCadence(s string) (Cadence, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	for _, c := range Cadences {
		if k == string(c) || k == strings.ToLower(c.Label()) {
			return c, nil
		}
	}
	return "", fmt.Errorf("%q is not a cadence (use weekly, biweekly, monthly or none)", s)
}

// Next is the day the next one-on-one is due after one held on last. A
// monthly one-on-one on the 31st falls due on the last day of a shorter month.
func (c Cadence) Next(last Date) Date {
	switch c {
	case CadenceBiweekly:
		return last.AddDays(14)
	case CadenceMonthly:
		y, m, d := last.Time().Date()
		first := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
		lastDay := first.AddDate(0, 1, -1).Day()
		return NewDate(first.Year(), first.Month(), min(d, lastDay))
	}
	return last.AddDays(7)
}

// shortestGap is the fewest days Next can move a date: a month after
// 31 January is 28 February.
func (c Cadence) shortestGap() int {
	switch c {
	case CadenceBiweekly:
		return 14
	case CadenceMonthly:
		return 28
	}
	return 7
}

// DueAfter is the day the next one-on-one is due after one held at held,
// counted in local calendar days.
func (c Cadence) DueAfter(held time.Time) Date { return c.Next(DateOf(held.Local())) }

// DueText says when something is due relative to today, as people say it.
func DueText(due, today Date) string {
	switch n := today.DaysUntil(due); {
	case n == 0:
		return "due today"
	case n == 1:
		return "due tomorrow"
	case n > 1:
		return fmt.Sprintf("due in %d days", n)
	case n == -1:
		return "overdue by 1 day"
	default:
		return fmt.Sprintf("overdue by %d days", -n)
	}
}
