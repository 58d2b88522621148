package model

import "gorm.io/gorm"

// migrateReportVoice (schema 14) lets the report add to their own agenda:
// an item they wrote is marked as theirs, and a meeting keeps the pulse
// rating they gave ahead of it beside the one agreed in the meeting.
func migrateReportVoice(tx *gorm.DB) error {
	return execAll(tx, []string{
		`ALTER TABLE one_on_one_items ADD COLUMN by_report BOOLEAN NOT NULL DEFAULT false`,
		`ALTER TABLE one_on_ones ADD COLUMN report_pulse INTEGER NOT NULL DEFAULT 0`,
	})
}
