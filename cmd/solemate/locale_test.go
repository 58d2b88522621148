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
	if logged := withoutPreferencesRace(out.String()); strings.Contains(logged, "Fyne error") {
		t.Errorf("the window logged:\n%s", logged)
	}
}

// withoutPreferencesRace drops what Fyne logs when its preferences file
// watcher reads the file while the quit rewrites it (it trusts 100 ms to
// cover its own write; a loaded machine takes longer): "Preferences load
// error" with its cause and place, nothing about the locale.
func withoutPreferencesRace(log string) string {
	lines := strings.Split(log, "\n")
	kept := lines[:0]
	for i := 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "Fyne error:  Preferences load error:") {
			i += 2 // its "Cause:" and "At:" lines
			continue
		}
		kept = append(kept, lines[i])
	}
	return strings.Join(kept, "\n")
}

func TestWithoutPreferencesRaceKeepsOtherErrors(t *testing.T) {
	log := "2026/12/05 21:54:26 Fyne error:  Preferences load error:\n2026/12/05 21:54:26   Cause: EOF\n2026/12/05 21:54:26   At: preferences.go:103\n" +
		"2026/12/05 21:54:27 Fyne error:  Failed to set locale\n"
	got := withoutPreferencesRace(log)
	if strings.Contains(got, "Preferences") || !strings.Contains(got, "Failed to set locale") {
		t.Errorf("kept %q", got)
	}
}
