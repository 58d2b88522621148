package model

import (
	"strings"

	"gorm.io/gorm"
)

// strengthWords, frozen at schema 13, mark the existing themes that name
// something done well rather than something that hurt.
var strengthWords = []string{"wow", "empower", "personal touch", "proud", "delight", "above and beyond", "praise", "thank"}

// migrateTagKinds (schema 13) gives every theme a kind: friction (what hurt
// the customer) or strength (a WOW moment, an empowered agent), so the
// friction chart counts friction only.
func migrateTagKinds(tx *gorm.DB) error {
	if err := execAll(tx, []string{
		`ALTER TABLE tags ADD COLUMN kind TEXT NOT NULL DEFAULT 'friction'`,
		`CREATE INDEX idx_tags_kind ON tags(kind)`,
	}); err != nil {
		return err
	}
	var tags []struct {
		ID   uint
		Name string
	}
	if err := tx.Raw(`SELECT id, name FROM tags`).Scan(&tags).Error; err != nil {
		return err
	}
	var strengths []uint
	for _, t := range tags {
		if guessStrength(t.Name, strengthWords) {
			strengths = append(strengths, t.ID)
		}
	}
	for len(strengths) > 0 {
		n := min(len(strengths), 500)
		if err := tx.Exec(`UPDATE tags SET kind = 'strength' WHERE id IN ?`, strengths[:n]).Error; err != nil {
			return err
		}
		strengths = strengths[n:]
	}
	return nil
}

func guessStrength(name string, words []string) bool {
	name = strings.ToLower(name)
	for _, w := range words {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
