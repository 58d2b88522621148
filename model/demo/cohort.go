package demo

import (
	"cmp"
	"slices"
	"time"

	"solemate/model"
)

// demoCohorts runs three cohorts on the default program — one finished, one
// running, one just started — with agents from the demo roster as hires,
// milestones ticked as trainers would, a few hires behind and the offers
// to leave recorded.
// Hires' start dates become their cohort's, in the database and in agents.
func (g *demoGen) demoCohorts(agents []model.Person, trainers []model.Person) error {
	size := len(agents) / 8
	if size < 2 || len(trainers) == 0 {
		return nil
	}
	prog, err := g.b.DefaultProgram()
	if err != nil {
		return err
	}
	starts := []struct {
		name string
		ago  int
	}{{"Finished", 150}, {"Running", 33}, {"Just started", 3}}
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
			hires[i].StartDate, hires[i].Status = start, model.StatusActive // the caller's slice too
			if err := g.b.UpdatePerson(h.ID, model.Person{StartDate: start, Status: model.StatusActive}); err != nil {
				return err
			}
		}
		c, err := g.b.CreateCohort(model.NewCohort{Name: g.cohortName(start), ProgramID: prog.ID, Start: start, TrainerIDs: []uint{trainers[0].ID}, OwnerID: trainers[0].ID, HireIDs: ids})
		if err != nil {
			return err
		}
		g.made.Cohorts++
		b, err := g.b.CohortBoard(c.ID)
		if err != nil {
			return err
		}
		if _, err := g.demoProgress(b, trainers[0].ID, st.name == "Finished"); err != nil {
			return err
		}
		if err := g.demoOffer(b); err != nil {
			return err
		}
	}
	return nil
}

// demoOffer makes the cohort's offer to leave once its day has come.
func (g *demoGen) demoOffer(b model.Board) error {
	if len(b.Rows) == 0 {
		return nil
	}
	for _, p := range b.Rows[0].Phases {
		for _, m := range p.Milestones {
			if m.Kind == model.MilestoneDecision && !g.today.Before(m.DueDate) {
				return g.b.SetCohortOffer(b.ID, m.DueDate, 2000, "USD")
			}
		}
	}
	return nil
}

// demoProgress ticks most milestones that are due on a new cohort's board,
// records the offers once the decision day has passed, and graduates a
// finished cohort. It returns the hires as saved, in the order they joined.
func (g *demoGen) demoProgress(b model.Board, trainerID uint, finished bool) ([]model.Hire, error) {
	hires := make([]model.Hire, 0, len(b.Rows))
	for i, r := range b.Rows {
		h := r.Hire
		// The last hire of a running cohort, and now and then another, falls
		// behind on what was due in the last fortnight.
		slow := !finished && (i == len(b.Rows)-1 || g.rng.IntN(5) == 0)
		for _, p := range r.Phases {
			for _, m := range p.Milestones {
				if m.Done || !m.DueDate.Before(g.today) || (slow && g.today.Before(m.DueDate.AddDays(14))) ||
					h.OfferOutcome == model.OfferAccepted { // who took the offer did nothing after it
					continue
				}
				if m.Kind == model.MilestoneDecision {
					h.OfferedOn = m.DueDate
					h.OfferAmount = 2000
					h.OfferOutcome = model.OfferDeclined
					// About one in a hundred takes it: a short history shows
					// one, a long one about one in ten cohorts.
					if finished && i == 0 && (g.years == 0 || g.rng.IntN(10) == 0) {
						h.OfferOutcome = model.OfferAccepted
					}
					continue
				}
				var signer *uint
				if m.Kind == model.MilestoneSignOff {
					signer = &trainerID
				}
				if err := g.b.SetCompletion(h.ID, m.ID, true, m.DueDate.AddDays(-g.rng.IntN(2)), signer, ""); err != nil {
					return nil, err
				}
			}
		}
		if slow {
			h.Notes = "Needs more time with the returns tools; pair with a buddy next week."
		}
		if finished && h.OfferOutcome != model.OfferAccepted {
			h.Status = model.HireGraduated
		}
		if err := g.b.SaveHire(&h); err != nil {
			return nil, err
		}
		if h.Status == model.HireTookOffer { // no one-on-ones after they left
			g.left[h.PersonID] = h.OfferedOn
		}
		hires = append(hires, h)
	}
	slices.SortFunc(hires, func(a, b model.Hire) int { return cmp.Compare(a.ID, b.ID) })
	return hires, nil
}
