package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func TestTodayWelcomesAnEmptyDatabase(t *testing.T) {
	s, _ := newTestShell(t)
	if s.current != 0 || s.today().root.Objects[0] != s.today().welcome {
		t.Fatal("Today is the start screen and welcomes a new user")
	}
	assertGolden(t, "today_empty.xml", s.win.Canvas())
}

func TestTodayAnswersWhatIsDue(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	cohortOfTwenty(t, store)
	s.today().load()
	for _, want := range []string{"One-on-ones due (", "Amara Okafor — overdue by 2 days", "Cohorts (", "March 2026: 2 of 20 hires behind", "Prompt of the day"} {
		if !markupContains(t, s, want) {
			t.Errorf("Today lacks %q", want)
		}
	}
	assertGolden(t, "today.xml", s.win.Canvas())

	// The first due entry opens that person's page.
	card := s.today().cards.Objects[0].(*widget.Card)
	first := card.Content.(*fyne.Container).Objects[0].(*widget.Button)
	test.Tap(first)
	if s.current != 2 || s.oneOnOnes().page.person.ID != overdue.ID {
		t.Errorf("clicking %q opened screen %d, person %d", first.Text, s.current, s.oneOnOnes().page.person.ID)
	}
}

// Start-up builds Today only; each other screen is built when first opened.
func TestScreensAreBuiltOnFirstVisit(t *testing.T) {
	s, _ := newTestShell(t)
	for i, sl := range s.screens {
		if (sl.built != nil) != (i == screenToday) {
			t.Errorf("%s built at start: %v", sl.title, sl.built != nil)
		}
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key3))
	if s.current != screenOneOnOnes || s.screens[screenOneOnOnes].built == nil || s.screens[screenPeople].built != nil {
		t.Errorf("Ctrl+3: screen %d; built one-on-ones %v, people %v", s.current,
			s.screens[screenOneOnOnes].built != nil, s.screens[screenPeople].built != nil)
	}
	if s.win.Title() != "Solemate — One-on-ones" {
		t.Errorf("title %q", s.win.Title())
	}
}

// Until the database is open the window shows Today without data, and a
// screen chosen meanwhile is shown once it is.
func TestShellWaitsForTheStore(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s := newShellFrame(w, Info{}, func(f func()) { f() })
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyF)) // nothing to search yet
	s.nav.Select(screenPeople)
	if len(s.dialogs) != 0 || s.screens[screenPeople].built != nil {
		t.Fatal("nothing should happen before the database is open")
	}
	store := openTestStore(t, filepath.Join(t.TempDir(), model.FileName))
	var days []model.TodayView
	s.onDay = func(v model.TodayView) { days = append(days, v) }
	s.attach(store)
	if s.current != screenPeople || s.people().root.Objects[0] != s.people().welcome {
		t.Errorf("after opening: screen %d", s.current)
	}
	s.show(screenToday)
	s.show(screenToday)
	if len(days) != 1 || !days[0].Empty {
		t.Errorf("Today's first day should be handed on once: %d", len(days))
	}
}

// A card lists todayMax entries and counts the rest, making no more.
func TestTodayCardMakesOnlyWhatItShows(t *testing.T) {
	test.NewTempApp(t)
	made := 0
	card := todayCard("Due", "", "none", 10000, func(i int) todayEntry {
		made++
		return todayEntry{fmt.Sprint("entry ", i), func() {}}
	}, func() {}).(*widget.Card)
	box := card.Content.(*fyne.Container)
	if made != todayMax || len(box.Objects) != todayMax+1 || card.Title != "Due (10000)" {
		t.Fatalf("made %d entries, %d lines, title %q", made, len(box.Objects), card.Title)
	}
	if more := box.Objects[todayMax].(*widget.Button); more.Text != "and 9992 more…" {
		t.Errorf("last line %q", more.Text)
	}
}

// A database that cannot be opened is explained in the main window, in
// place of the screens.
func TestFatalReplacesTheScreens(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	s := newShellFrame(w, Info{}, func(f func()) { f() })
	w.SetMainMenu(s.menu())
	showFatal(w, fmt.Errorf("disk on fire"))
	if w.MainMenu() != nil || !contains(test.RenderToMarkup(w.Canvas()), "disk on fire") || contains(test.RenderToMarkup(w.Canvas()), "Today") {
		t.Error("the error should replace the screens and the menu")
	}
}
