package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

func TestTodayWelcomesAnEmptyDatabase(t *testing.T) {
	s, _ := newTestShell(t)
	if s.current != 0 || s.today().root.Objects[0] != s.today().welcome {
		t.Fatal("Today is the start screen and welcomes a new user")
	}
	assertGolden(t, "today_empty.xml", s.win.Canvas())
}

func TestTodayAnswersWhatIsDue(t *testing.T) {
	s, store := newTestShell(t)
	overdue, _, _ := teamWithHistory(t, store)
	cohortOfTwenty(t, store)
	// Demo-like: something shared to ask about, and an action long enough
	// to wrap; both are read in full.
	addFollowUp(t, store, overdue.ID, "Her dad is in hospital for a few days; she may need to swap the Thursday late shift")
	act := model.Action{PersonID: overdue.ID, Text: "Book a shadowing slot on the social channel and send her the notes from the last one", Owner: model.OwnerLead, Due: store.Today().AddDays(-1)}
	if err := store.SaveAction(&act); err != nil {
		t.Fatal(err)
	}
	s.today().load()
	for _, want := range []string{"One-on-ones due (", "Amara Okafor — overdue by 1 day", "Cohorts (", "March 2026: 2 of 20 in training behind", "Prompt of the day",
		"swap the Thursday late shift", "send her the notes from the last one — overdue since"} {
		if !shows(s.today().view(), want) && !markupContains(t, s, want) {
			t.Errorf("Today lacks %q", want)
		}
	}
	assertGolden(t, "today.xml", s.win.Canvas())

	// The first due entry opens that person's page.
	card := s.today().cards.Objects[0].(*fyne.Container).Objects[0].(*widget.Card)
	first := card.Content.(*fyne.Container).Objects[0].(*widget.Hyperlink)
	test.TapAt(first, fyne.NewPos(first.Size().Width/4, first.Size().Height/2))
	if s.current != 2 || s.oneOnOnes().page.person.ID != overdue.ID {
		t.Errorf("clicking %q opened screen %d, person %d", first.Text, s.current, s.oneOnOnes().page.person.ID)
	}
}

// A card lists todayMax entries and counts the rest, making no more.
func TestTodayCardMakesOnlyWhatItShows(t *testing.T) {
	test.NewTempApp(t)
	made := 0
	card := todayCard("Due", "", "none", 10000, func(i int) todayEntry {
		made++
		return todayEntry{text: fmt.Sprint("entry ", i), open: func() {}}
	}, func() {}).(*widget.Card)
	box := card.Content.(*fyne.Container)
	if made != todayMax || len(box.Objects) != todayMax+1 || card.Title != "Due (10000)" {
		t.Fatalf("made %d entries, %d lines, title %q", made, len(box.Objects), card.Title)
	}
	if more := box.Objects[todayMax].(*widget.Button); more.Text != "and 9992 more…" {
		t.Errorf("last line %q", more.Text)
	}
}

// With SOLEMATE_TODAY set, Today says the day is not today's, with its year.
func TestTodaySaysWhenTheDayIsSet(t *testing.T) {
	for _, tt := range []struct{ env, want, title string }{
		{"", "Tuesday 10 March", "Solemate — People"},
		{"2026-03-10", "Tuesday 10 March 2026 (set by SOLEMATE_TODAY)", "Solemate — People (as of Tue 10 Mar 2026)"},
	} {
		t.Setenv(model.TodayEnv, tt.env)
		s, _ := newTestShell(t)
		s.today().load()
		if got := s.today().date.Text; got != tt.want {
			t.Errorf("SOLEMATE_TODAY=%q: Today's heading %q, want %q", tt.env, got, tt.want)
		}
		s.open(s.people())
		if got := s.win.Title(); got != tt.title {
			t.Errorf("SOLEMATE_TODAY=%q: the window is called %q, want %q", tt.env, got, tt.title)
		}
	}
}

// My own action on Today (one a debrief gave me) opens Team actions, where
// it is ticked off, not my page as if I were my own report.
func TestTodayOpensMyOwnActionWhereItIsTicked(t *testing.T) {
	s, store := newTestShell(t)
	ids := addPeople(t, store, nil, "Sam Okafor", "Priya Nair") // more than me: Today past its first steps
	if err := store.SetMe(ids["Sam Okafor"]); err != nil {
		t.Fatal(err)
	}
	act := model.Action{PersonID: ids["Sam Okafor"], Text: "Check the courier links", Owner: model.OwnerReport, Due: store.Today()}
	if err := store.SaveAction(&act); err != nil {
		t.Fatal(err)
	}
	s.today().load()
	link, ok := first(s.today().view(), func(h *widget.Hyperlink) bool { return strings.HasPrefix(h.Text, "I will: Check the courier links") })
	if !ok {
		t.Fatal("Today does not list my own action as mine")
	}
	link.OnTapped()
	o := s.oneOnOnes()
	if s.current != screenOneOnOnes || o.page.person.ID == ids["Sam Okafor"] || !slices.Contains(o.right.Objects, o.actions.view) {
		t.Errorf("my own action opened screen %d, person %d", s.current, o.page.person.ID)
	}
}
