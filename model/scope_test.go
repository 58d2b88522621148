package model

import (
	"slices"
	"testing"
	"time"
)

// Today and the One-on-ones list show the people in the user's scope: their
// reports by default once they have said who they are, down the line or
// everyone when they choose; everyone while nobody is me.
func TestScope(t *testing.T) {
	s := newTestStore(t)
	under := func(name string, manager *Person) Person {
		t.Helper()
		p := Person{Name: name}
		if manager != nil {
			p.ManagerID = &manager.ID
		}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dana := under("Dana Director", nil)
	lena := under("Lena Lead", &dana)
	amir := under("Amir Agent", &lena)
	under("Bea Agent", &lena)
	carl := under("Carl Agent", &dana)
	omar := under("Omar Other", nil)
	zoe := under("Zoe Agent", &omar)
	for _, p := range []Person{amir, carl, zoe} {
		m := mustStart(t, s, p.ID, fixedNow.Add(-30*24*time.Hour))
		it := mustItem(t, s, m, HeadingProgress, "Ask "+p.Name)
		it.FollowUp = s.Today()
		if err := s.UpdateItem(&it); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAction(&Action{PersonID: p.ID, Text: "For " + p.Name, Due: s.Today()}); err != nil {
			t.Fatal(err)
		}
	}
	everyone := []string{"Amir Agent", "Bea Agent", "Carl Agent", "Lena Lead", "Zoe Agent"}
	tests := []struct {
		name    string
		me      uint
		set     Scope // "" keeps what was set before
		want    ScopeChoice
		due     []string
		withFUs []string // whose follow-ups and actions
	}{
		{"nobody is me: everyone", 0, "", ScopeChoice{Current: ScopeEveryone}, everyone, []string{"Amir Agent", "Carl Agent", "Zoe Agent"}},
		{"a manager of leads: mine by default", dana.ID, "",
			ScopeChoice{ScopeMine, []Scope{ScopeMine, ScopeDownTheLine, ScopeEveryone}}, []string{"Carl Agent", "Lena Lead"}, []string{"Carl Agent"}},
		{"down the line", dana.ID, ScopeDownTheLine,
			ScopeChoice{ScopeDownTheLine, []Scope{ScopeMine, ScopeDownTheLine, ScopeEveryone}}, []string{"Amir Agent", "Bea Agent", "Carl Agent", "Lena Lead"}, []string{"Amir Agent", "Carl Agent"}},
		{"everyone", dana.ID, ScopeEveryone,
			ScopeChoice{ScopeEveryone, []Scope{ScopeMine, ScopeDownTheLine, ScopeEveryone}}, everyone, []string{"Amir Agent", "Carl Agent", "Zoe Agent"}},
		{"a lead: mine", lena.ID, ScopeMine,
			ScopeChoice{ScopeMine, []Scope{ScopeMine, ScopeEveryone}}, []string{"Amir Agent", "Bea Agent"}, []string{"Amir Agent"}},
		{"another lead", omar.ID, "",
			ScopeChoice{ScopeMine, []Scope{ScopeMine, ScopeEveryone}}, []string{"Zoe Agent"}, []string{"Zoe Agent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.me != 0 {
				if err := s.SetMe(tt.me); err != nil {
					t.Fatal(err)
				}
			}
			if tt.set != "" {
				if err := s.SetScope(tt.set); err != nil {
					t.Fatal(err)
				}
			}
			v, err := s.TodayView(time.Monday)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(v.Scope.Choices, tt.want.Choices) || v.Scope.Current != tt.want.Current {
				t.Errorf("scope = %+v, want %+v", v.Scope, tt.want)
			}
			var due, fus, acts, reps []string
			for _, r := range v.Due {
				due = append(due, r.Name)
			}
			for _, f := range v.FollowUps {
				fus = append(fus, f.PersonName)
			}
			team, err := s.OpenActions(0)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range v.Actions {
				acts = append(acts, a.PersonName)
			}
			if len(team) != len(v.Actions) {
				t.Errorf("%d team actions, %d on Today", len(team), len(v.Actions))
			}
			all, err := s.Reports()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range all {
				reps = append(reps, r.Name)
			}
			for _, l := range [][]string{due, fus, acts, reps} {
				slices.Sort(l)
			}
			if !slices.Equal(due, tt.due) || !slices.Equal(reps, tt.due) || v.DueToday+v.Overdue != len(tt.due) {
				t.Errorf("due = %v, reports = %v, want %v", due, reps, tt.due)
			}
			if !slices.Equal(fus, tt.withFUs) || !slices.Equal(acts, tt.withFUs) {
				t.Errorf("follow-ups of %v, actions of %v, want %v", fus, acts, tt.withFUs)
			}
		})
	}
	if err := s.SetScope("mine "); err == nil {
		t.Error("an unknown scope was kept")
	}
}

// Pickers offer the user first among the people who match.
func TestManagersPutMeFirst(t *testing.T) {
	s := newTestStore(t)
	addPerson(t, s, "Ana Lead")
	zed := addPerson(t, s, "Zed Lead")
	names := func() []string {
		t.Helper()
		got, err := s.Managers(s.Context(), "lead", 0, 5)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range got {
			out = append(out, c.Name)
		}
		return out
	}
	if got := names(); !slices.Equal(got, []string{"Ana Lead", "Zed Lead"}) {
		t.Errorf("nobody is me: %v", got)
	}
	if err := s.SetMe(zed.ID); err != nil {
		t.Fatal(err)
	}
	if got := names(); !slices.Equal(got, []string{"Zed Lead", "Ana Lead"}) {
		t.Errorf("Zed is me: %v", got)
	}
}
