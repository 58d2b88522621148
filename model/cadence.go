package model

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
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

var cadences = enum[Cadence]{unknown: CadenceWeekly, entries: []labelled[Cadence]{
	{CadenceWeekly, "Weekly"}, {CadenceBiweekly, "Every 2 weeks"}, {CadenceMonthly, "Monthly"},
	{CadenceNone, "No one-on-ones"},
}}

// Cadences lists every cadence in the order pickers show them.
func Cadences() []Cadence { return cadences.values() }

// Label is the cadence as people say it.
func (c Cadence) Label() string { return cadences.label(c) }

// ParseCadence accepts a cadence's key or label in any case.
func ParseCadence(s string) (Cadence, error) {
	if c, ok := cadences.lookup(s); ok {
		return c, nil
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
// counted in local calendar days: the cadence's next day, or the working
// day after it.
func (c Cadence) DueAfter(held time.Time, week WorkWeek) Date {
	return week.OnOrAfter(c.Next(DateOf(held.Local())))
}

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

// SetCadence changes how often a person has one-on-ones.
func (s *Store) SetCadence(personID uint, c Cadence) error {
	if _, err := ParseCadence(string(c)); err != nil {
		return &ValidationError{Problems: []FieldError{{"cadence", err.Error()}}}
	}
	n, err := statement(s.db, func(tx *gorm.DB) *gorm.DB {
		return tx.Model(&Person{}).Where("id = ?", personID).Updates(map[string]any{"cadence": c, "version": gorm.Expr("version + 1")})
	})
	if err != nil {
		return fmt.Errorf("set cadence: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// Report is a person as the One-on-ones screen lists them.
type Report struct {
	Person
	LastHeld    *time.Time
	NextDue     Date
	OpenActions int
	FollowUps   int
}

// Reports lists the active people who have one-on-ones in the user's scope
// (see ScopeChoice), soonest due first (overdue at the top). Someone never
// met is due from when they joined the roster (or their start date, when
// later), on a working day.
func (s *Store) Reports() ([]Report, error) {
	_, in, err := s.scope()
	if err != nil {
		return nil, err
	}
	return s.reports(in, false)
}

// reports is Reports in scope in; dueOnly keeps those due today or
// overdue, for Today, and leaves OpenActions and FollowUps at zero.
func (s *Store) reports(in scoped, dueOnly bool) ([]Report, error) {
	type row struct {
		Person
		LastHeld    sql.NullString
		OpenActions int
		FollowUps   int
	}
	today := s.Today()
	week, err := s.WorkWeek()
	if err != nil {
		return nil, err
	}
	countCols, countJoin, notDue := ", 0, 0", "", ""
	var args []any
	if dueOnly {
		// Someone met more recently than their cadence's shortest gap is not
		// due, whenever exactly they were met: the index on (person_id,
		// held_at) rules most of the roster out before their row is read.
		// The monthly bound, the earliest, is the index's range; the later
		// ones narrow it for the other cadences. (Each bound is compared with
		// held_at itself, so PostgreSQL knows it for a timestamp.)
		notDue = `
		  AND NOT EXISTS (SELECT 1 FROM one_on_ones o WHERE o.person_id = p.id AND o.held_at >= ?
		    AND (p.cadence = 'monthly' OR o.held_at >= ?)
		    AND (p.cadence IN ('monthly', 'biweekly') OR o.held_at >= ?))`
		args = []any{notDueIfMetSince(CadenceMonthly, today), notDueIfMetSince(CadenceBiweekly, today), notDueIfMetSince(CadenceWeekly, today)}
	} else {
		countCols = `,
		  (SELECT COUNT(*) FROM actions a WHERE a.person_id = p.id AND a.done_at IS NULL),
		  COALESCE(f.n, 0)`
		// open follow-ups are few, and idx_one_on_one_items_open_follow_up holds just them
		countJoin = `LEFT JOIN (SELECT o.person_id, COUNT(*) AS n FROM one_on_one_items i JOIN one_on_ones o ON o.id = i.one_on_one_id
		     WHERE i.status = 'open' AND i.follow_up IS NOT NULL AND i.asked_on IS NULL GROUP BY o.person_id) f ON f.person_id = p.id`
	}
	inScope, scopeArgs := in.filter("p.id")
	rows, err := scanAll(s.db.Raw(`
		SELECT `+columns("p", personColumns...)+`,
		  -- not MAX(held_at): SQLite walks every row for MAX in a correlated subquery
		  (SELECT held_at FROM one_on_ones o WHERE o.person_id = p.id ORDER BY held_at DESC LIMIT 1)`+countCols+`
		FROM people p `+countJoin+`
		WHERE p.archived_at IS NULL AND p.status = 'active' AND p.cadence <> 'none'
		  -- the top of the tree (the lead, the centre manager) reports to no one here
		  AND NOT (p.manager_id IS NULL AND EXISTS (SELECT 1 FROM people r WHERE r.manager_id = p.id AND r.archived_at IS NULL))
		  AND `+inScope+notDue, append(scopeArgs, args...)...),
		func(r *row) []any { return append(r.fields(), &r.LastHeld, &r.OpenActions, &r.FollowUps) })
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	out := make([]Report, 0, len(rows))
	for _, r := range rows {
		rep := Report{Person: r.Person, OpenActions: r.OpenActions, FollowUps: r.FollowUps, NextDue: week.OnOrAfter(NeverMetDue(r.Person, today))}
		if t, ok := parseDBTime(r.LastHeld.String); ok {
			rep.LastHeld = &t
			rep.NextDue = r.Cadence.DueAfter(t, week)
		}
		if !dueOnly || !today.Before(rep.NextDue) {
			out = append(out, rep)
		}
	}
	sortReports(out)
	return out, nil
}

// NeverMetDue is when someone never met is first due: from the day they
// joined the roster here, or their first day when that is later. Their
// one-on-one grows overdue from then, instead of reading "due today" for
// weeks.
func NeverMetDue(p Person, today Date) Date {
	due := today
	// A joining day after today (a clock that ran fast) is today.
	if joined := DateOf(p.CreatedAt.Local()); !p.CreatedAt.IsZero() && joined.Before(today) {
		due = joined
	}
	if due.Before(p.StartDate) {
		due = p.StartDate
	}
	return due
}

// notDueIfMetSince is the moment from which a one-on-one leaves someone on
// cadence c not due today: the start of the local day after the last one
// that could be due by now.
func notDueIfMetSince(c Cadence, today Date) time.Time {
	return localStart(today.AddDays(1 - c.shortestGap()))
}

func sortReports(r []Report) {
	slices.SortFunc(r, func(a, b Report) int {
		if c := a.NextDue.Time().Compare(b.NextDue.Time()); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
}
