// Package storetest is test support for the packages built on the store
// (export, roster, copier): a fresh store on the day every model test runs
// on, on a PostgreSQL server when make test gives one, and the few records
// their tests start from. Package model's own tests keep theirs, as they
// cannot import a package that imports model.
package storetest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/dbtest"
	"solemate/model/demo"
)

// FixedNow is the "today" every store test runs on.
var FixedNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

// New opens an empty store whose clock stands at FixedNow, closed when the
// test ends.
func New(t testing.TB) *model.Store {
	t.Helper()
	target := filepath.Join(t.TempDir(), model.FileName)
	if dbtest.Server != "" {
		target = ServerDatabase(t)
	}
	s, err := model.Open(target)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	s.Now = func() time.Time { return FixedNow }
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// NeedServer skips a test about a server database when there is none.
func NeedServer(t testing.TB) {
	t.Helper()
	if dbtest.Server == "" {
		t.Skip("needs a PostgreSQL server: SOLEMATE_TEST_POSTGRES (make test starts one)")
	}
}

// ServerDatabase makes an empty, migrated database on the test server
// and drops it after the test.
func ServerDatabase(t testing.TB) string {
	t.Helper()
	return dbtest.ServerDatabase(t, model.Open)
}

// LeadURL is dbURL as a new lead: a login role in the group the migration
// grants the tables to, as README's server setup makes them, named name and
// the test's process ID.
func LeadURL(t testing.TB, dbURL, name string) string {
	t.Helper()
	admin := dbtest.Admin(t, model.Open)
	role := fmt.Sprintf("%s_%d", name, os.Getpid())
	if _, err := admin.Exec(fmt.Sprintf("CREATE ROLE %s LOGIN IN ROLE %s", role, model.LeadRole)); err != nil {
		t.Fatalf("create role: %v", err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP ROLE IF EXISTS " + role) })
	u, _ := url.Parse(dbURL)
	u.User = url.User(role)
	return u.String()
}

// LeadStore connects to dbURL as a new lead (see LeadURL).
func LeadStore(t testing.TB, dbURL, name string) *model.Store {
	t.Helper()
	s, err := model.Open(LeadURL(t, dbURL, name))
	if err != nil {
		t.Fatalf("connect as %s: %v", name, err)
	}
	s.Now = func() time.Time { return FixedNow }
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// AddPerson saves a person of that name.
func AddPerson(t testing.TB, s *model.Store, name string) model.Person {
	t.Helper()
	p := model.Person{Name: name}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

// Start starts a one-on-one with the person at that time.
func Start(t testing.TB, s *model.Store, personID uint, at time.Time) model.OneOnOne {
	t.Helper()
	o, err := s.StartOneOnOne(personID, at, model.MeetingSettingWalk)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// Item adds an item under h to the one-on-one.
func Item(t testing.TB, s *model.Store, o model.OneOnOne, h model.Heading, text string) model.Item {
	t.Helper()
	it, err := s.AddItem(o.ID, h, text, false)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// PersonByEmail is the roster's row of the person with that email.
func PersonByEmail(t testing.TB, s *model.Store, email string) model.PersonRow {
	t.Helper()
	rows, err := s.People(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Email == email {
			return r
		}
	}
	t.Fatalf("no person with email %s", email)
	return model.PersonRow{}
}

// DefaultProgramID is the ID of the program a new database ships with.
func DefaultProgramID(t testing.TB, s *model.Store) uint {
	t.Helper()
	ps, err := s.Programs()
	if err != nil || len(ps) != 1 || ps[0].Name != "New hire onboarding" {
		t.Fatalf("programs on first run = %+v, %v", ps, err)
	}
	return ps[0].ID
}

// FillDemo fills s with demo data: the one place these packages' tests
// make it.
func FillDemo(t testing.TB, s *model.Store, o demo.Options) {
	t.Helper()
	if _, err := demo.Generate(s, o); err != nil {
		t.Fatalf("demo: %v", err)
	}
}
