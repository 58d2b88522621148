//go:build unix

package filetest

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

const (
	childEnv = "SOLEMATE_TEST_CHILD"
	limitEnv = "SOLEMATE_TEST_FILE_LIMIT"
)

// Command is the calling test run again in a new process of the test
// binary, not yet started; in it, Child returns args.
func Command(t testing.TB, args ...string) *exec.Cmd {
	top, _, _ := strings.Cut(t.Name(), "/")
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^" + top + "$", "-test.count=1", "--"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

// RunLimited runs Command's process where no file can grow past limit
// bytes (a write past it fails, as on a full disk), and returns its exit
// code and stderr.
func RunLimited(t testing.TB, limit int64, args ...string) (code int, stderr string) {
	t.Helper()
	cmd := Command(t, args...)
	cmd.Env = append(cmd.Env, limitEnv+"="+strconv.FormatInt(limit, 10))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), errb.String()
	case err != nil:
		t.Fatalf("run %s with a file size limit: %v", t.Name(), err)
	}
	return 0, errb.String()
}

// Child tells whether this process is one Command started and returns
// the arguments it was given; under RunLimited it sets the file size limit
// first. The test should then do what they say and end with os.Exit.
func Child(t testing.TB) (args []string, ok bool) {
	if os.Getenv(childEnv) != "1" {
		return nil, false
	}
	if limit, err := strconv.ParseUint(os.Getenv(limitEnv), 10, 64); err == nil {
		// Go ignores SIGXFSZ, so the write that passes the limit fails with EFBIG.
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			t.Fatalf("file size limit: %v", err)
		}
	}
	return flag.Args(), true
}
