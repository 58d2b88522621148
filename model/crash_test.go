package model

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCrashWriter is not a test of its own: TestCrashSafety runs the test
// binary again with SOLEMATE_CRASH_DB set, and this writer saves one-on-one
// items, printing each ID once its transaction has committed, until killed.
func TestCrashWriter(t *testing.T) {
	fileOnly(t)
	path := os.Getenv("SOLEMATE_CRASH_DB")
	if path == "" {
		t.Skip("run by TestCrashSafety")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	p := Person{Name: "Crash Person"}
	if err := s.SavePerson(&p); err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		o, err := s.StartOneOnOne(p.ID, time.Now(), MeetingSettingDesk)
		if err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		it, err := s.AddItem(o.ID, HeadingObstacles, "item "+strconv.Itoa(i), i%2 == 0)
		if err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(out, "committed", it.ID)
		out.Flush()
	}
}

// crashKills is how many times TestCrashSafety kills the writer;
// make crashtest raises it with SOLEMATE_CRASH_KILLS.
func crashKills() int {
	if n, err := strconv.Atoi(os.Getenv("SOLEMATE_CRASH_KILLS")); err == nil && n > 0 {
		return n
	}
	return 15
}

// TestCrashSafety kills a writer with SIGKILL at random moments. After every
// kill the database opens, passes integrity and foreign-key checks, and holds
// every item the writer reported as committed.
func TestCrashSafety(t *testing.T) {
	fileOnly(t)
	if testing.Short() {
		t.Skip("kills processes")
	}
	path := filepath.Join(t.TempDir(), FileName)
	rng := rand.New(rand.NewPCG(7, 11))
	var committed []uint
	for kill := 0; kill < crashKills(); kill++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$", "-test.count=1")
		cmd.Env = append(os.Environ(), "SOLEMATE_CRASH_DB="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the first commit, then kill somewhere in the next moments.
		first, ok := <-lines
		if !ok || !strings.HasPrefix(first, "committed ") {
			_ = cmd.Process.Kill()
			t.Fatalf("kill %d: the writer did not start: %q", kill, first)
		}
		time.Sleep(time.Duration(rng.IntN(60)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		for _, l := range append([]string{first}, drain(lines)...) {
			if id, err := strconv.Atoi(strings.TrimPrefix(l, "committed ")); err == nil {
				committed = append(committed, uint(id))
			}
		}
		checkAfterCrash(t, path, committed, kill)
	}
}

func drain(lines <-chan string) []string {
	var out []string
	for l := range lines {
		out = append(out, l)
	}
	return out
}

func checkAfterCrash(t *testing.T, path string, committed []uint, kill int) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("kill %d: the database does not open: %v", kill, err)
	}
	defer s.Close()
	var integrity string
	if err := s.db.Raw("PRAGMA integrity_check").Scan(&integrity).Error; err != nil || integrity != "ok" {
		t.Fatalf("kill %d: integrity %q, %v", kill, integrity, err)
	}
	var violations []map[string]any
	if err := s.db.Raw("PRAGMA foreign_key_check").Scan(&violations).Error; err != nil || len(violations) > 0 {
		t.Fatalf("kill %d: foreign keys %v, %v", kill, violations, err)
	}
	var found int64
	if err := s.db.Model(&Item{}).Where("id IN ?", committed).Count(&found).Error; err != nil {
		t.Fatal(err)
	}
	if int(found) != len(committed) {
		t.Fatalf("kill %d: %d of %d committed items survived", kill, found, len(committed))
	}
}
