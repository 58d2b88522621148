package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"solemate/model"
)

// todayMax is how many entries a Today card lists before "and N more".
const todayMax = 8

// todayScreen is the start screen: a column of cards answering "what do I
// owe whom now". Each entry opens the thing it names.
type todayScreen struct {
	sh      *shell
	nav     navigator
	root    *fyne.Container
	heading *widget.Label
	date    *widget.Label
	// cards are two columns, each card as tall as its entries.
	cards   *fyne.Container
	scroll  *wheelScroll
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
	t.cards = container.NewGridWithColumns(2, container.NewVBox(), container.NewVBox())
	t.scope = newScopeSwitch(sh, t.load)
	t.scroll = newWheelScroll(container.NewPadded(t.cards))
	t.body = container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, container.NewHBox(t.heading, t.date), t.scope.sel)), nil, nil, nil, t.scroll)
	t.scope.holder = t.body
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
	due := todayCard("One-on-ones due", "Due today or overdue", "No one-on-ones due. A good day to walk the floor.",
		v.DueToday+v.Overdue, func(i int) todayEntry {
			r := v.Due[i]
			return todayEntry{text: r.DisplayName() + " — " + model.DueText(r.NextDue, today), open: openPerson(r.ID)}
		},
		func() { nav.goTo(screenOneOnOnes) })

	follow := todayCard("Follow-ups", "Worth asking about today", "Nothing to follow up on today.",
		len(v.FollowUps), func(i int) todayEntry { return t.followUpEntry(v.FollowUps[i]) },
		func() { t.showFollowUps(v.FollowUps) })

	actions := todayCard("Actions", fmt.Sprintf("Overdue or due within %d days", model.DueSoonDays), "No actions due. Nice.",
		len(v.Actions), func(i int) todayEntry {
			a := v.Actions[i]
			state := "due " + formatDay(a.Due)
			if a.Overdue {
				state = "overdue since " + formatDay(a.Due)
			}
			open := openPerson(a.PersonID)
			if a.Mine { // not a report's: where it is ticked off
				open = nav.openTeamActions
			}
			return todayEntry{text: listedAction(a) + " — " + state, open: open}
		},
		nav.openTeamActions)

	cohorts := todayCard("Cohorts", "Hires behind, and milestones due this week", "No cohort milestones this week.",
		len(v.Behind)+len(v.Milestones), func(i int) todayEntry {
			if i < len(v.Behind) {
				b := v.Behind[i]
				return todayEntry{text: b.Text(), open: openCohort(b.CohortID)}
			}
			m := v.Milestones[i-len(v.Behind)]
			return todayEntry{text: fmt.Sprintf("%s · %s — due %s, %s", m.CohortName, m.Title, formatDay(m.Due), m.LeftText()), open: openCohort(m.CohortID)}
		},
		func() { nav.goTo(screenCohorts) })

	// The prompt heads the shorter column, in view without scrolling.
	right := []fyne.CanvasObject{follow, cohorts}
	if v.Prompt.Text != "" {
		p := widget.NewLabel(v.Prompt.Text)
		p.Wrapping = fyne.TextWrapWord
		p.TextStyle = fyne.TextStyle{Italic: true}
		pt := widget.NewLabel(v.Prompt.Theme)
		pt.SizeName = theme.SizeNameCaptionText
		right = append([]fyne.CanvasObject{widget.NewCard("", "Prompt of the day", container.NewVBox(p, pt))}, right...)
	}
	columns := t.cards.Objects
	columns[0].(*fyne.Container).Objects = []fyne.CanvasObject{due, actions}
	columns[1].(*fyne.Container).Objects = right
	t.scroll.reflow()
	if f := t.sh.onDay; f != nil {
		t.sh.onDay = nil
		f(v)
	}
}

// followUpEntry is a follow-up due on Today: whom to ask about what, which
// opens their page, and a button to say it was asked.
func (t *todayScreen) followUpEntry(f model.DueFollowUp) todayEntry {
	who := model.ShortName(f.PersonName, "")
	return todayEntry{
		text:  fmt.Sprintf("Ask %s about “%s”%s (raised %s)", who, f.Text, privateMark(f.Private), f.RaisedAt.Local().Format("Mon 2 Jan")),
		open:  func() { t.nav.openOneOnOnes(f.PersonID) },
		asked: func() { markAsked(t.sh, who, f.FollowUp, func(model.Item) { t.load() }) },
	}
}

// showFollowUps lists every follow-up due, each with its Asked button: the
// card shows only the first todayMax.
func (t *todayScreen) showFollowUps(fus []model.DueFollowUp) {
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(fus) },
		func() fyne.CanvasObject {
			asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), nil)
			return container.NewBorder(nil, nil, nil, asked, newTwoLineRow("Raised Tue 3 Mar"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			f := fus[id]
			c := o.(*fyne.Container)
			who := model.ShortName(f.PersonName, "")
			setTwoLineRow(c.Objects[0], fmt.Sprintf("Ask %s about “%s”%s", who, f.Text, privateMark(f.Private)), f.PersonName+" · raised "+f.RaisedAt.Local().Format("Mon 2 Jan"))
			c.Objects[1].(*widget.Button).OnTapped = func() {
				d.Hide()
				markAsked(t.sh, who, f.FollowUp, func(model.Item) { t.load() })
			}
		})
	list.OnSelected = func(id widget.ListItemID) {
		d.Hide()
		t.nav.openOneOnOnes(fus[id].PersonID)
	}
	d = dialog.NewCustom(fmt.Sprintf("Follow-ups due (%d)", len(fus)), "Close", list, t.sh.win)
	d.Resize(fyne.NewSize(640, 480))
	t.sh.showDialog(d)
}

// todayEntry is one line of a Today card, what clicking it opens and, for
// a follow-up, what its Asked button does.
type todayEntry struct {
	text  string
	open  func()
	asked func()
}

// todayCard lists n entries (up to todayMax of them, made by entry, then a
// link to the rest, all) under a title with their count, or says none when
// there are none. Entries wrap: they are read in full.
func todayCard(title, subtitle, none string, n int, entry func(int) todayEntry, all func()) fyne.CanvasObject {
	box := container.NewVBox()
	for i := range min(n, todayMax) {
		e := entry(i)
		link := widget.NewHyperlink(e.text, nil)
		link.Wrapping = fyne.TextWrapWord
		link.OnTapped = e.open
		var row fyne.CanvasObject = link
		if e.asked != nil {
			asked := widget.NewButtonWithIcon("Asked", theme.ConfirmIcon(), e.asked)
			asked.Importance = widget.LowImportance
			row = container.NewBorder(nil, nil, nil, container.NewCenter(asked), link)
		}
		box.Add(row)
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

// privateMark marks what is private where a screen may be shared.
func privateMark(private bool) string {
	if private {
		return " (private)"
	}
	return ""
}
