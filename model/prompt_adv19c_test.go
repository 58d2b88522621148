package model

import (
	"testing"
	"time"
)

// adv19c: MoveAsked takes any use IDs it is handed and links them to the
// one-on-one it is told, whoever the prompt was asked of: a prompt asked of
// Bea on a draft ends up logged in Amara's one-on-one (its person_id Bea's,
// its one_on_one_id Amara's meeting). Nothing checks that a use and the
// meeting are one person's: not the model, not a constraint.
func TestAdv19cMoveAskedKeepsUsesWithTheirPerson(t *testing.T) {
	s := newTestStore(t)
	a := addPerson(t, s, "Amara Okafor")
	b := addPerson(t, s, "Bea Lindqvist")
	sugs, err := s.Suggest(b.ID, 0, 1)
	if err != nil || len(sugs) < 1 {
		t.Fatalf("%d suggestions, %v", len(sugs), err)
	}
	ofBea, err := s.MarkAsked(sugs[0].Prompt.ID, b.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := mustStart(t, s, a.ID, fixedNow.Add(-time.Hour))
	_ = s.MoveAsked([]uint{ofBea}, m.ID) // refusing is fine too
	var u PromptUse
	if err := s.db.First(&u, ofBea).Error; err != nil {
		t.Fatal(err)
	}
	if u.OneOnOneID != nil {
		t.Errorf("a prompt asked of person %d is logged in one-on-one %d, with person %d", u.PersonID, *u.OneOnOneID, a.ID)
	}
}
