package model

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// oldDatabase is the schema-12 fixture with prepare run on it before Open
// migrates it to the current schema.
func adv21OldDatabase(t *testing.T, prepare func(old *gorm.DB)) *Store {
	t.Helper()
	fileOnly(t)
	path := filepath.Join(t.TempDir(), "old.db")
	if err := copyFile(filepath.Join("testdata", "fixtures", "schema-12.db"), path); err != nil {
		t.Fatal(err)
	}
	old, err := gorm.Open(sqlite.Open(path), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	prepare(old)
	if db, _ := old.DB(); db != nil {
		db.Close()
	}
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Now = func() time.Time { return fixedNow }
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// The tag filter narrows as you type, so a paste goes straight into it. On
// SQLite a text longer than 50,000 bytes (SQLITE_MAX_LIKE_PATTERN_LENGTH)
// makes the LIKE refuse with "LIKE or GLOB pattern too complex", which the
// session list shows as "Could not load the sessions". A text no theme
// contains should simply match nothing.
func TestAdv21TagFilterLongPasteMatchesNothing(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Sam Okafor")
	sess := Session{PersonID: p.ID, Channel: ChannelChat, Date: DateOf(fixedNow)}
	if err := s.SaveSession(&sess, []string{"slow update"}); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{strings.Repeat("a", 60_000), strings.Repeat("%", 30_000), strings.Repeat("slow ", 1<<18)} {
		rows, err := s.Sessions(SessionFilter{Tag: text, Limit: 50})
		if err != nil || len(rows) != 0 {
			t.Errorf("a %d-byte tag filter: %d rows, error %v; want none and no error", len(text), len(rows), adv21Short(err))
		}
		if n, err := s.CountSessions(SessionFilter{Tag: text}); err != nil || n != 0 {
			t.Errorf("a %d-byte tag filter counts %d, error %v", len(text), n, adv21Short(err))
		}
	}
}

// On PostgreSQL a NUL in the tag filter (or a theme clicked, or a kind
// set) is refused by the server: `invalid byte sequence for encoding
// "UTF8": 0x00 (SQLSTATE 22021)` comes back as the error. On SQLite the
// tag filter "\x00" lists every session: LIKE reads the pattern "%\x00%"
// only up to the NUL, "%". A character no theme can hold should match
// nothing on both, without an error.
func TestAdv21NulInThemeFiltersMatchesNothing(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Sam Okafor")
	sess := Session{PersonID: p.ID, Channel: ChannelChat, Date: DateOf(fixedNow)}
	if err := s.SaveSession(&sess, []string{"slow update"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []SessionFilter{{Tag: "slow\x00"}, {Theme: "slow update\x00"}, {Tag: "\x00"}} {
		rows, err := s.Sessions(f)
		if err != nil || len(rows) != 0 {
			t.Errorf("Sessions(%+q): %d rows, error %v; want none and no error", f.Tag+f.Theme, len(rows), adv21Short(err))
		}
		if _, err := s.CountSessions(f); err != nil {
			t.Errorf("CountSessions(%+q): %v", f.Tag+f.Theme, adv21Short(err))
		}
	}
	if err := s.SetTagKind("slow update\x00", TagStrength); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetTagKind with a NUL: %v, want ErrNotFound", adv21Short(err))
	}
}

// SetTagKind puts the name it was given into its error whole: a megabyte
// name gives a megabyte message under the chart. The name should be
// clipped (as Ellipsize does elsewhere).
func TestAdv21SetTagKindErrorDoesNotEchoMegabyte(t *testing.T) {
	s := newTestStore(t)
	for _, kind := range []TagKind{TagStrength, "not a kind"} {
		err := s.SetTagKind(strings.Repeat("x", 1<<20), kind)
		if err == nil {
			t.Fatal("an unknown theme's kind was set")
		}
		if len(err.Error()) > 300 {
			t.Errorf("kind %q: the error is %d characters long", kind, len(err.Error()))
		}
	}
}

// The overview names a theme as it is stored, and right-clicking it moves
// it with SetTagKind(that name); clicking it lists SessionFilter{Theme:
// that name}. Both normalise the name first (lower case, one space) and
// then compare it exactly, so a theme stored before schema 13 as
// "WOW Moment" (the schema-13 fixture test itself stores "Proud team
// lead") cannot be moved ("not found") and its bar lists no session.
// Migration 13 leaves the names as they were. Either the migration should
// normalise them (merging twins) or the lookups should match them.
func TestAdv21MixedCaseThemeFromBeforeSchema13(t *testing.T) {
	s := adv21OldDatabase(t, func(old *gorm.DB) {
		for _, q := range []string{
			`INSERT INTO tags (id, name) VALUES (900, 'WOW Moment')`,
			`INSERT INTO session_tags (session_id, tag_id) VALUES (8, 900)`,
		} {
			if err := old.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
	})
	var name string
	if err := s.db.Raw(`SELECT name FROM tags WHERE id = 900`).Scan(&name).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.SetTagKind(name, TagFriction); err != nil {
		t.Errorf("moving the theme %q the overview shows: %v", name, err)
	}
	rows, err := s.Sessions(SessionFilter{Theme: name})
	if err != nil || !slices.ContainsFunc(rows, func(r SessionRow) bool { return r.ID == 8 }) {
		t.Errorf("clicking the theme %q lists %d sessions (%v), not session 8 that carries it", name, len(rows), err)
	}
}

// A theme stored blank before schema 13 (or only spaces) becomes a bar
// named nothing; clicking it filters on Theme "" which NormalizeTag makes
// no filter at all, so the list shows every session as if they all carried
// it. A blank theme should not be shown (or should list only its sessions).
func TestAdv21BlankThemeFromBeforeSchema13(t *testing.T) {
	s := adv21OldDatabase(t, func(old *gorm.DB) {
		for _, q := range []string{
			`INSERT INTO tags (id, name) VALUES (901, '')`, `INSERT INTO tags (id, name) VALUES (902, '   ')`,
			`INSERT INTO session_tags (session_id, tag_id) VALUES (8, 901)`, `INSERT INTO session_tags (session_id, tag_id) VALUES (18, 902)`,
		} {
			if err := old.Exec(q).Error; err != nil {
				t.Fatal(err)
			}
		}
	})
	s.Now = func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) }
	all, err := s.CountSessions(SessionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.Overview(TagFriction)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range o.Totals {
		if strings.TrimSpace(tc.Name) != "" {
			continue
		}
		n, err := s.CountSessions(SessionFilter{Theme: tc.Name, From: o.Since})
		if err != nil {
			t.Fatal(err)
		}
		if n != tc.Count {
			t.Errorf("the overview shows a blank theme %q on %d sessions; clicking it lists %d (of %d in all)", tc.Name, tc.Count, n, all)
		}
	}
}

// A picker searches as you type. A pasted megabyte is matched in Go against
// every person on the roster, lower-casing and splitting the whole query
// again for each of them: about 2 ms a person, minutes for a large roster,
// on the UI's fetch with no end. It should answer at once (clip the query,
// or split it once).
func TestAdv21FindPeopleHugeQueryIsQuick(t *testing.T) {
	s := newTestStore(t)
	people := make([]Person, 2000)
	for i := range people {
		people[i] = Person{Name: fmt.Sprintf("Agent %04d Anderson", i), Role: RoleAgent, Status: StatusActive}
	}
	if err := (&Bulk{s}).AddPeople(people); err != nil {
		t.Fatal(err)
	}
	huge := strings.Repeat("x", 1<<20)
	out, err := s.FindPeople(context.Background(), PeopleQuery{Text: huge, Limit: 8, OrLeft: true})
	if err != nil || len(out) != 0 {
		t.Fatalf("%d found, %v", len(out), err)
	}
	// The query is split once, and only its first words count: what each
	// person is matched against is bounded, however much was pasted.
	words, _ := queryWords(huge)
	if n := len(strings.Join(words, "")); n > maxQueryRunes*utf8.UTFMax {
		t.Errorf("a pasted megabyte is matched as %d bytes of words against every person", n)
	}
}

// MatchWords joins a person's fields with NUL, so a query word holding a
// NUL matches at the seam between two fields: "\x00" alone offers
// everyone, "anderson\x00" anyone whose name ends "Anderson". A NUL is in
// no name; nobody should match. (The tag filter has the same hole on
// SQLite, whose LIKE stops the pattern "%\x00%" at the NUL: every session;
// see TestAdv21NulInThemeFiltersMatchesNothing.)
func TestAdv21FindPeopleNulMatchesNoOne(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Agent Anderson", Team: "Chat"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"\x00", "anderson\x00"} {
		out, err := s.FindPeople(context.Background(), PeopleQuery{Text: q, Limit: 8})
		if err != nil || len(out) != 0 {
			t.Errorf("FindPeople(%q) offers %d people (%v), want none", q, len(out), err)
		}
	}
}

// Two leads on the same server tag a session with the same new theme at
// the same moment: both transactions look the theme up (FirstOrCreate),
// find none and insert it, and the second is refused by the unique index
// on tags.name: "save shadowing session: duplicated key not allowed: ERROR:
// duplicate key value violates unique constraint "idx_tags_name" (SQLSTATE
// 23505)", the whole session unsaved. Both saves should succeed onto the
// one theme (insert ... on conflict do nothing, then look it up).
func TestAdv21SameNewThemeSavedAtOnceOnServer(t *testing.T) {
	needServer(t)
	s := newTestStore(t)
	p := addPerson(t, s, "Sam Okafor")
	for round := 0; round < 20; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sess := Session{PersonID: p.ID, Channel: ChannelChat, Date: DateOf(fixedNow)}
				errs[i] = s.SaveSession(&sess, []string{fmt.Sprintf("new theme %d", round), "wow moment"})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: a session tagged with a theme another save was creating: %v", round, err)
			}
		}
	}
}

func adv21Short(err error) string {
	if err == nil {
		return "<nil>"
	}
	if e := err.Error(); len(e) > 200 {
		return fmt.Sprintf("%s… (%d characters)", e[:200], len(e))
	}
	return err.Error()
}
