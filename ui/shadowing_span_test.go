package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// A response time is typed as people say it and reads back the same way.
func TestSessionResponseTimeInHoursAndDays(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "Chen Wei"}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		typed, shown string
		minutes      int
	}{
		{"3 h", "3 h", 180},
		{"1 d", "1 d", 1440},
		{"90", "1 h 30 min", 90},
	} {
		s.newOn(screenShadowing)
		sc := shadowing(s)
		f := sc.form
		choosePerson(t, f.who, "Chen Wei")
		f.resp.SetText(tt.typed)
		if !f.save() {
			t.Fatalf("%q not saved: %s", tt.typed, f.problems.Text)
		}
		rows, _ := store.Sessions(model.SessionFilter{Limit: 1})
		if len(rows) == 0 || rows[0].ResponseMinutes == nil || *rows[0].ResponseMinutes != tt.minutes {
			t.Fatalf("%q stored as %+v", tt.typed, rows)
		}
		s.openSession(rows[0].ID)
		if f.resp.Text != tt.shown {
			t.Errorf("%q reads back as %q, want %q", tt.typed, f.resp.Text, tt.shown)
		}
	}
}

// Tab in a multi-line note moves to the next field instead of putting a
// tab into the note (and what is typed next into the wrong heading).
func TestTabInANoteMovesOn(t *testing.T) {
	s, _ := newTestShell(t)
	s.newOn(screenShadowing)
	f := shadowing(s).form
	c := s.win.Canvas()
	c.Focus(f.friction.entry)
	test.Type(f.friction.entry, "Long hold")
	pressTab(c)
	test.Type(c.Focused(), "Mia was warm")
	if f.friction.Text() != "Long hold" || c.Focused() == f.friction.entry {
		t.Errorf("Tab stayed in the note: %q", f.friction.Text())
	}
}

// pressTab is Tab as the desktop driver handles it: the focused widget
// takes it when it accepts tabs, otherwise the focus moves on.
func pressTab(c fyne.Canvas) {
	if w, ok := c.Focused().(fyne.Tabbable); ok && w.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

// An action added to a new session says whose it is at once, not "Nobody
// will" until the session is opened again.
func TestNewSessionsActionsNameTheirOwner(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "Chen Wei"}); err != nil {
		t.Fatal(err)
	}
	s.newOn(screenShadowing)
	f := shadowing(s).form
	choosePerson(t, f.who, "Chen Wei")
	f.actions.owner.SetSelectedIndex(1) // "I will" stays chosen
	test.Type(f.actions.text, "Ask IT about the refund tool")
	f.actions.add()
	f.actions.text.SetText("Rewrite the delayed-order reply")
	f.actions.owner.SetSelectedIndex(0)
	f.actions.add()
	var labels []string
	for i := range f.actions.actions {
		labels = append(labels, actionLabel(f.actions.actions[i], f.actions.name))
	}
	want := []string{"I will: Ask IT about the refund tool", "Chen will: Rewrite the delayed-order reply"}
	if len(labels) != 2 || labels[0] != want[0] || labels[1] != want[1] || f.actions.owner.Options[0] != "Chen will" {
		t.Errorf("actions read %q (owner choices %v), want %q", labels, f.actions.owner.Options, want)
	}
}
