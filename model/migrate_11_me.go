package model

import "gorm.io/gorm"

// migrateMe (schema 11) gives each user of a database settings of their own
// (who "me" is, the working week), and lets a follow-up be asked: the day it
// was and what was said, kept beside the item instead of erasing its date.
func migrateMe(tx *gorm.DB) error {
	d := dialectOf(tx)
	stmts := []string{
		// login is the server role the row belongs to ('' in a file).
		`CREATE TABLE user_settings (login TEXT NOT NULL DEFAULT ` + d.author() + `,
			name TEXT NOT NULL, value TEXT NOT NULL DEFAULT '', PRIMARY KEY (login, name))`,
		`ALTER TABLE one_on_one_items ADD COLUMN asked_on DATE`,
		`ALTER TABLE one_on_one_items ADD COLUMN asked_note TEXT NOT NULL DEFAULT ''`,
		`DROP INDEX idx_one_on_one_items_open_follow_up`,
		`CREATE INDEX idx_one_on_one_items_open_follow_up ON one_on_one_items(follow_up, one_on_one_id)
			WHERE status = 'open' AND follow_up IS NOT NULL AND asked_on IS NULL`,
	}
	if isPostgres(tx) {
		stmts = append(stmts,
			// One lead's "me" and week are theirs: nobody else reads or sets them.
			`ALTER TABLE user_settings ENABLE ROW LEVEL SECURITY`,
			`CREATE POLICY own_settings ON user_settings USING (login = current_user) WITH CHECK (login = current_user)`,
			`ALTER TABLE one_on_one_items ADD CONSTRAINT one_on_one_items_asked_on_finite CHECK (isfinite(asked_on))`,
		)
	}
	return execAll(tx, stmts)
}
