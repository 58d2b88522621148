package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrAlreadyOpen means another Solemate window has the database open.
var ErrAlreadyOpen = errors.New("the database is already open in another Solemate window")

// InstanceLock marks a database as open in a window, so a second window can
// say so (SQLite keeps both consistent), and keeps a restore away from it: a
// restore needs the lock, so it never replaces a database a window has open.
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
	f, err := os.OpenFile(dbPath+".lock", os.O_RDWR|os.O_CREATE, 0o600)
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
