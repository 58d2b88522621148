package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// ErrAlreadyOpen means another Solemate window has the database open.
var ErrAlreadyOpen = errors.New("the database is already open in another Solemate window")

// ErrInUse means a restore was refused because the database is open: in a
// window (the first or any other) or in a command such as import or demo.
var ErrInUse = errors.New("the database is open in a Solemate window or command")

// ErrRestoring means the database could not be opened because a restore
// kept replacing it for longer than Open waits.
var ErrRestoring = errors.New("a restore is replacing the database")

// Two locks sit beside a database file, each a file of its own:
//
//   - PATH.lock, the window lock: taken by the first window only
//     (exclusively, without waiting), so a second window can say the first
//     is open, and by a restore, which so waits for no window's start.
//   - PATH.inuse, the users' lock: held shared by everything that has the
//     database open (Open takes it, Close lets it go), every window, the
//     second one too, and every command; a restore takes it exclusively,
//     so it never replaces a database anyone has open: they would go on
//     writing into the file replaced under them, and lose it all.
//
// Both are flock(2) locks, so the system lets them go when a process ends,
// however it ends. PATH.lock stays; PATH.inuse goes with its last holder
// (taken exclusively first, and every taker checks that the file it locked
// still has the name), so no database no one has open has one beside it.
const (
	windowLockSuffix = ".lock"
	usersLockSuffix  = ".inuse"
)

// InstanceLock marks a database as open in a window, so a second window can
// say so (SQLite keeps both consistent). A restore needs it too, and also
// the users' lock, which every open Store holds shared.
type InstanceLock struct {
	f      *os.File
	dbPath string
}

// LockInstance takes the window lock beside the database (PATH.lock). It
// returns ErrAlreadyOpen, with a usable nil lock, when another holds it.
func LockInstance(dbPath string) (*InstanceLock, error) {
	if IsServer(dbPath) {
		return nil, ErrOnServer
	}
	// Taken before the database is opened: on a first start, its folder
	// is made here.
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o700); err != nil {
		return nil, fmt.Errorf("window lock: %w", err)
	}
	f, err := os.OpenFile(dbPath+windowLockSuffix, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("window lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrAlreadyOpen
		}
		return nil, fmt.Errorf("window lock: %w", err)
	}
	return &InstanceLock{f: f, dbPath: dbPath}, nil
}

// Release lets another window take the lock.
func (l *InstanceLock) Release() {
	if l != nil {
		l.f.Close()
	}
}

// usersLock is one holder's hold of the users' lock (PATH.inuse).
type usersLock struct {
	f         *os.File
	exclusive bool
}

// lockUsers opens the users' lock file of the database at dbPath (making
// it, unless create is false: then with none there it returns nil) and
// flocks it with how, without waiting. The file goes when its last holder
// lets go (release), so it checks, once it holds the lock, that the file it
// holds is still the one of that name, and starts again if not.
func lockUsers(dbPath string, how int, create bool) (*usersLock, error) {
	path := dbPath + usersLockSuffix
	for {
		flags := os.O_RDWR
		if create {
			flags |= os.O_CREATE
		}
		f, err := os.OpenFile(path, flags, 0o600)
		if !create && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		} else if err != nil {
			return nil, fmt.Errorf("database lock: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, err
			}
			return nil, fmt.Errorf("database lock: %w", err)
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return &usersLock{f: f, exclusive: how == syscall.LOCK_EX}, nil
		}
		f.Close() // its last holder removed it meanwhile
	}
}

// restoreWait is how long Open waits for a restore to finish replacing the
// database before it gives up; a restore takes seconds.
var restoreWait = 2 * time.Minute

// shareDatabase takes the users' lock shared, for a Store that opens the
// database at dbPath. While a restore holds it, it waits, and then opens
// what the restore put there.
func shareDatabase(dbPath string) (*usersLock, error) {
	deadline := time.Now().Add(restoreWait)
	for {
		u, err := lockUsers(dbPath, syscall.LOCK_SH, true)
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return u, err
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w; try again once it is done", ErrRestoring)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// excludeUsers takes the users' lock of the database at dbPath exclusively,
// without waiting: ErrInUse when anyone has the database open.
func excludeUsers(dbPath string) (*usersLock, error) {
	u, err := lockUsers(dbPath, syscall.LOCK_EX, true)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return nil, ErrInUse
	}
	return u, err
}

// release lets the lock go; nil is held by nothing. The last holder out
// removes the lock file, so a database no one has open has none beside it.
func (u *usersLock) release() {
	if u == nil {
		return
	}
	if !u.exclusive {
		dbPath := strings.TrimSuffix(u.f.Name(), usersLockSuffix)
		u.f.Close()
		if u = tryExclusive(dbPath); u == nil {
			return // someone else holds it still
		}
	}
	_ = os.Remove(u.f.Name())
	u.f.Close()
}

// tryExclusive is excludeUsers when the lock file is there, or nil.
func tryExclusive(dbPath string) *usersLock {
	u, err := lockUsers(dbPath, syscall.LOCK_EX, false)
	if err != nil {
		return nil
	}
	return u
}
