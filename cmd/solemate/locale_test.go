package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"solemate/model"
)

// TestBinaryAnyLocale: whatever the locale, Fyne logs nothing about it,
// on the command line or when the window starts (here without a display,
// which gets as far as the app).
func TestBinaryAnyLocale(t *testing.T) {
	bin := solemateBinary(t)
	locales := [][]string{
		nil, {"LANG="}, {"LANG=C"}, {"LANG=C.UTF-8"}, {"LANG=C.utf8"}, {"LANG=POSIX"}, {"LANG=POSIX.UTF-8"},
		{"LC_ALL=C"}, {"LC_ALL=C.UTF-8", "LANG=de_DE.UTF-8"}, {"LC_MESSAGES=C.UTF-8"}, {"LANG=en_GB.UTF-8"},
	}
	db := filepath.Join(t.TempDir(), "s.db")
	for _, locale := range locales {
		for _, args := range [][]string{{"version"}, {"help"}, {"--db", db}} {
			cmd := exec.Command(bin, args...)
			for _, kv := range os.Environ() {
				name, _, _ := strings.Cut(kv, "=")
				if !strings.HasPrefix(name, "LC_") && name != "LANG" && name != "LANGUAGE" && name != "DISPLAY" && name != "WAYLAND_DISPLAY" {
					cmd.Env = append(cmd.Env, kv)
				}
			}
			cmd.Env = append(cmd.Env, locale...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			_ = cmd.Run() // the window fails without a display; only what is logged counts
			if strings.Contains(stderr.String(), "Fyne error") {
				t.Errorf("%v solemate %v:\n%s", locale, args, stderr.String())
			}
		}
	}
}

// TestSmokeWindowInTheCLocale: the window, under the C locale with a
// codeset, logs nothing about the locale either.
func TestSmokeWindowInTheCLocale(t *testing.T) {
	needSmoke(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	app := exec.Command(solemateBinary(t), "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+startXvfb(t), "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=", "HOME="+dir)
	var out bytes.Buffer
	app.Stdout, app.Stderr = &out, &out
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	// The day's backup follows Today's first load.
	started := func() bool {
		backups, _ := filepath.Glob(filepath.Join(model.BackupDir(db), "solemate-*.db"))
		return len(backups) > 0
	}
	for deadline := time.Now().Add(time.Minute); !started() && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
	}
	_ = app.Process.Signal(syscall.SIGTERM) // it saves and quits
	_ = app.Wait()
	if !started() {
		t.Errorf("Today did not load within a minute; the app said:\n%s", &out)
	}
	if strings.Contains(out.String(), "Fyne error") {
		t.Errorf("the window logged:\n%s", &out)
	}
}
