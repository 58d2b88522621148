package model

import (
	"fmt"
	"time"
)

// MeetingFilter picks one-on-ones.
type MeetingFilter struct {
	PersonID uint      // 0 for everyone
	Since    time.Time // held at or after; zero for all time
}

// MeetingIDs lists the one-on-ones f picks, by person's name, then as held.
func (s *Store) MeetingIDs(f MeetingFilter) ([]uint, error) {
	q := s.db.Table("one_on_ones AS o").Select("o.id").Joins("JOIN people p ON p.id = o.person_id").Order(s.d.nocase("p.name") + ", o.held_at, o.id")
	if f.PersonID != 0 {
		q = q.Where("p.id = ?", f.PersonID)
	}
	if !f.Since.IsZero() {
		q = q.Where("o.held_at >= ?", f.Since.UTC())
	}
	var ids []uint
	if err := q.Pluck("o.id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list one-on-ones: %w", err)
	}
	return ids, nil
}
