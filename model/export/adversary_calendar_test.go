package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

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

// A stored name that no form would take, planted by another lead's raw SQL
// on a server (people are shared and carry no CHECK on text), leaves no
// export as it is stored:
//   - an escape sequence: the command line writes exports to stdout, a
//     terminal by default, which it retitles, clears or rewrites;
//   - a bidi override or a zero-width character (textProblem refuses them in
//     every one-line field): U+202E reverses the rest of the line in
//     terminals that do bidi and in every spreadsheet and calendar program,
//     so the roster shows "Ana <boss@example.com>" where it says otherwise.
func TestExportsCarryNoInvisibleCharacters(t *testing.T) {
	control := func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }
	format := func(r rune) bool {
		return strings.ContainsRune("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff", r)
	}
	for _, c := range []struct {
		what, name string
		bad        func(rune) bool
		formats    []string
	}{
		{"control characters", "Ana\x1b]0;pwned\x07\x1b[2J\x1b[1A", control, []string{export.FormatCSV, export.FormatMarkdown}},
		{"bidi overrides", "Ana \u202emoc.elpmaxe@ssob\u202c\u200b", format, []string{export.FormatCSV, export.FormatMarkdown, "ics"}},
	} {
		for _, f := range c.formats {
			t.Run(c.what+"/"+f, func(t *testing.T) {
				s := storetest.New(t)
				p := storetest.AddPerson(t, s, "Ana")
				if err := s.DB().Exec("UPDATE people SET name = ? WHERE id = ?", c.name, p.ID).Error; err != nil {
					t.Fatal(err)
				}
				var out bytes.Buffer
				var err error
				if f == "ics" {
					err = export.Calendar(s, &out, time.UTC)
				} else {
					err = export.People(s, &out, f)
				}
				if err != nil {
					t.Fatal(err)
				}
				text := strings.ReplaceAll(out.String(), "\r\n", "\n")
				if i := strings.IndexFunc(text, c.bad); i >= 0 {
					r, _ := utf8.DecodeRuneInString(text[i:])
					t.Errorf("the %s export writes %U from a stored name:\n%q", f, r, text)
				}
			})
		}
	}
}
