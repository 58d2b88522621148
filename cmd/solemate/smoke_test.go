package main

import (
	"context"
	"database/sql"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"solemate/model"
)

// TestSmokeRealWindow builds the real binary, fills a new database with
// demo data through the command line, starts the app on it under Xvfb,
// waits for the "Solemate" window, checks a screenshot is not blank, then
// goes to One-on-ones (Ctrl+3), picks the first report and starts a
// one-on-one (Ctrl+N), and checks that window too. make test sets
// SOLEMATE_SMOKE=1 (and installs Xvfb, xdotool and ImageMagick); without it
// the test is skipped.
func TestSmokeRealWindow(t *testing.T) {
	needSmoke(t, "import")
	dir := t.TempDir()
	bin := buildBinary(t, dir, "solemate", ".")
	display := startXvfb(t)

	db := filepath.Join(dir, "data", "smoke.db")
	if out, err := exec.Command(bin, "demo", "--people", "12", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, bin, "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	logPath := filepath.Join(dir, "app.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	app.Stdout, app.Stderr = logFile, logFile
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = app.Wait()
	}()

	wid := waitForWindow(t, display, "^Solemate", 60*time.Second, logPath)
	time.Sleep(time.Second) // let the first frames draw
	screenshot(t, display, wid, filepath.Join(dir, "people.png"))

	xdo := func(args ...string) { xdotool(t, display, args...) }
	xdo("key", "--window", wid, "Escape") // puts "Who are you?" off, as Later does
	xdo("key", "--window", wid, "ctrl+3")
	// xdotool matches titles as bytes: no em dash in these patterns.
	waitForWindow(t, display, "One-on-ones$", 20*time.Second, logPath)
	time.Sleep(500 * time.Millisecond)
	xdo("mousemove", "--window", wid, "260", "140", "click", "1") // the first report
	time.Sleep(500 * time.Millisecond)
	xdo("key", "--window", wid, "ctrl+n")
	waitForWindow(t, display, "One-on-one with ", 20*time.Second, logPath)
	time.Sleep(500 * time.Millisecond)
	screenshot(t, display, wid, filepath.Join(dir, "oneonone.png"))
	// The app's first start of the day leaves a backup beside the database.
	backups, _ := filepath.Glob(filepath.Join(model.BackupDir(db), "solemate-*.db"))
	if len(backups) != 1 {
		t.Errorf("daily backups after start: %v", backups)
	}
	for path, want := range map[string]os.FileMode{db: 0o600, filepath.Dir(db): 0o700} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v, want mode %o", path, fi, want)
		}
	}
}

// needSmoke skips unless make test asked for real-window tests, and fails
// when the tools they need are missing.
func needSmoke(t *testing.T, tools ...string) {
	t.Helper()
	if os.Getenv("SOLEMATE_SMOKE") != "1" {
		t.Skip("set SOLEMATE_SMOKE=1 to run the real-window test (make test does)")
	}
	needTools(t, tools...)
}

// TestSmokeNoNetwork starts the app under strace and checks it opens no
// network connection: the only sockets are local (the X display, the name
// service cache).
func TestSmokeNoNetwork(t *testing.T) {
	needSmoke(t, "strace")
	dir := t.TempDir()
	bin := buildBinary(t, dir, "solemate", ".")
	display := startXvfb(t)
	trace := filepath.Join(dir, "connect.log")
	logPath := filepath.Join(dir, "app.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	app := exec.Command("strace", "-f", "-e", "trace=connect", "-o", trace, bin, "--db", filepath.Join(dir, "net.db"))
	app.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
	app.Stdout, app.Stderr = logFile, logFile
	app.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = syscall.Kill(-app.Process.Pid, syscall.SIGKILL) // strace and the app it runs
		_ = app.Wait()
	}()
	waitForWindow(t, display, "^Solemate", 60*time.Second, logPath)
	time.Sleep(2 * time.Second) // let start-up work (backup, notifications) happen
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, "connect(") && (strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_INET6")) {
			t.Errorf("a network connection: %s", line)
		}
	}
	if !strings.Contains(string(data), ".X11-unix") {
		t.Errorf("strace saw no connection at all; is it tracing the app?\n%s", data)
	}
}

// screenshot saves the window to path and fails if it looks blank.
// screenshot saves the window to path once it has drawn: a busy machine
// may take seconds for the first frames, so a blank window is only a
// failure when it stays blank.
func screenshot(t *testing.T, display, wid, path string) {
	t.Helper()
	colours := 0
	for deadline := time.Now().Add(30 * time.Second); colours < 16 && time.Now().Before(deadline); {
		imp := exec.Command("import", "-window", wid, path)
		imp.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := imp.CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		if colours = distinctColours(t, path); colours < 16 {
			time.Sleep(500 * time.Millisecond)
		}
	}
	if colours < 16 {
		t.Errorf("%s has only %d colours: the window looks blank", filepath.Base(path), colours)
	}
}

func distinctColours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	seen := map[string]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[fmt.Sprint(r>>8, g>>8, bl>>8)] = true
		}
	}
	return len(seen)
}

// TestSmokeSignalSavesTyping starts a one-on-one in the real window, types
// its first item without pressing Enter, and ends the app with each of
// SIGTERM, SIGINT and SIGHUP (a logout, kill, Ctrl+C): the app saves what
// closing the window saves, the item is in the database, and it exits 0.
func TestSmokeSignalSavesTyping(t *testing.T) {
	needSmoke(t)
	dir := t.TempDir()
	bin := buildBinary(t, dir, "solemate", ".")
	display := startXvfb(t)
	db := filepath.Join(dir, "data", "signal.db")
	if out, err := exec.Command(bin, "demo", "--people", "12", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			app := exec.Command(bin, "--db", db)
			app.Env = append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8")
			logPath := filepath.Join(dir, "app.log")
			logFile, err := os.Create(logPath)
			if err != nil {
				t.Fatal(err)
			}
			defer logFile.Close()
			app.Stdout, app.Stderr = logFile, logFile
			if err := app.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- app.Wait() }()
			defer func() {
				_ = app.Process.Kill()
				<-exited
			}()

			wid := waitForWindow(t, display, "^Solemate", 60*time.Second, logPath)
			xdo := func(args ...string) { xdotool(t, display, args...) }
			time.Sleep(time.Second) // "Who are you?" opens once the window is up
			xdo("key", "--window", wid, "Escape")
			xdo("key", "--window", wid, "ctrl+3")
			waitForWindow(t, display, "One-on-ones$", 20*time.Second, logPath)
			time.Sleep(500 * time.Millisecond)
			xdo("mousemove", "--window", wid, "260", "140", "click", "1") // a report
			time.Sleep(500 * time.Millisecond)
			xdo("key", "--window", wid, "ctrl+n") // starts a one-on-one, the cursor in its first item
			waitForWindow(t, display, "One-on-one with ", 20*time.Second, logPath)
			typed := "Typed before " + sig.String()
			xdo("type", "--window", wid, "--delay", "20", typed)
			time.Sleep(300 * time.Millisecond) // the X server has handed the keys over
			if err := app.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-exited:
				exited <- err // for the deferred wait
				if err != nil {
					log, _ := os.ReadFile(logPath)
					t.Fatalf("after %v the app exited with %v:\n%s", sig, err, log)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("the app did not exit after %v", sig)
			}

			sqldb, err := sql.Open("sqlite3", model.DSN(db))
			if err != nil {
				t.Fatal(err)
			}
			defer sqldb.Close()
			var n int
			if err := sqldb.QueryRow("SELECT count(*) FROM one_on_one_items WHERE text = ?", typed).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				log, _ := os.ReadFile(logPath)
				t.Errorf("%q was lost when the app got %v (%d stored); the app said:\n%s", typed, sig, n, log)
			}
		})
	}
}
