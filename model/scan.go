package model

import (
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The lists the screens load on every visit (who is due, the roster, the
// follow-ups and actions on Today, the boards a cohort list sums up) read
// hundreds of rows; gorm's reflection costs more than the query there, so
// they are scanned by hand: the columns are named in the order the fields
// are given.

// scanAll runs q and reads every row into a T through the pointers fields
// gives for it. Each row is scanned into one T and copied out: Scan sets
// every field each time, NULLs included.
func scanAll[T any](q *gorm.DB, fields func(*T) []any) ([]T, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	var v T
	dest := fields(&v)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// columns qualifies each column with the table's alias in a query.
func columns(alias string, cols ...string) string {
	return alias + "." + strings.Join(cols, ", "+alias+".")
}

// orZero scans a timestamp that may be NULL as the zero time, as gorm does
// (created_at and updated_at are nullable in the schema).
type orZero struct{ t *time.Time }

func (z orZero) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*z.t = time.Time{}
	case time.Time:
		*z.t = v
	default:
		return fmt.Errorf("cannot read a time from %T", src)
	}
	return nil
}

var personColumns = []string{"id", "name", "preferred_name", "role", "team", "email", "start_date",
	"manager_id", "status", "cadence", "archived_at", "version", "created_at", "updated_at"}

func (p *Person) fields() []any {
	return []any{&p.ID, &p.Name, &p.PreferredName, &p.Role, &p.Team, &p.Email, &p.StartDate,
		&p.ManagerID, &p.Status, &p.Cadence, &p.ArchivedAt, &p.Version, orZero{&p.CreatedAt}, orZero{&p.UpdatedAt}}
}

var itemColumns = []string{"id", "one_on_one_id", "heading", "text", "non_work", "status", "follow_up",
	"asked_on", "asked_note", "private", "by_report", "position", "author", "version", "created_at", "updated_at"}

func (it *Item) fields() []any {
	return []any{&it.ID, &it.OneOnOneID, &it.Heading, &it.Text, &it.NonWork, &it.Status, &it.FollowUp,
		&it.AskedOn, &it.AskedNote, &it.Private, &it.ByReport, &it.Position, &it.Author, &it.Version, orZero{&it.CreatedAt}, orZero{&it.UpdatedAt}}
}

var actionColumns = []string{"id", "person_id", "one_on_one_id", "session_id", "text", "owner", "due",
	"done_at", "created_at", "updated_at"}

func (a *Action) fields() []any {
	return []any{&a.ID, &a.PersonID, &a.OneOnOneID, &a.SessionID, &a.Text, &a.Owner, &a.Due,
		&a.DoneAt, orZero{&a.CreatedAt}, orZero{&a.UpdatedAt}}
}

var phaseColumns = []string{"id", "cohort_id", "position", "name", "length_days", "in_weeks", "purpose",
	"start_date", "end_date"}

func (p *CohortPhase) fields() []any {
	return []any{&p.ID, &p.CohortID, &p.Position, &p.Name, &p.LengthDays, &p.InWeeks, &p.Purpose,
		&p.StartDate, &p.EndDate}
}

var milestoneColumns = []string{"id", "cohort_phase_id", "position", "title", "kind", "due_date", "required_sessions"}

func (m *CohortMilestone) fields() []any {
	return []any{&m.ID, &m.CohortPhaseID, &m.Position, &m.Title, &m.Kind, &m.DueDate, &m.RequiredSessions}
}

var hireColumns = []string{"id", "cohort_id", "person_id", "status", "notes", "offered_on", "offer_amount", "offer_currency",
	"offer_outcome", "offer_note", "joined_on", "status_before_offer", "version"}

func (h *Hire) fields() []any {
	return []any{&h.ID, &h.CohortID, &h.PersonID, &h.Status, &h.Notes, &h.OfferedOn, &h.OfferAmount, &h.OfferCurrency,
		&h.OfferOutcome, &h.OfferNote, &h.JoinedOn, &h.StatusBeforeOffer, &h.Version}
}
