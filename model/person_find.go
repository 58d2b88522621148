package model

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"
)

// PersonChoice is someone a picker offers.
type PersonChoice struct {
	ID                uint
	Name, Team, Email string
	Left              bool // archived or marked as left
}

// PeopleQuery says whom FindPeople looks for.
type PeopleQuery struct {
	Text   string // every word must be in the name, preferred name, team or email
	Except uint   // someone never offered (the person being edited), 0 for none
	Limit  int
	// OrLeft offers those who left, but only when no one active matches:
	// a session can still name the agent who has since moved on.
	OrLeft bool
}

// FindPeople lists up to q.Limit active people who match q, the user (me)
// first, then by name; see PeopleQuery.OrLeft for those who left.
func (s *Store) FindPeople(ctx context.Context, q PeopleQuery) ([]PersonChoice, error) {
	out, err := s.findPeople(ctx, q, false)
	if err != nil || len(out) > 0 || !q.OrLeft {
		return out, err
	}
	return s.findPeople(ctx, q, true)
}

// findPeople lists the active people matching q, or with left those who left.
func (s *Store) findPeople(ctx context.Context, q PeopleQuery, left bool) ([]PersonChoice, error) {
	me, err := s.WithContext(ctx).MyID()
	if err != nil {
		return nil, err
	}
	active := "archived_at IS NULL AND status <> ?"
	if left {
		active = "NOT (" + active + ")"
	}
	rows, err := s.db.WithContext(ctx).Model(&Person{}).
		Select("id, name, preferred_name, team, email").
		Where(active, StatusLeft).Where("id <> ?", q.Except).
		Order(clause.OrderBy{Expression: clause.Expr{SQL: "id = ? DESC, " + s.d.nocase("name") + ", id", Vars: []any{me}}}).Rows()
	if err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	defer rows.Close()
	var out []PersonChoice
	c := PersonChoice{Left: left}
	var preferred string
	words, ok := queryWords(q.Text)
	if !ok {
		return nil, nil
	}
	for len(out) < q.Limit && rows.Next() {
		if err := rows.Scan(&c.ID, &c.Name, &preferred, &c.Team, &c.Email); err != nil {
			return nil, fmt.Errorf("find people: %w", err)
		}
		if matchWords(words, c.Name, preferred, c.Team, c.Email) {
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find people: %w", err)
	}
	return out, nil
}
