package ui

import (
	"testing"
)

// Adversary #19c. Each test here failed on main when written.

// Meeting mode lists a follow-up that is asked meanwhile (on Today, in the
// editor behind, or by another lead): tapping its Asked is refused with
// ErrAlreadyAsked, which meeting mode shows as "Could not mark it asked"
// and nothing more. The follow-up stays listed, to be refused again, and
// meeting mode's copy of the item (carried over, so listed in the talk
// list too) stays at its old version: ticking it done there is refused as
// someone else's save. The editor and Today take the stored item on
// ErrAlreadyAsked (followup.go); meeting mode does not.
func TestAdv19cMeetingModeAskingWhatWasAskedMeanwhile(t *testing.T) {
	s, store, e, itemID := advDraftWithAskableObstacle(t)
	if err := e.start(); err != nil {
		t.Fatal(err)
	}
	mm := openMeetingMode(s, e.meeting.ID, func() {})
	mm.begin()
	listed := func() bool {
		for _, f := range mm.side.fus {
			if f.ID == itemID {
				return true
			}
		}
		return false
	}
	if !listed() {
		t.Fatalf("meeting mode does not list the follow-up: %+v", mm.side.fus)
	}
	stored, err := store.AskFollowUp(itemID, "Fixed on Tuesday")
	if err != nil {
		t.Fatal(err)
	}
	mm.side.asked(itemID, "It works now")
	if listed() {
		t.Error("the follow-up asked meanwhile is still listed to ask")
	}
	for _, it := range mm.meeting.Items {
		if it.ID == itemID && it.Version != stored.Version {
			t.Errorf("meeting mode's copy is at version %d, the stored item at %d: its next save is refused", it.Version, stored.Version)
		}
	}
}
