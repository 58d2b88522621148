package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"solemate/model"
)

// pickerRoster adds people beside cohortOfTwenty's, to filter: two on
// Phones starting 6 April, one on Chat starting 4 May, one on Chat with no
// start date yet, and a team lead.
func pickerRoster(t *testing.T, store *model.Store) {
	t.Helper()
	for _, p := range []model.Person{
		{Name: "Ana Phones", Team: "Phones", StartDate: model.NewDate(2026, 4, 6)},
		{Name: "Ben Phones", Team: "Phones", StartDate: model.NewDate(2026, 4, 6)},
		{Name: "Cara Chat", Team: "Chat", StartDate: model.NewDate(2026, 5, 4)},
		{Name: "Dan Chat", Team: "Chat"},
		{Name: "Lee Lead", Role: model.RoleTeamLead},
	} {
		if err := store.SavePerson(&p); err != nil {
			t.Fatal(err)
		}
	}
}

// shownNames lists the names a picker's list shows, new hires first.
func shownNames(p *hirePicker) []string {
	var out []string
	for _, n := range p.newNames {
		out = append(out, n+" (new)")
	}
	for _, i := range p.shown {
		out = append(out, p.people[i].Name)
	}
	return out
}

func TestHirePickerFilters(t *testing.T) {
	s, store := newTestShell(t)
	cohortOfTwenty(t, store) // Hire 01 to 20 are in March 2026
	pickerRoster(t, store)
	s.open(s.cohorts())
	for _, c := range []struct {
		name string
		set  func(p *hirePicker)
		want []string
	}{
		{"not in a cohort yet, by default", func(*hirePicker) {}, []string{"Ana Phones", "Ben Phones", "Cara Chat", "Dan Chat"}},
		{"those in a cohort too", func(p *hirePicker) { p.fresh.SetChecked(false) }, nil},
		{"a team", func(p *hirePicker) { p.team.SetSelected("Phones") }, []string{"Ana Phones", "Ben Phones"}},
		{"starting with the cohort", func(p *hirePicker) { p.starts.SetSelected(withCohort) }, []string{"Ana Phones", "Ben Phones"}},
		{"starting on or after a day", func(p *hirePicker) {
			p.starts.SetSelected(startingAfter)
			p.since.entry.SetText("2026-05-01")
		}, []string{"Cara Chat"}},
		{"part of a name", func(p *hirePicker) { test.Type(p.query, "car") }, []string{"Cara Chat"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s.closeDialogs()
			f := showNewCohort(cohorts(s))
			f.start.entry.SetText("2026-04-06")
			c.set(f.hires)
			got := shownNames(f.hires)
			if c.want == nil { // everyone but the trainer and the lead
				if len(got) != 24 || slices.Contains(got, "Lee Lead") || slices.Contains(got, "Tara Trainer") {
					t.Errorf("shown: %v", got)
				}
				return
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("shown %v, want %v", got, c.want)
			}
		})
	}
}

// Ticks stay while a filter hides them, and the count says so; a name
// typed that is on the roster picks that person (even one in another
// cohort, hidden by the filter); only a name not on it is a new hire.
func TestHirePickerSelectsAndPicksByName(t *testing.T) {
	s, store := newTestShell(t)
	cohortOfTwenty(t, store)
	pickerRoster(t, store)
	before, _ := store.CountPeople()
	s.open(s.cohorts())
	f := showNewCohort(cohorts(s))
	p := f.hires
	p.team.SetSelected("Chat")
	test.Tap(p.selectAll)
	p.team.SetSelected("Phones")
	if got := p.count.Text; got != "2 chosen (2 of them hidden by the filters)" {
		t.Errorf("count: %q", got)
	}
	p.team.SetSelected(allTeams)

	test.Type(p.query, "hire 05")
	test.Tap(p.add)
	test.Type(p.query, "  Zoe   Zed ")
	p.query.OnSubmitted(p.query.Text)
	test.Type(p.query, "Hire 05") // twice picks once
	test.Tap(p.add)
	if got := shownNames(p)[0]; got != "Zoe Zed (new)" || p.query.Text != "" || !strings.HasPrefix(p.count.Text, "4 chosen (1 of them hidden") {
		t.Errorf("first row %q, query %q, count %q", got, p.query.Text, p.count.Text)
	}
	test.Type(f.name, "April 2026")
	test.Tap(f.create)
	if f.problems.Visible() {
		t.Fatal(f.problems.Text)
	}
	c, err := store.CohortByName("April 2026")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := store.CohortBoard(c.ID)
	var names []string
	for _, r := range b.Rows {
		names = append(names, r.Name)
	}
	if !slices.Equal(names, []string{"Cara Chat", "Dan Chat", "Hire 05", "Zoe Zed"}) {
		t.Errorf("hires: %v", names)
	}
	if n, _ := store.CountPeople(); n != before+1 {
		t.Errorf("%d people, want %d: only Zoe Zed is new", n, before+1)
	}
}

// Clear drops every tick and new name; unticking a new hire drops them.
func TestHirePickerClear(t *testing.T) {
	s, store := newTestShell(t)
	pickerRoster(t, store)
	s.open(s.cohorts())
	p := showNewCohort(cohorts(s)).hires
	test.Type(p.query, "Nia New")
	test.Tap(p.add)
	test.Type(p.query, "Ola New")
	test.Tap(p.add)
	p.tick(0, false)
	if !slices.Equal(p.newNames, []string{"Ola New"}) {
		t.Errorf("new hires after unticking the first: %v", p.newNames)
	}
	test.Tap(p.selectAll)
	test.Tap(p.clear)
	if len(p.chosenIDs()) != 0 || len(p.newNames) != 0 || p.count.Text != "0 chosen" {
		t.Errorf("after Clear: %v, %v, %q", p.chosenIDs(), p.newNames, p.count.Text)
	}
}

// One-on-ones go to me when I train the cohort, else to its first
// trainer, or to the hires' managers when asked.
func TestNewCohortOneOnOnesWith(t *testing.T) {
	for _, c := range []struct {
		name      string
		me        string
		tick      []string
		choose    string
		wantOwner string // "" for their managers
	}{
		{"me, a trainer, ticked for me", "Tara Trainer", []string{"Lee Lead", "Tara Trainer"}, "", "Tara Trainer"},
		{"the first trainer ticked", "", []string{"Lee Lead", "Tara Trainer"}, "", "Lee Lead"},
		{"their managers", "Tara Trainer", []string{"Tara Trainer"}, theirManagers, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, store := newTestShell(t)
			pickerRoster(t, store)
			tara := model.Person{Name: "Tara Trainer", Role: model.RoleTrainer}
			if err := store.SavePerson(&tara); err != nil {
				t.Fatal(err)
			}
			if c.me != "" {
				if err := store.SetMe(tara.ID); err != nil {
					t.Fatal(err)
				}
			}
			s.open(s.cohorts())
			f := showNewCohort(cohorts(s))
			if c.me != "" && !slices.Equal(f.trainers.trainers.Selected, []string{c.me}) {
				t.Errorf("a trainer starting a cohort should be ticked as its trainer: %v", f.trainers.trainers.Selected)
			}
			f.trainers.trainers.SetSelected(c.tick)
			if c.choose != "" {
				f.trainers.owner.SetSelected(c.choose)
			}
			test.Type(f.name, "April 2026")
			test.Tap(f.create)
			co, err := store.CohortByName("April 2026")
			if err != nil {
				t.Fatal(f.problems.Text, err)
			}
			b, _ := store.CohortBoard(co.ID)
			if b.OwnerName != c.wantOwner || len(b.Trainers) != len(c.tick) {
				t.Errorf("one-on-ones with %q, want %q; trainers %v", b.OwnerName, c.wantOwner, b.TrainerNames())
			}
		})
	}
}

// The no-name problem heads the dialog, where it is seen.
func TestNewCohortNoNameShownAtTheTop(t *testing.T) {
	s, store := newTestShell(t)
	pickerRoster(t, store)
	s.open(s.cohorts())
	f := showNewCohort(cohorts(s))
	test.Tap(f.create)
	if !f.problems.Visible() || f.problems.Text != "Not started: give the cohort a name." || f.problems.Position().Y != 0 {
		t.Errorf("problem %q shown %v at %v", f.problems.Text, f.problems.Visible(), f.problems.Position())
	}
	if s.win.Canvas().Focused() != f.name {
		t.Error("the name field should have the focus, to type it")
	}
	if cs, _ := store.Cohorts(); len(cs) != 0 {
		t.Error("no cohort should start")
	}
}

// Part of a name on the roster picks the one person it matches, as the
// hint promises, instead of adding a namesake "(new)"; several ask for a
// tick; no one adds a new hire. The note says which happened.
func TestHirePickerPicksByPartOfAName(t *testing.T) {
	for _, c := range []struct {
		typed, note string
		chosen      []string // the roster's people ticked
		newNames    []string
	}{
		{"Cara", "Picked Cara Chat.", []string{"Cara Chat"}, nil},
		{"ben p", "Picked Ben Phones.", []string{"Ben Phones"}, nil},
		{"phones", "2 people on the roster match phones: tick the one you mean.", nil, nil},
		{"hire 0", "11 people on the roster match hire 0, 11 of them hidden by the filters: tick the one you mean.", nil, nil}, // 01 to 10, and 20
		{"Zoe", "Added Zoe as a new hire.", nil, []string{"Zoe"}},
		{"Ana Phones", "Picked Ana Phones.", []string{"Ana Phones"}, nil},
	} {
		t.Run(c.typed, func(t *testing.T) {
			s, store := newTestShell(t)
			cohortOfTwenty(t, store) // Hire 01 to 20, in a cohort: hidden
			pickerRoster(t, store)
			s.open(s.cohorts())
			p := showNewCohort(cohorts(s)).hires
			test.Type(p.query, c.typed)
			p.query.OnSubmitted(p.query.Text) // Enter
			var chosen []string
			for _, r := range p.people {
				if p.chosen[r.ID] {
					chosen = append(chosen, r.Name)
				}
			}
			if p.note.Text != c.note || !slices.Equal(chosen, c.chosen) || !slices.Equal(p.newNames, c.newNames) {
				t.Errorf("note %q, chosen %v, new %v; want %q, %v, %v", p.note.Text, chosen, p.newNames, c.note, c.chosen, c.newNames)
			}
			// Typing the next name clears what the last Add said.
			test.Type(p.query, "x")
			if p.note.Visible() {
				t.Errorf("the note %q stays while the next name is typed", p.note.Text)
			}
		})
	}
}

// A new cohort starts on the program changed or made last: the trainer's
// own copy just after they made it, the shipped one once edited again.
func TestNewCohortOffersTheProgramChangedLast(t *testing.T) {
	s, store := newTestShell(t)
	s.open(s.cohorts())
	at := fixedNow
	tick := func() { at = at.Add(time.Hour); store.Now = func() time.Time { return at } }
	progs, _ := store.Programs()
	shipped, _ := store.Program(progs[0].ID)
	for _, c := range []struct {
		step string
		do   func()
		want string
	}{
		{"the shipped program saved", func() { mustSave(t, store, &shipped) }, "New hire onboarding"},
		{"a copy made", func() {
			if _, err := store.CopyProgram(shipped.ID, "Phones onboarding"); err != nil {
				t.Fatal(err)
			}
		}, "Phones onboarding"},
		{"the shipped one edited", func() { shipped.Description = "Edited"; mustSave(t, store, &shipped) }, "New hire onboarding"},
	} {
		tick()
		c.do()
		s.closeDialogs()
		if got := showNewCohort(cohorts(s)).program.Selected; got != c.want {
			t.Errorf("after %s: %q, want %q", c.step, got, c.want)
		}
	}
}

func mustSave(t *testing.T, store *model.Store, d *model.ProgramDetail) {
	t.Helper()
	if err := store.SaveProgram(d); err != nil {
		t.Fatal(err)
	}
}

// The hire list is on screen as the dialog opens, beside the fields rather
// than below them, and has the room the window gives: eight rows or so in
// the smallest window, more in a usual one. No filter choice is cut.
func TestNewCohortShowsTheHireListAtOnce(t *testing.T) {
	for _, c := range []struct {
		window fyne.Size
		rows   float32
	}{
		{minWindow, 7.5},
		{fyne.NewSize(1280, 800), 11},
	} {
		t.Run(fmt.Sprint(c.window), func(t *testing.T) {
			s, store := newTestShell(t)
			cohortOfTwenty(t, store)
			s.win.Resize(c.window)
			s.open(s.cohorts())
			p := showNewCohort(cohorts(s)).hires
			p.fresh.SetChecked(false)
			p.starts.SetSelected(startingAfter)
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.list)
			row := p.newRow().MinSize().Height
			if at.Y+p.list.Size().Height > c.window.Height || p.list.Size().Height < c.rows*row {
				t.Errorf("list at %v, %v tall in a %v window; want %.1f rows of %v on screen", at, p.list.Size(), c.window, c.rows, row)
			}
			if p.starts.Size().Width < p.starts.MinSize().Width {
				t.Errorf("the start filter is %v wide, cut below %v", p.starts.Size().Width, p.starts.MinSize().Width)
			}
		})
	}
}
