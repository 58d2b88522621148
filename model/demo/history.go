package demo

import (
	"cmp"
	"math"
	"slices"
	"time"

	"solemate/model"
)

// Long demo histories: how often cohorts start and how long people stay.
const (
	demoCohortsPerYear = 10
	demoMeanStayDays   = 2 * 365 // after training; contact centres turn over
)

// demoCohortHistory runs a cohort every five weeks or so across the years of
// history. Hires join the roster with their cohort; most finish, now and then
// one takes the offer to leave, and graduates stay a while and leave, when a
// lead archives them. Whoever is still here is on today's roster, topped up
// to roster agents with long-servers who joined before the history began.
// It returns every agent, former colleagues included.
func (g *demoGen) demoCohortHistory(teamLeads, trainers []model.Person, roster int) ([]model.Person, error) {
	prog, err := g.b.DefaultProgram()
	if err != nil {
		return nil, err
	}
	span := 365 * g.years
	count := g.years * demoCohortsPerYear
	// Cohorts big enough that those who stay fill most of the roster.
	size := 0.85 * float64(roster) / (demoCohortsPerYear * demoMeanStayDays / 365)
	stillHere := 0
	for i := 0; i < count && len(teamLeads) > 0 && len(trainers) > 0; i++ {
		// The last one started a few days ago.
		start := g.historyStart().AddDays((i+1)*span/count - 3)
		for start.Time().Weekday() != time.Monday {
			start = start.AddDays(-1)
		}
		var hires []model.Person
		for n := max(1, int(size*(0.6+0.8*g.rng.Float64())+0.5)); n > 0; n-- {
			lead := teamLeads[g.rng.IntN(len(teamLeads))]
			p := g.person(model.RoleAgent, lead.Team, 0, 0)
			p.StartDate, p.ManagerID = start, &lead.ID
			hires = append(hires, p)
		}
		trainer := trainers[i%len(trainers)]
		c, err := g.b.CreateCohort(model.NewCohort{Name: g.cohortName(start), ProgramID: prog.ID, Start: start, TrainerIDs: []uint{trainer.ID}, OwnerID: trainer.ID, NewHires: hires})
		if err != nil {
			return nil, err
		}
		g.made.Cohorts++
		b, err := g.b.CohortBoard(c.ID)
		if err != nil {
			return nil, err
		}
		var end model.Date
		for _, p := range b.Phases {
			if end.Before(p.EndDate) {
				end = p.EndDate
			}
		}
		finished := end.Before(g.today)
		saved, err := g.demoProgress(b, trainer.ID, finished)
		if err != nil {
			return nil, err
		}
		n, err := g.demoLeavers(saved, end, roster-stillHere)
		if err != nil {
			return nil, err
		}
		stillHere += n
	}
	var longServers []model.Person
	for i := stillHere; i < roster; i++ {
		lead := teamLeads[i%len(teamLeads)]
		p := g.person(model.RoleAgent, lead.Team, span+60, span+6*365)
		p.ManagerID = &lead.ID
		longServers = append(longServers, p)
	}
	if err := g.b.AddPeople(longServers); err != nil {
		return nil, err
	}
	everyone, err := g.b.People(true)
	if err != nil {
		return nil, err
	}
	var agents []model.Person
	for _, p := range everyone {
		if p.Role == model.RoleAgent {
			agents = append(agents, p.Person)
		}
	}
	slices.SortFunc(agents, func(a, b model.Person) int { return cmp.Compare(a.ID, b.ID) })
	return agents, nil
}

// demoLeavers decides when a cohort's hires leave: who took the offer left
// then; a graduate stays for a random while (exponential, so most leave in
// the first couple of years and a few stay for good), and leaves by today
// when the roster has no room. Leavers are marked left and archived. It
// returns how many are still here.
func (g *demoGen) demoLeavers(hires []model.Hire, trainingEnd model.Date, room int) (int, error) {
	here := 0
	for _, h := range hires {
		var left model.Date
		switch h.Status {
		case model.HireTookOffer:
			left = h.OfferedOn
		case model.HireGraduated:
			left = trainingEnd.AddDays(int(-math.Log(1-g.rng.Float64()) * demoMeanStayDays))
			if here >= room && !left.Before(g.today) {
				left = trainingEnd.AddDays(g.rng.IntN(max(1, trainingEnd.DaysUntil(g.today))))
			}
		}
		if left.IsZero() || !left.Before(g.today) {
			here++
			continue
		}
		g.left[h.PersonID] = left
		at := left.Time().Add(17 * time.Hour).UTC()
		if err := g.b.UpdatePerson(h.PersonID, model.Person{Status: model.StatusLeft, ArchivedAt: &at}); err != nil {
			return 0, err
		}
	}
	return here, nil
}
