package model

import (
	"fmt"
	"slices"
	"time"
)

// TrendPoint is one value in time.
type TrendPoint struct {
	At    time.Time
	Value float64
}

// Series is a named line of a chart.
type Series struct {
	Name   string
	Points []TrendPoint
}

// TeamPulse averages pulse ratings per team and week over the last weeks,
// oldest first, one series per team (people without a team under "No team").
func (s *Store) TeamPulse(weeks int) ([]Series, error) {
	today := s.Today()
	// Weeks end on today's weekday, so the last point is this week.
	start := today.AddDays(-7*weeks + 1)
	var rows []struct {
		Team   string
		HeldAt time.Time
		Rating int
	}
	err := s.db.Table("one_on_ones AS o").Select("p.team, o.held_at, o.pulse_rating AS rating").
		Joins("JOIN people p ON p.id = o.person_id").
		Where("o.pulse_rating > 0 AND o.held_at >= ? AND p.archived_at IS NULL", start.Time()).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("team pulse: %w", err)
	}
	type key struct {
		team string
		week int
	}
	sum, n := map[key]int{}, map[key]int{}
	teams := map[string]bool{}
	for _, r := range rows {
		team := r.Team
		if team == "" {
			team = "No team"
		}
		w := start.DaysUntil(DateOf(r.HeldAt.Local())) / 7
		if w < 0 || w >= weeks {
			continue
		}
		k := key{team, w}
		sum[k] += r.Rating
		n[k]++
		teams[team] = true
	}
	names := make([]string, 0, len(teams))
	for t := range teams {
		names = append(names, t)
	}
	slices.Sort(names)
	out := make([]Series, 0, len(names))
	for _, t := range names {
		sr := Series{Name: t}
		for w := 0; w < weeks; w++ {
			if c := n[key{t, w}]; c > 0 {
				sr.Points = append(sr.Points, TrendPoint{At: start.AddDays(7*w + 6).Time(), Value: float64(sum[key{t, w}]) / float64(c)})
			}
		}
		out = append(out, sr)
	}
	return out, nil
}

// CohortProgress is the share of milestones ticked (or offers answered) on
// the cohort's first day and by the end of each week since, up to today or
// its end.
func (s *Store) CohortProgress(id uint) ([]TrendPoint, error) {
	b, err := s.CohortBoard(id)
	if err != nil {
		return nil, err
	}
	var total int
	var done []Date
	for _, r := range b.Rows {
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				total++
				if m.Done && !m.DoneOn.IsZero() {
					done = append(done, m.DoneOn)
				}
			}
		}
	}
	if total == 0 || len(b.Phases) == 0 {
		return nil, nil
	}
	end := b.Phases[len(b.Phases)-1].EndDate
	if today := s.Today(); today.Before(end) {
		end = today
	}
	if end.Before(b.StartDate) {
		return nil, nil // not started: nothing to draw
	}
	// The line starts on the first day, then marks the end of each week.
	days := []Date{b.StartDate}
	for d := b.StartDate.AddDays(6); d.Before(end); d = d.AddDays(7) {
		days = append(days, d)
	}
	if end != b.StartDate {
		days = append(days, end)
	}
	out := make([]TrendPoint, 0, len(days))
	for _, d := range days {
		count := 0
		for _, x := range done {
			if !d.Before(x) {
				count++
			}
		}
		out = append(out, TrendPoint{At: d.Time(), Value: float64(count) / float64(total)})
	}
	return out, nil
}
