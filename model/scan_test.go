package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

// The hand-scanned column lists must name every column of their table, so
// a column added by a migration is not silently left out of the lists.
func TestScanColumnsCoverTheTables(t *testing.T) {
	s := newTestStore(t)
	for _, tc := range []struct {
		model any
		cols  []string
	}{{&Person{}, personColumns}, {&Item{}, itemColumns}, {&Action{}, actionColumns},
		{&CohortPhase{}, phaseColumns}, {&CohortMilestone{}, milestoneColumns}, {&Hire{}, hireColumns}} {
		types, err := s.db.Migrator().ColumnTypes(tc.model)
		if err != nil {
			t.Fatal(err)
		}
		var table []string
		for _, c := range types {
			table = append(table, c.Name())
		}
		slices.Sort(table)
		got := slices.Sorted(slices.Values(tc.cols))
		if !slices.Equal(got, table) {
			t.Errorf("%T: scanned columns %v, table has %v", tc.model, got, table)
		}
	}
}

// Scanning by hand reads the same values gorm reads, NULLs included.
func TestScanReadsWhatGormReads(t *testing.T) {
	s := newTestStore(t)
	if err := FillDemo(s, DemoOptions{People: 20, Years: 1, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	// Rows written outside the app may lack timestamps.
	if err := s.db.Exec("UPDATE people SET created_at = NULL, updated_at = NULL WHERE id = (SELECT MIN(id) FROM people)").Error; err != nil {
		t.Fatal(err)
	}
	check := func(name string, want, got any) {
		t.Helper()
		if reflect.ValueOf(want).Len() == 0 {
			t.Fatalf("%s: no rows to compare", name)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: hand-scanned rows differ from gorm's:\n got %+v\nwant %+v", name, got, want)
		}
	}

	var people []Person
	if err := s.db.Order(s.d.nocase("name") + ", id").Find(&people).Error; err != nil {
		t.Fatal(err)
	}
	rows, err := s.People(true)
	if err != nil {
		t.Fatal(err)
	}
	var scanned []Person
	for _, r := range rows {
		scanned = append(scanned, r.Person)
	}
	check("people", people, scanned)
	if !people[slices.IndexFunc(people, func(p Person) bool { return p.CreatedAt.IsZero() })].UpdatedAt.IsZero() {
		t.Error("a NULL updated_at should read as the zero time")
	}

	var actions []Action
	if err := s.db.Where("done_at IS NULL AND person_id IN (SELECT id FROM people WHERE archived_at IS NULL)").
		Order("due IS NULL, due, id").Find(&actions).Error; err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenActions(0)
	if err != nil {
		t.Fatal(err)
	}
	var scannedActions []Action
	for _, a := range open {
		scannedActions = append(scannedActions, a.Action)
	}
	check("actions", actions, scannedActions)

	var items []Item
	if err := s.db.Where("status = 'open' AND follow_up IS NOT NULL AND follow_up <= ?", s.Today()).
		Where("one_on_one_id IN (SELECT o.id FROM one_on_ones o JOIN people p ON p.id = o.person_id WHERE p.archived_at IS NULL)").
		Find(&items).Error; err != nil {
		t.Fatal(err)
	}
	v, err := s.TodayView(time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	var scannedItems []Item
	for _, f := range v.FollowUps {
		scannedItems = append(scannedItems, f.Item)
	}
	slices.SortFunc(scannedItems, func(a, b Item) int { return int(a.ID) - int(b.ID) })
	check("follow-ups", items, scannedItems)

	var c Cohort
	if err := s.db.Joins("JOIN cohort_hires h ON h.cohort_id = cohorts.id").Where("h.offered_on IS NOT NULL").First(&c).Error; err != nil {
		t.Fatal(err)
	}
	b, err := s.CohortBoard(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var phases []CohortPhase
	if err := s.db.Where("cohort_id = ?", c.ID).Order("position").Find(&phases).Error; err != nil {
		t.Fatal(err)
	}
	check("phases", phases, b.Phases)
	var ms, scannedMs []CohortMilestone
	if err := s.db.Joins("JOIN cohort_phases p ON p.id = cohort_milestones.cohort_phase_id").Where("p.cohort_id = ?", c.ID).
		Order("p.position, cohort_milestones.position").Find(&ms).Error; err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Rows[0].Phases {
		for _, m := range p.Milestones {
			scannedMs = append(scannedMs, m.CohortMilestone)
		}
	}
	check("milestones", ms, scannedMs)
	var hires, scannedHires []Hire
	if err := s.db.Where("cohort_id = ?", c.ID).Order("id").Find(&hires).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range b.Rows {
		scannedHires = append(scannedHires, r.Hire)
	}
	slices.SortFunc(scannedHires, func(a, b Hire) int { return int(a.ID) - int(b.ID) })
	check("hires", hires, scannedHires)
}
