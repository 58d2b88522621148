// Package demo fills an empty database with a believable contact centre,
// through the store's exported API (model.Bulk for the rows that come in
// thousands).
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"solemate/model"
)

// MaxPeople bounds --people so a typo cannot fill the disk.
const MaxPeople = 100000

// demo vocabulary: first names with the short form some people go by.
var demoFirst = [][2]string{
	{"Amara", ""}, {"Benjamin", "Ben"}, {"Chiara", ""}, {"Daniel", "Dan"}, {"Elif", ""},
	{"Fatima", ""}, {"Gabriel", "Gabe"}, {"Hannah", ""}, {"Ibrahim", ""}, {"Jasmine", "Jas"},
	{"Kenji", ""}, {"Lucia", ""}, {"Mateo", ""}, {"Nadia", ""}, {"Oliver", "Olly"},
	{"Priya", ""}, {"Quinn", ""}, {"Rafael", "Rafa"}, {"Sofia", ""}, {"Tomasz", "Tom"},
	{"Uma", ""}, {"Victor", ""}, {"Wen", ""}, {"Xavier", "Xavi"}, {"Yasmin", ""},
	{"Zoe", ""}, {"Aisha", ""}, {"Bruno", ""}, {"Catherine", "Kate"}, {"Diego", ""},
	{"Esther", ""}, {"Finn", ""}, {"Grace", ""}, {"Hugo", ""}, {"Ingrid", ""},
	{"Jamal", ""}, {"Katarzyna", "Kasia"}, {"Liam", ""}, {"Maya", ""}, {"Noah", ""},
	{"Olivia", "Liv"}, {"Pedro", ""}, {"Rosa", ""}, {"Samuel", "Sam"}, {"Tariq", ""},
	{"Valentina", "Vale"}, {"William", "Will"}, {"Yusuf", ""}, {"Alexandra", "Alex"}, {"Matthew", "Matt"},
}

var demoLast = []string{
	"Okafor", "Lindqvist", "Rossi", "Nguyen", "Kowalski", "Haddad", "Fernández", "Murphy",
	"Tanaka", "Schmidt", "Mensah", "O'Brien", "Patel", "Costa", "Johansson", "Kim",
	"Dubois", "Novak", "Alvarez", "Cohen", "Yilmaz", "Andersen", "Reyes", "Walsh",
	"Sato", "Moreau", "Bianchi", "Adeyemi", "Petrov", "Garcia", "Hughes", "Silva",
	"Larsen", "Mahmoud", "Brennan", "Chen", "Ivanova", "Martins", "Kaur", "Fischer",
}

var demoTeams = []string{"Phone North", "Chat", "Email & Returns", "Social", "Phone South", "Loyalty", "Phone East", "Priority"}

// demoWeeks is how much one-on-one history demo data has by default.
const demoWeeks = 16

// MaxYears bounds --years.
const MaxYears = 20

// Options say what demo data to make.
type Options struct {
	People int // on the roster today (former colleagues come on top, archived)
	// Years of history. 0 gives the last few months; more gives a centre
	// that has run that long: cohorts every few weeks, people who came
	// through them and left, and everything they said and logged.
	Years int
	Seed  uint64 // the same seed and day give the same data
	// Today is the day the data is as of (zero: the store's today).
	Today model.Date
	// Progress, when set, hears how far the one-on-ones have got (the
	// slow part), from the goroutine that runs Generate.
	Progress func(done, total int)
}

// Result says what Generate created.
type Result struct {
	People, Former, Teams, OneOnOnes, Items, Sessions, Cohorts int
}

func (r Result) String() string {
	people := model.Plural(r.People, "person", "people")
	if r.Former > 0 {
		people += " (and " + model.Plural(r.Former, "former colleague", "former colleagues") + ")"
	}
	return fmt.Sprintf("created %s in %s with %s (%s), %s and %s", people, model.Plural(r.Teams, "team", "teams"),
		model.Plural(r.OneOnOnes, "one-on-one", "one-on-ones"), model.Plural(r.Items, "item", "items"),
		model.Plural(r.Sessions, "shadowing session", "shadowing sessions"), model.Plural(r.Cohorts, "cohort", "cohorts"))
}

// Generate fills s, an empty database, with a believable contact centre: a
// manager, team leads, trainers and agents, a few new hires and a few
// leavers. The same options give the same data.
func Generate(s *model.Store, o Options) (Result, error) {
	if o.People < 1 || o.People > MaxPeople {
		return Result{}, fmt.Errorf("the number of people must be between 1 and %d", MaxPeople)
	}
	if o.Years < 0 || o.Years > MaxYears {
		return Result{}, fmt.Errorf("the years of history must be between 0 and %d", MaxYears)
	}
	today := o.Today
	if today.IsZero() {
		today = s.Today()
	}
	// The demo's "now" is early on its day, whatever the hour it runs, so
	// the same seed and day give the same rows, timestamps included.
	t := today.Time()
	now := time.Date(t.Year(), t.Month(), t.Day(), 7, 0, 0, 0, time.Local)
	var res Result
	err := s.FillEmpty(now, func(b *model.Bulk) error {
		ids, err := b.FirstIDs()
		if err != nil {
			return err
		}
		g := demoGen{b: b, ids: ids, rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed)), today: today, used: map[string]bool{},
			years: o.Years, progress: o.Progress, left: map[uint]model.Date{}, open: map[uint][]openItem{}, tags: map[string]uint{}, cohorts: map[string]bool{}}
		res, err = g.fill(o.People)
		return err
	})
	if errors.Is(err, model.ErrNotEmpty) || errors.Is(err, model.ErrDemoNotOwner) {
		return Result{}, err
	}
	if err != nil {
		return Result{}, fmt.Errorf("demo data: %w", err)
	}
	return res, nil
}

type demoGen struct {
	b        *model.Bulk
	ids      model.FirstIDs // the next meeting, item and session numbers
	made     Result         // the meetings, items, sessions and cohorts written
	rng      *rand.Rand
	today    model.Date
	used     map[string]bool
	years    int
	progress func(done, total int)
	left     map[uint]model.Date // when former colleagues left
	teams    []string            // the teams the roster has
	cohorts  map[string]bool     // cohort names taken
	open     map[uint][]openItem // each person's items still open, by meeting order
	tags     map[string]uint
}

// cohortName names a cohort after the month it starts in, numbered when
// that month already has one (two cohorts often start in one month).
func (g *demoGen) cohortName(start model.Date) string {
	month := start.Time().Format("January 2006")
	name := month
	for n := 2; g.cohorts[name]; n++ {
		name = fmt.Sprintf("%s (%d)", month, n)
	}
	g.cohorts[name] = true
	return name
}

// historyStart is the first day demo one-on-ones and sessions can fall on.
func (g *demoGen) historyStart() model.Date {
	if g.years == 0 {
		return g.today.AddDays(-7 * demoWeeks)
	}
	return g.today.AddDays(-365 * g.years)
}

func (g *demoGen) fill(total int) (Result, error) {
	teams := max(1, (total+5)/10)
	trainers := 0
	if total > 12 {
		trainers = max(1, total/40)
	}
	// Managers and leads have been here at least as long as the history.
	tenure := 365 * g.years
	heads := []model.Person{g.person(model.RoleManager, "", 6*365+tenure, 12*365+tenure)}
	if err := g.b.AddPeople(heads); err != nil {
		return Result{}, err
	}
	head := heads[0]
	created := 1
	var leads []model.Person
	for i := 0; i < teams && created < total; i++ {
		g.teams = append(g.teams, demoTeamName(i))
		lead := g.person(model.RoleTeamLead, demoTeamName(i), 2*365+tenure, 9*365+tenure)
		lead.ManagerID = &head.ID
		leads = append(leads, lead)
		created++
	}
	for i := 0; i < trainers && created < total; i++ {
		t := g.person(model.RoleTrainer, "Training", 3*365+tenure, 8*365+tenure)
		t.ManagerID = &head.ID
		leads = append(leads, t)
		created++
	}
	if err := g.b.AddPeople(leads); err != nil {
		return Result{}, err
	}
	var trainerPeople, teamLeads []model.Person
	for _, p := range leads {
		if p.Role == model.RoleTrainer {
			trainerPeople = append(trainerPeople, p)
		} else {
			teamLeads = append(teamLeads, p)
		}
	}
	var agents []model.Person
	var err error
	if g.years == 0 {
		agents, err = g.demoAgents(teamLeads, leads, total-created)
		if err == nil {
			err = g.demoCohorts(agents, trainerPeople)
		}
	} else {
		agents, err = g.demoCohortHistory(teamLeads, trainerPeople, total-created)
	}
	if err != nil {
		return Result{}, err
	}
	// After the cohorts, so hires' one-on-ones start when they did.
	everyone := append(leads, agents...)
	if err := g.demoMeetings(everyone); err != nil {
		return Result{}, err
	}
	if err := g.demoSessions(everyone); err != nil {
		return Result{}, err
	}
	return g.result()
}

// demoAgents makes count reports of the team leads: mostly settled, some
// new hires, a few leavers.
func (g *demoGen) demoAgents(teamLeads, leads []model.Person, count int) ([]model.Person, error) {
	var agents []model.Person
	for i := 0; i < count; i++ {
		lead := leads[i%len(leads)]
		if lead.Role != model.RoleTeamLead {
			lead = teamLeads[0]
		}
		agents = append(agents, g.agent(lead))
	}
	return agents, g.b.AddPeople(agents)
}

// result is what the demo made: the roster as it ends up, and the rows
// counted as they were written.
func (g *demoGen) result() (Result, error) {
	everyone, err := g.b.People(true)
	if err != nil {
		return Result{}, err
	}
	r := g.made
	teams := map[string]bool{}
	for _, p := range everyone {
		if p.Archived() {
			r.Former++
			continue
		}
		r.People++
		if p.Team != "" {
			teams[p.Team] = true
		}
	}
	r.Teams = len(teams)
	return r, nil
}

func demoTeamName(i int) string {
	if i < len(demoTeams) {
		return demoTeams[i]
	}
	return fmt.Sprintf("%s %d", demoTeams[i%len(demoTeams)], i/len(demoTeams)+1)
}

// agent makes a report of lead: mostly settled, some new hires, a few leavers.
func (g *demoGen) agent(lead model.Person) model.Person {
	var a model.Person
	switch r := g.rng.IntN(100); {
	case r < 10: // joined in the last six weeks
		a = g.person(model.RoleAgent, lead.Team, 1, 42)
	case r < 16:
		a = g.person(model.RoleAgent, lead.Team, 200, 4*365)
		a.Status = model.StatusLeft
	default:
		a = g.person(model.RoleAgent, lead.Team, 60, 6*365)
	}
	a.ManagerID = &lead.ID
	return a
}

// person invents someone who started between minDays and maxDays ago.
func (g *demoGen) person(role model.Role, team string, minDays, maxDays int) model.Person {
	first := demoFirst[g.rng.IntN(len(demoFirst))]
	last := demoLast[g.rng.IntN(len(demoLast))]
	name := first[0] + " " + last
	email := g.uniqueEmail(first[0], last)
	p := model.Person{
		Name:      name,
		Role:      role,
		Team:      team,
		Email:     email,
		StartDate: g.today.AddDays(-(minDays + g.rng.IntN(maxDays-minDays+1))),
		Status:    model.StatusActive,
	}
	if first[1] != "" && g.rng.IntN(3) > 0 {
		p.PreferredName = first[1]
	}
	return p
}

var emailCleaner = strings.NewReplacer("'", "", " ", "", "á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n")

func (g *demoGen) uniqueEmail(first, last string) string {
	base := emailCleaner.Replace(strings.ToLower(first + "." + last))
	email := base + "@example.com"
	for n := 2; g.used[email]; n++ {
		email = fmt.Sprintf("%s%d@example.com", base, n)
	}
	g.used[email] = true
	return email
}
