package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIAgendaRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	env := map[string]string{"SOLEMATE_TODAY": "2026-03-10"}
	if code, _, stderr, _ := runCLI(t, env, "import", "people", filepath.Join("..", "..", "model", "roster", "testdata", "good.csv"), "--db", db); code != 0 {
		t.Fatalf("roster: %s", stderr)
	}
	file := filepath.Join(dir, "agenda-ben.md")
	code, stdout, stderr, _ := runCLI(t, env, "export", "agenda", "ben@example.com", "--db", db, "--out", file)
	if code != 0 || !strings.Contains(stdout, "Wrote Ben Lindqvist's agenda to "+file) {
		t.Fatalf("export: %d %q %q", code, stdout, stderr)
	}
	// By name, to stdout, the same file.
	code, stdout, _, _ = runCLI(t, env, "--db", db, "export", "agenda", "Ben Lindqvist")
	written, err := os.ReadFile(file)
	if err != nil || code != 0 || stdout != string(written) {
		t.Fatalf("export to stdout differs from the file (%d, %v)", code, err)
	}
	filled := strings.Replace(string(written), "## Obstacles\n", "## Obstacles\n\n- The headset crackles\n- The queue tool is slow\n", 1)
	filled = strings.Replace(filled, "## Focus for next week\n", "## Focus for next week\n\n- Learn returns\n", 1)
	if err := os.WriteFile(file, []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	history := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(history, []byte("# My notes\n\n## Ben Lindqvist — 2026-03-03\n\n### Obstacles\n\n- [ ] Headset crackles\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"import", []string{"import", "agenda", file, "--db", db}, 0, "Added 3 items to Ben Lindqvist's next one-on-one.", ""},
		{"import again", []string{"--db", db, "import", "agenda", file}, 0, "Nothing new for Ben Lindqvist's next one-on-one: 3 were already there.", ""},
		{"history", []string{"import", "agenda", history, "--db", db}, 0, "Added 1 past one-on-one with Ben Lindqvist.", ""},
		{"history again", []string{"import", "agenda", history, "--db", db}, 0, "Nothing new: the file's one-on-ones with Ben Lindqvist were all here already.", ""},
		{"nobody", []string{"export", "agenda", "zoe@example.com", "--db", db}, 1, "", `nobody active on the roster is "zoe@example.com"`},
		{"no person", []string{"export", "agenda", "--db", db}, 2, "", "export agenda: name the person"},
		{"no file", []string{"import", "agenda", "--db", db}, 2, "", "import agenda: name the file"},
		{"missing file", []string{"import", "agenda", filepath.Join(dir, "nope.md"), "--db", db}, 1, "", "cannot read"},
		{"no database", []string{"import", "agenda", file, "--db", db + ".typo"}, 1, "", "no Solemate database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr, _ := runCLI(t, env, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("got %d, %q, %q", code, stdout, stderr)
			}
		})
	}
	// A refused file: the line and the reason, and nothing added.
	bad := filepath.Join(dir, "bad.md")
	if err := os.WriteFile(bad, []byte(filled+"\n## Gossip\n\n- The new manager\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr, _ = runCLI(t, env, "import", "agenda", bad, "--db", db)
	if code != 1 || !strings.Contains(stderr, `bad.md line 56: "Gossip" is not one of the four headings`) || !strings.Contains(stderr, "nothing was added") {
		t.Errorf("refused file: %d %q", code, stderr)
	}
}
