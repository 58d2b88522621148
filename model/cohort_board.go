package model

import (
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// MilestoneState is one milestone as a hire's checklist shows it.
type MilestoneState struct {
	CohortMilestone
	Done        bool
	DoneOn      Date
	SignedOffBy string
	Note        string
	Auto        string // why it counts as done without a tick, e.g. "2 of 2 sessions"
	Overdue     bool
}

// PhaseState is a phase of a hire's checklist.
type PhaseState struct {
	CohortPhase
	Milestones []MilestoneState
	Current    bool
}

// Done counts the phase's milestones done.
func (p PhaseState) Done() int {
	n := 0
	for _, m := range p.Milestones {
		if m.Done {
			n++
		}
	}
	return n
}

// Behind reports whether a milestone of the phase is overdue.
func (p PhaseState) Behind() bool {
	for _, m := range p.Milestones {
		if m.Overdue {
			return true
		}
	}
	return false
}

// HireRow is one hire on the board: their checklist by phase.
type HireRow struct {
	Hire
	Name     string
	Email    string
	Phases   []PhaseState
	Behind   bool
	Sessions int // shadowing sessions since the cohort started
}

// StatusText is the hire's standing in a word or two.
func (h HireRow) StatusText() string {
	switch {
	case !h.Status.inTraining():
		return h.Status.Label()
	case h.Behind:
		return "Behind"
	case h.Status == HireExtended:
		return "Extended, on track"
	}
	return "On track"
}

// Progress is the share of milestones done.
func (h HireRow) Progress() float64 {
	done, total := 0, 0
	for _, p := range h.Phases {
		done += p.Done()
		total += len(p.Milestones)
	}
	if total == 0 {
		return 0
	}
	return float64(done) / float64(total)
}

// OfferStats sums up the offer to leave across a cohort.
type OfferStats struct {
	Hires, Offered, Accepted, Declined, Remaining int
}

// AcceptanceRate is accepted offers over answered ones (0 when none).
func (o OfferStats) AcceptanceRate() float64 {
	if o.Accepted+o.Declined == 0 {
		return 0
	}
	return float64(o.Accepted) / float64(o.Accepted+o.Declined)
}

// AcceptanceText says the acceptance rate, or that no one has answered yet.
func (o OfferStats) AcceptanceText() string {
	if o.Accepted+o.Declined == 0 {
		return "no answers yet"
	}
	return fmt.Sprintf("%.0f%% acceptance", o.AcceptanceRate()*100)
}

// Retention is the share of hires still with us (not took the offer, not left).
func (o OfferStats) Retention() float64 {
	if o.Hires == 0 {
		return 0
	}
	return float64(o.Remaining) / float64(o.Hires)
}

// Board is a cohort at a glance: hires × phases.
type Board struct {
	Cohort
	ProgramName string
	Trainers    []string
	Phases      []CohortPhase
	Current     int // index of today's phase, -1 when before or after
	Rows        []HireRow
	Offers      OfferStats
}

// BehindCount counts hires behind.
func (b Board) BehindCount() int {
	n := 0
	for _, r := range b.Rows {
		if r.Behind {
			n++
		}
	}
	return n
}

// CohortBoard loads a cohort's board as of the store's today. A shadowing
// milestone counts as done when the hire has logged enough sessions since
// the cohort started; the decision point, when the offer was answered.
func (s *Store) CohortBoard(id uint) (Board, error) {
	var b Board
	if err := s.db.First(&b.Cohort, id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return b, ErrNotFound
		}
		return b, fmt.Errorf("load cohort %d: %w", id, err)
	}
	wrap := func(err error) error { return fmt.Errorf("load cohort %d: %w", id, err) }
	if b.ProgramID != nil {
		var p Program
		if err := s.db.Select("name").First(&p, *b.ProgramID).Error; err == nil {
			b.ProgramName = p.Name
		}
	}
	if err := s.db.Table("people AS p").Joins("JOIN cohort_trainers t ON t.person_id = p.id").
		Where("t.cohort_id = ?", id).Order("p.name").Pluck("p.name", &b.Trainers).Error; err != nil {
		return b, wrap(err)
	}
	if err := s.db.Where("cohort_id = ?", id).Order("position").Find(&b.Phases).Error; err != nil {
		return b, wrap(err)
	}
	phaseIDs := make([]uint, len(b.Phases))
	for i, p := range b.Phases {
		phaseIDs[i] = p.ID
	}
	var ms []CohortMilestone
	if err := s.db.Where("cohort_phase_id IN ?", phaseIDs).Order("cohort_phase_id, position").Find(&ms).Error; err != nil {
		return b, wrap(err)
	}
	var hires []struct {
		Hire
		Name, Email string
		Sessions    int
	}
	err := s.db.Raw(`SELECT h.*, p.name, p.email,
		  (SELECT COUNT(*) FROM shadowing_sessions ss WHERE ss.person_id = h.person_id AND ss.date >= ?) AS sessions
		FROM cohort_hires h JOIN people p ON p.id = h.person_id
		WHERE h.cohort_id = ? ORDER BY p.name COLLATE NOCASE`, b.StartDate, id).Scan(&hires).Error
	if err != nil {
		return b, wrap(err)
	}
	var comps []struct {
		Completion
		SignerName string
	}
	err = s.db.Table("milestone_completions AS c").Select("c.*, COALESCE(p.name, '') AS signer_name").
		Joins("JOIN cohort_hires h ON h.id = c.hire_id").Joins("LEFT JOIN people p ON p.id = c.signed_off_by_id").
		Where("h.cohort_id = ?", id).Scan(&comps).Error
	if err != nil {
		return b, wrap(err)
	}
	type key struct{ hire, milestone uint }
	done := map[key]int{}
	for i, c := range comps {
		done[key{c.HireID, c.MilestoneID}] = i + 1
	}
	today := s.Today()
	b.Current = -1
	for i, p := range b.Phases {
		if !today.Before(p.StartDate) && !p.EndDate.Before(today) {
			b.Current = i
		}
	}
	for _, h := range hires {
		row := HireRow{Hire: h.Hire, Name: h.Name, Email: h.Email, Sessions: h.Sessions}
		needSessions := 0
		for i, p := range b.Phases {
			ps := PhaseState{CohortPhase: p, Current: i == b.Current}
			for _, m := range ms {
				if m.CohortPhaseID != p.ID {
					continue
				}
				st := MilestoneState{CohortMilestone: m}
				if c := done[key{h.ID, m.ID}]; c > 0 {
					comp := comps[c-1]
					st.Done, st.DoneOn, st.SignedOffBy, st.Note = true, comp.DoneOn, comp.SignerName, comp.Note
				}
				switch m.Kind {
				case MilestoneShadowing:
					// Sessions count towards the shadowing milestones in order.
					needSessions += m.RequiredSessions
					if !st.Done && h.Sessions >= needSessions {
						st.Done, st.Auto = true, fmt.Sprintf("%d of %d shadowing sessions logged", min(h.Sessions, needSessions), needSessions)
					}
				case MilestoneDecision:
					if !st.Done && h.OfferOutcome != "" {
						st.Done, st.DoneOn, st.Auto = true, h.OfferedOn, "Offer "+h.OfferOutcome
					}
				}
				st.Overdue = !st.Done && h.Status.inTraining() && m.DueDate.Before(today)
				row.Behind = row.Behind || st.Overdue
				ps.Milestones = append(ps.Milestones, st)
			}
			row.Phases = append(row.Phases, ps)
		}
		b.Rows = append(b.Rows, row)
		b.Offers.Hires++
		if !h.OfferedOn.IsZero() {
			b.Offers.Offered++
		}
		switch h.OfferOutcome {
		case OfferAccepted:
			b.Offers.Accepted++
		case OfferDeclined:
			b.Offers.Declined++
		}
		if h.Status != HireTookOffer && h.Status != HireLeft {
			b.Offers.Remaining++
		}
	}
	return b, nil
}

// CohortSummary is a cohort as the cohort list shows it.
type CohortSummary struct {
	Cohort
	Hires, Behind int
	Progress      float64 // of milestones, across hires still in training
	PhaseName     string  // today's phase, or "Not started" / "Finished"
	EndDate       Date
}

// Cohorts lists every cohort, newest first, with progress and counts behind.
func (s *Store) Cohorts() ([]CohortSummary, error) {
	boards, err := s.boards(Date{})
	if err != nil {
		return nil, err
	}
	out := make([]CohortSummary, len(boards))
	for i, b := range boards {
		out[i] = b.summary(s.Today())
	}
	return out, nil
}

// boards builds the boards of the cohorts still in training on or after
// day (every cohort when day is zero), newest cohort first.
func (s *Store) boards(day Date) ([]Board, error) {
	q := s.db.Model(&Cohort{}).Order("start_date DESC, id DESC")
	if !day.IsZero() {
		q = q.Where("(SELECT MAX(end_date) FROM cohort_phases p WHERE p.cohort_id = cohorts.id) >= ?", day)
	}
	var ids []uint
	if err := q.Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("list cohorts: %w", err)
	}
	out := make([]Board, len(ids))
	for i, id := range ids {
		b, err := s.CohortBoard(id)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// summary sums a board up for the cohort list.
func (b Board) summary(today Date) CohortSummary {
	sum := CohortSummary{Cohort: b.Cohort, Hires: len(b.Rows), Behind: b.BehindCount()}
	if n := len(b.Phases); n > 0 {
		sum.EndDate = b.Phases[n-1].EndDate
		switch {
		case b.Current >= 0:
			sum.PhaseName = b.Phases[b.Current].Name
		case today.Before(b.StartDate):
			sum.PhaseName = "Not started"
		default:
			sum.PhaseName = "Finished"
		}
	}
	total, n := 0.0, 0
	for _, r := range b.Rows {
		if r.Status.inTraining() || r.Status == HireGraduated {
			total += r.Progress()
			n++
		}
	}
	if n > 0 {
		sum.Progress = total / float64(n)
	}
	return sum
}

// CohortByName finds a cohort by its name, ignoring case.
func (s *Store) CohortByName(name string) (Cohort, error) {
	var c Cohort
	err := s.db.Where("name = ? COLLATE NOCASE", name).First(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return c, fmt.Errorf("no cohort is called %q", name)
	}
	return c, err
}

// HireCohorts lists the cohorts a person is or was in, for their page.
func (s *Store) HireCohorts(personID uint) ([]Cohort, error) {
	var cs []Cohort
	err := s.db.Joins("JOIN cohort_hires h ON h.cohort_id = cohorts.id").Where("h.person_id = ?", personID).
		Order("cohorts.start_date DESC").Find(&cs).Error
	if err != nil {
		return nil, fmt.Errorf("cohorts of person %d: %w", personID, err)
	}
	return cs, nil
}
