//go:build linux

package model

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// A file written into a folder someone else may write (a team share, a
// memory stick mounted for all) is made in a private folder beside it;
// whoever can write the parent may rename that folder away and put one of
// their own, open to them, under its name, with an empty file of the same
// name in it. An export still goes only into the private folder made for it,
// through a handle on that folder. (A database copy is written by SQLite,
// which looks the folder up by name again: README asks for folders others
// cannot write.) Here the other user is a goroutine.
func TestSwappedPrivateFolderNeverGetsAnExport(t *testing.T) {
	fileOnly(t)
	share := t.TempDir()
	var stop atomic.Bool
	var held []*os.File
	done := make(chan struct{})
	go func() { // the other user, who may write share
		defer close(done)
		n := 0
		for !stop.Load() {
			entries, _ := os.ReadDir(share)
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), privateFolderPrefix) || strings.HasSuffix(e.Name(), "-theirs") {
					continue
				}
				folder := filepath.Join(share, e.Name())
				if os.Rename(folder, filepath.Join(share, "gone"+string(rune('a'+n%26))+e.Name())) != nil {
					continue
				}
				n++
				if os.Mkdir(folder, 0o777) != nil {
					continue
				}
				f, err := os.OpenFile(filepath.Join(folder, "copy.db"), os.O_CREATE|os.O_RDWR, 0o666)
				if err == nil {
					held = append(held, f)
				}
			}
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; i < 300 && time.Now().Before(deadline); i++ {
		_ = WriteFile(filepath.Join(share, "copy.db"), false, func(w io.Writer) error {
			_, err := io.WriteString(w, "PRIVATE-MARKER worried about her health")
			return err
		})
		_ = os.Remove(filepath.Join(share, "copy.db"))
	}
	stop.Store(true)
	<-done
	for _, f := range held {
		fi, _ := f.Stat()
		buf := make([]byte, fi.Size())
		_, _ = f.ReadAt(buf, 0)
		f.Close()
		if strings.Contains(string(buf), "PRIVATE-MARKER") {
			t.Fatalf("the other user holds a file of %d bytes with the private notes in it", len(buf))
		}
	}
}

// A pipe or a folder named as the database is refused at once, by both ways
// of opening (opening a pipe waited for a writer for ever).
func TestDatabasePathThatIsNoFile(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, dir} {
		for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
			if s, err := open(path); err == nil || !strings.Contains(err.Error(), "not a file") {
				if s != nil {
					s.Close()
				}
				t.Errorf("%s(%s): %v", name, filepath.Base(path), err)
			}
		}
	}
}
