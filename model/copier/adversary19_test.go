package copier_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"solemate/model"
	"solemate/model/copier"
	"solemate/model/storetest"
)

// Adversary 19: a file is one lead's, and migrate-to --author hands its
// private rows to that lead; but the file's own settings (who "me" is, the
// scope, the working week: user_settings, an empty login in a file) are copied
// with that empty login still. No lead's role is empty, so row-level security hides
// them from the lead the file was (who finds herself nobody, on the
// default week), while the owner, who reads past it, takes them for its own.
func TestAdv19CopyKeepsTheFilesSettingsWithItsLead(t *testing.T) {
	storetest.NeedServer(t)
	f := newCopyFixture(t)
	src, err := model.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	src.Now = func() time.Time { return storetest.FixedNow }
	var meID uint
	if err := src.DB().Raw("SELECT MIN(id) FROM people WHERE archived_at IS NULL").Scan(&meID).Error; err != nil {
		t.Fatal(err)
	}
	if err := src.SetMe(meID); err != nil {
		t.Fatal(err)
	}
	week := model.DefaultWorkWeek()
	week.Start, week.TimeZone = 14*time.Hour, "Europe/Lisbon"
	if err := src.SetWorkWeek(week); err != nil {
		t.Fatal(err)
	}
	src.Close()

	dstURL := storetest.ServerDatabase(t)
	ana := storetest.LeadURL(t, dstURL, "lead_ana")
	if _, err := copier.ToServer(f.path, dstURL, fmt.Sprintf("lead_ana_%d", os.Getpid()), nil); err != nil {
		t.Fatalf("copy: %v", err)
	}
	lead, err := model.Open(ana)
	if err != nil {
		t.Fatal(err)
	}
	defer lead.Close()
	if id, err := lead.MyID(); err != nil || id != meID {
		t.Errorf("after migrate-to --author, the file's lead is person %d (%v), want %d as in the file", id, err, meID)
	}
	if w, err := lead.WorkWeek(); err != nil || w.Start != 14*time.Hour || w.TimeZone != "Europe/Lisbon" {
		t.Errorf("after migrate-to --author, the file's lead's week is %+v (%v)", w, err)
	}
}

// A lead who connects to the new, empty server before the copy (as the
// README's order allows: the owner creates the schema, leads connect) and
// so much as sets a working week or scope leaves a row in user_settings;
// the copy then finds the server "not empty" and refuses for good, though
// nothing of the centre's is there and the row is that lead's alone (the
// copying owner cannot even tell whose it is without reading past RLS).
func TestAdv19CopyIsNotRefusedForALeadsSettings(t *testing.T) {
	storetest.NeedServer(t)
	f := newCopyFixture(t)
	dstURL := storetest.ServerDatabase(t)
	lead := storetest.LeadStore(t, dstURL, "lead_early")
	if err := lead.SetScope(model.ScopeEveryone); err != nil {
		t.Fatal(err)
	}
	if _, err := copier.ToServer(f.path, dstURL, "", nil); err != nil {
		t.Errorf("copy into a server where a lead only set a preference: %v", err)
	}
}
