package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

func shadowing(s *shell) *shadowingScreen { return s.shadowing() }

// A junior manager logs three sessions on three channels, the lead debriefs
// one and turns two ideas into actions, and the overview shows which
// friction themes recur.
func TestShadowingSessionsDebriefAndOverview(t *testing.T) {
	s, store := newTestShell(t)
	lead := model.Person{Name: "Lena Hartmann", Role: model.RoleTeamLead}
	if err := store.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	junior := model.Person{Name: "Chen Wei", ManagerID: &lead.ID}
	if err := store.SavePerson(&junior); err != nil {
		t.Fatal(err)
	}
	s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.Key4))
	sc := shadowing(s)
	if s.current != 3 || !markupContains(t, s, "No themes yet") {
		t.Fatal("Ctrl+3 should open Shadowing with an empty overview")
	}
	f := sc.form
	for i, spec := range []struct{ channel, friction, tags string }{
		{"Chat", "The first reply was a copied paragraph", "generic reply,slow update"},
		{"Phone", "On hold for twelve minutes", "long hold,slow update"},
		{"Social media", "Public post answered with a template", "generic reply"},
	} {
		s.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeyN))
		choosePerson(t, f.who, "Chen Wei")
		f.channel.SetSelected(spec.channel)
		test.Type(f.minutes, "30")
		test.Type(f.friction.entry, spec.friction)
		test.Type(f.ideas.entry, "Write delayed-order replies in our own voice")
		for _, tag := range strings.Split(spec.tags, ",") {
			test.Type(f.tagEntry, tag)
			f.addTag()
		}
		if !f.save() {
			t.Fatalf("session %d not saved: %s", i+1, f.problems.Text)
		}
	}
	if len(sc.rows) != 3 || sc.count.Text != "3 sessions" {
		t.Fatalf("%d sessions listed", len(sc.rows))
	}

	// Debrief the phone session and turn two ideas into actions.
	for i, r := range sc.rows {
		if r.Channel == model.ChannelPhone {
			sc.list.Select(i)
		}
	}
	if f.session.Channel != model.ChannelPhone {
		t.Fatalf("selected %+v", f.session.Session)
	}
	f.debriefDate.entry.SetText("2026-03-11")
	choosePerson(t, f.debriefWith, "Lena Hartmann")
	test.Type(f.agreed.entry, "Try call-backs instead of hold for a week")
	for _, idea := range []string{"Offer a call-back after 3 minutes on hold", "Share the hold times with the team"} {
		test.Type(f.actions.text, idea)
		f.actions.add()
	}
	if !f.flush() {
		t.Fatalf("debrief not saved: %s", f.problems.Text)
	}
	d, err := store.Session(f.session.ID)
	if err != nil || !d.Debriefed() || len(d.Actions) != 2 || d.DebriefAgreed == "" {
		t.Fatalf("debrief: %+v, %v", d, err)
	}
	if acts, _ := store.OpenActions(junior.ID); len(acts) != 2 {
		t.Errorf("debrief actions should be the person's actions: %d", len(acts))
	}
	assertGolden(t, "shadowing_session.xml", s.win.Canvas())

	sc.showOverview()
	got := map[string]int{}
	for _, r := range sc.chart.rows {
		got[r.Group+"/"+r.Label] = r.Value
	}
	if got["Chat/generic reply"] != 1 || got["Social media/generic reply"] != 1 || got["Phone/slow update"] != 1 || got["All channels/generic reply"] != 2 || len(got) != 8 {
		t.Errorf("overview = %v", got)
	}
	assertGolden(t, "shadowing_overview.xml", s.win.Canvas())

	// The tag filter finds the sessions that share a theme.
	sc.tag.SetText("Generic Reply")
	if len(sc.rows) != 2 {
		t.Errorf("tag filter: %d sessions", len(sc.rows))
	}
}

func TestShadowingFormRefusesBadInput(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "Chen Wei"}); err != nil {
		t.Fatal(err)
	}
	s.open(s.shadowing())
	sc := shadowing(s)
	sc.newItem()
	test.Type(sc.form.minutes, "half an hour")
	sc.form.date.entry.SetText("2026-02-30")
	if sc.form.save() {
		t.Fatal("a bad session was saved")
	}
	for _, want := range []string{"not a real date", "whole number of minutes"} {
		if !strings.Contains(sc.form.problems.Text, want) {
			t.Errorf("problems %q lack %q", sc.form.problems.Text, want)
		}
	}
	if rows, _ := store.Sessions(model.SessionFilter{}); len(rows) != 0 {
		t.Errorf("%d sessions written", len(rows))
	}
}

// TestSessionNotSavedClearsOnceFixed: the session form's "Not saved: …"
// loses each problem as its field is edited.
func TestSessionNotSavedClearsOnceFixed(t *testing.T) {
	s, _ := newTestShell(t)
	s.newOn(screenShadowing)
	f := shadowing(s).form
	test.Type(f.minutes, "half an hour")
	f.resp.SetText("soon")
	if f.save() || !strings.Contains(f.problems.Text, "length") || !strings.Contains(f.problems.Text, "response time") {
		t.Fatalf("the save should be refused for the length and the response time: %q", f.problems.Text)
	}
	for _, c := range []struct {
		fix       func()
		want, not string // in the line, "" for hidden; not in it
	}{
		{func() { f.minutes.SetText("30") }, "response time", "length is"},
		{func() { f.resp.SetText("5") }, "", ""},
	} {
		c.fix()
		switch {
		case c.want == "" && f.problems.Visible():
			t.Errorf("the line should be gone: %q", f.problems.Text)
		case c.want != "" && (!f.problems.Visible() || !strings.Contains(f.problems.Text, c.want) || strings.Contains(f.problems.Text, c.not)):
			t.Errorf("the line says %q, want %q in it and not %q", f.problems.Text, c.want, c.not)
		}
	}
}
