package model

import (
	"fmt"
	"testing"
)

// Pickers offer active people, me first; those who left only when no one
// active matches, and never to the managers' picker.
func TestFindPeopleOffersThoseWhoLeftOnlyWhenNoOneActiveMatches(t *testing.T) {
	s := newTestStore(t)
	addPerson(t, s, "Sam Active")
	me := addPerson(t, s, "Zoe Lead")
	gone := addPerson(t, s, "Sam Gone")
	gone.Status = StatusLeft
	if err := s.SavePerson(&gone); err != nil {
		t.Fatal(err)
	}
	hidden := addPerson(t, s, "Priya Hidden")
	if err := s.ArchivePerson(hidden.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMe(me.ID); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text   string
		orLeft bool
		want   string
	}{
		{"", true, "[Zoe Lead Sam Active]"},
		{"sam", true, "[Sam Active]"},
		{"gone", true, "[Sam Gone (left)]"},
		{"priya", true, "[Priya Hidden (left)]"},
		{"gone", false, "[]"},
		{"nobody here", true, "[]"},
	} {
		got, err := s.FindPeople(s.Context(), PeopleQuery{Text: c.text, Limit: 5, OrLeft: c.orLeft})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range got {
			if p.Left {
				p.Name += " (left)"
			}
			names = append(names, p.Name)
		}
		if fmt.Sprint(names) != c.want {
			t.Errorf("%q (or left %v) found %v, want %s", c.text, c.orLeft, names, c.want)
		}
	}
	if got, _ := s.Managers(s.Context(), "gone", 0, 5); len(got) != 0 {
		t.Errorf("a manager who left is offered: %+v", got)
	}
}
