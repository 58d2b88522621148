package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// openChecklist opens the board of cohortOfTwenty and the checklist of its
// first hire, armed at once unless the test holds the arming (hold).
func openChecklist(t *testing.T, s *shell, store *model.Store, hold *func()) (*cohortScreen, model.HireRow) {
	t.Helper()
	was := armChecklist
	armChecklist = func(arm func()) {
		if hold != nil {
			*hold = arm
			return
		}
		arm()
	}
	t.Cleanup(func() { armChecklist = was })
	s.win.Resize(fyne.NewSize(1280, 800))
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key5))
	sc := cohorts(s)
	sc.list.Select(0)
	hire := sc.board.Rows[0]
	showChecklist(sc, hire.ID)
	if dialogs(s.win) != 1 {
		t.Fatalf("%d dialogs open, want the checklist", dialogs(s.win))
	}
	return sc, hire
}

// checkOf is the box of the milestone titled title in the open dialog.
func checkOf(t *testing.T, s *shell, title string) *keyCheck {
	t.Helper()
	c, ok := first(s.win.Canvas().Overlays().Top(), func(c *keyCheck) bool { return strings.HasPrefix(c.Text, title+" — ") })
	if !ok {
		t.Fatalf("no box for %q", title)
	}
	return c
}

// stored is the milestone titled title of the hire's row as stored.
func stored(t *testing.T, store *model.Store, cohortID, hireID uint, title string) model.MilestoneState {
	t.Helper()
	r, err := hireRowOf(store, cohortID, hireID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Phases {
		for _, m := range p.Milestones {
			if m.Title == title {
				return m
			}
		}
	}
	t.Fatalf("no milestone %q", title)
	return model.MilestoneState{}
}

// ticksDated is the "Ticks dated" field of the open checklist.
func ticksDated(t *testing.T, s *shell) *dialogEntry {
	t.Helper()
	bar, _ := first(s.win.Canvas().Overlays().Top(), func(c *fyne.Container) bool {
		l, ok := c.Objects[0].(*widget.Label)
		return len(c.Objects) > 1 && ok && l.Text == "Ticks dated"
	})
	e, ok := first[*dialogEntry](bar)
	if bar == nil || !ok {
		t.Fatal("no Ticks dated field")
	}
	return e
}

// A tick saves and shows its effect in the open dialog, scrolled where
// it was: it used to close the dialog and open it again at the top.
func TestChecklistTickKeepsItsPlace(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	sc, hire := openChecklist(t, s, store, nil)
	top := s.win.Canvas().Overlays().Top()
	scroll, _ := first[*container.Scroll](top)
	scroll.ScrollToOffset(fyne.NewPos(0, 200))

	test.Tap(checkOf(t, s, "Culture and core values"))
	if s.win.Canvas().Overlays().Top() != top || scroll.Offset.Y != 200 {
		t.Fatalf("after a tick: same dialog %v, scrolled to %v, want 200", s.win.Canvas().Overlays().Top() == top, scroll.Offset.Y)
	}
	if m := stored(t, store, c.ID, hire.ID, "Culture and core values"); !m.Done || m.DoneOn != store.Today() {
		t.Errorf("stored: %+v", m)
	}
	for _, want := range []string{"done Tue 10 Mar", "On track · 1 of 13 done"} {
		if !inDialog(s.win, want) {
			t.Errorf("the dialog lacks %q", want)
		}
	}
	if inDialog(s.win, "overdue since") {
		t.Error("the milestone ticked is still marked overdue")
	}
	if sc.board.BehindCount() != 1 {
		t.Errorf("the board behind counts %d behind, want 1", sc.board.BehindCount())
	}
}

// A late tick carries the day it happened; a day after today is refused
// in the dialog and nothing is written.
func TestChecklistTicksDated(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	_, hire := openChecklist(t, s, store, nil)
	if !inDialog(s.win, "overdue since Fri 6 Mar") {
		t.Error("the overdue milestone should say since when")
	}
	day := ticksDated(t, s)
	if day.Text != "2026-03-10" {
		t.Errorf("ticks dated %q by default, want today", day.Text)
	}
	for _, tc := range []struct {
		day, title string
		done       bool
		want       string
	}{
		{"2026-03-06", "Culture and core values", true, "done Fri 6 Mar"},
		{"2026-03-11", "Systems: orders, returns and refunds", false, "Not ticked: 2026-03-11 is after today"},
		{"6 March", "Products: the range and how it fits", false, "Not ticked: give the day the ticks are dated"},
	} {
		day.SetText(tc.day)
		check := checkOf(t, s, tc.title)
		test.Tap(check)
		m := stored(t, store, c.ID, hire.ID, tc.title)
		if m.Done != tc.done || check.Checked != tc.done || tc.done && m.DoneOn != model.NewDate(2026, 3, 6) {
			t.Errorf("%s dated %s: stored %v on %s, box %v", tc.title, tc.day, m.Done, m.DoneOn, check.Checked)
		}
		if !inDialog(s.win, tc.want) {
			t.Errorf("%s dated %s: the dialog lacks %q", tc.title, tc.day, tc.want)
		}
	}
}

// A sign-off records who gives it: me by default when I am known, else
// someone chosen; never silently the first trainer.
func TestChecklistSignOff(t *testing.T) {
	for _, tc := range []struct {
		name     string
		me       bool
		choose   string
		want     string // signer stored, "" for not ticked
		selected string
	}{
		{"me by default", true, "", "Lee Lead", "Lee Lead (me)"},
		{"nobody chosen", false, "", "", ""},
		{"a trainer chosen", false, "Tara Trainer", "Tara Trainer", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, store := newTestShell(t)
			c := cohortOfTwenty(t, store)
			if tc.me {
				if _, err := store.AddMe("Lee Lead", ""); err != nil {
					t.Fatal(err)
				}
			}
			_, hire := openChecklist(t, s, store, nil)
			sel, _ := first[*widget.Select](s.win.Canvas().Overlays().Top(), func(x *widget.Select) bool { return x.PlaceHolder == "Choose a trainer" })
			if sel.Selected != tc.selected {
				t.Errorf("signer %q at first, want %q", sel.Selected, tc.selected)
			}
			if tc.choose != "" {
				sel.SetSelected(tc.choose)
			}
			const title = "Trainer sign-off on classes"
			test.Tap(checkOf(t, s, title))
			m := stored(t, store, c.ID, hire.ID, title)
			if m.Done != (tc.want != "") || m.SignedOffBy != tc.want {
				t.Errorf("stored done %v signed by %q, want %q", m.Done, m.SignedOffBy, tc.want)
			}
			if tc.want == "" && !inDialog(s.win, "Choose who signs it off") {
				t.Error("a sign-off with nobody chosen should say to choose")
			}
			if tc.want != "" && !inDialog(s.win, "signed off by "+tc.want) {
				t.Errorf("the dialog should say who signed off")
			}
			// An ordinary task records the trainer chosen too; with nobody
			// chosen it is ticked all the same.
			const task = "Culture and core values"
			test.Tap(checkOf(t, s, task))
			if m := stored(t, store, c.ID, hire.ID, task); !m.Done || m.SignedOffBy != tc.want {
				t.Errorf("%s: done %v signed by %q, want %q", task, m.Done, m.SignedOffBy, tc.want)
			}
		})
	}
}

// The answer to the offer saves at once and shows in the open dialog and
// on the board behind; the cohort's offer is shown, in money.
func TestChecklistOfferAnswer(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	if err := store.SetCohortOffer(c.ID, model.NewDate(2026, 3, 9), 2000, "USD"); err != nil {
		t.Fatal(err)
	}
	sc, hire := openChecklist(t, s, store, nil)
	for _, want := range []string{"Offered Mon 9 Mar: 2000 USD", "Amount offered (USD)", "record the answer below"} {
		if !inDialog(s.win, want) {
			t.Errorf("the dialog lacks %q", want)
		}
	}
	top := s.win.Canvas().Overlays().Top()
	answer, _ := first[*widget.RadioGroup](top)
	answer.SetSelected(answerAccepted)
	if s.win.Canvas().Overlays().Top() != top {
		t.Fatal("answering closed the dialog")
	}
	status, _ := first(top, func(x *widget.Select) bool { return x.PlaceHolder != "Choose a trainer" })
	if status.Selected != "Took the offer" || !inDialog(s.win, "Offer accepted") {
		t.Errorf("the dialog shows status %q after the offer was taken", status.Selected)
	}
	for _, r := range sc.board.Rows {
		if r.ID == hire.ID && (r.StatusText() != "Took the offer" || sc.board.Offers.Accepted != 1) {
			t.Errorf("the board behind: %s, %d accepted", r.StatusText(), sc.board.Offers.Accepted)
		}
	}
	s.closeDialogs()
	if r, _ := hireRowOf(store, c.ID, hire.ID); r.Status != model.HireTookOffer || r.OfferAmount != 2000 || dialogs(s.win) != 0 {
		t.Errorf("after closing: %+v, %d dialogs", r.Hire, dialogs(s.win))
	}
}

func TestMoneyAmountSpeaksOfMoney(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{{"", true}, {" 2000 ", true}, {"-5", false}, {"20 minutes", false}} {
		err := moneyAmount(tc.in)
		if (err == nil) != tc.ok || err != nil && (!strings.Contains(err.Error(), "money") || strings.Contains(err.Error(), "minutes")) {
			t.Errorf("moneyAmount(%q) = %v", tc.in, err)
		}
	}
}

// The second click of the double-click on a hire's name lands on the
// checklist just opened: it must not tick the box under the pointer.
func TestChecklistIgnoresTheDoubleClicksSecondClick(t *testing.T) {
	s, store := newTestShell(t)
	c := cohortOfTwenty(t, store)
	var arm func()
	_, hire := openChecklist(t, s, store, &arm)
	const title = "Culture and core values"
	test.Tap(checkOf(t, s, title))
	if checkOf(t, s, title).Checked || stored(t, store, c.ID, hire.ID, title).Done {
		t.Fatal("a click as the checklist opened ticked a box")
	}
	arm()
	test.Tap(checkOf(t, s, title))
	if !stored(t, store, c.ID, hire.ID, title).Done {
		t.Error("a click once armed should tick")
	}
}

// Esc closes the checklist after a box or an answer was clicked: the
// clicked box kept the key, and the dialog stayed.
func TestEscClosesTheChecklistAfterAClick(t *testing.T) {
	for _, c := range []struct {
		name  string
		click func(*testing.T, *shell)
	}{
		{"a tick", func(t *testing.T, s *shell) { test.Tap(checkOf(t, s, "Culture and core values")) }},
		{"an answer", func(t *testing.T, s *shell) {
			answer := first1[*widget.RadioGroup](t, s.win.Canvas().Overlays().Top())
			radio, _ := first(answer, func(o tappableFocus) bool { return true })
			test.Tap(radio)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, store := newTestShell(t)
			cohortOfTwenty(t, store)
			openChecklist(t, s, store, nil)
			c.click(t, s)
			pressEsc(s.win.Canvas())
			if dialogs(s.win) != 0 {
				t.Error("Esc should close the checklist")
			}
		})
	}
}
