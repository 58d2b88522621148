package export_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// exportFixture is one report with two meetings: a carried obstacle, a
// private item, private notes and a pulse.
func exportFixture(t *testing.T) *model.Store {
	t.Helper()
	s := storetest.New(t)
	p := model.Person{Name: "Amara Okafor", Email: "amara@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	other := storetest.AddPerson(t, s, "Zed Other")
	storetest.Start(t, s, other.ID, storetest.FixedNow)
	m1 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	storetest.Item(t, s, m1, model.HeadingObstacles, "Refund tool times out")
	done := storetest.Item(t, s, m1, model.HeadingProgress, "Cleared the backlog")
	done.Status = model.ItemDone
	secret := storetest.Item(t, s, m1, model.HeadingObstacles, "Dad in hospital")
	secret.NonWork, secret.Private, secret.Status = true, true, model.ItemDone
	for _, it := range []*model.Item{&done, &secret} {
		if err := s.UpdateItem(it); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []model.Action{
		{PersonID: p.ID, OneOnOneID: &m1.ID, Text: "Send the refund macro", Owner: model.OwnerReport, Due: model.NewDate(2026, 3, 13)},
		{PersonID: p.ID, OneOnOneID: &m1.ID, Text: "Ask IT about the tool", Owner: model.OwnerLead},
	} {
		if err := s.SaveAction(&a); err != nil {
			t.Fatal(err)
		}
		if a.Owner == model.OwnerLead {
			if err := s.SetActionDone(a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	m1.PulseRating, m1.PulseComment = 4, "Likes the new freedom"
	m1.SharedNotes, m1.PrivateNotes = "Walked by the river.", "Seems tired; check in."
	if err := s.SaveOneOnOne(&m1); err != nil {
		t.Fatal(err)
	}
	m2 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC))
	move := storetest.Item(t, s, m2, model.HeadingFocus, "Moving house")
	move.NonWork, move.FollowUp = true, model.NewDate(2026, 3, 20)
	if err := s.UpdateItem(&move); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportOneOnOnesMarkdown(t *testing.T) {
	s := exportFixture(t)
	var out bytes.Buffer
	opt := export.OneOnOneOptions{PersonEmail: "Amara@example.com", Format: export.FormatMarkdown, TimeZone: time.UTC}
	if err := export.OneOnOnes(s, &out, opt); err != nil {
		t.Fatal(err)
	}
	md := out.String()
	for _, want := range []string{
		"## Amara Okafor — Tue 3 Mar 2026, 10:00 · Walk",
		// Progress is an achievement, not a task.
		"### Meaningful progress\n\n- Cleared the backlog *(work)*\n\n### Obstacles",
		"- [ ] Refund tool times out *(work, carried over from 2026-03-03)*",
		"Pulse: 4/5 — Likes the new freedom",
		"- [ ] Moving house *(non-work, follow up 2026-03-20)*",
		"**Actions**\n\n- [ ] Send the refund macro *(Amara, by 2026-03-13)*\n- [x] Ask IT about the tool *(the lead)*\n\n**Shared notes**\n\nWalked by the river.",
		"Private items and private notes are not included.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	for _, secret := range []string{"Dad in hospital", "Seems tired", "Zed Other"} {
		if strings.Contains(md, secret) {
			t.Errorf("markdown leaks %q", secret)
		}
	}

	out.Reset()
	opt.IncludePrivate = true
	if err := export.OneOnOnes(s, &out, opt); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- [x] Dad in hospital *(non-work, private)*", "**Private notes**\n\nSeems tired; check in."} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("with private, markdown lacks %q", want)
		}
	}
}

func TestExportOneOnOnesCSVAndFilters(t *testing.T) {
	s := exportFixture(t)
	var out bytes.Buffer
	if err := export.OneOnOnes(s, &out, export.OneOnOneOptions{Format: export.FormatCSV, Since: model.NewDate(2026, 3, 5), TimeZone: time.UTC}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0][0] != "date" || recs[0][10] != "carried_from" {
		t.Fatalf("csv = %v", recs)
	}
	// Since 5 March: only the second meeting, with the carried obstacle and the move.
	got := map[string][]string{}
	for _, r := range recs[1:] {
		got[r[5]] = r
	}
	if r := got["Refund tool times out"]; r == nil || r[10] != "2026-03-03" || r[4] != "Obstacles" {
		t.Errorf("carried row = %v", r)
	}
	if r := got["Moving house"]; r == nil || r[6] != "non-work" || r[8] != "2026-03-20" || r[9] != "no" {
		t.Errorf("follow-up row = %v", r)
	}
	out.Reset()
	zed := storetest.PersonByEmail(t, s, "")
	if err := export.OneOnOnes(s, &out, export.OneOnOneOptions{Format: export.FormatMarkdown, PersonID: zed.ID, TimeZone: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "## Zed Other") || strings.Contains(out.String(), "Amara") {
		t.Errorf("PersonID should pick one person:\n%s", out.String())
	}
	if err := export.OneOnOnes(s, &out, export.OneOnOneOptions{Format: export.FormatCSV, PersonEmail: "nobody@example.com"}); err == nil {
		t.Error("an unknown person should be an error")
	}
}

func TestExportCalendarParses(t *testing.T) {
	s := exportFixture(t)
	amara := storetest.PersonByEmail(t, s, "amara@example.com")
	if err := s.SetCadence(amara.ID, model.CadenceMonthly); err != nil {
		t.Fatal(err)
	}
	var first, second bytes.Buffer
	for _, b := range []*bytes.Buffer{&first, &second} {
		if err := export.Calendar(s, b, time.UTC); err != nil {
			t.Fatal(err)
		}
	}
	if first.String() != second.String() {
		t.Error("exporting twice should give the same file (stable UIDs)")
	}
	cal, err := ical.NewDecoder(&first).Decode()
	if err != nil {
		t.Fatalf("calendar does not parse: %v\n%s", err, first.String())
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	byName := map[string]ical.Event{}
	for _, e := range events {
		sum, _ := e.Props.Text(ical.PropSummary)
		byName[sum] = e
	}
	e, ok := byName["One-on-one with Amara Okafor"]
	if !ok {
		t.Fatalf("no event for Amara: %v", byName)
	}
	uid, _ := e.Props.Text(ical.PropUID)
	if !strings.Contains(uid, "person-") {
		t.Errorf("uid %q", uid)
	}
	start, err := e.DateTimeStart(time.UTC)
	// Due Friday 10 April; she meets on Tuesdays.
	if err != nil || start.Format("2006-01-02 15:04") != "2026-04-14 10:00" {
		t.Errorf("start = %v, %v; want her usual weekday from the next due date, at the last meeting's time", start, err)
	}
	rule, err := e.Props.RecurrenceRule()
	if err != nil || rule == nil || rule.Freq.String() != "MONTHLY" {
		t.Errorf("rrule = %v, %v", rule, err)
	}
}

// What they said when a follow-up was asked is kept in both formats.
func TestExportKeepsWhatTheySaid(t *testing.T) {
	s := exportFixture(t)
	amara := storetest.PersonByEmail(t, s, "amara@example.com")
	fus, err := s.FollowUps(amara.ID)
	if err != nil || len(fus) != 1 {
		t.Fatalf("follow-ups %v, %v", fus, err)
	}
	if _, err := s.AskFollowUp(fus[0].ID, "All moved in, closer to work"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format string
		want   []string
	}{
		{export.FormatMarkdown, []string{"asked " + s.Today().String(), "\n  - They said: All moved in, closer to work\n"}},
		{export.FormatCSV, []string{"asked_on,they_said", s.Today().String() + ",\"All moved in, closer to work\""}},
	} {
		var out bytes.Buffer
		if err := export.OneOnOnes(s, &out, export.OneOnOneOptions{Format: tt.format, TimeZone: time.UTC}); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s export lacks %q:\n%s", tt.format, w, out.String())
			}
		}
	}
}
