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

// TestCLIRestoreRefusedWhileOpen: another process holds the database's
// instance lock (a window), or has the database open without it (a second
// window, told the first is open, or an import or demo under way); restore
// exits 1, says why, and leaves the database and its WAL untouched. Once
// that process lets go, the restore goes ahead. (A second window once lost
// what it saved after such a restore.)
func TestCLIRestoreRefusedWhileOpen(t *testing.T) {
	if args, ok := filetest.Child(t); ok {
		os.Exit(holdUntilEOF(args[0], args[1]))
	}
	for _, tt := range []struct{ holder, says, refusal string }{
		{"a window", "locked", "close it"},
		{"a second window or a command", "open", "open in a Solemate window or command"},
	} {
		t.Run(tt.holder, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "s.db")
			backup := filepath.Join(dir, "backup.db")
			for _, args := range [][]string{{"demo", "--people", "6"}, {"backup", backup}} {
				if code, _, errs, _ := runCLI(t, nil, append(args, "--db", db)...); code != 0 {
					t.Fatal(errs)
				}
			}
			holder := holdLockAs(t, db, tt.says)
			before := fileBytes(t, db, db+"-wal")
			code, _, errs, _ := runCLI(t, nil, "restore", backup, "--db", db)
			if code != 1 || !strings.Contains(errs, tt.refusal) || !strings.Contains(errs, "try again") {
				t.Errorf("restore while open: exit %d, %q", code, errs)
			}
			if fileBytes(t, db, db+"-wal") != before {
				t.Error("a refused restore changed the database")
			}
			holder()
			if code, _, errs, _ := runCLI(t, nil, "restore", backup, "--db", db); code != 0 {
				t.Errorf("restore once it was let go: exit %d, %s", code, errs)
			}
		})
	}
}

// holdUntilEOF is holdLockAs's child: it takes db's instance lock, as a
// window does ("locked"), or has db open, as a second window or a command
// does ("open"), says which, and holds on until its stdin closes.
func holdUntilEOF(db, what string) int {
	var release func()
	if what == "locked" {
		lock, err := model.LockInstance(db)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		release = lock.Release
	} else {
		s, err := model.Open(db)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		release = func() { _ = s.Close() }
	}
	defer release()
	fmt.Println(what)
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

func fileBytes(t *testing.T, paths ...string) string {
	t.Helper()
	var all strings.Builder
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		all.WriteString(p + "\n" + string(data) + "\n")
	}
	return all.String()
}

// TestCLIRestoreOverADamagedDatabase: a damaged database points to restore,
// and restore replaces it, keeping its bytes.
func TestCLIRestoreOverADamagedDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	backup := filepath.Join(dir, "backup.db")
	for _, args := range [][]string{{"demo", "--people", "6"}, {"backup", backup}} {
		if code, _, errs, _ := runCLI(t, nil, append(args, "--db", db)...); code != 0 {
			t.Fatal(errs)
		}
	}
	damaged := []byte(strings.Repeat("damaged ", 4096))
	if err := os.WriteFile(db, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs, _ := runCLI(t, nil, "export", "people", "--db", db); code != 1 || !strings.Contains(errs, "solemate restore") {
		t.Fatalf("export from the damaged database: exit %d, %q", code, errs)
	}
	code, out, errs, _ := runCLI(t, nil, "restore", backup, "--db", db)
	_, kept, found := strings.Cut(strings.TrimSpace(out), "the database it replaced is kept as ")
	if code != 0 || !found {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errs)
	}
	if data, _ := os.ReadFile(kept); string(data) != string(damaged) {
		t.Errorf("the damaged database was not kept as it was (%d bytes)", len(data))
	}
	if code, out, errs, _ := runCLI(t, nil, "export", "people", "--db", db); code != 0 || strings.Count(out, "\n") != 7 {
		t.Errorf("after the restore: exit %d, %s\n%s", code, errs, out)
	}
}

// TestCLIFailedWritesLeaveNothing: a backup, restore or export that fails
// part-way (its files cannot grow past a limit, as on a full disk) exits 1
// and leaves no empty or partial file; a restore leaves the database as it
// was.
func TestCLIFailedWritesLeaveNothing(t *testing.T) {
	if args, ok := filetest.Child(t); ok {
		c := &cli{stdout: os.Stdout, stderr: os.Stderr, getenv: func(string) string { return "" },
			defaultDB: func() (string, error) { return "", os.ErrNotExist }}
		os.Exit(c.run(args))
	}
	dir := t.TempDir()
	db, empty := filepath.Join(dir, "s.db"), filepath.Join(dir, "empty.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "24", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	s, err := model.Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	small, big := fileSize(t, empty), fileSize(t, db)
	// The last case's limit falls between the two sizes, so the copy of
	// the database a restore keeps cannot fit; 64 KiB apart is plenty.
	if big < small+64<<10 {
		t.Fatalf("the demo database (%d bytes) should be larger than an empty one (%d)", big, small)
	}
	tests := []struct {
		name  string
		limit int64 // bytes a file may grow to
		args  []string
		// OUT stands for the file the command writes, in a folder of its own
	}{
		{"backup", 64 << 10, []string{"backup", "OUT"}},
		{"export to --output", 16 << 10, []string{"export", "oneonones", "--include-private", "--output", "OUT"}},
		{"restore, reading the backup", 64 << 10, []string{"restore", db}},
		{"restore, keeping the database it replaces", (small + big) / 2, []string{"restore", empty}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			target := filepath.Join(work, "current.db")
			if code, _, errs, _ := runCLI(t, nil, "backup", target, "--db", db); code != 0 {
				t.Fatal(errs)
			}
			before := fileBytes(t, target)
			var args []string
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "OUT", filepath.Join(work, "out")))
			}
			code, stderr := filetest.RunLimited(t, tt.limit, append(args, "--db", target)...)
			if code != 1 || !strings.Contains(stderr, "file too large") {
				t.Errorf("exit %d: %s", code, stderr)
			}
			if tt.args[0] == "restore" && fileBytes(t, target) != before {
				t.Error("the database changed")
			}
			for _, folder := range []string{work, filepath.Join(work, "backups"), model.BackupDir(target)} {
				entries, _ := os.ReadDir(folder)
				for _, e := range entries {
					if !strings.HasPrefix(e.Name(), "current.db") && e.Name() != "backups" && e.Name() != "current" { // the database's own files
						t.Errorf("left behind: %s", filepath.Join(folder, e.Name()))
					}
				}
			}
		})
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// holdLockAs starts filetest's child of the running test with db (one that
// takes a lock, or opens the database) and returns once it says want;
// calling the result ends it.
func holdLockAs(t *testing.T, db, want string) (release func()) {
	t.Helper()
	cmd := filetest.Command(t, db, want)
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
