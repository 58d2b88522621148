package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// besideAgents is a junior manager's fortnight beside two agents; the
// sessions come back by their Journey.
func besideAgents(t *testing.T, s *Store) (junior, priya, omar Person) {
	t.Helper()
	junior = Person{Name: "Sam Okafor", Email: "sam@example.com"}
	priya = Person{Name: "Priya Nair", PreferredName: "Pri", Email: "priya@example.com"}
	omar = Person{Name: "Omar Haddad", Email: "omar@example.com"}
	for _, p := range []*Person{&junior, &priya, &omar} {
		if err := s.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	specs := []struct {
		journey    string
		agent      *Person
		day        int
		wow, fric  string
		tags       []string
		asCustomer bool
	}{
		{"old", &priya, 1, "", "Asked twice\nfor the order", []string{"slow update"}, false},
		{"returns", &priya, 4, "Offered to hold the last pair", "Long hold", []string{"WOW moment", "long hold"}, false},
		{"same day", &priya, 4, "", "", nil, false},
		{"newest", &priya, 9, "", "  Typed   the address three times  ", []string{"generic reply"}, false},
		{"omar", &omar, 6, "Sent a card", "", []string{"wow moment"}, false},
		{"ordered", nil, 7, "", "Tracking page blank", nil, true},
	}
	for _, sp := range specs {
		sess := Session{PersonID: junior.ID, Channel: ChannelChat, Date: NewDate(2026, 3, sp.day), Journey: sp.journey, Wow: sp.wow, Friction: sp.fric}
		if sp.asCustomer {
			sess.Kind = KindAsCustomer
		} else {
			sess.AgentID = &sp.agent.ID
		}
		if err := s.SaveSession(&sess, sp.tags); err != nil {
			t.Fatal(err)
		}
	}
	return junior, priya, omar
}

func TestSessionsWithAnAgent(t *testing.T) {
	s := newTestStore(t)
	junior, priya, _ := besideAgents(t, s)
	journeys := func(rows []ShadowedSession) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.Journey)
		}
		return out
	}
	tests := []struct {
		name  string
		since Date
		limit int
		want  []string
		total int
	}{
		{"all of hers, newest first", Date{}, 0, []string{"newest", "same day", "returns", "old"}, 4},
		{"since a day, that day included", NewDate(2026, 3, 4), 0, []string{"newest", "same day", "returns"}, 3},
		{"the newest few, with the count", Date{}, 2, []string{"newest", "same day"}, 4},
		{"a limit not reached", NewDate(2026, 3, 5), 3, []string{"newest"}, 1},
		{"nothing since", NewDate(2026, 3, 10), 3, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total, err := s.SessionsWith(priya.ID, tt.since, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got := journeys(rows); !slices.Equal(got, tt.want) || total != tt.total {
				t.Errorf("got %v (%d in all), want %v (%d)", got, total, tt.want, tt.total)
			}
		})
	}

	rows, _, err := s.SessionsWith(priya.ID, NewDate(2026, 3, 4), 0)
	if err != nil {
		t.Fatal(err)
	}
	byJourney := map[string]ShadowedSession{}
	for _, r := range rows {
		byJourney[r.Journey] = r
	}
	ret := byJourney["returns"]
	if ret.Shadower != "Sam" || ret.ShadowerID != junior.ID || ret.Agent != "Pri" || ret.Channel != ChannelChat || ret.Date != NewDate(2026, 3, 4) {
		t.Errorf("returns session reads %+v", ret)
	}
	if !slices.Equal(ret.Tags, []string{"long hold", "wow moment"}) {
		t.Errorf("tags %v, want long hold and wow moment", ret.Tags)
	}
	for journey, want := range map[string]string{
		"returns":  "WOW moment — Offered to hold the last pair", // WOW before friction
		"newest":   "Friction — Typed the address three times",   // on one line
		"same day": "",
	} {
		if got := byJourney[journey].Moment; got != want {
			t.Errorf("%s: moment %q, want %q", journey, got, want)
		}
	}
}

func TestShadowedMomentIsClipped(t *testing.T) {
	long := strings.Repeat("word ", 100)
	got := moment(long, "")
	if n := len([]rune(got)); n > len("WOW moment — ")+momentLen || !strings.HasSuffix(got, "…") {
		t.Errorf("a long moment is %d runes: %q", n, got)
	}
}

func TestSessionsByTheShadower(t *testing.T) {
	s := newTestStore(t)
	junior, priya, _ := besideAgents(t, s)
	rows, total, err := s.SessionsBy(junior.ID, NewDate(2026, 3, 6), 2)
	if err != nil {
		t.Fatal(err)
	}
	if total != 3 || len(rows) != 2 || rows[0].Journey != "newest" || rows[1].Journey != "ordered" {
		t.Fatalf("got %+v (%d in all), want newest and ordered of 3", rows, total)
	}
	if rows[1].Agent != "" || rows[1].Kind != KindAsCustomer || rows[1].Moment != "Friction — Tracking page blank" {
		t.Errorf("a session as a customer reads %+v", rows[1])
	}
	if rows, _, err := s.SessionsBy(priya.ID, Date{}, 0); err != nil || len(rows) != 0 {
		t.Errorf("the agent shadowed nobody, got %v, %v", rows, err)
	}
}

// TestSessionsWithReadsTagsOnce: the tags of every session come in one
// query, not one per session.
func TestSessionsWithReadsTagsOnce(t *testing.T) {
	s := newTestStore(t)
	_, priya, _ := besideAgents(t, s)
	var rec sqlRecorder
	rec.watch(s.db)
	for _, tt := range []struct {
		limit, queries int
	}{{0, 2}, {10, 2}, {2, 3}} { // rows and tags, and a count when the limit cut the list
		rec.stmt = nil
		if _, _, err := s.SessionsWith(priya.ID, Date{}, tt.limit); err != nil {
			t.Fatal(err)
		}
		if n := len(rec.stmt); n != tt.queries {
			t.Errorf("limit %d: %d queries, want %d", tt.limit, n, tt.queries)
		}
	}
}

func TestShadowedBefore(t *testing.T) {
	s := newTestStore(t) // today is Tue 10 Mar 2026
	_, priya, omar := besideAgents(t, s)
	// Priya was met on 1 Feb and on the 4th: that day's sessions may have
	// come after.
	var held []OneOnOne
	for _, at := range []time.Time{time.Date(2026, 2, 1, 9, 0, 0, 0, time.Local), time.Date(2026, 3, 4, 9, 0, 0, 0, time.Local)} {
		o, err := s.StartOneOnOne(priya.ID, at, MeetingSettingDesk)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, o)
	}
	tests := []struct {
		name    string
		who     uint
		at      time.Time
		since   Date
		journey []string
		total   int
	}{
		{"the next one-on-one: since the last", priya.ID, s.Now(), NewDate(2026, 3, 4), []string{"newest", "same day"}, 3},
		{"a past one: since the one before, up to its day", priya.ID, held[1].HeldAt, NewDate(2026, 2, 1), []string{"same day", "returns"}, 3},
		{"never met: the last 30 days", omar.ID, s.Now(), NewDate(2026, 2, 8), []string{"omar"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total, since, err := s.ShadowedBefore(tt.who, tt.at, 2)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Journey)
			}
			if since != tt.since || total != tt.total || !slices.Equal(got, tt.journey) {
				t.Errorf("since %s: %v (%d in all), want since %s: %v (%d)", since, got, total, tt.since, tt.journey, tt.total)
			}
		})
	}
}
