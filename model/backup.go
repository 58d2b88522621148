package model

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	// The driver gorm's sqlite dialect uses, for checking a file read-only.
	_ "github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// The backups folder holds two kinds of backup, told apart by name, each
// kept to its own number; anything else in it is left alone.
const (
	dailyPrefix = "solemate-"                // + YYYY-MM-DD.db
	keptPrefix  = "solemate-before-restore-" // + YYYY-MM-DD-HHMMSS[-N].db
	keptStamp   = "2006-01-02-150405"
	// keepBeforeRestore is how many copies of restored-over databases stay.
	keepBeforeRestore = 10
)

// AutoBackup copies the database into dir at most once a day, keeping the
// newest keep daily backups. It reports the file it wrote, or "" when
// today's backup already exists.
func (s *Store) AutoBackup(dir string, keep int) (string, error) {
	if s.OnServer() {
		return "", nil // the server's own backups keep it
	}
	path := filepath.Join(dir, dailyPrefix+s.Today().String()+".db")
	if _, err := os.Stat(path); err == nil {
		return "", nil
	}
	if err := s.CopyTo(path); errors.Is(err, fs.ErrExist) {
		return "", nil // another window's, just now
	} else if err != nil {
		return "", err
	}
	return path, pruneBackups(dir, dailyOrder, keep)
}

// dailyOrder is where a daily backup's name sorts among them, or false for
// any other name.
func dailyOrder(name string, _ time.Time) (string, bool) {
	date, ok := strings.CutPrefix(name, dailyPrefix)
	date, isDB := strings.CutSuffix(date, ".db")
	_, err := time.Parse(time.DateOnly, date)
	return date, ok && isDB && err == nil
}

// keptOrder is dailyOrder for the copies restores keep, which go in the
// order they were written: their names carry the store's day, which
// SOLEMATE_TODAY may set back, and a copy named for an earlier day must not
// be the first pruned.
func keptOrder(name string, written time.Time) (string, bool) {
	stamp, n, ok := parseKept(name)
	return fmt.Sprintf("%020d-%s-%09d", written.UnixNano(), stamp, n), ok
}

// parseKept reads the time and number of a copy a restore kept: the second
// and later copies made in one second are numbered from 2.
func parseKept(name string) (stamp string, n int, ok bool) {
	rest, ok := strings.CutPrefix(name, keptPrefix)
	rest, isDB := strings.CutSuffix(rest, ".db")
	if !ok || !isDB || len(rest) < len(keptStamp) {
		return "", 0, false
	}
	stamp, num := rest[:len(keptStamp)], rest[len(keptStamp):]
	if _, err := time.Parse(keptStamp, stamp); err != nil {
		return "", 0, false
	}
	if num == "" {
		return stamp, 1, true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(num, "-"))
	return stamp, n, err == nil && num[0] == '-' && n >= 2
}

// keptName names the copy a restore keeps at now in dir: numbered past any
// other copy of that second, so it sorts as the newest.
func keptName(dir string, now time.Time) string {
	stamp, last := now.Format(keptStamp), 0
	entries, _ := os.ReadDir(dir) // none yet is no other copy
	for _, e := range entries {
		if s, n, ok := parseKept(e.Name()); ok && s == stamp {
			last = max(last, n)
		}
	}
	if last == 0 {
		return keptPrefix + stamp + ".db"
	}
	return fmt.Sprintf("%s%s-%d.db", keptPrefix, stamp, last+1)
}

// pruneBackups removes the oldest backups of one kind (those order knows),
// with their companions, until keep are left.
func pruneBackups(dir string, order func(name string, written time.Time) (string, bool), keep int) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("list backups: %w", err)
	}
	type backup struct{ name, order string }
	var found []backup
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil || e.IsDir() {
			continue // gone meanwhile, or not a backup
		}
		if o, ok := order(e.Name(), fi.ModTime()); ok {
			found = append(found, backup{e.Name(), o})
		}
	}
	slices.SortFunc(found, func(a, b backup) int { return strings.Compare(a.order, b.order) })
	for _, b := range found[:max(len(found)-keep, 0)] {
		for _, suffix := range append([]string{"", "-shm"}, companions...) {
			if err := os.Remove(filepath.Join(dir, b.name+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("remove old backup: %w", err)
			}
		}
	}
	return nil
}

// CheckBackup opens a file read-only and tells whether it is a Solemate
// database this version can use: intact, with a schema no newer than ours,
// and every table and column the schema had at the version it records.
func CheckBackup(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	return checkDatabase(path, path)
}

// checkDatabase is CheckBackup on the file at path, called name in what it says.
func checkDatabase(path, name string) error {
	db, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil {
		return fmt.Errorf("%s is not a Solemate database (%v)", name, err)
	}
	if check != "ok" {
		return fmt.Errorf("%s is damaged: %s", name, check)
	}
	have, err := tableColumns(db)
	if err != nil {
		return fmt.Errorf("%s is not a Solemate database (%v)", name, err)
	}
	// The version means something only in Solemate's own migrations table.
	ours, err := schemaAt(SchemaVersion())
	if err != nil {
		return err
	}
	if lack := lacking(have, ours, "schema_migrations"); lack != "" {
		return fmt.Errorf("%s is not a Solemate database (%s)", name, lack)
	}
	var version int
	if err := db.QueryRow("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&version); err != nil || version < 1 {
		return fmt.Errorf("%s is not a Solemate database (it records no schema version)", name)
	}
	if version > SchemaVersion() {
		return &SchemaTooNewError{Found: version, Supported: SchemaVersion()}
	}
	want, err := schemaAt(version)
	if err != nil {
		return err
	}
	if lack := lacking(have, want); lack != "" {
		return fmt.Errorf("%s is not a Solemate database, or not a whole one (%s)", name, lack)
	}
	return nil
}

// tables maps each table of a database to its columns.
type tables map[string]map[string]bool

// tableColumns reads the tables of a database and their columns.
func tableColumns(db *sql.DB) (tables, error) {
	rows, err := db.Query(`SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	t := tables{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			return nil, err
		}
		if t[table] == nil {
			t[table] = map[string]bool{}
		}
		t[table][column] = true
	}
	return t, rows.Err()
}

// lacking says which table or column of want (of its tables named only,
// when some are) have lacks, or "".
func lacking(have, want tables, only ...string) string {
	names := only
	if len(names) == 0 {
		names = slices.Sorted(maps.Keys(want))
	}
	for _, table := range names {
		if have[table] == nil {
			return "it has no " + table + " table"
		}
		for _, column := range slices.Sorted(maps.Keys(want[table])) {
			if !have[table][column] {
				return "its " + table + " table has no " + column + " column"
			}
		}
	}
	return ""
}

// schemas holds schemaAt's answers by version.
var schemas sync.Map

// schemaAt is the tables and columns the schema had at version, made by
// the migrations themselves in a database in memory.
func schemaAt(version int) (tables, error) {
	if t, ok := schemas.Load(version); ok {
		return t.(tables), nil
	}
	mem, err := sql.Open(driverName, "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("schema %d: %w", version, err)
	}
	defer mem.Close()
	mem.SetMaxOpenConns(1)                                                           // each connection would have a memory of its own
	db, err := gorm.Open(sqlite.New(sqlite.Config{Conn: mem}), gormConfig(time.Now)) // its rows are thrown away
	if err != nil {
		return nil, fmt.Errorf("schema %d: %w", version, err)
	}
	if err := migrateTo(db, version); err != nil {
		return nil, fmt.Errorf("schema %d: %w", version, err)
	}
	t, err := tableColumns(mem)
	if err != nil {
		return nil, fmt.Errorf("schema %d: %w", version, err)
	}
	schemas.Store(version, t)
	return t, nil
}

// BackupDir is the folder beside a database file that holds its backups:
// backups/ for solemate.db, backups/NAME/ for NAME.db, and backups/FILE.backups/
// for any other file FILE, so two databases in one folder never count,
// replace or prune each other's. It is the one rule: the daily backup,
// restores, Settings and the tests all ask it.
func BackupDir(dbPath string) string {
	dir := filepath.Join(filepath.Dir(dbPath), "backups")
	base := filepath.Base(dbPath)
	if base == FileName {
		return dir
	}
	// NAME is kept only where nothing else in backups/ can have its name
	// (compared in any case: folders on macOS and Windows do not tell .DB
	// from .db): not solemate.db's own backups (solemate-…), not the
	// backups folder of a database kept in backups/ (backups), not empty,
	// . or .., which would be backups/ itself or the database's own folder,
	// and never ending in .db or .backups, so it is no other file's folder
	// (team.db has backups/team/, team has backups/team.backups/).
	name, ok := strings.CutSuffix(base, ".db")
	lower := strings.ToLower(name)
	if !ok || name == "" || name == "." || name == ".." || lower == "backups" || strings.HasPrefix(lower, dailyPrefix) ||
		strings.HasSuffix(lower, ".db") || strings.HasSuffix(lower, ".backups") {
		name = base + ".backups"
	}
	return filepath.Join(dir, name)
}

// companions are the files beside a database that hold its data: the WAL,
// with commits not yet in the main file, and a rollback journal, which
// SQLite would roll back into whatever file next takes the name.
var companions = []string{"-wal", "-journal"}

// Restore replaces the locked database with the backup at src. The backup
// is read through SQLite, its WAL with it, into a private file beside the
// database, and checked there. Whatever the database it replaces is (a
// newer Solemate's, damaged, another program's), it is kept byte for byte
// in BackupDir first, named by now. Holding the window lock means no first
// window has the database open: one would go on writing to the file
// replaced under it, and its edits would be lost. So it also takes the
// users' lock, which every open Store shares (a second window, an import, a demo), and
// is refused with ErrInUse while anyone has the database open; the lock
// stays taken until it is done, so no one opens it half way.
func (l *InstanceLock) Restore(src string, now time.Time) (kept string, err error) {
	dst := l.dbPath
	users, err := excludeUsers(dst)
	if err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	defer users.release()
	// A database reached through a link is replaced where it lives, and
	// the link stays a link.
	if real, err := filepath.EvalSymlinks(dst); err == nil {
		dst = real
	}
	if err := CheckBackup(src); err != nil {
		return "", fmt.Errorf("not restored: %w", err)
	}
	err = writePrivate(dst, true, func(tmp string) error {
		if err := vacuumInto(src, tmp); err != nil {
			return err
		}
		if err := checkDatabase(tmp, src); err != nil {
			return err // src changed since it was checked
		}
		// The oldest copies go first, so a failure leaves the database as it was.
		if err := pruneBackups(BackupDir(dst), keptOrder, keepBeforeRestore-1); err != nil {
			return err
		}
		if kept, err = keepCurrent(dst, BackupDir(dst), now); err != nil {
			return fmt.Errorf("the database it would replace could not be kept: %w", err)
		}
		if kept != "" {
			foldWAL(dst)
		}
		// The old WAL goes before the new file comes: SQLite would replay
		// it into whatever file has the name.
		for _, suffix := range append(companions, "-shm") {
			if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return nil
	})
	switch {
	case err != nil && kept != "":
		return kept, fmt.Errorf("not restored (the database as it was is kept as %s): %w", kept, err)
	case err != nil:
		return "", fmt.Errorf("not restored: %w", err)
	}
	return kept, nil
}

// foldWAL moves what the WAL of the database at path holds into its main
// file, so that a restore killed after letting the WAL go leaves the
// database whole. It does what SQLite can: a damaged database's WAL is
// whole in its copy in backups/ anyway.
func foldWAL(path string) {
	db, err := sql.Open("sqlite3", fileURI(path))
	if err != nil {
		return
	}
	defer db.Close()
	_, _ = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
}

// vacuumInto writes a copy of the database at src, with what its WAL holds,
// to the new file dst.
func vacuumInto(src, dst string) error {
	db, err := sql.Open("sqlite3", fileURI(src)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("read %s: %w", src, err)
	}
	defer db.Close()
	if _, err := db.Exec("VACUUM INTO ?", dst); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return nil
}

// keepCurrent copies the database at path and its companions byte for
// byte into dir, under a name of its own, so that whatever it held
// comes back by copying them back. It returns the kept database's path, or
// "" when there is none.
func keepCurrent(path, dir string, now time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	kept := filepath.Join(dir, keptName(dir, now))
	if err := writePrivate(kept, false, func(tmp string) error { return copyFile(path, tmp) }); err != nil {
		return "", err
	}
	for _, suffix := range companions {
		if _, err := os.Lstat(path + suffix); errors.Is(err, fs.ErrNotExist) {
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
