package model

import (
	"testing"
	"time"
)

// adv19c: what they said became one line (a0e6f0f) after schema 11 had
// stored it with line breaks allowed (AskFollowUp took any note from
// 1508e7e on), and a lead's own SQL on a server can still write one. No
// screen edits what they said once asked, and asking again is refused, so
// an item holding such a note can never be saved again: not closed, not
// reworded, not made private. Every UpdateItem fails on a field nobody
// can reach.
func TestAdv19cItemWithAnOlderMultiLineNoteCanStillBeClosed(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amara Okafor")
	o := mustStart(t, s, p.ID, fixedNow.Add(-7*24*time.Hour))
	it, err := s.AddItem(o.ID, HeadingFocus, "Moving house", true)
	if err != nil {
		t.Fatal(err)
	}
	it.FollowUp = s.Today()
	if err := s.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	// As an earlier schema-11 build stored it (or a lead's SQL writes it).
	if err := s.db.Exec("UPDATE one_on_one_items SET asked_on = ?, asked_note = ? WHERE id = ?",
		s.Today(), "Moved in.\nThe kids love the new school.", it.ID).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.First(&it, it.ID).Error; err != nil {
		t.Fatal(err)
	}
	it.Status = ItemDone
	if err := s.UpdateItem(&it); err != nil {
		t.Errorf("closing an item asked before: %v", err)
	}
}
