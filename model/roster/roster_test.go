package roster_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/dbtest"
	"solemate/model/roster"
	"solemate/model/storetest"
)

func importFile(t *testing.T, s *model.Store, name string) (model.ImportResult, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return roster.Import(s, f)
}

func TestImportGoodRoster(t *testing.T) {
	s := storetest.New(t)
	res, err := importFile(t, s, "good.csv")
	if err != nil {
		t.Fatal(err)
	}
	if res.String() != "imported 4 people (4 added)" {
		t.Errorf("result = %q", res)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "shoe_size") {
		t.Errorf("warnings = %v, want one about shoe_size", res.Warnings)
	}
	amara := storetest.PersonByEmail(t, s, "amara@example.com")
	if amara.Name != "Okafor, Amara" || amara.Role != model.RoleTeamLead || amara.Team != "Phone North" || amara.StartDate.String() != "2021-03-01" {
		t.Errorf("amara = %+v", amara.Person)
	}
	ben := storetest.PersonByEmail(t, s, "ben@example.com")
	if ben.ManagerName != "Okafor, Amara" || ben.PreferredName != "Ben" || ben.Status != model.StatusActive {
		t.Errorf("ben = %+v manager %q", ben.Person, ben.ManagerName)
	}
	chiara := storetest.PersonByEmail(t, s, "chiara@example.com")
	if chiara.Name != `Chiara "CC" Rossi` || chiara.ManagerName != "Dan Nguyen" {
		t.Errorf("chiara (manager defined later in the file) = %+v manager %q", chiara.Person, chiara.ManagerName)
	}
	if dan := storetest.PersonByEmail(t, s, "dan@example.com"); dan.Role != model.RoleManager {
		t.Errorf("dan = %+v", dan.Person)
	}
}

// A quoted cell may hold commas, but every roster column is one line: a
// line break in a cell is refused at the line its record starts on, and the
// lines after it keep their numbers.
func TestImportMultilineFieldsKeepLineNumbers(t *testing.T) {
	s := storetest.New(t)
	_, err := importFile(t, s, "multiline.csv")
	assertProblems(t, err, map[int]string{2: "name holds a line break"})
	_, err = roster.Import(s, strings.NewReader("name,email\n\"Two\nLines\",a@example.com\nX,bad\n"))
	assertProblems(t, err, map[int]string{2: "line break", 4: "not an email"})
	if _, err := roster.Import(s, strings.NewReader("name,email,team\nElif Yilmaz,elif@example.com,\"Email, Returns\"\n")); err != nil {
		t.Fatal(err)
	}
	if elif := storetest.PersonByEmail(t, s, "elif@example.com"); elif.Team != "Email, Returns" {
		t.Errorf("elif = %+v", elif.Person)
	}
}

func TestImportBadRosterReportsEveryLineAndWritesNothing(t *testing.T) {
	s := storetest.New(t)
	keep := model.Person{Name: "Kept Person", Email: "kept@example.com", Team: "Chat"}
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
			s := storetest.New(t)
			_, err := roster.Import(s, strings.NewReader(tt.csv))
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
	s := storetest.New(t)
	boss := model.Person{Name: "Boss", Email: "boss@example.com"}
	if err := s.SavePerson(&boss); err != nil {
		t.Fatal(err)
	}
	p := model.Person{Name: "Jas Mensah", Email: "jas@example.com", Team: "Chat", Role: model.RoleTeamLead, StartDate: model.NewDate(2020, 1, 6)}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	res, err := roster.Import(s, strings.NewReader("name,email,team,role,start_date,manager_email\nJasmine Mensah,JAS@example.com,Social,,,boss@example.com\nNew Person,new@example.com,,,,jas@example.com\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 1 {
		t.Errorf("result = %+v", res)
	}
	got := storetest.PersonByEmail(t, s, "jas@example.com")
	if got.ID != p.ID || got.Name != "Jasmine Mensah" || got.Team != "Social" || got.Role != model.RoleTeamLead || got.StartDate != p.StartDate || got.ManagerName != "Boss" {
		t.Errorf("updated person = %+v manager %q", got.Person, got.ManagerName)
	}
	if n, _ := s.CountPeople(); n != 3 {
		t.Errorf("%d people, want 3", n)
	}
}

func TestImportTwiceDoesNotDuplicate(t *testing.T) {
	s := storetest.New(t)
	csv := "name,email,team\nAmara,a@example.com,Chat\nNo Email Person,,Chat\n"
	for i := 0; i < 2; i++ {
		if _, err := roster.Import(s, strings.NewReader(csv)); err != nil {
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
	var ie *model.ImportError
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

// bigRoster is a roster of n people, one in every noEmail without an email,
// the rest in manager chains up to chain people long, each reporting to the
// next one with an email further down the file. managerOf gives the index
// of each person's manager (-1 for none).
func bigRoster(n, chain, noEmail int) (csv []byte, managerOf []int) {
	var b bytes.Buffer
	b.WriteString("name,email,team,role,start_date,manager_email\n")
	without := func(i int) bool { return i%noEmail == noEmail-1 }
	managerOf = make([]int, n)
	for i := range n {
		managerOf[i] = -1
		if without(i) {
			fmt.Fprintf(&b, "Nomail Person %d,,Team %d,agent,2024-01-%02d,\n", i, i%7, 1+i%28)
			continue
		}
		j := i + 1
		if without(j) {
			j++
		}
		manager := ""
		if j < n && j/chain == i/chain {
			managerOf[i] = j
			manager = fmt.Sprintf("p%d@example.com", j)
		}
		fmt.Fprintf(&b, "Person %d,p%d@example.com,Team %d,agent,2024-01-%02d,%s\n", i, i, i%7, 1+i%28, manager)
	}
	return b.Bytes(), managerOf
}

// TestImportLargeRoster: 20,000 people, half of them without an email and
// the rest in manager chains thousands long, import whole; imported again,
// they are updated, not doubled; and a loop among them is found and nothing
// is written.
func TestImportLargeRoster(t *testing.T) {
	const n = 20000
	s := storetest.New(t)
	data, managerOf := bigRoster(n, 5000, 2)
	check := func(res model.ImportResult, err error, added, updated, unchanged int) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != added || res.Updated != updated || res.Unchanged != unchanged {
			t.Fatalf("result %+v, want %d added, %d updated and %d unchanged", res, added, updated, unchanged)
		}
		rows, err := s.People(true)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n {
			t.Fatalf("%d people, want %d", len(rows), n)
		}
		byID, byName := map[uint]model.PersonRow{}, map[string]model.PersonRow{}
		for _, r := range rows {
			byID[r.ID], byName[r.Name] = r, r
		}
		for i, m := range managerOf {
			name := fmt.Sprintf("Person %d", i)
			if i%2 == 1 {
				name = fmt.Sprintf("Nomail Person %d", i)
			}
			p, ok := byName[name]
			switch {
			case !ok:
				t.Fatalf("%s is missing", name)
			case m < 0 && p.ManagerID != nil:
				t.Fatalf("%s has a manager", name)
			case m >= 0 && (p.ManagerID == nil || byID[*p.ManagerID].Email != fmt.Sprintf("p%d@example.com", m)):
				t.Fatalf("%s reports to %+v, want p%d@example.com", name, p.ManagerID, m)
			case p.Version != 1+updated/n:
				t.Fatalf("%s is at version %d", name, p.Version)
			}
		}
	}
	res, err := roster.Import(s, bytes.NewReader(data))
	check(res, err, n, 0, 0)
	res, err = roster.Import(s, bytes.NewReader(data))
	check(res, err, 0, 0, n)
	res, err = roster.Import(s, bytes.NewReader(bytes.ReplaceAll(data, []byte(",Team "), []byte(",Group "))))
	check(res, err, 0, n, 0)

	// The top of the first chain reports to its bottom: everyone in the
	// chain is in a loop; the rest are not.
	loop := bytes.Replace(data, []byte("Person 4998,p4998@example.com,Team 0,agent,2024-01-15,\n"),
		[]byte("Person 4998,p4998@example.com,Team 0,agent,2024-01-15,p0@example.com\n"), 1)
	if bytes.Equal(loop, data) {
		t.Fatal("the loop was not made")
	}
	before := dbtest.ContentDigest(t, s.DB())
	_, err = roster.Import(s, bytes.NewReader(loop))
	var ie *model.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 2500 || ie.Problems[0].Line != 2 || !strings.Contains(ie.Problems[0].Message, "loops back") {
		t.Fatalf("err = %.200v", err)
	}
	if dbtest.ContentDigest(t, s.DB()) != before {
		t.Error("a refused import wrote to the database")
	}
}

// BenchmarkImportRoster imports 100,000 people (manager chains up to
// 10,000 long, every tenth without an email) into an empty database (Add)
// and again, in other teams, into the database they filled, updating
// everyone (Update); and imports back 20,000 people of one name without
// email, each row taking the next of them, into another team
// (UpdateNamesakes).
func BenchmarkImportRoster(b *testing.B) {
	const n = 100000
	data, _ := bigRoster(n, 10000, 10)
	namesakes := []byte("name,team\n" + strings.Repeat("New hire,Phones\n", n/5))
	mustImport := func(b *testing.B, s *model.Store, data []byte, added, updated int) {
		res, err := roster.Import(s, bytes.NewReader(data))
		if err != nil || res.Added != added || res.Updated != updated {
			b.Fatalf("%v, %v", res, err)
		}
	}
	for _, c := range []struct {
		name  string
		data  []byte
		rows  int
		again bool
	}{{"Add", data, n, false}, {"Update", data, n, true}, {"UpdateNamesakes", namesakes, n / 5, true}} {
		// A roster imported again as it was is left alone: the second import
		// moves everyone to another team.
		changed := bytes.ReplaceAll(bytes.ReplaceAll(c.data, []byte(",Team "), []byte(",Group ")), []byte(",Phones\n"), []byte(",Chat\n"))
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := model.Open(filepath.Join(b.TempDir(), model.FileName))
				if err != nil {
					b.Fatal(err)
				}
				if c.again {
					mustImport(b, s, c.data, c.rows, 0)
				}
				b.StartTimer()
				if c.again {
					mustImport(b, s, changed, 0, c.rows)
				} else {
					mustImport(b, s, c.data, c.rows, 0)
				}
				b.StopTimer()
				s.Close()
			}
			b.ReportMetric(float64(c.rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
