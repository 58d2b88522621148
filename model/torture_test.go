package model

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"solemate/model/filetest"
)

// TestRestoreTorture kills restores with SIGKILL at random moments, over a
// database with commits still in its WAL. After each kill the database
// opens intact, either whole as it was or as the backup, and no file is
// readable by others. It runs with SOLEMATE_TORTURE=1 (make torture), for
// SOLEMATE_TORTURE_ROUNDS rounds (200).
func TestRestoreTorture(t *testing.T) {
	fileOnly(t)
	if args, ok := filetest.Child(t); ok {
		fmt.Println("restoring")
		if _, err := restoreInto(args[0], args[1]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if os.Getenv("SOLEMATE_TORTURE") != "1" {
		t.Skip("a long attack: SOLEMATE_TORTURE=1 (make torture)")
	}
	rounds := 200
	if n, err := strconv.Atoi(os.Getenv("SOLEMATE_TORTURE_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	s, err := Open(filepath.Join(dir, "source.db"))
	must(t, err)
	must(t, s.SavePerson(&Person{Name: "From The Backup"}))
	must(t, s.CopyTo(backup))
	s.Close()
	// The database restored over: one person in its main file, two more
	// only in its WAL, as a window that was killed leaves it.
	template := filepath.Join(dir, "template.db")
	s, err = Open(filepath.Join(dir, "running.db"))
	must(t, err)
	must(t, s.SavePerson(&Person{Name: "In The Main File"}))
	must(t, s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error)
	must(t, s.SavePerson(&Person{Name: "In The WAL"}))
	must(t, s.SavePerson(&Person{Name: "Also In The WAL"}))
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(filepath.Join(dir, "running.db") + suffix)
		must(t, err)
		must(t, os.WriteFile(template+suffix, data, 0o600))
	}
	s.Close()
	whole, restored := []string{"Also In The WAL", "In The Main File", "In The WAL"}, []string{"From The Backup"}

	restore := func(kill time.Duration) string {
		work := t.TempDir()
		current := filepath.Join(work, FileName)
		for _, suffix := range []string{"", "-wal"} {
			data, _ := os.ReadFile(template + suffix)
			must(t, os.WriteFile(current+suffix, data, 0o600))
		}
		cmd := filetest.Command(t, backup, current)
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		if line, err := bufio.NewReader(out).ReadString('\n'); line != "restoring\n" {
			t.Fatalf("the restore did not start: %q, %v", line, err)
		}
		time.Sleep(kill)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		return current
	}
	rng := rand.New(rand.NewPCG(3, 5))
	seen := map[string]int{}
	for round := range rounds {
		// A restore of this size takes some 100 ms on a laptop.
		current := restore(time.Duration(rng.IntN(300)) * time.Millisecond)
		names := peopleIn(t, current)
		switch {
		case slices.Equal(names, whole):
			seen["as it was"]++
		case slices.Equal(names, restored):
			seen["restored"]++
		default:
			t.Fatalf("round %d: the database holds %v", round, names)
		}
		for _, folder := range []string{filepath.Dir(current), BackupDir(current)} {
			entries, _ := os.ReadDir(folder)
			for _, e := range entries {
				if fi, err := e.Info(); err == nil && fi.Mode().Perm()&0o077 != 0 {
					t.Errorf("round %d: %s is %v", round, e.Name(), fi.Mode())
				}
			}
		}
	}
	t.Logf("after %d kills: %v", rounds, seen)
}

// peopleIn opens the database at path and lists its people by name,
// failing the test if it does not open intact.
func peopleIn(t *testing.T, path string) []string {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("%s does not open: %v", path, err)
	}
	defer s.Close()
	var check string
	if err := s.db.Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
		t.Fatalf("%s: integrity %q, %v", path, check, err)
	}
	rows, err := s.People(true)
	must(t, err)
	var names []string
	for _, p := range rows {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	return names
}
