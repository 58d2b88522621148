package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// Typing a colleague's pet's name finds the one-on-one where it came up, and
// Enter opens it.
func TestSearchFindsAndOpens(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	hist, _ := store.History(overdue.ID)
	if _, err := store.AddItem(hist[0].ID, model.HeadingProgress, "Biscuit the dog is home from the vet", true); err != nil {
		t.Fatal(err)
	}
	m, _ := store.Meeting(hist[0].ID)
	m.PrivateNotes = "Biscuit costs are adding up"
	if err := store.SaveOneOnOne(&m.OneOnOne); err != nil {
		t.Fatal(err)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyF))
	if len(s.dialogs) != 1 {
		t.Fatal("Ctrl+F should open the search")
	}
	if _, ok := s.win.Canvas().Focused().(*dialogEntry); !ok {
		t.Fatal("the cursor should be in the search box")
	}
	s.closeDialogs()
	box := showSearch(s)
	test.Type(box.entry, "bisc")
	if len(box.rows) != 4 || box.rows[0].heading != "One-on-one items" || box.rows[2].heading != "Private notes" {
		t.Fatalf("rows = %+v", box.rows)
	}
	if !markupContains(t, s, "Biscuit") || !markupContains(t, s, "private") {
		t.Error("results should show the match and mark private notes")
	}
	assertGolden(t, "search.xml", s.win.Canvas())
	box.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(s.dialogs) != 0 || s.current != 2 || s.oneOnOnes().editor.meeting.ID != hist[0].ID {
		t.Errorf("Enter should open the one-on-one: screen %d, meeting %d", s.current, s.oneOnOnes().editor.meeting.ID)
	}
}

func TestSearchOpensPeopleAndPrompts(t *testing.T) {
	s, store := newTestShell(t)
	p := model.Person{Name: "Zanele Dlamini"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	box := showSearch(s)
	test.Type(box.entry, "zanele")
	box.openFirst()
	if s.current != 1 || s.people().form.person.ID != p.ID {
		t.Errorf("a person hit should open their form: screen %d", s.current)
	}
	box = showSearch(s)
	test.Type(box.entry, "undivided")
	box.openFirst()
	if s.current != 5 || s.prompts().editing.ID == 0 {
		t.Errorf("a prompt hit should open the prompt: screen %d", s.current)
	}
	box = showSearch(s)
	test.Type(box.entry, "qwertyuiop")
	if len(box.rows) != 0 || !markupContains(t, s, "Nothing found") {
		t.Error("no match should say so")
	}
}

// Enter opens the top hit for the words in the box, not for the letters
// whose answer was on screen: typing "kitchen" fast and pressing Enter
// opened a person matching "k".
func TestSearchEnterWaitsForTheWordsInTheBox(t *testing.T) {
	s, store := newTestShell(t)
	for _, name := range []string{"Karl Berg", "Zanele Kitchen"} {
		if err := store.SavePerson(&model.Person{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	box := showSearch(s)
	var jobs []func()
	s.bg = func(f func()) { jobs = append(jobs, f) }
	test.Type(box.entry, "k")
	jobs[0]() // "k" answered: both people on screen
	test.Type(box.entry, "itchen")
	box.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.current == screenPeople {
		t.Fatal("Enter opened a hit before the answer to the words in the box")
	}
	for i := 1; i < len(jobs); i++ { // opening the person loads too
		jobs[i]()
	}
	if s.current != screenPeople || s.people().form.person.Name != "Zanele Kitchen" {
		t.Errorf("screen %d, form on %q; want People on Zanele Kitchen", s.current, s.people().form.person.Name)
	}
}

// Esc closes the search while its box has the cursor.
func TestSearchClosesOnEsc(t *testing.T) {
	s, _ := newTestShell(t)
	box := showSearch(s)
	test.Type(box.entry, "burnout")
	box.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(s.dialogs) != 0 {
		t.Errorf("%d dialogs open after Esc, want none", len(s.dialogs))
	}
}
