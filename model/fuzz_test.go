package model

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Fuzz tests: `make fuzz` runs each for a minute; `go test` runs the seeds.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-10", "", " 2024-02-29 ", "2023-02-29", "31/12/2025", "9999-12-31", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil || d.IsZero() {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q → %s does not read back: %v", s, d, err)
		}
	})
}

func FuzzCadence(f *testing.F) {
	for _, s := range []string{"weekly", "Every 2 weeks", "MONTHLY", "none", "fortnightly"} {
		f.Add(s, 2026, 1, 31)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		c, err := ParseCadence(s)
		if err != nil {
			return
		}
		if y < 1 || y > 9998 || m < 1 || m > 12 || d < 1 || d > 31 {
			return
		}
		last := NewDate(y, time.Month(m), d)
		next := c.Next(last)
		if !last.Before(next) || last.DaysUntil(next) > 31 {
			t.Fatalf("%s after %s = %s", c, last, next)
		}
	})
}

func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"biscuit", "mov hou", `"`, "a OR b", "NEAR(", "*", "ü ß 日本"} {
		f.Add(s)
	}
	s, err := Open(filepath.Join(f.TempDir(), FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(q, true, 10); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}

func FuzzRestore(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "good.db")
	s, err := Open(good)
	if err != nil {
		f.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Seed"}); err != nil {
		f.Fatal(err)
	}
	s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.Close()
	data, _ := os.ReadFile(good)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte("SQLite format 3\x00 but not really"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		src := filepath.Join(dir, "candidate.db")
		if err := os.WriteFile(src, data, 0o600); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dir, "target.db")
		if err := copyFile(good, target); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(target)
		if _, err := restoreInto(src, target); err != nil {
			if after, _ := os.ReadFile(target); !bytes.Equal(after, before) {
				t.Fatalf("a refused restore changed the database: %v", err)
			}
			return
		}
		r, err := Open(target)
		if err != nil {
			t.Fatalf("a restored database does not open: %v", err)
		}
		r.Close()
	})
}
