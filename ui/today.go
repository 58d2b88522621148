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
	// todayChars is how long an entry's text may be, for two cards a row
	// to fit the smallest window.
	todayChars = 42
)

// todayScreen is the start screen: a column of cards answering "what do I
// owe whom now". Each entry opens the thing it names.
type todayScreen struct {
	sh      *shell
	nav     navigator
	root    *fyne.Container
	heading *widget.Label
	date    *widget.Label
	cards   *fyne.Container
	body    fyne.CanvasObject
	welcome fyne.CanvasObject
	loads   line
	scope   *scopeSwitch
}

func newTodayScreen(sh *shell) *todayScreen {
	t := &todayScreen{sh: sh, nav: sh}
	t.heading = widget.NewLabelWithStyle("Today", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.heading.SizeName = theme.SizeNameSubHeadingText
	t.date = widget.NewLabel("")
	t.cards = container.NewGridWithColumns(2)
	t.scope = newScopeSwitch(sh, t.load)
	t.body = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, container.NewHBox(t.heading, t.date), t.scope.sel)), nil, nil, nil, container.NewVScroll(container.NewPadded(t.cards)))
	t.root = container.NewStack(t.body)
	return t
}

func (t *todayScreen) view() fyne.CanvasObject { return t.root }

// welcomeView is what an empty database shows, made the first time it is
// needed: most starts never show it.
func (t *todayScreen) welcomeView() fyne.CanvasObject {
	if t.welcome != nil {
		return t.welcome
	}
	people := widget.NewButtonWithIcon("Add or import people", theme.AccountIcon(), func() { t.nav.goTo(screenPeople) })
	people.Importance = widget.HighImportance
	cohort := widget.NewButtonWithIcon("Start a cohort", theme.GridIcon(), func() { t.nav.newOn(screenCohorts) })
	demo := widget.NewButtonWithIcon("Load demo data", theme.MediaPlayIcon(), t.sh.loadDemo)
	t.welcome = emptyState(appIcon, "Welcome to Solemate",
		"Lead your team one conversation at a time.\n1. Add the people you lead, or import a roster CSV.\n2. Hold your first one-on-one, or start a cohort of new hires.\nOr load demo data to look around first.",
		people, cohort, demo)
	return t.welcome
}

func (t *todayScreen) focusFilter() {}
func (t *todayScreen) flush() bool  { return true }
func (t *todayScreen) newItem()     {}

// load gathers the day off the UI goroutine.
func (t *todayScreen) load() {
	fetch(t.sh, &t.loads, "Could not load today", func(st *model.Store) (model.TodayView, error) { return st.TodayView(weekStart()) }, t.show)
}

func (t *todayScreen) show(v model.TodayView) {
	want := t.body
	if v.Empty {
		want = t.welcomeView()
	}
	showOnly(t.root, want)
	t.scope.show(v.Scope)
	today := t.sh.store.Today()
	if _, set := model.DayFromEnv(); set {
		t.date.SetText(today.Time().Format("Monday 2 January 2006") + " (set by " + model.TodayEnv + ")")
	} else {
		t.date.SetText(today.Time().Format("Monday 2 January"))
	}
	nav := t.nav
	openPerson := func(id uint) func() { return func() { nav.openOneOnOnes(id) } }
	openCohort := func(id uint) func() { return func() { nav.openCohort(id) } }
	// Each card makes entries only for the lines it shows: a long history
	// can have thousands due.
	var cards []fyne.CanvasObject

	cards = append(cards, todayCard("One-on-ones due", "Due today or overdue", "No one-on-ones due. A good day to walk the floor.",
		v.DueToday+v.Overdue, func(i int) todayEntry {
			r := v.Due[i]
			return todayEntry{r.DisplayName() + " — " + model.DueText(r.NextDue, today), openPerson(r.ID)}
		},
		func() { nav.goTo(screenOneOnOnes) }))

	cards = append(cards, todayCard("Follow-ups", "Worth asking about today", "Nothing to follow up on today.",
		len(v.FollowUps), func(i int) todayEntry {
			f := v.FollowUps[i]
			text := fmt.Sprintf("Ask %s about “%s” (raised %s)", model.ShortName(f.PersonName, ""), model.Ellipsize(f.Text, 50), f.RaisedAt.Local().Format("Mon 2 Jan"))
			return todayEntry{text, openPerson(f.PersonID)}
		},
		func() { nav.goTo(screenOneOnOnes) }))

	cards = append(cards, todayCard("Actions", fmt.Sprintf("Overdue or due within %d days", model.DueSoonDays), "No actions due. Nice.",
		len(v.Actions), func(i int) todayEntry {
			a := v.Actions[i]
			state := "due " + formatDay(a.Due)
			if a.Overdue {
				state = "overdue since " + formatDay(a.Due)
			}
			return todayEntry{fmt.Sprintf("%s · %s — %s", a.PersonName, actionLabel(a.Action, model.ShortName(a.PersonName, "")), state), openPerson(a.PersonID)}
		},
		nav.openTeamActions))

	cards = append(cards, todayCard("Cohorts", "Hires behind, and milestones due this week", "No cohort milestones this week.",
		len(v.Behind)+len(v.Milestones), func(i int) todayEntry {
			if i < len(v.Behind) {
				b := v.Behind[i]
				return todayEntry{fmt.Sprintf("%s: %d of %s behind", b.Name, b.Behind, model.Plural(b.Hires, "hire", "hires")), openCohort(b.CohortID)}
			}
			m := v.Milestones[i-len(v.Behind)]
			return todayEntry{fmt.Sprintf("%s · %s: %s — %s", m.CohortName, m.HireName, m.Title, formatDay(m.Due)), openCohort(m.CohortID)}
		},
		func() { nav.goTo(screenCohorts) }))

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
	if f := t.sh.onDay; f != nil {
		t.sh.onDay = nil
		f(v)
	}
}

// todayEntry is one line of a Today card and what clicking it opens.
type todayEntry struct {
	text string
	open func()
}

// todayCard lists n entries (up to todayMax of them, made by entry, then a
// link to the rest, all) under a title with their count, or says none when
// there are none.
func todayCard(title, subtitle, none string, n int, entry func(int) todayEntry, all func()) fyne.CanvasObject {
	box := container.NewVBox()
	for i := range min(n, todayMax) {
		e := entry(i)
		// Buttons do not truncate; a long line would widen the window.
		b := widget.NewButton(model.Ellipsize(e.text, todayChars), e.open)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	if n > todayMax {
		more := widget.NewButton(fmt.Sprintf("and %d more…", n-todayMax), all)
		more.Importance = widget.LowImportance
		more.Alignment = widget.ButtonAlignLeading
		box.Add(more)
	}
	if n == 0 {
		box.Add(widget.NewLabel(none))
	}
	if n > 0 {
		title = fmt.Sprintf("%s (%d)", title, n)
	}
	return widget.NewCard(title, strings.TrimSpace(subtitle), box)
}
