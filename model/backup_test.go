package model

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAutoBackupOnceADayKeepingFourteen(t *testing.T) {
	fileOnly(t)
	s := newTestStore(t)
	dir := filepath.Join(t.TempDir(), "backups")
	for day := 0; day < 16; day++ {
		now := fixedNow.Add(time.Duration(day) * 24 * time.Hour)
		s.Now = func() time.Time { return now }
		path, err := s.AutoBackup(dir, 14)
		if err != nil || path == "" {
			t.Fatalf("day %d: %q, %v", day, path, err)
		}
		if again, _ := s.AutoBackup(dir, 14); again != "" {
			t.Fatalf("day %d: a second backup on the same day", day)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 14 || entries[0].Name() != "solemate-2026-03-12.db" {
		t.Errorf("%d backups, oldest %s", len(entries), entries[0].Name())
	}
	if fi, _ := os.Stat(filepath.Join(dir, entries[0].Name())); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %o", fi.Mode().Perm())
	}
}

func TestRestoreChecksFirstAndKeepsWhatItReplaces(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	current := filepath.Join(dir, "current.db")
	s, err := Open(current)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Now Person"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Added After Backup"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 500)), 0o600)
	truncated := filepath.Join(dir, "truncated.db")
	data, _ := os.ReadFile(backup)
	os.WriteFile(truncated, data[:len(data)/3], 0o600)
	foreign := filepath.Join(dir, "foreign.db")
	if err := writePlainSQLite(foreign); err != nil {
		t.Fatal(err)
	}
	if err := CheckBackup(foreign); err == nil || !strings.Contains(err.Error(), "is not a Solemate database") {
		t.Errorf("a plain SQLite file: %v", err)
	}
	newer := filepath.Join(dir, "newer.db")
	ns, _ := Open(newer)
	ns.db.Create(&schemaMigration{Version: SchemaVersion() + 1, Name: "future", AppliedAt: fixedNow})
	ns.Close()

	for name, bad := range map[string]string{"garbage": garbage, "truncated": truncated, "foreign": foreign, "newer": newer, "missing": filepath.Join(dir, "nope.db")} {
		before, _ := os.ReadFile(current)
		if _, err := restoreInto(bad, current); err == nil {
			t.Errorf("%s: restore should refuse", name)
		}
		if after, _ := os.ReadFile(current); string(after) != string(before) {
			t.Errorf("%s: a refused restore changed the current database", name)
		}
	}
	var tooNew *SchemaTooNewError
	if err := CheckBackup(newer); !errors.As(err, &tooNew) {
		t.Errorf("newer: %v", err)
	}

	kept, err := restoreInto(backup, current)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(current)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if rows, _ := r.People(false); len(rows) != 1 || rows[0].Name != "Now Person" {
		t.Errorf("restored people = %+v", rows)
	}
	k, err := Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if n, _ := k.CountPeople(); n != 2 {
		t.Errorf("the replaced database was not kept whole: %d people", n)
	}
}

// writePlainSQLite makes a valid SQLite file that is not Solemate's.
func writePlainSQLite(path string) error {
	s, err := Open(path + ".tmp")
	if err != nil {
		return err
	}
	defer s.Close()
	return s.db.Exec("ATTACH DATABASE ? AS plain; CREATE TABLE plain.notes (x TEXT); DETACH DATABASE plain", path).Error
}

// restoreInto restores src over dst under dst's instance lock, as the
// command line does.
func restoreInto(src, dst string) (kept string, err error) {
	lock, err := LockInstance(dst)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	return lock.Restore(src, fixedNow)
}

// TestRestoreKeepsWhatItReplaces: whatever the current database is, a
// restore keeps it byte for byte in backups/ (with its WAL) and replaces it.
func TestRestoreKeepsWhatItReplaces(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	s, err := Open(filepath.Join(dir, "source.db"))
	must(t, err)
	must(t, s.SavePerson(&Person{Name: "From The Backup"}))
	must(t, s.CopyTo(backup))
	s.Close()
	whole, _ := os.ReadFile(backup)

	tests := []struct {
		name string
		make func(t *testing.T, path string) // writes the current database
	}{
		{"newer Solemate's", func(t *testing.T, path string) {
			s, err := Open(path)
			must(t, err)
			must(t, s.db.Create(&schemaMigration{Version: SchemaVersion() + 1, Name: "future", AppliedAt: fixedNow}).Error)
			s.Close()
		}},
		{"with rows only in its WAL", func(t *testing.T, path string) {
			src := filepath.Join(t.TempDir(), FileName)
			s, err := Open(src)
			must(t, err)
			defer s.Close()
			must(t, s.SavePerson(&Person{Name: "Only In The WAL"}))
			for _, suffix := range []string{"", "-wal"} { // as a crash leaves them
				data, err := os.ReadFile(src + suffix)
				must(t, err)
				must(t, os.WriteFile(path+suffix, data, 0o600))
			}
		}},
		{"damaged", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte(strings.Repeat("not a database ", 500)), 0o600))
		}},
		{"truncated", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, whole[:len(whole)/3], 0o600))
		}},
		{"another program's", func(t *testing.T, path string) {
			must(t, writePlainSQLite(path))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			current := filepath.Join(t.TempDir(), FileName)
			tt.make(t, current)
			before, _ := os.ReadFile(current)
			beforeWAL, walErr := os.ReadFile(current + "-wal")
			kept, err := restoreInto(backup, current)
			if err != nil {
				t.Fatalf("not restored: %v", err)
			}
			if got, _ := os.ReadFile(kept); string(got) != string(before) {
				t.Errorf("kept %d bytes of %d, not the same", len(got), len(before))
			}
			if got, err := os.ReadFile(kept + "-wal"); string(got) != string(beforeWAL) || (err == nil) != (walErr == nil) {
				t.Errorf("kept WAL: %d bytes (%v), had %d (%v)", len(got), err, len(beforeWAL), walErr)
			}
			r, err := Open(current)
			must(t, err)
			defer r.Close()
			if rows, _ := r.People(false); len(rows) != 1 || rows[0].Name != "From The Backup" {
				t.Errorf("restored: %+v", rows)
			}
		})
	}
}

// TestBackupsKeepTheirOwnLimits: the daily backups keep their last 14 by
// date whatever else is in the folder, and the copies restores keep have
// a limit of their own; other files stay.
func TestBackupsKeepTheirOwnLimits(t *testing.T) {
	fileOnly(t)
	s := newTestStore(t)
	dir := filepath.Join(t.TempDir(), "backups")
	must(t, os.Mkdir(dir, 0o700))
	others := []string{"solemate-copy-2026-01-01-1200.db", "notes.txt", "solemate-zz.db"}
	for i := range keepBeforeRestore + 3 {
		others = append(others, fmt.Sprintf("solemate-before-restore-2026-02-%02d-120000.db", i+1))
	}
	for _, name := range others {
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(name), 0o600))
	}
	for day := range 16 {
		now := fixedNow.Add(time.Duration(day) * 24 * time.Hour)
		s.Now = func() time.Time { return now }
		path, err := s.AutoBackup(dir, 14)
		if err != nil || path == "" {
			t.Fatalf("day %d: %q, %v", day, path, err)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("day %d: today's backup is gone: %v", day, err)
		}
	}
	daily, _ := filepath.Glob(filepath.Join(dir, "solemate-2026-*.db"))
	if len(daily) != 14 || filepath.Base(daily[0]) != "solemate-2026-03-12.db" {
		t.Errorf("%d daily backups, oldest %s", len(daily), filepath.Base(daily[0]))
	}
	for _, name := range others {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the daily backups removed %s", name)
		}
	}
}

// TestRestoresKeepEveryCopy: restores in one second each keep their own
// copy (with its WAL), and the oldest copies go past the limit.
func TestRestoresKeepEveryCopy(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	current := filepath.Join(dir, FileName)
	backup := filepath.Join(dir, "backup.db")
	s, err := Open(current)
	must(t, err)
	must(t, s.CopyTo(backup))
	s.Close()
	var kept []string
	for i := range keepBeforeRestore + 2 {
		must(t, os.WriteFile(current+"-wal", nil, 0o600)) // an empty WAL, kept alongside
		k, err := restoreInto(backup, current)
		if err != nil {
			t.Fatalf("restore %d in the same second: %v", i+1, err)
		}
		kept = append(kept, k)
	}
	for i, k := range kept {
		_, err := os.Stat(k)
		_, walErr := os.Stat(k + "-wal")
		if gone := i < 2; (err != nil) != gone || (walErr != nil) != gone {
			t.Errorf("copy %d (%s): %v, WAL %v; want gone: %v", i+1, filepath.Base(k), err, walErr, gone)
		}
	}
}

// TestTwoRestoresAtOnce: two restores started together over one database.
// Each one either restores whole or is refused for the other's lock, and
// the database ends as one of the two backups, intact.
func TestTwoRestoresAtOnce(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	current := filepath.Join(dir, FileName)
	var backups []string
	for _, name := range []string{"Alice", "Bob", ""} {
		s, err := Open(filepath.Join(dir, name+"-source.db"))
		must(t, err)
		if name == "" { // the database both restore over
			must(t, s.CopyTo(current))
		} else {
			must(t, s.SavePerson(&Person{Name: name}))
			backups = append(backups, filepath.Join(dir, name+".db"))
			must(t, s.CopyTo(backups[len(backups)-1]))
		}
		s.Close()
	}
	for round := range 10 {
		errs := make(chan error, 2)
		start := make(chan struct{})
		for _, b := range backups {
			go func() {
				<-start
				_, err := restoreInto(b, current)
				errs <- err
			}()
		}
		close(start)
		restored := 0
		for range backups {
			switch err := <-errs; {
			case err == nil:
				restored++
			case !errors.Is(err, ErrAlreadyOpen):
				t.Errorf("round %d: %v", round, err)
			}
		}
		if restored == 0 {
			t.Errorf("round %d: neither restored", round)
		}
		s, err := Open(current)
		must(t, err)
		rows, _ := s.People(false)
		var check string
		s.db.Raw("PRAGMA integrity_check").Scan(&check)
		s.Close()
		if len(rows) != 1 || check != "ok" {
			t.Fatalf("round %d: %+v, integrity %q", round, rows, check)
		}
	}
}

func TestBackupNames(t *testing.T) {
	tests := []struct {
		name        string
		daily, kept bool
	}{
		{"solemate-2026-03-10.db", true, false},
		{"solemate-2026-02-30.db", false, false},
		{"solemate-2026-03-10.db-wal", false, false},
		{"solemate-copy-2026-03-10-0930.db", false, false},
		{"solemate-before-restore-2026-03-10-093000.db", false, true},
		{"solemate-before-restore-2026-03-10-093000-2.db", false, true},
		{"solemate-before-restore-2026-03-10-093000-1.db", false, false},
		{"solemate-before-restore-2026-03-10-093000x2.db", false, false},
		{"solemate-before-restore-2026-03-10.db", false, false},
	}
	for _, tt := range tests {
		_, daily := dailyOrder(tt.name, fixedNow)
		_, kept := keptOrder(tt.name, fixedNow)
		if daily != tt.daily || kept != tt.kept {
			t.Errorf("%s: daily %v, kept %v; want %v, %v", tt.name, daily, kept, tt.daily, tt.kept)
		}
	}
	ninth, _ := keptOrder("solemate-before-restore-2026-03-10-093000-9.db", fixedNow)
	if tenth, _ := keptOrder("solemate-before-restore-2026-03-10-093000-10.db", fixedNow); tenth <= ninth {
		t.Errorf("the tenth copy of a second sorts before the ninth: %s, %s", tenth, ninth)
	}
}

// TestRestoreRefusesWhatIsNotWhollySolemate: a file passes only with every
// table the schema had at its recorded version, with every column; another
// program's schema_migrations is not enough. Each is refused untouched.
func TestRestoreRefusesWhatIsNotWhollySolemate(t *testing.T) {
	fileOnly(t)
	tests := []struct {
		name     string
		sql      string // run on a plain SQLite file, or on a Solemate one when solemate
		solemate bool
		want     string
	}{
		{"another program's migrations", `CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, dirty BOOLEAN);
			INSERT INTO schema_migrations VALUES (20230101120000, 0)`, false, "not a Solemate database"},
		{"Solemate's migrations table alone", `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at DATETIME);
			INSERT INTO schema_migrations VALUES (` + fmt.Sprint(SchemaVersion()) + `, 'x', '2026-01-01')`, false, "has no"},
		{"a table missing", `DROP TABLE cohorts`, true, "has no cohorts table"},
		{"a column missing", `ALTER TABLE people DROP COLUMN updated_at`, true, "people table has no updated_at column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "candidate.db")
			if tt.solemate {
				s, err := Open(src)
				must(t, err)
				s.Close()
			}
			db, err := sql.Open("sqlite3", src)
			must(t, err)
			_, err = db.Exec("PRAGMA foreign_keys = OFF; " + tt.sql)
			db.Close()
			must(t, err)
			if err := CheckBackup(src); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("check: %v, want %q", err, tt.want)
			}
			current := filepath.Join(dir, FileName)
			s, err := Open(current)
			must(t, err)
			s.Close()
			before := fileBytes(current, current+"-wal")
			if _, err := restoreInto(src, current); err == nil {
				t.Error("restored")
			}
			if fileBytes(current, current+"-wal") != before {
				t.Error("a refused restore changed the database")
			}
		})
	}
	fixtures, _ := filepath.Glob(filepath.Join("testdata", "fixtures", "schema-*.db"))
	if len(fixtures) == 0 {
		t.Error("no fixture databases")
	}
	for _, fx := range fixtures {
		if err := CheckBackup(fx); err != nil {
			t.Errorf("an older Solemate's database: %v", err)
		}
	}
}

// TestRestoreReadsTheBackupsWAL: a backup whose last commits are still in
// its WAL (copied with it from a running Solemate) restores with them.
func TestRestoreReadsTheBackupsWAL(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	running := filepath.Join(dir, "running.db")
	s, err := Open(running)
	must(t, err)
	defer s.Close()
	must(t, s.SavePerson(&Person{Name: "Committed To The WAL"}))
	backup := filepath.Join(dir, "backup.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(running + suffix)
		must(t, err)
		must(t, os.WriteFile(backup+suffix, data, 0o600))
	}
	current := filepath.Join(dir, FileName)
	_, err = restoreInto(backup, current)
	must(t, err)
	r, err := Open(current)
	must(t, err)
	defer r.Close()
	if rows, _ := r.People(false); len(rows) != 1 {
		t.Errorf("restored without the backup's WAL: %+v", rows)
	}
}

// fileBytes is the files' contents, one after the other ("" for a missing one).
func fileBytes(paths ...string) string {
	var all strings.Builder
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		fmt.Fprintf(&all, "%s:%d:%s\n", p, len(data), data)
	}
	return all.String()
}

// Two databases in one folder keep their backups apart: each takes its own
// daily backup, and neither's pruning reaches the other's.
func TestTwoDatabasesInOneFolderKeepTheirOwnBackups(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	var taken []string
	for _, name := range []string{FileName, "team-a.db", "team-b.db"} {
		s, err := Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return fixedNow }
		path, err := s.AutoBackup(BackupDir(filepath.Join(dir, name)), 14)
		s.Close()
		if err != nil || path == "" {
			t.Fatalf("%s: daily backup %q, %v", name, path, err)
		}
		taken = append(taken, path)
	}
	want := []string{"backups/solemate-2026-03-10.db", "backups/team-a/solemate-2026-03-10.db", "backups/team-b/solemate-2026-03-10.db"}
	for i, p := range taken {
		if rel, _ := filepath.Rel(dir, p); rel != want[i] {
			t.Errorf("backup %d at %s, want %s", i, rel, want[i])
		}
	}
}

// A database reached through a link is restored where it lives: the link
// stays a link and leads to the restored data.
func TestRestoreThroughALink(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	src := newTestStore(t)
	if err := src.SavePerson(&Person{Name: "In The Backup"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backup.db")
	if err := src.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "real", "team.db")
	s, err := Open(real)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	link := filepath.Join(dir, "team.db")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if _, err := restoreInto(backup, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v %v", fi, err)
	}
	r, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountPeople(); n != 1 {
		t.Errorf("through the link the database has %d people, want the backup's 1", n)
	}
}

// Copies kept by restores are named by the day of the store's clock, which
// SOLEMATE_TODAY may set back (training sessions, demos); they are pruned in
// the order they were written, so a restore as of an earlier day keeps what
// it replaced past the next restore.
func TestKeptCopyOfAnEarlierDayIsNotPrunedFirst(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	db := filepath.Join(dir, FileName)
	backup := filepath.Join(t.TempDir(), "b.db")
	e := openAt(t, backup)
	e.Close()
	restore := func(at time.Time) string {
		l, err := LockInstance(db)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Release()
		kept, err := l.Restore(backup, at)
		if err != nil {
			t.Fatal(err)
		}
		return kept
	}
	s := openAt(t, db)
	s.Close()
	for i := range 9 {
		restore(fixedNow.Add(time.Duration(i) * time.Minute))
	}
	s = openAt(t, db)
	addPerson(t, s, "Only Before The Pinned Restore")
	s.Close()
	pinned := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC) // SOLEMATE_TODAY=2020-01-01
	first := restore(pinned)
	second := restore(pinned)
	if !personNames(t, first)["Only Before The Pinned Restore"] {
		t.Errorf("the copy the first restore kept (%s) no longer holds what it replaced; the second restore reported %s", first, second)
	}
}
