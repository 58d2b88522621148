package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBinary runs the built binary with env (DISPLAY and WAYLAND_DISPLAY
// unset unless env sets them) and returns its exit code and stderr.
func runBinary(t *testing.T, bin string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=en_US.UTF-8")
	cmd.Env = append(cmd.Env, env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stderr.String()
	}
	t.Fatal(err)
	return 0, ""
}

// TestBinaryWithoutDisplay: without a graphical session the window says in
// one line why it cannot open, exits 1 and leaves nothing behind; the
// command line works as ever.
func TestBinaryWithoutDisplay(t *testing.T) {
	bin := buildBinary(t, t.TempDir(), "solemate", ".")
	tests := []struct {
		name   string
		env    []string
		args   []string
		code   int
		stderr string // the last line's words
	}{
		{"no display", nil, nil, 1, "the window needs a graphical session"},
		{"a display that cannot be reached", []string{"DISPLAY=:4097"}, nil, 1, "the window needs a graphical session"},
		{"a Wayland session without X", []string{"WAYLAND_DISPLAY=wayland-4097"}, nil, 1, "the window needs a graphical session"},
		{"the command line", nil, []string{"help"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			code, stderr := runBinary(t, bin, tt.env, append(tt.args, "--db", db)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, tt.stderr) || (tt.code != 0 && !strings.Contains(last, "solemate help")) {
				t.Errorf("last line of stderr %q does not say %q and point to solemate help", last, tt.stderr)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Errorf("a stack trace:\n%s", stderr)
			}
			if _, err := os.Stat(db); tt.code != 0 && !os.IsNotExist(err) {
				t.Errorf("a window that could not open left a database: %v", err)
			}
		})
	}
}
