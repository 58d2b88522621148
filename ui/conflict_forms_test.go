package ui

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// twoLeads is the app and a second client (another lead) on one database.
func twoLeads(t *testing.T) (s *shell, store, other *model.Store) {
	t.Helper()
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), model.FileName)
	store = openTestStore(t, path)
	return newTestShellOn(t, test.NewTempWindow(t, nil), store), store, openTestStore(t, path)
}

// Someone else saves a person while the form has them open: saving asks
// whose details to keep, listing what differs, and leaving does not drop
// the form's without that choice.
func TestPersonConflict(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Take theirs"} {
		t.Run(choice, func(t *testing.T) {
			s, store, other := twoLeads(t)
			p := model.Person{Name: "Sione Tupou", Team: "Chat"}
			if err := store.SavePerson(&p); err != nil {
				t.Fatal(err)
			}
			s.open(s.people())
			ps := s.people()
			ps.openPerson(p.ID)

			theirs, _ := other.Person(p.ID)
			theirs.Team = "Phone North"
			if err := other.SavePerson(&theirs); err != nil {
				t.Fatal(err)
			}
			ps.form.team.SetText("Returns")
			ps.form.saveNow()
			for _, want := range []string{"Someone else saved Sione Tupou", "Team", "Theirs:  Phone North", "Yours:   Returns"} {
				if !inDialog(s.win, want) {
					t.Errorf("the dialog should show %q", want)
				}
			}
			if inDialog(s.win, "Could not save") || dialogs(s.win) != 1 {
				t.Errorf("%d dialogs; a conflict is not an error", dialogs(s.win))
			}
			ps.leaveForm(func() { t.Error("left without choosing whose to keep") }, func() {})

			tapButton(t, s.win.Canvas().Overlays().Top(), choice)
			got, _ := store.Person(p.ID)
			want := map[string]string{"Keep mine": "Returns", "Take theirs": "Phone North"}[choice]
			if got.Team != want || ps.form.team.Text != want || dialogs(s.win) != 0 {
				t.Errorf("after %s: stored %q, form %q, %d dialogs; want %q", choice, got.Team, ps.form.team.Text, dialogs(s.win), want)
			}
			// Whatever was chosen, the form is at the stored version now.
			ps.form.team.SetText("Social")
			ps.form.saveNow()
			if got, _ := store.Person(p.ID); got.Team != "Social" || dialogs(s.win) != 0 {
				t.Errorf("the next save after %s: stored %q, %d dialogs", choice, got.Team, dialogs(s.win))
			}
		})
	}
}

func TestSessionConflict(t *testing.T) {
	s, store, other := twoLeads(t)
	p := model.Person{Name: "Mira Sato"}
	if err := store.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	sess := model.Session{PersonID: p.ID, Kind: model.KindAsCustomer, Channel: model.ChannelChat, Date: model.DateOf(fixedNow), Minutes: 20}
	if err := store.SaveSession(&sess, nil); err != nil {
		t.Fatal(err)
	}
	s.open(s.shadowing())
	sh := s.shadowing()
	sh.open(sess.ID)
	theirs, _ := other.Session(sess.ID)
	theirs.Friction = "Asked for the order number three times"
	if err := other.SaveSession(&theirs.Session, nil); err != nil {
		t.Fatal(err)
	}
	sh.form.friction.SetText("Bot loops back to the menu")
	if sh.form.save() {
		t.Fatal("a stale session should not save")
	}
	if !inDialog(s.win, "Someone else saved this session") || !inDialog(s.win, "Theirs:  Asked for the order number three times") {
		t.Fatal("the dialog should show their friction")
	}
	tapButton(t, s.win.Canvas().Overlays().Top(), "Keep mine")
	if got, _ := store.Session(sess.ID); got.Friction != "Bot loops back to the menu" || dialogs(s.win) != 0 {
		t.Errorf("Keep mine stored %q", got.Friction)
	}
}

// A checklist closed after someone else saved the hire asks whose to keep;
// Esc reopens it with what was typed.
func TestHireConflict(t *testing.T) {
	s, store, other := twoLeads(t)
	c := cohortOfTwenty(t, store)
	s.open(s.cohorts())
	sc := cohorts(s)
	sc.list.Select(0)
	b, _ := store.CohortBoard(c.ID)
	hire := b.Rows[0].Hire

	showChecklist(sc, hire.ID)
	theirs := hire
	theirs.Notes = "Quick with the refund tool"
	if err := other.SaveHire(&theirs); err != nil {
		t.Fatal(err)
	}
	notes := findNoteEntry(s.win.Canvas().Overlays().Top())
	test.Type(notes, "Needs a buddy for exchanges")
	s.closeDialogs()
	if !inDialog(s.win, "Trainer notes") || !inDialog(s.win, "Theirs:  Quick with the refund tool") {
		t.Fatal("closing the checklist on a stale hire should ask whose to keep")
	}
	s.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	notes = findNoteEntry(s.win.Canvas().Overlays().Top())
	if notes == nil || notes.Text != "Needs a buddy for exchanges" || !markupContains(t, s, "someone else changed this hire") {
		t.Fatal("Esc should reopen the checklist with what was typed and say why it was not saved")
	}
	s.closeDialogs()
	tapButton(t, s.win.Canvas().Overlays().Top(), "Keep mine")
	if b, _ := store.CohortBoard(c.ID); b.Rows[0].Notes != "Needs a buddy for exchanges" {
		t.Errorf("Keep mine stored %q", b.Rows[0].Notes)
	}
}
