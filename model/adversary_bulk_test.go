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
// statement came with the demo generator (it was as wrong in Store.Demo);
// FillEmpty now hands it to any caller whose store lives on after the fill:
// the window's "Load demo data" (ui/people.go, demo.Generate on the shell's
// store) keeps the 1 GB connection for the rest of the session, and
// storetest.FillDemo for the rest of a test.
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

// cohortInFill starts a cohort of hires on the default program from inside
// a fill.
func cohortInFill(b *Bulk, hires ...Person) (Cohort, error) {
	prog, err := b.DefaultProgram()
	if err != nil {
		return Cohort{}, err
	}
	return b.CreateCohort(NewCohort{Name: "March", ProgramID: prog.ID, Start: DateOf(b.Now()), NewHires: hires})
}

// Bulk says "the store's own rules run in it as they stand", and Bulk
// embeds *Store, so a filler may call any Store method inside the fill.
// FillEmpty turns nested transactions off, so a Store method that fails half
// way no longer rolls back what it wrote before failing: it stays in the
// fill's transaction and is committed with it. A filler that skips what the
// store refuses (as a generator of sample data would) commits half writes:
// here a cohort with its phases and milestones and none of the hires it was
// refused for. Outside a fill, the same refused CreateCohort writes nothing.
func TestFillEmptyKeepsAStoreMethodAllOrNothing(t *testing.T) {
	s := newTestStore(t)
	var refused error
	if err := s.FillEmpty(s.Now(), func(b *Bulk) error {
		_, refused = cohortInFill(b, Person{Name: "Bea"}, Person{Name: "Eve\x1b[2J"})
		return nil // skip what the store refused
	}); err != nil {
		t.Fatal(err)
	}
	if refused == nil {
		t.Fatal("CreateCohort with a hire named with an escape sequence was not refused")
	}
	for _, table := range []string{"cohorts", "cohort_phases", "cohort_milestones", "cohort_hires", "people"} {
		var n int64
		if err := s.DB().Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("a CreateCohort refused inside FillEmpty (%v) left %d rows in %s", refused, n, table)
		}
	}
}
