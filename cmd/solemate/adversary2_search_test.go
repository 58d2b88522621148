package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"solemate/model"
)

// The exports now write no control character from stored text ("an export
// read in a terminal must not run an escape sequence planted in a name",
// visible() in model/export), but `solemate search` prints its hits to the
// terminal as they are stored: the person's name raw, the snippet with only
// its white space folded. People and one-on-ones are shared on a server
// and carry no CHECK on text, so another lead's raw UPDATE (or a tampered
// file) puts an escape sequence in a name or a note, and the next lead who
// searches runs it in their terminal: retitle the window, clear the screen,
// hide lines, or with some terminals worse (OSC 52 writes the clipboard).
// One match per line means one line of visible text per match.
func TestCLISearchWritesNoControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	s, err := model.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	p := model.Person{Name: "Ana Silva", Email: "ana@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	o, err := s.StartOneOnOne(p.ID, time.Now().Add(-time.Hour), model.MeetingSettingDesk)
	if err != nil {
		t.Fatal(err)
	}
	o.SharedNotes = "The kitchen move went fine."
	if err := s.SaveOneOnOne(&o); err != nil {
		t.Fatal(err)
	}
	// What another lead's SQL writes on a server, where both are shared.
	for _, q := range []string{
		"UPDATE people SET name = 'Ana' || char(27) || ']52;c;b3duZWQ=' || char(7) || char(27) || '[2J' WHERE id = ?",
		"UPDATE one_on_ones SET shared_notes = 'The kitchen ' || char(27) || '[8m' || 'move went fine.' || char(155) || '2J' WHERE id = ?",
	} {
		id := p.ID
		if strings.Contains(q, "one_on_ones") {
			id = o.ID
		}
		if err := s.DB().Exec(q, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	_ = s.Close()
	code, out, errs, _ := runCLI(t, nil, "search", "kitchen", "--db", db)
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errs)
	}
	for _, r := range out {
		if unicode.IsControl(r) && r != '\t' && r != '\n' {
			t.Errorf("search writes the control character %U to the terminal:\n%q", r, out)
			break
		}
	}
}
