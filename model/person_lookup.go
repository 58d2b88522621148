package model

import (
	"fmt"
	"strings"
)

// PersonIDByEmail is the ID of the person with email (any case, spaces
// around ignored); an error names the email when no one has it.
func (s *Store) PersonIDByEmail(email string) (uint, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var ids []uint
	if err := s.db.Model(&Person{}).Where("email = ?", email).Limit(1).Pluck("id", &ids).Error; err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("no one on the roster has the email %s", email)
	}
	return ids[0], nil
}

// PersonNames maps every person's ID, archived or not, to their name.
func (s *Store) PersonNames() (map[uint]string, error) {
	var ps []Person
	if err := s.db.Select("id", "name").Find(&ps).Error; err != nil {
		return nil, err
	}
	m := make(map[uint]string, len(ps))
	for _, p := range ps {
		m[p.ID] = p.Name
	}
	return m, nil
}
