package roster_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/roster"
	"solemate/model/storetest"
)

// Two people of one name without email (two agents called Maria Garcia) are
// exported and the file imported back: each row finds its own person, and
// the round trip adds no one.
func TestExportedRosterOfNamesakesImportsBackOntoThem(t *testing.T) {
	s := storetest.New(t)
	for _, team := range []string{"North", "South"} {
		p := model.Person{Name: "Maria Garcia", Team: team}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := export.People(s, &out, export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	res, err := roster.Import(s, strings.NewReader(out.String()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.People(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Errorf("importing the exported roster back: %v, %d people now (want 2), warnings %q", res, len(rows), res.Warnings)
	}
}

// An exported roster names archived managers in manager_email and brings them
// along as people who left, so it imports into a new database.
func TestExportedRosterImportsIntoANewDatabase(t *testing.T) {
	s := storetest.New(t)
	boss := model.Person{Name: "Rhea Lind", Email: "rhea@example.com"}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	p := model.Person{Name: "Ines Duarte", Email: "ines@example.com", ManagerID: &boss.ID}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchivePerson(boss.ID); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := export.People(s, &out, export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	fresh, err := model.Open(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := roster.Import(fresh, strings.NewReader(out.String())); err != nil {
		t.Errorf("the exported roster does not import into a new database: %v\n%s", err, out.String())
	}
}

// A roster saved with old Mac line ends (CR only, "CSV (Macintosh)") imports
// like any other.
func TestImportRosterWithOldMacLineEnds(t *testing.T) {
	s := storetest.New(t)
	res, err := roster.Import(s, strings.NewReader("name,email\rAna Lima,ana@example.com\rBo Chen,bo@example.com\r"))
	if err == nil && res.Added != 2 {
		t.Errorf("a CR-only roster: %v, no error (warnings %q)", res, res.Warnings)
	}
}
