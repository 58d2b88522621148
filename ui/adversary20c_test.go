package ui

import (
	"testing"

	"solemate/model"
)

// Balinese names often start with "I" (I Wayan, I Made): the owner choices
// become "I will" and "I will", and since widget.Select finds the chosen
// index by its text, "I will" (me) picked second reads back as the first,
// so the action is saved as the shadowed person's.
func TestAdv20cOwnerChosenSurvivesAPersonCalledI(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "I Wayan Sudarsana"}); err != nil {
		t.Fatal(err)
	}
	s.newOn(screenShadowing)
	f := shadowing(s).form
	choosePerson(t, f.who, "I Wayan Sudarsana")
	f.actions.text.SetText("Ask IT about the refund tool")
	f.actions.add() // saves the session: the choices are renamed
	f.actions.owner.SetSelectedIndex(1)
	f.actions.text.SetText("Rewrite the delayed-order reply")
	f.actions.add()
	if len(f.actions.actions) != 2 {
		t.Fatalf("%d actions added, want 2", len(f.actions.actions))
	}
	if o := f.actions.actions[1].Owner; o != model.OwnerLead {
		t.Errorf("action saved with owner %q after choosing me (choices %q), want %q", o, f.actions.owner.Options, model.OwnerLead)
	}
	if a, b := f.actions.owner.Options[0], f.actions.owner.Options[1]; a == b {
		t.Errorf("the two owner choices read the same: %q", a)
	}
}
