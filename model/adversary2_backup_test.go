package model

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// autoBackup opens the database at path on fixedNow's day and runs the
// daily backup the window runs at start, into BackupDir(path).
func autoBackup(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return fixedNow }
	got, err := s.AutoBackup(BackupDir(path), 14)
	_ = s.Close()
	if err != nil {
		t.Errorf("%s: daily backup: %v", path, err)
	}
	return got
}

// BackupDir gives NAME.db backups/NAME/ beside it, and solemate.db the
// backups/ folder itself. A database called backups.db therefore has
// backups/backups/, which is also what a solemate.db kept inside that
// backups/ folder has (BackupDir(backups/solemate.db) = backups/backups).
// Two different databases share one folder: the second to start on a day
// writes no daily backup, and each prunes the other's.
func TestBackupsDBAndASolemateDBInBackupsShareNoFolder(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	a := filepath.Join(dir, "backups.db")
	b := filepath.Join(dir, "backups", FileName)
	if BackupDir(a) == BackupDir(b) {
		t.Errorf("%s and %s share the backups folder %s", a, b, BackupDir(a))
	}
	for _, path := range []string{a, b} {
		if got := autoBackup(t, path); got == "" {
			t.Errorf("%s: no daily backup written on its first start of the day (%s already held one)", path, BackupDir(path))
		}
	}
}

// A file FILE without .db gets backups/FILE.db/: a folder named like a
// file. solemate.db keeps its daily backups in backups/ under the names
// solemate-YYYY-MM-DD.db, so a database file named solemate-YYYY-MM-DD
// (a daily backup copied out and renamed, say) has for its backups folder
// the very path of solemate.db's backup of that day. Once that folder is
// there, solemate.db's daily backup sees "today's backup already exists"
// and silently writes none; the other way round, the other database's
// backups folder cannot be made.
func TestABackupsFolderIsNeverADailyBackupsName(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	main := filepath.Join(dir, FileName)
	other := filepath.Join(dir, dailyPrefix+DateOf(fixedNow).String()) // no extension
	daily := filepath.Join(BackupDir(main), dailyPrefix+DateOf(fixedNow).String()+".db")
	if BackupDir(other) == daily {
		t.Errorf("the backups folder of %s is %s, the name of %s's daily backup of %s",
			filepath.Base(other), BackupDir(other), FileName, DateOf(fixedNow))
	}
	autoBackup(t, other)
	if got := autoBackup(t, main); got == "" {
		t.Errorf("%s: no daily backup written on its first start of the day (%s is %s's backups folder)", FileName, daily, filepath.Base(other))
	}
	if fi, err := os.Stat(daily); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("%s's daily backup %s is not a file: %v", FileName, daily, err)
	}
}
