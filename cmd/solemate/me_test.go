package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"solemate/model"
)

// A lead sets up from the command line: the roster names her as manager
// before she is on it, she adds herself, imports, and sees her day.
func TestCLIMeAndToday(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	team := filepath.Join(dir, "team.csv")
	if err := os.WriteFile(team, []byte("name,email,manager_email\nAmir Haddad,amir@example.com,lena@example.com\nBea Berg,bea@example.com,lena@example.com\nOmar Other,omar@example.com,\nZoe Agent,zoe@example.com,omar@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(model.TodayEnv, "2026-03-10")
	var env map[string]string
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"no database yet", []string{"today", "--db", db}, 1, "", "no Solemate database"},
		{"a roster naming an unknown manager", []string{"import", "people", team, "--db", db}, 1, "",
			`if that is you, add yourself first (in Settings, or: solemate me lena@example.com "Your Name")`},
		{"add yourself", []string{"me", "lena@example.com", "Lena Lead", "--db", db}, 0, "Added you to the roster.\nYou are Lena Lead <lena@example.com>.\n", ""},
		{"the roster imports", []string{"import", "people", team, "--db", db}, 0, "imported 4 people (4 added)", ""},
		{"who am I", []string{"me", "--db", db}, 0, "You are Lena Lead <lena@example.com>.\n", ""},
		{"my day", []string{"today", "--db", db}, 0, "Today, Tuesday 10 March 2026 (my reports, for Lena Lead)\n\nOne-on-ones due (2):\n  Amir Haddad — due today\n  Bea Berg — due today\n", ""},
		{"someone else by name", []string{"me", "omar other", "--db", db}, 0, "You are Omar Other <omar@example.com>.\n", ""},
		{"their day", []string{"today", "--db", db}, 0, "One-on-ones due (1):\n  Zoe Agent — due today\n", ""},
		{"nobody of that name", []string{"me", "Nobody Here", "--db", db}, 1, "", `nobody active on the roster is "Nobody Here"`},
		{"a name in two words unquoted", []string{"me", "a@example.com", "Lena", "Lead", "--db", db}, 2, "", "put a name with spaces in quotes"},
		{"an unknown format", []string{"today", "--format", "xml", "--db", db}, 2, "", `unknown format "xml"`},
	}
	for _, tt := range tests {
		code, stdout, stderr, _ := runCLI(t, env, tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, %q, %q", tt.name, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
		}
	}

	// An action the lead owns says so, as the app's "I will" does.
	st, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	zoe, err := st.FindMe("zoe@example.com")
	if err == nil {
		err = st.SaveAction(&model.Action{PersonID: zoe.ID, Text: "Ask IT about the headset", Owner: model.OwnerLead, Due: model.NewDate(2026, 3, 11)})
	}
	if err == nil {
		err = st.SaveAction(&model.Action{PersonID: zoe.ID, Text: "Read the refunds guide", Owner: model.OwnerReport, Due: model.NewDate(2026, 3, 12)})
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, stdout, _, _ := runCLI(t, env, "today", "--db", db); !strings.Contains(stdout, "  You will (with Zoe Agent): Ask IT about the headset") ||
		!strings.Contains(stdout, "  Zoe Agent will: Read the refunds guide") {
		t.Errorf("actions do not say whose they are:\n%s", stdout)
	}

	code, stdout, stderr, _ := runCLI(t, env, "today", "--format", "json", "--db", db)
	var day struct {
		Date string
		Me   struct{ Name, Email string }
		// The names scripts read.
		Scope     string `json:"scope"`
		DueToday  int    `json:"due_today"`
		OneOnOnes []struct {
			Name string `json:"name"`
			Due  string `json:"due"`
		} `json:"one_on_ones"`
		FollowUps []any `json:"follow_ups"`
	}
	if err := json.Unmarshal([]byte(stdout), &day); code != 0 || err != nil {
		t.Fatalf("json: exit %d, %v, %s %s", code, err, stdout, stderr)
	}
	var names []string
	for _, r := range day.OneOnOnes {
		names = append(names, r.Name+" "+r.Due)
	}
	if day.Date != "2026-03-10" || day.Me.Email != "omar@example.com" || day.Scope != "mine" || day.DueToday != 1 ||
		!slices.Equal(names, []string{"Zoe Agent 2026-03-10"}) || day.FollowUps == nil {
		t.Errorf("json day = %+v", day)
	}
}

// Before anyone says who they are, me says how, and today shows everyone.
func TestCLIMeNobodyYet(t *testing.T) {
	t.Setenv(model.TodayEnv, "2026-03-10")
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, stderr, _ := runCLI(t, nil, "demo", "--people", "12", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	if code, stdout, _, _ := runCLI(t, nil, "me", "--db", db); code != 0 || !strings.Contains(stdout, `Nobody yet. Say who you are: solemate me EMAIL`) {
		t.Errorf("me: %d %q", code, stdout)
	}
	if code, stdout, _, _ := runCLI(t, nil, "today", "--db", db); code != 0 || !strings.Contains(stdout, "(everyone)") {
		t.Errorf("today: %d %q", code, stdout)
	}
}
