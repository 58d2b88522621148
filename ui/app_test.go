package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"solemate/model"
)

// Run loads bold off the UI goroutine while it loads regular there; this
// does the same, for the race detector (go test -race) to watch. This
// file's tests run first in the package, so the fonts really load here.
func TestBoldLoadsBesideRegular(t *testing.T) {
	test.NewTempApp(t)
	bold := loadBoldFont()
	regular := fyne.MeasureText("Solemate", theme.TextSize(), fyne.TextStyle{})
	<-bold
	if b := fyne.MeasureText("Solemate", theme.TextSize(), fyne.TextStyle{Bold: true}); b.Width <= regular.Width {
		t.Errorf("bold %v is no wider than regular %v", b, regular)
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

// A screen reached by shortcut or from another screen loads once, as one
// picked in the sidebar does.
func TestSwitchingLoadsOnce(t *testing.T) {
	s, _ := newTestShell(t)
	work := 0 // jobs run off the UI goroutine
	s.bg = func(f func()) { work++; f() }
	for _, sc := range []int{screenPeople, screenOneOnOnes, screenCohorts} {
		s.show(screenToday)
		before := work
		s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyName(fmt.Sprint(sc + 1))))
		byKey := work - before
		s.nav.Select(screenToday)
		before = work
		s.nav.Select(sc)
		if byNav := work - before; byKey != byNav || s.current != sc {
			t.Errorf("%s: %d jobs by shortcut, %d from the sidebar", s.screens[sc].title, byKey, byNav)
		}
	}
}
