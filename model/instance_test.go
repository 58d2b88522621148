package model

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestSecondWindowIsTold(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	first, err := LockInstance(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockInstance(path); !errors.Is(err, ErrAlreadyOpen) {
		t.Errorf("second window: %v", err)
	}
	first.Release()
	again, err := LockInstance(path)
	if err != nil {
		t.Errorf("after the first window closed: %v", err)
	}
	again.Release()
}

// TestLockOnFirstStart: the window takes the lock before the database is
// opened, so on the very first start its folder does not exist yet; the
// lock makes it, private, as opening would.
func TestLockOnFirstStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "app.solemate.desktop")
	lock, err := LockInstance(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the folder: %v, %v", fi.Mode(), err)
	}
}
