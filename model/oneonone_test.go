package model

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCadenceNext(t *testing.T) {
	tests := []struct {
		c          Cadence
		last, want string
	}{
		{CadenceWeekly, "2026-03-02", "2026-03-09"},
		{CadenceWeekly, "2026-12-28", "2027-01-04"},
		{CadenceBiweekly, "2026-02-20", "2026-03-06"},
		{CadenceMonthly, "2026-01-15", "2026-02-15"},
		{CadenceMonthly, "2026-01-31", "2026-02-28"},
		{CadenceMonthly, "2028-01-31", "2028-02-29"},
		{CadenceMonthly, "2026-12-31", "2027-01-31"},
		{CadenceMonthly, "2026-03-31", "2026-04-30"},
		// Across the spring and autumn clock changes a week is still 7 days.
		{CadenceWeekly, "2026-03-26", "2026-04-02"},
		{CadenceWeekly, "2026-10-22", "2026-10-29"},
	}
	for _, tt := range tests {
		last, _ := ParseDate(tt.last)
		if got := tt.c.Next(last).String(); got != tt.want {
			t.Errorf("%s after %s = %s, want %s", tt.c, tt.last, got, tt.want)
		}
	}
}

func TestDueDateAcrossDST(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data")
	}
	// Held at 09:00 local on the Thursday before the clocks go forward.
	held := time.Date(2026, time.March, 26, 9, 0, 0, 0, berlin)
	if got := CadenceWeekly.Next(DateOf(held)).String(); got != "2026-04-02" {
		t.Errorf("next after DST change = %s", got)
	}
	// Late evening local is already the next day in UTC; the day must be local.
	late := time.Date(2026, time.October, 24, 23, 30, 0, 0, time.FixedZone("UTC-2", -2*3600))
	if got := DateOf(late).String(); got != "2026-10-24" {
		t.Errorf("DateOf late evening = %s", got)
	}
}

func TestDueText(t *testing.T) {
	today := NewDate(2026, 3, 10)
	for days, want := range map[int]string{0: "due today", 1: "due tomorrow", 5: "due in 5 days", -1: "overdue by 1 day", -9: "overdue by 9 days"} {
		if got := DueText(today.AddDays(days), today); got != want {
			t.Errorf("DueText(%+d) = %q, want %q", days, got, want)
		}
	}
}

func addPerson(t *testing.T, s *Store, name string) Person {
	t.Helper()
	p := Person{Name: name}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustStart(t *testing.T, s *Store, personID uint, at time.Time) OneOnOne {
	t.Helper()
	o, err := s.StartOneOnOne(personID, at, MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func mustItem(t *testing.T, s *Store, o OneOnOne, h Heading, text string) Item {
	t.Helper()
	it, err := s.AddItem(o.ID, h, text, false)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func itemTexts(t *testing.T, s *Store, id uint) map[string]bool {
	t.Helper()
	m, err := s.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, it := range m.Items {
		got[it.Text] = it.Carried
	}
	return got
}

func TestCarryOverChain(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amara Okafor")
	week := 7 * 24 * time.Hour
	m1 := mustStart(t, s, p.ID, fixedNow.Add(-2*week))
	blocked := mustItem(t, s, m1, HeadingObstacles, "Waiting on refund tool access")
	focus := mustItem(t, s, m1, HeadingFocus, "Shadow a chat shift")
	done := mustItem(t, s, m1, HeadingFocus, "Finish returns module")
	mustItem(t, s, m1, HeadingProgress, "Closed the backlog")
	done.Status = ItemDone
	if err := s.UpdateItem(&done); err != nil {
		t.Fatal(err)
	}

	if next, err := s.CarryingOver(p.ID); err != nil || len(next) != 2 {
		t.Fatalf("carrying over before meeting 2: %+v, %v", next, err)
	}
	m2 := mustStart(t, s, p.ID, fixedNow.Add(-week))
	got := itemTexts(t, s, m2.ID)
	want := map[string]bool{"Waiting on refund tool access": true, "Shadow a chat shift": true}
	if len(got) != len(want) || !got["Waiting on refund tool access"] || !got["Shadow a chat shift"] {
		t.Fatalf("meeting 2 items = %v, want only the open obstacle and focus, carried", got)
	}

	// Closing the carried item in meeting 2 closes it in meeting 1's history.
	focus.Status = ItemDone
	if err := s.UpdateItem(&focus); err != nil {
		t.Fatal(err)
	}
	m1view, _ := s.Meeting(m1.ID)
	for _, it := range m1view.Items {
		if it.ID == focus.ID && it.Status != ItemDone {
			t.Errorf("closing a carried item did not close the original")
		}
	}

	// Meeting 3 still carries the obstacle that stayed open, linked to the
	// original from meeting 1, not a copy.
	m3 := mustStart(t, s, p.ID, fixedNow)
	m3view, _ := s.Meeting(m3.ID)
	if len(m3view.Items) != 1 || m3view.Items[0].ID != blocked.ID || !m3view.Items[0].Carried ||
		!m3view.Items[0].FromDate.Equal(m1.HeldAt) {
		t.Fatalf("meeting 3 items = %+v", m3view.Items)
	}
	blocked.Text = "Refund tool access: escalated to IT"
	if err := s.UpdateItem(&blocked); err != nil {
		t.Fatal(err)
	}
	if got := itemTexts(t, s, m2.ID); !got["Refund tool access: escalated to IT"] {
		t.Errorf("an edit in meeting 3 should show everywhere the item is: %v", got)
	}
	if to, _ := s.CarriedTo(blocked.ID); len(to) != 2 {
		t.Errorf("obstacle carried to %v, want meetings 2 and 3", to)
	}
}

func TestReportsDueOrderAndCounts(t *testing.T) {
	s := newTestStore(t)
	never := addPerson(t, s, "Never Met")
	weekly := addPerson(t, s, "Weekly Person")
	monthly := addPerson(t, s, "Monthly Person")
	left := addPerson(t, s, "Gone Person")
	none := addPerson(t, s, "No Meetings")
	if err := s.SetCadence(monthly.ID, CadenceMonthly); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCadence(none.ID, CadenceNone); err != nil {
		t.Fatal(err)
	}
	left.Status = StatusLeft
	if err := s.SavePerson(&left); err != nil {
		t.Fatal(err)
	}
	day := 24 * time.Hour
	mustStart(t, s, weekly.ID, fixedNow.Add(-10*day)) // due 3 days ago
	o := mustStart(t, s, monthly.ID, fixedNow.Add(-5*day))
	fu := mustItem(t, s, o, HeadingProgress, "Moving house")
	fu.NonWork, fu.FollowUp = true, s.Today().AddDays(10)
	if err := s.UpdateItem(&fu); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAction(&Action{PersonID: monthly.ID, Text: "Book the training", Due: s.Today().AddDays(-1)}); err != nil {
		t.Fatal(err)
	}

	reps, err := s.Reports()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range reps {
		names = append(names, r.Name)
	}
	if len(reps) != 3 || reps[0].ID != weekly.ID || reps[1].ID != never.ID || reps[2].ID != monthly.ID {
		t.Fatalf("reports order = %v", names)
	}
	// A week after 28 February is Saturday 7 March: due the Monday after.
	if reps[0].NextDue.String() != "2026-03-09" || DueText(reps[0].NextDue, s.Today()) != "overdue by 1 day" {
		t.Errorf("weekly due %s", reps[0].NextDue)
	}
	if reps[1].LastHeld != nil || reps[1].NextDue != s.Today() {
		t.Errorf("never met: %+v", reps[1])
	}
	if reps[2].OpenActions != 1 || reps[2].FollowUps != 1 || reps[2].NextDue.String() != "2026-04-06" { // not Sunday the 5th
		t.Errorf("monthly: %+v", reps[2])
	}
}

func TestFollowUpsAndActions(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Ben Lindqvist")
	m1 := mustStart(t, s, p.ID, fixedNow.Add(-7*24*time.Hour))
	it := mustItem(t, s, m1, HeadingProgress, "Daughter's school play on Friday")
	it.NonWork, it.FollowUp = true, s.Today()
	if err := s.UpdateItem(&it); err != nil {
		t.Fatal(err)
	}
	work := mustItem(t, s, m1, HeadingProgress, "Work thing with a date")
	work.FollowUp = s.Today()
	if err := s.UpdateItem(&work); err != nil {
		t.Fatal(err)
	}
	m2 := mustStart(t, s, p.ID, fixedNow)
	m, err := s.Meeting(m2.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Non-work items are what follow-ups are for, but a work item with a
	// date is asked about too.
	if len(m.FollowUps) != 2 || m.FollowUps[0].Text != "Daughter's school play on Friday" || m.FollowUps[1].Text != "Work thing with a date" {
		t.Fatalf("follow-ups for the next meeting = %+v", m.FollowUps)
	}
	// The editor reads them alone when an item changes.
	for _, tc := range []struct {
		at   time.Time
		want int
	}{{m2.HeldAt, 2}, {m1.HeldAt, 0}} {
		if fus, err := s.FollowUpsBefore(p.ID, tc.at); err != nil || len(fus) != tc.want || (tc.want > 0 && fus[0].ID != m.FollowUps[0].ID) {
			t.Errorf("follow-ups before %v = %+v, %v; want %d", tc.at, fus, err, tc.want)
		}
	}

	today := s.Today()
	acts := []Action{
		{PersonID: p.ID, OneOnOneID: &m2.ID, Text: "Send the rota", Owner: OwnerLead, Due: today.AddDays(-2)},
		{PersonID: p.ID, Text: "Read the returns policy", Due: today.AddDays(3)},
		{PersonID: p.ID, Text: "Someday"},
	}
	for i := range acts {
		if err := s.SaveAction(&acts[i]); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.OpenActions(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !rows[0].Overdue || !rows[1].DueSoon || rows[2].Due.IsZero() == false || rows[0].PersonName != "Ben Lindqvist" {
		t.Fatalf("open actions = %+v", rows)
	}
	if err := s.SetActionDone(acts[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if rows, _ := s.OpenActions(p.ID); len(rows) != 2 {
		t.Errorf("done action still open: %d", len(rows))
	}
	if err := s.SaveAction(&Action{PersonID: p.ID, Text: "  "}); err == nil {
		t.Error("an empty action should be refused")
	}
}

func TestItemValidationAndDeleteUndo(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Chiara Rossi")
	m1 := mustStart(t, s, p.ID, fixedNow.Add(-time.Hour))
	if _, err := s.AddItem(m1.ID, "gossip", "x", false); err == nil {
		t.Error("an unknown heading should be refused")
	}
	it := mustItem(t, s, m1, HeadingObstacles, "Headset broken")
	m2 := mustStart(t, s, p.ID, fixedNow)
	to, _ := s.CarriedTo(it.ID)
	if err := s.DeleteItem(it.ID); err != nil {
		t.Fatal(err)
	}
	if got := itemTexts(t, s, m2.ID); len(got) != 0 {
		t.Errorf("deleted item still carried: %v", got)
	}
	if err := s.RestoreItem(it, to); err != nil {
		t.Fatal(err)
	}
	if got := itemTexts(t, s, m2.ID); !got["Headset broken"] {
		t.Errorf("restored item not carried again: %v", got)
	}
	bad := OneOnOne{ID: m1.ID, PulseRating: 9}
	var v *ValidationError
	if err := s.SaveOneOnOne(&bad); !errors.As(err, &v) {
		t.Errorf("rating 9: %v", err)
	}
}

// Notes are kept to MaxNoteText characters (not bytes: emoji count once).
// A longer note written before the limit still loads whole, and a refused
// save leaves it as it was.
func TestNoteLength(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Noor Haddad")
	m := mustStart(t, s, p.ID, fixedNow)
	full := strings.Repeat("😊", MaxNoteText)
	for _, tc := range []struct {
		name  string
		set   func(o *OneOnOne, text string)
		field string
	}{
		{"shared", func(o *OneOnOne, text string) { o.SharedNotes = text }, "shared_notes"},
		{"private", func(o *OneOnOne, text string) { o.PrivateNotes = text }, "private_notes"},
		{"pulse comment", func(o *OneOnOne, text string) { o.PulseComment = text }, "pulse_comment"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Meeting(m.ID)
			if err != nil {
				t.Fatal(err)
			}
			o := got.OneOnOne
			tc.set(&o, full)
			if err := s.SaveOneOnOne(&o); err != nil {
				t.Fatalf("a note of exactly the limit: %v", err)
			}
			tc.set(&o, full+"!")
			err = s.SaveOneOnOne(&o)
			var v *ValidationError
			if !errors.As(err, &v) || !strings.Contains(v.For(tc.field), fmt.Sprintf("at most %d characters (now %d)", MaxNoteText, MaxNoteText+1)) {
				t.Fatalf("one character over: %v", err)
			}
		})
	}

	legacy := strings.Repeat("An older, longer note. ", 5000) // 115,000 characters
	if err := s.db.Model(&OneOnOne{ID: m.ID}).Update("shared_notes", legacy).Error; err != nil {
		t.Fatal(err)
	}
	got, err := s.Meeting(m.ID)
	if err != nil || got.SharedNotes != legacy {
		t.Fatalf("a long stored note should load whole: %d characters, %v", len(got.SharedNotes), err)
	}
	got.SharedNotes += " And more."
	if err := s.SaveOneOnOne(&got.OneOnOne); !IsValidation(err) {
		t.Fatalf("saving a note over the limit: %v", err)
	}
	if again, _ := s.Meeting(m.ID); again.SharedNotes != legacy {
		t.Errorf("a refused save changed the stored note (%d characters)", len(again.SharedNotes))
	}
}

func TestPulseHistoryAndHistory(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Dan Nguyen")
	for i, r := range []int{4, 0, 2} {
		o := mustStart(t, s, p.ID, fixedNow.Add(time.Duration(i-3)*7*24*time.Hour))
		o.PulseRating = r
		if err := s.SaveOneOnOne(&o); err != nil {
			t.Fatal(err)
		}
	}
	pts, err := s.PulseHistory(p.ID)
	if err != nil || len(pts) != 2 || pts[0].Rating != 4 || pts[1].Rating != 2 {
		t.Fatalf("pulse = %+v, %v", pts, err)
	}
	h, err := s.History(p.ID)
	if err != nil || len(h) != 3 || !h[0].HeldAt.After(h[1].HeldAt) {
		t.Fatalf("history = %+v, %v", h, err)
	}
	if err := s.DeleteOneOnOne(h[0].ID); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(p.ID); len(h) != 2 {
		t.Errorf("after delete: %d", len(h))
	}
}

func TestDeletingAMeetingKeepsWhatItCarriedOn(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amir Haddad")
	week := 7 * 24 * time.Hour
	m1 := mustStart(t, s, p.ID, fixedNow.Add(-2*week))
	carried := mustItem(t, s, m1, HeadingObstacles, "Unclear escalation path")
	mustItem(t, s, m1, HeadingProgress, "Only in week one")
	if err := s.SaveAction(&Action{PersonID: p.ID, OneOnOneID: &m1.ID, Text: "Send draft macro to QA"}); err != nil {
		t.Fatal(err)
	}
	m2 := mustStart(t, s, p.ID, fixedNow.Add(-week))
	m3 := mustStart(t, s, p.ID, fixedNow)

	if err := s.DeleteOneOnOne(m1.ID); err != nil {
		t.Fatal(err)
	}
	got2 := itemTexts(t, s, m2.ID)
	if len(got2) != 1 || got2["Unclear escalation path"] {
		t.Errorf("week 2 should now own the carried item: %v", got2)
	}
	if got3 := itemTexts(t, s, m3.ID); !got3["Unclear escalation path"] {
		t.Errorf("week 3 should still carry it: %v", got3)
	}
	if it, err := s.Meeting(m2.ID); err != nil || it.Items[0].ID != carried.ID {
		t.Errorf("the same item, not a copy: %+v %v", it.Items, err)
	}
	if acts, _ := s.OpenActions(p.ID); len(acts) != 1 || acts[0].OneOnOneID != nil {
		t.Errorf("actions should stay with the person: %+v", acts)
	}
}

func TestTopOfTheTreeIsNotAReport(t *testing.T) {
	s := newTestStore(t)
	lead := addPerson(t, s, "Lena Hartmann")
	agent := Person{Name: "Chen Wei", ManagerID: &lead.ID}
	if err := s.SavePerson(&agent); err != nil {
		t.Fatal(err)
	}
	loner := addPerson(t, s, "No Manager Agent")
	reps, _ := s.Reports()
	if len(reps) != 2 || reps[0].ID != agent.ID || reps[1].ID != loner.ID {
		t.Errorf("reports = %+v", reps)
	}
}

func TestUpgradeFromSchema1KeepsPeople(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), FileName)
	all := migrations
	migrations = all[:1]
	s, err := Open(path)
	if err == nil {
		// Written as version 1 wrote it: the Person type has moved on since.
		err = s.db.Exec("INSERT INTO people (name, email, created_at, updated_at) VALUES ('Early Adopter', 'early@example.com', ?, ?)", fixedNow, fixedNow).Error
		s.Close()
	}
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _ := s.People(false)
	if len(rows) != 1 || rows[0].Email != "early@example.com" || rows[0].Cadence != CadenceWeekly {
		t.Errorf("after upgrade: %+v", rows)
	}
}

// A draft shows what the meeting would carry over and its follow-ups, yet
// stores nothing; started, it carries the same items.
func TestDraftMeetingStoresNothing(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amara Okafor")
	week := 7 * 24 * time.Hour
	m1 := mustStart(t, s, p.ID, fixedNow.Add(-week))
	mustItem(t, s, m1, HeadingFocus, "Shadow a chat shift")
	mustItem(t, s, m1, HeadingObstacles, "Waiting on refund tool access")
	mustItem(t, s, m1, HeadingProgress, "Closed the backlog")
	move := mustItem(t, s, m1, HeadingProgress, "Moving house")
	move.NonWork, move.FollowUp = true, DateOf(fixedNow)
	if err := s.UpdateItem(&move); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		person uint
		items  []string
	}{
		{"with history", p.ID, []string{"Waiting on refund tool access", "Shadow a chat shift"}},
		{"first meeting", addPerson(t, s, "Ben Ito").ID, nil},
	} {
		before, _ := s.History(tt.person)
		d, err := s.DraftMeeting(tt.person, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range d.Items {
			if !it.Carried {
				t.Errorf("%s: %q not marked carried", tt.name, it.Text)
			}
			got = append(got, it.Text)
		}
		if d.ID != 0 || !slices.Equal(got, tt.items) {
			t.Errorf("%s: draft %d items %q, want 0 and %q", tt.name, d.ID, got, tt.items)
		}
		if after, _ := s.History(tt.person); len(after) != len(before) {
			t.Errorf("%s: a draft stored a meeting", tt.name)
		}
		started, items, err := s.StartDraft(tt.person, fixedNow, MeetingSettingDesk)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := s.Meeting(started.ID)
		var carried, returned []string
		for i, it := range m.Items {
			carried = append(carried, it.Text)
			returned = append(returned, items[i].Text)
		}
		if !slices.Equal(carried, tt.items) || !slices.Equal(returned, carried) {
			t.Errorf("%s: started, it carries %q and says %q; the draft showed %q", tt.name, carried, returned, got)
		}
	}
	if d, _ := s.DraftMeeting(p.ID, fixedNow.Add(time.Hour)); len(d.FollowUps) != 1 {
		t.Errorf("draft follow-ups %+v, want the move", d.FollowUps)
	}
	if _, err := s.DraftMeeting(999, fixedNow); !errors.Is(err, ErrNotFound) {
		t.Errorf("draft for no one: %v", err)
	}
}

// MetOn finds a one-on-one held the same local day, and only then.
func TestMetOn(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Amara Okafor")
	day := DateOf(fixedNow.Local())
	if id, err := s.MetOn(p.ID, day); err != nil || id != 0 {
		t.Fatalf("before any meeting: %d, %v", id, err)
	}
	yesterday := mustStart(t, s, p.ID, fixedNow.Add(-24*time.Hour))
	met := mustStart(t, s, p.ID, fixedNow)
	for _, tt := range []struct {
		day  Date
		want uint
	}{{day, met.ID}, {day.AddDays(-1), yesterday.ID}, {day.AddDays(1), 0}} {
		if id, err := s.MetOn(p.ID, tt.day); err != nil || id != tt.want {
			t.Errorf("MetOn(%s) = %d, %v; want %d", tt.day, id, err, tt.want)
		}
	}
}
