package main

// Helpers for the tests and benchmarks that run real binaries in a real
// window under Xvfb: the smoke tests (smoke_test.go) and the start-up and
// memory benchmarks (startup_bench_test.go).

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needTools fails when Xvfb, xdotool or one of tools is missing.
func needTools(tb testing.TB, tools ...string) {
	tb.Helper()
	for _, tool := range append([]string{"Xvfb", "xdotool"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Fatalf("%s is missing: run make deps", tool)
		}
	}
}

// buildBinary builds the main package pkg (relative to this folder) into
// dir/name.
func buildBinary(tb testing.TB, dir, name, pkg string) string {
	tb.Helper()
	bin := filepath.Join(dir, name)
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		tb.Fatalf("build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// startXvfb starts a private X server and returns its display name.
func startXvfb(tb testing.TB) string {
	tb.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		tb.Fatal(err)
	}
	w.Close()
	tb.Cleanup(func() {
		_ = x.Process.Kill()
		_ = x.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			tb.Fatal("Xvfb did not report a display")
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		tb.Fatal("Xvfb did not start")
	}
	return ""
}

// waitForWindow waits for a visible window whose title matches the regular
// expression title and returns its id; logPath is the app's output, shown
// when it does not come.
func waitForWindow(tb testing.TB, display, title string, limit time.Duration, logPath string) string {
	tb.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", title)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := cmd.Output(); err == nil {
			if id := strings.Fields(string(out)); len(id) > 0 {
				return id[0]
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	log, _ := os.ReadFile(logPath)
	tb.Fatalf("no window titled %q within %v; the app said:\n%s", title, limit, log)
	return ""
}

// xdotool runs xdotool on display and fails when it does.
func xdotool(tb testing.TB, display string, args ...string) {
	tb.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}
