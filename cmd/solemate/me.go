package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"solemate/model"
)

// meCmd shows who the user is, or sets it: WHO names someone on the
// roster; WHO as an email and a NAME add the user when nobody has it.
func (c *cli) meCmd(args []string) error {
	var db string
	pos, err := parseArgs("me", args, func(fs *flag.FlagSet) { fs.StringVar(&db, "db", "", "") }, -1)
	if err != nil {
		return err
	}
	if len(pos) > 2 {
		return &usageError{`me: too many arguments (put a name with spaces in quotes: me EMAIL "Your Name")`}
	}
	if len(pos) == 0 {
		s, err := c.openReading(db)
		if err != nil {
			return err
		}
		defer s.Close()
		me, ok, err := s.Me()
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(c.stdout, `Nobody yet. Say who you are: solemate me EMAIL (or add yourself: solemate me EMAIL "Your Name")`)
			return nil
		}
		fmt.Fprintln(c.stdout, "You are "+whoIs(me)+".")
		return nil
	}
	return c.writeTo(db, func(s *model.Store) error {
		me, err := s.FindMe(pos[0])
		var ve *model.ValidationError
		switch {
		case err == nil:
			err = s.SetMe(me.ID)
		case len(pos) == 2 && errors.As(err, &ve) && strings.Contains(pos[0], "@"):
			if me, err = s.AddMe(pos[1], pos[0]); err == nil {
				fmt.Fprintln(c.stdout, "Added you to the roster.")
			}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, "You are "+whoIs(me)+".")
		return nil
	})
}

// whoIs is a person as one line: their name and, when known, email.
func whoIs(p model.Person) string {
	s := shown(p.DisplayName())
	if p.Email != "" {
		s += " <" + shown(p.Email) + ">"
	}
	return s
}

// todayCmd prints what the Today screen shows, for the user's scope.
func (c *cli) todayCmd(args []string) error {
	var db, format string
	var includePrivate bool
	if _, err := parseArgs("today", args, func(fs *flag.FlagSet) {
		fs.StringVar(&db, "db", "", "")
		fs.StringVar(&format, "format", "text", "")
		fs.BoolVar(&includePrivate, "include-private", false, "")
	}, 0); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return &usageError{fmt.Sprintf("today: unknown format %q (use text or json)", format)}
	}
	s, err := c.openReading(db)
	if err != nil {
		return err
	}
	defer s.Close()
	// Without the window's settings, the week of the milestones ends on Sunday.
	v, err := s.TodayView(time.Monday)
	if err != nil {
		return err
	}
	me, ok, err := s.Me()
	if err != nil {
		return err
	}
	day := newTodayJSON(s.Today(), v, me, ok, includePrivate)
	keepPrivate(c.stdout)
	if format == "json" {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(day)
	}
	day.writeText(c)
	return nil
}

// todayJSON is `solemate today --format json`: its field names are kept
// from release to release, for scripts.
type todayJSON struct {
	Date       string          `json:"date"`
	Me         *personJSON     `json:"me"` // null while nobody is me
	Scope      model.Scope     `json:"scope"`
	DueToday   int             `json:"due_today"`
	Overdue    int             `json:"overdue"`
	OneOnOnes  []dueJSON       `json:"one_on_ones"` // the first model.TodayShown
	FollowUps  []followUpJSON  `json:"follow_ups"`
	Actions    []actionJSON    `json:"actions"`
	Behind     []behindJSON    `json:"cohorts_behind"`
	Milestones []milestoneJSON `json:"milestones"`
	Prompt     string          `json:"prompt"`
}

type personJSON struct {
	ID    uint   `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type dueJSON struct {
	PersonID uint   `json:"person_id"`
	Name     string `json:"name"`
	Due      string `json:"due"`
	LastHeld string `json:"last_held"` // "" when never
	Text     string `json:"text"`
}

type followUpJSON struct {
	ItemID   uint   `json:"item_id"`
	PersonID uint   `json:"person_id"`
	Name     string `json:"name"`
	Text     string `json:"text"`
	Private  bool   `json:"private"`
	FollowUp string `json:"follow_up"`
	Raised   string `json:"raised"`
}

type actionJSON struct {
	ID       uint   `json:"id"`
	PersonID uint   `json:"person_id"`
	Name     string `json:"name"`
	Text     string `json:"text"`
	Owner    string `json:"owner"`
	Due      string `json:"due"`
	Overdue  bool   `json:"overdue"`
	Mine     bool   `json:"mine"` // on my own list
}

type behindJSON struct {
	CohortID uint     `json:"cohort_id"`
	Cohort   string   `json:"cohort"`
	Behind   int      `json:"behind"`
	Hires    int      `json:"hires"`
	Names    []string `json:"names"`
}

type milestoneJSON struct {
	CohortID uint     `json:"cohort_id"`
	Cohort   string   `json:"cohort"`
	Title    string   `json:"title"`
	Due      string   `json:"due"`
	Left     []string `json:"left"`
	Of       int      `json:"of"`
}

// privateText stands in for a private follow-up's text unless the command
// was asked for it, as search and the exports keep private text out.
const privateText = "(private; pass --include-private to see it)"

func newTodayJSON(today model.Date, v model.TodayView, me model.Person, isMe, includePrivate bool) todayJSON {
	d := todayJSON{Date: today.String(), Scope: v.Scope.Current, DueToday: v.DueToday, Overdue: v.Overdue, Prompt: v.Prompt.Text,
		OneOnOnes: []dueJSON{}, FollowUps: []followUpJSON{}, Actions: []actionJSON{}, Behind: []behindJSON{}, Milestones: []milestoneJSON{}}
	if isMe {
		d.Me = &personJSON{me.ID, me.Name, me.Email}
	}
	for _, r := range v.Due {
		last := ""
		if r.LastHeld != nil {
			last = model.DateOf(r.LastHeld.Local()).String()
		}
		d.OneOnOnes = append(d.OneOnOnes, dueJSON{r.ID, r.DisplayName(), r.NextDue.String(), last, model.DueText(r.NextDue, today)})
	}
	for _, f := range v.FollowUps {
		text := f.Text
		if f.Private && !includePrivate {
			text = privateText
		}
		d.FollowUps = append(d.FollowUps, followUpJSON{f.ID, f.PersonID, f.PersonName, text, f.Private, f.Item.FollowUp.String(), model.DateOf(f.RaisedAt.Local()).String()})
	}
	for _, a := range v.Actions {
		d.Actions = append(d.Actions, actionJSON{a.ID, a.PersonID, a.PersonName, a.Text, string(a.Owner), a.Due.String(), a.Overdue, a.Mine})
	}
	for _, b := range v.Behind {
		d.Behind = append(d.Behind, behindJSON{b.CohortID, b.Name, b.Behind, b.Hires, b.Names})
	}
	for _, m := range v.Milestones {
		d.Milestones = append(d.Milestones, milestoneJSON{m.CohortID, m.CohortName, m.Title, m.Due.String(), append([]string{}, m.Left...), m.Of})
	}
	return d
}

// writeText prints the day as Today shows it: a heading a section, a line
// an entry, stored text shown as one line that runs nothing.
func (d todayJSON) writeText(c *cli) {
	w := c.stdout
	whose := "everyone"
	if d.Me != nil {
		whose = fmt.Sprintf("%s, for %s", strings.ToLower(d.Scope.Label()), shown(d.Me.Name))
	}
	fmt.Fprintf(w, "Today, %s (%s)\n", day(d.Date, "Monday 2 January 2006"), whose)
	section := func(title string, n int, none string) {
		if n == 0 {
			fmt.Fprintf(w, "\n%s: %s\n", title, none)
		} else {
			fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		}
	}
	section("One-on-ones due", d.DueToday+d.Overdue, "none")
	for _, r := range d.OneOnOnes {
		fmt.Fprintf(w, "  %s — %s\n", shown(r.Name), r.Text)
	}
	if more := d.DueToday + d.Overdue - len(d.OneOnOnes); more > 0 {
		fmt.Fprintf(w, "  and %d more\n", more)
	}
	section("Follow-ups", len(d.FollowUps), "none")
	for _, f := range d.FollowUps {
		fmt.Fprintf(w, "  Ask %s about: %s (raised %s)\n", shown(f.Name), shown(f.Text), day(f.Raised, ""))
	}
	section("Actions", len(d.Actions), "none due")
	for _, a := range d.Actions {
		state := "due " + day(a.Due, "")
		if a.Overdue {
			state = "overdue since " + day(a.Due, "")
		}
		who := shown(a.Name) + " will" // as the app says it
		if a.Owner == string(model.OwnerLead) {
			who = "You will (with " + shown(a.Name) + ")"
		}
		if a.Mine {
			who = "You will"
		}
		fmt.Fprintf(w, "  %s: %s — %s\n", who, shown(a.Text), state)
	}
	section("Cohorts", len(d.Behind)+len(d.Milestones), "no milestones this week")
	for _, b := range d.Behind {
		fmt.Fprintf(w, "  %s\n", shown(model.CohortBehind{Name: b.Cohort, Behind: b.Behind, Hires: b.Hires, Names: b.Names}.Text()))
	}
	for _, m := range d.Milestones {
		fmt.Fprintf(w, "  %s · %s — due %s, %s\n", shown(m.Cohort), shown(m.Title), day(m.Due, ""), shown(model.MilestoneDue{Left: m.Left, Of: m.Of}.LeftText()))
	}
	if d.Prompt != "" {
		fmt.Fprintf(w, "\nPrompt of the day: %s\n", shown(d.Prompt))
	}
}

// day writes a YYYY-MM-DD day as people read it, "Mon 2 Mar" unless layout
// says otherwise.
func day(ymd, layout string) string {
	if layout == "" {
		layout = "Mon 2 Jan"
	}
	d, err := model.ParseDate(ymd)
	if err != nil || d.IsZero() {
		return ymd
	}
	return d.Time().Format(layout)
}
