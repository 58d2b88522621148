package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func importFile(t *testing.T, s *Store, name string) (ImportResult, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "roster", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return s.ImportRoster(f)
}

func personByEmail(t *testing.T, s *Store, email string) PersonRow {
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
	return PersonRow{}
}

func TestImportGoodRoster(t *testing.T) {
	s := newTestStore(t)
	res, err := importFile(t, s, "good.csv")
	if err != nil {
		t.Fatal(err)
	}
	if res.String() != "imported 4 people (4 added, 0 updated)" {
		t.Errorf("result = %q", res)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "shoe_size") {
		t.Errorf("warnings = %v, want one about shoe_size", res.Warnings)
	}
	amara := personByEmail(t, s, "amara@example.com")
	if amara.Name != "Okafor, Amara" || amara.Role != RoleTeamLead || amara.Team != "Phone North" || amara.StartDate.String() != "2021-03-01" {
		t.Errorf("amara = %+v", amara.Person)
	}
	ben := personByEmail(t, s, "ben@example.com")
	if ben.ManagerName != "Okafor, Amara" || ben.PreferredName != "Ben" || ben.Status != StatusActive {
		t.Errorf("ben = %+v manager %q", ben.Person, ben.ManagerName)
	}
	chiara := personByEmail(t, s, "chiara@example.com")
	if chiara.Name != `Chiara "CC" Rossi` || chiara.ManagerName != "Dan Nguyen" {
		t.Errorf("chiara (manager defined later in the file) = %+v manager %q", chiara.Person, chiara.ManagerName)
	}
	if dan := personByEmail(t, s, "dan@example.com"); dan.Role != RoleManager {
		t.Errorf("dan = %+v", dan.Person)
	}
}

// A quoted cell may hold commas, but every roster column is one line: a
// line break in a cell is refused at the line its record starts on, and the
// lines after it keep their numbers.
func TestImportMultilineFieldsKeepLineNumbers(t *testing.T) {
	s := newTestStore(t)
	_, err := importFile(t, s, "multiline.csv")
	assertProblems(t, err, map[int]string{2: "name holds a line break"})
	_, err = s.ImportRoster(strings.NewReader("name,email\n\"Two\nLines\",a@example.com\nX,bad\n"))
	assertProblems(t, err, map[int]string{2: "line break", 4: "not an email"})
	if _, err := s.ImportRoster(strings.NewReader("name,email,team\nElif Yilmaz,elif@example.com,\"Email, Returns\"\n")); err != nil {
		t.Fatal(err)
	}
	if elif := personByEmail(t, s, "elif@example.com"); elif.Team != "Email, Returns" {
		t.Errorf("elif = %+v", elif.Person)
	}
}

func TestImportBadRosterReportsEveryLineAndWritesNothing(t *testing.T) {
	s := newTestStore(t)
	keep := Person{Name: "Kept Person", Email: "kept@example.com", Team: "Chat"}
	if err := s.SavePerson(&keep); err != nil {
		t.Fatal(err)
	}
	_, err := importFile(t, s, "bad.csv")
	assertProblems(t, err, map[int]string{
		2: "name is required",
		3: "not an email",
		4: "not a role",
		5: "not a real date",
		6: "ghost@example.com",
		7: "already used on line 4",
	})
	rows, _ := s.People(true)
	if len(rows) != 1 || rows[0].Name != "Kept Person" || rows[0].Team != "Chat" {
		t.Errorf("database changed by a refused import: %+v", rows)
	}
}

func TestImportRosterTable(t *testing.T) {
	tests := []struct {
		name     string
		csv      string
		problems map[int]string // nil means success
		people   int
	}{
		{"LF and blank lines", "name\n\nAmara\n\n\nBen\n", nil, 2},
		{"CRLF", "name,team\r\nAmara,Chat\r\nBen,Social\r\n", nil, 2},
		{"BOM", "\uFEFFname\nAmara\n", nil, 1},
		{"row of empty cells is blank", "name,team\nAmara,Chat\n,\n", nil, 1},
		{"header only", "name,email\n", nil, 0},
		{"empty file", "", map[int]string{1: "empty"}, 0},
		{"no name column", "email\na@example.com\n", map[int]string{1: `no "name" column`}, 0},
		{"column twice", "name,Name\nA,B\n", map[int]string{1: "appears twice"}, 0},
		{"wrong field count", "name,team\nAmara\n", map[int]string{2: "2"}, 0},
		{"broken quotes", "name\n\"Amara\n", map[int]string{2: "not valid CSV"}, 0},
		{"own manager", "name,email,manager_email\nA,a@example.com,A@example.com\n", map[int]string{2: "own manager"}, 0},
		{"manager loop", "name,email,manager_email\nA,a@example.com,b@example.com\nB,b@example.com,a@example.com\n", map[int]string{2: "loops", 3: "loops"}, 0},
		{"bad status", "name,status\nA,retired\n", map[int]string{2: "not a status"}, 0},
		{"bad manager email", "name,manager_email\nA,boss\n", map[int]string{2: "manager_email"}, 0},
		{"same name, no email: two people", "name,team\nSam Lee,Chat\nSam Lee,Social\n", nil, 2},
		{"loop reported beside other problems", "name,email,manager_email\nA,a@example.com,b@example.com\nB,b@example.com,a@example.com\nC,c@example.com,c@example.com\n",
			map[int]string{2: "loops", 3: "loops", 4: "own manager"}, 0},
		{"not UTF-8", "name,email\nJos\xe9 M\xfcller,jm@example.com\n", map[int]string{2: "not UTF-8"}, 0},
		{"bad date shape", "name,start_date\nA,1/2/2024\n", map[int]string{2: "YYYY-MM-DD"}, 0},
		{"NUL in a name", "name,email\nAmara\x00Okafor,a@example.com\nBen,b@example.com\n", map[int]string{2: "name holds a control character (U+0000)"}, 0},
		{"escape in a preferred name", "name,preferred_name\nA,\x1b[2J\n", map[int]string{2: "preferred_name holds a control character"}, 0},
		{"line break in a team", "name,team\nA,\"Chat\nSocial\"\n", map[int]string{2: "team holds a line break"}, 0},
		{"tab in an email", "name,email\nA,\"a\t@example.com\"\n", map[int]string{2: "email holds a tab"}, 0},
		{"carriage return in a manager", "name,email,manager_email\nA,a@example.com,\"b@example.com\rx\"\nB,b@example.com,\n", map[int]string{2: "manager_email holds a line break"}, 0},
		{"line separator in a name", "name,role\nAmara\u2028Okafor,agent\n", map[int]string{2: "name holds a line break"}, 0},
		{"spaces and tabs around a cell are trimmed", "name,team\n\tAmara \t,Chat\t\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			_, err := s.ImportRoster(strings.NewReader(tt.csv))
			if tt.problems == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else {
				assertProblems(t, err, tt.problems)
			}
			if n, _ := s.CountPeople(); n != int64(tt.people) {
				t.Errorf("%d people in the database, want %d", n, tt.people)
			}
		})
	}
}

func TestImportUpdatesByEmailAndKeepsWhatEmptyCellsDoNotSay(t *testing.T) {
	s := newTestStore(t)
	boss := Person{Name: "Boss", Email: "boss@example.com"}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	p := Person{Name: "Jas Mensah", Email: "jas@example.com", Team: "Chat", Role: RoleTeamLead, StartDate: NewDate(2020, 1, 6)}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportRoster(strings.NewReader("name,email,team,role,start_date,manager_email\nJasmine Mensah,JAS@example.com,Social,,,boss@example.com\nNew Person,new@example.com,,,,jas@example.com\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 1 {
		t.Errorf("result = %+v", res)
	}
	got := personByEmail(t, s, "jas@example.com")
	if got.ID != p.ID || got.Name != "Jasmine Mensah" || got.Team != "Social" || got.Role != RoleTeamLead || got.StartDate != p.StartDate || got.ManagerName != "Boss" {
		t.Errorf("updated person = %+v manager %q", got.Person, got.ManagerName)
	}
	if n, _ := s.CountPeople(); n != 3 {
		t.Errorf("%d people, want 3", n)
	}
}

func TestImportTwiceDoesNotDuplicate(t *testing.T) {
	s := newTestStore(t)
	csv := "name,email,team\nAmara,a@example.com,Chat\nNo Email Person,,Chat\n"
	for i := 0; i < 2; i++ {
		if _, err := s.ImportRoster(strings.NewReader(csv)); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.CountPeople(); n != 2 {
		t.Errorf("%d people after importing twice, want 2", n)
	}
}

// assertProblems checks that err is an ImportError naming exactly the given
// lines, each with a message containing the given text.
func assertProblems(t *testing.T, err error, want map[int]string) {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an ImportError", err)
	}
	got := map[int][]string{}
	for _, p := range ie.Problems {
		got[p.Line] = append(got[p.Line], p.Message)
	}
	for line, text := range want {
		found := false
		for _, m := range got[line] {
			found = found || strings.Contains(m, text)
		}
		if !found {
			t.Errorf("line %d: want a problem mentioning %q, got %q", line, text, got[line])
		}
	}
	for line := range got {
		if _, ok := want[line]; !ok {
			t.Errorf("unexpected problem on line %d: %q", line, got[line])
		}
	}
}
