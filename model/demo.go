package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ErrNotEmpty is returned when demo data would mix with real data.
var ErrNotEmpty = errors.New("the database already holds people; demo data only goes into an empty database")

// MaxDemoPeople bounds --people so a typo cannot fill the disk.
const MaxDemoPeople = 100000

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

// MaxDemoYears bounds --years.
const MaxDemoYears = 20

// DemoOptions says what demo data to make.
type DemoOptions struct {
	People int // on the roster today (former colleagues come on top, archived)
	// Years of history. 0 gives the last few months; more gives a centre
	// that has run that long: cohorts every few weeks, people who came
	// through them and left, and everything they said and logged.
	Years int
	Seed  uint64 // the same seed and day give the same data
	// Today is the day the data is as of (zero: the store's today).
	Today Date
	// Progress, when set, hears how far the one-on-ones have got (the
	// slow part), from the goroutine that runs Demo.
	Progress func(done, total int)
}

// DemoResult says what Demo created.
type DemoResult struct {
	People, Former, Teams, OneOnOnes, Items, Sessions, Cohorts int
}

func (r DemoResult) String() string {
	people := Plural(r.People, "person", "people")
	if r.Former > 0 {
		people += " (and " + Plural(r.Former, "former colleague", "former colleagues") + ")"
	}
	return fmt.Sprintf("created %s in %s with %s (%s), %s and %s", people, Plural(r.Teams, "team", "teams"),
		Plural(r.OneOnOnes, "one-on-one", "one-on-ones"), Plural(r.Items, "item", "items"),
		Plural(r.Sessions, "shadowing session", "shadowing sessions"), Plural(r.Cohorts, "cohort", "cohorts"))
}

// Plural says "1 person" or "3 people".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Demo fills an empty database with a believable contact centre: a manager,
// team leads, trainers and agents, a few new hires and a few leavers. The same
// options give the same data.
func (s *Store) Demo(o DemoOptions) (DemoResult, error) {
	if o.People < 1 || o.People > MaxDemoPeople {
		return DemoResult{}, fmt.Errorf("the number of people must be between 1 and %d", MaxDemoPeople)
	}
	if o.Years < 0 || o.Years > MaxDemoYears {
		return DemoResult{}, fmt.Errorf("the years of history must be between 0 and %d", MaxDemoYears)
	}
	if isPostgres(s.db) {
		lead, err := isLead(s.db)
		if err != nil {
			return DemoResult{}, fmt.Errorf("demo data: check who may write it: %w", err)
		}
		if lead {
			return DemoResult{}, ErrDemoNotOwner
		}
	}
	today := o.Today
	if today.IsZero() {
		today = s.Today()
	}
	// The demo's "now" is early on its day, whatever the hour it runs, so
	// the same seed and day give the same rows, timestamps included.
	now := time.Date(today.t.Year(), today.t.Month(), today.t.Day(), 7, 0, 0, 0, time.Local)
	var res DemoResult
	err := s.db.Session(&gorm.Session{NowFunc: func() time.Time { return now.UTC() }}).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Person{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		done, err := dialectOf(tx).bulkWrite(tx)
		if err != nil {
			return err
		}
		defer done()
		g := demoGen{rng: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed)), today: today, now: now, used: map[string]bool{},
			years: o.Years, progress: o.Progress, left: map[uint]Date{}, open: map[uint][]openItem{}, tags: map[string]uint{}, cohorts: map[string]bool{}}
		if res, err = g.fill(tx, o.People); err != nil {
			return err
		}
		return SyncSequences(tx)
	})
	if err != nil && !errors.Is(err, ErrNotEmpty) {
		return DemoResult{}, fmt.Errorf("demo data: %w", err)
	}
	return res, err
}

type demoGen struct {
	rng      *rand.Rand
	today    Date
	now      time.Time
	used     map[string]bool
	years    int
	progress func(done, total int)
	left     map[uint]Date       // when former colleagues left
	teams    []string            // the teams the roster has
	cohorts  map[string]bool     // cohort names taken
	open     map[uint][]openItem // each person's items still open, by meeting order
	tags     map[string]uint
}

// cohortName names a cohort after the month it starts in, numbered when
// that month already has one (two cohorts often start in one month).
func (g *demoGen) cohortName(start Date) string {
	month := start.Time().Format("January 2006")
	name := month
	for n := 2; g.cohorts[name]; n++ {
		name = fmt.Sprintf("%s (%d)", month, n)
	}
	g.cohorts[name] = true
	return name
}

// historyStart is the first day demo one-on-ones and sessions can fall on.
func (g *demoGen) historyStart() Date {
	if g.years == 0 {
		return g.today.AddDays(-7 * demoWeeks)
	}
	return g.today.AddDays(-365 * g.years)
}

func (g *demoGen) fill(tx *gorm.DB, total int) (DemoResult, error) {
	teams := max(1, (total+5)/10)
	trainers := 0
	if total > 12 {
		trainers = max(1, total/40)
	}
	// Managers and leads have been here at least as long as the history.
	tenure := 365 * g.years
	head := g.person(RoleManager, "", 6*365+tenure, 12*365+tenure)
	if err := tx.Create(&head).Error; err != nil {
		return DemoResult{}, err
	}
	created := 1
	var leads []Person
	for i := 0; i < teams && created < total; i++ {
		g.teams = append(g.teams, demoTeamName(i))
		lead := g.person(RoleTeamLead, demoTeamName(i), 2*365+tenure, 9*365+tenure)
		lead.ManagerID = &head.ID
		leads = append(leads, lead)
		created++
	}
	for i := 0; i < trainers && created < total; i++ {
		t := g.person(RoleTrainer, "Training", 3*365+tenure, 8*365+tenure)
		t.ManagerID = &head.ID
		leads = append(leads, t)
		created++
	}
	if len(leads) > 0 {
		if err := tx.CreateInBatches(&leads, 500).Error; err != nil {
			return DemoResult{}, err
		}
	}
	var trainerPeople, teamLeads []Person
	for _, p := range leads {
		if p.Role == RoleTrainer {
			trainerPeople = append(trainerPeople, p)
		} else {
			teamLeads = append(teamLeads, p)
		}
	}
	var agents []Person
	var err error
	if g.years == 0 {
		agents, err = g.demoAgents(tx, teamLeads, leads, total-created)
		if err == nil {
			err = g.demoCohorts(tx, agents, trainerPeople)
		}
	} else {
		agents, err = g.demoCohortHistory(tx, teamLeads, trainerPeople, total-created)
	}
	if err != nil {
		return DemoResult{}, err
	}
	// After the cohorts, so hires' one-on-ones start when they did.
	everyone := append(leads, agents...)
	if err := g.demoMeetings(tx, everyone); err != nil {
		return DemoResult{}, err
	}
	if err := g.demoSessions(tx, everyone); err != nil {
		return DemoResult{}, err
	}
	return demoCounts(tx)
}

// demoAgents makes count reports of the team leads: mostly settled, some
// new hires, a few leavers.
func (g *demoGen) demoAgents(tx *gorm.DB, teamLeads, leads []Person, count int) ([]Person, error) {
	var agents []Person
	for i := 0; i < count; i++ {
		lead := leads[i%len(leads)]
		if lead.Role != RoleTeamLead {
			lead = teamLeads[0]
		}
		agents = append(agents, g.agent(lead))
	}
	if len(agents) > 0 {
		if err := tx.CreateInBatches(&agents, 500).Error; err != nil {
			return nil, err
		}
	}
	return agents, nil
}

func demoCounts(tx *gorm.DB) (DemoResult, error) {
	var r DemoResult
	for _, c := range []struct {
		n *int
		q *gorm.DB
	}{
		{&r.People, tx.Model(&Person{}).Where("archived_at IS NULL")},
		{&r.Former, tx.Model(&Person{}).Where("archived_at IS NOT NULL")},
		{&r.Teams, tx.Model(&Person{}).Where("team <> '' AND archived_at IS NULL").Distinct("team")},
		{&r.OneOnOnes, tx.Model(&OneOnOne{})},
		{&r.Items, tx.Model(&Item{})},
		{&r.Sessions, tx.Model(&Session{})},
		{&r.Cohorts, tx.Model(&Cohort{})},
	} {
		var n int64
		if err := c.q.Count(&n).Error; err != nil {
			return r, err
		}
		*c.n = int(n)
	}
	return r, nil
}

func demoTeamName(i int) string {
	if i < len(demoTeams) {
		return demoTeams[i]
	}
	return fmt.Sprintf("%s %d", demoTeams[i%len(demoTeams)], i/len(demoTeams)+1)
}

// agent makes a report of lead: mostly settled, some new hires, a few leavers.
func (g *demoGen) agent(lead Person) Person {
	var a Person
	switch r := g.rng.IntN(100); {
	case r < 10: // joined in the last six weeks
		a = g.person(RoleAgent, lead.Team, 1, 42)
	case r < 16:
		a = g.person(RoleAgent, lead.Team, 200, 4*365)
		a.Status = StatusLeft
	default:
		a = g.person(RoleAgent, lead.Team, 60, 6*365)
	}
	a.ManagerID = &lead.ID
	return a
}

// person invents someone who started between minDays and maxDays ago.
func (g *demoGen) person(role Role, team string, minDays, maxDays int) Person {
	first := demoFirst[g.rng.IntN(len(demoFirst))]
	last := demoLast[g.rng.IntN(len(demoLast))]
	name := first[0] + " " + last
	email := g.uniqueEmail(first[0], last)
	p := Person{
		Name:      name,
		Role:      role,
		Team:      team,
		Email:     email,
		StartDate: g.today.AddDays(-(minDays + g.rng.IntN(maxDays-minDays+1))),
		Status:    StatusActive,
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

// store runs the store's own rules inside the demo's transaction. Nested
// transactions are off: gorm opens a savepoint for each and never releases
// it, so every later write would pay for all of them.
func (g *demoGen) store(tx *gorm.DB) *Store {
	return &Store{db: tx.Session(&gorm.Session{DisableNestedTransaction: true}), d: dialectOf(tx), Now: func() time.Time { return g.now }}
}
