package model

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"solemate/model/dbtest"
)

// reportScene is a shared server where lead A holds one-on-ones with Ines
// and Kofi (both report to Rhea), and Ines signs in as a report.
type reportScene struct {
	owner, lead, ines  *Store
	boss, inesID, kofi uint
	home, later, kofis uint // Ines's two one-on-ones, Kofi's one
	secret, shared     uint // lead A's private and shared items in home
	kofiItem           uint
	inesTodo, leadTodo uint // Ines's own action, and the lead's for her
	kofiTodo           uint
	kofiAgenda         uint
}

// reportURL is dbURL as a new report: a login role in ReportRole.
func reportURL(t *testing.T, dbURL, name string) (string, string) {
	t.Helper()
	role := fmt.Sprintf("%s_%d", name, os.Getpid())
	if _, err := serverAdmin.Exec(fmt.Sprintf("CREATE ROLE %s LOGIN IN ROLE %s", role, ReportRole)); err != nil {
		t.Fatalf("create role: %v", err)
	}
	t.Cleanup(func() { _, _ = serverAdmin.Exec("DROP ROLE IF EXISTS " + role) })
	u, _ := url.Parse(dbURL)
	u.User = url.User(role)
	return u.String(), role
}

// A lead may not call what answers a report's policies.
func init() {
	for _, fn := range []string{"report_person", "report_lead", "report_meetings", "report_carried"} {
		definerCalls[fn] = append(definerCalls[fn], struct {
			sql     string
			refused bool
		}{"SELECT " + fn + "()", true})
	}
}

func newReportScene(t *testing.T) *reportScene {
	t.Helper()
	needServer(t)
	dbURL := newServerDatabase(t)
	owner, err := Open(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	owner.Now = testNow
	t.Cleanup(func() { _ = owner.Close() })
	sc := &reportScene{owner: owner, lead: leadStore(t, dbURL, "lead_a")}
	sc.boss = addPerson(t, sc.lead, "Rhea Lind").ID
	for _, p := range []struct {
		name string
		id   *uint
	}{{"Ines Duarte", &sc.inesID}, {"Kofi Boateng", &sc.kofi}} {
		person := Person{Name: p.name, Email: strings.ToLower(strings.Fields(p.name)[0]) + "@example.com", ManagerID: &sc.boss}
		if err := sc.lead.SavePerson(&person); err != nil {
			t.Fatal(err)
		}
		*p.id = person.ID
	}
	day := 24 * time.Hour
	home := mustStart(t, sc.lead, sc.inesID, fixedNow.Add(-14*day))
	sc.home = home.ID
	secret := mustItem(t, sc.lead, home, HeadingObstacles, "Second job is wearing her out")
	secret.Private = true
	if err := sc.lead.UpdateItem(&secret); err != nil {
		t.Fatal(err)
	}
	sc.secret = secret.ID
	sc.shared = mustItem(t, sc.lead, home, HeadingFocus, "Chat queue next week").ID
	m, err := sc.lead.Meeting(sc.home)
	if err != nil {
		t.Fatal(err)
	}
	m.PrivateNotes, m.SharedNotes = "Worried about her commute", "Good week on refunds"
	if err := sc.lead.SaveOneOnOne(&m.OneOnOne); err != nil {
		t.Fatal(err)
	}
	sc.later = mustStart(t, sc.lead, sc.inesID, fixedNow.Add(-7*day)).ID // carries both items
	kofis := mustStart(t, sc.lead, sc.kofi, fixedNow.Add(-7*day))
	sc.kofis = kofis.ID
	sc.kofiItem = mustItem(t, sc.lead, kofis, HeadingObstacles, "Thinking of leaving").ID
	for _, a := range []struct {
		person uint
		owner  Owner
		text   string
		id     *uint
	}{{sc.inesID, OwnerReport, "Shadow a chat shift", &sc.inesTodo}, {sc.inesID, OwnerLead, "Ask about the course budget", &sc.leadTodo}, {sc.kofi, OwnerReport, "Write up the escalation", &sc.kofiTodo}} {
		act := Action{PersonID: a.person, OneOnOneID: &sc.later, Owner: a.owner, Text: a.text}
		if a.person == sc.kofi {
			act.OneOnOneID = &sc.kofis
		}
		if err := sc.lead.SaveAction(&act); err != nil {
			t.Fatal(err)
		}
		*a.id = act.ID
	}
	added, err := sc.lead.AddToAgenda(sc.kofi, []AgendaItem{{Heading: HeadingPulse, Text: "Team feels stretched"}})
	if err != nil {
		t.Fatal(err)
	}
	sc.kofiAgenda = added[0].ID
	if err := sc.lead.SetUserSetting("me", fmt.Sprint(sc.boss)); err != nil {
		t.Fatal(err)
	}
	inesURL, login := reportURL(t, dbURL, "ines")
	if err := owner.LinkReport(login, sc.inesID); err != nil {
		t.Fatal(err)
	}
	if sc.ines, err = Open(inesURL); err != nil {
		t.Fatalf("Ines signs in: %v", err)
	}
	sc.ines.Now = testNow
	t.Cleanup(func() { _ = sc.ines.Close() })
	return sc
}

func (sc *reportScene) sql(q string) string {
	return strings.NewReplacer("{boss}", fmt.Sprint(sc.boss), "{ines}", fmt.Sprint(sc.inesID), "{kofi}", fmt.Sprint(sc.kofi),
		"{home}", fmt.Sprint(sc.home), "{later}", fmt.Sprint(sc.later), "{kofis}", fmt.Sprint(sc.kofis),
		"{secret}", fmt.Sprint(sc.secret), "{shared}", fmt.Sprint(sc.shared), "{kofiItem}", fmt.Sprint(sc.kofiItem),
		"{inesTodo}", fmt.Sprint(sc.inesTodo), "{leadTodo}", fmt.Sprint(sc.leadTodo), "{kofiTodo}", fmt.Sprint(sc.kofiTodo),
		"{kofiAgenda}", fmt.Sprint(sc.kofiAgenda)).Replace(q)
}

// A report who reads, in SQL of their own, anything beyond their own
// shared rows is refused or finds nothing.
func TestReportReadsOnlyTheirOwnSharedRows(t *testing.T) {
	sc := newReportScene(t)
	for _, q := range []string{
		"SELECT id FROM one_on_ones WHERE person_id <> {ines}",
		"SELECT id FROM one_on_ones WHERE id = {kofis}",
		"SELECT id FROM one_on_one_items WHERE private",
		"SELECT id FROM one_on_one_items WHERE id = {secret}",
		"SELECT id FROM one_on_one_items WHERE one_on_one_id = {kofis} OR id = {kofiItem}",
		"SELECT one_on_one_id FROM carry_overs WHERE one_on_one_id = {kofis} OR item_id = {secret}",
		"SELECT * FROM private_notes",
		"SELECT * FROM search_docs",
		"SELECT id FROM people WHERE id NOT IN ({ines}, {boss})",
		"SELECT email FROM people",
		"SELECT role, team FROM people WHERE id = {boss}",
		"SELECT * FROM user_settings",
		"SELECT * FROM cohorts",
		"SELECT * FROM cohort_hires",
		"SELECT * FROM prompts",
		"SELECT * FROM prompt_uses",
		"SELECT * FROM shadowing_sessions",
		"SELECT id FROM agenda_items WHERE person_id = {kofi}",
		"SELECT person_id FROM agendas WHERE person_id <> {ines}",
		"SELECT id FROM actions WHERE person_id <> {ines}",
		"SELECT login FROM report_logins WHERE person_id <> {ines}",
		"SELECT count(*) FROM one_on_one_items WHERE private HAVING count(*) > 0",
	} {
		var rows []map[string]any
		err := sc.ines.db.Raw(sc.sql(q)).Scan(&rows).Error
		if err == nil && len(rows) > 0 {
			t.Errorf("a report reads %s: %v", sc.sql(q), rows)
		}
	}
	// What is theirs they do read, so the refusals above are the rules'.
	for _, q := range []string{
		"SELECT id FROM one_on_one_items WHERE id = {shared}",
		"SELECT item_id FROM carry_overs WHERE item_id = {shared} AND one_on_one_id = {later}",
		"SELECT name FROM people WHERE id = {boss}",
		"SELECT id FROM actions WHERE id = {leadTodo}",
		"SELECT shared_notes FROM one_on_ones WHERE id = {home}",
	} {
		var rows []map[string]any
		if err := sc.ines.db.Raw(sc.sql(q)).Scan(&rows).Error; err != nil || len(rows) != 1 {
			t.Errorf("a report cannot read their own with %s: %v %v", sc.sql(q), rows, err)
		}
	}
}

// A report who writes, in SQL of their own, anything beyond their own
// agenda, pulse and ticks is refused, and nothing changes.
func TestReportChangesNothingElse(t *testing.T) {
	sc := newReportScene(t)
	for _, q := range []string{
		"INSERT INTO one_on_one_items (one_on_one_id, heading, text) VALUES ({later}, 'progress', 'Promote me')",
		"UPDATE one_on_one_items SET text = 'Nothing wrong' WHERE id = {shared}",
		"UPDATE one_on_one_items SET private = false WHERE id = {secret}",
		"DELETE FROM one_on_one_items WHERE id = {shared}",
		"UPDATE one_on_ones SET shared_notes = 'Excellent' WHERE id = {home}",
		"UPDATE one_on_ones SET pulse_rating = 5 WHERE id = {home}",
		"DELETE FROM one_on_ones WHERE id = {later}",
		"INSERT INTO one_on_ones (person_id, held_at) VALUES ({ines}, now())",
		"DELETE FROM carry_overs",
		"INSERT INTO private_notes (one_on_one_id, text) VALUES ({home}, 'mine')",
		"INSERT INTO search_docs (docid, body, private) VALUES (999999, 'planted', '0')",
		"UPDATE actions SET text = 'Done already' WHERE id = {inesTodo}",
		"UPDATE actions SET due = '2026-12-31' WHERE id = {inesTodo}",
		"UPDATE actions SET done_at = now() WHERE id = {kofiTodo}",
		"UPDATE actions SET done_at = now() WHERE id = {leadTodo}",
		"UPDATE actions SET done_at = now() WHERE person_id <> {ines}",
		"DELETE FROM actions WHERE id = {inesTodo}",
		"INSERT INTO actions (person_id, text) VALUES ({ines}, 'Give me a raise')",
		"INSERT INTO report_logins (login, person_id) VALUES (current_user || '_too', {kofi})",
		"UPDATE report_logins SET person_id = {kofi}",
		"DELETE FROM report_logins",
		"INSERT INTO agenda_items (person_id, heading, text) VALUES ({kofi}, 'pulse', 'Kofi is fine')",
		"INSERT INTO agenda_items (person_id, heading, text) VALUES ({ines}, 'gossip', 'About Kofi')",
		"INSERT INTO agenda_items (person_id, heading, text) VALUES ({ines}, 'progress', '   ')",
		"INSERT INTO agenda_items (person_id, heading, text, author) VALUES ({ines}, 'progress', 'Forged', 'lead')",
		"UPDATE agenda_items SET text = 'Changed' WHERE id = {kofiAgenda}",
		"UPDATE agenda_items SET person_id = {ines} WHERE id = {kofiAgenda}",
		"DELETE FROM agenda_items WHERE id = {kofiAgenda}",
		"INSERT INTO agendas (person_id, pulse) VALUES ({kofi}, 1)",
		"INSERT INTO agendas (person_id, pulse) VALUES ({ines}, 9)",
		"UPDATE people SET name = 'Boss' WHERE id = {ines}",
		"UPDATE people SET manager_id = NULL WHERE id = {ines}",
		"INSERT INTO user_settings (name, value) VALUES ('me', '{kofi}')",
		"INSERT INTO schema_migrations (version, name) VALUES (99, 'mine')",
		"SET ROLE " + LeadRole,
	} {
		before := dbtest.ContentDigest(t, sc.owner.db)
		err := sc.ines.db.Exec(sc.sql(q)).Error
		if after := dbtest.ContentDigest(t, sc.owner.db); after != before {
			t.Errorf("a report changed the database with %s (err %v)", sc.sql(q), err)
		}
	}
	// Their own tick does change it, so the digest above sees changes.
	before := dbtest.ContentDigest(t, sc.owner.db)
	if err := sc.ines.db.Exec(sc.sql("UPDATE actions SET done_at = now() WHERE id = {inesTodo}")).Error; err != nil {
		t.Fatal(err)
	}
	if dbtest.ContentDigest(t, sc.owner.db) == before {
		t.Error("a report's own tick changed nothing")
	}
}

// What a report may do works: see their next one-on-one, their shared
// history and actions, add to and take from their agenda, give their
// pulse, tick off their own action; and their lead finds it all.
func TestReportUsesTheirOwnApp(t *testing.T) {
	sc := newReportScene(t)
	if !sc.ines.IAmReport() || sc.lead.IAmReport() || sc.owner.IAmReport() {
		t.Fatal("only Ines's login is a report's")
	}
	me, err := sc.ines.ReportPerson()
	if err != nil || me.ID != sc.inesID {
		t.Fatalf("Ines is %+v (%v)", me, err)
	}
	if p, ok, err := sc.ines.Me(); !ok || err != nil || p.ID != sc.inesID {
		t.Fatalf("me for a report: %+v %v %v", p, ok, err)
	}
	v, err := sc.ines.ReportView(me.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.LeadName != "Rhea Lind" || len(v.History) != 2 || v.History[0].ID != sc.later || v.History[1].SharedNotes != "Good week on refunds" {
		t.Fatalf("view: lead %q, history %+v", v.LeadName, v.History)
	}
	if want := CadenceWeekly.DueAfter(fixedNow.Add(-7*24*time.Hour), DefaultWorkWeek()); v.Next != want {
		t.Errorf("next one-on-one %s, want %s", v.Next, want)
	}
	if got := v.History[1].Items; len(got) != 1 || got[0].ID != sc.shared {
		t.Errorf("the first one-on-one shows %+v, want the shared item only", got)
	}
	if len(v.Actions) != 2 {
		t.Errorf("actions %+v, want Ines's two", v.Actions)
	}
	added, err := sc.ines.AddToAgenda(me.ID, []AgendaItem{{Heading: HeadingProgress, Text: "Cleared the refund queue"}, {Heading: HeadingObstacles, Text: "Night course clashes", NonWork: true}})
	if err != nil || len(added) != 2 {
		t.Fatalf("add to the agenda: %v %v", added, err)
	}
	if err := sc.ines.RemoveFromAgenda(added[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := sc.ines.SetAgendaPulse(me.ID, 4); err != nil {
		t.Fatal(err)
	}
	if err := sc.ines.SetActionDone(sc.inesTodo, true); err != nil {
		t.Fatal(err)
	}
	if err := sc.ines.SetActionDone(sc.leadTodo, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("Ines ticked her lead's action: %v", err)
	}
	if err := sc.ines.SetActionDone(sc.kofiTodo, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("Ines ticked Kofi's action: %v", err)
	}
	if err := sc.ines.SetAgendaPulse(sc.kofi, 1); err == nil {
		t.Error("Ines gave Kofi's pulse")
	}
	if _, err := sc.ines.AddToAgenda(sc.kofi, []AgendaItem{{Heading: HeadingPulse, Text: "Kofi is fine"}}); err == nil {
		t.Error("Ines added to Kofi's agenda")
	}

	next := mustStart(t, sc.lead, sc.inesID, fixedNow)
	m, err := sc.lead.Meeting(next.ID)
	if err != nil {
		t.Fatal(err)
	}
	var theirs []string
	for _, it := range m.Items {
		if it.ByReport {
			theirs = append(theirs, it.Text)
		}
	}
	if len(theirs) != 1 || theirs[0] != "Night course clashes" || m.ReportPulse != 4 {
		t.Errorf("the lead's one-on-one took in %v with pulse %d", theirs, m.ReportPulse)
	}
	var done *time.Time
	if err := sc.lead.db.Raw("SELECT done_at FROM actions WHERE id = ?", sc.inesTodo).Scan(&done).Error; err != nil || done == nil {
		t.Errorf("the lead does not see Ines's tick: %v", err)
	}
}

// A lead cannot link a login to a person (it would show that login the
// person's one-on-ones); the owner can.
func TestOnlyTheOwnerLinksReports(t *testing.T) {
	sc := newReportScene(t)
	_, kofi := reportURL(t, testServer, "kofi")
	if err := sc.lead.LinkReport(kofi, sc.kofi); err == nil || !strings.Contains(err.Error(), "only the database's owner") {
		t.Errorf("a lead linking a report's login: %v", err)
	}
	if err := sc.owner.LinkReport("nobody_here", sc.kofi); err == nil {
		t.Error("the owner linked a login that does not exist")
	}
	if err := sc.owner.LinkReport(kofi, sc.kofi); err != nil {
		t.Error(err)
	}
}

// A report's login never creates or upgrades the schema, and one that is
// not linked yet is told so.
func TestReportNeverMigrates(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	name := fmt.Sprintf("solemate_report_unowned_%d", os.Getpid())
	if _, err := serverAdmin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = serverAdmin.Exec("DROP DATABASE " + name + " WITH (FORCE)") })
	if _, err := serverAdmin.Exec("GRANT CREATE ON SCHEMA public TO PUBLIC"); err != nil {
		t.Fatal(err)
	}
	early, _ := reportURL(t, serverURL(t, name), "early_report")
	if _, err := Open(early); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("a report creating the schema: %v, want ErrNotOwner", err)
	}
	unlinked, _ := reportURL(t, dbURL, "unlinked")
	s, err := Open(unlinked)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ReportPerson(); !errors.Is(err, ErrNotLinked) {
		t.Errorf("an unlinked report is %v, want ErrNotLinked", err)
	}
}
