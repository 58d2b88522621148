package model

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// fixedNow is the "today" every model test runs on.
var fixedNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

func newTestStore(t *testing.T) *Store {
	t.Helper()
	target := filepath.Join(t.TempDir(), FileName)
	if testServer != "" {
		target = newServerDatabase(t)
	}
	s, err := Open(target)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestOpenCreatesPrivateFileAndFolder(t *testing.T) {
	fileOnly(t)
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
}

func TestOpenHandlesURICharactersInPath(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), "odd ?#% name", "my db?.sqlite")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Amara Okafor"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the path asked for: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountPeople(); n != 1 {
		t.Errorf("reopened database has %d people, want 1", n)
	}
}

func TestOpenRefusesFolder(t *testing.T) {
	fileOnly(t)
	if _, err := Open(t.TempDir()); err == nil {
		t.Fatal("opening a folder as a database should fail")
	}
}

func TestReopenKeepsSchemaVersion(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), FileName)
	for i := 0; i < 2; i++ {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		v, err := currentVersion(s.db)
		if err != nil || v != SchemaVersion() {
			t.Errorf("open #%d: version %d (%v), want %d", i+1, v, err, SchemaVersion())
		}
		s.Close()
	}
}

func TestNewerSchemaIsRefusedAndLeftUntouched(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	future := schemaMigration{Version: SchemaVersion() + 5, Name: "from the future", AppliedAt: fixedNow}
	if err := s.db.Create(&future).Error; err != nil {
		t.Fatal(err)
	}
	// Fold the WAL into the main file so the hash covers everything.
	if err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileHash(t, path)

	_, err = Open(path)
	var tooNew *SchemaTooNewError
	if !errors.As(err, &tooNew) {
		t.Fatalf("open newer database: err = %v, want SchemaTooNewError", err)
	}
	if tooNew.Found != SchemaVersion()+5 || tooNew.Supported != SchemaVersion() {
		t.Errorf("error names versions %d/%d", tooNew.Found, tooNew.Supported)
	}
	if after := fileHash(t, path); after != before {
		t.Error("refusing a newer database changed the file")
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestDSN(t *testing.T) {
	fileOnly(t)
	tests := []struct{ path, want string }{
		{"/home/a/solemate.db", "file:/home/a/solemate.db?"},
		{"/tmp/what?#%.db", "file:/tmp/what%3f%23%25.db?"},
	}
	for _, tt := range tests {
		got := DSN(tt.path)
		if len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("DSN(%q) = %q, want prefix %q", tt.path, got, tt.want)
		}
	}
}

func TestCopyTo(t *testing.T) {
	fileOnly(t)
	s := newTestStore(t)
	if err := s.SavePerson(&Person{Name: "Copied Person"}); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "sub", "copy.db")
	if err := s.CopyTo(dst); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v, %v", fi, err)
	}
	c, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, _ := c.CountPeople(); n != 1 {
		t.Errorf("the copy has %d people", n)
	}
	if err := s.CopyTo(dst); err == nil {
		t.Error("copying over an existing file should be refused")
	}
}

func TestFailedMigrationLeavesTheFileAsItWas(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Before"}); err != nil {
		t.Fatal(err)
	}
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.Close()
	before := fileHash(t, path)
	all := migrations
	migrations = append(slices.Clone(all), migration{SchemaVersion() + 1, "half done", func(tx *gorm.DB) error {
		if err := tx.Exec("CREATE TABLE half_done (x)").Error; err != nil {
			return err
		}
		return errors.New("boom")
	}})
	_, err = Open(path)
	migrations = all
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("a failing migration: %v", err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.db.Migrator().HasTable("half_done") {
		t.Error("the failed migration left a table behind")
	}
	if v, _ := currentVersion(s.db); v != SchemaVersion() {
		t.Errorf("version %d after a failed migration", v)
	}
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if after := fileHash(t, path); after != before {
		t.Error("the file changed")
	}
}

// TestOpenReadOnlyCreatesAndWritesNothing: what reading commands open is
// left exactly as it was, with nothing beside it — a missing or empty file
// is not turned into a database, a reader leaves no -wal or -shm, and
// nothing can be written through the store.
func TestOpenReadOnlyCreatesAndWritesNothing(t *testing.T) {
	fileOnly(t)
	database := func(t *testing.T, path string) {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SavePerson(&Person{Name: "Amara Okafor"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	tests := []struct {
		name    string
		make    func(t *testing.T, path string) // nil: no file
		perm    os.FileMode
		problem string // "" when it opens
		upgrade bool   // an older schema is brought up to date, as every start does
	}{
		{"missing file", nil, 0, "no Solemate database at", false},
		{"empty file", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, 0o600, "is not a Solemate database", false},
		{"not a database", func(t *testing.T, path string) { os.WriteFile(path, []byte("name,email\n"), 0o600) }, 0o600, "is not a Solemate database", false},
		{"newer schema", func(t *testing.T, path string) {
			database(t, path)
			s, _ := Open(path)
			s.db.Create(&schemaMigration{Version: SchemaVersion() + 1, Name: "future", AppliedAt: fixedNow})
			s.Close()
		}, 0o600, "newer version of Solemate", false},
		{"a database", database, 0o600, "", false},
		{"a read-only database", database, 0o400, "", false},
		{"an older schema", func(t *testing.T, path string) {
			if err := copyFile(filepath.Join("testdata", "fixtures", "schema-8.db"), path); err != nil {
				t.Fatal(err)
			}
		}, 0o600, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.perm&0o200 == 0 && tt.make != nil && os.Geteuid() == 0 {
				t.Skip("root writes through file modes; cmd/solemate runs this as nobody")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			var before []byte
			if tt.make != nil {
				tt.make(t, path)
				os.Chmod(path, tt.perm)
				before, _ = os.ReadFile(path)
			}
			s, err := OpenReadOnly(path)
			switch {
			case tt.problem == "" && err != nil:
				t.Fatal(err)
			case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
				t.Fatalf("err = %v, want one saying %q", err, tt.problem)
			case err == nil:
				if rows, err := s.People(false); err != nil || len(rows) == 0 {
					t.Errorf("reading: %d people, %v", len(rows), err)
				}
				if v, _ := currentVersion(s.db); v != SchemaVersion() {
					t.Errorf("schema %d, want %d", v, SchemaVersion())
				}
				if err := s.SavePerson(&Person{Name: "Ben"}); err == nil {
					t.Error("a read-only store saved a person")
				}
				s.Close()
			}
			if after, err := os.ReadFile(path); tt.make != nil && !tt.upgrade && !bytes.Equal(after, before) {
				t.Errorf("the file changed (%d bytes before, %d after, %v)", len(before), len(after), err)
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if want := map[bool]int{true: 1, false: 0}[tt.make != nil]; len(names) != want {
				t.Errorf("the folder holds %v", names)
			}
		})
	}
}
