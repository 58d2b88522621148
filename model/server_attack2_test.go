package model

import (
	"strings"
	"testing"
)

// renumberAttacks are lead B's single statements that give a parent of
// lead A's private rows another number and put a different row under the
// old one, or delete it and insert another under its number. The foreign
// keys check only at the end of a statement that some row has the number;
// without keep_id A's private item and notes hung from a meeting with
// Kofi afterwards.
var renumberAttacks = []struct {
	name, sql string
	refused   bool
}{
	{"renumber the meeting A's private item was raised in and put a meeting with Kofi under its number",
		`WITH moved AS (UPDATE one_on_ones SET id = 999999 WHERE id = {home} RETURNING 1)
		INSERT INTO one_on_ones (id, person_id, held_at, setting, created_at, updated_at) SELECT {home}, {kofi}, '2019-01-01', 'desk', now(), now() FROM moved`, true},
	{"renumber a meeting A keeps private notes in and put a meeting with Kofi under its number",
		`WITH moved AS (UPDATE one_on_ones SET id = 999999 WHERE id = {noted} RETURNING 1)
		INSERT INTO one_on_ones (id, person_id, held_at, setting, created_at, updated_at) SELECT {noted}, {kofi}, '2019-01-01', 'desk', now(), now() FROM moved`, true},
	{"delete the meeting A's private item was raised in and put a meeting with Kofi under its number",
		`WITH gone AS (DELETE FROM one_on_ones WHERE id = {home} RETURNING 1)
		INSERT INTO one_on_ones (id, person_id, held_at, setting, created_at, updated_at) SELECT {home}, {kofi}, '2019-01-01', 'desk', now(), now() FROM gone`, true},
	{"delete a meeting A keeps private notes in and put a meeting with Kofi under its number",
		`WITH gone AS (DELETE FROM one_on_ones WHERE id = {noted} RETURNING 1)
		INSERT INTO one_on_ones (id, person_id, held_at, setting, created_at, updated_at) SELECT {noted}, {kofi}, '2019-01-01', 'desk', now(), now() FROM gone`, true},
	{"renumber the person and put someone else under their number",
		`WITH moved AS (UPDATE people SET id = 999999 WHERE id = {ines} RETURNING 1)
		INSERT INTO people (id, name) SELECT {ines}, 'Someone Else' FROM moved`, true},
	{"delete the person and put someone else under their number",
		`WITH gone AS (DELETE FROM people WHERE id = {ines} RETURNING 1)
		INSERT INTO people (id, name) SELECT {ines}, 'Someone Else' FROM gone`, true},
	{"renumber the person's manager and put someone else under their number",
		`WITH moved AS (UPDATE people SET id = 999999 WHERE id = {boss} RETURNING 1)
		INSERT INTO people (id, name) SELECT {boss}, 'Someone Else' FROM moved`, true},
	{"swap the numbers of the meeting A's private item was raised in and a meeting with Kofi",
		"UPDATE one_on_ones SET id = CASE id WHEN {home} THEN {other} ELSE {home} END WHERE id IN ({home}, {other})", true},
	{"swap the numbers of the person and Kofi",
		"UPDATE people SET id = CASE id WHEN {ines} THEN {kofi} ELSE {ines} END WHERE id IN ({ines}, {kofi})", true},
	{"renumber A's shared item", "UPDATE one_on_one_items SET id = 999999 WHERE id = {aShared}", true},
	{"renumber B's item that a meeting carries on and put another under its number",
		`WITH moved AS (UPDATE one_on_one_items SET id = 999999 WHERE id = {bShared} RETURNING 1)
		INSERT INTO one_on_one_items (id, one_on_one_id, heading, text) SELECT {bShared}, {other}, 'focus', 'Other' FROM moved`, true},
	// Writing a row's own number back is no renumbering.
	{"set a meeting's number to itself", "UPDATE one_on_ones SET id = id WHERE id = {home}", false},
	{"set a person's number to itself", "UPDATE people SET id = id, name = name WHERE id = {ines}", false},
}

// Lead B cannot renumber (or delete and replace) a meeting, person or item
// to move lead A's private notes and items onto another person's meeting,
// in one statement or otherwise.
func TestLeadCannotRenumberAMeetingToMovePrivateRows(t *testing.T) {
	for _, tc := range renumberAttacks {
		t.Run(tc.name, func(t *testing.T) { attackPrivateRows(t, tc.sql, tc.refused, "") })
	}
}

// Every table private notes and items (or the links carrying them) hang
// from, directly or through a parent, refuses a change of a row's number.
func TestEveryParentOfPrivateRowsKeepsItsNumber(t *testing.T) {
	needServer(t)
	s := newTestStore(t)
	var fks []struct{ Tbl, Ref string }
	if err := s.db.Raw(`SELECT conrelid::regclass::text AS tbl, confrelid::regclass::text AS ref
		FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`).Scan(&fks).Error; err != nil {
		t.Fatal(err)
	}
	hanging := map[string]bool{"one_on_one_items": true, "private_notes": true, "carry_overs": true}
	parents := map[string]bool{}
	for grew := true; grew; {
		grew = false
		for _, fk := range fks {
			if hanging[fk.Tbl] && !parents[fk.Ref] {
				hanging[fk.Ref], parents[fk.Ref], grew = true, true, true
			}
		}
	}
	if len(parents) < 3 {
		t.Errorf("found the parents %v, want at least one_on_ones, one_on_one_items and people", parents)
	}
	for parent := range parents {
		var n int
		if err := s.db.Raw(`SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'keep_id' AND tgrelid = ?::regclass AND tgenabled <> 'D'`, parent).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s has private rows under it and no keep_id trigger: its rows can be renumbered", parent)
		}
	}
}

// Lead B cannot write values other leads' Solemate cannot read or save: a
// date or time of ±infinity (Go has no value for them) or a version out
// of step (at the top of INTEGER every later save overflowed). Each is
// refused, and lead A still opens the roster, the people, the meetings and
// saves.
func TestLeadCannotWriteWhatOtherLeadsCannotRead(t *testing.T) {
	for _, tc := range []struct{ name, sql string }{
		{"a one-on-one started at infinity", "SELECT start_one_on_one({kofi}, 'infinity', 'desk')"},
		{"a one-on-one started at -infinity", "SELECT start_one_on_one({kofi}, '-infinity', 'desk')"},
		{"a one-on-one moved to -infinity", "UPDATE one_on_ones SET held_at = '-infinity' WHERE id = {noted}"},
		{"a one-on-one added at infinity", "INSERT INTO one_on_ones (person_id, held_at, setting) VALUES ({ines}, 'infinity', 'desk')"},
		{"a meeting created at infinity", "UPDATE one_on_ones SET created_at = 'infinity' WHERE id = {noted}"},
		{"a start date of infinity", "UPDATE people SET start_date = 'infinity' WHERE id = {kofi}"},
		{"archived at -infinity", "UPDATE people SET archived_at = '-infinity', status = 'archived' WHERE id = {kofi}"},
		{"a follow-up on infinity", "UPDATE one_on_one_items SET follow_up = 'infinity' WHERE id = {bShared}"},
		{"private notes updated at infinity", "UPDATE private_notes SET updated_at = 'infinity'"},
		{"a version at the top of INTEGER", "UPDATE one_on_ones SET version = 2147483647 WHERE id = {noted}"},
		{"a person's version at the top of INTEGER", "UPDATE people SET version = 2147483647 WHERE id = {ines}"},
		{"a version far ahead", "UPDATE one_on_ones SET version = version + 1000 WHERE id = {noted}"},
		{"a version set back", "UPDATE one_on_ones SET version = -1 WHERE id = {noted}"},
		{"an item added at the top of INTEGER", "INSERT INTO one_on_one_items (one_on_one_id, heading, text, version) VALUES ({noted}, 'focus', 'x', 2147483647)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := newPrivateScene(t)
			q := sc.sql(tc.sql)
			if err := sc.b.db.Exec(q).Error; err == nil {
				t.Errorf("lead B may %s", q)
			}
			sc.leadAReadsAndSaves(t)
		})
	}
}

// leadAReadsAndSaves opens, as lead A, the roster, both people's histories
// and every meeting, and saves a meeting.
func (sc *privateScene) leadAReadsAndSaves(t *testing.T) {
	t.Helper()
	if _, err := sc.a.People(false); err != nil {
		t.Errorf("lead A's roster: %v", err)
	}
	for _, p := range []uint{sc.ines, sc.kofi} {
		if _, err := sc.a.History(p); err != nil {
			t.Errorf("lead A's history of person %d: %v", p, err)
		}
	}
	for _, id := range []uint{sc.home, sc.noted, sc.carrying, sc.other} {
		if _, err := sc.a.Meeting(id); err != nil {
			t.Errorf("lead A's meeting %d: %v", id, err)
		}
	}
	m, err := sc.a.Meeting(sc.noted)
	if err != nil {
		return
	}
	m.SharedNotes = "lead A's edit"
	if err := sc.a.SaveOneOnOne(&m.OneOnOne); err != nil {
		t.Errorf("lead A's save: %v", err)
	}
}

// Every date and time column of the server's tables holds only finite
// values, and every version stays in bounds and moves one save at a time.
func TestEveryDateAndVersionOnServerStaysReadable(t *testing.T) {
	needServer(t)
	s := newTestStore(t)
	var cols []struct{ Tbl, Col string }
	if err := s.db.Raw(`SELECT c.table_name AS tbl, c.column_name AS col
		FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
			AND (c.data_type LIKE 'date' OR c.data_type LIKE 'timestamp%' OR c.column_name = 'version')`).Scan(&cols).Error; err != nil {
		t.Fatal(err)
	}
	if len(cols) < 30 {
		t.Fatalf("found only %d date, time and version columns: %v", len(cols), cols)
	}
	for _, c := range cols {
		var checks []string
		if err := s.db.Raw(`SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND convalidated AND conrelid = ?::regclass`, c.Tbl).Scan(&checks).Error; err != nil {
			t.Fatal(err)
		}
		want := "isfinite(" + c.Col + ")"
		if c.Col == "version" {
			want = "(version <= 1000000000)"
			var n int
			if err := s.db.Raw(`SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'keep_version_step' AND tgrelid = ?::regclass`, c.Tbl).Scan(&n).Error; err != nil || n != 1 {
				t.Errorf("%s.version can jump: no keep_version_step trigger (%v)", c.Tbl, err)
			}
		}
		if !strings.Contains(strings.Join(checks, "\n"), want) {
			t.Errorf("%s.%s has no validated check %s: %q", c.Tbl, c.Col, want, checks)
		}
	}
}
