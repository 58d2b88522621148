package roster_test

import (
	"errors"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/roster"
	"solemate/model/storetest"
)

// A roster imported again as it was says so, and leaves the people alone;
// a changed line is counted as updated.
func TestImportAgainCountsUnchanged(t *testing.T) {
	s := storetest.New(t)
	file := "name,email,team,manager_email\nLena Lead,lena@example.com,Chat,\nAmir Haddad,amir@example.com,Chat,lena@example.com\nBea Berg,,Chat,lena@example.com\n"
	moved := strings.Replace(file, "Amir Haddad,amir@example.com,Chat", "Amir Haddad,amir@example.com,Phones", 1)
	tests := []struct {
		name, file, want string
	}{
		{"first", file, "imported 3 people (3 added)"},
		{"again", file, "imported 3 people (3 unchanged)"},
		{"a team changed", moved, "imported 3 people (1 updated, 2 unchanged)"},
		{"a manager changed, one added", strings.Replace(moved, "Bea Berg,,Chat,lena", "Bea Berg,,Chat,amir", 1) + "Zed New,zed@example.com,,amir@example.com\n",
			"imported 4 people (1 added, 1 updated, 2 unchanged)"},
		{"empty cells keep what is there", "name,email\nAmir Haddad,amir@example.com\n", "imported 1 person (1 unchanged)"},
	}
	for _, tt := range tests {
		res, err := roster.Import(s, strings.NewReader(tt.file))
		if err != nil || res.String() != tt.want {
			t.Errorf("%s: %q, %v, want %q", tt.name, res, err, tt.want)
		}
	}
	if amir := storetest.PersonByEmail(t, s, "amir@example.com"); amir.Version != 2 || amir.Team != "Phones" {
		t.Errorf("amir after one change = version %d, team %q", amir.Version, amir.Team)
	}
}

// A roster may name the user as manager_email without listing them; while
// nobody is me, a manager nobody knows is refused with a way to fix it.
func TestImportNamesMeAsManager(t *testing.T) {
	file := "name,email,manager_email\nAmir Haddad,amir@example.com,lena@example.com\nBea Berg,bea@example.com,lena@example.com\n"
	tests := []struct {
		name     string
		me       string // the user's email ("" nobody is me yet)
		problems []string
	}{
		{"me on the roster", "lena@example.com", nil},
		{"nobody is me yet", "", []string{
			`manager lena@example.com is not in this file or on the roster; if that is you, add yourself first (in Settings, or: solemate me lena@example.com "Your Name")`,
			"manager lena@example.com is not in this file or on the roster"}},
		{"someone else is me", "omar@example.com", []string{
			"manager lena@example.com is not in this file or on the roster",
			"manager lena@example.com is not in this file or on the roster"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t)
			if tt.me != "" {
				me := model.Person{Name: "Me", Email: tt.me}
				if err := s.SavePerson(&me); err != nil {
					t.Fatal(err)
				}
				if err := s.SetMe(me.ID); err != nil {
					t.Fatal(err)
				}
			}
			_, err := roster.Import(s, strings.NewReader(file))
			var ie *model.ImportError
			if tt.problems == nil {
				if err != nil {
					t.Fatal(err)
				}
				if amir := storetest.PersonByEmail(t, s, "amir@example.com"); amir.ManagerName != "Me" {
					t.Errorf("amir's manager = %q, want me", amir.ManagerName)
				}
				return
			}
			if !errors.As(err, &ie) || len(ie.Problems) != len(tt.problems) {
				t.Fatalf("err = %v, want %d problems", err, len(tt.problems))
			}
			for i, p := range ie.Problems {
				if p.Message != tt.problems[i] {
					t.Errorf("problem %d = %q, want %q", i, p.Message, tt.problems[i])
				}
			}
		})
	}
}
