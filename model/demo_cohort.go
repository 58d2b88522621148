package model

import (
	"time"

	"gorm.io/gorm"
)

// demoCohorts runs three cohorts on the default program — one finished, one
// running, one just started — with agents from the demo roster as hires,
// milestones ticked as trainers would, a few hires behind and the offers
// to leave recorded.
// Hires' start dates become their cohort's, in the database and in agents.
func (g *demoGen) demoCohorts(tx *gorm.DB, agents []Person, trainers []Person) error {
	size := len(agents) / 8
	if size < 2 || len(trainers) == 0 {
		return nil
	}
	var prog Program
	if err := tx.Where("name = ?", defaultProgram().Name).First(&prog).Error; err != nil {
		return err
	}
	starts := []struct {
		name string
		ago  int
	}{{"Finished", 150}, {"Running", 33}, {"Just started", 3}}
	s := g.store(tx)
	next := 0
	for _, st := range starts {
		// Cohorts start on a Monday.
		start := g.today.AddDays(-st.ago)
		for start.Time().Weekday() != time.Monday {
			start = start.AddDays(-1)
		}
		hires := agents[next : next+size]
		next += size
		ids := make([]uint, len(hires))
		for i, h := range hires {
			ids[i] = h.ID
			hires[i].StartDate, hires[i].Status = start, StatusActive // the caller's slice too
			if err := tx.Model(&Person{}).Where("id = ?", h.ID).Updates(map[string]any{"start_date": start, "status": StatusActive}).Error; err != nil {
				return err
			}
		}
		c, err := s.CreateCohort(NewCohort{Name: g.cohortName(start), ProgramID: prog.ID, Start: start, TrainerIDs: []uint{trainers[0].ID}, HireIDs: ids})
		if err != nil {
			return err
		}
		if err := g.demoProgress(s, c, trainers[0].ID, st.name == "Finished"); err != nil {
			return err
		}
	}
	return nil
}

// demoProgress ticks most milestones that are due, records the offers once
// the decision day has passed, and graduates a finished cohort.
func (g *demoGen) demoProgress(s *Store, c Cohort, trainerID uint, finished bool) error {
	b, err := s.CohortBoard(c.ID)
	if err != nil {
		return err
	}
	for i, r := range b.Rows {
		h := r.Hire
		// The last hire of a running cohort, and now and then another, falls
		// behind on what was due in the last fortnight.
		slow := !finished && (i == len(b.Rows)-1 || g.rng.IntN(5) == 0)
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				if m.Done || !m.DueDate.Before(g.today) || (slow && g.today.Before(m.DueDate.AddDays(14))) ||
					h.OfferOutcome == OfferAccepted { // who took the offer did nothing after it
					continue
				}
				if m.Kind == MilestoneDecision {
					h.OfferedOn = m.DueDate
					h.OfferAmount = 2000
					h.OfferOutcome = OfferDeclined
					// About one in a hundred takes it: a short history shows
					// one, a long one about one in ten cohorts.
					if finished && i == 0 && (g.years == 0 || g.rng.IntN(10) == 0) {
						h.OfferOutcome = OfferAccepted
					}
					continue
				}
				var signer *uint
				if m.Kind == MilestoneSignOff {
					signer = &trainerID
				}
				if err := s.SetCompletion(h.ID, m.ID, true, m.DueDate.AddDays(-g.rng.IntN(2)), signer, ""); err != nil {
					return err
				}
			}
		}
		if slow {
			h.Notes = "Needs more time with the returns tools; pair with a buddy next week."
		}
		if finished && h.OfferOutcome != OfferAccepted {
			h.Status = HireGraduated
		}
		if err := s.SaveHire(&h); err != nil {
			return err
		}
		if h.Status == HireTookOffer { // no one-on-ones after they left
			g.left[h.PersonID] = h.OfferedOn
		}
	}
	return nil
}
