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
		prog, err := b.DefaultProgram()
		if err != nil {
			return err
		}
		_, refused = b.WithContext(ctx).CreateCohort(NewCohort{Name: "March", ProgramID: prog.ID, Start: DateOf(s.Now()),
			NewHires: []Person{{Name: "Bea"}}})
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
