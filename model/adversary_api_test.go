package model

import (
	"errors"
	"testing"
	"time"
)

// Issue #18 exported Store.ImportPeople so that model/roster could move out
// of package model. Before the move, the only way into the import's
// transaction was ImportRoster(io.Reader), which checked every cell (one-line
// text, email, role, status, duplicates) before anything was written. The
// exported entry point takes already "read" entries and writes them as they
// are, so any caller built on model's exported API (the README invites
// export, roster, copier, demo and the UI to build on it) stores what every
// form and the roster reader refuse. The promise "No invisible control
// characters are stored; one-line fields stay one line" is kept only by
// whoever remembers to call roster.Read first.
func TestImportPeopleRefusesWhatTheFormsRefuse(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Person
	}{
		{"escape sequence in the name", Person{Name: "Eve\x1b[2J\x1b[31mBoss", Email: "eve@example.com"}},
		{"line break in the name", Person{Name: "Eve\nMallory", Email: "eve@example.com"}},
		{"tab in the team", Person{Name: "Eve", Email: "eve@example.com", Team: "Blue\tRed"}},
		{"zero-width and bidi in the name", Person{Name: "Eve\u202e\u200b", Email: "eve@example.com"}},
		{"NUL in the preferred name", Person{Name: "Eve", PreferredName: "E\x00ve", Email: "eve@example.com"}},
		{"empty name", Person{Name: "   ", Email: "eve@example.com"}},
		{"not an email", Person{Name: "Eve", Email: "eve at example dot com"}},
		{"unknown role", Person{Name: "Eve", Email: "eve@example.com", Role: Role("superuser")}},
		{"unknown status", Person{Name: "Eve", Email: "eve@example.com", Status: Status("deleted")}},
		{"unknown cadence", Person{Name: "Eve", Email: "eve@example.com", Cadence: Cadence("hourly")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			p := tc.p
			_, err := s.ImportPeople([]*RosterEntry{{Line: 2, Person: p}}, nil)
			var ie *ImportError
			var ve *ValidationError
			if err == nil || !(errors.As(err, &ie) || errors.As(err, &ve)) {
				t.Errorf("ImportPeople(%+q) = %v, want the import refused with the line's problem", p.Name+"|"+p.Email, err)
			}
			if n, _ := s.CountPeople(); n != 0 {
				rows, _ := s.People(true)
				t.Errorf("%d people stored that SavePerson refuses: %+v", n, rows)
			}
		})
	}
}

// An update through ImportPeople must not store what SavePerson refuses
// either: a roster line matching someone by email overwrites their fields
// as they come.
func TestImportPeopleUpdateRefusesControlCharacters(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Ana", Email: "ana@example.com", StartDate: DateOf(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC))}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	_, err := s.ImportPeople([]*RosterEntry{{Line: 2, Person: Person{Name: "Ana\x07\x1b]0;pwned\x07", Email: "ana@example.com", Team: "A\r\nB"}}}, nil)
	if err == nil {
		t.Errorf("an update with control characters was accepted")
	}
	got, err := s.Person(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Ana" || got.Team != "" {
		t.Errorf("stored name %q team %q, want them untouched", got.Name, got.Team)
	}
}

// The roster reader reported an email used twice with both lines; since the
// check moved to model/roster, ImportPeople takes two entries of one email
// as they come: two new ones fail on the unique index with a bare database
// error instead of the lines, and two for someone already on the roster
// both "update" them, the second silently winning.
func TestImportPeopleReportsAnEmailUsedTwice(t *testing.T) {
	for _, existing := range []bool{false, true} {
		s := newTestStore(t)
		if existing {
			p := Person{Name: "Ana", Email: "ana@example.com"}
			if err := s.SavePerson(&p); err != nil {
				t.Fatal(err)
			}
		}
		_, err := s.ImportPeople([]*RosterEntry{
			{Line: 2, Person: Person{Name: "Ana One", Email: "ana@example.com"}},
			{Line: 3, Person: Person{Name: "Ana Two", Email: "ana@example.com"}},
		}, nil)
		var ie *ImportError
		if !errors.As(err, &ie) || len(ie.Problems) == 0 || ie.Problems[0].Line != 3 {
			t.Errorf("already on the roster %v: ImportPeople with one email on lines 2 and 3 = %v, want an ImportError naming line 3", existing, err)
		}
	}
}
