package model

import (
	"errors"
	"strings"
	"testing"
)

func TestSessionValidate(t *testing.T) {
	neg := -5
	tests := []struct {
		name  string
		s     Session
		field string
	}{
		{"fine", Session{PersonID: 1, Channel: ChannelChat, Date: NewDate(2026, 3, 2), Minutes: 45}, ""},
		{"no one", Session{Channel: ChannelChat, Date: NewDate(2026, 3, 2)}, FieldShadower},
		{"bad channel", Session{PersonID: 1, Channel: "fax", Date: NewDate(2026, 3, 2)}, FieldChannel},
		{"no date", Session{PersonID: 1, Channel: ChannelChat}, FieldDate},
		{"negative minutes", Session{PersonID: 1, Channel: ChannelChat, Date: NewDate(2026, 3, 2), Minutes: -1}, FieldMinutes},
		{"negative response", Session{PersonID: 1, Channel: ChannelChat, Date: NewDate(2026, 3, 2), ResponseMinutes: &neg}, "response_minutes"},
		{"shadowing themselves", Session{PersonID: 1, AgentID: ptr(uint(1)), Channel: ChannelChat, Date: NewDate(2026, 3, 2)}, "agent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) || v.For(tt.field) == "" {
				t.Fatalf("want a problem with %s, got %v", tt.field, err)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// threeSessions is a junior manager's week: three channels, tags that recur.
func threeSessions(t *testing.T, s *Store) (Person, Person, []Session) {
	t.Helper()
	lead := Person{Name: "Lena Hartmann", Email: "lena@example.com"}
	if err := s.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	junior := Person{Name: "Chen Wei", Email: "chen@example.com", ManagerID: &lead.ID}
	if err := s.SavePerson(&junior); err != nil {
		t.Fatal(err)
	}
	specs := []struct {
		ch   Channel
		day  int
		tags []string
	}{
		{ChannelChat, 2, []string{"Generic reply", "slow update"}},
		{ChannelPhone, 3, []string{"long hold", "slow  Update"}},
		{ChannelChat, 4, []string{"generic reply "}},
	}
	var out []Session
	for _, sp := range specs {
		sess := Session{PersonID: junior.ID, Kind: KindAsCustomer, Channel: sp.ch, Date: NewDate(2026, 3, sp.day), Minutes: 30,
			Friction: "Asked twice for the order number", Ideas: "Carry the order number with transfers"}
		if err := s.SaveSession(&sess, sp.tags); err != nil {
			t.Fatal(err)
		}
		out = append(out, sess)
	}
	return lead, junior, out
}

func TestSessionsTagsAndFilters(t *testing.T) {
	s := newTestStore(t)
	_, junior, sessions := threeSessions(t, s)
	tags, err := s.Tags()
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) != 3 || tags[0] != (TagCount{"generic reply", TagFriction, 2}) || tags[1] != (TagCount{"slow update", TagFriction, 2}) {
		t.Errorf("tags = %+v", tags)
	}
	count := func(f SessionFilter) int {
		rows, err := s.Sessions(f)
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	for name, tt := range map[string]struct {
		f    SessionFilter
		want int
	}{
		"all":          {SessionFilter{}, 3},
		"person":       {SessionFilter{PersonID: junior.ID}, 3},
		"channel":      {SessionFilter{Channel: ChannelChat}, 2},
		"tag any case": {SessionFilter{Tag: "Slow Update"}, 2},
		"dates":        {SessionFilter{From: NewDate(2026, 3, 3), To: NewDate(2026, 3, 3)}, 1},
		"no match":     {SessionFilter{Channel: ChannelWarehouse}, 0},
	} {
		if got := count(tt.f); got != tt.want {
			t.Errorf("%s: %d sessions, want %d", name, got, tt.want)
		}
	}
	// Saving again replaces the tags rather than adding to them.
	if err := s.SaveSession(&sessions[0], []string{"empowered agent"}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Session(sessions[0].ID)
	if err != nil || strings.Join(d.Tags, ",") != "empowered agent" {
		t.Errorf("tags after re-save = %v, %v", d.Tags, err)
	}
	rows, _ := s.Sessions(SessionFilter{})
	if rows[0].PersonName != "Chen Wei" || rows[0].Date != NewDate(2026, 3, 4) {
		t.Errorf("newest first: %+v", rows[0])
	}
}

func TestDebriefActionsAndDelete(t *testing.T) {
	s := newTestStore(t)
	lead, junior, sessions := threeSessions(t, s)
	sess := sessions[1]
	sess.DebriefDate, sess.DebriefWithID, sess.DebriefAgreed = NewDate(2026, 3, 5), &lead.ID, "Try it on chat for two weeks"
	if err := s.SaveSession(&sess, []string{"long hold"}); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Carry the order number with transfers", "Update every 24 hours"} {
		if err := s.SaveAction(&Action{PersonID: junior.ID, SessionID: &sess.ID, Text: text, Due: NewDate(2026, 3, 20)}); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := s.Session(sess.ID)
	if !d.Debriefed() || len(d.Actions) != 2 {
		t.Fatalf("debrief: %+v", d)
	}
	if acts, _ := s.OpenActions(0); len(acts) != 2 {
		t.Errorf("debrief actions should join the team's actions: %d", len(acts))
	}
	if err := s.DeleteSession(sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(sess.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted session: %v", err)
	}
	if acts, _ := s.OpenActions(junior.ID); len(acts) != 2 || acts[0].SessionID != nil {
		t.Errorf("actions should outlive the session: %+v", acts)
	}
}
