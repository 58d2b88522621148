package roster_test

import (
	"errors"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/roster"
	"solemate/model/storetest"
)

// The import looks for manager loops along emails only (managerLoops walks
// managerOf, which lookUpRoster fills from people who have an email and
// whose manager has one). Email is optional, so a lead kept on the roster
// without one is invisible to the check: a roster row that names her by
// name (it updates the one person of that name without email) and gives her
// a manager who already reports to her makes a loop, and the import writes
// it. SavePerson refuses the same change ("this would make a loop"), and
// README promises every manager loop is reported by line and nothing is
// written.
func TestImportRefusesALoopThroughSomeoneWithoutEmail(t *testing.T) {
	s := storetest.New(t)
	maria := model.Person{Name: "Maria Lopez", Role: model.RoleTeamLead} // no email
	if err := s.SavePerson(&maria); err != nil {
		t.Fatal(err)
	}
	ana := model.Person{Name: "Ana Silva", Email: "ana@example.com", ManagerID: &maria.ID}
	if err := s.SavePerson(&ana); err != nil {
		t.Fatal(err)
	}
	// The form refuses it.
	form := maria
	form.ManagerID = &ana.ID
	if err := s.SavePerson(&form); !model.IsValidation(err) {
		t.Fatalf("SavePerson making Maria report to Ana = %v, want the loop refused", err)
	}
	csv := "name,manager_email\nMaria Lopez,ana@example.com\n"
	res, err := roster.Import(s, strings.NewReader(csv))
	var ie *model.ImportError
	if !errors.As(err, &ie) {
		got, _ := s.Person(maria.ID)
		t.Errorf("import of %q = %v, %v; want the loop reported on line 2 and nothing written (Maria's manager is now %v, Ana's %v)",
			csv, res, err, deref(got.ManagerID), deref(ana.ManagerID))
	}
	// Whatever was said, no chain may loop afterwards.
	for _, p := range []model.Person{maria, ana} {
		seen := map[uint]bool{}
		for id := p.ID; id != 0; {
			if seen[id] {
				t.Fatalf("after the import, the manager chain from %s loops back on itself", p.Name)
			}
			seen[id] = true
			q, err := s.Person(id)
			if err != nil {
				t.Fatal(err)
			}
			id = deref(q.ManagerID)
		}
	}
}

// The same when only the middle of the chain has no email: Carl reports to
// Bea (no email), Bea to Ada; a row making Ada report to Carl closes the
// loop Ada → Carl → Bea → Ada. The roster's link Carl → Bea is left out of
// the check because Bea has no email, so the loop is not seen and is written.
func TestImportRefusesALoopWhoseMiddleHasNoEmail(t *testing.T) {
	s := storetest.New(t)
	b := model.Person{Name: "Bea Night"} // no email
	if err := s.SavePerson(&b); err != nil {
		t.Fatal(err)
	}
	c := model.Person{Name: "Carl Day", Email: "carl@example.com", ManagerID: &b.ID}
	if err := s.SavePerson(&c); err != nil {
		t.Fatal(err)
	}
	a := model.Person{Name: "Ada Noon", Email: "ada@example.com"}
	if err := s.SavePerson(&a); err != nil {
		t.Fatal(err)
	}
	b.ManagerID = &a.ID // Bea reports to Ada: Carl → Bea → Ada
	if err := s.SavePerson(&b); err != nil {
		t.Fatal(err)
	}
	// Ada to report to Carl: Ada → Carl → Bea → Ada.
	csv := "name,email,manager_email\nAda Noon,ada@example.com,carl@example.com\n"
	_, err := roster.Import(s, strings.NewReader(csv))
	var ie *model.ImportError
	if !errors.As(err, &ie) {
		got, _ := s.Person(a.ID)
		t.Errorf("import making Ada report to Carl (who reports to Bea, who reports to Ada) = %v; want the loop refused (Ada's manager is now %d)", err, deref(got.ManagerID))
	}
}

func deref(p *uint) uint {
	if p == nil {
		return 0
	}
	return *p
}

// README: "an exported roster imports back exactly as it was". Rows
// without email are matched by name, each taking the next person of that
// name: a roster whose people share a name (placeholder hires, "New hire",
// a hostile file) imports back onto the same people. (That this takes time
// linear in the rows, not quadratic as it did, is
// model.TestNamesakesAreTakenInLinearTime; BenchmarkImportRoster's
// UpdateNamesakes measures it.)
func TestImportBackManyOfOneName(t *testing.T) {
	if testing.Short() {
		t.Skip("a big roster")
	}
	const n = 60000
	s := storetest.New(t)
	var b strings.Builder
	b.WriteString("name,team\n")
	for range n {
		b.WriteString("New hire,Phones\n")
	}
	if _, err := roster.Import(s, strings.NewReader(b.String())); err != nil {
		t.Fatal(err)
	}
	res, err := roster.Import(s, strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != n {
		t.Errorf("importing the roster back: %v, want all %d unchanged", res, n)
	}
}
