package model

import "gorm.io/gorm"

// migrateReportVoice (schema 14) lets the report add to their own agenda
// before the meeting: what they add waits in agenda_items (and their pulse
// rating in agendas) until their lead starts the next one-on-one, which
// takes it in as items marked as theirs and keeps their rating beside the
// one given in the meeting.
func migrateReportVoice(tx *gorm.DB) error {
	d := dialectOf(tx)
	return execAll(tx, []string{
		`ALTER TABLE one_on_one_items ADD COLUMN by_report BOOLEAN NOT NULL DEFAULT false`,
		`ALTER TABLE one_on_ones ADD COLUMN report_pulse INTEGER NOT NULL DEFAULT 0`,
		`CREATE TABLE agenda_items (id ` + d.serial() + `,
			person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
			heading TEXT NOT NULL,
			text TEXT NOT NULL,
			non_work BOOLEAN NOT NULL DEFAULT false,
			position INTEGER NOT NULL DEFAULT 0,
			author TEXT NOT NULL DEFAULT ` + d.author() + `,
			created_at ` + d.timestamp() + `)`,
		`CREATE INDEX idx_agenda_items_person ON agenda_items(person_id, position)`,
		`CREATE TABLE agendas (person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
			pulse INTEGER NOT NULL DEFAULT 0,
			updated_at ` + d.timestamp() + `)`,
	})
}
