package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/filetest"
)

// TestCLIRestoreRefusedWhileASecondWindowHasItOpen: another process has the
// database open without the window lock, as a second window does (told the
// first is open) or an import or demo under way; restore exits 1, says the
// database is open, and leaves it untouched. Once that process closes it,
// the restore goes ahead. (The adversary's window 2 lost what it saved
// after such a restore.)
func TestCLIRestoreRefusedWhileASecondWindowHasItOpen(t *testing.T) {
	if args, ok := filetest.Child(t); ok {
		os.Exit(holdOpenUntilEOF(args[0]))
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	backup := filepath.Join(dir, "backup.db")
	for _, args := range [][]string{{"demo", "--people", "6"}, {"backup", backup}} {
		if code, _, errs, _ := runCLI(t, nil, append(args, "--db", db)...); code != 0 {
			t.Fatal(errs)
		}
	}
	holder := holdLockAs(t, db, "open")
	before := fileBytes(t, db, db+"-wal")
	code, _, errs, _ := runCLI(t, nil, "restore", backup, "--db", db)
	if code != 1 || !strings.Contains(errs, "open in a Solemate window or command") || !strings.Contains(errs, "try again") {
		t.Errorf("restore while open: exit %d, %q", code, errs)
	}
	if fileBytes(t, db, db+"-wal") != before {
		t.Error("a refused restore changed the database")
	}
	holder()
	if code, _, errs, _ := runCLI(t, nil, "restore", backup, "--db", db); code != 0 {
		t.Errorf("restore once the second window closed: exit %d, %s", code, errs)
	}
}

// holdLockAs starts filetest's child of the running test with db (one that
// takes a lock, or opens the database) and returns once it says want;
// calling the result ends it.
func holdLockAs(t *testing.T, db, want string) (release func()) {
	t.Helper()
	cmd := filetest.Command(t, db)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != want+"\n" {
		stdin.Close()
		_ = cmd.Wait()
		t.Fatalf("the child said %q, %v", line, err)
	}
	release = func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("the child: %v", err)
		}
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			release()
		}
	})
	return release
}

// holdOpenUntilEOF has db open, as a second window does, until its stdin
// closes.
func holdOpenUntilEOF(db string) int {
	s, err := model.Open(db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	fmt.Println("open")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}
