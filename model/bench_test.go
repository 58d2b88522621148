package model

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// The benchmarks run on a contact centre's ten-year database, named by
// SOLEMATE_BENCH_DB (make bench builds it with solemate demo --years 10),
// and skip without one. Each measures one call a screen makes.

func benchStore(b *testing.B) *Store {
	b.Helper()
	path := os.Getenv("SOLEMATE_BENCH_DB")
	if path == "" {
		b.Skip("set SOLEMATE_BENCH_DB to a database from solemate demo --people 200 --years 10")
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

// busiest is the person with the most one-on-ones, for the person page.
func busiest(b *testing.B, s *Store) uint {
	var row struct {
		PersonID uint
		N        int
	}
	if err := s.db.Raw("SELECT person_id, COUNT(*) AS n FROM one_on_ones GROUP BY person_id ORDER BY n DESC LIMIT 1").Scan(&row).Error; err != nil {
		b.Fatal(err)
	}
	if row.N < 250 {
		b.Fatalf("the busiest person has %d one-on-ones; the benchmarks want at least 250", row.N)
	}
	return row.PersonID
}

func run[T any](b *testing.B, call func() (T, error)) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := call(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToday(b *testing.B) {
	s := benchStore(b)
	run(b, func() (TodayView, error) { return s.TodayView(time.Monday) })
}

// BenchmarkPeopleList is what People reads to show its list: who is on it
// and the first page of rows.
func BenchmarkPeopleList(b *testing.B) {
	s := benchStore(b)
	run(b, func() ([]PersonRow, error) {
		ids, _, err := s.PeopleMatching(context.Background(), "", false)
		if err != nil {
			return nil, err
		}
		return s.PeopleByIDs(ids[:min(len(ids), 50)])
	})
}

// BenchmarkPeopleFilter is a keystroke in People's filter.
func BenchmarkPeopleFilter(b *testing.B) {
	s := benchStore(b)
	run(b, func() ([]uint, error) {
		ids, _, err := s.PeopleMatching(context.Background(), "phone", true)
		return ids, err
	})
}

func BenchmarkOneOnOnesDue(b *testing.B) {
	s := benchStore(b)
	run(b, s.Reports)
}

// BenchmarkPersonPage is every call a person's page makes, for someone with
// hundreds of one-on-ones.
func BenchmarkPersonPage(b *testing.B) {
	s := benchStore(b)
	id := busiest(b, s)
	b.Run("Person", func(b *testing.B) { run(b, func() (Person, error) { return s.Person(id) }) })
	b.Run("History", func(b *testing.B) { run(b, func() ([]MeetingSummary, error) { return s.History(id) }) })
	b.Run("PulseHistory", func(b *testing.B) { run(b, func() ([]PulsePoint, error) { return s.PulseHistory(id) }) })
	b.Run("FollowUps", func(b *testing.B) { run(b, func() ([]FollowUp, error) { return s.FollowUps(id) }) })
	b.Run("OpenActions", func(b *testing.B) { run(b, func() ([]ActionRow, error) { return s.OpenActions(id) }) })
	b.Run("CarryingOver", func(b *testing.B) { run(b, func() ([]Item, error) { return s.CarryingOver(id) }) })
	b.Run("Agenda", func(b *testing.B) { run(b, func() (Agenda, error) { return s.Agenda(id) }) })
	b.Run("SessionsWith", func(b *testing.B) {
		run(b, func() ([]ShadowedSession, error) { rows, _, err := s.SessionsWith(id, Date{}, 3); return rows, err })
	})
}

// BenchmarkOneOnOne opens the busiest person's latest one-on-one with its
// suggested prompts, as the editor does.
func BenchmarkOneOnOne(b *testing.B) {
	s := benchStore(b)
	id := busiest(b, s)
	var last OneOnOne
	if err := s.db.Where("person_id = ?", id).Order("held_at DESC").First(&last).Error; err != nil {
		b.Fatal(err)
	}
	b.Run("Meeting", func(b *testing.B) { run(b, func() (Meeting, error) { return s.Meeting(last.ID) }) })
	b.Run("Suggest", func(b *testing.B) {
		run(b, func() ([]Suggestion, error) { return s.Suggest(id, last.ID, 3) })
	})
}

// BenchmarkSaveItem is an autosave: an item's text changes and is stored.
func BenchmarkSaveItem(b *testing.B) {
	s := benchStore(b)
	var it Item
	if err := s.db.Order("id DESC").First(&it).Error; err != nil {
		b.Fatal(err)
	}
	texts := [2]string{it.Text, it.Text + " (edited)"}
	b.Cleanup(func() { it.Text = texts[0]; _ = s.UpdateItem(&it) })
	n := 0
	run(b, func() (Item, error) {
		n++
		it.Text = texts[n%2]
		return it, s.UpdateItem(&it)
	})
}

func BenchmarkCohorts(b *testing.B) {
	s := benchStore(b)
	cs, err := s.Cohorts()
	if err != nil || len(cs) == 0 {
		b.Fatalf("cohorts: %d, %v", len(cs), err)
	}
	// The list shows the cohorts of the last year, and offers the rest.
	yearAgo := DateOf(s.Now().AddDate(-1, 0, 0))
	b.Run("List", func(b *testing.B) {
		run(b, func() (int, error) {
			if _, err := s.CohortsSince(yearAgo); err != nil {
				return 0, err
			}
			return s.CountCohorts()
		})
	})
	b.Run("ListAll", func(b *testing.B) { run(b, s.Cohorts) })
	// The board of the cohort in training now, the one a trainer opens.
	id := cs[0].ID
	for _, c := range cs {
		if c.PhaseName != "Finished" && !strings.HasPrefix(c.PhaseName, "Starts ") {
			id = c.ID
			break
		}
	}
	b.Run("Board", func(b *testing.B) { run(b, func() (Board, error) { return s.CohortBoard(id) }) })
}

func BenchmarkShadowing(b *testing.B) {
	s := benchStore(b)
	// The list shows the newest 200 sessions and how many there are in all.
	b.Run("Sessions", func(b *testing.B) {
		run(b, func() (int, error) {
			if _, err := s.Sessions(SessionFilter{Limit: 200}); err != nil {
				return 0, err
			}
			return s.CountSessions(SessionFilter{})
		})
	})
	b.Run("Themes", func(b *testing.B) { run(b, func() (ThemeOverview, error) { return s.Overview(TagFriction) }) })
	// The theme filter as it is typed, a letter at a time.
	b.Run("TagFilter", func(b *testing.B) {
		run(b, func() (int, error) {
			for _, typed := range []string{"s", "sl", "slo", "slow"} {
				if _, err := s.Sessions(SessionFilter{Tag: typed, Limit: 200}); err != nil {
					return 0, err
				}
			}
			return 0, nil
		})
	})
}

// BenchmarkSearch types typical one- and two-word searches a letter at a
// time, as the search box asks while someone types.
func BenchmarkSearch(b *testing.B) {
	s := benchStore(b)
	var typed []string
	for _, q := range []string{"refund", "parcel", "Leeds", "marathon", "order 48", "refund tool", "new hire", "okafor"} {
		for i := 2; i <= len(q); i++ {
			typed = append(typed, q[:i])
		}
	}
	n := 0
	run(b, func() ([]SearchHit, error) {
		n++
		return s.Search(typed[n%len(typed)], true, 100) // the search box's limit
	})
}
