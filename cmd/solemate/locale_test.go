package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
