// Command solemate is the Solemate desktop app and its command line.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/go-gl/glfw/v3.3/glfw"

	// Before Fyne reads the locale: see the package.
	_ "solemate/cmd/solemate/internal/localeenv"
	"solemate/model"
	"solemate/ui"
)

// The app's identity; FyneApp.toml says the same (a test keeps them in step).
const (
	AppID   = "app.solemate.desktop"
	Version = "0.1.0"
	Build   = 1
)

// Commit is the git commit built from: set by the Makefile with -ldflags,
// else read from the build's VCS stamp, else "".
var Commit string

func commit() string {
	if Commit != "" {
		return Commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return s.Value[:7]
			}
		}
	}
	return ""
}

const (
	defaultDemoPeople = 40
	demoSeed          = 2026
)

func main() {
	var a fyne.App
	fyneApp := func() fyne.App {
		if a == nil {
			app.SetMetadata(fyne.AppMetadata{ID: AppID, Name: "Solemate", Version: Version, Build: Build})
			a = app.NewWithID(AppID)
		}
		return a
	}
	c := &cli{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		defaultDB: func() (string, error) {
			// Settings → Database → Move records where it went.
			if moved := fyneApp().Preferences().String(ui.PrefDatabase); moved != "" {
				return moved, nil
			}
			return filepath.Join(fyneApp().Storage().RootURI().Path(), model.FileName), nil
		},
		gui: func(path string) (err error) {
			if !graphicalSession(os.Getenv) {
				return fmt.Errorf(needDisplay, " (neither DISPLAY nor WAYLAND_DISPLAY is set)")
			}
			// A display that is named but cannot be reached fails in GLFW,
			// which panics when the window is made.
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(*glfw.Error); !ok {
						panic(r)
					}
					err = fmt.Errorf(needDisplay, ", and the display could not be opened")
				}
			}()
			return runWindow(fyneApp(), path, ui.Info{Version: Version, Build: Build, Commit: commit()})
		},
	}
	os.Exit(c.run(os.Args[1:]))
}

const needDisplay = "the window needs a graphical session%s; the command line works without one: solemate help"

// graphicalSession reports whether a window can be shown: on Linux and the
// BSDs only when an X or Wayland display is named.
func graphicalSession(getenv func(string) string) bool {
	switch runtime.GOOS {
	case "darwin", "windows":
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}
