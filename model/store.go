// Package model holds Solemate's domain types, rules and the store that keeps
// them. It knows nothing about windows, so every rule is testable headless.
package model

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// FileName is the database's name inside the app's storage folder.
const FileName = "solemate.db"

// Store is the way into the data. It is safe for use from several goroutines.
type Store struct {
	db *gorm.DB
	d  dialect
	// Now is the store's clock; tests replace it to pin "today".
	Now func() time.Time
	// users is this Store's shared hold of the database's users' lock, so
	// no restore replaces the file under it; nil on a server or read-only.
	users *usersLock
	// report is whether a report's login opened it (see IAmReport).
	report bool
}

// DSN builds the SQLite connection string for a database file. Characters
// that mean something in a URI are escaped so any path works. The page
// cache is kept small: a larger one made no screen faster, and all of it
// stays resident once a long list has been read.
func DSN(path string) string {
	return fileURI(path) + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=5000&_synchronous=NORMAL&_txlock=immediate&_cache_size=-8000"
}

// driverName is go-sqlite3 with each connection's temporary files kept in
// memory: statement journals (every write that fires the search triggers
// needs one) otherwise go through a file in /var/tmp, one write per page.
const driverName = "sqlite3-solemate"

func init() {
	// go-sqlite3 reads a DATE column by trying its timestamp layouts in
	// turn; ours hold plain dates, the last layout, after eight failed
	// parses. It is tried second: the first also writes timestamps, so it
	// stays first.
	f := sqlite3.SQLiteTimestampFormats
	if i := slices.Index(f, time.DateOnly); i > 1 {
		sqlite3.SQLiteTimestampFormats = slices.Insert(slices.Delete(slices.Clone(f), i, i+1), 1, time.DateOnly)
	}
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

// fileURI makes an SQLite URI filename of a path, escaping what a URI reads.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A new file and any folders made for it are private to the user.
//
// A postgres:// URL opens a shared database on a PostgreSQL server instead
// (see OpenServer).
func Open(path string) (*Store, error) {
	if IsServer(path) {
		return OpenServer(path)
	}
	clock, err := ClockFromEnv()
	if err != nil {
		return nil, err
	}
	if err := prepareFolder(path); err != nil {
		return nil, err
	}
	// Held from before the file is made until Close: a restore is refused
	// meanwhile, and one under way is waited for.
	users, err := shareDatabase(path)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return nil, fmt.Errorf("%s cannot be written; Solemate needs to write to its database and beside it (check its permissions): %w", path, err)
	} else if err != nil {
		return nil, err
	}
	if err := prepareFile(path); err != nil {
		users.release()
		return nil, err
	}
	db, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: DSN(path)}), gormConfig(clock))
	if err != nil {
		users.release()
		return nil, plainOpenError(path, err)
	}
	s, err := start(db, clock, func(err error) error { return plainOpenError(path, err) })
	if err != nil {
		users.release()
		return nil, err
	}
	s.users = users
	return s, nil
}

// ErrNoDatabase means a command that reads a database found no file there.
var ErrNoDatabase = errors.New("no Solemate database")

// OpenReadOnly opens an existing database for a command that only reads it
// (an export, a search). It creates nothing and writes nothing: a missing or
// empty file is refused, not made a database. A database from an older
// Solemate is brought up to date first, as every start does.
//
// A reader that may not write the file cannot tidy away the -wal and -shm
// files SQLite makes for it; so a file others cannot change either (no -wal
// beside it) is read as immutable, and a writable one is opened for writing
// with writes refused (query_only), which lets the last one out tidy up.
func OpenReadOnly(path string) (*Store, error) {
	if IsServer(path) {
		return OpenServer(path)
	}
	clock, err := ClockFromEnv()
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%w at %s", ErrNoDatabase, path)
	case err != nil:
		return nil, fmt.Errorf("check database file: %w", err)
	case !fi.Mode().IsRegular():
		return nil, notAFile(path, fi)
	}
	// mode=rw never creates the file, should it go meanwhile.
	dsn := fileURI(path) + "?mode=rw&_query_only=1&_busy_timeout=5000&_cache_size=-8000"
	var users *usersLock
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
		// A reader that tidies the -wal away when done must not do it to
		// the database a restore put there meanwhile: it shares the users'
		// lock too (whose file goes with it, so it leaves nothing).
		users, err = shareDatabase(path)
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			users = nil // a folder it may not write in: nothing to tidy either
		} else if err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
		dsn = fileURI(path) + "?mode=ro&immutable=1"
	} else {
		dsn = fileURI(path) + "?mode=ro&_busy_timeout=5000"
	}
	db, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverName, DSN: dsn}), gormConfig(clock))
	if err != nil {
		users.release()
		return nil, plainOpenError(path, err)
	}
	s := &Store{db: db, d: sqliteDialect{}, Now: clock, users: users}
	version, err := currentVersion(db)
	switch {
	case err != nil:
		err = plainOpenError(path, err)
	case version == 0:
		err = fmt.Errorf("%s is not a Solemate database", path)
	case version > SchemaVersion():
		err = &SchemaTooNewError{Found: version, Supported: SchemaVersion()}
	case version < SchemaVersion():
		s.Close()
		up, err := Open(path)
		if err != nil {
			return nil, err
		}
		up.Close()
		return OpenReadOnly(path)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// start brings a just-opened database up to date and makes its Store;
// plain says in plain words what went wrong. The rows' own timestamps
// (created, updated) follow the store's clock too, pinned or not.
func start(db *gorm.DB, clock func() time.Time, plain func(error) error) (*Store, error) {
	s := &Store{d: dialectOf(db), Now: clock}
	s.db = db.Session(&gorm.Session{NewDB: true, NowFunc: func() time.Time { return s.now().UTC() }})
	if err := migrate(db); err != nil {
		_ = s.Close()
		return nil, plain(err)
	}
	// A report reads their own rows and writes their agenda only: the
	// prompt library is not theirs to load.
	if isPostgres(db) {
		var err error
		if s.report, err = isMember(db, ReportRole); err != nil {
			_ = s.Close()
			return nil, plain(err)
		}
	}
	if s.report {
		return s, nil
	}
	if err := loadShippedLibrary(db); err != nil {
		_ = s.Close()
		return nil, plain(err)
	}
	return s, nil
}

// gormConfig is how both dialects are opened.
func gormConfig(clock func() time.Time) *gorm.Config {
	return &gorm.Config{
		TranslateError: true,
		Logger:         logger.Default.LogMode(logger.Silent),
		NowFunc:        func() time.Time { return clock().UTC() },
	}
}

// plainOpenError says in plain words why a database could not be opened,
// keeping the cause for errors.Is / errors.As.
func plainOpenError(path string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "file is not a database"), strings.Contains(msg, "malformed"):
		return fmt.Errorf("%s is not a Solemate database, or it is damaged (restore a backup with solemate restore): %w", path, err)
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "unable to open"):
		return fmt.Errorf("%s cannot be written; Solemate needs to write to its database (check its permissions): %w", path, err)
	case strings.Contains(msg, "locked"), strings.Contains(msg, "busy"):
		return fmt.Errorf("%s is busy: another program, or another Solemate, is writing to it: %w", path, err)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// notAFile refuses a database path that is a folder, a pipe or a device:
// opening a pipe would wait for a writer for ever.
func notAFile(path string, fi fs.FileInfo) error {
	if fi.IsDir() {
		return fmt.Errorf("database path %s is a folder, not a file", path)
	}
	return fmt.Errorf("database path %s is not a file (%s)", path, fi.Mode().Type())
}

func prepareFile(path string) error {
	if err := prepareFolder(path); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return notAFile(path, fi)
		}
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("check database file: %w", err)
	}
	// Create the file ourselves so it starts 0600; SQLite gives its -wal and
	// -shm companions the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// prepareFolder makes the folder a database file goes in.
func prepareFolder(path string) error {
	if path == "" {
		return errors.New("no database path given")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create folder for database: %w", err)
	}
	return nil
}

// Close releases the database, and then its users' lock.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	err = sqlDB.Close()
	s.users.release()
	s.users = nil
	return err
}

// OnServer reports whether the database is shared on a PostgreSQL server
// rather than a file of this computer's.
func (s *Store) OnServer() bool { return isPostgres(s.db) }

func (s *Store) now() time.Time { return s.Now() }

// Today is the current calendar day by the store's clock, in local time.
func (s *Store) Today() Date { return DateOf(s.now()) }

// CopyTo writes a consistent copy of the database to path (VACUUM INTO),
// private to the user from its first byte. An existing file is never
// overwritten, and a failed copy leaves nothing behind.
func (s *Store) CopyTo(path string) error {
	if s.OnServer() {
		return ErrOnServer
	}
	return writePrivate(path, false, func(tmp string) error {
		if err := s.db.Exec("VACUUM INTO ?", tmp).Error; err != nil {
			return fmt.Errorf("copy database to %s: %w", path, err)
		}
		return nil
	})
}

// parseDBTime reads a timestamp that came back from an aggregate as text.
func parseDBTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	// SQLite keeps "-07:00", PostgreSQL writes "-07".
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999-07", time.RFC3339Nano, "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
