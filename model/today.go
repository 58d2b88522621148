package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DueFollowUp is a follow-up whose day has come, with whom it is.
type DueFollowUp struct {
	FollowUp
	PersonID   uint
	PersonName string
}

// MilestoneDue is a cohort milestone due this week, with the hires in
// training who have not done it yet.
type MilestoneDue struct {
	CohortID    uint
	CohortName  string
	MilestoneID uint
	Title       string
	Due         Date
	Left        []string // who has not done it, by name
	Of          int      // hires in training
}

// CohortBehind names the hires behind in a running cohort, most overdue
// milestones first.
type CohortBehind struct {
	CohortID uint
	Name     string
	Behind   int
	Hires    int // in training
	Names    []string
}

// Text says who is behind, naming the first few.
func (b CohortBehind) Text() string {
	return fmt.Sprintf("%s: %d of %d in training behind — %s", b.Name, b.Behind, b.Hires, NameList(b.Names, 4))
}

// LeftText says who still has the milestone to do.
func (m MilestoneDue) LeftText() string {
	switch {
	case len(m.Left) == 0:
		return fmt.Sprintf("done by all %d", m.Of)
	case len(m.Left) == m.Of:
		return fmt.Sprintf("%d of %d to do", len(m.Left), m.Of)
	}
	return fmt.Sprintf("%d of %d to do: %s", len(m.Left), m.Of, NameList(m.Left, 3))
}

// NameList joins the first n names and counts the rest.
func NameList(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// TodayView is what the Today screen shows: what the lead owes whom now.
type TodayView struct {
	Empty bool // nobody on the roster yet, or only me
	// Due is the first TodayShown of the one-on-ones due today or overdue,
	// most overdue first; DueToday and Overdue count them all.
	Due               []Report
	DueToday, Overdue int
	FollowUps         []DueFollowUp
	Actions           []ActionRow // overdue or due within DueSoonDays
	Milestones        []MilestoneDue
	Behind            []CohortBehind
	Prompt            Prompt
	// Scope is whose one-on-ones, follow-ups and actions these are.
	Scope ScopeChoice
}

// TodayView gathers the Today screen: one-on-ones due or overdue, follow-ups
// whose day has come, actions due soon or late (these three of the people in
// the user's scope), cohort milestones due this week (from the last
// weekStart day until the next), hires behind, and the prompt of the day.
func (s *Store) TodayView(weekStart time.Weekday) (TodayView, error) {
	var v TodayView
	today := s.Today()
	var in scoped
	var err error
	if v.Scope, in, err = s.scope(); err != nil {
		return v, err
	}
	if err := s.todayDue(&v, in); err != nil {
		return v, err
	}
	if err := s.todayFollowUps(&v, today, in); err != nil {
		return v, err
	}
	// Every action due by then is overdue or due soon.
	if v.Actions, err = s.openActions(0, today.AddDays(DueSoonDays), in); err != nil {
		return v, err
	}
	if err := s.todayCohorts(&v, today, weekStart, in.me); err != nil {
		return v, err
	}
	if p, err := s.PromptOfTheDay(today); err == nil {
		v.Prompt = p
	}
	return v, nil
}

func (s *Store) todayDue(v *TodayView, in scoped) error {
	n, err := s.CountPeople()
	if err != nil {
		return err
	}
	me, err := s.MyID()
	if err != nil {
		return err
	}
	// Only me on the roster is empty still: the first steps are to come.
	v.Empty = n == 0 || n == 1 && me != 0
	due, err := s.reports(in, true)
	if err != nil {
		return err
	}
	today := s.Today()
	for _, r := range due {
		if r.NextDue == today {
			v.DueToday++
		} else {
			v.Overdue++
		}
	}
	// A copy, so the rest is not held: a centre that has met no one yet
	// has everyone due.
	v.Due = make([]Report, min(len(due), TodayShown))
	copy(v.Due, due)
	return nil
}

// TodayShown is how many of the one-on-ones due Today keeps by name: the
// screen lists a few and counts the rest.
const TodayShown = 50

func (s *Store) todayFollowUps(v *TodayView, today Date, in scoped) error {
	var err error
	v.FollowUps, err = scanAll(in.where(s.db.Table("one_on_one_items AS i"), "p.id").
		Select(columns("i", itemColumns...)+", o.held_at, p.id, p.name").
		Joins("JOIN one_on_ones o ON o.id = i.one_on_one_id").Joins("JOIN people p ON p.id = o.person_id").
		Where("i.status = ? AND i.follow_up IS NOT NULL AND i.asked_on IS NULL AND i.follow_up <= ? AND p.archived_at IS NULL", ItemOpen, today).
		Order("i.follow_up, p.name"),
		func(f *DueFollowUp) []any { return append(f.fields(), &f.RaisedAt, &f.PersonID, &f.PersonName) })
	if err != nil {
		return fmt.Errorf("today's follow-ups: %w", err)
	}
	return nil
}

// todayCohorts finds the milestones due this week (from the last weekStart
// day to the next, those already past included) and the hires behind, in
// cohorts still in training: those me trains or holds the one-on-ones of,
// or all when me is 0 (everyone's lists), so a lead's Today is not a
// trainer's to-do list.
func (s *Store) todayCohorts(v *TodayView, today Date, weekStart time.Weekday, me uint) error {
	boards, err := s.boards(today)
	if err != nil {
		return err
	}
	from := today
	for from.Time().Weekday() != weekStart {
		from = from.AddDays(-1)
	}
	until := from.AddDays(7)
	for _, b := range boards {
		c := b.Cohort
		if sum := b.summary(today); sum.PhaseName == "Finished" || sum.PhaseName == "" || me != 0 && !b.trainedBy(me) {
			continue
		}
		if n := b.BehindCount(); n > 0 {
			cb := CohortBehind{CohortID: c.ID, Name: c.Name, Behind: n, Hires: b.InTraining()}
			for _, r := range BehindFirst(b.Rows) {
				if r.Behind {
					cb.Names = append(cb.Names, r.Name)
				}
			}
			v.Behind = append(v.Behind, cb)
		}
		due := map[uint]*MilestoneDue{}
		var order []uint
		for _, r := range b.Rows {
			if !r.Status.inTraining() {
				continue
			}
			for _, p := range r.Phases {
				for _, m := range p.Milestones {
					if m.DueDate.Before(from) || !m.DueDate.Before(until) {
						continue
					}
					md := due[m.ID]
					if md == nil {
						md = &MilestoneDue{CohortID: c.ID, CohortName: c.Name, MilestoneID: m.ID, Title: m.Title, Due: m.DueDate}
						due[m.ID] = md
						order = append(order, m.ID)
					}
					md.Of++
					if !m.Done {
						md.Left = append(md.Left, r.Name)
					}
				}
			}
		}
		for _, id := range order {
			v.Milestones = append(v.Milestones, *due[id])
		}
	}
	slices.SortStableFunc(v.Milestones, func(a, b MilestoneDue) int { return a.Due.Time().Compare(b.Due.Time()) })
	return nil
}

// NotificationText sums up what is due today for a desktop notification;
// "" when nothing is.
func (v TodayView) NotificationText() string {
	due, overdue := v.DueToday, v.Overdue
	if due+overdue+len(v.FollowUps) == 0 {
		return ""
	}
	msg := fmt.Sprintf("%s due today", Plural(due, "one-on-one", "one-on-ones"))
	if overdue > 0 {
		msg += fmt.Sprintf(", %d overdue", overdue)
	}
	if len(v.FollowUps) > 0 {
		msg += fmt.Sprintf("; %s to ask about", Plural(len(v.FollowUps), "follow-up", "follow-ups"))
	}
	return msg + "."
}
