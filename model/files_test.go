package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model/filetest"
)

// TestPrivateFromTheFirstByte: every file the store writes with the
// database's data in it appears readable by the user alone, with a umask of
// 022, and is never readable by others even for a moment.
func TestPrivateFromTheFirstByte(t *testing.T) {
	fileOnly(t)
	tests := []struct {
		name string
		// write writes into the watched folder dir and returns the file.
		write func(t *testing.T, s *Store, dir string) string
	}{
		{"copy", func(t *testing.T, s *Store, dir string) string {
			path := filepath.Join(dir, "copy.db")
			must(t, s.CopyTo(path))
			return path
		}},
		{"export", func(t *testing.T, s *Store, dir string) string {
			path := filepath.Join(dir, "export.md")
			must(t, WriteFile(path, false, func(w io.Writer) error {
				return writeRoster(s, w)
			}))
			return path
		}},
		{"daily backup", func(t *testing.T, s *Store, dir string) string {
			path, err := s.AutoBackup(dir, 14)
			must(t, err)
			return path
		}},
		{"copy kept before a restore", func(t *testing.T, s *Store, dir string) string {
			backup, current := closedCopies(t, s)
			beside := filepath.Join(filepath.Dir(dir), FileName) // dir is its BackupDir
			must(t, os.Rename(current, beside))
			kept, err := restoreInto(backup, beside)
			must(t, err)
			return kept
		}},
		{"restored database", func(t *testing.T, s *Store, dir string) string {
			backup, current := closedCopies(t, s)
			target := filepath.Join(dir, FileName)
			must(t, os.Rename(current, target))
			_, err := restoreInto(backup, target)
			must(t, err)
			return target
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			for range 50 {
				must(t, s.SavePerson(&Person{Name: "Someone With Notes"}))
			}
			dir := filepath.Join(t.TempDir(), "backups")
			must(t, os.Mkdir(dir, 0o700))
			stop := filetest.Watch(t, dir)
			path := tt.write(t, s, dir)
			for _, problem := range stop() {
				t.Errorf("readable by others: %s", problem)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v, %v", path, fi.Mode(), err)
			}
		})
	}
}

// closedCopies writes two copies of s: a backup, and a database to restore
// it over.
func closedCopies(t *testing.T, s *Store) (backup, current string) {
	dir := t.TempDir()
	backup, current = filepath.Join(dir, "backup.db"), filepath.Join(dir, "current.db")
	must(t, s.CopyTo(backup))
	must(t, s.CopyTo(current))
	return backup, current
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteFileReplacesOnlyWhenAsked(t *testing.T) {
	tests := []struct {
		name    string
		replace bool
		want    string
		err     error
	}{
		{"refused", false, "older", fs.ErrExist},
		{"replaced", true, "newer", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export.csv")
			must(t, os.WriteFile(path, []byte("older"), 0o644))
			err := WriteFile(path, tt.replace, func(w io.Writer) error {
				_, err := io.WriteString(w, "newer")
				return err
			})
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
			if data, _ := os.ReadFile(path); string(data) != tt.want {
				t.Errorf("the file holds %q, want %q", data, tt.want)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), privateFolderPrefix+"*")); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestFailedCopiesLeaveNothing: a copy, a daily backup or an export whose
// file cannot grow past a limit (as on a full disk) fails and leaves no
// empty or partial file, so the next day's backup is not mistaken as done.
func TestFailedCopiesLeaveNothing(t *testing.T) {
	fileOnly(t)
	if args, ok := filetest.Child(t); ok {
		os.Exit(failedCopy(args[0], args[1], args[2]))
	}
	db := filepath.Join(t.TempDir(), FileName)
	s, err := Open(db)
	must(t, err)
	for range 200 {
		must(t, s.SavePerson(&Person{Name: "Someone With A Long Enough Name To Fill Pages"}))
	}
	s.Close()
	for _, op := range []string{"copy", "daily backup", "export"} {
		t.Run(op, func(t *testing.T) {
			dir := t.TempDir()
			if code, stderr := filetest.RunLimited(t, 64<<10, op, db, dir); code != 1 || !strings.Contains(stderr, "file too large") {
				t.Errorf("exit %d: %s", code, stderr)
			}
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
	s, err = Open(db)
	must(t, err)
	defer s.Close()
	if path, err := s.AutoBackup(t.TempDir(), 14); path == "" || err != nil {
		t.Errorf("the day's backup after a failed one: %q, %v", path, err)
	}
}

// writeRoster writes what an export of the roster holds (the exporters,
// in model/export, are out of this package's reach).
func writeRoster(s *Store, w io.Writer) error {
	rows, err := s.People(false)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "%s,%s,%s,%s\r\n", r.Name, r.Email, r.Role, r.Team); err != nil {
			return err
		}
	}
	return nil
}

// failedCopy is TestFailedCopiesLeaveNothing's process: it runs op from
// the database at db into dir and exits 1, saying why, when it fails.
func failedCopy(op, db, dir string) int {
	s, err := Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer s.Close()
	switch op {
	case "copy":
		err = s.CopyTo(filepath.Join(dir, "copy.db"))
	case "daily backup":
		_, err = s.AutoBackup(dir, 14)
	case "export":
		err = WriteFile(filepath.Join(dir, "people.csv"), false, func(w io.Writer) error {
			for range 100 {
				if err := writeRoster(s, w); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
