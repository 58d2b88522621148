package main

import (
	"context"
	"errors"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"

	"solemate/model"
	"solemate/ui"
)

// keepDailyBackups is how many daily backups stay: two weeks.
const keepDailyBackups = 14

// runWindow shows the window on the database at path. Off the UI goroutine
// while the window shows, it takes the instance lock, applies a restore
// chosen in Settings and opens the store; once Today has loaded it takes
// the daily backup and notifies what is due, then again hourly until the
// window closes. The lock and the store go when the window has saved.
func runWindow(a fyne.App, path string, info ui.Info) error {
	var (
		lock  *model.InstanceLock
		store *model.Store
	)
	err := ui.Run(a, ui.Start{
		Info:   info,
		DBPath: path,
		Open: func() (*model.Store, []ui.Notice, error) {
			var notices []ui.Notice
			lock, notices = lockAndRestore(a, path)
			var err error
			store, err = model.Open(path)
			return store, notices, err
		},
		Started: func(ctx context.Context, st *model.Store, first *model.TodayView, showError func(string, error)) {
			afterStart(ctx, st, first, model.BackupDir(path), showError)
		},
	})
	lock.Release()
	if store != nil {
		_ = store.Close()
	}
	return err
}

// lockAndRestore takes the instance lock (nil when another window holds
// it, or on a server, which is meant to be shared) and then applies a
// pending restore under it: from here on a restore from the command line
// is refused. It says what the user should know.
func lockAndRestore(a fyne.App, path string) (*model.InstanceLock, []ui.Notice) {
	var (
		lock    *model.InstanceLock
		lockErr error
		notices []ui.Notice
	)
	if !model.IsServer(path) {
		lock, lockErr = model.LockInstance(path)
	}
	if clock, err := model.ClockFromEnv(); err == nil { // else Open says what is wrong
		if restored := ui.ApplyPendingRestore(a, path, lock, lockErr, clock()); restored != "" {
			notices = append(notices, ui.Notice{Title: "Restore", Text: restored})
		}
	}
	if errors.Is(lockErr, model.ErrAlreadyOpen) {
		notices = append(notices, ui.Notice{Title: "Already open", Text: "Solemate is already open on this database in another window. Both save safely, but one window does not see the other's changes until you switch screens."})
	}
	return lock, notices
}

// afterStart takes the daily backup into backups and notifies what is due
// on first, the day Today loaded (nil: load it), then hourly until ctx ends.
func afterStart(ctx context.Context, store *model.Store, first *model.TodayView, backups string, showError func(string, error)) {
	if _, err := store.AutoBackup(backups, keepDailyBackups); err != nil {
		showError("The daily backup failed", err)
	}
	ui.NotifyDue(store, first)
	// Start-up is over once the day is drawn. Parsing fonts, loading the
	// day and drawing it left some 10 MB of garbage, which would stay
	// resident until the heap grew into it: give it back now.
	select {
	case <-ctx.Done():
		return
	case <-time.After(500 * time.Millisecond):
	}
	debug.FreeOSMemory()
	hourly := time.NewTicker(time.Hour)
	defer hourly.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-hourly.C:
			ui.NotifyDue(store, nil)
		}
	}
}
