package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"

	"solemate/model"
)

// A load a newer one on its line overtook is cancelled in the store and its
// result dropped, however late it finishes: the shadowing filters showed an
// older, slower answer over a newer one.
func TestFetchNewestOnItsLineWins(t *testing.T) {
	s, _ := newTestShell(t)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	var l line
	var shown []string
	var older error
	fetch(s, &l, "load", func(st *model.Store) (string, error) {
		_, older = st.People(false)
		return "older", nil
	}, func(v string) { shown = append(shown, v) })
	fetch(s, &l, "load", func(st *model.Store) (string, error) {
		_, err := st.People(false)
		return "newer", err
	}, func(v string) { shown = append(shown, v) })
	jobs[1]() // the newer finishes first
	jobs[0]()
	if len(shown) != 1 || shown[0] != "newer" {
		t.Errorf("shown %q, want only the newer load's", shown)
	}
	if !errors.Is(older, context.Canceled) {
		t.Errorf("the overtaken load's query: %v, want it cancelled", older)
	}
}

// A second click on Meeting mode while the first is still loading, or once
// its window is up, shows the one window: two full-screen windows on one
// meeting took an Esc each, and each saved what was typed in it.
func TestMeetingModeOpensOnce(t *testing.T) {
	for _, loaded := range []bool{false, true} {
		t.Run(map[bool]string{false: "still loading", true: "window up"}[loaded], func(t *testing.T) {
			s, _, o := startWithOverdue(t, false, nil)
			id := o.editor.meeting.ID
			var jobs []func()
			s.bg = func(f func()) { jobs = append(jobs, f) }
			before := len(fyne.CurrentApp().Driver().AllWindows())
			openMeetingMode(s, id, func() {})
			if loaded {
				jobs[0]()
				jobs = jobs[1:]
			}
			openMeetingMode(s, id, func() {})
			for _, j := range jobs {
				j()
			}
			if n := len(fyne.CurrentApp().Driver().AllWindows()) - before; n != 1 {
				t.Errorf("%d meeting windows opened, want 1", n)
			}
			if len(s.meetings) != 1 {
				t.Errorf("%d meeting modes open, want 1", len(s.meetings))
			}
		})
	}
}

// What ends in a dialog and is still loading when the user moves to
// another screen is dropped: a hire's checklist popped up over Today.
func TestAPopupStillLoadingIsDroppedOnLeavingTheScreen(t *testing.T) {
	s, _, o := startWithOverdue(t, false, nil)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	o.prepare(o.page.person)
	s.show(screenToday)
	for _, j := range jobs {
		j()
	}
	if len(s.dialogs) != 0 {
		t.Errorf("%d dialogs open over Today, want none", len(s.dialogs))
	}
}

// A person's page acts only on the person it shows: while another person
// loads, Start and Prepare wait, so a quick click cannot start a meeting
// with the person shown before.
func TestPersonPageActsOnlyOnThePersonShown(t *testing.T) {
	s, store, o := startWithOverdue(t, false, nil)
	people, err := store.People(false)
	if err != nil {
		t.Fatal(err)
	}
	var recent uint
	for _, p := range people {
		if p.Name == "Ben Lindqvist" {
			recent = p.ID
		}
	}
	o.openPerson(o.page.person.ID)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	o.openPerson(recent)
	if !o.page.startBtn.Disabled() {
		t.Fatal("Start one-on-one is on while the person is still loading")
	}
	for _, j := range jobs {
		j()
	}
	if o.page.startBtn.Disabled() || o.page.person.ID != recent {
		t.Errorf("after loading: start disabled %v, page on %d, want on and %d", o.page.startBtn.Disabled(), o.page.person.ID, recent)
	}
}

// The window's commands wait while a dialog asks something: Ctrl+1 behind
// a new cohort's dialog left the dialog over Today.
func TestShortcutsWaitForAnOpenDialog(t *testing.T) {
	s, _ := newTestShell(t)
	s.show(screenCohorts)
	showSearch(s)
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key1))
	if s.current != screenCohorts {
		t.Errorf("Ctrl+1 behind a dialog went to screen %d", s.current)
	}
	s.closeDialogs()
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key1))
	if s.current != screenToday {
		t.Errorf("Ctrl+1 with no dialog: screen %d, want Today", s.current)
	}
}
