package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"solemate/model"
	"solemate/model/demo"
)

// TestEveryScreenFitsTheSmallestWindow opens every screen and dialog on
// demo data and checks that none asks for more than minWindow: a wider
// one made the window grow past the screen (a one-on-one, to 1094 px).
func TestEveryScreenFitsTheSmallestWindow(t *testing.T) {
	s, store := newTestShell(t)
	if _, err := demo.Generate(store, demo.Options{People: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	people, err := store.People(false)
	if err != nil {
		t.Fatal(err)
	}
	meetings, err := store.MeetingIDs(model.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cohorts, err := store.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	var board *cohortScreen
	for _, c := range []struct {
		name string
		open func()
	}{
		{"Today", func() { s.show(screenToday) }},
		{"People", func() { s.show(screenPeople) }},
		{"a person", func() { s.openPerson(people[0].ID) }},
		{"a new person", func() { s.newOn(screenPeople) }},
		{"One-on-ones", func() { s.show(screenOneOnOnes) }},
		{"a person's one-on-ones", func() { s.openOneOnOnes(people[0].ID) }},
		{"team actions", func() { s.openTeamActions() }},
		{"the editor", func() { s.openMeeting(meetings[0]) }},
		{"Cohorts", func() { s.show(screenCohorts) }},
		{"a cohort board", func() { s.openCohort(cohorts[0].ID); board = s.cohorts() }},
		{"Shadowing", func() { s.show(screenShadowing) }},
		{"a new session", func() { s.newOn(screenShadowing) }},
		{"Prompts", func() { s.show(screenPrompts) }},
		{"a new prompt", func() { s.newOn(screenPrompts) }},
		{"Search", func() { showSearch(s).entry.SetText("a") }},
		{"Settings", s.showSettings},
		{"Keyboard shortcuts", s.showShortcuts},
		{"About", s.showAbout},
		{"New cohort", func() { s.show(screenCohorts); showNewCohort(s.cohorts()) }},
		{"a hire's checklist", func() { s.openCohort(cohorts[0].ID); showChecklist(board, firstHire(t, store, cohorts[0].ID)) }},
		{"Onboarding programs", func() { s.show(screenCohorts); showPrograms(s) }},
		{"Edit cohort", func() { s.openCohort(cohorts[0].ID); showEditCohort(s.cohorts()) }},
		{"Offer day", func() { s.openCohort(cohorts[0].ID); showOfferDay(s.cohorts()) }},
		{"the undo bar, a long name in it", func() {
			s.show(screenPeople)
			s.undo.offer("Archived "+strings.Repeat("Maximiliane ", 12)+"von Hohenzollern-Sigmaringen.", time.Hour, func() {})
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s.closeDialogs()
			c.open()
			// The window is its content and its padding (and a menu bar,
			// which a test window has none of); a dialog covers it all.
			shown := s.win.Content()
			m := shown.MinSize().Add(fyne.NewSquareSize(2 * theme.Padding()))
			if top := s.win.Canvas().Overlays().Top(); top != nil {
				shown = top
				m = top.MinSize()
			}
			if m.Width > minWindow.Width || m.Height > minWindow.Height {
				t.Errorf("needs %v, more than %v; the widest parts:\n%s", m, minWindow, widest(shown, minWindow.Width/3))
			}
		})
	}
}

func firstHire(t *testing.T, store *model.Store, cohort uint) uint {
	t.Helper()
	b, err := store.CohortBoard(cohort)
	if err != nil || len(b.Rows) == 0 {
		t.Fatalf("no hire on the board: %v", err)
	}
	return b.Rows[0].Hire.ID
}

// widest lists the innermost parts wider than limit, for a failure to say
// what forces the width.
func widest(o fyne.CanvasObject, limit float32) string {
	out := ""
	for _, k := range children(o) {
		if k.Visible() && k.MinSize().Width > limit {
			out += widest(k, limit)
		}
	}
	if sp, ok := o.(*container.Split); ok {
		out = fmt.Sprintf("  split %.0f | %.0f\n", sp.Leading.MinSize().Width, sp.Trailing.MinSize().Width) + out
	}
	if out != "" {
		return out
	}
	what := fmt.Sprintf("%T", o)
	switch x := o.(type) {
	case *canvas.Text:
		what += " " + x.Text
	case *fyne.Container:
		for _, k := range x.Objects {
			what += fmt.Sprintf(" [%T %.0f]", k, k.MinSize().Width)
		}
	}
	return fmt.Sprintf("  %.0f %s\n", o.MinSize().Width, what)
}

// TestWindowReopensAtItsSize closes the window at a size and reads back
// the size the next start opens at: the first start's, the one saved, or
// the smallest window when the one saved is smaller.
func TestWindowReopensAtItsSize(t *testing.T) {
	for _, c := range []struct {
		name   string
		closed *fyne.Size // nil: never closed before
		want   fyne.Size
	}{
		{"first start", nil, firstWindow},
		{"as it closed", &fyne.Size{Width: 1280, Height: 800}, fyne.NewSize(1280, 800)},
		{"never below the smallest", &fyne.Size{Width: 640, Height: 400}, minWindow},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestShellClosing(t, true)
			if c.closed != nil {
				s.win.Resize(*c.closed)
				s.close()
			}
			if got := savedWindowSize(prefs()); got != c.want {
				t.Errorf("opens at %v, want %v", got, c.want)
			}
		})
	}
}
