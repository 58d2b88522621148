package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// openBoard opens cohortOfTwenty's board, with the roster pickerRoster adds.
func openBoard(t *testing.T) (*shell, *model.Store, *cohortScreen) {
	t.Helper()
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	pickerRoster(t, store)
	s.openCohort(c.ID)
	sc := cohorts(s)
	if sc.board.ID != c.ID {
		t.Fatal("the board did not open")
	}
	return s, store, sc
}

// A trainer renames a started cohort, moves its start a week on, adds a
// trainer and two late hires (one on the roster, one new).
func TestEditCohortSavesEveryChange(t *testing.T) {
	s, store, sc := openBoard(t)
	f := showEditCohort(sc)
	if f.trainers.owner.Selected != "Tara Trainer" {
		t.Errorf("one-on-ones with %q, want the cohort's own", f.trainers.owner.Selected)
	}
	f.name.SetText("March 2026, group A")
	f.start.entry.SetText("2026-03-09")
	f.trainers.trainers.SetSelected([]string{"Lee Lead", "Tara Trainer"})
	test.Type(f.hires.query, "hire 01")
	test.Tap(f.hires.add)
	if f.hires.note.Text != "Hire 01 is already in this cohort." || len(f.hires.newNames) != 0 {
		t.Errorf("a hire of the cohort typed: %q, new %v", f.hires.note.Text, f.hires.newNames)
	}
	f.hires.query.SetText("")
	test.Type(f.hires.query, "Ana Phones")
	test.Tap(f.hires.add)
	test.Type(f.hires.query, "Nia Late")
	test.Tap(f.hires.add)
	test.Tap(f.save)
	if f.problems.Visible() {
		t.Fatal(f.problems.Text)
	}
	b, _ := store.CohortBoard(sc.board.ID)
	if b.Name != "March 2026, group A" || b.StartDate.String() != "2026-03-09" || b.Phases[0].StartDate.String() != "2026-03-09" {
		t.Errorf("name %q, start %s, first phase from %s", b.Name, b.StartDate, b.Phases[0].StartDate)
	}
	if !slices.Equal(b.TrainerNames(), []string{"Lee Lead", "Tara Trainer"}) || b.OwnerName != "Tara Trainer" {
		t.Errorf("trainers %v, one-on-ones with %q", b.TrainerNames(), b.OwnerName)
	}
	if len(b.Rows) != 22 {
		t.Errorf("%d hires, want 22", len(b.Rows))
	}
	for _, r := range b.Rows {
		if r.Name == "Hire 03" && r.Phases[0].Milestones[0].DoneOn.String() != "2026-03-06" {
			t.Errorf("a tick should keep its day: %s", r.Phases[0].Milestones[0].DoneOn)
		}
	}
	if p, err := findPerson(store, "Nia Late"); err != nil || p.StartDate != store.Today() {
		t.Errorf("a late hire added by name starts today: %+v, %v", p, err)
	}
	if sc.board.Name != "March 2026, group A" || len(s.dialogs) != 0 {
		t.Error("saving should close the dialog and show the board as saved")
	}
}

// A cohort with no name is refused in the dialog, and nothing is written.
func TestEditCohortRefusesNoName(t *testing.T) {
	_, store, sc := openBoard(t)
	f := showEditCohort(sc)
	f.name.SetText("  ")
	test.Type(f.hires.query, "Ana Phones")
	test.Tap(f.hires.add)
	test.Tap(f.save)
	if !f.problems.Visible() || f.problems.Text != "Not saved: give the cohort a name." {
		t.Errorf("problem: %q", f.problems.Text)
	}
	if b, _ := store.CohortBoard(sc.board.ID); b.Name != "March 2026" || len(b.Rows) != 20 {
		t.Errorf("nothing should be written: %q, %d hires", b.Name, len(b.Rows))
	}
}

// Removing a hire who never came says how many ticks go with them; they
// leave the cohort and stay on the roster. Enter removes, as the main
// button does (it did nothing).
func TestEditCohortRemovesANoShow(t *testing.T) {
	for _, c := range []struct {
		hire, says string
		enter      bool // confirm with Enter, not a click
	}{
		{"Hire 01", "They have no ticks yet.", false},
		{"Hire 03", "Their one tick goes with them.", true},
	} {
		t.Run(c.hire, func(t *testing.T) {
			s, store, sc := openBoard(t)
			f := showEditCohort(sc)
			var id uint
			for _, r := range sc.board.Rows {
				if r.Name == c.hire {
					id = r.ID
				}
			}
			test.Tap(f.remove[id])
			if !inDialog(s.win, c.says) || !inDialog(s.win, "They stay on the roster.") {
				t.Errorf("the confirm should say %q", c.says)
			}
			if c.enter {
				pressEnter(s.win.Canvas())
			} else {
				tapButton(t, s.win.Canvas().Overlays().Top(), "Remove")
			}
			b, _ := store.CohortBoard(sc.board.ID)
			if len(b.Rows) != 19 || len(sc.board.Rows) != 19 {
				t.Errorf("%d hires stored, %d on the board; want 19", len(b.Rows), len(sc.board.Rows))
			}
			if p, err := findPerson(store, c.hire); err != nil || p.Name != c.hire {
				t.Error("they should stay on the roster")
			}
		})
	}
}
