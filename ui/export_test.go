package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/filetest"
)

// TestExportsArePrivateFromTheFirstByte: the save dialog makes the chosen
// file with the umask (022 here) before the export writes; the export must
// never put a byte into a file others can read, and ends 0600.
func TestExportsArePrivateFromTheFirstByte(t *testing.T) {
	test.NewTempApp(t)
	store := openTestStore(t, filepath.Join(t.TempDir(), model.FileName))
	if err := store.SavePerson(&model.Person{Name: "Ana Private"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		existing string // what the file held before, "" when it was new
	}{
		{"a new file", ""},
		{"over an older export", "an older export of private notes\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "people.md")
			old := syscall.Umask(0o022)
			if tt.existing != "" {
				if err := os.WriteFile(path, []byte(tt.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			w, err := storage.Writer(storage.NewFileURI(path)) // what the dialog hands over
			syscall.Umask(old)
			if err != nil {
				t.Fatal(err)
			}
			stop := filetest.Watch(t, dir)
			err = saveExport(w, func(w io.Writer, ext string) error {
				return export.People(store, w, export.FormatMarkdown)
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, problem := range stop() {
				t.Errorf("readable by others: %s", problem)
			}
			fi, err := os.Stat(path)
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("%v, %v", fi.Mode(), err)
			}
			if data, _ := os.ReadFile(path); len(data) == 0 || string(data) == tt.existing {
				t.Errorf("the export was not written: %q", data)
			}
		})
	}
}

// TestCopyAndMoveArePrivateFromTheFirstByte: Settings → Copy to… and
// Move to… write a copy no one else can read at any moment.
func TestCopyAndMoveArePrivateFromTheFirstByte(t *testing.T) {
	for _, move := range []bool{false, true} {
		test.NewTempApp(t)
		w := test.NewWindow(nil) // a move closes it itself
		if !move {
			t.Cleanup(w.Close)
		}
		s, _ := newTestShellIn(t, w)
		dir := t.TempDir()
		stop := filetest.Watch(t, dir)
		s.copyDatabaseTo(dir, move)
		for _, problem := range stop() {
			t.Errorf("move %v: readable by others: %s", move, problem)
		}
		copies, _ := filepath.Glob(filepath.Join(dir, "*.db"))
		if len(copies) != 1 {
			t.Fatalf("move %v: %v", move, copies)
		}
		if fi, err := os.Stat(copies[0]); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("move %v: %v, %v", move, fi.Mode(), err)
		}
	}
}

// TestFailedExportLeavesNoFile: an export that fails part-way leaves
// nothing where it was to go, not even the empty file the dialog made.
func TestFailedExportLeavesNoFile(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "people.md")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	err = saveExport(w, func(w io.Writer, ext string) error {
		if _, err := io.WriteString(w, "half an export"); err != nil {
			return err
		}
		return full
	})
	if !errors.Is(err, full) {
		t.Errorf("error %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestTwoCopiesInOneMinute: Copy to… names the copy by the minute; a second
// copy in the same minute gets a name of its own instead of failing.
func TestTwoCopiesInOneMinute(t *testing.T) {
	s, _ := newTestShell(t)
	dir := t.TempDir()
	for i := range 2 {
		s.copyDatabaseTo(dir, false)
		if markupContains(t, s, "Could not copy") {
			t.Fatalf("copy %d failed", i+1)
		}
	}
	if copies, _ := filepath.Glob(filepath.Join(dir, "solemate-copy-*.db")); len(copies) != 2 {
		t.Errorf("copies: %v", copies)
	}
}
