package model

import (
	"testing"
	"time"
)

// Adversary of issue 22: a report's login on a shared server, and what
// the lead's app does with what they write.

// takeAgenda copies the waiting agenda into the meeting, then deletes the
// agenda in a later statement with a fresh snapshot: an item or pulse the
// report commits in between is deleted without ever reaching a meeting. A
// slow trigger (owner's, test-only) widens the window that a busy server
// gives anyway. What the report adds while the meeting starts should land
// in the meeting or keep waiting for the next one.
func TestAdv22TakeAgendaLosesWhatTheReportAddsMeanwhile(t *testing.T) {
	sc := newReportScene(t)
	for _, q := range []string{
		`CREATE FUNCTION adv22_slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$`,
		`CREATE TRIGGER adv22_slow AFTER UPDATE OF report_pulse ON one_on_ones FOR EACH STATEMENT EXECUTE FUNCTION adv22_slow()`,
	} {
		if err := sc.owner.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	type started struct {
		o   OneOnOne
		err error
	}
	ch := make(chan started, 1)
	go func() {
		o, err := sc.lead.StartOneOnOne(sc.inesID, fixedNow, MeetingSettingDesk)
		ch <- started{o, err}
	}()
	time.Sleep(800 * time.Millisecond)
	if _, err := sc.ines.AddToAgenda(sc.inesID, []AgendaItem{{Heading: HeadingFocus, Text: "Late thought about the rota"}}); err != nil {
		t.Fatal(err)
	}
	if err := sc.ines.SetAgendaPulse(sc.inesID, 2); err != nil {
		t.Fatal(err)
	}
	st := <-ch
	if st.err != nil {
		t.Fatal(st.err)
	}
	m, err := sc.lead.Meeting(st.o.ID)
	if err != nil {
		t.Fatal(err)
	}
	inMeeting := false
	for _, it := range m.Items {
		inMeeting = inMeeting || it.Text == "Late thought about the rota"
	}
	waiting, err := sc.owner.Agenda(sc.inesID)
	if err != nil {
		t.Fatal(err)
	}
	if !inMeeting && len(waiting.Items) == 0 {
		t.Error("the report's item, added while the lead started the meeting, is in neither the meeting nor the agenda: takeAgenda's DELETE removed what its INSERT … SELECT never copied (delete only the rows taken, e.g. DELETE … RETURNING)")
	}
	if m.ReportPulse != 2 && waiting.Pulse != 2 {
		t.Errorf("the report's pulse, given while the meeting started, is lost (meeting %d, waiting %d)", m.ReportPulse, waiting.Pulse)
	}
}

// A lead who records a forgotten one-on-one from a month ago (before the
// latest one) takes the report's agenda for their NEXT one-on-one into
// that old meeting, where no one will look and nothing carries on from.
func TestAdv22BackdatedMeetingSwallowsTheNextAgenda(t *testing.T) {
	sc := newReportScene(t)
	if _, err := sc.ines.AddToAgenda(sc.inesID, []AgendaItem{{Heading: HeadingObstacles, Text: "The new rota clashes with my course"}}); err != nil {
		t.Fatal(err)
	}
	if err := sc.ines.SetAgendaPulse(sc.inesID, 3); err != nil {
		t.Fatal(err)
	}
	old, err := sc.lead.StartOneOnOne(sc.inesID, fixedNow.Add(-30*24*time.Hour), MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sc.lead.Meeting(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range m.Items {
		if it.ByReport {
			t.Errorf("a one-on-one back-dated before the latest one took in the report's agenda item %q; it should keep waiting for their next one-on-one", it.Text)
		}
	}
	if m.ReportPulse != 0 {
		t.Errorf("the back-dated one-on-one took the pulse given ahead of the next one (%d)", m.ReportPulse)
	}
}

// The report's agenda policy checks the heading, blank text and length,
// but not what the app's validate refuses: line breaks, tabs, control and
// invisible characters, text of only non-ASCII spaces. Raw SQL puts them
// on the agenda and takeAgenda copies them into the lead's meeting as
// items the lead's app would itself refuse to save.
func TestAdv22ReportAgendaTextTheAppRefuses(t *testing.T) {
	sc := newReportScene(t)
	for _, text := range []string{
		`E'two\nlines'`,
		`E'a\ttab'`,
		`E'bell\u0007'`,
		`E'\u001b[31mred'`,
		`E'\u202Egnp.exe'`,
		`E'\u00a0\u00a0'`,
		`E'\u200b'`,
	} {
		q := "INSERT INTO agenda_items (person_id, heading, text) VALUES ({ines}, 'focus', " + text + ")"
		if err := sc.ines.db.Exec(sc.sql(q)).Error; err == nil {
			it := AgendaItem{PersonID: sc.inesID, Heading: HeadingFocus}
			_ = sc.owner.db.Raw(sc.sql("SELECT text FROM agenda_items WHERE person_id = {ines} ORDER BY id DESC LIMIT 1")).Scan(&it.Text)
			t.Errorf("a report's SQL put %s on their agenda (the app refuses it: %v)", text, it.validate())
		}
	}
}

// A report's agenda has no bound on the server: one statement puts
// thousands of items on it, and the lead's next one-on-one takes every one
// in. An agenda file is refused past 500 items; the server should refuse
// as much.
func TestAdv22ReportFloodsTheAgenda(t *testing.T) {
	sc := newReportScene(t)
	err := sc.ines.db.Exec(sc.sql("INSERT INTO agenda_items (person_id, heading, text) SELECT {ines}, 'focus', 'item ' || g FROM generate_series(1, 5000) g")).Error
	var n int64
	if e := sc.owner.db.Model(&AgendaItem{}).Where("person_id = ?", sc.inesID).Count(&n).Error; e != nil {
		t.Fatal(e)
	}
	if n > 500 {
		t.Errorf("a report put %d items on their agenda in one statement (err %v); their lead's next one-on-one takes all of them in", n, err)
	}
}

// A report writes a position at the top of INTEGER; every later add to
// that heading (the lead importing their agenda file, or their own app)
// computes position+1 and fails with the server's raw error.
func TestAdv22ReportPositionBreaksLaterAdds(t *testing.T) {
	sc := newReportScene(t)
	if err := sc.ines.db.Exec(sc.sql("INSERT INTO agenda_items (person_id, heading, text, position) VALUES ({ines}, 'focus', 'First', 2147483647)")).Error; err != nil {
		t.Skipf("refused: %v", err)
	}
	if _, err := sc.lead.AddToAgenda(sc.inesID, []AgendaItem{{Heading: HeadingFocus, Text: "From the agenda file"}}); err != nil {
		t.Errorf("after a report's position of 2147483647, adding to their agenda fails: %v", err)
	}
}

// A report's SQL sets times the app always fills itself: an agenda item
// created in year 1 (then an item of the meeting created in year 1), an
// action ticked off in 1999 or in 2999.
func TestAdv22ReportForgesTimes(t *testing.T) {
	sc := newReportScene(t)
	for _, q := range []string{
		"INSERT INTO agenda_items (person_id, heading, text, created_at) VALUES ({ines}, 'focus', 'Old', '0001-01-01')",
		"INSERT INTO agenda_items (person_id, heading, text, created_at) VALUES ({ines}, 'focus', 'New', '2999-01-01')",
		"UPDATE actions SET done_at = '1999-01-01' WHERE id = {inesTodo}",
		"UPDATE actions SET done_at = '2999-01-01' WHERE id = {inesTodo}",
		"UPDATE actions SET updated_at = '1970-01-01' WHERE id = {inesTodo}",
	} {
		_ = sc.ines.db.Exec(sc.sql(q)).Error // refused, or dated by the server
	}
	// The server's clock, not the report's SQL, says when.
	var forged int64
	err := sc.owner.db.Raw(sc.sql(`SELECT (SELECT count(*) FROM agenda_items WHERE person_id = {ines} AND abs(extract(epoch FROM created_at - now())) > 86400)
		+ (SELECT count(*) FROM actions WHERE id = {inesTodo} AND (abs(extract(epoch FROM COALESCE(done_at, now()) - now())) > 86400
			OR updated_at < '2000-01-01'))`)).Scan(&forged).Error
	if err != nil || forged != 0 {
		t.Errorf("%d rows keep the times a report's SQL forged (%v)", forged, err)
	}
}

// A report whose person is archived (they left) still adds to an agenda
// no one will take in, as the file path refuses ("not on the roster").
func TestAdv22ArchivedReportStillWrites(t *testing.T) {
	sc := newReportScene(t)
	if err := sc.lead.ArchivePerson(sc.inesID); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.ines.AddToAgenda(sc.inesID, []AgendaItem{{Heading: HeadingPulse, Text: "Still here"}}); err == nil {
		t.Error("a report whose person is archived still adds to their agenda")
	}
	if err := sc.ines.db.Exec(sc.sql("INSERT INTO agenda_items (person_id, heading, text) VALUES ({ines}, 'pulse', 'Raw')")).Error; err == nil {
		t.Error("a report whose person is archived still inserts agenda items in SQL")
	}
}

// The report's app leaves the lead's pulse comment out of their shared
// history (SharedMeeting has no PulseComment), but the grant is SELECT on
// all of one_on_ones: raw SQL reads what the lead wrote beside the pulse
// ("How do they feel about the team and the company?"). Either grant the
// columns the app shows, as for people, or show it to them.
func TestAdv22ReportReadsThePulseCommentTheAppHides(t *testing.T) {
	sc := newReportScene(t)
	m, err := sc.lead.Meeting(sc.home)
	if err != nil {
		t.Fatal(err)
	}
	m.PulseRating, m.PulseComment = 2, "Flight risk, watch her"
	if err := sc.lead.SaveOneOnOne(&m.OneOnOne); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := sc.ines.db.Raw(sc.sql("SELECT pulse_comment FROM one_on_ones WHERE id = {home}")).Scan(&got).Error; err == nil && got != "" {
		t.Errorf("a report reads the lead's pulse comment %q, which their own app does not show them", got)
	}
}
