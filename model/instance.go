package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
// however it ends. The files stay: removing a lock file others may hold
// would let two hold "the" lock at once.
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
type usersLock struct{ f *os.File }

// openUsersLock opens the users' lock file of the database at dbPath.
func openUsersLock(dbPath string) (*os.File, error) {
	f, err := os.OpenFile(dbPath+usersLockSuffix, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("database lock: %w", err)
	}
	return f, nil
}

// restoreWait is how long Open waits for a restore to finish replacing the
// database before it gives up; a restore takes seconds.
var restoreWait = 2 * time.Minute

// shareDatabase takes the users' lock shared, for a Store that opens the
// database at dbPath. While a restore holds it, it waits, and then opens
// what the restore put there.
func shareDatabase(dbPath string) (*usersLock, error) {
	f, err := openUsersLock(dbPath)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(restoreWait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			return &usersLock{f: f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("database lock: %w", err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("%w; try again once it is done", ErrRestoring)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// release lets the lock go; nil is held by nothing.
func (u *usersLock) release() {
	if u != nil {
		u.f.Close()
	}
}

// excludeUsers takes the users' lock of the database at dbPath exclusively,
// without waiting: ErrInUse when anyone has the database open.
func excludeUsers(dbPath string) (*usersLock, error) {
	f, err := openUsersLock(dbPath)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrInUse
		}
		return nil, fmt.Errorf("database lock: %w", err)
	}
	return &usersLock{f: f}, nil
}
