package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"solemate/model"
)

// runCLI runs the command line in-process on a temp database folder.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string, guiPath string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &cli{
		stdout:    &out,
		stderr:    &errb,
		getenv:    func(k string) string { return env[k] },
		defaultDB: func() (string, error) { return filepath.Join(t.TempDir(), "default.db"), nil },
		gui:       func(path string) error { guiPath = path; return nil },
	}
	code = c.run(args)
	return code, out.String(), errb.String(), guiPath
}

func TestCLIExitCodesAndMessages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	roster := filepath.Join("..", "..", "model", "roster", "testdata")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // a substring, or "" for none expected
		stderr     string
		stderrLine bool // stderr must be a single line
	}{
		{"version", []string{"version"}, 0, "solemate " + Version, "", false},
		{"help", []string{"help"}, 0, "solemate import people FILE.csv", "", false},
		{"--help", []string{"--help"}, 0, "Usage:", "", false},
		{"unknown command", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`, false},
		{"unknown flag", []string{"export", "people", "--colour", "red", "--db", db}, 2, "", "unknown option --colour", false},
		{"unknown flag for the app", []string{"--verbose"}, 2, "", "-verbose", false},
		{"missing argument", []string{"import", "people"}, 2, "", "name the CSV file to import", false},
		{"nothing to export", []string{"export"}, 2, "", "say what to export", false},
		{"missing flag value", []string{"export", "people", "--db"}, 2, "", "option --db needs a value", false},
		{"--version", []string{"--version"}, 0, "solemate " + Version, "", false},
		{"export from a mistyped database", []string{"export", "people", "--db", db + ".typo"}, 1, "", "no Solemate database at", true},
		{"unknown export kind", []string{"export", "cats", "--db", db}, 2, "", `unknown kind "cats"`, false},
		{"private flag on people", []string{"export", "people", "--include-private", "--db", db}, 2, "", "go with oneonones", false},
		{"person flag on people", []string{"export", "people", "--person", "a@example.com", "--db", db}, 2, "", "--person goes with", false},
		{"bad since", []string{"export", "oneonones", "--since", "last week", "--db", db}, 2, "", "YYYY-MM-DD", false},
		{"calendar format", []string{"export", "calendar", "--format", "csv", "--db", db}, 2, "", "always iCalendar", false},
		{"bad format", []string{"export", "people", "--format", "pdf", "--db", db}, 2, "", `"pdf"`, false},
		{"bad demo size", []string{"demo", "--people", "lots", "--db", db}, 2, "", "whole number", false},
		{"bad demo day", []string{"demo", "--today", "2027-02-30", "--db", db}, 2, "", "2027-02-30 is not a real date", false},
		{"demo day in another form", []string{"demo", "--today", "6/2/2027", "--db", db}, 2, "", "YYYY-MM-DD", false},
		{"bad demo seed", []string{"demo", "--seed", "-1", "--db", db}, 2, "", "--seed wants a whole number", false},
		{"extra argument to version", []string{"version", "now"}, 2, "", "too many arguments", false},
		{"missing file", []string{"import", "people", "/no/such/file.csv", "--db", db}, 1, "", "cannot read /no/such/file.csv", true},
		{"import good", []string{"import", "people", filepath.Join(roster, "good.csv"), "--db", db}, 0, "imported 4 people (4 added)", "warning: ignored unknown column", false},
		{"import again: unchanged", []string{"--db", db, "import", "people", filepath.Join(roster, "good.csv")}, 0, "imported 4 people (4 unchanged)", "warning: ignored unknown column", false},
		{"import roster: the same", []string{"--db", db, "import", "roster", filepath.Join(roster, "good.csv")}, 0, "imported 4 people (4 unchanged)", "warning: ignored unknown column", false},
		{"import what is not", []string{"--db", db, "import", "cohorts", filepath.Join(roster, "good.csv")}, 2, "", "import people FILE.csv", false},
		{"import bad", []string{"import", "people", filepath.Join(roster, "bad.csv"), "--db", db}, 1, "", "bad.csv line 6: manager ghost@example.com", false},
		{"export csv", []string{"export", "people", "--db", db}, 0, "Dan Nguyen,,dan@example.com,manager", "", false},
		{"export md", []string{"export", "people", "--format=md", "--db", db}, 0, "## Phone North", "", false},
		{"demo refuses a full database", []string{"demo", "--db", db}, 1, "", "only goes into an empty database (pass --db with a new file)", true},
		{"export oneonones empty", []string{"export", "oneonones", "--db", db}, 0, "No one-on-ones match.", "", false},
		{"export oneonones unknown person", []string{"export", "oneonones", "--person", "x@example.com", "--db", db}, 1, "", "no one on the roster has the email x@example.com", true},
		{"export calendar", []string{"export", "calendar", "--db", db}, 0, "BEGIN:VCALENDAR", "", false},
		{"export shadowing", []string{"export", "shadowing", "--format", "md", "--db", db}, 0, "# Walk in the customer's shoes", "", false},
		{"cohort without a name", []string{"export", "cohort", "--db", db}, 2, "", "name the cohort", false},
		{"search without words", []string{"search", "--db", db}, 2, "", "say what to look for", false},
		{"unknown cohort", []string{"export", "cohort", "Nope", "--db", db}, 1, "", `no cohort is called "Nope"; there are no cohorts yet`, true},
		{"shadowing for an unknown person", []string{"export", "shadowing", "--person", "x@example.com", "--db", db}, 1, "", "no one on the roster", true},
		{"migrate-to without a server", []string{"migrate-to", "--from", db}, 2, "", "name the server database to copy into", false},
		{"migrate-to a file", []string{"migrate-to", db + ".new", "--from", db}, 2, "", "is not a server database", false},
		{"migrate-to from a mistyped file", []string{"migrate-to", "postgres://lead@localhost/team", "--from", db + ".typo"}, 1, "", "no Solemate database at " + db + ".typo", true},
		{"migrate-to an unreachable server", []string{"migrate-to", "postgres://lead:hunter2@127.0.0.1:1/team?connect_timeout=5", "--from", db}, 1, "", "postgres://lead:***@127.0.0.1:1/team", true},
		{"export from a server", []string{"export", "people", "--db", "postgres://lead@127.0.0.1:1/team?connect_timeout=5"}, 1, "", "cannot reach the database server at postgres://lead@127.0.0.1:1/team", true},
		{"restore into a server", []string{"restore", db, "--db", "postgres://lead@127.0.0.1:1/team"}, 1, "", "backed up on the server", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs, _ := runCLI(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errs)
			}
			if tt.stdout != "" && !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.stdout)
			}
			if tt.stderr != "" && !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.stderr)
			}
			if tt.stderr == "" && tt.code == 0 && errs != "" {
				t.Errorf("unexpected stderr %q", errs)
			}
			if tt.stderrLine && strings.Count(strings.TrimSuffix(errs, "\n"), "\n") != 0 {
				t.Errorf("stderr is not one line: %q", errs)
			}
			if strings.Contains(out+errs, "hunter2") {
				t.Errorf("a password was printed:\n%s%s", out, errs)
			}
			if tt.code == 2 && !strings.Contains(errs, "Usage:") {
				t.Errorf("usage errors print usage; stderr %q", errs)
			}
		})
	}
}

func TestCLIBadImportLeavesDatabaseUnchanged(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "12", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	_, before, _, _ := runCLI(t, nil, "export", "people", "--db", db)
	code, _, errs, _ := runCLI(t, nil, "import", "people", filepath.Join("..", "..", "model", "roster", "testdata", "bad.csv"), "--db", db)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if lines := regexp.MustCompile(`(?m)^solemate: \S+ line \d+: `).FindAllString(errs, -1); len(lines) != 6 {
		t.Errorf("want 6 numbered problems, got %d:\n%s", len(lines), errs)
	}
	if _, after, _, _ := runCLI(t, nil, "export", "people", "--db", db); after != before {
		t.Error("a refused import changed the roster")
	}
}

func TestCLIExportOneOnOnesFromDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, out, errs, _ := runCLI(t, nil, "demo", "--people", "24", "--db", db); code != 0 || !strings.Contains(out, "one-on-ones") {
		t.Fatalf("demo: %s %s", out, errs)
	}
	_, csvOut, _, _ := runCLI(t, nil, "export", "oneonones", "--format", "csv", "--db", db)
	_, withPrivate, _, _ := runCLI(t, nil, "export", "oneonones", "--format", "csv", "--include-private", "--db", db)
	if n := strings.Count(csvOut, "\n"); n < 20 {
		t.Errorf("demo export has only %d lines", n)
	}
	if strings.Count(withPrivate, ",yes,") == 0 || strings.Count(csvOut, ",yes,") != 0 {
		t.Errorf("private items: %d with the flag, %d without", strings.Count(withPrivate, ",yes,"), strings.Count(csvOut, ",yes,"))
	}
	_, report, _, _ := runCLI(t, nil, "export", "cohort", cohortName(t, db), "--format", "md", "--db", db)
	if !strings.Contains(report, "# Cohort ") || !strings.Contains(report, "## Hires") {
		t.Errorf("cohort report:\n%s", report)
	}
	code, found, _, _ := runCLI(t, nil, "search", "hospital", "--db", db)
	if code != 0 || !strings.HasPrefix(found, "item\t") || !strings.Contains(found, "[hospital]") {
		t.Errorf("search: exit %d\n%s", code, found)
	}
	if code, _, errs, _ := runCLI(t, nil, "search", "xylophone", "--db", db); code != 1 || !strings.Contains(errs, "nothing found") {
		t.Errorf("search with no match: exit %d, %q", code, errs)
	}
	_, privHits, _, _ := runCLI(t, nil, "search", "check", "in", "--include-private", "--db", db)
	_, plainHits, _, _ := runCLI(t, nil, "search", "check", "in", "--db", db)
	if !strings.Contains(privHits, "private\t") || strings.Contains(plainHits, "private\t") {
		t.Errorf("private notes: with the flag\n%s\nplainHits\n%s", privHits, plainHits)
	}
	_, ics, _, _ := runCLI(t, nil, "export", "calendar", "--db", db)
	if strings.Count(ics, "BEGIN:VEVENT") < 5 || !strings.Contains(ics, "\r\n") {
		t.Errorf("calendar:\n%s", ics)
	}
}

// demo --today makes the same data for the same seed and day, whatever day
// it runs on, and SOLEMATE_TODAY runs every command as of a day.
func TestCLIDemoAsOfADay(t *testing.T) {
	dir := t.TempDir()
	export := func(db string) string {
		t.Helper()
		code, out, errs, _ := runCLI(t, nil, "export", "oneonones", "--format", "csv", "--include-private", "--db", db)
		if code != 0 {
			t.Fatalf("export: %s", errs)
		}
		return out
	}
	var exports []string
	for i, env := range []string{"", "2026-12-05", "2027-06-01"} {
		t.Setenv(model.TodayEnv, env)
		db := filepath.Join(dir, fmt.Sprintf("%d.db", i))
		if code, out, errs, _ := runCLI(t, nil, "demo", "--people", "20", "--today", "2027-02-06", "--seed", "9", "--db", db); code != 0 {
			t.Fatalf("demo as of 6 Feb 2027, SOLEMATE_TODAY=%q: %s %s", env, out, errs)
		}
		exports = append(exports, export(db))
	}
	if exports[0] != exports[1] || exports[0] != exports[2] {
		t.Error("the same seed and day gave different one-on-ones")
	}
	// The first column is the meeting's day and time.
	if last := regexp.MustCompile(`(?m)^2027-02-\d\d`).FindAllString(exports[0], -1); len(last) == 0 || slices.Max(last) != "2027-02-05" {
		t.Errorf("one-on-ones of a demo as of Saturday 6 Feb 2027 should run to Friday 5 Feb; February has %v", slices.Compact(last))
	}

	t.Setenv(model.TodayEnv, "2027-02-06")
	db := filepath.Join(dir, "today.db")
	if code, out, errs, _ := runCLI(t, nil, "demo", "--people", "20", "--seed", "9", "--db", db); code != 0 {
		t.Fatalf("demo with SOLEMATE_TODAY: %s %s", out, errs)
	}
	if export(db) != exports[0] {
		t.Error("SOLEMATE_TODAY=2027-02-06 and --today 2027-02-06 gave different data")
	}
	for _, bad := range []string{"tomorrow", "2027-02-29"} {
		t.Setenv(model.TodayEnv, bad)
		if code, _, errs, gui := runCLI(t, nil, "--db", db); code != 1 || gui != "" || !strings.Contains(errs, "SOLEMATE_TODAY") {
			t.Errorf("the window with SOLEMATE_TODAY=%s: exit %d, window on %q, %q", bad, code, gui, errs)
		}
		code, _, errs, _ := runCLI(t, nil, "export", "people", "--db", db)
		if code != 1 || !strings.Contains(errs, "SOLEMATE_TODAY") {
			t.Errorf("SOLEMATE_TODAY=%s: exit %d, %q", bad, code, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "never.db")); err == nil {
			t.Fatal("never.db exists before the test made it")
		}
		if code, _, _, _ := runCLI(t, nil, "demo", "--db", filepath.Join(dir, "never.db")); code != 1 {
			t.Errorf("demo with SOLEMATE_TODAY=%s: exit %d", bad, code)
		}
		if _, err := os.Stat(filepath.Join(dir, "never.db")); err == nil {
			t.Errorf("SOLEMATE_TODAY=%s left a database behind", bad)
		}
	}
}

// TestCLIRefusedImportLeavesNoNewDatabase: a refused import into a new
// file, or into an empty one, leaves the folder as it was.
func TestCLIRefusedImportLeavesNoNewDatabase(t *testing.T) {
	for _, empty := range []bool{false, true} {
		dir := t.TempDir()
		db := filepath.Join(dir, "new.db")
		if empty {
			if err := os.WriteFile(db, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		code, _, _, _ := runCLI(t, nil, "import", "people", filepath.Join("..", "..", "model", "roster", "testdata", "bad.csv"), "--db", db)
		if code != 1 {
			t.Fatalf("exit %d", code)
		}
		entries, _ := os.ReadDir(dir)
		if fi, err := os.Stat(db); len(entries) != map[bool]int{false: 0, true: 1}[empty] || empty && fi.Size() != 0 {
			t.Errorf("empty file %v: a refused import left %d files (%v)", empty, len(entries), err)
		}
	}
}

// cohortName is the name of one of the demo's cohorts.
func cohortName(t *testing.T, db string) string {
	t.Helper()
	s, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.Cohorts()
	if err != nil || len(cs) == 0 {
		t.Fatalf("demo cohorts: %v, %v", cs, err)
	}
	return cs[0].Name
}

func TestCLIBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "5", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if code, out, errs, _ := runCLI(t, nil, "backup", copyPath, "--db", db); code != 0 || !strings.Contains(out, "backed up to") {
		t.Fatalf("backup: %s %s", out, errs)
	}
	_, before, _, _ := runCLI(t, nil, "export", "people", "--db", db)
	if err := os.WriteFile(filepath.Join(dir, "junk.db"), []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs, _ := runCLI(t, nil, "restore", filepath.Join(dir, "junk.db"), "--db", db); code != 1 || !strings.Contains(errs, "not restored") {
		t.Errorf("restoring junk: exit %d, %q", code, errs)
	}
	if code, out, errs, _ := runCLI(t, nil, "restore", copyPath, "--db", db); code != 0 || !strings.Contains(out, "is kept as") {
		t.Fatalf("restore: %s %s", out, errs)
	}
	if _, after, _, _ := runCLI(t, nil, "export", "people", "--db", db); after != before {
		t.Error("restoring the copy should give the same roster")
	}
}

func TestCLIDatabaseChoice(t *testing.T) {
	flagDB := filepath.Join(t.TempDir(), "flag.db")
	envDB := filepath.Join(t.TempDir(), "env.db")
	env := map[string]string{"SOLEMATE_DB": envDB}

	if _, _, _, gui := runCLI(t, nil); !strings.HasSuffix(gui, "default.db") {
		t.Errorf("no flag, no env: app opened %q", gui)
	}
	if _, _, _, gui := runCLI(t, env); gui != envDB {
		t.Errorf("SOLEMATE_DB: app opened %q", gui)
	}
	if _, _, _, gui := runCLI(t, env, "--db", flagDB); gui != flagDB {
		t.Errorf("--db beats SOLEMATE_DB: app opened %q", gui)
	}
	if code, _, errs, _ := runCLI(t, env, "demo", "--people", "3"); code != 0 {
		t.Fatalf("demo via SOLEMATE_DB: %s", errs)
	}
	s, err := model.Open(envDB)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountPeople(); n != 3 {
		t.Errorf("SOLEMATE_DB database has %d people, want 3", n)
	}
}

// TestFyneAppTOMLMatches keeps FyneApp.toml and the compiled-in identity in step.
func TestFyneAppTOMLMatches(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	toml := string(b)
	for key, want := range map[string]string{"ID": `"` + AppID + `"`, "Version": `"` + Version + `"`, "Build": "1"} {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*(.+?)\s*$`).FindStringSubmatch(toml)
		if m == nil || m[1] != want {
			t.Errorf("FyneApp.toml %s = %v, want %s", key, m, want)
		}
	}
	if Build != 1 {
		t.Errorf("update the Build check above with the new build number")
	}
	if !regexp.MustCompile(`(?m)^\s*fyneDo\s*=\s*true`).MatchString(toml) {
		t.Error("FyneApp.toml should set [Migrations] fyneDo = true")
	}
}

// serverDatabase makes an empty database on the PostgreSQL server that
// SOLEMATE_TEST_POSTGRES names (make test starts one) and returns its URL
// with a password in it, which the server ignores and no output may show.
func serverDatabase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("SOLEMATE_TEST_POSTGRES")
	if admin == "" {
		t.Skip("needs a PostgreSQL server; runs with SOLEMATE_TEST_POSTGRES")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	name := fmt.Sprintf("solemate_cli_%d", os.Getpid())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "hunter2")
	u.Path = "/" + name
	return u.String()
}

func TestCLIServerDatabase(t *testing.T) {
	server := serverDatabase(t)
	file := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "6", "--db", file); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	env := map[string]string{"SOLEMATE_DB": file}
	code, out, errs, _ := runCLI(t, env, "migrate-to", server)
	if code != 0 || !strings.Contains(out, "copied "+file+" into ") || !regexp.MustCompile(`(?m)^people +6$`).MatchString(out) ||
		!strings.Contains(errs, "one_on_ones: ") {
		t.Fatalf("migrate-to (from SOLEMATE_DB): exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	serverEnv := map[string]string{"SOLEMATE_DB": server}
	// Snippets are cut by each database's own rules; the hits are the same.
	snippets := regexp.MustCompile(`(?m)\t[^\t\n]*$`)
	for _, args := range [][]string{{"export", "people"}, {"export", "oneonones", "--include-private"}, {"search", "customer"}} {
		_, want, _, _ := runCLI(t, nil, append(args, "--db", file)...)
		code, got, errs, _ := runCLI(t, serverEnv, args...)
		if args[0] == "search" {
			want, got = snippets.ReplaceAllString(want, ""), snippets.ReplaceAllString(got, "")
		}
		if want == "" {
			t.Fatalf("%v finds nothing in the file", args)
		}
		if code != 0 || got != want {
			t.Errorf("%v on the server: exit %d, %s\ngot:\n%s\nwant:\n%s", args, code, errs, got, want)
		}
	}
	_, before, _, _ := runCLI(t, serverEnv, "export", "people")
	if code, _, errs, _ := runCLI(t, nil, "import", "people", filepath.Join("..", "..", "model", "roster", "testdata", "bad.csv"), "--db", server); code != 1 || !strings.Contains(errs, "nothing imported") {
		t.Errorf("a bad import into the server: exit %d, %s", code, errs)
	}
	if code, _, errs, _ := runCLI(t, nil, "migrate-to", server, "--from", file); code != 1 || !strings.Contains(errs, "already holds data (people: 6") {
		t.Errorf("migrate-to a server in use: exit %d, %s", code, errs)
	}
	if _, after, _, _ := runCLI(t, serverEnv, "export", "people"); after != before {
		t.Error("a refused import or copy changed the server's roster")
	}
	for _, out := range []string{out, errs, before} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("a password was printed: %s", out)
		}
	}
}

// A lead running demo on a shared database is told plainly that its owner
// must, and the owner may.
func TestCLIServerDemoAsALead(t *testing.T) {
	server := serverDatabase(t)
	if code, _, errs, _ := runCLI(t, nil, "export", "people", "--db", server); code != 0 { // the owner's first start makes the schema
		t.Fatalf("the owner's first start: %s", errs)
	}
	admin, err := sql.Open("pgx", os.Getenv("SOLEMATE_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	role := fmt.Sprintf("cli_lead_%d", os.Getpid())
	if _, err := admin.Exec("CREATE ROLE " + role + " LOGIN IN ROLE " + model.LeadRole); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP ROLE IF EXISTS " + role) })
	lead, _ := url.Parse(server)
	lead.User = url.User(role)
	code, _, errs, _ := runCLI(t, nil, "demo", "--people", "6", "--db", lead.String())
	if code != 1 || !strings.Contains(errs, "only its owner may fill it with demo data") || strings.Contains(errs, "permission denied") {
		t.Errorf("demo as a lead: exit %d, %s", code, errs)
	}
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "6", "--db", server); code != 0 {
		t.Errorf("demo as the owner: exit %d, %s", code, errs)
	}
}

// TestCLIReadingCommandsCreateNothing: exports and search given a missing
// or empty file as --db say so and leave it as it was, with nothing beside
// it; they never make it a database.
func TestCLIReadingCommandsCreateNothing(t *testing.T) {
	commands := [][]string{
		{"export", "people"}, {"export", "people", "--format", "md"}, {"export", "oneonones"}, {"export", "calendar"},
		{"export", "shadowing"}, {"export", "cohort", "March 2026"}, {"search", "amara"},
	}
	for _, args := range commands {
		for _, empty := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s empty file %v", strings.Join(args, " "), empty), func(t *testing.T) {
				dir := t.TempDir()
				db := filepath.Join(dir, "s.db")
				want := "no Solemate database at"
				if empty {
					want = "is not a Solemate database"
					if err := os.WriteFile(db, nil, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				code, out, errs, _ := runCLI(t, nil, append(args, "--db", db)...)
				if code != 1 || !strings.Contains(errs, want) || out != "" {
					t.Errorf("exit %d, stdout %q, stderr %q; want 1 and %q", code, out, errs, want)
				}
				entries, _ := os.ReadDir(dir)
				if fi, err := os.Stat(db); len(entries) != map[bool]int{true: 1, false: 0}[empty] || (empty && fi.Size() != 0) {
					t.Errorf("the folder holds %d files (%v)", len(entries), err)
				}
			})
		}
	}
}

// failingWriter fails every write, as a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestCLIOutputThatCannotBeWrittenFails: every command that writes to
// stdout exits 1 and says so when its output cannot be written (migrate-to,
// which needs a server, goes the same way).
func TestCLIOutputThatCannotBeWrittenFails(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if code, _, errs, _ := runCLI(t, nil, "demo", "--people", "24", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	roster := filepath.Join("..", "..", "model", "roster", "testdata", "good.csv")
	tests := [][]string{
		{"help"}, {"version"},
		{"export", "people"}, {"export", "people", "--format", "md"}, {"export", "oneonones"}, {"export", "oneonones", "--format", "csv"},
		{"export", "calendar"}, {"export", "shadowing"}, {"export", "shadowing", "--format", "md"},
		{"export", "cohort", cohortName(t, db)}, {"export", "cohort", cohortName(t, db), "--format", "md"},
		{"search", "the"},
		{"import", "people", roster},
		{"backup", filepath.Join(dir, "copy.db")},
		{"restore", filepath.Join(dir, "copy.db")},
		{"demo", "--people", "3", "--db", filepath.Join(dir, "new.db")},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var errb bytes.Buffer
			c := &cli{stdout: failingWriter{}, stderr: &errb, getenv: func(string) string { return "" },
				defaultDB: func() (string, error) { return db, nil }}
			if code := c.run(args); code != 1 || !strings.Contains(errb.String(), "cannot write the output: no space left on device") {
				t.Errorf("exit %d, stderr %q", code, errb.String())
			}
		})
	}
}

// TestCLIFailedDemoLeavesNoDatabase: a demo that fails part way (here on a
// full disk: a small tmpfs, so as root) leaves no new database behind.
func TestCLIFailedDemoLeavesNoDatabase(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	code, _, errs, _ := runCLI(t, nil, "demo", "--people", "60", "--years", "1", "--db", filepath.Join(dir, "s.db"))
	if code != 1 || !strings.Contains(errs, "full") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed demo left %d files", len(entries))
	}
}
