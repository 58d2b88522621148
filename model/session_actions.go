package model

import "fmt"

// SessionActions are the actions agreed in each of the sessions ids, by
// session, in the order they were added.
func (s *Store) SessionActions(ids []uint) (map[uint][]Action, error) {
	var acts []Action
	if err := s.db.Where("session_id IN ?", ids).Order("id").Find(&acts).Error; err != nil {
		return nil, fmt.Errorf("actions of sessions: %w", err)
	}
	bySession := map[uint][]Action{}
	for _, a := range acts {
		bySession[*a.SessionID] = append(bySession[*a.SessionID], a)
	}
	return bySession, nil
}
