package model

import (
	"path/filepath"
	"testing"
)

// README: daily backups go "to backups/ beside the database (backups/NAME/
// for a database not called solemate.db, so two databases in one folder
// never touch each other's)". BackupDir, now "the one rule" every caller
// (the moved start-up, Settings, restores) asks, drops the extension to make
// NAME, so databases in one folder that differ only by it share one folder:
// the second to start on a day finds "its" daily backup already there and
// writes none, and each prunes the other's. A database named ".db" even
// shares solemate.db's own backups/.
func TestDatabasesInOneFolderNeverShareBackups(t *testing.T) {
	for _, pair := range [][2]string{
		{"team.db", "team.sqlite"},
		{"team.db", "team"},
		{FileName, ".db"},
	} {
		dir := t.TempDir()
		a, b := filepath.Join(dir, pair[0]), filepath.Join(dir, pair[1])
		if BackupDir(a) == BackupDir(b) {
			t.Errorf("%s and %s in one folder share %s", pair[0], pair[1], BackupDir(a))
		}
	}
	// What sharing does: the second database of the day gets no backup.
	dir := t.TempDir()
	var written []string
	for _, name := range []string{"team.db", "team.sqlite"} {
		path := filepath.Join(dir, name)
		got := autoBackup(t, path)
		if got == "" {
			t.Errorf("%s: no daily backup written on its first start of the day (%s already held one)", name, BackupDir(path))
		}
		written = append(written, got)
	}
	if written[0] != "" && written[0] == written[1] {
		t.Errorf("both databases' daily backup is %s", written[0])
	}
}
