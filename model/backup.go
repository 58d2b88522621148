package model

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	// The driver gorm's sqlite dialect uses, for checking a file read-only.
	_ "github.com/mattn/go-sqlite3"
)

// backupPrefix names the daily backups, followed by the date.
const backupPrefix = "solemate-"

// AutoBackup copies the database into dir at most once a day, keeping the
// newest keep backups. It reports the file it wrote, or "" when today's
// backup already exists.
func (s *Store) AutoBackup(dir string, keep int) (string, error) {
	if s.OnServer() {
		return "", nil // the server's own backups keep it
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	path := filepath.Join(dir, backupPrefix+s.Today().String()+".db")
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if err := s.CopyTo(path); err != nil {
		return "", err
	}
	return path, pruneBackups(dir, keep)
}

func pruneBackups(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("list backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, ".db") && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names) // dates sort as text
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return fmt.Errorf("remove old backup: %w", err)
		}
		names = names[1:]
	}
	return nil
}

// CheckBackup opens a file read-only and tells whether it is a Solemate
// database this version can use: intact, with a schema no newer than ours.
func CheckBackup(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	db, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil {
		return fmt.Errorf("%s is not a Solemate database (%v)", path, err)
	}
	if check != "ok" {
		return fmt.Errorf("%s is damaged: %s", path, check)
	}
	var version int
	if err := db.QueryRow("SELECT MAX(version) FROM schema_migrations").Scan(&version); err != nil {
		return fmt.Errorf("%s is not a Solemate database", path)
	}
	if version > SchemaVersion() {
		return &SchemaTooNewError{Found: version, Supported: SchemaVersion()}
	}
	return nil
}

// BackupDir is the folder beside a database file that holds its backups.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

// companions are the files beside a database that hold its data: the WAL,
// with commits not yet in the main file, and a rollback journal, which
// SQLite would roll back into whatever file next takes the name.
var companions = []string{"-wal", "-journal"}

// Restore replaces the locked database with the backup at src, after
// checking it. Whatever the database it replaces is (a newer Solemate's,
// damaged, another program's), it is kept byte for byte in BackupDir first,
// named by now. Holding the lock means no window has the database open: one
// would go on writing to the file replaced under it, and its edits would be
// lost.
func (l *InstanceLock) Restore(src string, now time.Time) (kept string, err error) {
	dst := l.dbPath
	if err := CheckBackup(src); err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	folder, err := os.MkdirTemp(filepath.Dir(dst), privateFolderPrefix)
	if err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	defer os.RemoveAll(folder)
	tmp := filepath.Join(folder, filepath.Base(dst))
	if err := copyFile(src, tmp); err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	if err := syncPath(tmp); err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	if kept, err = keepCurrent(dst, BackupDir(dst), now); err != nil {
		return "", fmt.Errorf("not restored: the database it would replace could not be kept: %w", err)
	}
	// The old WAL goes before the new file comes: SQLite would replay it
	// into whatever file has the name.
	for _, suffix := range append(companions, "-shm") {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return kept, fmt.Errorf("not restored (the database as it was is kept as %s): %w", kept, err)
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return kept, fmt.Errorf("not restored (the database as it was is kept as %s): %w", kept, err)
	}
	return kept, syncPath(filepath.Dir(dst))
}

// keepCurrent copies the database at path and its companions byte for
// byte into dir, so that whatever it held comes back by copying them back.
// It returns the kept database's path, or "" when there is none.
func keepCurrent(path, dir string, now time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	kept := filepath.Join(dir, backupPrefix+"before-restore-"+now.Format("2006-01-02-150405")+".db")
	for _, suffix := range append([]string{""}, companions...) {
		if _, err := os.Lstat(path + suffix); suffix != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := writePrivate(kept+suffix, false, func(tmp string) error { return copyFile(path+suffix, tmp) }); err != nil {
			return "", err
		}
	}
	return kept, nil
}

// copyFile copies the bytes of src into a new file dst, private to the user.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("read %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, withoutPath(err))
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, withoutPath(err))
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copy %s: %w", src, withoutPath(err))
	}
	return nil
}
