package model

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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

// Restore replaces the locked database with the backup at src, after
// checking it. The database it replaces is kept in keepDir first. Holding
// the lock means no window has the database open: one would go on writing
// to the file replaced under it, and its edits would be lost.
func (l *InstanceLock) Restore(src, keepDir string) (kept string, err error) {
	dst := l.dbPath
	if err := CheckBackup(src); err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	if _, err := os.Stat(dst); err == nil {
		if err := os.MkdirAll(keepDir, 0o700); err != nil {
			return "", fmt.Errorf("backup folder: %w", err)
		}
		// Fold the replaced database's WAL in, so the kept copy is whole.
		if s, err := Open(dst); err == nil {
			kept = filepath.Join(keepDir, backupPrefix+"before-restore-"+s.now().Format("2006-01-02-150405")+".db")
			err = s.CopyTo(kept)
			s.Close()
			if err != nil {
				return "", err
			}
		} else if !isSchemaTooNew(err) {
			return "", fmt.Errorf("not restored: the current database could not be kept: %w", err)
		}
	}
	tmp := dst + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		return kept, err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(tmp)
			return kept, fmt.Errorf("not restored: %w", err)
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return kept, fmt.Errorf("not restored: %w", err)
	}
	return kept, nil
}

func isSchemaTooNew(err error) bool {
	var tooNew *SchemaTooNewError
	return errors.As(err, &tooNew)
}

// copyFile copies src to a new private file dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("read %s: %w", src, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", dst, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("write %s: %w", dst, err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("write %s: %w", dst, err)
	}
	return out.Close()
}
