package model

import (
	"bytes"
	"strings"
	"testing"
)

// Two people of one name without email (two agents called Maria Garcia) are
// exported and the file imported back: each row finds its own person, and
// the round trip adds no one.
func TestExportedRosterOfNamesakesImportsBackOntoThem(t *testing.T) {
	s := newTestStore(t)
	for _, team := range []string{"North", "South"} {
		p := Person{Name: "Maria Garcia", Team: team}
		if err := s.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := s.ExportPeople(&out, FormatCSV); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportRoster(strings.NewReader(out.String()))
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
