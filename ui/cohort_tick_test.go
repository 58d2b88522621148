package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// The milestones of behindCohort's classes, as the phase's menu lists them.
const (
	products = 2 // Products: the range and how it fits, due Fri 20 Mar
	signOff  = 4 // Trainer sign-off on classes, due Fri 27 Mar
)

// openTick opens the tick dialog of the classes' milestone i from the
// phase's menu, and returns the dialog.
func openTick(t *testing.T, s *shell, sc *cohortScreen, i int) fyne.CanvasObject {
	t.Helper()
	sc.tickMenu(0).Items[i].Action()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no tick dialog")
	}
	return top
}

// checksIn lists the hires' check boxes in o by their labels.
func checksIn(o fyne.CanvasObject) map[string]*keyCheck {
	out := map[string]*keyCheck{}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if c, ok := o.(*keyCheck); ok {
			out[c.Text] = c
			return
		}
		for _, c := range children(o) {
			walk(c)
		}
	}
	walk(o)
	return out
}

// doneOn says who has done the classes' milestone i, and on which day.
func doneOn(t *testing.T, store *model.Store, c model.Cohort, i int) string {
	t.Helper()
	b, err := store.CohortBoard(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range b.Rows {
		if m := r.Phases[0].Milestones[i]; m.Done {
			out = append(out, fmt.Sprintf("%s %s %s", r.Name, m.DoneOn, m.SignedOffBy))
		}
	}
	return strings.Join(out, ", ")
}

func TestTickMenuListsAPhasesMilestonesByDueDate(t *testing.T) {
	s, _, c := behindShell(t)
	sc := boardIn(s, c.ID)
	var got []string
	for _, it := range sc.tickMenu(0).Items {
		got = append(got, it.Label)
	}
	want := []string{
		"Culture and core values · due Fri 6 Mar · 5/6",
		"Systems: orders, returns and refunds · due Fri 13 Mar · 4/6",
		"Products: the range and how it fits · due Fri 20 Mar · 3/6",
		"Walk in the customer's shoes twice · due Wed 25 Mar · 0/6",
		"Trainer sign-off on classes · due Fri 27 Mar · 0/6",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("menu:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The offer is answered per hire, on the offer day.
	if offer := sc.tickMenu(1).Items[0].Label; !strings.HasSuffix(offer, "answered on Offer day…") {
		t.Errorf("the offer's entry: %q", offer)
	}
}

// newTickDialogOrder is the order the tick dialog lists the hires of the
// products class in.
func newTickDialogOrder(sc *cohortScreen) []string {
	var names []string
	hires, _ := sc.inTraining(sc.board.Rows[0].Phases[0].Milestones[products].ID)
	for _, h := range hires {
		names = append(names, h.Name)
	}
	return names
}

// Ticking the products class for the hires chosen writes exactly those,
// on the day chosen; undo takes it back.
func TestTickForChosenHiresAndUndo(t *testing.T) {
	s, store, c := behindShell(t)
	sc := boardIn(s, c.ID)
	before := doneOn(t, store, c, products)
	top := openTick(t, s, sc, products)
	checks := checksIn(top)
	for label, want := range map[string]bool{"Ben Brooks — 1 overdue": true, "Cy Chen — 2 overdue": true, "Dee Diaz — 3 overdue": true, "Ana Alves — done Fri 20 Mar": false} {
		if ch := checks[label]; ch == nil || ch.Checked != want {
			t.Fatalf("%q: %v, want ticked %v (checks %v)", label, ch, want, checks)
		}
	}
	// Behind first, as on the board: those a trainer may leave out are on top.
	if order := newTickDialogOrder(sc); strings.Join(order, ", ") != "Dee Diaz, Cy Chen, Ben Brooks, Ana Alves, Eli Eze, Fay Fox" {
		t.Errorf("the hires come in the order %v", order)
	}
	test.Tap(checks["Cy Chen — 2 overdue"])
	day, _ := first[*dialogEntry](top)
	day.SetText("2026-03-24")
	tapButton(t, top, "Tick 2 hires")
	want := "Ana Alves 2026-03-20 , Ben Brooks 2026-03-24 , Dee Diaz 2026-03-24 , Eli Eze 2026-03-20 , Fay Fox 2026-03-20 "
	if got := doneOn(t, store, c, products); got != want {
		t.Errorf("after the tick: %s\nwant %s", got, want)
	}
	if dialogs(s.win) != 0 || s.undo.message.Text != "Ticked “Products: the range and how it fits” for 2 hires." {
		t.Errorf("undo bar: %q", s.undo.message.Text)
	}
	if sc.board.BehindCount() != 2 {
		t.Errorf("the board should reload: %d behind, want Cy and Dee", sc.board.BehindCount())
	}
	s.undo.trigger()
	if got := doneOn(t, store, c, products); got != before {
		t.Errorf("after undo: %s\nwant %s", got, before)
	}
}

// A hire ticked by mistake is unticked from the same dialog, with undo.
func TestUntickAHireTickedByMistake(t *testing.T) {
	s, store, c := behindShell(t)
	sc := boardIn(s, c.ID)
	before := doneOn(t, store, c, products)
	top := openTick(t, s, sc, products)
	tapButton(t, top, "Select none")
	test.Tap(checksIn(top)["Ana Alves — done Fri 20 Mar"])
	tapButton(t, top, "Untick 1 hire")
	if got := doneOn(t, store, c, products); strings.Contains(got, "Ana") || !strings.Contains(got, "Eli") {
		t.Errorf("after unticking Ana: %s", got)
	}
	s.undo.trigger()
	if got := doneOn(t, store, c, products); got != before {
		t.Errorf("after undo: %s\nwant %s", got, before)
	}
}

// Nothing is written when the model refuses, and the dialog says why.
func TestTickRefusals(t *testing.T) {
	for _, tc := range []struct {
		name      string
		milestone int
		day       string
		button    string
		says      string
	}{
		{"a day after today", products, "2026-03-26", "Tick 3 hires", "2026-03-26 is after today"},
		{"a sign-off with no signer", signOff, "2026-03-25", "Tick 6 hires", "Say which trainer signs it off"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, store, c := behindShell(t)
			sc := boardIn(s, c.ID)
			before := doneOn(t, store, c, tc.milestone)
			top := openTick(t, s, sc, tc.milestone)
			day, _ := first[*dialogEntry](top)
			day.SetText(tc.day)
			tapButton(t, top, tc.button)
			if !inDialog(s.win, tc.says) || !inDialog(s.win, "Nothing changed") {
				t.Errorf("the dialog should say %q", tc.says)
			}
			if got := doneOn(t, store, c, tc.milestone); got != before {
				t.Errorf("written anyway: %s", got)
			}
		})
	}
}

// A sign-off records the trainer chosen; "me" is chosen when set.
func TestSignOffRecordsTheSigner(t *testing.T) {
	for _, tc := range []struct {
		name   string
		me     bool
		choose string
		want   string
	}{
		{"a trainer chosen", false, "Tara Trainer", "Tara Trainer"},
		{"me by default", true, "", "Mo Me"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, store, c := behindShell(t)
			if tc.me {
				if _, err := store.AddMe("Mo Me", ""); err != nil {
					t.Fatal(err)
				}
			}
			sc := boardIn(s, c.ID)
			top := openTick(t, s, sc, signOff)
			signer, _ := first[*widget.Select](top)
			if tc.choose != "" {
				signer.SetSelected(tc.choose)
			}
			tapButton(t, top, "Tick 6 hires")
			if got := doneOn(t, store, c, signOff); strings.Count(got, "2026-03-25 "+tc.want) != 6 {
				t.Errorf("signed off: %s", got)
			}
		})
	}
}

// A shadowing milestone done by the sessions logged has no tick to take
// back: its hire cannot be chosen.
func TestSessionsLoggedCannotBeUnticked(t *testing.T) {
	s, store, c := behindShell(t)
	b, _ := store.CohortBoard(c.ID)
	for _, day := range []int{10, 11} {
		sess := model.Session{PersonID: b.Rows[0].PersonID, Kind: model.KindAsCustomer, Channel: model.ChannelChat, Date: model.NewDate(2026, 3, day), Minutes: 20}
		if err := store.SaveSession(&sess, nil); err != nil {
			t.Fatal(err)
		}
	}
	sc := boardIn(s, c.ID)
	top := openTick(t, s, sc, 3) // Walk in the customer's shoes twice
	tapButton(t, top, "Select all")
	auto := checksIn(top)["Ana Alves — 2 of 2 shadowing sessions logged"]
	if auto == nil || !auto.Disabled() || auto.Checked {
		t.Fatalf("Ana's sessions: %v (checks %v)", auto, checksIn(top))
	}
	if _, ok := first(top, func(b *widget.Button) bool { return b.Text == "Tick 5 hires" }); !ok {
		t.Error("the five others should be chosen")
	}
}

// pressEnter presses Enter as the window does: the focused object hears
// it, or the canvas when nothing has the focus.
func pressEnter(c fyne.Canvas) {
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	if f := c.Focused(); f != nil {
		f.TypedKey(enter)
		return
	}
	c.OnTypedKey()(enter)
}

// Esc closes the tick dialog after a box was clicked (the box kept the
// key), and Enter presses "Tick N hires", before and after a click.
func TestTickDialogKeys(t *testing.T) {
	for _, c := range []struct {
		name  string
		click bool              // click Cy's box first, which leaves him out
		key   func(fyne.Canvas) // the key pressed then
		ticks string            // who has done the products class after it
	}{
		{"Esc after a click", true, pressEsc, "Ana Alves, Eli Eze, Fay Fox"},
		{"Enter at once", false, pressEnter, "Ana Alves, Ben Brooks, Cy Chen, Dee Diaz, Eli Eze, Fay Fox"},
		{"Enter after a click", true, pressEnter, "Ana Alves, Ben Brooks, Dee Diaz, Eli Eze, Fay Fox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, store, co := behindShell(t)
			sc := boardIn(s, co.ID)
			top := openTick(t, s, sc, products)
			if c.click {
				test.Tap(checksIn(top)["Cy Chen — 2 overdue"])
			}
			c.key(s.win.Canvas())
			if dialogs(s.win) != 0 {
				t.Error("the dialog should close")
			}
			var who []string
			for _, d := range strings.Split(doneOn(t, store, co, products), ", ") {
				who = append(who, strings.Join(strings.Fields(d)[:2], " "))
			}
			if got := strings.Join(who, ", "); got != c.ticks {
				t.Errorf("done: %s, want %s", got, c.ticks)
			}
		})
	}
}
