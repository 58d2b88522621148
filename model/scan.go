package model

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The lists the screens load on every visit (who is due, the roster, the
// follow-ups and actions on Today) read hundreds of rows; gorm's reflection
// costs two to three times the query there, so they are scanned by hand: the
// columns are named in the order the fields are given.

// scanAll reads every row of rows into a T through the pointers fields
// gives for it, and closes rows. Each row is scanned into one T and copied
// out: Scan sets every field each time, NULLs included.
func scanAll[T any](rows *sql.Rows, fields func(*T) []any) ([]T, error) {
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
	"private", "position", "author", "version", "created_at", "updated_at"}

func (it *Item) fields() []any {
	return []any{&it.ID, &it.OneOnOneID, &it.Heading, &it.Text, &it.NonWork, &it.Status, &it.FollowUp,
		&it.Private, &it.Position, &it.Author, &it.Version, orZero{&it.CreatedAt}, orZero{&it.UpdatedAt}}
}

var actionColumns = []string{"id", "person_id", "one_on_one_id", "session_id", "text", "owner", "due",
	"done_at", "created_at", "updated_at"}

func (a *Action) fields() []any {
	return []any{&a.ID, &a.PersonID, &a.OneOnOneID, &a.SessionID, &a.Text, &a.Owner, &a.Due,
		&a.DoneAt, orZero{&a.CreatedAt}, orZero{&a.UpdatedAt}}
}
