package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// built is the solemate binary, built once for the tests that run it.
var built struct {
	once      sync.Once
	dir, path string
	err       error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// solemateBinary builds the binary on first use, in a folder anyone may
// read, so a test can run it as another user.
func solemateBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "solemate-bin"); built.err != nil {
			return
		}
		built.path = filepath.Join(built.dir, "solemate")
		if out, err := exec.Command("go", "build", "-o", built.path, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("build: %v\n%s", err, out)
			return
		}
		built.err = os.Chmod(built.dir, 0o755)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// runBinary runs the built binary with env (DISPLAY and WAYLAND_DISPLAY
// unset unless env sets them) and returns its exit code and stderr.
func runBinary(t *testing.T, cmd *exec.Cmd, env []string) (int, string) {
	t.Helper()
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
	bin := solemateBinary(t)
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
			code, stderr := runBinary(t, exec.Command(bin, append(tt.args, "--db", db)...), tt.env)
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

// TestBinaryOutputThatCannotBeWritten: a command whose stdout is a full
// disk exits 1 and says why.
func TestBinaryOutputThatCannotBeWritten(t *testing.T) {
	bin := solemateBinary(t)
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "6", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	for _, args := range [][]string{{"search", "the"}, {"export", "people"}, {"help"}} {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.Stdout = full
		if code, stderr := runBinary(t, cmd, nil); code != 1 || !strings.Contains(stderr, "cannot write the output") {
			t.Errorf("%v > /dev/full: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// TestBinaryReadsReadOnlyDatabase: exports and search read a database its
// user may not write (as nobody when the tests run as root, who writes
// through file modes) and leave nothing beside it.
func TestBinaryReadsReadOnlyDatabase(t *testing.T) {
	bin := solemateBinary(t)
	dir, err := os.MkdirTemp("", "solemate-ro")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "6", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		const nobody = 65534
		cred = &syscall.Credential{Uid: nobody, Gid: nobody}
		if err := os.Chown(dir, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"export", "people"}, {"export", "oneonones", "--format", "csv"}, {"search", "the"}} {
		cmd := exec.Command(bin, append(args, "--db", db)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var out bytes.Buffer
		cmd.Stdout = &out
		if code, stderr := runBinary(t, cmd, nil); code != 0 || out.Len() == 0 {
			t.Errorf("%v: exit %d, %d bytes out, stderr %q", args, code, out.Len(), stderr)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%v left files beside the database: %v", args, names)
		}
	}
}
