package model

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// sqlRecorder keeps every statement the store runs with its arguments, so
// a test can ask SQLite how it would run them as they are run: with values
// bound, not written in (a literal can let SQLite use a partial index that
// a bound parameter does not).
type sqlRecorder struct {
	mu   sync.Mutex
	stmt []recorded
}

type recorded struct {
	sql  string
	vars []any
}

func (r *sqlRecorder) watch(db *gorm.DB) {
	record := func(db *gorm.DB) {
		r.mu.Lock()
		r.stmt = append(r.stmt, recorded{db.Statement.SQL.String(), db.Statement.Vars})
		r.mu.Unlock()
	}
	cb := db.Callback()
	_ = cb.Query().After("gorm:query").Register("test:record", record)
	_ = cb.Row().After("gorm:row").Register("test:record", record)
	_ = cb.Raw().After("gorm:raw").Register("test:record", record)
	_ = cb.Update().After("gorm:update").Register("test:record", record)
}

// The tables that grow with the years: reading any of them whole is what
// makes a screen slow on a long history.
var growingTables = map[string]bool{
	"one_on_one_items": true, "one_on_ones": true, "carry_overs": true, "actions": true,
	"shadowing_sessions": true, "session_tags": true, "milestone_completions": true, "prompt_uses": true,
}

var (
	tableRef = regexp.MustCompile("(?i)\\b(?:FROM|JOIN)\\s+[`\"]?(\\w+)[`\"]?(?:\\s+(?:AS\\s+)?(\\w+))?")
	scanStep = regexp.MustCompile(`\bSCAN (\w+)`)
)

// TestScreenQueriesUseIndexes runs every query the screens make (Today, the
// people list, one-on-ones due, a person's page, a one-on-one and its
// suggestions, an autosave, cohorts, shadowing, search) and checks with
// EXPLAIN QUERY PLAN that none reads a growing table from end to end.
func TestScreenQueriesUseIndexes(t *testing.T) {
	fileOnly(t)
	s := newTestStore(t)
	if err := FillDemo(s, DemoOptions{People: 40, Years: 1, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	var person OneOnOne
	if err := s.db.Order("held_at DESC").First(&person).Error; err != nil {
		t.Fatal(err)
	}
	var it Item
	if err := s.db.Where("one_on_one_id = ?", person.ID).First(&it).Error; err != nil {
		t.Fatal(err)
	}
	cohorts, err := s.Cohorts()
	if err != nil || len(cohorts) == 0 {
		t.Fatalf("cohorts: %v", err)
	}
	// A partial index holds only a small, bounded part of its table (open
	// actions, open follow-ups), so scanning it is fine.
	var partialNames []string
	s.db.Raw("SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").Scan(&partialNames)
	partial := map[string]bool{}
	for _, n := range partialNames {
		partial[n] = true
	}
	if !partial["idx_actions_open"] {
		t.Fatalf("partial indexes: %v", partialNames)
	}
	rec := &sqlRecorder{}
	rec.watch(s.db)
	id := person.PersonID
	calls := map[string]func() error{
		"TodayView":         func() error { _, err := s.TodayView(time.Monday); return err },
		"People":            func() error { _, err := s.People(false); return err },
		"PeopleMatching":    func() error { _, _, err := s.PeopleMatching(context.Background(), "", false); return err },
		"PeopleFiltered":    func() error { _, _, err := s.PeopleMatching(context.Background(), "a", true); return err },
		"PeopleByIDs":       func() error { _, err := s.PeopleByIDs([]uint{id, 1, 2}); return err },
		"Managers":          func() error { _, err := s.Managers(context.Background(), "a", id, 30); return err },
		"Reports":           func() error { _, err := s.Reports(); return err },
		"History":           func() error { _, err := s.History(id); return err },
		"PulseHistory":      func() error { _, err := s.PulseHistory(id); return err },
		"FollowUps":         func() error { _, err := s.FollowUps(id); return err },
		"FollowUpsBefore":   func() error { _, err := s.FollowUpsBefore(id, s.Now()); return err },
		"OpenActions":       func() error { _, err := s.OpenActions(id); return err },
		"CarryingOver":      func() error { _, err := s.CarryingOver(id); return err },
		"Meeting":           func() error { _, err := s.Meeting(person.ID); return err },
		"Suggest":           func() error { _, err := s.Suggest(id, person.ID, 3); return err },
		"UpdateItem":        func() error { it.Text += "!"; return s.UpdateItem(&it) },
		"CohortBoard":       func() error { _, err := s.CohortBoard(cohorts[0].ID); return err },
		"Sessions":          func() error { _, err := s.Sessions(SessionFilter{Limit: 200}); return err },
		"CountSessions":     func() error { _, err := s.CountSessions(SessionFilter{PersonID: id}); return err },
		"Overview/friction": func() error { _, err := s.Overview(TagFriction); return err },
		"Search":            func() error { _, err := s.Search("refund to", true, 100); return err },
		"SessionsWith":      func() error { _, _, err := s.SessionsWith(id, Date{}, 3); return err },
		"ShadowedBefore":    func() error { _, _, _, err := s.ShadowedBefore(id, s.Now(), 5); return err },
		"Agenda":            func() error { _, err := s.Agenda(id); return err },
		"DraftMeeting":      func() error { _, err := s.DraftMeeting(id, s.Now()); return err },
		"ImportPeople": func() error {
			_, err := s.ImportPeople([]*RosterEntry{
				{Line: 2, Person: Person{Name: "New Person", Email: "new.person@example.com"}, ManagerEmail: "new.lead@example.com"},
				{Line: 3, Person: Person{Name: "New Lead", Email: "new.lead@example.com"}},
			}, nil)
			return err
		},
	}
	for name, call := range calls {
		rec.stmt = nil
		if err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range rec.stmt {
			stmt := r.sql
			if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(stmt)), "SELECT") &&
				!strings.HasPrefix(strings.ToUpper(strings.TrimSpace(stmt)), "UPDATE") {
				continue
			}
			aliases := map[string]string{}
			for _, m := range tableRef.FindAllStringSubmatch(stmt, -1) {
				aliases[m[1]] = m[1]
				if m[2] != "" && !isKeyword(m[2]) {
					aliases[m[2]] = m[1]
				}
			}
			var plan []struct {
				ID, Parent, Notused int
				Detail              string
			}
			rows, err := s.db.ConnPool.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+stmt, r.vars...)
			if err != nil {
				t.Fatalf("%s: explain %s: %v", name, stmt, err)
			}
			for rows.Next() {
				var step struct {
					ID, Parent, Notused int
					Detail              string
				}
				if err := rows.Scan(&step.ID, &step.Parent, &step.Notused, &step.Detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, step)
			}
			if err := rows.Close(); err != nil {
				t.Fatalf("%s: explain %s: %v", name, stmt, err)
			}
			// Walking an index in order and stopping at the LIMIT is fine.
			upper := strings.ToUpper(stmt)
			limited := strings.Contains(upper, "ORDER BY") && strings.Contains(upper, "LIMIT")
			for _, step := range plan {
				limited = limited && !strings.Contains(step.Detail, "TEMP B-TREE FOR ORDER BY")
			}
			for _, step := range plan {
				m := scanStep.FindStringSubmatch(step.Detail)
				if m == nil || limited || partial[usingIndex(step.Detail)] {
					continue
				}
				table := aliases[m[1]]
				// Lists show everyone; an import looks people up one by one.
				lookup := name == "ImportPeople" && (table == "people" || m[1] == "people")
				if growingTables[table] || growingTables[m[1]] || lookup {
					t.Errorf("%s reads all of %s (%s) in:\n%s", name, table, step.Detail, stmt)
				}
			}
		}
	}
}

// usingIndex is the index a plan step reads, or "".
func usingIndex(detail string) string {
	_, after, ok := strings.Cut(detail, " INDEX ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(after, " ")
	return name
}

func isKeyword(w string) bool {
	switch strings.ToUpper(w) {
	case "ON", "WHERE", "JOIN", "LEFT", "INNER", "CROSS", "GROUP", "ORDER", "LIMIT", "USING", "SET":
		return true
	}
	return false
}
