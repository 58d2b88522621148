package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestImportHistoryTwiceAddsNothing(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Amara Okafor")
	march3 := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	history := []HistoryMeeting{
		{HeldAt: march3, Setting: MeetingSettingWalk, PulseRating: 4, PulseComment: "Likes the freedom", SharedNotes: "By the river.",
			PrivateNotes: "Seems tired.", Items: []Item{
				{Heading: HeadingObstacles, Text: "Refund tool times out"},
				{Heading: HeadingProgress, Text: "Cleared the backlog", Status: ItemDone},
				{Heading: HeadingPulse, Text: "Dad in hospital", NonWork: true, Private: true},
			}, Actions: []Action{{Text: "Send the macro", Owner: OwnerLead, Due: NewDate(2026, 3, 6)}}},
		{HeldAt: march3.AddDate(0, 0, 7), Items: []Item{{Heading: HeadingFocus, Text: "Moving house", NonWork: true, FollowUp: NewDate(2026, 3, 20)}}},
	}
	if n, err := st.ImportHistory(p.ID, history); err != nil || n != 2 {
		t.Fatalf("first import added %d, %v", n, err)
	}
	if n, err := st.ImportHistory(p.ID, history); err != nil || n != 0 {
		t.Errorf("second import added %d, %v", n, err)
	}
	ids, err := st.MeetingIDs(MeetingFilter{PersonID: p.ID})
	if err != nil || len(ids) != 2 {
		t.Fatalf("meetings %v, %v", ids, err)
	}
	var first Meeting
	for _, id := range ids {
		if m, err := st.Meeting(id); err != nil {
			t.Fatal(err)
		} else if m.HeldAt.Equal(march3) {
			first = m
		}
	}
	if !first.HeldAt.Equal(march3) || first.Setting != MeetingSettingWalk || first.PulseRating != 4 || first.PrivateNotes != "Seems tired." || len(first.Items) != 3 || len(first.Actions) != 1 {
		t.Errorf("first meeting came back as %+v with %d items", first.OneOnOne, len(first.Items))
	}
	// An item added in the app since leaves it the same meeting.
	if err := st.db.Create(&Item{OneOnOneID: first.ID, Heading: HeadingFocus, Text: "Added afterwards", Status: ItemOpen}).Error; err != nil {
		t.Fatal(err)
	}
	if n, err := st.ImportHistory(p.ID, history); err != nil || n != 0 {
		t.Errorf("again after an edit: added %d, %v", n, err)
	}
	// The same day with other items is another meeting.
	other := []HistoryMeeting{{HeldAt: march3.Add(time.Hour), Items: []Item{{Heading: HeadingFocus, Text: "Something else"}}}}
	if n, err := st.ImportHistory(p.ID, other); err != nil || n != 1 {
		t.Errorf("a different meeting the same day: added %d, %v", n, err)
	}
}

func TestImportHistoryRefusesWhole(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Amara Okafor")
	bad := []HistoryMeeting{
		{HeldAt: fixedNow, Items: []Item{{Heading: HeadingFocus, Text: "fine"}}},
		{HeldAt: fixedNow.AddDate(0, 0, 7), PulseRating: 9, Items: []Item{{Heading: "gossip", Text: "x"}}},
		{Items: []Item{{Heading: HeadingFocus, Text: "when?"}}, Carried: []CarriedItem{{Meeting: 0, Item: 5}}},
	}
	_, err := st.ImportHistory(p.ID, bad)
	var v *ValidationError
	if !errors.As(err, &v) || len(v.Problems) != 3 {
		t.Fatalf("want problems with meetings 2 and 3 (a date, an item carried from nowhere), got %v", err)
	}
	if ids, _ := st.MeetingIDs(MeetingFilter{PersonID: p.ID}); len(ids) != 0 {
		t.Errorf("a refused history wrote %d meetings", len(ids))
	}
	if _, err := st.ImportHistory(9999, bad[:1]); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown person: %v", err)
	}
}

// A history is of one-on-ones already held, and of a size people keep.
func TestImportHistoryRefusesFutureAncientAndOversize(t *testing.T) {
	st := newTestStore(t)
	p := addPerson(t, st, "Amara Okafor")
	item := []Item{{Heading: HeadingFocus, Text: "A thing"}}
	many := make([]Item, MaxHistoryItems+1)
	for i := range many {
		many[i] = Item{Heading: HeadingFocus, Text: fmt.Sprintf("Thing %d", i)}
	}
	lots := make([]HistoryMeeting, MaxHistoryMeetings+1)
	for i := range lots {
		lots[i] = HistoryMeeting{HeldAt: fixedNow.AddDate(0, 0, -7*i), Items: item}
	}
	for _, c := range []struct {
		name     string
		meetings []HistoryMeeting
		want     string
	}{
		{"tomorrow", []HistoryMeeting{{HeldAt: fixedNow.AddDate(0, 0, 1), Items: item}}, "meeting 1: it is dated 2026-03-11, after today"},
		{"year 9999", []HistoryMeeting{{HeldAt: time.Date(9999, 12, 31, 23, 59, 0, 0, time.UTC), Items: item}}, "after today"},
		{"year 1", []HistoryMeeting{{HeldAt: time.Date(1, 1, 1, 9, 0, 0, 0, time.UTC), Items: item}}, "meeting 1: it is dated 0001-01-01, before 1900"},
		{"too many items", []HistoryMeeting{{HeldAt: fixedNow, Items: many}}, "meeting 1: it has 501 items"},
		{"too many meetings", lots, "meeting 1001: that is more than 1000"},
	} {
		_, err := st.ImportHistory(p.ID, c.meetings)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if ids, _ := st.MeetingIDs(MeetingFilter{PersonID: p.ID}); len(ids) != 0 {
		t.Errorf("refused histories wrote %d meetings", len(ids))
	}
	// Today itself is a day a one-on-one may have been held.
	if n, err := st.ImportHistory(p.ID, []HistoryMeeting{{HeldAt: fixedNow.Add(-time.Hour), Items: item}}); err != nil || n != 1 {
		t.Errorf("this morning's one-on-one: added %d, %v", n, err)
	}
}
