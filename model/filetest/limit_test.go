//go:build unix

package filetest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestRunLimited(t *testing.T) {
	if args, ok := Child(t); ok {
		err := os.WriteFile(args[0], make([]byte, 8192), 0o600)
		if err == nil || !strings.Contains(err.Error(), syscall.EFBIG.Error()) {
			os.Exit(2)
		}
		os.Exit(1)
	}
	path := filepath.Join(t.TempDir(), "f")
	if code, stderr := RunLimited(t, 4096, path); code != 1 {
		t.Errorf("exit %d, %s", code, stderr)
	}
	if data, err := os.ReadFile(path); len(data) != 4096 {
		t.Errorf("the file grew to %d bytes (%v), want the limit", len(data), err)
	}
}
