package model

import "gorm.io/gorm"

// migrateScaleIndexes (schema 8) adds indexes for what lists count across years of
// history: open follow-ups and open actions (partial: a small part of all),
// recent sessions by channel, and a person's sessions by date.
func migrateScaleIndexes(tx *gorm.DB) error {
	return execAll(tx, []string{
		`CREATE INDEX idx_one_on_one_items_open_follow_up ON one_on_one_items(follow_up, one_on_one_id) WHERE status = 'open' AND follow_up IS NOT NULL`,
		`CREATE INDEX idx_actions_open ON actions(person_id, due) WHERE done_at IS NULL`,
		// Covers the friction overview: recent sessions' channels without
		// reading the sessions themselves.
		`DROP INDEX idx_shadowing_sessions_date`,
		`CREATE INDEX idx_shadowing_sessions_date ON shadowing_sessions(date, channel)`,
		// Counts a hire's sessions since their cohort began, for its board.
		`DROP INDEX idx_shadowing_sessions_person_id`,
		`CREATE INDEX idx_shadowing_sessions_person_id ON shadowing_sessions(person_id, date)`,
	})
}
