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

// demoWeeks is how much one-on-one history demo data has.
const demoWeeks = 16

// DemoResult says what Demo created.
type DemoResult struct {
	People, Teams, OneOnOnes, Sessions, Cohorts int
}

func (r DemoResult) String() string {
	return fmt.Sprintf("created %s in %s with %s, %s and %s", Plural(r.People, "person", "people"), Plural(r.Teams, "team", "teams"),
		Plural(r.OneOnOnes, "one-on-one", "one-on-ones"), Plural(r.Sessions, "shadowing session", "shadowing sessions"), Plural(r.Cohorts, "cohort", "cohorts"))
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
// seed gives the same people.
func (s *Store) Demo(people int, seed uint64) (DemoResult, error) {
	if people < 1 || people > MaxDemoPeople {
		return DemoResult{}, fmt.Errorf("the number of people must be between 1 and %d", MaxDemoPeople)
	}
	var res DemoResult
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Person{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		g := demoGen{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), today: s.Today(), now: s.now(), used: map[string]bool{}}
		var err error
		res, err = g.fill(tx, people)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotEmpty) {
		return DemoResult{}, fmt.Errorf("demo data: %w", err)
	}
	return res, err
}

type demoGen struct {
	rng   *rand.Rand
	today Date
	now   time.Time
	used  map[string]bool
}

func (g *demoGen) fill(tx *gorm.DB, total int) (DemoResult, error) {
	teams := max(1, (total+5)/10)
	trainers := 0
	if total > 12 {
		trainers = max(1, total/40)
	}
	head := g.person(RoleManager, "", 6*365, 12*365)
	if err := tx.Create(&head).Error; err != nil {
		return DemoResult{}, err
	}
	created := 1
	var leads []Person
	for i := 0; i < teams && created < total; i++ {
		lead := g.person(RoleTeamLead, demoTeamName(i), 2*365, 9*365)
		lead.ManagerID = &head.ID
		leads = append(leads, lead)
		created++
	}
	for i := 0; i < trainers && created < total; i++ {
		t := g.person(RoleTrainer, "Training", 3*365, 8*365)
		t.ManagerID = &head.ID
		leads = append(leads, t)
		created++
	}
	if len(leads) > 0 {
		if err := tx.CreateInBatches(&leads, 500).Error; err != nil {
			return DemoResult{}, err
		}
	}
	var agents []Person
	for i := 0; created < total; i++ {
		lead := leads[i%len(leads)]
		if lead.Role != RoleTeamLead {
			lead = leads[0]
		}
		a := g.agent(lead)
		agents = append(agents, a)
		created++
	}
	if len(agents) > 0 {
		if err := tx.CreateInBatches(&agents, 500).Error; err != nil {
			return DemoResult{}, err
		}
	}
	var trainerPeople []Person
	for _, p := range leads {
		if p.Role == RoleTrainer {
			trainerPeople = append(trainerPeople, p)
		}
	}
	if err := g.demoCohorts(tx, agents, trainerPeople); err != nil {
		return DemoResult{}, err
	}
	// After the cohorts, so hires' one-on-ones start when they did.
	everyone := append(leads, agents...)
	if err := g.demoMeetings(tx, everyone, demoWeeks, g.now); err != nil {
		return DemoResult{}, err
	}
	if err := g.demoSessions(tx, everyone); err != nil {
		return DemoResult{}, err
	}
	var meetings int64
	if err := tx.Model(&OneOnOne{}).Count(&meetings).Error; err != nil {
		return DemoResult{}, err
	}
	var teamCount int64
	if err := tx.Model(&Person{}).Where("team <> ''").Distinct("team").Count(&teamCount).Error; err != nil {
		return DemoResult{}, err
	}
	var sessions int64
	if err := tx.Model(&Session{}).Count(&sessions).Error; err != nil {
		return DemoResult{}, err
	}
	var cohorts int64
	if err := tx.Model(&Cohort{}).Count(&cohorts).Error; err != nil {
		return DemoResult{}, err
	}
	return DemoResult{People: created, Teams: int(teamCount), OneOnOnes: int(meetings), Sessions: int(sessions), Cohorts: int(cohorts)}, nil
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
