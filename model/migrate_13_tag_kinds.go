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
// friction chart counts friction only. Themes are named as they are saved
// now (lower case, single spaces, 100 characters at most): those written
// otherwise before are renamed, twins merged and blank ones dropped, so
// every name the overview shows finds its sessions.
func migrateTagKinds(tx *gorm.DB) error {
	if err := normalizeTags(tx); err != nil {
		return err
	}
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

// normalizeTags renames, merges and drops themes as migrateTagKinds says.
func normalizeTags(tx *gorm.DB) error {
	var tags []struct {
		ID   uint
		Name string
	}
	if err := tx.Raw(`SELECT id, name FROM tags ORDER BY id`).Scan(&tags).Error; err != nil {
		return err
	}
	keeper := map[string]uint{}
	for _, t := range tags {
		name := []rune(strings.Join(strings.Fields(strings.ToLower(t.Name)), " "))
		if len(name) > 100 {
			name = []rune(strings.TrimSpace(string(name[:100])))
		}
		norm := string(name)
		var stmts []string
		var args [][]any
		switch keep, twin := keeper[norm]; {
		case norm == "":
			stmts, args = []string{`DELETE FROM session_tags WHERE tag_id = ?`, `DELETE FROM tags WHERE id = ?`}, [][]any{{t.ID}, {t.ID}}
		case twin:
			stmts = []string{`INSERT INTO session_tags (session_id, tag_id) SELECT session_id, ? FROM session_tags
				WHERE tag_id = ? AND session_id NOT IN (SELECT session_id FROM session_tags WHERE tag_id = ?)`,
				`DELETE FROM session_tags WHERE tag_id = ?`, `DELETE FROM tags WHERE id = ?`}
			args = [][]any{{keep, t.ID, keep}, {t.ID}, {t.ID}}
		default:
			keeper[norm] = t.ID
			if norm != t.Name {
				stmts, args = []string{`UPDATE tags SET name = ? WHERE id = ?`}, [][]any{{norm, t.ID}}
			}
		}
		for i, q := range stmts {
			if err := tx.Exec(q, args[i]...).Error; err != nil {
				return err
			}
		}
	}
	return nil
}
