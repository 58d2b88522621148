package model

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"solemate/model/filetest"
)

func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	return s
}

func personNames(t *testing.T, path string) map[string]bool {
	t.Helper()
	s := openAt(t, path)
	defer s.Close()
	rows, err := s.People(true)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range rows {
		names[r.Name] = true
	}
	return names
}

// TestRestoreIsRefusedWhileASecondWindowHasTheDatabaseOpen: the first
// window holds the window lock, a second is told so and opens anyway; once
// the first closes, a restore takes the window lock, but the second still
// has the database open, so the restore is refused (ErrInUse) and what the
// second saves afterwards stays in the database. Once it closes, the
// restore goes ahead. (The adversary's TestAdversaryRestoreUnderTheSecondWindow.)
func TestRestoreIsRefusedWhileASecondWindowHasTheDatabaseOpen(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	db := filepath.Join(dir, FileName)
	first := openAt(t, db)
	addPerson(t, first, "Before Backup")
	backup := filepath.Join(dir, "b.db")
	if err := first.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	lock1, err := LockInstance(db) // the first window
	if err != nil {
		t.Fatal(err)
	}
	second := openAt(t, db) // the second window: told "already open", opens anyway
	if _, err := LockInstance(db); err != ErrAlreadyOpen {
		t.Fatalf("second window's lock: %v", err)
	}
	lock1.Release() // the first window closes
	first.Close()

	lock3, err := LockInstance(db) // solemate restore
	if err != nil {
		t.Fatalf("window lock: %v", err)
	}
	if _, err := lock3.Restore(backup, fixedNow); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore under the second window: %v, want it refused with ErrInUse", err)
	}
	addPerson(t, second, "Typed In The Second Window")
	second.Close()
	if !personNames(t, db)["Typed In The Second Window"] {
		t.Errorf("the refused restore replaced the database anyway")
	}
	if _, err := lock3.Restore(backup, fixedNow); err != nil {
		t.Fatalf("restore once every window is closed: %v", err)
	}
	lock3.Release()
	if names := personNames(t, db); !names["Before Backup"] || names["Typed In The Second Window"] {
		t.Errorf("after the restore: %v, want the backup's people", names)
	}
}

// TestRestoreIsRefusedWhileACommandHasTheDatabaseOpen: import and demo
// hold nothing but the Store they open, and that is enough.
func TestRestoreIsRefusedWhileACommandHasTheDatabaseOpen(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	db := filepath.Join(dir, FileName)
	backup := filepath.Join(dir, "b.db")
	s := openAt(t, backup)
	s.Close()
	for _, open := range []struct {
		name string
		open func(string) (*Store, error)
	}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
		s, err := open.open(db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := restoreInto(backup, db); !errors.Is(err, ErrInUse) {
			t.Errorf("restore while a Store from %s is open: %v, want ErrInUse", open.name, err)
		}
		s.Close()
		if _, err := restoreInto(backup, db); err != nil {
			t.Errorf("restore once the Store from %s is closed: %v", open.name, err)
		}
	}
}

// TestRestoreIsRefusedWhileAnotherProcessHasTheDatabaseOpen: the lock holds
// between processes, as between a window and `solemate restore`: a child
// process opens the database and keeps it open until told to close.
func TestRestoreIsRefusedWhileAnotherProcessHasTheDatabaseOpen(t *testing.T) {
	if args, ok := filetest.Child(t); ok {
		s, err := Open(args[0])
		if err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("open\n")
		_, _ = io.Copy(io.Discard, os.Stdin) // until the parent closes it
		s.Close()
		return
	}
	fileOnly(t)
	dir := t.TempDir()
	db := filepath.Join(dir, FileName)
	backup := filepath.Join(dir, "b.db")
	s := openAt(t, backup)
	s.Close()
	cmd := filetest.Command(t, db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "open\n" {
		stdin.Close()
		_ = cmd.Wait()
		t.Fatalf("the child did not open the database: %q, %v", line, err)
	}
	if _, err := restoreInto(backup, db); !errors.Is(err, ErrInUse) {
		t.Errorf("restore while another process has the database open: %v, want ErrInUse", err)
	}
	stdin.Close() // the child closes the database and ends
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the child: %v", err)
	}
	if _, err := restoreInto(backup, db); err != nil {
		t.Errorf("restore once the other process closed: %v", err)
	}
}

// TestOpenWaitsForARestoreUnderWay: a Store opened while a restore holds
// the users' lock opens once it is done, and so opens what it put there.
func TestOpenWaitsForARestoreUnderWay(t *testing.T) {
	fileOnly(t)
	db := filepath.Join(t.TempDir(), FileName)
	restoring, err := excludeUsers(db)
	if err != nil {
		t.Fatal(err)
	}
	opened := make(chan *Store)
	go func() {
		s, err := Open(db)
		if err != nil {
			t.Error(err)
		}
		opened <- s
	}()
	select {
	case s := <-opened:
		t.Errorf("opened while the restore held the lock")
		if s != nil {
			s.Close()
		}
		restoring.release()
		return
	case <-time.After(200 * time.Millisecond): // still waiting, as it should
	}
	restoring.release()
	if s := <-opened; s != nil {
		s.Close()
	}
}

// TestUsersLockFileGoesWithItsLastHolder: the users' lock file is there
// while anyone has the database open, and goes with the last to close it,
// so a database no one has open has nothing new beside it.
func TestUsersLockFileGoesWithItsLastHolder(t *testing.T) {
	fileOnly(t)
	db := filepath.Join(t.TempDir(), FileName)
	exists := func() bool { _, err := os.Stat(db + usersLockSuffix); return err == nil }
	a, b := openAt(t, db), openAt(t, db)
	if !exists() {
		t.Fatal("no lock file while the database is open")
	}
	a.Close()
	if !exists() {
		t.Error("the lock file went while the database was still open")
	}
	if _, err := excludeUsers(db); !errors.Is(err, ErrInUse) {
		t.Errorf("restore's lock with one Store still open: %v", err)
	}
	b.Close()
	if exists() {
		t.Error("the lock file stayed after the last Store closed")
	}
	u, err := excludeUsers(db)
	if err != nil {
		t.Fatal(err)
	}
	u.release()
	if exists() {
		t.Error("the lock file stayed after a restore's lock")
	}
}
