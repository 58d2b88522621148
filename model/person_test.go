package model

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestPersonValidate(t *testing.T) {
	self := uint(7)
	tests := []struct {
		name  string
		p     Person
		field string // "" means valid
	}{
		{"minimal", Person{Name: "Amara Okafor"}, ""},
		{"full", Person{Name: "Ben Lindqvist", Email: "Ben@Example.com", Role: RoleTeamLead, Status: StatusLeft}, ""},
		{"blank name", Person{Name: "   "}, FieldName},
		{"long name", Person{Name: string(make([]rune, 201))}, FieldName},
		{"bad email", Person{Name: "A", Email: "not-an-email"}, FieldEmail},
		{"email with display name", Person{Name: "A", Email: "Amara <a@example.com>"}, FieldEmail},
		{"email without domain dot", Person{Name: "A", Email: "a@localhost"}, FieldEmail},
		{"unknown role", Person{Name: "A", Role: "wizard"}, FieldRole},
		{"unknown status", Person{Name: "A", Status: "on leave"}, FieldStatus},
		{"own manager", Person{ID: self, Name: "A", ManagerID: &self}, FieldManager},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) || v.For(tt.field) == "" {
				t.Fatalf("want a problem with %s, got %v", tt.field, err)
			}
		})
	}
}

func TestValidateDefaultsAndNormalizes(t *testing.T) {
	p := Person{Name: "  Chiara Rossi ", Email: " Chiara@Example.COM "}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Name != "Chiara Rossi" || p.Email != "chiara@example.com" || p.Role != RoleAgent || p.Status != StatusActive {
		t.Errorf("normalized to %+v", p)
	}
}

func TestParseRole(t *testing.T) {
	for in, want := range map[string]Role{"agent": RoleAgent, "Team lead": RoleTeamLead, "TEAM-LEAD": RoleTeamLead, "team_lead": RoleTeamLead, "Lead": RoleTeamLead, "team leader": RoleTeamLead, " trainer ": RoleTrainer, "Manager": RoleManager, "other": RoleOther} {
		if got, err := ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "leader", "boss"} {
		if _, err := ParseRole(in); err == nil {
			t.Errorf("ParseRole(%q) should fail", in)
		}
	}
}

func TestSavePersonCreatesAndUpdates(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Dan Nguyen", Email: "dan@example.com", Team: "Chat", StartDate: NewDate(2024, 5, 20)}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 {
		t.Fatal("no ID after create")
	}
	p.Team = ""
	p.PreferredName = "Danny"
	p.StartDate = Date{}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	got, err := s.Person(p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Team != "" || got.PreferredName != "Danny" || !got.StartDate.IsZero() || got.Email != "dan@example.com" {
		t.Errorf("after update: %+v", got)
	}
	if n, _ := s.CountPeople(); n != 1 {
		t.Errorf("update created a copy: %d people", n)
	}
}

func TestSavePersonUnknownIDIsNotFound(t *testing.T) {
	s := newTestStore(t)
	p := Person{ID: 99, Name: "Ghost"}
	if err := s.SavePerson(&p); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, err := s.Person(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Person(99) err = %v, want ErrNotFound", err)
	}
}

func TestSavePersonDatabaseRules(t *testing.T) {
	s := newTestStore(t)
	lead := Person{Name: "Elif Yilmaz", Email: "elif@example.com"}
	agent := Person{Name: "Fatima Haddad", Email: "fatima@example.com"}
	for _, p := range []*Person{&lead, &agent} {
		if err := s.SavePerson(p); err != nil {
			t.Fatal(err)
		}
	}
	agent.ManagerID = &lead.ID
	if err := s.SavePerson(&agent); err != nil {
		t.Fatal(err)
	}
	missing := uint(999)
	tests := []struct {
		name  string
		p     Person
		field string
	}{
		{"email taken, any case", Person{Name: "Other", Email: "ELIF@example.com"}, FieldEmail},
		{"manager missing", Person{Name: "Other", ManagerID: &missing}, FieldManager},
		{"manager loop", Person{ID: lead.ID, Name: lead.Name, Email: lead.Email, ManagerID: &agent.ID}, FieldManager},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.SavePerson(&tt.p)
			var v *ValidationError
			if !errors.As(err, &v) || v.For(tt.field) == "" {
				t.Fatalf("want a problem with %s, got %v", tt.field, err)
			}
		})
	}
	if n, _ := s.CountPeople(); n != 2 {
		t.Errorf("refused saves wrote rows: %d people", n)
	}
}

func TestManyPeopleWithoutEmail(t *testing.T) {
	s := newTestStore(t)
	for _, name := range []string{"Gabe", "Hannah"} {
		if err := s.SavePerson(&Person{Name: name}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

func TestArchiveAndRestore(t *testing.T) {
	s := newTestStore(t)
	p := Person{Name: "Ibrahim Schmidt"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchivePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := s.People(false); len(rows) != 0 {
		t.Errorf("archived person still listed: %v", rows)
	}
	rows, _ := s.People(true)
	if len(rows) != 1 || !rows[0].Archived() || !rows[0].ArchivedAt.Equal(fixedNow) {
		t.Fatalf("with archived: %+v", rows)
	}
	if err := s.RestorePerson(p.ID); err != nil {
		t.Fatal(err)
	}
	if rows, _ := s.People(false); len(rows) != 1 {
		t.Errorf("restored person not listed")
	}
	if err := s.ArchivePerson(12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("archive missing: %v", err)
	}
}

func TestPeopleOrderManagerNameAndTeams(t *testing.T) {
	s := newTestStore(t)
	zoe := Person{Name: "zoe Kim", Team: "Social"}
	if err := s.SavePerson(&zoe); err != nil {
		t.Fatal(err)
	}
	amara := Person{Name: "Amara Okafor", Team: "Chat", ManagerID: &zoe.ID}
	if err := s.SavePerson(&amara); err != nil {
		t.Fatal(err)
	}
	rows, err := s.People(false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name != "Amara Okafor" || rows[0].ManagerName != "zoe Kim" || rows[1].ManagerName != "" {
		t.Errorf("rows = %+v", rows)
	}
	teams, _ := s.Teams()
	if len(teams) != 2 || teams[0] != "Chat" || teams[1] != "Social" {
		t.Errorf("teams = %v", teams)
	}
}

func TestPeopleMatching(t *testing.T) {
	s := newTestStore(t)
	amara := Person{Name: "Amara Okafor", Team: "Phone North", Role: RoleTeamLead, Email: "amara@example.com"}
	if err := s.SavePerson(&amara); err != nil {
		t.Fatal(err)
	}
	names := map[uint]string{amara.ID: amara.Name}
	for _, p := range []Person{
		{Name: "Benjamin Lindqvist", PreferredName: "Ben", Team: "Phone North", Role: RoleAgent, ManagerID: &amara.ID},
		{Name: "Chiara Rossi", Team: "Chat", Role: RoleAgent},
		{Name: "Éloïse Ünal", Team: "Chat", Role: RoleAgent},
		{Name: "Gone Person", Team: "Phone North"},
	} {
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		names[p.ID] = p.Name
		if p.Name == "Gone Person" {
			if err := s.ArchivePerson(p.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"Amara Okafor", "Benjamin Lindqvist", "Chiara Rossi", "Éloïse Ünal"}},
		{"ben", []string{"Benjamin Lindqvist"}},
		{"PHONE", []string{"Amara Okafor", "Benjamin Lindqvist"}},
		{"phone agent", []string{"Benjamin Lindqvist"}},
		{"team lead", []string{"Amara Okafor"}},
		{"okafor", []string{"Amara Okafor", "Benjamin Lindqvist"}},
		{"example.com", []string{"Amara Okafor"}},
		{"ÉLOÏSE ünal", []string{"Éloïse Ünal"}},
		{"nobody", nil},
	}
	for _, tt := range tests {
		ids, total, err := s.PeopleMatching(context.Background(), tt.query, false)
		if err != nil || total != 4 {
			t.Fatalf("filter %q: %v, %d in all", tt.query, err, total)
		}
		var got []string
		for _, id := range ids {
			got = append(got, names[id])
		}
		if len(got) != len(tt.want) {
			t.Errorf("filter %q = %v, want %v", tt.query, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("filter %q = %v, want %v", tt.query, got, tt.want)
				break
			}
		}
	}
}

// Managers offers who matches what is typed, by name, never the person
// themselves or anyone archived, and no more than asked for; PeopleByIDs
// reads rows in the order asked.
func TestManagersAndPeopleByIDs(t *testing.T) {
	s := newTestStore(t)
	var ids []uint
	for i := range 12 {
		p := Person{Name: fmt.Sprintf("Lead %02d", 11-i), Team: "Phone"}
		if i == 0 {
			p.Email = "first@example.com"
		}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if err := s.ArchivePerson(ids[1]); err != nil { // Lead 10
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := s.Managers(ctx, "lead", ids[2], 5) // not Lead 09 themself
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range got {
		names = append(names, c.Name)
	}
	if fmt.Sprint(names) != "[Lead 00 Lead 01 Lead 02 Lead 03 Lead 04]" {
		t.Errorf("managers for lead: %v", names)
	}
	got, _ = s.Managers(ctx, "FIRST@", 0, 5)
	if len(got) != 1 || got[0].ID != ids[0] || got[0].Email != "first@example.com" || got[0].Team != "Phone" {
		t.Errorf("by email: %+v", got)
	}
	for _, who := range []string{"lead 09", "lead 10"} {
		if got, _ := s.Managers(ctx, who, ids[2], 5); len(got) != 0 {
			t.Errorf("%s offered: %+v", who, got)
		}
	}
	rows, err := s.PeopleByIDs([]uint{ids[5], ids[0], 99999, ids[3]})
	if err != nil || len(rows) != 3 || rows[0].ID != ids[5] || rows[1].ID != ids[0] || rows[2].ID != ids[3] {
		t.Errorf("by IDs: %v, %+v", err, rows)
	}
}
