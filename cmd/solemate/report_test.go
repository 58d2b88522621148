package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/dbtest"
	"solemate/model/storetest"
)

// The owner links a report's login to their person; anything else is
// refused in plain words.
func TestCLIReportLogin(t *testing.T) {
	file := filepath.Join(t.TempDir(), "s.db")
	if code, _, _, _ := runCLI(t, nil, "me", "lena@example.com", "Lena Lead", "--db", file); code != 0 {
		t.Fatal("could not make a database file")
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"one argument", []string{"report-login", "priya", "--db", file}, 2, "name the login and the person"},
		{"a file", []string{"report-login", "priya", "lena@example.com", "--db", file}, 1, "reports sign in to a shared server"},
	}
	var db string
	if dbtest.Server != "" {
		db = storetest.ServerDatabase(t)
		role := fmt.Sprintf("priya_%d", os.Getpid())
		admin := dbtest.Admin(t, model.Open)
		if _, err := admin.Exec("CREATE ROLE " + role + " LOGIN IN ROLE " + model.ReportRole); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _, _ = admin.Exec("DROP ROLE IF EXISTS " + role) })
		tests = append(tests, []struct {
			name   string
			args   []string
			code   int
			stderr string
		}{
			{"add her", []string{"me", "priya@example.com", "Priya Nair", "--db", db}, 0, ""},
			{"nobody of that name", []string{"report-login", role, "Nobody", "--db", db}, 1, `nobody active on the roster is exactly "Nobody"`},
			{"no such login", []string{"report-login", "no_such_login", "priya@example.com", "--db", db}, 1, `there is no login "no_such_login" in solemate_report yet`},
			{"linked", []string{"report-login", role, "priya@example.com", "--db", db}, 0, ""},
		}...)
	}
	for _, tt := range tests {
		code, _, stderr, _ := runCLI(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: exit %d, stderr %q; want %d, %q", tt.name, code, stderr, tt.code, tt.stderr)
		}
	}
}
