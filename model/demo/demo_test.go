package demo

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"solemate/model"
)

func TestDemoBuildsAContactCentre(t *testing.T) {
	for _, n := range []int{1, 2, 12, 40, 200} {
		s, db := newTestStore(t)
		res, err := Generate(s, Options{People: n, Seed: 7})
		if err != nil {
			t.Fatalf("demo %d: %v", n, err)
		}
		rows, _ := s.People(false)
		if res.People != n || len(rows) != n {
			t.Fatalf("demo %d: result %+v, %d rows", n, res, len(rows))
		}
		roles := map[model.Role]int{}
		newHires := 0
		for _, r := range rows {
			roles[r.Role]++
			if err := r.Validate(); err != nil {
				t.Errorf("demo %d: invalid person %+v: %v", n, r.Person, err)
			}
			if r.Role != model.RoleManager && r.ManagerID == nil {
				t.Errorf("demo %d: %s has no manager", n, r.Name)
			}
			if r.StartDate.IsZero() || !r.StartDate.Before(s.Today().AddDays(1)) {
				t.Errorf("demo %d: %s starts %v", n, r.Name, r.StartDate)
			}
			if s.Today().AddDays(-45).Before(r.StartDate) {
				newHires++
			}
		}
		if n >= 40 {
			assertDemoHistory(t, s, db)
		}
		if roles[model.RoleManager] != 1 {
			t.Errorf("demo %d: %d managers", n, roles[model.RoleManager])
		}
		if n >= 40 && (roles[model.RoleTeamLead] < 3 || roles[model.RoleTrainer] < 1 || roles[model.RoleAgent] < 25 || newHires == 0) {
			t.Errorf("demo %d: roles %v, %d new hires", n, roles, newHires)
		}
	}
}

func TestDemoIsRepeatableAndOnlyForEmptyDatabases(t *testing.T) {
	a, _ := newTestStore(t)
	b, _ := newTestStore(t)
	for _, s := range []*model.Store{a, b} {
		if _, err := Generate(s, Options{People: 30, Seed: 42}); err != nil {
			t.Fatal(err)
		}
	}
	ra, _ := a.People(true)
	rb, _ := b.People(true)
	for i := range ra {
		if ra[i].Name != rb[i].Name || ra[i].Email != rb[i].Email || ra[i].StartDate != rb[i].StartDate {
			t.Fatalf("same seed, different people at %d: %v / %v", i, ra[i].Person, rb[i].Person)
		}
	}
	ha, _ := a.History(ra[len(ra)-1].ID)
	hb, _ := b.History(rb[len(rb)-1].ID)
	if len(ha) != len(hb) {
		t.Errorf("same seed, different histories: %d / %d meetings", len(ha), len(hb))
	}
	if _, err := Generate(a, Options{People: 5, Seed: 1}); !errors.Is(err, model.ErrNotEmpty) {
		t.Errorf("demo on a full database: %v", err)
	}
	for _, n := range []int{0, -1, MaxPeople + 1} {
		s, _ := newTestStore(t)
		if _, err := Generate(s, Options{People: n, Seed: 1}); err == nil {
			t.Errorf("demo %d people should fail", n)
		}
	}
}

// assertDemoHistory checks the demo one-on-ones look lived-in: months of
// meetings, items carried over, follow-ups, actions, pulse and private notes.
func assertDemoHistory(t *testing.T, s *model.Store, db *gorm.DB) {
	t.Helper()
	var meetings, carried, followUps, actions, private, pulses int64
	db.Model(&model.OneOnOne{}).Count(&meetings)
	db.Table("carry_overs").Count(&carried)
	db.Model(&model.Item{}).Where("non_work AND follow_up IS NOT NULL").Count(&followUps)
	db.Model(&model.Action{}).Count(&actions)
	db.Table("private_notes").Count(&private)
	db.Model(&model.OneOnOne{}).Where("pulse_rating BETWEEN 1 AND 5").Count(&pulses)
	if meetings < 200 || carried == 0 || followUps == 0 || actions == 0 || private == 0 || pulses != meetings {
		t.Errorf("demo history: %d meetings, %d carried, %d follow-ups, %d actions, %d private notes, %d pulses",
			meetings, carried, followUps, actions, private, pulses)
	}
	reps, err := s.Reports()
	if err != nil || len(reps) == 0 {
		t.Fatalf("reports: %v", err)
	}
	sessions, _ := s.Sessions(model.SessionFilter{})
	channels := map[model.Channel]bool{}
	debriefed := 0
	for _, r := range sessions {
		channels[r.Channel] = true
		if r.Debriefed() {
			debriefed++
		}
	}
	overview, _ := s.Overview(model.TagFriction)
	themes := overview.ByChannel
	var fromDebriefs int64
	db.Model(&model.Action{}).Where("session_id IS NOT NULL").Count(&fromDebriefs)
	cohorts, _ := s.Cohorts()
	phases := map[string]bool{}
	behind := 0
	for _, c := range cohorts {
		phases[c.PhaseName] = true
		behind += c.Behind
	}
	if len(cohorts) != 3 || !phases["Finished"] || !phases["Onboarding classes"] || behind == 0 {
		t.Errorf("demo cohorts: %+v", cohorts)
	}
	if len(sessions) < 20 || len(channels) < 4 || debriefed == 0 || len(themes) == 0 || fromDebriefs == 0 {
		t.Errorf("demo shadowing: %d sessions on %d channels, %d debriefed, %d themes, %d actions",
			len(sessions), len(channels), debriefed, len(themes), fromDebriefs)
	}
}

// A long history is a centre that has run for years: cohorts every few
// weeks, former colleagues archived, nobody meeting before they started or
// after they left, and carry-over exactly as StartOneOnOne's rule makes it.
func TestDemoYearsOfHistory(t *testing.T) {
	s, db := newTestStore(t)
	calls := 0
	res, err := Generate(s, Options{People: 60, Years: 2, Seed: 3, Progress: func(done, total int) {
		calls++
		if done < 1 || done > total {
			t.Errorf("progress %d of %d", done, total)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.People != 60 || res.Former == 0 || res.Cohorts != 20 || res.OneOnOnes < 3000 || res.Items < 10000 || calls == 0 {
		t.Fatalf("two years: %+v, %d progress calls", res, calls)
	}
	if roster, _ := s.People(false); len(roster) != 60 {
		t.Errorf("%d on the roster", len(roster))
	}
	var outside int64
	db.Raw(`SELECT COUNT(*) FROM one_on_ones o JOIN people p ON p.id = o.person_id
		WHERE date(o.held_at) < date(p.start_date, '-1 day') OR (p.archived_at IS NOT NULL AND o.held_at > p.archived_at)`).Scan(&outside)
	if outside > 0 {
		t.Errorf("%d one-on-ones before someone started or after they left", outside)
	}
	// Every meeting carries what the rule would carry from the one before.
	var pairs []struct{ Prev, Next uint }
	db.Raw(`SELECT (SELECT p.id FROM one_on_ones p WHERE p.person_id = o.person_id AND p.held_at < o.held_at
		ORDER BY p.held_at DESC LIMIT 1) AS prev, o.id AS next FROM one_on_ones o ORDER BY o.id LIMIT 400`).Scan(&pairs)
	carried := 0
	for _, p := range pairs {
		var want, got []uint
		if p.Prev != 0 {
			db.Table("one_on_one_items AS i").Where(carriesOn, model.ItemOpen, model.HeadingObstacles, model.HeadingFocus, p.Prev, p.Prev).
				Order("i.id").Pluck("i.id", &want)
		}
		db.Table("carry_overs").Where("one_on_one_id = ?", p.Next).Order("item_id").Pluck("item_id", &got)
		// The rule sees today's statuses: what it finds open must have been
		// carried; items closed since were carried too.
		for _, id := range want {
			if !slices.Contains(got, id) {
				t.Fatalf("meeting %d carries %v; the rule says it also carries %d", p.Next, got, id)
			}
		}
		carried += len(got)
	}
	if carried == 0 {
		t.Error("nothing was carried over")
	}
	var took int64
	db.Model(&model.Hire{}).Where("status = ?", model.HireTookOffer).Count(&took)
	var graduated int64
	db.Model(&model.Hire{}).Where("status = ?", model.HireGraduated).Count(&graduated)
	if graduated == 0 {
		t.Errorf("no graduates; %d took the offer", took)
	}
}

// Demo notes read like notes people write: a detail (a customer, an order,
// a colleague) appears only where the sentence has room for it, never on
// what someone shared about their own life.
func TestDemoNotesReadLikeNotes(t *testing.T) {
	s, db := newTestStore(t)
	if _, err := Generate(s, Options{People: 40, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	var items []model.Item
	if err := db.Find(&items).Error; err != nil {
		t.Fatal(err)
	}
	details := []string{"order ", "Mrs ", "Mr ", "customer in ", " from Phone", " from Chat"}
	for _, it := range items {
		if strings.ContainsAny(it.Text, "{}") || it.Text == "" || it.Text[:1] != strings.ToUpper(it.Text[:1]) {
			t.Errorf("item %q is not a finished sentence", it.Text)
		}
		for _, d := range details {
			if it.NonWork && strings.Contains(it.Text, d) {
				t.Errorf("non-work item %q carries a work detail (%q)", it.Text, strings.TrimSpace(d))
			}
		}
	}
}
