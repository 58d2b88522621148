package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"solemate/model"
	"solemate/model/filetest"
)

// TestCLIPrivateFiles: every file a command writes with the database's data
// in it is readable by the user alone from its first byte, with a umask of
// 022: backups, the copy a restore keeps, exports to --output, and an export
// or search whose output the shell sent to a file.
func TestCLIPrivateFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "24", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	tests := []struct {
		name string
		args []string // FILE stands for a file in the watched folder
	}{
		{"backup", []string{"backup", "FILE"}},
		{"people to --output", []string{"export", "people", "--output", "FILE"}},
		{"one-on-ones to --output", []string{"export", "oneonones", "--include-private", "--output", "FILE"}},
		{"calendar to -o", []string{"export", "calendar", "-o", "FILE"}},
		{"shadowing to --output", []string{"export", "shadowing", "--output=FILE"}},
		{"cohort to --output", []string{"export", "cohort", cohortName(t, db), "--format", "md", "--output", "FILE"}},
		{"one-on-ones sent to a file", []string{"export", "oneonones", "--include-private", ">", "FILE"}},
		{"search sent to a file", []string{"search", "check", "in", "--include-private", ">", "FILE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "out")
			var args []string
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "FILE", file))
			}
			code, errs := runRedirected(t, dir, append(args, "--db", db))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
				t.Errorf("%s: %v, %v", file, fi.Mode(), err)
			}
		})
	}
	t.Run("copy kept by restore", func(t *testing.T) {
		dir := t.TempDir()
		current, backup := filepath.Join(dir, "current.db"), filepath.Join(t.TempDir(), "b.db")
		for _, args := range [][]string{{"backup", current}, {"backup", backup}} {
			if code, _, errs, _ := runCLI(t, nil, append(args, "--db", db)...); code != 0 {
				t.Fatal(errs)
			}
		}
		kept := model.BackupDir(current)
		if err := os.MkdirAll(kept, 0o700); err != nil {
			t.Fatal(err)
		}
		if code, errs := runRedirected(t, kept, []string{"restore", backup, "--db", current}); code != 0 {
			t.Fatalf("restore: %s", errs)
		}
	})
}

// runRedirected runs the command line while watching dir, as a shell would:
// "> FILE" makes FILE with the umask (022) and sends stdout to it. Anything
// in dir that others could read fails the test.
func runRedirected(t *testing.T, dir string, args []string) (code int, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		defaultDB: func() (string, error) { return "", os.ErrNotExist }}
	if i := slices.Index(args, ">"); i >= 0 {
		old := syscall.Umask(0o022)
		f, err := os.OpenFile(args[i+1], os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666)
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		c.stdout = f
		args = append(args[:i:i], args[i+2:]...)
	}
	stop := filetest.Watch(t, dir)
	code = c.run(args)
	for _, problem := range stop() {
		t.Errorf("readable by others: %s", problem)
	}
	return code, errb.String()
}
