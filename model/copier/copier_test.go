package copier_test

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/copier"
	"solemate/model/demo"
	"solemate/model/storetest"
)

// copyFixture is a demo database file with a prompt of the user's own, a
// starred library prompt and a prompt asked of someone, so prompt IDs
// matter to the copy.
type copyFixture struct {
	path       string
	ownPrompt  uint
	starred    uint
	carriedIn  uint // a one-on-one that has items carried over into it
	searchWord string
}

func newCopyFixture(t *testing.T) copyFixture {
	t.Helper()
	f := copyFixture{path: filepath.Join(t.TempDir(), model.FileName), searchWord: "hospital"}
	s, err := model.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Now = func() time.Time { return storetest.FixedNow }
	storetest.FillDemo(t, s, demo.Options{People: 12, Seed: 7})
	own := model.Prompt{Theme: "Our own", Text: "What would make Mondays easier?", Fits: string(model.FitDuring)}
	if err := s.SavePrompt(&own); err != nil {
		t.Fatal(err)
	}
	f.ownPrompt = own.ID
	if err := s.DB().Raw("SELECT MIN(id) FROM prompts WHERE key <> ''").Scan(&f.starred).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.SetPromptStarred(f.starred, true); err != nil {
		t.Fatal(err)
	}
	var asked struct{ ID, PersonID uint }
	if err := s.DB().Raw("SELECT id, person_id FROM one_on_ones ORDER BY id LIMIT 1").Scan(&asked).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.MarkAsked(own.ID, asked.PersonID, &asked.ID); err != nil {
		t.Fatal(err)
	}
	// A manager added after their report: the copy must not need rows in
	// ID order.
	boss := model.Person{Name: "Rhea Lind", Role: model.RoleManager}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	first, err := s.Person(1)
	if err != nil {
		t.Fatal(err)
	}
	first.ManagerID = &boss.ID
	if err := s.SavePerson(&first); err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Raw("SELECT MAX(one_on_one_id) FROM carry_overs").Scan(&f.carriedIn).Error; err != nil || f.carriedIn == 0 {
		t.Fatalf("the demo should carry items over: %v", err)
	}
	return f
}

// tableCounts counts the rows of every table of the database at target,
// search index included.
func tableCounts(t *testing.T, target string) map[string]int64 {
	t.Helper()
	s, err := model.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tables, err := s.DB().Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, tbl := range tables {
		if strings.HasPrefix(tbl, "search_fts_") || strings.HasPrefix(tbl, "sqlite_") {
			continue
		}
		var n int64
		if err := s.DB().Table(tbl).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", tbl, err)
		}
		counts[tbl] = n
	}
	var starred int64
	if err := s.DB().Model(&model.Prompt{}).Where("starred").Count(&starred).Error; err != nil {
		t.Fatal(err)
	}
	counts["starred prompts"] = starred
	return counts
}

func TestCopyToServer(t *testing.T) {
	storetest.NeedServer(t)
	f := newCopyFixture(t)
	dstURL := storetest.ServerDatabase(t)
	var heard []string
	rep, err := copier.ToServer(f.path, dstURL, "", func(table string, done, total int) {
		if done == total {
			heard = append(heard, table)
		}
	})
	if err != nil {
		t.Fatalf("copy: %v", err)
	}

	fileCounts := tableCounts(t, f.path)
	if len(rep.Tables) != len(fileCounts)-3 { // less schema_migrations, search_fts and the starred count
		t.Errorf("report has %d tables, the file %d: %v", len(rep.Tables), len(fileCounts)-3, rep.Tables)
	}
	serverCounts := tableCounts(t, dstURL)
	for _, tc := range rep.Tables {
		if tc.Rows != fileCounts[tc.Table] || tc.Rows != serverCounts[tc.Table] {
			t.Errorf("%s: report %d, file %d, server %d", tc.Table, tc.Rows, fileCounts[tc.Table], serverCounts[tc.Table])
		}
	}
	if serverCounts["search_docs"] != fileCounts["search_fts"] {
		t.Errorf("search index: %d documents on the server, %d in the file", serverCounts["search_docs"], fileCounts["search_fts"])
	}
	if serverCounts["starred prompts"] != 1 || serverCounts["prompt_uses"] != 1 {
		t.Errorf("prompts: %d starred, %d uses; want the file's 1 and 1", serverCounts["starred prompts"], serverCounts["prompt_uses"])
	}
	if i, j := slices.Index(heard, "people"), slices.Index(heard, "one_on_ones"); i < 0 || j < i {
		t.Errorf("progress should finish people before one_on_ones: %v", heard)
	}
	if !strings.Contains(rep.String(), fmt.Sprintf("copied %d rows", rep.Rows())) {
		t.Errorf("report text:\n%s", rep)
	}

	src, err := model.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := model.Open(dstURL)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()

	t.Run("search finds the same", func(t *testing.T) {
		want, got := searchRefs(t, src, f.searchWord), searchRefs(t, dst, f.searchWord)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("search %q: server %v, file %v", f.searchWord, got, want)
		}
	})
	t.Run("one-on-one with carried items", func(t *testing.T) {
		want, got := meetingLines(t, src, f.carriedIn), meetingLines(t, dst, f.carriedIn)
		if !slices.Equal(got, want) {
			t.Errorf("one-on-one %d on the server:\n%s\nin the file:\n%s", f.carriedIn, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !slices.ContainsFunc(got, func(l string) bool { return strings.HasPrefix(l, "carried") }) {
			t.Errorf("no carried item in %v", got)
		}
	})
	t.Run("managers", func(t *testing.T) {
		want, got := managers(t, src), managers(t, dst)
		if want[1] == 0 || !slices.Equal(got, want) {
			t.Errorf("managers by person on the server %v, in the file %v", got, want)
		}
	})
	t.Run("prompts keep their IDs and flags", func(t *testing.T) {
		own, err := dst.Prompt(f.ownPrompt)
		if err != nil || own.Text != "What would make Mondays easier?" || own.Key != "" {
			t.Errorf("own prompt %d on the server: %+v, %v", f.ownPrompt, own, err)
		}
		if p, err := dst.Prompt(f.starred); err != nil || !p.Starred {
			t.Errorf("starred prompt %d on the server: %+v, %v", f.starred, p, err)
		}
	})
	t.Run("new rows after the copy", func(t *testing.T) {
		p := model.Person{Name: "Noor Haddad", Email: "noor@example.com"}
		if err := dst.SavePerson(&p); err != nil {
			t.Fatalf("add a person: %v", err)
		}
		o, err := dst.StartOneOnOne(p.ID, storetest.FixedNow, model.MeetingSettingWalk)
		if err != nil {
			t.Fatalf("start a one-on-one: %v", err)
		}
		it, err := dst.AddItem(o.ID, model.HeadingFocus, "Shadow the returns desk", false)
		if err != nil {
			t.Fatalf("add an item: %v", err)
		}
		pr := model.Prompt{Theme: "Our own", Text: "What made you smile this week?"}
		if err := dst.SavePrompt(&pr); err != nil {
			t.Fatalf("add a prompt: %v", err)
		}
		for _, c := range []struct {
			table string
			id    uint
		}{{"people", p.ID}, {"one_on_ones", o.ID}, {"one_on_one_items", it.ID}, {"prompts", pr.ID}} {
			if int64(c.id) <= serverCounts[c.table] {
				t.Errorf("new row in %s got ID %d; the copy holds %d rows", c.table, c.id, serverCounts[c.table])
			}
		}
	})
}

// searchRefs is what a search finds, as kind:ref in order.
func searchRefs(t *testing.T, s *model.Store, word string) []string {
	t.Helper()
	hits, err := s.Search(word, true, 1000)
	if err != nil {
		t.Fatal(err)
	}
	refs := make([]string, len(hits))
	for i, h := range hits {
		refs[i] = fmt.Sprintf("%s:%d", h.Kind.Key(), h.Ref)
	}
	slices.Sort(refs)
	return refs
}

// managers lists each person's manager's ID (0 for none), by person ID.
func managers(t *testing.T, s *model.Store) []uint {
	t.Helper()
	var ids []uint
	if err := s.DB().Raw("SELECT COALESCE(manager_id, 0) FROM people ORDER BY id").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	return append([]uint{0}, ids...) // so that [id] is person id's manager
}

// meetingLines describes a one-on-one, an item a line, in terms both
// databases keep alike.
func meetingLines(t *testing.T, s *model.Store, id uint) []string {
	t.Helper()
	m, err := s.Meeting(id)
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{fmt.Sprintf("%s %s pulse %d %q", m.Person.Name, m.HeldAt.UTC().Format(time.RFC3339), m.PulseRating, m.SharedNotes)}
	for _, it := range m.Items {
		kind := "own"
		if it.Carried {
			kind = "carried from " + it.FromDate.UTC().Format(time.DateOnly)
		}
		lines = append(lines, fmt.Sprintf("%s %d %s %q non-work %v private %v %s follow-up %s",
			kind, it.ID, it.Heading, it.Text, it.NonWork, it.Private, it.Status, it.FollowUp))
	}
	for _, a := range m.Actions {
		lines = append(lines, fmt.Sprintf("action %d %q due %s", a.ID, a.Text, a.Due))
	}
	return lines
}

// A file is one lead's: with --author its private notes and items become
// that lead's on the server, readable by them and no other lead. Without
// it they are the copying role's. version, a row's count of saves, is
// copied as it is.
func TestCopyToServerAuthorAndVersion(t *testing.T) {
	storetest.NeedServer(t)
	f := newCopyFixture(t)
	execOn(t, "sqlite3", f.path, `UPDATE one_on_one_items SET author = 'the file', private = (id % 3 = 0);
		UPDATE one_on_ones SET version = id % 5 + 1`)
	var privateItems, notes int
	src, err := model.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	src.DB().Raw("SELECT COUNT(*) FROM one_on_one_items WHERE private").Scan(&privateItems)
	src.DB().Raw("SELECT COUNT(*) FROM private_notes").Scan(&notes)
	src.Close()
	if privateItems == 0 || notes == 0 {
		t.Fatalf("the fixture should hold private items (%d) and notes (%d)", privateItems, notes)
	}

	for _, tc := range []struct{ name, author string }{{"for a lead", "lead_ana"}, {"for the copying role", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			dstURL := storetest.ServerDatabase(t)
			ana := storetest.LeadURL(t, dstURL, "lead_ana")
			other := storetest.LeadStore(t, dstURL, "lead_bo")
			author := tc.author
			if author != "" {
				author = fmt.Sprintf("%s_%d", author, os.Getpid()) // as leadURL names it
			}
			if _, err := copier.ToServer(f.path, dstURL, author, nil); err != nil {
				t.Fatalf("copy: %v", err)
			}
			lead, err := model.Open(ana)
			if err != nil {
				t.Fatal(err)
			}
			defer lead.Close()
			var seen struct{ Items, Notes int }
			lead.DB().Raw(`SELECT (SELECT COUNT(*) FROM one_on_one_items WHERE private) AS items, (SELECT COUNT(*) FROM private_notes) AS notes`).Scan(&seen)
			want := struct{ Items, Notes int }{privateItems, notes}
			if tc.author == "" {
				want = struct{ Items, Notes int }{}
			}
			if seen != want {
				t.Errorf("the lead sees %+v private items and notes, want %+v", seen, want)
			}
			var others int
			other.DB().Raw(`SELECT (SELECT COUNT(*) FROM one_on_one_items WHERE private) + (SELECT COUNT(*) FROM private_notes)`).Scan(&others)
			if others != 0 {
				t.Errorf("another lead sees %d private rows", others)
			}
			var wrongVersions int
			lead.DB().Raw(`SELECT COUNT(*) FROM one_on_ones WHERE version <> id % 5 + 1`).Scan(&wrongVersions)
			if wrongVersions != 0 {
				t.Errorf("%d one-on-ones with another version than the file's", wrongVersions)
			}
		})
	}
	if _, err := copier.ToServer(f.path, storetest.ServerDatabase(t), "no_such_role", nil); err == nil || !strings.Contains(err.Error(), `no role "no_such_role"`) {
		t.Errorf("an unknown author: %v", err)
	}
}

func TestCopyToServerRefusesADatabaseInUse(t *testing.T) {
	storetest.NeedServer(t)
	f := newCopyFixture(t)
	tests := []struct {
		name  string
		use   func(s *model.Store) error
		table string
	}{
		{"a person", func(s *model.Store) error { return s.SavePerson(&model.Person{Name: "Ada Obi"}) }, "people: 1"},
		{"a prompt of its own", func(s *model.Store) error {
			return s.SavePrompt(&model.Prompt{Theme: "Ours", Text: "How was the weekend?"})
		}, "prompts: 1"},
		{"a starred library prompt", func(s *model.Store) error { return s.SetPromptStarred(1, true) }, "prompts: 1"},
		{"an edited default program", func(s *model.Store) error {
			d, err := s.Program(1)
			if err != nil {
				return err
			}
			d.Description += " Ours now."
			return s.SaveProgram(&d)
		}, "programs: 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dstURL := storetest.ServerDatabase(t)
			s, err := model.Open(dstURL)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.use(s)
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			before := tableCounts(t, dstURL)
			_, err = copier.ToServer(f.path, dstURL, "", nil)
			var ne *copier.ServerNotEmptyError
			if !errors.As(err, &ne) || !strings.Contains(err.Error(), tt.table) || !strings.Contains(err.Error(), "nothing was copied") {
				t.Fatalf("want a refusal naming %q, got %v", tt.table, err)
			}
			if after := tableCounts(t, dstURL); !maps.Equal(after, before) {
				t.Errorf("a refused copy changed the server:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestCopyToServerFailureLeavesServerEmpty(t *testing.T) {
	storetest.NeedServer(t)
	tests := []struct {
		name    string
		file    string // SQL run on the file first
		server  string // SQL run on the server database first
		wantErr func(fileTags int64) string
	}{
		{
			name:    "a value the server refuses",
			file:    "UPDATE one_on_one_items SET follow_up = 'someday' WHERE id = (SELECT MAX(id) FROM one_on_one_items)",
			wantErr: func(int64) string { return "copy one_on_one_items, rows" },
		},
		{
			name: "counts that differ",
			server: `CREATE FUNCTION twice() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN INSERT INTO tags (id, name) VALUES (NEW.id + 1000000, NEW.name || ' again'); RETURN NULL; END $$;
				CREATE TRIGGER twice AFTER INSERT ON tags FOR EACH ROW WHEN (NEW.id < 1000000) EXECUTE FUNCTION twice()`,
			wantErr: func(n int64) string { return fmt.Sprintf("tags has %d rows in the file but %d on the server", n, 2*n) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newCopyFixture(t)
			if tt.file != "" {
				execOn(t, "sqlite3", f.path, tt.file)
			}
			dstURL := storetest.ServerDatabase(t)
			if tt.server != "" {
				execOn(t, "pgx", dstURL, tt.server)
			}
			empty := tableCounts(t, dstURL)
			var copied []string
			_, err := copier.ToServer(f.path, dstURL, "", func(table string, done, total int) {
				if done == total && total > 0 {
					copied = append(copied, table)
				}
			})
			if want := tt.wantErr(tableCounts(t, f.path)["tags"]); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("want an error with %q, got %v", want, err)
			}
			if !slices.Contains(copied, "people") {
				t.Errorf("the copy should have failed after people, midway; it finished %v", copied)
			}
			if after := tableCounts(t, dstURL); !maps.Equal(after, empty) {
				t.Errorf("a failed copy left rows behind:\nbefore %v\nafter  %v", empty, after)
			}
		})
	}
}

func TestCopyToServerChecksItsArguments(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nothing-here.db")
	tests := []struct {
		name, from, to, wantErr string
	}{
		{"no file", missing, "postgres://lead@db.example.com/team", "no Solemate database at " + missing},
		{"from a server", "postgres://lead:secret@db.example.com/a", "postgres://lead@db.example.com/b", "must be a Solemate file, not postgres://lead:***@"},
		{"to a file", missing, filepath.Join(t.TempDir(), "other.db"), "is not a server address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := copier.ToServer(tt.from, tt.to, "", nil)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("want an error with %q, got %v", tt.wantErr, err)
			}
			if strings.Contains(fmt.Sprint(err), "secret") {
				t.Errorf("the error shows a password: %v", err)
			}
		})
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a copy from a missing file created it: %v", err)
	}
}

// execOn runs SQL on a database through database/sql's driver.
func execOn(t *testing.T, driver, dsn, stmt string) {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}
