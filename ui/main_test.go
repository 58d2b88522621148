package ui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain pins the local zone so times in golden files read the same on
// every machine.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Setenv("TZ", "UTC") // the working week's default zone is named from it
	os.Exit(m.Run())
}

// fixedNow pins "today" so dates in golden files never drift.
var fixedNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

// newTestShell opens the app shell on a fresh database, loading data
// synchronously so tests see the result at once.
func newTestShell(t *testing.T) (*shell, *model.Store) {
	t.Helper()
	test.NewTempApp(t)
	return newTestShellIn(t, test.NewTempWindow(t, nil))
}

// newTestShellIn is newTestShell in a given window, for tests that close it.
func newTestShellIn(t *testing.T, w fyne.Window) (*shell, *model.Store) {
	t.Helper()
	store := openTestStore(t, filepath.Join(t.TempDir(), model.FileName))
	return newTestShellOn(t, w, store), store
}

// newTestShellClosing is newTestShell for a test whose action may close the
// window itself (closes); otherwise the test closes it when it ends.
func newTestShellClosing(t *testing.T, closes bool) (*shell, *model.Store) {
	t.Helper()
	test.NewTempApp(t)
	s, store := newTestShellIn(t, test.NewWindow(nil))
	if !closes {
		t.Cleanup(s.win.Close)
	}
	return s, store
}

// openTestStore opens a database for a test shell, with "today" pinned.
func openTestStore(t testing.TB, path string) *model.Store {
	t.Helper()
	store, err := model.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	store.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { _ = store.Close() })
	return store
}

// onUI marks the store a test shell's screens hold. The loader reads
// through a store of its own (fetch), so a read through this one is a
// screen reading on the UI goroutine, where a slow query freezes the window.
type onUI struct{}

// newTestShellOn opens the app shell in w on an open store. A read the
// screens make on the UI goroutine fails the test; the test's own reads
// through store do not count.
func newTestShellOn(t testing.TB, w fyne.Window, store *model.Store) *shell {
	t.Helper()
	store.OnRead(func(ctx context.Context) {
		if ctx.Value(onUI{}) != nil {
			t.Errorf("a screen read the store on the UI goroutine instead of through fetch:\n%s", debug.Stack())
		}
	})
	onUIStore := store.WithContext(context.WithValue(context.Background(), onUI{}, true))
	s := newShell(w, onUIStore, Info{Version: "1.2.3", Build: 4}, func(f func()) { f() })
	s.undoFor = time.Hour
	w.Resize(fyne.NewSize(1000, 640))
	return s
}

// assertGolden compares the window's markup with testdata/NAME; -update
// rewrites it. A mismatch leaves the new markup in testdata/failed/.
func assertGolden(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	got := test.RenderToMarkup(c)
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file missing (run go test ./ui -update): %v", err)
	}
	if string(want) != got {
		failed := filepath.Join("testdata", "failed", name)
		_ = os.MkdirAll(filepath.Dir(failed), 0o755)
		_ = os.WriteFile(failed, []byte(got), 0o644)
		t.Errorf("%s differs from the golden file; see %s", name, failed)
	}
}
