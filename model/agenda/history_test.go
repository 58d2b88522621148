package agenda_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/agenda"
	"solemate/model/export"
	"solemate/model/storetest"
)

// historyFixture is Amara's two one-on-ones, as a lead would have kept
// them: a carried obstacle, a private item, notes, a pulse, an action.
func historyFixture(t *testing.T) (*model.Store, model.Person) {
	t.Helper()
	s := storetest.New(t)
	p := model.Person{Name: "Amara Okafor", Email: "amara@example.com"}
	if err := s.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	m1 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	storetest.Item(t, s, m1, model.HeadingObstacles, "Refund tool times out")
	storetest.Item(t, s, m1, model.HeadingProgress, "Cleared the *backlog*")
	secret := storetest.Item(t, s, m1, model.HeadingPulse, "Dad in hospital")
	secret.NonWork, secret.Private, secret.Status = true, true, model.ItemDone
	secret.AskedOn, secret.AskedNote = model.NewDate(2026, 3, 9), "Home again"
	if err := s.UpdateItem(&secret); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAction(&model.Action{PersonID: p.ID, OneOnOneID: &m1.ID, Text: "Send the macro", Owner: model.OwnerReport}); err != nil {
		t.Fatal(err)
	}
	ask := model.Action{PersonID: p.ID, OneOnOneID: &m1.ID, Text: "Ask IT about the [tool]", Owner: model.OwnerLead, Due: model.NewDate(2026, 3, 13)}
	if err := s.SaveAction(&ask); err != nil {
		t.Fatal(err)
	}
	if err := s.SetActionDone(ask.ID, true); err != nil {
		t.Fatal(err)
	}
	m1.PulseRating, m1.PulseComment = 4, "Likes the new freedom"
	m1.SharedNotes, m1.PrivateNotes = "Walked by the river.\nTalked about the rota.", "Seems tired."
	if err := s.SaveOneOnOne(&m1); err != nil {
		t.Fatal(err)
	}
	m2 := storetest.Start(t, s, p.ID, time.Date(2026, 3, 10, 10, 0, 0, 0, time.UTC))
	move := storetest.Item(t, s, m2, model.HeadingFocus, "Moving house")
	move.NonWork, move.FollowUp = true, model.NewDate(2026, 3, 20)
	if err := s.UpdateItem(&move); err != nil {
		t.Fatal(err)
	}
	return s, p
}

func historyMarkdown(t *testing.T, s *model.Store, email string) []byte {
	t.Helper()
	var b bytes.Buffer
	opt := export.OneOnOneOptions{PersonEmail: email, Format: export.FormatMarkdown, IncludePrivate: true, TimeZone: time.Local}
	if err := export.OneOnOnes(s, &b, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHistoryComesAlongTwiceAddsNothing(t *testing.T) {
	from, _ := historyFixture(t)
	file := historyMarkdown(t, from, "amara@example.com")

	to := storetest.New(t)
	p := model.Person{Name: "Amara Okafor"}
	if err := to.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	res, err := agenda.Import(to, file, 0)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, file)
	}
	if !res.History || res.Added != 2 || res.String() != "Added 2 past one-on-ones with Amara Okafor." {
		t.Errorf("result %+v: %s", res, res)
	}
	// What came in exports as what went out.
	if again := historyMarkdown(t, to, ""); !bytes.Equal(again, file) {
		t.Errorf("history changed on the way:\n%s\nwant\n%s", again, file)
	}
	res, err = agenda.Import(to, file, p.ID)
	if err != nil || res.Added != 0 || res.Already != 2 || res.String() != "Nothing new: the file's one-on-ones with Amara Okafor were all here already." {
		t.Errorf("second import: %+v, %v", res, err)
	}
}

func TestHistoryRefusals(t *testing.T) {
	s := storetest.New(t)
	p := storetest.AddPerson(t, s, "Amara Okafor")
	zed := storetest.AddPerson(t, s, "Zed Other")
	tests := []struct {
		name, file string
		expect     uint
		line       int
		reason     string
	}{
		{"someone else's", "## Amara Okafor — 3 Mar 2026\n\n### Obstacles\n\n- [ ] A\n", zed.ID, 1, "with Amara Okafor, not Zed Other"},
		{"two people", "## Amara Okafor — 3 Mar 2026\n\n### Obstacles\n\n- A\n\n## Zed Other — 4 Mar 2026\n", 0, 7, "one person's history at a time"},
		{"not on the roster", "## Nobody Here — 3 Mar 2026\n", 0, 1, "nobody on the roster here is called Nobody Here"},
		{"no name", "## 2026-03-03\n\n### Focus\n\n- A\n", 0, 1, "do not say whom"},
		{"undated section", "## Amara Okafor — 3 Mar 2026\n\n## Gossip\n", 0, 3, `"Gossip" is not a one-on-one's heading`},
		{"unknown heading", "## Amara Okafor — 3 Mar 2026\n\n### Gossip\n\n- A\n", 0, 3, `"Gossip" is not one of the four headings`},
		{"bad follow-up", "## Amara Okafor — 3 Mar 2026\n\n### Focus\n\n- [ ] A *(work, follow up 2026-02-31)*\n", 0, 5, "2026-02-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := agenda.Import(s, []byte(tt.file), tt.expect)
			var e *agenda.Error
			if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("got %v, want line %d: …%s…", err, tt.line, tt.reason)
			}
		})
	}
	for _, id := range []uint{p.ID, zed.ID} {
		if ids, _ := s.MeetingIDs(model.MeetingFilter{PersonID: id}); len(ids) != 0 {
			t.Errorf("a refused history wrote %d meetings", len(ids))
		}
	}
	// Notes kept by hand: a date for a heading, lines for items.
	res, err := agenda.Import(s, []byte("# My notes\n\n## 2026-03-03\n\n### Obstacles\n\nPrinter jams\n\n### focus:\n\n- [x] Rota\n"), p.ID)
	if err != nil || res.Added != 1 {
		t.Fatalf("notes by hand: %+v, %v", res, err)
	}
}
