package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// TestAfterStartStopsWithTheWindow: the daily backup goes into the
// database's own backups folder, and the hourly notifications stop when
// the window closes.
func TestAfterStartStopsWithTheWindow(t *testing.T) {
	test.NewTempApp(t)
	db := filepath.Join(t.TempDir(), "team.db")
	store, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		afterStart(ctx, store, nil, model.BackupDir(db), func(what string, err error) { t.Errorf("%s: %v", what, err) })
	}()
	time.Sleep(time.Second) // into the hourly wait
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the hourly notifications went on after the window closed")
	}
	if backups, _ := filepath.Glob(filepath.Join(model.BackupDir(db), "solemate-*.db")); len(backups) != 1 {
		t.Errorf("daily backups: %v", backups)
	}
}

// TestSecondWindowIsTold: a window opened on a database another window
// holds gets no lock and says so once it is open.
func TestSecondWindowIsTold(t *testing.T) {
	a := test.NewTempApp(t)
	db := filepath.Join(t.TempDir(), model.FileName)
	first, notices := lockAndRestore(a, db)
	if first == nil || len(notices) != 0 {
		t.Fatalf("the first window: lock %v, notices %v", first, notices)
	}
	defer first.Release()
	second, notices := lockAndRestore(a, db)
	if second != nil || len(notices) != 1 || notices[0].Title != "Already open" {
		t.Errorf("the second window: lock %v, notices %v", second, notices)
	}
}
