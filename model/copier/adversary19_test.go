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
