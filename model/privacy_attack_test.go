package model

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// privateScene is lead A's private notes and items in one-on-ones that lead
// B holds too, on a server, for B to attack with SQL of their own.
type privateScene struct {
	a, b  *Store
	aRole string // lead A's role, quoted as an SQL literal
	// Ines (managed by boss) has three one-on-ones: home, where A raised a
	// private obstacle and keeps private notes; noted, B's, which carries
	// it and where A keeps private notes too; carrying, B's, which only
	// carries it (and B's shared item). Kofi has other, B's, which has
	// nothing of A's.
	boss, ines, kofi                uint
	home, noted, carrying, other    uint
	secret, aShared, bShared, bNote uint // A's private and shared items; B's shared item and private notes
}

func newPrivateScene(t *testing.T) *privateScene {
	t.Helper()
	needServer(t)
	dbURL := newServerDatabase(t)
	sc := &privateScene{a: leadStore(t, dbURL, "lead_a"), b: leadStore(t, dbURL, "lead_b")}
	var role string
	if err := sc.a.db.Raw("SELECT current_user").Scan(&role).Error; err != nil {
		t.Fatal(err)
	}
	sc.aRole = QuoteLiteral(role)
	sc.boss = addPerson(t, sc.a, "Rhea Lind").ID
	ines := Person{Name: "Ines Duarte", ManagerID: &sc.boss}
	if err := sc.a.SavePerson(&ines); err != nil {
		t.Fatal(err)
	}
	sc.ines, sc.kofi = ines.ID, addPerson(t, sc.a, "Kofi Boateng").ID

	day := 24 * time.Hour
	home := mustStart(t, sc.a, sc.ines, fixedNow.Add(-21*day))
	sc.home = home.ID
	secret := mustItem(t, sc.a, home, HeadingObstacles, "Second job is wearing her out")
	secret.Private = true
	if err := sc.a.UpdateItem(&secret); err != nil {
		t.Fatal(err)
	}
	sc.secret = secret.ID
	sc.aShared = mustItem(t, sc.a, home, HeadingProgress, "Closed the refund backlog").ID
	sc.noted = mustStart(t, sc.b, sc.ines, fixedNow.Add(-14*day)).ID
	sc.bShared = mustItem(t, sc.b, OneOnOne{ID: sc.noted}, HeadingFocus, "Chat queue next week").ID
	sc.carrying = mustStart(t, sc.b, sc.ines, fixedNow.Add(-7*day)).ID
	sc.other = mustStart(t, sc.b, sc.kofi, fixedNow.Add(-7*day)).ID
	notes := func(lead *Store, meeting uint, text string) {
		m, err := lead.Meeting(meeting)
		if err != nil {
			t.Fatal(err)
		}
		m.PrivateNotes = text
		if err := lead.SaveOneOnOne(&m.OneOnOne); err != nil {
			t.Fatal(err)
		}
	}
	notes(sc.a, sc.home, "Worried about her commute")
	notes(sc.a, sc.noted, "Ask how the night course goes")
	notes(sc.b, sc.noted, "Coach on hold times")
	if err := sc.b.db.Raw("SELECT id FROM private_notes").Scan(&sc.bNote).Error; err != nil {
		t.Fatal(err)
	}

	if got := sc.footprint(t); len(got) != 10 {
		t.Fatalf("the scene should give lead A 2 items, 2 private notes, 2 links and 4 index entries:\n%s", strings.Join(got, "\n"))
	}
	return sc
}

// sql fills a statement's placeholders, written as {name}, with the scene's
// IDs and lead A's role.
func (sc *privateScene) sql(q string) string {
	return strings.NewReplacer(
		"{A}", sc.aRole, "{boss}", fmt.Sprint(sc.boss), "{ines}", fmt.Sprint(sc.ines), "{kofi}", fmt.Sprint(sc.kofi),
		"{home}", fmt.Sprint(sc.home), "{noted}", fmt.Sprint(sc.noted), "{carrying}", fmt.Sprint(sc.carrying), "{other}", fmt.Sprint(sc.other),
		"{secret}", fmt.Sprint(sc.secret), "{aShared}", fmt.Sprint(sc.aShared), "{bShared}", fmt.Sprint(sc.bShared), "{bNote}", fmt.Sprint(sc.bNote),
	).Replace(q)
}

// footprint is everything of lead A's as A sees it: their items, private
// notes, the links that carry their items, their index entries, each with
// the meeting and person it hangs from. Links into the meetings gone were
// allowed to go with them.
func (sc *privateScene) footprint(t *testing.T, gone ...uint) []string {
	t.Helper()
	var all []string
	for _, q := range []string{
		`SELECT concat_ws(' ', 'item', i.id, i.one_on_one_id, o.person_id, i.author, i.private, i.text)
			FROM one_on_one_items i JOIN one_on_ones o ON o.id = i.one_on_one_id WHERE i.author = current_user`,
		`SELECT concat_ws(' ', 'notes', n.id, n.one_on_one_id, o.person_id, n.author, n.text)
			FROM private_notes n JOIN one_on_ones o ON o.id = n.one_on_one_id WHERE n.author = current_user`,
		`SELECT concat_ws(' ', 'link', c.one_on_one_id, o.person_id, c.item_id) FROM carry_overs c
			JOIN one_on_one_items i ON i.id = c.item_id JOIN one_on_ones o ON o.id = c.one_on_one_id
			WHERE i.author = current_user AND c.one_on_one_id NOT IN ?`,
		`SELECT concat_ws(' ', 'indexed', docid, person_id, at, author, body) FROM search_docs WHERE author = current_user`,
	} {
		var rows []string
		args := []any{}
		if strings.Contains(q, "?") {
			args = append(args, append(gone, 0))
		}
		if err := sc.a.db.Raw(q, args...).Scan(&rows).Error; err != nil {
			t.Fatalf("lead A's footprint: %v", err)
		}
		all = append(all, rows...)
	}
	slices.Sort(all)
	return all
}

// Whatever lead B does with SQL of their own to the rows lead A's private
// notes and items hang from — deleting, renumbering or moving a parent,
// moving or relinking the private rows, taking or forging authorship — is
// refused or leaves A's rows as they were. Every foreign key along the way
// has its attacks (TestEveryForeignKeyUnderPrivateRowsIsAttacked).
func TestLeadCannotRemoveOrMoveOthersPrivateRows(t *testing.T) {
	for _, tc := range privateRowAttacks {
		t.Run(tc.name, func(t *testing.T) { attackPrivateRows(t, tc.sql, tc.refused, tc.gone) })
	}
}

// attackPrivateRows runs lead B's statement q in a new privateScene: if
// refused it must fail, otherwise succeed, and either way leave lead A's
// rows as they were (but for links into the meeting gone).
func attackPrivateRows(t *testing.T, q string, refused bool, gone string) {
	t.Helper()
	sc := newPrivateScene(t)
	goneIDs := []uint{}
	if gone != "" {
		var id uint
		fmt.Sscan(sc.sql(gone), &id)
		goneIDs = append(goneIDs, id)
	}
	before := sc.footprint(t, goneIDs...)
	err := sc.b.db.Exec(sc.sql(q)).Error
	if refused && err == nil {
		t.Errorf("lead B may %s", sc.sql(q))
	}
	if !refused && err != nil {
		t.Errorf("%s: %v", sc.sql(q), err)
	}
	if after := sc.footprint(t, goneIDs...); !slices.Equal(after, before) {
		t.Errorf("lead B's %s (err %v) changed lead A's rows:\nbefore:\n%s\nafter:\n%s", sc.sql(q), err, strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
}

// privateRowAttacks are lead B's SQL against the rows lead A's private ones
// hang from, by the foreign key they go through (fk), and against who wrote
// what ("author"); refused ones must fail loudly, the others change nothing
// of A's. gone is a meeting B may delete, which takes its carry-over links
// with it.
var privateRowAttacks = []struct {
	fk, name, sql string
	refused       bool
	gone          string
}{
	{"fk_one_on_one_items_one_on_one", "delete the meeting A's private item was raised in", "DELETE FROM one_on_ones WHERE id = {home}", true, ""},
	{"fk_one_on_one_items_one_on_one", "renumber that meeting", "UPDATE one_on_ones SET id = 999999 WHERE id = {home}", true, ""},
	{"fk_one_on_one_items_one_on_one", "move A's private item to another meeting", "UPDATE one_on_one_items SET one_on_one_id = {other} WHERE id = {secret}", false, ""},
	{"fk_one_on_one_items_one_on_one", "delete A's private item", "DELETE FROM one_on_one_items WHERE id = {secret}", false, ""},
	{"fk_one_on_one_items_one_on_one", "empty the meetings", "TRUNCATE one_on_ones CASCADE", true, ""},
	{"private_notes_one_on_one_id_fkey", "delete a meeting A keeps private notes in", "DELETE FROM one_on_ones WHERE id = {noted}", true, ""},
	{"private_notes_one_on_one_id_fkey", "renumber that meeting", "UPDATE one_on_ones SET id = 999999 WHERE id = {noted}", true, ""},
	{"private_notes_one_on_one_id_fkey", "move A's private notes to another meeting", "UPDATE private_notes SET one_on_one_id = {other}", false, ""},
	{"private_notes_one_on_one_id_fkey", "delete A's private notes", "DELETE FROM private_notes", false, ""},
	{"fk_carry_overs_item", "unlink A's private item", "DELETE FROM carry_overs WHERE item_id = {secret}", false, ""},
	{"fk_carry_overs_item", "move A's private item's links", "UPDATE carry_overs SET one_on_one_id = {other} WHERE item_id = {secret}", false, ""},
	{"fk_carry_overs_item", "turn B's link into one carrying A's private item to another person", "UPDATE carry_overs SET item_id = {secret}, one_on_one_id = {other} WHERE item_id = {bShared}", true, ""},
	{"fk_carry_overs_item", "link A's private item into another person's meeting", "INSERT INTO carry_overs (one_on_one_id, item_id) VALUES ({other}, {secret})", true, ""},
	{"fk_carry_overs_one_on_one", "delete a meeting that only carries A's private item", "DELETE FROM one_on_ones WHERE id = {carrying}", false, "{carrying}"},
	{"fk_carry_overs_one_on_one", "unlink everything from a meeting", "DELETE FROM carry_overs WHERE one_on_one_id = {carrying}", false, ""},
	{"fk_carry_overs_one_on_one", "move a meeting carrying A's private item to another person", "UPDATE one_on_ones SET person_id = {kofi} WHERE id = {carrying}", true, ""},
	{"fk_one_on_ones_person", "move the meeting A's private item was raised in to another person", "UPDATE one_on_ones SET person_id = {kofi} WHERE id = {home}", true, ""},
	{"fk_one_on_ones_person", "move every meeting to another person", "UPDATE one_on_ones SET person_id = {kofi}", true, ""},
	{"fk_one_on_ones_person", "delete the person", "DELETE FROM people WHERE id = {ines}", true, ""},
	{"fk_one_on_ones_person", "renumber the person", "UPDATE people SET id = 999999 WHERE id = {ines}", true, ""},
	{"fk_people_manager", "delete the person's manager", "DELETE FROM people WHERE id = {boss}", false, ""},
	{"fk_people_manager", "renumber the person's manager", "UPDATE people SET id = 999999 WHERE id = {boss}", true, ""},
	{"author", "add a shared item in A's name", "INSERT INTO one_on_one_items (one_on_one_id, heading, text, author) VALUES ({home}, 'progress', 'Forged praise', {A})", true, ""},
	{"author", "add private notes in A's name", "INSERT INTO private_notes (one_on_one_id, author, text) VALUES ({carrying}, {A}, 'Forged worry')", true, ""},
	{"author", "hand B's item to A", "UPDATE one_on_one_items SET author = {A} WHERE id = {bShared}", true, ""},
	{"author", "hand B's private notes to A", "UPDATE private_notes SET author = {A} WHERE id = {bNote}", true, ""},
	{"author", "take A's shared item", "UPDATE one_on_one_items SET author = current_user WHERE id = {aShared}", true, ""},
	{"author", "make A's shared item private", "UPDATE one_on_one_items SET private = true WHERE id = {aShared}", true, ""},
}

// Every foreign key that private notes and items (or the links carrying
// them) hang by, directly or through their parents, has attacks above: a
// new one must get its own.
func TestEveryForeignKeyUnderPrivateRowsIsAttacked(t *testing.T) {
	needServer(t)
	s := newTestStore(t)
	var fks []struct{ Name, Tbl, Ref string }
	if err := s.db.Raw(`SELECT conname AS name, conrelid::regclass::text AS tbl, confrelid::regclass::text AS ref
		FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`).Scan(&fks).Error; err != nil {
		t.Fatal(err)
	}
	hanging := map[string]bool{"one_on_one_items": true, "private_notes": true, "carry_overs": true}
	for grew := true; grew; {
		grew = false
		for _, fk := range fks {
			if hanging[fk.Tbl] && !hanging[fk.Ref] {
				hanging[fk.Ref], grew = true, true
			}
		}
	}
	attacked := map[string]bool{}
	for _, a := range privateRowAttacks {
		attacked[a.fk] = true
	}
	n := 0
	for _, fk := range fks {
		if !hanging[fk.Tbl] {
			continue
		}
		n++
		if !attacked[fk.Name] {
			t.Errorf("no attack goes through %s (%s → %s)", fk.Name, fk.Tbl, fk.Ref)
		}
	}
	if n < 6 {
		t.Errorf("found %d foreign keys under private rows, want at least 6: %+v", n, fks)
	}
}

// Lead B sees no trace of lead A's private item in the links that carry it
// on: neither its ID nor that there is one.
func TestLeadSeesNoLinksOfOthersPrivateItems(t *testing.T) {
	sc := newPrivateScene(t)
	var links []string
	if err := sc.b.db.Raw("SELECT concat_ws(' ', one_on_one_id, item_id) FROM carry_overs ORDER BY 1").Scan(&links).Error; err != nil {
		t.Fatal(err)
	}
	if want := []string{sc.sql("{carrying} {bShared}")}; !slices.Equal(links, want) {
		t.Errorf("lead B sees the links %q, want only %q (their own item's)", links, want)
	}
}

// definerCalls are lead B's calls, with hostile arguments, of what runs as
// the schema's owner and so sees every lead's rows: refused ones must fail,
// and none may change lead A's rows. Schema 9's carry_over and
// others_private took the caller's word for what to link and whom to count.
var definerCalls = map[string][]struct {
	sql     string
	refused bool
}{
	"start_one_on_one": {
		{"SELECT start_one_on_one(NULL, now(), 'desk')", true},
		{"SELECT start_one_on_one(-1, now(), 'desk')", true},
		{"SELECT start_one_on_one(9223372036854775807, now(), 'desk')", true},
		{"SELECT start_one_on_one({kofi}, NULL, 'desk')", true},
		{"SELECT start_one_on_one({kofi}, now(), NULL)", true},
		{"SELECT start_one_on_one({kofi}, 'infinity', 'desk')", true},
		{"SELECT start_one_on_one({kofi}, '-infinity', 'walk')", true},
	},
	"carry_over": {
		{"SELECT carry_over({home}, {other})", true},
		{"SELECT carry_over({carrying}, {other})", true},
		{"SELECT carry_over(NULL, NULL)", true},
		{"SELECT carry_over(-1, 9223372036854775807)", true},
	},
	"others_private": {
		{"SELECT others_private({home}, 'nobody')", true},
		{"SELECT others_private({noted}, current_user)", true},
		{"SELECT others_private(NULL, NULL)", true},
	},
}

// Every function that runs as the schema's owner is called by lead B with
// hostile arguments (trigger functions only run as triggers), and each
// keeps its own search path, the temporary schema last.
func TestLeadCallsOwnersFunctionsWithHostileArguments(t *testing.T) {
	sc := newPrivateScene(t)
	var fns []struct {
		Name    string
		Trigger bool
		Config  string
	}
	if err := sc.b.db.Raw(`SELECT proname AS name, prorettype = 'trigger'::regtype AS trigger, COALESCE(array_to_string(proconfig, ';'), '') AS config
		FROM pg_proc WHERE prosecdef AND pronamespace = current_schema()::regnamespace ORDER BY proname`).Scan(&fns).Error; err != nil {
		t.Fatal(err)
	}
	if len(fns) == 0 {
		t.Fatal("found no functions that run as the owner")
	}
	type call struct {
		sql     string
		refused bool
	}
	calls := map[string][]call{}
	for name, cs := range definerCalls {
		for _, c := range cs {
			calls[name] = append(calls[name], call(c))
		}
	}
	for _, fn := range fns {
		if fn.Trigger {
			calls[fn.Name] = append(calls[fn.Name], call{"SELECT " + fn.Name + "()", true})
		} else if len(definerCalls[fn.Name]) == 0 {
			t.Errorf("%s runs as the owner and has no hostile calls in definerCalls", fn.Name)
		}
		if !strings.HasSuffix(fn.Config, ", pg_temp") {
			t.Errorf("%s runs with %q: a lead's temporary tables could stand in for the schema's", fn.Name, fn.Config)
		}
	}
	before := sc.footprint(t)
	for name, cs := range calls {
		for _, c := range cs {
			q := sc.sql(c.sql)
			err := sc.b.db.Exec(q).Error
			if c.refused && err == nil {
				t.Errorf("%s: lead B may %s", name, q)
			}
			if !c.refused && err != nil {
				t.Errorf("%s: %s: %v", name, q, err)
			}
			if after := sc.footprint(t); !slices.Equal(after, before) {
				t.Fatalf("lead B's %s changed lead A's rows:\nbefore:\n%s\nafter:\n%s", q, strings.Join(before, "\n"), strings.Join(after, "\n"))
			}
		}
	}
}

// A lead's temporary tables, which come first in their own search path,
// do not stand in for the schema's tables in what runs as its owner.
func TestOwnersFunctionsIgnoreLeadsTemporaryTables(t *testing.T) {
	for _, tc := range []struct {
		name   string
		attack []string
		check  func(t *testing.T, sc *privateScene)
	}{
		{"a fake item list links A's private item into another person's meeting", []string{
			"CREATE TEMP TABLE one_on_one_items (id BIGINT, one_on_one_id BIGINT, heading TEXT, status TEXT) ON COMMIT DROP",
			"INSERT INTO pg_temp.one_on_one_items VALUES ({secret}, {other}, 'obstacles', 'open')",
			"SELECT start_one_on_one({kofi}, now(), 'desk')",
		}, nil},
		{"a fake index keeps a shared item's new words from the real one", []string{
			"CREATE TEMP TABLE search_docs (docid BIGINT PRIMARY KEY, body TEXT, person_id BIGINT, at TEXT, private TEXT, author TEXT) ON COMMIT DROP",
			"UPDATE public.one_on_one_items SET text = 'Closed the refund backlog with Mirela' WHERE id = {aShared}",
		}, func(t *testing.T, sc *privateScene) {
			if hits, err := sc.a.Search("Mirela", false, 10); err != nil || len(hits) != 1 {
				t.Errorf("lead A searching the shared item's new words: %d hits, %v", len(hits), err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := newPrivateScene(t)
			before := sc.footprint(t)
			err := sc.b.db.Transaction(func(tx *gorm.DB) error {
				for _, q := range tc.attack {
					if err := tx.Exec(sc.sql(q)).Error; err != nil {
						return fmt.Errorf("%s: %w", sc.sql(q), err)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatalf("lead B's own work: %v", err)
			}
			if tc.check != nil {
				tc.check(t, sc)
				return
			}
			if after := sc.footprint(t); !slices.Equal(after, before) {
				t.Errorf("lead A's rows changed:\nbefore:\n%s\nafter:\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
			}
		})
	}
}

// A server database of schema 9, private rows and all, comes through the
// upgrade to 10 whole, with the rules of 10: what hangs from a one-on-one
// keeps it, and what runs as the owner no longer looks in pg_temp first.
func TestServerUpgradeToSchema10(t *testing.T) {
	needServer(t)
	newServerDatabase(t) // the admin connection
	name := fmt.Sprintf("solemate_nine_%d", os.Getpid())
	if _, err := serverAdmin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = serverAdmin.Exec("DROP DATABASE " + name + " WITH (FORCE)") })
	all := migrations
	migrations = all[:9]
	s, err := Open(serverURL(t, name))
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	tables := []string{"one_on_ones", "one_on_one_items", "private_notes", "carry_overs", "search_docs"}
	counts := func(s *Store) []int64 {
		n := make([]int64, len(tables))
		for i, tbl := range tables {
			if err := s.db.Table(tbl).Count(&n[i]).Error; err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	err = execAll(s.db, []string{
		"INSERT INTO people (id, name) VALUES (1, 'Ines Duarte')",
		"INSERT INTO one_on_ones (id, person_id, held_at) VALUES (1, 1, '2026-03-02'), (2, 1, '2026-03-09')",
		"INSERT INTO one_on_one_items (id, one_on_one_id, heading, text, private, author) VALUES (1, 1, 'obstacles', 'Second job', true, 'ana')",
		"INSERT INTO private_notes (one_on_one_id, author, text) VALUES (2, 'ana', 'Worried about her commute')",
		"INSERT INTO carry_overs (one_on_one_id, item_id) VALUES (2, 1)",
		// What a lead could write under schema 9 and no Solemate could
		// read or save again.
		"INSERT INTO people (id, name, start_date, archived_at) VALUES (2, 'Kofi Boateng', 'infinity', '-infinity')",
		"INSERT INTO one_on_ones (id, person_id, held_at, version) VALUES (3, 2, 'infinity', 2147483647)",
		"UPDATE one_on_one_items SET follow_up = '-infinity', version = -5",
		// As schema 9 made them.
		`DO $$ DECLARE f regprocedure; BEGIN
			FOR f IN SELECT oid FROM pg_proc WHERE prosecdef LOOP EXECUTE format('ALTER FUNCTION %s SET search_path FROM CURRENT', f); END LOOP;
		END $$`,
	})
	before := counts(s)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if s, err = Open(serverURL(t, name)); err != nil {
		t.Fatalf("the upgrade: %v", err)
	}
	defer s.Close()
	if after := counts(s); !slices.Equal(after, before) {
		t.Errorf("rows of %v: %v before the upgrade, %v after", tables, before, after)
	}
	var unsafe []string
	if err := s.db.Raw(`SELECT proname FROM pg_proc WHERE prosecdef AND NOT array_to_string(proconfig, ';') LIKE '%, pg_temp'`).Scan(&unsafe).Error; err != nil || len(unsafe) > 0 {
		t.Errorf("run as the owner with pg_temp first: %v (%v)", unsafe, err)
	}
	if err := s.db.Exec("DELETE FROM one_on_ones").Error; err == nil {
		t.Error("one-on-ones with private rows hanging from them were deleted")
	}
	// The unreadable values were put right, and the rows open and save.
	if _, err := s.People(true); err != nil {
		t.Errorf("the roster after the upgrade: %v", err)
	}
	if _, err := s.History(2); err != nil {
		t.Errorf("a history with a meeting held at infinity, after the upgrade: %v", err)
	}
	for _, id := range []uint{1, 3} {
		m, err := s.Meeting(id)
		if err != nil {
			t.Errorf("meeting %d after the upgrade: %v", id, err)
			continue
		}
		m.SharedNotes = "saved after the upgrade"
		if err := s.SaveOneOnOne(&m.OneOnOne); err != nil {
			t.Errorf("saving meeting %d after the upgrade: %v", id, err)
		}
	}
}
