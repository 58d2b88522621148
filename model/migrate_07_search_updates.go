package model

import (
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// migrateSearchUpdates (schema 7) re-indexes a row only when what the index reads from
// it changed: ticking an item or rating the pulse used to rewrite its
// index entry on every autosave. (Indexes built since are made that way.)
func migrateSearchUpdates(tx *gorm.DB) error {
	if isPostgres(tx) {
		return nil
	}
	var stmts []string
	for _, src := range append(slices.Clone(searchSources), searchPrivate) {
		stmts = append(stmts, fmt.Sprintf("DROP TRIGGER search_%s_au", src.name()), sqliteUpdateTrigger(src))
	}
	return execAll(tx, stmts)
}
