package model

import (
	"errors"
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
