package model

import "gorm.io/gorm"

// migrateCohortWork (schema 12) lets a trainer work on a whole cohort: the
// offer to leave is made once for the cohort (day, amount, currency), and
// the cohort names who holds its hires' one-on-ones while they train. A
// hire keeps the currency they were offered, the day they joined when late,
// and their standing before they took the offer (to go back to it).
func migrateCohortWork(tx *gorm.DB) error {
	stmts := []string{
		`ALTER TABLE cohorts ADD COLUMN offer_on DATE`,
		`ALTER TABLE cohorts ADD COLUMN offer_amount INTEGER NOT NULL DEFAULT 0`,
		`ALTER TABLE cohorts ADD COLUMN offer_currency TEXT NOT NULL DEFAULT ''`,
		// Dropping the person leaves the cohort's hires with their managers.
		`ALTER TABLE cohorts ADD COLUMN owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL`,
		// The trainer first listed holds the one-on-ones of cohorts started before.
		`UPDATE cohorts SET owner_id = (SELECT MIN(person_id) FROM cohort_trainers t WHERE t.cohort_id = cohorts.id)`,
		`CREATE INDEX idx_cohorts_owner ON cohorts(owner_id)`,
		`ALTER TABLE cohort_hires ADD COLUMN offer_currency TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE cohort_hires ADD COLUMN joined_on DATE`,
		`ALTER TABLE cohort_hires ADD COLUMN status_before_offer TEXT NOT NULL DEFAULT ''`,
	}
	if isPostgres(tx) {
		stmts = append(stmts, `ALTER TABLE cohorts ADD CONSTRAINT cohorts_offer_on_finite CHECK (isfinite(offer_on))`,
			`ALTER TABLE cohort_hires ADD CONSTRAINT cohort_hires_joined_on_finite CHECK (isfinite(joined_on))`)
	}
	return execAll(tx, stmts)
}
