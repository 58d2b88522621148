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

const limitEnv = "SOLEMATE_TEST_FILE_LIMIT"

// RunLimited runs the calling test again in a new process of the test
// binary, where no file can grow past limit bytes (a write past it fails,
// as on a full disk), and returns its exit code and stderr. In that
// process Limited returns args.
func RunLimited(t testing.TB, limit int64, args ...string) (code int, stderr string) {
	t.Helper()
	top, _, _ := strings.Cut(t.Name(), "/")
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^" + top + "$", "-test.count=1", "--"}, args...)...)
	cmd.Env = append(os.Environ(), limitEnv+"="+strconv.FormatInt(limit, 10))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), errb.String()
	case err != nil:
		t.Fatalf("run %s with a file size limit: %v", top, err)
	}
	return 0, errb.String()
}

// Limited tells whether this process is one RunLimited started; if so, it
// sets the file size limit and returns the arguments it was given. The
// test should then do what they say and end the process with os.Exit.
func Limited(t testing.TB) (args []string, ok bool) {
	limit, err := strconv.ParseUint(os.Getenv(limitEnv), 10, 64)
	if err != nil {
		return nil, false
	}
	// Go ignores SIGXFSZ, so the write that passes the limit fails with EFBIG.
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatalf("file size limit: %v", err)
	}
	return flag.Args(), true
}
