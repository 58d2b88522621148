package model

import (
	"testing"
)

// FillEmpty (new and exported in #18) raises the connection's page cache to
// 1 GB for the fill and means to put it back afterwards, but it puts it back
// with "PRAGMA cache_size = ?": SQLite takes no parameters in a PRAGMA, the
// statement fails, the error is dropped, and the connection goes back to the
// pool with a 1 GB cache instead of DSN's 8 MB. Every later read on it may
// keep up to 1 GB resident (the README's reason for the small cache). The
// statement came with the demo generator; FillEmpty now hands it to any
// caller whose store lives on after the fill (storetest.FillDemo, a future
// "fill with sample data" in the window).
func TestFillEmptyGivesTheConnectionItsCacheBack(t *testing.T) {
	s := newTestStore(t)
	if isPostgres(s.db) {
		t.Skip("a SQLite connection's page cache")
	}
	sqlDB, err := s.DB().DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(1) // so the fill's connection is the one read after
	var before int
	if err := s.DB().Raw("PRAGMA cache_size").Scan(&before).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.FillEmpty(s.Now(), func(b *Bulk) error {
		return b.AddPeople([]Person{{Name: "Ana", Role: RoleAgent, Status: StatusActive, Cadence: CadenceWeekly, Version: 1}})
	}); err != nil {
		t.Fatal(err)
	}
	var after int
	if err := s.DB().Raw("PRAGMA cache_size").Scan(&after).Error; err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("PRAGMA cache_size after FillEmpty = %d, want %d as before it", after, before)
	}
}
