package demo

import (
	"path/filepath"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"solemate/model"
)

// fixedNow is the "today" every demo test runs on, as model's tests do.
var fixedNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

// carriesOn is the store's rule for what a meeting carries into the next
// (model's carriesOn), which the demo writes out itself. Arguments:
// status, two headings, the meeting's ID twice.
const carriesOn = `i.status = ? AND i.heading IN (?, ?)
	AND (i.one_on_one_id = ? OR i.id IN (SELECT item_id FROM carry_overs WHERE one_on_one_id = ?))`

// newTestStore opens a new database file, with a gorm handle on the same
// file beside it for what the store's API does not show (row counts, carry
// links, foreign keys).
func newTestStore(t *testing.T) (*model.Store, *gorm.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), model.FileName)
	s, db := openTestStore(t, path)
	t.Cleanup(func() { closeTestStore(t, s, db) })
	return s, db
}

// openTestStore opens the database at path as newTestStore does; the
// caller closes it with closeTestStore.
func openTestStore(t *testing.T, path string) (*model.Store, *gorm.DB) {
	t.Helper()
	s, err := model.Open(path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	db, err := gorm.Open(sqlite.Open(model.DSN(path)), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatalf("open %s with gorm: %v", path, err)
	}
	return s, db
}

func closeTestStore(t *testing.T, s *model.Store, db *gorm.DB) {
	t.Helper()
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}
