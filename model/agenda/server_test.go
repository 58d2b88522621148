package agenda_test

import (
	"bytes"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/agenda"
	"solemate/model/storetest"
)

// On a shared server a lead imports history and agendas as themselves:
// the meetings, their private notes and carried items, and the agenda
// arrive as they do in a file.
func TestImportOnServer(t *testing.T) {
	storetest.NeedServer(t)
	dbURL := storetest.ServerDatabase(t)
	from, _ := historyFixture(t)
	file := historyMarkdown(t, from, "amara@example.com")

	lead := storetest.LeadStore(t, dbURL, "agenda_lead")
	p := model.Person{Name: "Amara Okafor", Email: "amara@example.com"}
	if err := lead.SavePerson(&p); err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{2, 0} {
		res, err := agenda.Import(lead, file, 0)
		if err != nil || res.Added != want {
			t.Fatalf("import %d: %+v, %v", i+1, res, err)
		}
	}
	if again := historyMarkdown(t, lead, "amara@example.com"); !bytes.Equal(again, file) {
		t.Errorf("history changed on the way to the server:\n%s", again)
	}
	var b bytes.Buffer
	if err := agenda.Export(lead, p.ID, &b); err != nil {
		t.Fatal(err)
	}
	filled := bytes.Replace(b.Bytes(), []byte("## Obstacles\n"), []byte("## Obstacles\n\n- The headset crackles\n"), 1)
	if res, err := agenda.Import(lead, filled, p.ID); err != nil || res.Added != 1 {
		t.Fatalf("agenda: %+v, %v", res, err)
	}
	if theirs := theirItems(t, lead, storetest.Start(t, lead, p.ID, time.Date(2026, 3, 17, 10, 0, 0, 0, time.UTC))); theirs != 1 {
		t.Errorf("%d of the meeting's items are the report's, want 1", theirs)
	}
}
