package model

import (
	"errors"
	"strings"
	"testing"
)

func TestMeIsChosenAndKept(t *testing.T) {
	s := newTestStore(t)
	if _, ok, err := s.Me(); ok || err != nil {
		t.Fatalf("a new database knows me: %v %v", ok, err)
	}
	maria := addPerson(t, s, "Maria Rossi")
	if err := s.SetMe(maria.ID); err != nil {
		t.Fatal(err)
	}
	me, ok, err := s.Me()
	if !ok || err != nil || me.ID != maria.ID {
		t.Fatalf("me = %v %v %v, want Maria", me.Name, ok, err)
	}
	// A person removed from under the setting leaves nobody, not an error.
	if err := s.db.Exec("DELETE FROM people WHERE id = ?", maria.ID).Error; err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Me(); ok || err != nil {
		t.Fatalf("me after Maria left the database: %v %v", ok, err)
	}
	if err := s.SetMe(maria.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("set me to nobody: %v", err)
	}
}

func TestFindMe(t *testing.T) {
	s := newTestStore(t)
	maria := addPerson(t, s, "Maria Rossi")
	maria.Email = "maria@example.com"
	if err := s.SavePerson(&maria); err != nil {
		t.Fatal(err)
	}
	addPerson(t, s, "Ken Ito")
	addPerson(t, s, "Ken Ito")
	tests := []struct{ who, want, problem string }{
		{"maria@example.com", "Maria Rossi", ""},
		{"MARIA@example.com", "Maria Rossi", ""},
		{"maria rossi", "Maria Rossi", ""},
		{"Ken Ito", "", "more than one"},
		{"Nobody", "", "nobody active"},
		{"  ", "", "say who"},
	}
	for _, tt := range tests {
		p, err := s.FindMe(tt.who)
		if tt.problem != "" {
			if err == nil || !strings.Contains(err.Error(), tt.problem) {
				t.Errorf("FindMe(%q) = %v, want a problem with %q", tt.who, err, tt.problem)
			}
			continue
		}
		if err != nil || p.Name != tt.want {
			t.Errorf("FindMe(%q) = %q %v, want %q", tt.who, p.Name, err, tt.want)
		}
	}
}

// Asking a follow-up takes it off the lists of what is due, keeps what was
// said, and leaves the item open where it was.
func TestAskFollowUp(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Ines Duarte")
	m := mustStart(t, s, p.ID, fixedNow.AddDate(0, 0, -7))
	it, err := s.AddItem(m.ID, HeadingPulse, "Moving house", true)
	if err != nil {
		t.Fatal(err)
	}
	it.FollowUp = s.Today()
	if err := s.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.FollowUps(p.ID); len(f) != 1 {
		t.Fatalf("%d follow-ups before asking, want 1", len(f))
	}
	if _, err := s.AskFollowUp(it.ID, "line\x00break"); err == nil {
		t.Error("a note with a control character was kept")
	}
	asked, err := s.AskFollowUp(it.ID, "  Went well, new flat is closer  ")
	if err != nil {
		t.Fatal(err)
	}
	if asked.AskedOn != s.Today() || asked.AskedNote != "Went well, new flat is closer" || asked.Status != ItemOpen {
		t.Errorf("asked item = %+v", asked)
	}
	if f, _ := s.FollowUps(p.ID); len(f) != 0 {
		t.Errorf("%d follow-ups after asking, want 0", len(f))
	}
	v, err := s.TodayView(0)
	if err != nil || len(v.FollowUps) != 0 {
		t.Errorf("Today still shows %d follow-ups (%v)", len(v.FollowUps), err)
	}
	// Asked again from a page loaded before: what they said stays.
	if again, err := s.AskFollowUp(it.ID, ""); !errors.Is(err, ErrAlreadyAsked) || again.AskedNote != asked.AskedNote {
		t.Errorf("asking again: %+v, %v", again, err)
	}
	if _, err := s.AskFollowUp(99999, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("asking a missing follow-up: %v", err)
	}
}

// Having added yourself, Today still shows the first steps: you are not
// a team yet.
func TestTodayIsEmptyWithOnlyMe(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.AddMe("Maria Lopez", "maria@example.com"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.TodayView(0); err != nil || !v.Empty {
		t.Fatalf("Today with only me: empty %v (%v)", v.Empty, err)
	}
	addPerson(t, s, "Ana Report")
	if v, err := s.TodayView(0); err != nil || v.Empty {
		t.Errorf("Today with a report: empty %v (%v)", v.Empty, err)
	}
}

// A one-on-one left with nothing written is dropped; the items it carried
// stay in the meeting they came from. One with anything in it is kept.
func TestDropIfEmpty(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Ines Duarte")
	first := mustStart(t, s, p.ID, fixedNow.AddDate(0, 0, -7))
	obstacle, err := s.AddItem(first.ID, HeadingObstacles, "Refund tool slow", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		write func(OneOnOne)
		drop  bool
	}{
		{"nothing written", func(OneOnOne) {}, true},
		{"an item", func(m OneOnOne) { _, _ = s.AddItem(m.ID, HeadingProgress, "Closed the backlog", false) }, false},
		{"a pulse", func(m OneOnOne) { m.PulseRating = 4; _ = s.SaveOneOnOne(&m) }, false},
		{"an action", func(m OneOnOne) {
			_ = s.SaveAction(&Action{PersonID: p.ID, OneOnOneID: &m.ID, Text: "Call IT", Owner: OwnerLead})
		}, false},
	} {
		m := mustStart(t, s, p.ID, fixedNow)
		tt.write(m)
		dropped, err := s.DropIfEmpty(m.ID)
		if err != nil || dropped != tt.drop {
			t.Errorf("%s: dropped %v (%v), want %v", tt.name, dropped, err, tt.drop)
		}
		if !dropped {
			if err := s.DeleteOneOnOne(m.ID); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := s.Meeting(first.ID); err != nil || len(got.Items) != 1 || got.Items[0].ID != obstacle.ID {
			t.Fatalf("%s: the first one-on-one lost its obstacle: %+v (%v)", tt.name, got.Items, err)
		}
	}
}
