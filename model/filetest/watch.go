//go:build linux

// Package filetest helps the tests of the files Solemate writes. Watch sees
// files the moment they appear in a folder, to hold every file with private
// data to 0600 from its first byte: a mode set right after writing comes too
// late for whoever opened the file before. Command and RunLimited run a
// test again in a process of its own: to kill it, or with a limit on the
// size of its files, as on a disk that fills up.
package filetest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"unsafe"
)

const events = syscall.IN_CREATE | syscall.IN_MOVED_TO | syscall.IN_MODIFY | syscall.IN_ATTRIB

// stopName is the file whose appearance tells the reader it has seen
// everything before it (inotify keeps events in order).
const stopName = ".filetest-stop"

// Watch looks at every file and folder in dir as it appears, changes or is
// written, with the umask set to 022 as a typical user's meanwhile. stop ends
// the watch and returns what others could read: a folder open to them, a file
// that appeared readable by them, or one written while it was.
func Watch(t testing.TB, dir string) (stop func() []string) {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC | syscall.IN_NONBLOCK)
	if err != nil {
		t.Fatalf("inotify: %v", err)
	}
	if _, err := syscall.InotifyAddWatch(fd, dir, events); err != nil {
		syscall.Close(fd)
		t.Fatalf("watch %s: %v", dir, err)
	}
	f := os.NewFile(uintptr(fd), "inotify") // non-blocking: reads wait in Go's poller
	old := syscall.Umask(0o022)
	var (
		mu    sync.Mutex
		found []string
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64*1024)
		for {
			n, err := f.Read(buf)
			if err != nil {
				return
			}
			for off := 0; off+syscall.SizeofInotifyEvent <= n; {
				ev := (*syscall.InotifyEvent)(unsafe.Pointer(&buf[off]))
				name := string(bytes.TrimRight(buf[off+syscall.SizeofInotifyEvent:off+syscall.SizeofInotifyEvent+int(ev.Len)], "\x00"))
				off += syscall.SizeofInotifyEvent + int(ev.Len)
				if name == stopName {
					return
				}
				if problem := look(filepath.Join(dir, name), ev.Mask); problem != "" {
					mu.Lock()
					found = append(found, problem)
					mu.Unlock()
				}
			}
		}
	}()
	stopped := false
	stop = func() []string {
		if !stopped {
			stopped = true
			sentinel := filepath.Join(dir, stopName)
			if err := os.WriteFile(sentinel, nil, 0o600); err != nil {
				t.Errorf("stop watching: %v", err)
			}
			<-done
			os.Remove(sentinel)
			f.Close()
			syscall.Umask(old)
		}
		mu.Lock()
		defer mu.Unlock()
		return found
	}
	t.Cleanup(func() { stop() })
	return stop
}

// look says what is wrong with the file at path just after the event mask,
// or "". An empty file made readable by others is let be unless it just
// appeared: nothing private is in it yet, and a file dialog makes one.
func look(path string, mask uint32) string {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return "" // gone already, or private
	}
	switch {
	case fi.IsDir():
		return fmt.Sprintf("folder %s is %v", filepath.Base(path), fi.Mode().Perm())
	case !fi.Mode().IsRegular():
		return ""
	case mask&(syscall.IN_CREATE|syscall.IN_MOVED_TO) != 0:
		return fmt.Sprintf("%s appeared %v", filepath.Base(path), fi.Mode().Perm())
	case fi.Size() > 0:
		return fmt.Sprintf("%s held %d bytes while %v", filepath.Base(path), fi.Size(), fi.Mode().Perm())
	}
	return ""
}
