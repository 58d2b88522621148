package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"solemate/model/dbtest"
)

// contentDigest hashes every row of every table, so a test can tell that
// a refused save wrote nothing at all.
func contentDigest(t *testing.T, s *Store) string {
	t.Helper()
	return dbtest.ContentDigest(t, s.db)
}

// TestInvisibleCharactersRefused: a NUL or another control character is
// refused in every field people type, and a line break or tab in every
// one-line field; the typed error names the field and nothing is written.
// Notes of several lines keep their line breaks and tabs.
func TestInvisibleCharactersRefused(t *testing.T) {
	s := newTestStore(t)
	lead := Person{Name: "Lena Lead", Email: "lena@example.com"}
	if err := s.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	o := mustStart(t, s, lead.ID, fixedNow.Add(-time.Hour))
	item, err := s.AddItem(o.ID, HeadingProgress, "Fine", false)
	if err != nil {
		t.Fatal(err)
	}
	prog := defaultProgramID(t, s)
	c, err := s.CreateCohort(NewCohort{Name: "March 2026", ProgramID: prog, Start: NewDate(2026, 3, 2), HireIDs: []uint{lead.ID}})
	if err != nil {
		t.Fatal(err)
	}
	board, _ := s.CohortBoard(c.ID)
	hireID, milestoneID := board.Rows[0].ID, board.Rows[0].Phases[0].Milestones[0].ID
	copies := 0
	program := func(edit func(d *ProgramDetail, text string)) func(string) error {
		return func(text string) error {
			d, err := s.Program(prog)
			if err != nil {
				return err
			}
			copies++
			d.ID, d.Name = 0, fmt.Sprintf("Copy %d", copies)
			edit(&d, text)
			return s.SaveProgram(&d)
		}
	}
	session := func(edit func(sess *Session, text string)) func(string) error {
		return func(text string) error {
			sess := Session{PersonID: lead.ID, Channel: ChannelChat, Date: NewDate(2026, 3, 2)}
			edit(&sess, text)
			return s.SaveSession(&sess, nil)
		}
	}
	meeting := func(edit func(m *OneOnOne, text string)) func(string) error {
		return func(text string) error {
			m, err := s.Meeting(o.ID)
			if err != nil {
				return err
			}
			edit(&m.OneOnOne, text)
			return s.SaveOneOnOne(&m.OneOnOne)
		}
	}
	hire := func(edit func(h *Hire, text string)) func(string) error {
		return func(text string) error {
			var h Hire
			if err := s.db.First(&h, hireID).Error; err != nil {
				return err
			}
			edit(&h, text)
			return s.SaveHire(&h)
		}
	}
	fields := []struct {
		name      string
		field     string // the key the validation error names
		multiLine bool
		save      func(text string) error
	}{
		{"person name", FieldName, false, func(x string) error { return s.SavePerson(&Person{Name: x}) }},
		{"preferred name", FieldPreferredName, false, func(x string) error { return s.SavePerson(&Person{Name: "A", PreferredName: x}) }},
		{"team", FieldTeam, false, func(x string) error { return s.SavePerson(&Person{Name: "A", Team: x}) }},
		{"email", FieldEmail, false, func(x string) error { return s.SavePerson(&Person{Name: "A", Email: "a" + x + "@example.com"}) }},
		{"new hire's name", FieldName, false, func(x string) error {
			_, err := s.CreateCohort(NewCohort{Name: "April 2026", ProgramID: prog, Start: NewDate(2026, 4, 6), NewHires: []Person{{Name: x}}})
			return err
		}},
		{"cohort name", "name", false, func(x string) error {
			_, err := s.CreateCohort(NewCohort{Name: x, ProgramID: prog, Start: NewDate(2026, 4, 6)})
			return err
		}},
		{"program name", "name", false, program(func(d *ProgramDetail, x string) { d.Name = x })},
		{"program description", "description", false, program(func(d *ProgramDetail, x string) { d.Description = x })},
		{"phase name", "phases", false, program(func(d *ProgramDetail, x string) { d.Phases[0].Name = x })},
		{"phase purpose", "phases", false, program(func(d *ProgramDetail, x string) { d.Phases[0].Purpose = x })},
		{"milestone title", "milestones", false, program(func(d *ProgramDetail, x string) { d.Phases[0].Milestones[0].Title = x })},
		{"journey", "journey", false, session(func(sess *Session, x string) { sess.Journey = x })},
		{"tag", "tags", false, func(x string) error {
			sess := Session{PersonID: lead.ID, Channel: ChannelChat, Date: NewDate(2026, 3, 2)}
			return s.SaveSession(&sess, []string{"fine", x})
		}},
		{"what worked", "worked", true, session(func(sess *Session, x string) { sess.Worked = x })},
		{"friction", "friction", true, session(func(sess *Session, x string) { sess.Friction = x })},
		{"wow", "wow", true, session(func(sess *Session, x string) { sess.Wow = x })},
		{"ideas", "ideas", true, session(func(sess *Session, x string) { sess.Ideas = x })},
		{"debrief agreed", "debrief_agreed", true, session(func(sess *Session, x string) { sess.DebriefAgreed = x })},
		{"prompt theme", "theme", false, func(x string) error { return s.SavePrompt(&Prompt{Theme: x, Text: "How are you?"}) }},
		{"prompt text", "text", true, func(x string) error { return s.SavePrompt(&Prompt{Theme: "Wellbeing", Text: x}) }},
		{"action", "text", false, func(x string) error { return s.SaveAction(&Action{PersonID: lead.ID, Text: x}) }},
		{"new item", "text", false, func(x string) error { _, err := s.AddItem(o.ID, HeadingFocus, x, false); return err }},
		{"item", "text", false, func(x string) error { it := item; it.Text = x; return s.UpdateItem(&it) }},
		{"pulse comment", "pulse_comment", false, meeting(func(m *OneOnOne, x string) { m.PulseComment = x })},
		{"shared notes", "shared_notes", true, meeting(func(m *OneOnOne, x string) { m.SharedNotes = x })},
		{"private notes", "private_notes", true, meeting(func(m *OneOnOne, x string) { m.PrivateNotes = x })},
		{"trainer notes", "notes", true, hire(func(h *Hire, x string) { h.Notes = x })},
		{"offer note", "offer_note", false, hire(func(h *Hire, x string) { h.OfferNote = x })},
		{"sign-off note", "note", false, func(x string) error {
			return s.SetCompletion(hireID, milestoneID, true, NewDate(2026, 3, 5), nil, x)
		}},
	}
	texts := []struct {
		name            string
		text            string
		single, several bool // accepted in one-line fields, in notes
	}{
		{"plain", "Amara.Okafor", true, true},
		{"NUL", "Amara\x00Okafor", false, false},
		{"escape", "Amara\x1b[31mOkafor", false, false},
		{"DEL", "Amara\x7fOkafor", false, false},
		{"C1 control", "Amara\u0085Okafor", false, false},
		{"lone carriage return", "Amara\rOkafor", false, false},
		{"not UTF-8", "Amara\xffOkafor", false, false},
		{"line break", "Amara\nOkafor", false, true},
		{"Windows line break", "Amara\r\nOkafor", false, true},
		{"line separator", "Amara\u2028Okafor", false, true},
		{"tab", "Amara\tOkafor", false, true},
	}
	for _, f := range fields {
		for _, tx := range texts {
			t.Run(f.name+"/"+tx.name, func(t *testing.T) {
				ok := tx.single || f.multiLine && tx.several
				before := contentDigest(t, s)
				err := f.save(tx.text)
				var v *ValidationError
				switch {
				case ok && err != nil:
					t.Errorf("refused: %v", err)
				case ok:
				case !errors.As(err, &v) || v.For(f.field) == "":
					t.Errorf("err = %v, want a validation error naming %q", err, f.field)
				case contentDigest(t, s) != before:
					t.Error("a refused save wrote to the database")
				}
			})
		}
	}
}

// Invisible format characters (zero-width space, a right-to-left override,
// bidi isolates) would make one name look like another or like its reverse;
// the joiners that scripts and emoji need are kept.
func TestInvisibleFormatCharactersRefusedInNames(t *testing.T) {
	s := newTestStore(t)
	for _, tt := range []struct {
		name string
		ok   bool
	}{
		{"A\u200bna Lima", false}, {"Ana \u202eamiL", false}, {"Ana\u2066 Lima", false}, {"\ufeffAna Lima", false},
		{"می\u200cخواهم", true}, {"Ana 👩\u200d💻", true},
	} {
		p := Person{Name: tt.name}
		err := s.SavePerson(&p)
		if (err == nil) != tt.ok {
			t.Errorf("name %q: %v", tt.name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "invisible character") {
			t.Errorf("name %q refused as %q", tt.name, err)
		}
	}
}
