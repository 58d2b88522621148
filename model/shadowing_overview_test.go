package model

import (
	"errors"
	"fmt"
	"testing"
)

// overviewWeek logs sessions of a junior manager's weeks: friction and
// strengths on several channels, some with a response time, one too old to
// count.
func overviewWeek(t *testing.T, s *Store) Person {
	t.Helper()
	p := Person{Name: "Chen Wei", Email: "chen@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	for _, sp := range []struct {
		ch   Channel
		date Date
		resp int // minutes; 0 for none logged
		tags []string
	}{
		{ChannelChat, NewDate(2026, 3, 2), 5, []string{"generic reply", "wow moment"}},
		{ChannelChat, NewDate(2026, 3, 3), 15, []string{"generic reply", "slow update"}},
		{ChannelPhone, NewDate(2026, 3, 3), 0, []string{"long hold", "slow update"}},
		{ChannelEmail, NewDate(2026, 3, 4), 180, []string{"slow update", "empowered agent"}},
		{ChannelEmail, NewDate(2026, 3, 5), 60 * 24, []string{"slow update"}},
		{ChannelEmail, NewDate(2026, 3, 6), 120, []string{"wow moment"}},
		{ChannelPhone, NewDate(2024, 1, 8), 30, []string{"long hold", "wow moment"}}, // over a year ago
	} {
		sess := Session{PersonID: p.ID, Kind: KindAsCustomer, Channel: sp.ch, Date: sp.date}
		if sp.resp > 0 {
			sess.ResponseMinutes = ptr(sp.resp)
		}
		if err := s.SaveSession(&sess, sp.tags); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func TestOverviewCountsEachKindApartWithTotals(t *testing.T) {
	s := newTestStore(t)
	overviewWeek(t, s)
	for _, tt := range []struct {
		kind      TagKind
		byChannel string
		totals    string
	}{
		{TagFriction,
			"[{chat generic reply 2} {chat slow update 1} {email slow update 2} {phone long hold 1} {phone slow update 1}]",
			"[{slow update friction 4} {generic reply friction 2} {long hold friction 1}]"},
		{TagStrength,
			"[{chat wow moment 1} {email empowered agent 1} {email wow moment 1}]",
			"[{wow moment strength 2} {empowered agent strength 1}]"},
	} {
		o, err := s.Overview(tt.kind)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(o.ByChannel); got != tt.byChannel {
			t.Errorf("%s by channel:\n got %s\nwant %s", tt.kind, got, tt.byChannel)
		}
		if got := fmt.Sprint(o.Totals); got != tt.totals {
			t.Errorf("%s totals:\n got %s\nwant %s", tt.kind, got, tt.totals)
		}
		if o.Since != NewDate(2025, 3, 10) {
			t.Errorf("since %s, want a year before today", o.Since)
		}
	}
}

// Changing a theme's kind moves it from one view to the other at once.
func TestSetTagKindMovesATheme(t *testing.T) {
	s := newTestStore(t)
	overviewWeek(t, s)
	if err := s.SetTagKind("Generic Reply", TagStrength); err != nil {
		t.Fatal(err)
	}
	friction, _ := s.Overview(TagFriction)
	strength, _ := s.Overview(TagStrength)
	if got := fmt.Sprint(friction.Totals); got != "[{slow update friction 4} {long hold friction 1}]" {
		t.Errorf("friction after the move: %s", got)
	}
	if got := fmt.Sprint(strength.Totals); got != "[{generic reply strength 2} {wow moment strength 2} {empowered agent strength 1}]" {
		t.Errorf("strengths after the move: %s", got)
	}
	tags, _ := s.Tags()
	for _, tg := range tags {
		if tg.Name == "generic reply" && tg.Kind != TagStrength {
			t.Errorf("Tags() still says %q", tg.Kind)
		}
	}
	if err := s.SetTagKind("no such theme", TagStrength); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown theme: %v, want ErrNotFound", err)
	}
	if err := s.SetTagKind("slow update", "delight"); err == nil {
		t.Error("an unknown kind was accepted")
	}
	if again, _ := s.Overview(TagFriction); fmt.Sprint(again.Totals) != fmt.Sprint(friction.Totals) {
		t.Errorf("a refused change changed the counts: %s", fmt.Sprint(again.Totals))
	}
}

func TestResponseTimesPerChannel(t *testing.T) {
	s := newTestStore(t)
	if o, err := s.Overview(TagFriction); err != nil || len(o.Response) != 0 {
		t.Fatalf("no sessions: %+v, %v", o.Response, err)
	}
	overviewWeek(t, s)
	o, err := s.Overview(TagStrength)
	if err != nil {
		t.Fatal(err)
	}
	// Chat has two (an even count: between them), email three (the middle
	// one); phone logged none this year, and the old session is left out.
	want := "[{chat 10 2} {email 180 3}]"
	if got := fmt.Sprint(o.Response); got != want {
		t.Errorf("response times %s, want %s", got, want)
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []int
		want int
	}{
		{nil, 0}, {[]int{7}, 7}, {[]int{1, 2, 9}, 2}, {[]int{10, 20}, 15}, {[]int{10, 11}, 11}, {[]int{1, 2, 3, 100}, 3},
	} {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// The tag filter finds themes containing what was typed, in any case, and
// the % and _ people type match themselves rather than anything.
func TestSessionFilterTagContains(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Chen Wei", Email: "chen@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	for i, tags := range [][]string{{"slow update"}, {"slow update on returns"}, {"100% refund"}, {"order_number asked twice"}, {"orderxnumber"}, {`back\slash`}} {
		sess := Session{PersonID: p.ID, Channel: ChannelChat, Date: NewDate(2026, 3, 1+i)}
		if err := s.SaveSession(&sess, tags); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		f    SessionFilter
		want int
	}{
		{SessionFilter{Tag: "Slow"}, 2},
		{SessionFilter{Tag: "UPDATE ON"}, 1},
		{SessionFilter{Tag: "%"}, 0},
		{SessionFilter{Tag: "100% r"}, 1},
		{SessionFilter{Tag: "_"}, 0},
		{SessionFilter{Tag: "order_n"}, 1},
		{SessionFilter{Tag: `back\`}, 1},
		{SessionFilter{Tag: "date"}, 0}, // a word starts with what was typed
		{SessionFilter{Tag: "upd"}, 2},
		{SessionFilter{Tag: "refunds"}, 0},
		{SessionFilter{Theme: "slow update"}, 1},
		{SessionFilter{Theme: "Slow Update", Tag: "returns"}, 0},
	} {
		n, err := s.CountSessions(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if n != tt.want {
			t.Errorf("%+v: %d sessions, want %d", tt.f, n, tt.want)
		}
	}
}
