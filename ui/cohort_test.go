package ui

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func cohorts(s *shell) *cohortScreen { return s.cohorts() }

// cohortOfTwenty starts a cohort of twenty on the default program on Monday
// 2 March 2026; fixedNow is day 7 of the classes.
func cohortOfTwenty(t *testing.T, store *model.Store) model.Cohort {
	t.Helper()
	trainer := model.Person{Name: "Tara Trainer", Role: model.RoleTrainer}
	if err := store.SavePerson(&trainer); err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for i := 1; i <= 20; i++ {
		p := model.Person{Name: fmt.Sprintf("Hire %02d", i), StartDate: model.NewDate(2026, 3, 2)}
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	progs, _ := store.Programs()
	c, err := store.CreateCohort(model.NewCohort{Name: "March 2026", ProgramID: progs[0].ID, Start: model.NewDate(2026, 3, 2),
		TrainerIDs: []uint{trainer.ID}, OwnerID: trainer.ID, HireIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	// Most hires did the culture session; two did not.
	b, _ := store.CohortBoard(c.ID)
	for _, r := range b.Rows[2:] {
		if err := store.SetCompletion(r.ID, r.Phases[0].Milestones[0].ID, true, model.NewDate(2026, 3, 6), nil, ""); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestCohortBoardAndChecklist(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key5))
	sc := cohorts(s)
	if len(sc.cohorts) != 1 || sc.cohorts[0].Behind != 2 || sc.cohorts[0].PhaseName != "Onboarding classes" {
		t.Fatalf("cohort list = %+v", sc.cohorts)
	}
	sc.list.Select(0)
	if len(sc.board.Rows) != 20 || sc.board.Current != 0 || len(sc.grid.Objects) != 20 || len(sc.header.Objects) != 1 {
		t.Fatalf("board: %d rows, current %d", len(sc.board.Rows), sc.board.Current)
	}
	if !markupContains(t, s, "(now)") || !markupContains(t, s, "20 hires, 20 in training · 2 behind") {
		t.Error("the board should mark today's phase and count who is behind")
	}
	assertGolden(t, "cohort_board.xml", s.win.Canvas())

	hire := sc.board.Rows[0]
	showChecklist(sc, hire.ID)
	for _, want := range []string{"Culture and core values — due Fri 6 Mar", "overdue", "Offer made on", "No one-on-ones or shadowing sessions yet."} {
		if !markupContains(t, s, want) {
			t.Errorf("checklist lacks %q", want)
		}
	}
	assertGolden(t, "cohort_checklist.xml", s.win.Canvas())
	if err := store.SetCompletion(hire.ID, hire.Phases[0].Milestones[0].ID, true, store.Today(), nil, ""); err != nil {
		t.Fatal(err)
	}
	sc.open(c.ID)
	if sc.board.BehindCount() != 1 {
		t.Errorf("after ticking, %d behind, want 1", sc.board.BehindCount())
	}
}

func TestProgramsDialogShowsTheDefaultProgram(t *testing.T) {
	s, store := newTestShell(t)
	e := showPrograms(s)
	for _, want := range []string{"New hire onboarding", "Phone coaching", "Walk in the customer's shoes twice", "Count working days only"} {
		if !markupContains(t, s, want) {
			t.Errorf("programs dialog lacks %q", want)
		}
	}

	// Copy, rename, save: the copy changes, the default does not.
	e.copy()
	if e.current.Name != "Copy of New hire onboarding" {
		t.Fatalf("after Copy the editor shows %q", e.current.Name)
	}
	e.current.Name = "Winter onboarding"
	e.dirty = true
	e.save()
	names := map[string]bool{}
	progs, _ := store.Programs()
	for _, p := range progs {
		names[p.Name] = true
	}
	if len(progs) != 2 || !names["New hire onboarding"] || !names["Winter onboarding"] {
		t.Errorf("programs after copy and save: %v", names)
	}
	// A new program saves twice without claiming its own name is taken.
	e.show(model.ProgramDetail{Program: model.Program{Name: "Apprentice track", SkipWeekends: true},
		Phases: []model.Phase{{Name: "Only phase", LengthDays: 5}}})
	e.save()
	e.save()
	if e.problems.Visible() {
		t.Errorf("second save: %s", e.problems.Text)
	}
	if progs, _ := store.Programs(); len(progs) != 3 {
		t.Errorf("%d programs, want 3", len(progs))
	}
}

func TestCohortsWelcomeWhenNone(t *testing.T) {
	s, _ := newTestShell(t)
	s.open(s.cohorts())
	if cohorts(s).root.Objects[0] != cohorts(s).welcome || !markupContains(t, s, "No cohorts yet") {
		t.Error("no cohorts should show the welcome")
	}
}

// A trainer starts a cohort of twenty from the default program, adding one
// new hire by name on the way.
func TestStartingACohortFromTheDialog(t *testing.T) {
	s, store := newTestShell(t)
	trainer := model.Person{Name: "Tara Trainer", Role: model.RoleTrainer}
	if err := store.SavePerson(&trainer); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 19; i++ {
		if err := store.SavePerson(&model.Person{Name: fmt.Sprintf("Hire %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.open(s.cohorts())
	f := showNewCohort(cohorts(s))
	test.Tap(f.create)
	if !f.problems.Visible() || !strings.Contains(f.problems.Text, "give the cohort a name") {
		t.Fatalf("an unnamed cohort should be refused: %q", f.problems.Text)
	}
	test.Type(f.name, "April 2026")
	f.start.entry.SetText("2026-04-06")
	f.trainers.trainers.SetSelected([]string{"Tara Trainer"})
	test.Tap(f.hires.selectAll)
	test.Type(f.hires.query, "Nina New")
	test.Tap(f.hires.add)
	if n, _ := store.CountPeople(); n != 20 {
		t.Errorf("adding a new hire by name should wait for the cohort: %d people", n)
	}
	test.Tap(f.create)
	cs, _ := store.Cohorts()
	if len(cs) != 1 || cs[0].Name != "April 2026" || cs[0].Hires != 20 || cs[0].PhaseName != "Starts Mon 6 Apr" {
		t.Fatalf("cohorts = %+v", cs)
	}
	b, _ := store.CohortBoard(cs[0].ID)
	if len(b.Trainers) != 1 || b.Phases[0].StartDate.String() != "2026-04-06" {
		t.Errorf("board: trainers %v, start %s", b.Trainers, b.Phases[0].StartDate)
	}
	if p, err := findPerson(store, "Nina New"); err != nil || p.StartDate.String() != "2026-04-06" || p.Role != model.RoleAgent {
		t.Errorf("the new hire on the roster: %+v, %v", p, err)
	}
}

func findPerson(store *model.Store, name string) (model.PersonRow, error) {
	rows, err := store.People(true)
	for _, r := range rows {
		if r.Name == name {
			return r, nil
		}
	}
	return model.PersonRow{}, err
}

// Trainer notes written before the notes limit open in part, read-only;
// the checklist closes without complaint while they are unchanged. Once
// shortened they save, and typing cannot take them over the limit again.
func TestLongTrainerNotesAreKept(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store := openTestStore(t, path)
	c := cohortOfTwenty(t, store)
	b, _ := store.CohortBoard(c.ID)
	hire := b.Rows[0]
	legacy := strings.Repeat("Strong on returns; pair with a buddy for exchanges. ", 2000) // 104,000 characters
	db, err := sql.Open("sqlite3", model.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("UPDATE cohort_hires SET notes = ? WHERE id = ?", legacy, hire.ID); err != nil {
		t.Fatal(err)
	}
	s := newTestShellOn(t, test.NewTempWindow(t, nil), store)
	s.open(s.cohorts())
	sc := cohorts(s)
	sc.list.Select(0)

	showChecklist(sc, hire.ID)
	if !inDialog(s.win, "Strong on returns; pair with a buddy") || !inDialog(s.win, "Copy all") {
		t.Fatal("the checklist should show the start of the trainer notes")
	}
	s.closeDialogs()
	if markupContains(t, s, "Discard changes?") || markupContains(t, s, "Could not save") {
		t.Fatal("closing with nothing changed should not try to save")
	}

	showChecklist(sc, hire.ID)
	tapButton(t, s.win.Canvas().Overlays().Top(), "Keep the first 20000 characters…")
	tapButton(t, s.win.Canvas().Overlays().Top(), "Yes")
	notes := findNoteEntry(s.win.Canvas().Overlays().Top())
	shortened := string([]rune(legacy)[:model.MaxNoteText])
	if notes == nil || notes.Text != shortened {
		t.Fatal("shortened notes should be editable")
	}
	test.Type(notes, "!")
	if notes.Text != shortened || !inDialog(s.win, "Not added: the note would be 20001 characters long") {
		t.Error("typing past the limit should be refused, and say why")
	}
	s.closeDialogs()
	if b, _ := store.CohortBoard(c.ID); b.Rows[0].Notes != shortened {
		t.Errorf("the shortened notes should save: %d characters stored", len([]rune(b.Rows[0].Notes)))
	}
}

// findNoteEntry is the first noteEntry in o, or nil.
func findNoteEntry(o fyne.CanvasObject) *noteEntry {
	e, _ := first[*noteEntry](o)
	return e
}

// tapButton taps the button labelled text in o.
func tapButton(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	b, ok := first(o, func(b *widget.Button) bool { return b.Text == text })
	if !ok {
		t.Fatalf("no %q button", text)
	}
	test.Tap(b)
}

// The list shows the cohorts of the last year; older ones come on request.
func TestCohortListShowsOlderCohortsOnRequest(t *testing.T) {
	s, store := newTestShell(t)
	cohortOfTwenty(t, store)
	progs, _ := store.Programs()
	if _, err := store.CreateCohort(model.NewCohort{Name: "January 2024", ProgramID: progs[0].ID, Start: model.NewDate(2024, 1, 8)}); err != nil {
		t.Fatal(err)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key5))
	sc := cohorts(s)
	if len(sc.cohorts) != 1 || sc.cohorts[0].Name != "March 2026" || !sc.older.Visible() || sc.older.Text != "Show all 2 cohorts" {
		t.Fatalf("recent list: %d cohorts, button %q visible %v", len(sc.cohorts), sc.older.Text, sc.older.Visible())
	}
	test.Tap(sc.older)
	if len(sc.cohorts) != 2 || sc.cohorts[1].Name != "January 2024" || sc.older.Visible() {
		t.Fatalf("after Show all: %d cohorts, button visible %v", len(sc.cohorts), sc.older.Visible())
	}
}

// Someone whose cohorts all ended over a year ago sees the list and the
// way to them, not the welcome for a first cohort.
func TestOnlyOldCohortsStillShowTheList(t *testing.T) {
	s, store := newTestShell(t)
	progs, _ := store.Programs()
	if _, err := store.CreateCohort(model.NewCohort{Name: "January 2024", ProgramID: progs[0].ID, Start: model.NewDate(2024, 1, 8)}); err != nil {
		t.Fatal(err)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key5))
	sc := cohorts(s)
	if sc.root.Objects[0] != sc.main || !sc.older.Visible() || sc.older.Text != "Show all 1 cohort" {
		t.Fatalf("welcome shown: %v, button %q visible %v", sc.root.Objects[0] == sc.welcome, sc.older.Text, sc.older.Visible())
	}
	test.Tap(sc.older)
	if len(sc.cohorts) != 1 {
		t.Fatalf("after Show all: %d cohorts", len(sc.cohorts))
	}
}
