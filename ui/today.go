package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

const (
	// todayMax is how many entries a Today card lists before "and N more".
	todayMax = 8
	// todayChars is how long an entry's text may be.
	todayChars = 46
)

// todayScreen is the start screen: a column of cards answering "what do I
// owe whom now". Each entry opens the thing it names.
type todayScreen struct {
	sh      *shell
	root    *fyne.Container
	heading *widget.Label
	date    *widget.Label
	cards   *fyne.Container
	body    fyne.CanvasObject
	welcome fyne.CanvasObject
}

func newTodayScreen(sh *shell) *todayScreen {
	t := &todayScreen{sh: sh}
	t.heading = widget.NewLabelWithStyle("Today", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.heading.SizeName = theme.SizeNameSubHeadingText
	t.date = widget.NewLabel("")
	t.cards = container.NewGridWithColumns(2)
	t.body = container.NewBorder(container.NewPadded(container.NewHBox(t.heading, t.date)), nil, nil, nil, container.NewVScroll(container.NewPadded(t.cards)))
	people := widget.NewButtonWithIcon("Add or import people", theme.AccountIcon(), func() { sh.open(sh.people) })
	people.Importance = widget.HighImportance
	cohort := widget.NewButtonWithIcon("Start a cohort", theme.GridIcon(), func() {
		sh.open(sh.cohorts)
		sh.cohorts.newItem()
	})
	demo := widget.NewButtonWithIcon("Load demo data", theme.MediaPlayIcon(), func() { sh.people.loadDemo() })
	t.welcome = emptyState(appIcon, "Welcome to Solemate",
		"Lead your team one conversation at a time.\n1. Add the people you lead, or import a roster CSV.\n2. Hold your first one-on-one, or start a cohort of new hires.\nOr load demo data to look around first.",
		people, cohort, demo)
	t.root = container.NewStack(t.body)
	return t
}

func (t *todayScreen) title() string           { return "Today" }
func (t *todayScreen) icon() fyne.Resource     { return theme.HomeIcon() }
func (t *todayScreen) view() fyne.CanvasObject { return t.root }
func (t *todayScreen) focusFilter()            {}
func (t *todayScreen) flush() bool             { return true }
func (t *todayScreen) newItem()                {}

// load gathers the day off the UI goroutine.
func (t *todayScreen) load() {
	fetch(t.sh, "Could not load today", func() (model.TodayView, error) { return t.sh.store.TodayView(weekStart()) }, t.show)
}

func (t *todayScreen) show(v model.TodayView) {
	want := t.body
	if v.Empty {
		want = t.welcome
	}
	if t.root.Objects[0] != want {
		t.root.Objects = []fyne.CanvasObject{want}
		t.root.Refresh()
	}
	today := t.sh.store.Today()
	t.date.SetText(today.Time().Format("Monday 2 January"))
	sh := t.sh
	openPerson := func(id uint) func() {
		return func() {
			sh.open(sh.oneOnOnes)
			sh.oneOnOnes.openPerson(id)
		}
	}
	openCohort := func(id uint) func() {
		return func() {
			sh.cohorts.selected = id
			sh.open(sh.cohorts)
		}
	}
	var cards []fyne.CanvasObject

	var due []todayEntry
	for _, r := range v.Due {
		due = append(due, todayEntry{r.DisplayName() + " — " + model.DueText(r.NextDue, today), openPerson(r.ID)})
	}
	cards = append(cards, todayCard("One-on-ones due", "Everyone due today or overdue", "No one-on-ones due. A good day to walk the floor.", due,
		func() { sh.open(sh.oneOnOnes) }))

	var fus []todayEntry
	for _, f := range v.FollowUps {
		text := fmt.Sprintf("Ask %s about “%s” (raised %s)", model.ShortName(f.PersonName, ""), model.Ellipsize(f.Text, 50), f.RaisedAt.Local().Format("Mon 2 Jan"))
		fus = append(fus, todayEntry{text, openPerson(f.PersonID)})
	}
	cards = append(cards, todayCard("Follow-ups", "What people shared that is worth asking about today", "Nothing to follow up on today.", fus,
		func() { sh.open(sh.oneOnOnes) }))

	var acts []todayEntry
	for _, a := range v.Actions {
		state := "due " + formatDay(a.Due)
		if a.Overdue {
			state = "overdue since " + formatDay(a.Due)
		}
		acts = append(acts, todayEntry{fmt.Sprintf("%s · %s — %s", a.PersonName, actionLabel(a.Action, model.ShortName(a.PersonName, "")), state), openPerson(a.PersonID)})
	}
	cards = append(cards, todayCard("Actions", fmt.Sprintf("Overdue or due within %d days", model.DueSoonDays), "No actions due. Nice.", acts,
		func() {
			sh.open(sh.oneOnOnes)
			sh.oneOnOnes.showTeam()
		}))

	var cohortEntries []todayEntry
	for _, b := range v.Behind {
		cohortEntries = append(cohortEntries, todayEntry{fmt.Sprintf("%s: %d of %s behind", b.Name, b.Behind, model.Plural(b.Hires, "hire", "hires")), openCohort(b.CohortID)})
	}
	for _, m := range v.Milestones {
		cohortEntries = append(cohortEntries, todayEntry{fmt.Sprintf("%s · %s: %s — %s", m.CohortName, m.HireName, m.Title, formatDay(m.Due)), openCohort(m.CohortID)})
	}
	cards = append(cards, todayCard("Cohorts", "Hires behind, and milestones due this week", "No cohort milestones this week.", cohortEntries,
		func() { sh.open(sh.cohorts) }))

	if v.Prompt.Text != "" {
		p := widget.NewLabel(v.Prompt.Text)
		p.Wrapping = fyne.TextWrapWord
		p.TextStyle = fyne.TextStyle{Italic: true}
		pt := widget.NewLabel(v.Prompt.Theme)
		pt.SizeName = theme.SizeNameCaptionText
		cards = append(cards, widget.NewCard("Prompt of the day", "", container.NewVBox(p, pt)))
	}
	t.cards.Objects = cards
	t.cards.Refresh()
}

// todayEntry is one line of a Today card and what clicking it opens.
type todayEntry struct {
	text string
	open func()
}

// todayCard lists entries (up to todayMax, then a link to the rest) under a
// title with their count, or says so when there are none.
func todayCard(title, subtitle, none string, entries []todayEntry, all func()) fyne.CanvasObject {
	box := container.NewVBox()
	for i, e := range entries {
		if i == todayMax {
			more := widget.NewButton(fmt.Sprintf("and %d more…", len(entries)-todayMax), all)
			more.Importance = widget.LowImportance
			more.Alignment = widget.ButtonAlignLeading
			box.Add(more)
			break
		}
		// Buttons do not truncate; a long line would widen the window.
		b := widget.NewButton(model.Ellipsize(e.text, todayChars), e.open)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	if len(entries) == 0 {
		box.Add(widget.NewLabel(none))
	}
	if n := len(entries); n > 0 {
		title = fmt.Sprintf("%s (%d)", title, n)
	}
	return widget.NewCard(title, strings.TrimSpace(subtitle), box)
}
