package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model"
)

// Adversary 19: `solemate me` prints the person's email as stored, while
// every other stored text the command line prints goes through shown. On
// a server people is shared and any lead writes an email with raw SQL (or
// a restored backup carries one): an escape sequence in it then runs in
// the terminal of whoever asks `solemate me` (and on a server the email
// fallback finds "me" by an email that merely starts with the role's name
// and "@", so lead B can plant it in A's own row: ana@example.com<ESC>...).
func TestAdv19MePrintsNoControlCharacters(t *testing.T) {
	t.Setenv(model.TodayEnv, "2026-03-10")
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, stderr, _ := runCLI(t, nil, "me", "lena@example.com", "Lena Lead", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	hostile := "lena@example.com\x1b]0;owned\x07\x1b[2J\r"
	if _, err := raw.Exec("UPDATE people SET email = ? WHERE email = 'lena@example.com'", hostile); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, stdout, stderr, _ := runCLI(t, nil, "me", "--db", db)
	if code != 0 {
		t.Fatalf("me: exit %d, %q", code, stderr)
	}
	if strings.ContainsAny(stdout, "\x1b\x07\r") {
		t.Errorf("solemate me wrote control characters to the terminal: %q", stdout)
	}
}
