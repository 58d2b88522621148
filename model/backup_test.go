package model

import (
	"errors"
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

	keep := filepath.Join(dir, "kept")
	for name, bad := range map[string]string{"garbage": garbage, "truncated": truncated, "foreign": foreign, "newer": newer, "missing": filepath.Join(dir, "nope.db")} {
		before, _ := os.ReadFile(current)
		if _, err := restoreInto(bad, current, keep); err == nil {
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

	kept, err := restoreInto(backup, current, keep)
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
func restoreInto(src, dst, keepDir string) (kept string, err error) {
	lock, err := LockInstance(dst)
	if err != nil {
		return "", err
	}
	defer lock.Release()
	return lock.Restore(src, keepDir)
}
