package model

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenRefusesDamagedFilesWithoutTouchingThem(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Someone"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CopyTo(filepath.Join(dir, "whole.db")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	whole, _ := os.ReadFile(filepath.Join(dir, "whole.db"))
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	cases := map[string][]byte{
		"random bytes": random,
		"truncated":    whole[:len(whole)/2],
		"text file":    []byte(strings.Repeat("name,email\n", 100)),
	}
	for name, data := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Open(path)
		if err == nil {
			t.Errorf("%s: opened", name)
			continue
		}
		if !strings.Contains(err.Error(), "not a Solemate database, or it is damaged") {
			t.Errorf("%s: unclear message %q", name, err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Errorf("%s: the file was changed", name)
		}
	}
}

// TestOpenReadOnlyFile: a database that cannot be written is refused with a
// plain message, or opens and refuses the write, and stays as it was. Root
// writes through file modes, so as root the folder is a tmpfs remounted
// read-only.
func TestOpenReadOnlyFile(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).Run(); err != nil {
			t.Skipf("cannot mount a tmpfs here: %v", err)
		}
		defer exec.Command("umount", dir).Run()
	}
	path := filepath.Join(dir, FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Before"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount read-only: %v %s", err, out)
		}
	} else {
		os.Chmod(path, 0o400)
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
	}
	before, _ := os.ReadFile(path)
	s, err = Open(path)
	switch {
	case err != nil:
		t.Log(err)
		if !strings.Contains(err.Error(), "cannot be written") {
			t.Errorf("the message does not say why: %v", err)
		}
	default:
		if werr := s.SavePerson(&Person{Name: "X"}); werr == nil {
			t.Error("writing to a read-only database should fail")
		}
		s.Close()
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the read-only file changed")
	}
}

func TestBusyDatabaseGivesUpWithAClearError(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), FileName)
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// A holds the write lock; B waits out the busy timeout and is told so.
	tx := a.db.Begin()
	if err := tx.Exec("INSERT INTO people (name) VALUES ('held')").Error; err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	start := time.Now()
	err = b.SavePerson(&Person{Name: "Waiting"})
	if err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("a blocked write: %v", err)
	}
	if time.Since(start) > 30*time.Second {
		t.Error("the wait should end at the busy timeout")
	}
	if n, _ := b.CountPeople(); n != 0 {
		t.Errorf("%d people written", n)
	}
	var tooNew *SchemaTooNewError
	if errors.As(err, &tooNew) {
		t.Error("wrong error type")
	}
}

func TestOpenCreatesMissingFolders(t *testing.T) {
	fileOnly(t)
	path := filepath.Join(t.TempDir(), "a", "b", "c", FileName)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// TestFullDisk fills a small tmpfs: writes fail with a clear error, and
// what was saved before stays whole. It needs root to mount the tmpfs.
func TestFullDisk(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", dir).Run(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v", err)
	}
	defer exec.Command("umount", dir).Run()
	s, err := Open(filepath.Join(dir, FileName))
	if err != nil {
		t.Fatalf("open on the small disk: %v", err)
	}
	defer s.Close()
	saved := 0
	var werr error
	for i := 0; i < 10000 && werr == nil; i++ {
		werr = s.SavePerson(&Person{Name: fmt.Sprintf("Person %d %s", i, strings.Repeat("x", 150))})
		if werr == nil {
			saved++
		}
	}
	if werr == nil {
		t.Fatal("the disk never filled")
	}
	if !strings.Contains(werr.Error(), "full") {
		t.Errorf("unclear error on a full disk: %v", werr)
	}
	if n, err := s.CountPeople(); err != nil || n != int64(saved) {
		t.Errorf("after the disk filled: %d people (%v), want %d", n, err, saved)
	}
	var integrity string
	if err := s.db.Raw("PRAGMA integrity_check").Scan(&integrity).Error; err != nil || integrity != "ok" {
		t.Errorf("integrity after a full disk: %q, %v", integrity, err)
	}
}
