package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// TestMovingTheDatabaseSavesAndClosesTheWindow: Settings → Move to… says
// what it does and, once agreed, saves what is on screen, copies the
// database and closes the window, so nothing is written into the old file
// after the copy (the adversary's TestAdversaryEditsAfterMoveAreLostAtNextStart:
// such edits were lost at the next start, which opens the copy). Cancelling
// copies nothing and leaves the window open.
func TestMovingTheDatabaseSavesAndClosesTheWindow(t *testing.T) {
	for _, tt := range []struct {
		button string
		moves  bool
	}{{"Cancel", false}, {"Move and close", true}} {
		s, _ := newTestShellClosing(t, tt.moves)
		prefs().RemoveValue(PrefDatabase)
		s.open(s.people())
		s.people().newItem()
		test.Type(s.people().form.name, "Typed Before The Move") // not saved yet
		dir := t.TempDir()
		s.confirmMove(dir)
		if !markupContains(t, s, "closes") {
			t.Errorf("%s: the dialog does not say the window closes", tt.button)
		}
		tapButton(t, s.win.Canvas().Overlays().Top(), tt.button)
		moved := prefs().String(PrefDatabase)
		if (moved != "") != tt.moves || s.closeSaved != tt.moves {
			t.Fatalf("%s: database recorded %q, window closed %v", tt.button, moved, s.closeSaved)
		}
		if !tt.moves {
			if left, _ := os.ReadDir(dir); len(left) != 0 {
				t.Errorf("cancelled, yet the folder has %v", left)
			}
			continue
		}
		if moved != filepath.Join(dir, model.FileName) {
			t.Errorf("moved to %q", moved)
		}
		next := openTestStore(t, moved) // the next start
		rows, err := next.People(true)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Name != "Typed Before The Move" {
			t.Errorf("the moved database has %+v, want what was typed before the move", rows)
		}
		prefs().RemoveValue(PrefDatabase)
	}
}

// TestPendingRestoreWaitsWhileAnotherWindowHasTheDatabaseOpen: a restore
// chosen in settings is not made at a start while a second window still has
// the database open (it would go on writing into the replaced file); it
// stays chosen, the start says why, and the next start with the database
// free makes it.
func TestPendingRestoreWaitsWhileAnotherWindowHasTheDatabaseOpen(t *testing.T) {
	s, store := newTestShell(t)
	if err := store.SavePerson(&model.Person{Name: "In The Backup"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if err := store.CopyTo(backup); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.db")
	other, err := model.Open(target) // the second window, still open
	if err != nil {
		t.Fatal(err)
	}
	s.dbPath = target
	s.scheduleRestore(backup)
	t.Cleanup(func() {
		prefs().RemoveValue(prefRestore)
		prefs().RemoveValue(prefRestoreInto)
	})
	if msg := restoreUnderLock(t, target); !strings.Contains(msg, "not restored") || !strings.Contains(msg, "Close every other Solemate window") {
		t.Errorf("message %q", msg)
	}
	if prefs().String(prefRestore) == "" {
		t.Error("the restore was dropped; it should stay chosen")
	}
	other.Close()
	if msg := restoreUnderLock(t, target); !strings.HasPrefix(msg, "Restored backup.db.") {
		t.Errorf("once the other window closed: %q", msg)
	}
	r, err := model.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n, _ := r.CountPeople(); n != 1 {
		t.Errorf("restored database has %d people", n)
	}
}
