package model

import (
	"bytes"
	"strings"
	"testing"
)

func TestExportPeopleCSVRoundTrips(t *testing.T) {
	src := newTestStore(t)
	if _, err := src.Demo(DemoOptions{People: 25, Seed: 1}); err != nil {
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
