package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
	"solemate/model/demo"
)

// pressEsc presses Esc as the window does: the focused object hears it,
// or the canvas when nothing has the focus.
func pressEsc(c fyne.Canvas) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := c.Focused(); f != nil {
		f.TypedKey(esc)
		return
	}
	c.OnTypedKey()(esc)
}

// tappableFocus is a choice: a radio's item, a check, a list.
type tappableFocus interface {
	fyne.CanvasObject
	fyne.Tappable
	fyne.Focusable
}

// TestEscClosesDialogsWhileAFieldHasTheFocus presses Esc in every kind of
// field a dialog holds: an entry used to keep the key, and the dialog
// stayed (New cohort with its name in focus, say).
func TestEscClosesDialogsWhileAFieldHasTheFocus(t *testing.T) {
	s, store := newTestShell(t)
	if _, err := demo.Generate(store, demo.Options{People: 40, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	cohorts, err := store.Cohorts()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		open func()
		// field is the one to focus, by its type and, when several, the
		// n-th of them (0 based): nothing focused when empty.
		field string
		n     int
	}{
		{"search, nothing focused", func() { showSearch(s); s.win.Canvas().Unfocus() }, "", 0},
		{"deleting a one-on-one", func() {
			s.open(s.oneOnOnes())
			people, _ := store.People(false)
			oneOnOnes(s).start(people[0].ID)
			oneOnOnes(s).editor.confirmDelete()
		}, "", 0},
		{"search box", func() { showSearch(s) }, "entry", 0},
		{"new cohort's name", func() { showNewCohort(s.cohorts()) }, "entry", 0},
		{"new cohort's start date", func() { showNewCohort(s.cohorts()) }, "entry", 1},
		{"a hire's notes", func() {
			s.openCohort(cohorts[0].ID)
			showChecklist(s.cohorts(), firstHire(t, store, cohorts[0].ID))
		}, "note", 0},
		{"a hire's offer amount", func() {
			s.openCohort(cohorts[0].ID)
			showChecklist(s.cohorts(), firstHire(t, store, cohorts[0].ID))
		}, "entry", 1},
		{"a server's address", s.chooseServer, "entry", 0},
		{"a program's name", func() { showPrograms(s) }, "entry", 0},
		{"settings' time zone", s.showSettings, "entry", 1},
		{"who are you, your email", func() { s.chooseMe(true, nil, func(model.Person) {}) }, "entry", 1},
		{"settings' theme, clicked", s.showSettings, "choice", 2},
		{"settings' reminders, clicked", s.showSettings, "choice", 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.open()
			if len(s.dialogs) == 0 {
				t.Fatal("no dialog opened")
			}
			top := s.win.Canvas().Overlays().Top()
			var f fyne.Focusable
			n := c.n
			nth := func(fyne.CanvasObject) bool { n--; return n < 0 }
			switch c.field {
			case "entry":
				f, _ = first(top, func(e *dialogEntry) bool { return nth(e) })
			case "note":
				f, _ = first(top, func(e *noteEntry) bool { return nth(e) })
			}
			if c.field == "choice" {
				o, ok := first(top, func(o tappableFocus) bool { return nth(o) })
				if !ok {
					t.Fatalf("no choice %d in the dialog", c.n)
				}
				test.Tap(o)
			} else if c.field != "" {
				if f == nil {
					t.Fatalf("no %s %d in the dialog", c.field, c.n)
				}
				s.win.Canvas().Focus(f)
			}
			pressEsc(s.win.Canvas())
			if len(s.dialogs) != 0 {
				t.Errorf("Esc left %d dialogs open", len(s.dialogs))
				s.closeDialogs()
			}
		})
	}
}

// TestEscAnswersAConfirmOverADialog: a confirm raised from a dialog
// ("Discard changes?" over the programs) closes on Esc, which answers no,
// and leaves the dialog under it open; it had no Esc at all.
func TestEscAnswersAConfirmOverADialog(t *testing.T) {
	s, _ := newTestShell(t)
	e := showPrograms(s)
	name, ok := first[*dialogEntry](s.win.Canvas().Overlays().Top())
	if !ok {
		t.Fatal("no program name field")
	}
	test.Type(name, " (ours)")
	s.win.Canvas().Focus(name)
	left, stayed := false, false
	e.leave(func() { left = true }, func() { stayed = true })
	if len(s.dialogs) != 2 {
		t.Fatalf("%d dialogs open, want the programs and the confirm", len(s.dialogs))
	}
	pressEsc(s.win.Canvas())
	if len(s.dialogs) != 1 || left || !stayed {
		t.Errorf("after Esc: %d dialogs, left %v, stayed %v; want the programs open and nothing discarded", len(s.dialogs), left, stayed)
	}
}
