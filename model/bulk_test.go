package model

import (
	"errors"
	"testing"
)

// A lead filling a shared database with demo data is told plainly that its
// owner must, and nothing is written.
func TestOnlyTheOwnerFillsAServerWithDemoData(t *testing.T) {
	needServer(t)
	dbURL := newServerDatabase(t)
	lead := leadStore(t, dbURL, "demo_lead")
	err := FillDemo(lead, DemoOptions{People: 6, Seed: 1})
	if !errors.Is(err, ErrDemoNotOwner) {
		t.Errorf("a lead's demo: %v, want ErrDemoNotOwner", err)
	}
	var people int64
	if err := lead.db.Model(&Person{}).Count(&people).Error; err != nil || people != 0 {
		t.Errorf("the lead's refused demo left %d people (%v)", people, err)
	}
}
