package export_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// A name the forms refuse still reaches the calendar export: through
// model.Store.ImportPeople, exported in #18 without the reader's checks, or
// on a server through raw SQL by another lead (people are shared and carry
// no CHECK). icsText escapes CRLF and LF but not a lone CR, and passes
// other control characters as they are: a name "Ana\rEND:VEVENT\r..." then
// writes lines of its own into the file, which calendar programs that split
// lines on CR (as many do, RFC 5545 or not) read as events and properties
// of the attacker's choosing. Every content line must be one line of
// printable text.
func TestCalendarExportKeepsEachNameOnItsLine(t *testing.T) {
	for _, name := range []string{
		"Ana\rEND:VEVENT\rBEGIN:VEVENT\rUID:x\rSUMMARY:injected",
		"Ana\x0bEND:VEVENT",
		"Ana\x1b[2J\x00",
	} {
		t.Run(name, func(t *testing.T) { calendarWithName(t, name) })
	}
}

func calendarWithName(t *testing.T, name string) {
	{
		s := storetest.New(t)
		p := storetest.AddPerson(t, s, "Ana")
		// As ImportPeople, or another lead's UPDATE on a server, writes it.
		if _, err := s.ImportPeople([]*model.RosterEntry{{Line: 2, Person: model.Person{Name: name}}}, nil); err != nil {
			if err := s.DB().Exec("UPDATE people SET name = ? WHERE id = ?", name, p.ID).Error; err != nil {
				t.Skipf("cannot store %q here: %v", name, err)
			}
		}
		var out bytes.Buffer
		if err := export.Calendar(s, &out, nil); err != nil {
			t.Fatal(err)
		}
		events := 0
		for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\r\n"), "\r\n") {
			if strings.ContainsFunc(line, func(r rune) bool { return unicode.IsControl(r) && r != '\t' }) {
				t.Errorf("name %q: line %d of the calendar holds a control character: %q", name, i+1, line)
			}
			// A line of its own, not the name's escaped text in a SUMMARY.
			if line == "BEGIN:VEVENT" {
				events++
			}
		}
		if events > 2 {
			t.Errorf("name %q: %d BEGIN:VEVENT in a calendar of two people", name, events)
		}
	}
}

// The same stored name in the roster exports, which the command line writes
// to stdout, a terminal by default: an escape sequence in a name planted by
// another lead on a server (raw SQL) retitles, clears or rewrites the
// exporting lead's terminal. Text that cannot be seen must not leave as it
// is in any export format.
func TestRosterExportsCarryNoControlCharacters(t *testing.T) {
	const name = "Ana\x1b]0;pwned\x07\x1b[2J\x1b[1A"
	for _, format := range []string{export.FormatCSV, export.FormatMarkdown} {
		t.Run(format, func(t *testing.T) {
			s := storetest.New(t)
			p := storetest.AddPerson(t, s, "Ana")
			if err := s.DB().Exec("UPDATE people SET name = ? WHERE id = ?", name, p.ID).Error; err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := export.People(s, &out, format); err != nil {
				t.Fatal(err)
			}
			text := strings.ReplaceAll(out.String(), "\r\n", "\n")
			if strings.ContainsFunc(text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
				t.Errorf("export people --format %s writes the name's control characters: %q", format, text)
			}
		})
	}
}
