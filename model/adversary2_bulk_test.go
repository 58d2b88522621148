package model

import (
	"context"
	"testing"

	"gorm.io/gorm"
)

// In a fill, transaction() undoes a failed store call with ROLLBACK TO
// SAVEPOINT on the caller's own db, with the caller's context. When the
// call failed because that context was cancelled (a store from
// Store.WithContext, as the UI and every reader use), the rollback is
// refused for the same reason (database/sql runs nothing on a cancelled
// context) and the half write stays in the fill: with the filler going on,
// as transaction() means it to, it is committed with the fill, and the
// savepoint is left open. Outside a fill the same cancelled call is all or
// nothing: database/sql rolls the whole transaction back. A method must not
// commit half because of whose context undid it.
func TestFillEmptyUndoesACancelledStoreCall(t *testing.T) {
	s := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancelled just after the cohort's own row is written, as a user
	// leaving the screen would, half way through CreateCohort.
	if err := s.DB().Callback().Create().After("gorm:create").Register("adv2:cancel", func(db *gorm.DB) {
		if db.Statement.Table == "cohorts" {
			cancel()
		}
	}); err != nil {
		t.Fatal(err)
	}
	var refused error
	if err := s.FillEmpty(s.Now(), func(b *Bulk) error {
		_, refused = cohortInFill(&Bulk{b.WithContext(ctx)}, Person{Name: "Bea"})
		return b.AddPeople([]Person{{Name: "Ana", Role: RoleAgent, Status: StatusActive, Cadence: CadenceWeekly, Version: 1}})
	}); err != nil {
		t.Fatal(err)
	}
	if refused == nil {
		t.Fatal("CreateCohort on a context cancelled half way was not refused")
	}
	for _, table := range []string{"cohorts", "cohort_phases", "cohort_milestones", "cohort_hires"} {
		var n int64
		if err := s.DB().Table(table).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("a CreateCohort refused inside FillEmpty (%v) left %d rows in %s", refused, n, table)
		}
	}
}

// transaction() lets a fill go on after a store call it refused, and on
// SQLite every store method may be refused and the fill goes on. On
// PostgreSQL a statement that fails aborts the whole transaction, and the
// store methods that write one statement without transaction() (AddHire,
// SaveAction, MarkAsked, SavePrompt...) open no savepoint: AddHire of
// someone already in the cohort is refused as a ValidationError, a refusal
// a filler skips, and then every later write of the fill fails ("current
// transaction is aborted") and the whole fill is lost. A store method
// behaves the same in a fill on either database.
func TestFillEmptyGoesOnAfterARefusedAddHire(t *testing.T) {
	s := newTestStore(t)
	var refused error
	if err := s.FillEmpty(s.Now(), func(b *Bulk) error {
		c, err := cohortInFill(b, Person{Name: "Bea"})
		if err != nil {
			return err
		}
		var bea Person
		if err := b.DB().Where("name = ?", "Bea").First(&bea).Error; err != nil {
			return err
		}
		_, refused = b.AddHire(c.ID, bea.ID) // already in it: skipped
		return b.AddPeople([]Person{{Name: "Ana", Role: RoleAgent, Status: StatusActive, Cadence: CadenceWeekly, Version: 1}})
	}); err != nil {
		t.Fatalf("the fill failed after a refused AddHire (%v): %v", refused, err)
	}
	if !IsValidation(refused) {
		t.Errorf("AddHire of someone already in the cohort = %v, want a ValidationError", refused)
	}
}
